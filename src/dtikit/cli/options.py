"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dtikit.writers import names

# the --format choices: every format of the registry (dtikit.writers), in its order
Format = StrEnum("Format", [(name, name) for name in names()])


def _given_on_the_line(ctx: typer.Context, value: str | None) -> str | None:
    """The --data of the command line; None when it came from DTIKIT_DATA, which the store then reads
    itself, so that a message about it names DTIKIT_DATA, not --data."""
    source = ctx.get_parameter_source("data")  # Click's ParameterSource (Typer vendors Click: by its name)
    return None if getattr(source, "name", None) == "ENVIRONMENT" else value


def data_option(help: str) -> Any:
    """The --data option (a store folder, or DTIKIT_DATA), with what the command does with it."""
    return Annotated[
        # text, not a Path: Click's path type folds 's3://b/x' into 's3:/b/x' before the store refuses it
        str | None,
        typer.Option(
            "--data", envvar="DTIKIT_DATA", show_envvar=True, metavar="<dir>", callback=_given_on_the_line, help=help
        ),
    ]


DataOption = data_option("help.option.data")
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="help.option.format",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="help.option.output",
    ),
]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help="help.option.year")]
IndicatorOption = Annotated[
    str | None,
    typer.Option("--indicator", "-i", help="help.option.indicator_or_headline"),
]
ProvinceOption = Annotated[str, typer.Option("--province", "-p", help="help.option.province")]
GeographyOption = Annotated[
    int,
    typer.Option("--geography", "-g", help="help.option.geography"),
]
YearGeographyOption = Annotated[
    int | None,
    typer.Option("--geography", "-g", help="help.option.year_geography"),
]
ChartOption = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        dir_okay=False,
        help="help.option.chart",
    ),
]
HighlightOption = Annotated[
    list[str] | None,
    typer.Option("--highlight", help="help.option.highlight"),
]


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class MapBy(StrEnum):
    rank = "rank"
    value = "value"


class ReportFormat(StrEnum):
    html = "html"
    docx = "docx"


# map's and report's own --lang: without it, the language of the run (dtikit.messages.language)
LangOption = Annotated[Lang | None, typer.Option("--lang", case_sensitive=False, help="help.option.lang")]


def words_of(lang: Lang | None) -> str:
    """The language of a file's words: its own --lang, else the run's (--lang, DTIKIT_LANG, LC_ALL/LANG, en)."""
    from dtikit.messages import language

    return lang.value if lang is not None else language()


def typed(ctx: typer.Context) -> list[str] | None:
    """The command line after ``dtikit`` as ``dtikit.cli.main`` was given it (the store's log records it);
    None when the command was invoked another way (a test's runner): then the log says how Python ran."""
    from dtikit.cli.context import Run

    given = ctx.find_root().obj
    return given.args if isinstance(given, Run) else None
