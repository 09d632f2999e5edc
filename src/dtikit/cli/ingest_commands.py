"""``dtikit ingest`` and ``dtikit validate``: options, progress and problem reports.

No ``from __future__ import annotations``: Typer reads the annotations of each command (and of the
callback), which as texts ``typing.get_type_hints`` would parse and evaluate in every run.
"""

from contextlib import contextmanager
from typing import Annotated

import typer

from dtikit.cli.options import FormatOption, data_option, typed
from dtikit.cli.output import emit
from dtikit.messages import say

# the parameters of ingest and validate that say how to read a file (the rest say what to do)
_READING = (
    "indicator",
    "year",
    "unit",
    "source",
    "source_kind",
    "encoding",
    "header_row",
    "skip_rows",
    "new_indicators",
    "regions",
    "geography",
)


def _options(given: dict):
    """The reading options of ``ingest``/``validate`` (their parameters ``given``), checked up front."""
    import codecs

    from dtikit import geography as geographies
    from dtikit.errors import UsageError
    from dtikit.ingest.run import SOURCE_KINDS, Options

    if given["decimal_comma"] and given["decimal_point"]:
        raise UsageError(say("ingest.both_conventions"))
    if given.get("source_kind", "user") not in SOURCE_KINDS:
        raise UsageError(say("ingest.source_kind", kind=given["source_kind"], kinds=", ".join(SOURCE_KINDS)))
    if given["encoding"] is not None:
        try:
            codecs.lookup(given["encoding"])
        except LookupError:
            raise UsageError(say("ingest.encoding_option", encoding=given["encoding"])) from None
    if given.get("geography") is not None and not geographies.is_held(given["geography"]):
        raise UsageError(geographies.refused(given["geography"]))
    if given.get("regions", "skip") not in ("skip", "keep"):
        raise UsageError(say("ingest.regions_option", given=given["regions"]))
    convention = "comma" if given["decimal_comma"] else "point" if given["decimal_point"] else None
    return Options(
        convention=convention,
        sheets=list(given["sheet"] or []),
        mappings=list(given["mapping"] or []),
        **{k: given[k] for k in _READING if k in given},
    )


def _settled() -> None:
    """Leave what the process has imported out of the garbage collector's later passes (``gc.freeze``).

    The modules, classes and functions of Typer, Polars, Pydantic and dtikit (about 49,000 objects the
    collector tracks) live until the process ends; an ingest's reading allocates enough to start a
    full collection, which walked them all again for nothing (a 3,000-row CSV: one pass, about 25 ms).
    What the command allocates from here on is collected as before. Once a process: a process that
    runs many commands (a test session) would otherwise keep each one's garbage of the moment for good."""
    import gc

    if not gc.get_freeze_count():
        gc.freeze()


# the columns of the plan of ``ingest --dry-run`` a person reads, most important first
# what is written first (the first two columns are never left out to fit), then where it was read and what it replaces
PLAN_SHOWN = ["province", "year", "indicator", "value", "action", "file", "row", "held_value", "held_source"]
# the columns of a problem a person reads: its message says the rule in words (machine formats keep its id)
SAID = ["file", "row", "column", "message"]


def problem_table(problems, fmt=None):
    """One row per problem: file, row, column, rule, message (the ``validate --format`` table).

    The message is in the run's language in a table for people, in English in machine formats.
    """
    import sys

    import polars as pl

    from dtikit.render import default_format
    from dtikit.writers import WRITERS

    name = fmt.value if fmt is not None else default_format(sys.stdout)
    lang = None if WRITERS[name].for_people else "en"  # the run's language for people, English for machines
    schema = {"file": pl.String, "row": pl.Int64, "column": pl.String, "rule": pl.String, "message": pl.String}
    rows = [(p.file, p.row, p.column, p.rule or None, p.text(lang)) for p in problems]
    return pl.DataFrame(rows, schema=schema, orient="row")


# help texts are said in the run's language, chosen before the command line's modules are imported
IngestData = data_option("ingest.help.data")
ValidateData = data_option("ingest.help.validate_data")
FilesArgument = Annotated[list[str], typer.Argument(help="ingest.help.files")]
IngestIndicator = Annotated[str | None, typer.Option("--indicator", "-i", help="ingest.help.indicator")]
IngestYear = Annotated[int | None, typer.Option("--year", "-y", help="ingest.help.year")]
IngestGeography = Annotated[int | None, typer.Option("--geography", "-g", help="ingest.help.geography")]
UnitOption = Annotated[str | None, typer.Option("--unit", help="ingest.help.unit")]
SourceOption = Annotated[str | None, typer.Option("--source", help="ingest.help.source")]
SourceKindOption = Annotated[str, typer.Option("--source-kind", help="ingest.help.source_kind")]
EncodingOption = Annotated[str | None, typer.Option("--encoding", help="ingest.help.encoding")]
CommaOption = Annotated[bool, typer.Option("--decimal-comma", help="ingest.help.decimal_comma")]
PointOption = Annotated[bool, typer.Option("--decimal-point", help="ingest.help.decimal_point")]
SheetOption = Annotated[list[str] | None, typer.Option("--sheet", help="ingest.help.sheet")]
MapOption = Annotated[list[str] | None, typer.Option("--map", help="ingest.help.map")]
HeaderRowOption = Annotated[int | None, typer.Option("--header-row", min=1, help="ingest.help.header_row")]
SkipRowsOption = Annotated[int, typer.Option("--skip-rows", min=0, help="ingest.help.skip_rows")]
NewIndicatorsOption = Annotated[bool, typer.Option("--new-indicators", help="ingest.help.new_indicators")]
RegionsOption = Annotated[str, typer.Option("--regions", metavar="skip|keep", help="ingest.help.regions")]
ReplaceOption = Annotated[bool, typer.Option("--replace", help="ingest.help.replace")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="ingest.help.dry_run")]


@contextmanager
def ingest_progress(steps: int):
    """A progress bar on stderr when stderr is a terminal: ``steps`` steps, each named as it starts.

    Polars reports no progress inside a query, so the bar moves by step (reading and checking
    each file, comparing with the store, writing), with the time elapsed.
    """
    import sys

    if not sys.stderr.isatty():
        yield lambda step: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(say("ingest.progress.starting"), total=steps)
        started = []

        def step(description: str) -> None:
            if started:
                bar.advance(task)
            started.append(description)
            bar.update(task, description=description)

        yield step


def _report(problems, notes, limit: int = 20, hidden: dict[str, int] | None = None) -> None:
    import sys

    from dtikit.cli.output import note
    from dtikit.errors import one_line

    for message in notes:
        note(message)
    by_file: dict[str, list] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    for file, found in by_file.items():
        for problem in found[:limit]:
            print(say("ingest.error_line", text=one_line(str(problem))), file=sys.stderr)
        more = max(0, len(found) - limit) + (hidden or {}).get(file, 0)
        if more > 0:
            print(say("ingest.error_line", text=say("ingest.more_problems", file=file, n=more)), file=sys.stderr)


def ingest(
    ctx: typer.Context,
    files: FilesArgument,
    data: IngestData = None,
    indicator: IngestIndicator = None,
    year: IngestYear = None,
    geography: IngestGeography = None,
    unit: UnitOption = None,
    source: SourceOption = None,
    source_kind: SourceKindOption = "user",
    encoding: EncodingOption = None,
    decimal_comma: CommaOption = False,
    decimal_point: PointOption = False,
    sheet: SheetOption = None,
    mapping: MapOption = None,
    header_row: HeaderRowOption = None,
    skip_rows: SkipRowsOption = 0,
    new_indicators: NewIndicatorsOption = False,
    regions: RegionsOption = "skip",
    replace: ReplaceOption = False,
    dry_run: DryRunOption = False,
    format: FormatOption = None,
) -> None:
    # the help (``ingest.help.ingest``) is set below, in the run's language
    from dtikit.cli.output import note, warning
    from dtikit.ingest.run import ConflictsRefused, ValidationFailed
    from dtikit.ingest.run import ingest as run_ingest

    _settled()
    options = _options(locals())
    try:
        with ingest_progress(len(files) + 2) as progress:
            result = run_ingest(
                files,
                str(data) if data else None,
                options,
                replace=replace,
                dry_run=dry_run,
                progress=progress,
                command=typed(ctx),
            )
    except ValidationFailed as exc:
        _report(exc.problems, exc.notes, hidden=exc.hidden)
        raise
    except ConflictsRefused as exc:
        _report([], exc.notes)
        for row in exc.conflicts.head(20).iter_rows(named=True):
            note(say("ingest.note.conflict", **row))
        raise
    _report([], result.notes)
    for message in result.warnings:
        warning(message)
    c = result.counts
    replaced = c["conflict"] if replace or dry_run else 0
    if dry_run:
        note(say("ingest.note.dry_run", added=c["add"], replaced=replaced, held=c["same"]))
    else:
        key = "ingest.note.added" if result.written else "ingest.note.added_unchanged"
        note(say(key, added=c["add"], replaced=replaced, held=c["same"]))
    if dry_run:
        emit(
            result.plan,
            format,
            title=say("title.ingest_plan"),
            table_columns=[c for c in PLAN_SHOWN if c in result.plan.columns],
            drop_first=["held_source", "held_value", "file"],
            keep=["indicator", "value", "action"],  # what is written and how stay on a narrow terminal
        )
    elif format is not None:
        import polars as pl

        counts = {"added": c["add"], "replaced": replaced, "already_held": c["same"], "written": result.written}
        emit(pl.DataFrame([counts]), format, title=say("title.ingested"))


def validate(
    files: FilesArgument,
    data: ValidateData = None,
    indicator: IngestIndicator = None,
    year: IngestYear = None,
    geography: IngestGeography = None,
    unit: UnitOption = None,
    encoding: EncodingOption = None,
    decimal_comma: CommaOption = False,
    decimal_point: PointOption = False,
    sheet: SheetOption = None,
    mapping: MapOption = None,
    header_row: HeaderRowOption = None,
    skip_rows: SkipRowsOption = 0,
    new_indicators: NewIndicatorsOption = False,
    regions: RegionsOption = "skip",
    format: FormatOption = None,
) -> None:
    # the help (``ingest.help.validate``) is set below, in the run's language
    from dtikit.cli.output import note
    from dtikit.ingest.run import ValidationFailed
    from dtikit.ingest.run import validate as run_validate

    _settled()
    options = _options(locals())
    try:
        checks, notes = run_validate(files, options, str(data) if data else None)
    except ValidationFailed as exc:
        if format is None:
            _report(exc.problems, exc.notes, hidden=exc.hidden)
            raise
        _report([], exc.notes)
        hidden = [say("ingest.note.not_listed", file=file, n=n) for file, n in exc.hidden.items() if n]
        emit(problem_table(exc.problems, format), format, notes=hidden, title=say("title.problems"), table_columns=SAID)
        raise
    _report([], notes)
    if format is not None:
        emit(problem_table([], format), format, title=say("title.problems"), table_columns=SAID)
    for c in checks:
        if c.targets is not None:
            note(say("ingest.note.valid_targets", file=c.name, n=c.targets.height))
        else:
            note(say("ingest.note.valid_values", file=c.name, n=c.count))


ingest.__doc__ = "ingest.help.ingest"
validate.__doc__ = "ingest.help.validate"
