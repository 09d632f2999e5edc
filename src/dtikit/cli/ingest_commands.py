"""``dtikit ingest`` and ``dtikit validate``: options, progress and problem reports."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated

import typer

from dtikit.cli.options import FormatOption, data_option
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
)


def _options(given: dict):
    """The reading options of ``ingest``/``validate`` (their parameters ``given``), checked up front."""
    import codecs

    from dtikit.errors import UsageError
    from dtikit.ingest.run import SOURCE_KINDS, Options

    if given["decimal_comma"] and given["decimal_point"]:
        raise UsageError("give --decimal-comma or --decimal-point, not both")
    if given.get("source_kind", "user") not in SOURCE_KINDS:
        raise UsageError(f"--source-kind {given['source_kind']!r}: choose one of {', '.join(SOURCE_KINDS)}")
    if given["encoding"] is not None:
        try:
            codecs.lookup(given["encoding"])
        except LookupError:
            raise UsageError(
                f"--encoding {given['encoding']!r} is not an encoding Python knows; e.g. utf-8, utf-16, cp1258, latin-1"
            ) from None
    convention = "comma" if given["decimal_comma"] else "point" if given["decimal_point"] else None
    return Options(
        convention=convention,
        sheets=list(given["sheet"] or []),
        mappings=list(given["mapping"] or []),
        **{k: given[k] for k in _READING if k in given},
    )


def problem_table(problems):
    """One row per problem: file, row, column, rule, message (the ``validate --format`` table)."""
    import polars as pl

    schema = {"file": pl.String, "row": pl.Int64, "column": pl.String, "rule": pl.String, "message": pl.String}
    rows = [(p.file, p.row, p.column, p.rule or None, p.message) for p in problems]
    return pl.DataFrame(rows, schema=schema, orient="row")


IngestData = data_option(
    "Store folder to write (default: your store, created on the first ingest; a new folder starts as a copy of "
    "the bundled figures, which are never written)."
)
ValidateData = data_option(
    "Store to check against, for known indicators and names (default: the store queries read); nothing is written."
)
FilesArgument = Annotated[list[str], typer.Argument(help="CSV, TSV, Parquet or Excel (.xlsx) files; - reads stdin.")]
IngestIndicator = Annotated[
    str | None, typer.Option("--indicator", "-i", help="Indicator of score/rank/year columns (default: the DTI).")
]
IngestYear = Annotated[int | None, typer.Option("--year", "-y", help="Year of the values, when the file has none.")]
UnitOption = Annotated[str | None, typer.Option("--unit", help="Unit of the values, when the file has none.")]
SourceOption = Annotated[str | None, typer.Option("--source", help="Where the figures come from (URL or document).")]
SourceKindOption = Annotated[str, typer.Option("--source-kind", help="user, official, government, press or secondary.")]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", help="Text encoding (default: detected; e.g. utf-8, utf-16, cp1258).")
]
CommaOption = Annotated[bool, typer.Option("--decimal-comma", help="Numbers are written 0,7111 and 1.753.")]
PointOption = Annotated[bool, typer.Option("--decimal-point", help="Numbers are written 0.7111 and 1,753.")]
SheetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sheet",
        help="Workbook sheet to read (default: the first); repeatable; 'all' reads every sheet in one commit.",
    ),
]
MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help="'HEADER=ROLE', 'C=ROLE' (column letter) or '#3=ROLE' (position): province, year, indicator, "
        "value, unit, period, source, ignore or an indicator id. Repeatable.",
    ),
]
HeaderRowOption = Annotated[
    int | None, typer.Option("--header-row", min=1, help="The header's row number (default: found).")
]
SkipRowsOption = Annotated[int, typer.Option("--skip-rows", min=0, help="Rows above the table to pass over.")]
NewIndicatorsOption = Annotated[
    bool,
    typer.Option("--new-indicators", help="Add each unknown column of numbers as a new indicator named by its header."),
]


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
        task = bar.add_task("starting", total=steps)
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
            print(f"dtikit: error: {one_line(str(problem))}", file=sys.stderr)
        more = max(0, len(found) - limit) + (hidden or {}).get(file, 0)
        if more > 0:
            print(f"dtikit: error: {file}: ... and {more} more problems", file=sys.stderr)


def ingest(
    files: FilesArgument,
    data: IngestData = None,
    indicator: IngestIndicator = None,
    year: IngestYear = None,
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
    replace: Annotated[bool, typer.Option("--replace", help="Replace held values that differ (recorded).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    format: FormatOption = None,
) -> None:
    """Add indicator tables to a store: validated, with provenance, atomically.

    The store is --data DIR or DTIKIT_DATA (the bundled figures are never written; a new folder
    starts as a copy of them). With --dry-run, stdout lists each value and its action (add, same,
    conflict); with --format, stdout gives the counts (added, replaced, already_held, written).
    """
    from dtikit.cli.output import note, warning
    from dtikit.ingest.run import ConflictsRefused, ValidationFailed
    from dtikit.ingest.run import ingest as run_ingest

    options = _options(locals())
    try:
        with ingest_progress(len(files) + 2) as progress:
            result = run_ingest(
                files, str(data) if data else None, options, replace=replace, dry_run=dry_run, progress=progress
            )
    except ValidationFailed as exc:
        _report(exc.problems, exc.notes, hidden=exc.hidden)
        raise
    except ConflictsRefused as exc:
        _report([], exc.notes)
        for row in exc.conflicts.head(20).iter_rows(named=True):
            note(
                f"conflict: {row['file']} row {row['row']}: {row['province']} {row['year']} {row['indicator']} = "
                f"{row['value']:g}, held {row['held_value']:g} ({row['held_source']})"
            )
        raise
    _report([], result.notes)
    for message in result.warnings:
        warning(message)
    c = result.counts
    replaced = c["conflict"] if replace or dry_run else 0
    if dry_run:
        note(f"would add {c['add']}, would replace {replaced}, already held {c['same']}; nothing written (dry run)")
    else:
        changed = "" if result.written else "; store unchanged"
        note(f"added {c['add']}, replaced {replaced}, already held {c['same']}{changed}")
    if dry_run:
        emit(result.plan, format, title=say("title.ingest_plan"))
    elif format is not None:
        import polars as pl

        counts = {"added": c["add"], "replaced": replaced, "already_held": c["same"], "written": result.written}
        emit(pl.DataFrame([counts]), format, title=say("title.ingested"))


def validate(
    files: FilesArgument,
    data: ValidateData = None,
    indicator: IngestIndicator = None,
    year: IngestYear = None,
    unit: UnitOption = None,
    encoding: EncodingOption = None,
    decimal_comma: CommaOption = False,
    decimal_point: PointOption = False,
    sheet: SheetOption = None,
    mapping: MapOption = None,
    header_row: HeaderRowOption = None,
    skip_rows: SkipRowsOption = 0,
    new_indicators: NewIndicatorsOption = False,
    format: FormatOption = None,
) -> None:
    """Check files as ingest would, and write nothing. Exit 1 when a file is invalid.

    Problems go to stderr; with --format, stdout lists them instead, one row per problem
    (file, row, column, rule, message; only the header when every file is valid).
    """
    from dtikit.cli.output import note
    from dtikit.ingest.run import ValidationFailed
    from dtikit.ingest.run import validate as run_validate

    options = _options(locals())
    try:
        checks, notes = run_validate(files, options, str(data) if data else None)
    except ValidationFailed as exc:
        if format is None:
            _report(exc.problems, exc.notes, hidden=exc.hidden)
            raise
        _report([], exc.notes)
        hidden = [f"{file}: {n} more problems not listed" for file, n in exc.hidden.items() if n]
        emit(problem_table(exc.problems), format, notes=hidden, title=say("title.problems"))
        raise
    _report([], notes)
    if format is not None:
        emit(problem_table([]), format, title=say("title.problems"))
    for c in checks:
        what = f"{c.targets.height} targets" if c.targets is not None else f"{c.count} values"
        note(f"{c.name}: valid, {what}")
