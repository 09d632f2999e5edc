"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    ndjson = "ndjson"
    markdown = "markdown"
    xlsx = "xlsx"


def data_option(help: str) -> Any:
    """The --data option (a store folder, or DTIKIT_DATA), with what the command does with it."""
    return Annotated[
        Path | None, typer.Option("--data", envvar="DTIKIT_DATA", show_envvar=True, file_okay=False, help=help)
    ]


DataOption = data_option(
    "Store folder to read (default: your store once you have ingested, else the bundled published figures; "
    "'dtikit store path' says which)."
)
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format (default: table on a terminal, csv otherwise; xlsx for an --output FILE.xlsx).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="Write to FILE instead of stdout (any format; xlsx needs it).",
    ),
]
YearOption = Annotated[
    int | None, typer.Option("--year", "-y", help="DTI year (the year measured, published a year later).")
]
IndicatorOption = Annotated[
    str,
    typer.Option("--indicator", "-i", help="overall, gov, econ, society, or an indicator id such as dti_awareness."),
]
ProvinceOption = Annotated[
    str, typer.Option("--province", "-p", help="Province, as written anywhere ('kon tum', 'TP.HCM').")
]
GeographyOption = Annotated[
    int,
    typer.Option("--geography", "-g", help="63: the provinces until mid-2025; 34: the units formed in 2025."),
]
ChartOption = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        dir_okay=False,
        help="Also draw the answer as a chart into this file (.svg or .png); stdout still carries the table.",
    ),
]
HighlightOption = Annotated[
    list[str] | None,
    typer.Option("--highlight", help="Province to pick out in the chart or map (repeatable)."),
]


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class MapBy(StrEnum):
    rank = "rank"
    value = "value"


LangOption = Annotated[Lang, typer.Option("--lang", case_sensitive=False, help="Language of the words: vi or en.")]
