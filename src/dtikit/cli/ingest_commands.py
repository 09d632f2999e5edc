"""``dtikit ingest`` and ``dtikit validate``: options, progress and problem reports."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated

import typer

from dtikit.cli.options import DataOption, FormatOption
from dtikit.cli.output import emit


def _options(*, decimal_comma: bool, decimal_point: bool, sheet, mapping, **given):
    from dtikit.errors import UsageError
    from dtikit.ingest.run import SOURCE_KINDS, Options

    if decimal_comma and decimal_point:
        raise UsageError("give --decimal-comma or --decimal-point, not both")
    if given.get("source_kind", "user") not in SOURCE_KINDS:
        raise UsageError(f"--source-kind {given['source_kind']!r}: choose one of {', '.join(SOURCE_KINDS)}")
    convention = "comma" if decimal_comma else "point" if decimal_point else None
    return Options(convention=convention, sheets=list(sheet or []), mappings=list(mapping or []), **given)


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
    data: DataOption = None,
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

    The store is --data DIR or DTIKIT_DATA; a new folder starts from the bundled figures.
    With --dry-run, stdout lists each value and its action (add, same, conflict).
    """
    from dtikit.cli.output import note
    from dtikit.ingest.run import ConflictsRefused, ValidationFailed
    from dtikit.ingest.run import ingest as run_ingest

    options = _options(
        indicator=indicator,
        year=year,
        unit=unit,
        source=source,
        source_kind=source_kind,
        encoding=encoding,
        decimal_comma=decimal_comma,
        decimal_point=decimal_point,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        skip_rows=skip_rows,
        new_indicators=new_indicators,
    )
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
    c = result.counts
    replaced = c["conflict"] if replace or dry_run else 0
    if dry_run:
        note(f"would add {c['add']}, would replace {replaced}, already held {c['same']}; nothing written (dry run)")
    else:
        changed = "" if result.written else "; store unchanged"
        note(f"added {c['add']}, replaced {replaced}, already held {c['same']}{changed}")
    if dry_run:
        emit(result.plan, format, title="Ingest plan")


def validate(
    files: FilesArgument,
    data: DataOption = None,
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
) -> None:
    """Check files as ingest would, and write nothing. Exit 1 when a file is invalid."""
    from dtikit.cli.output import note
    from dtikit.ingest.run import ValidationFailed
    from dtikit.ingest.run import validate as run_validate

    options = _options(
        indicator=indicator,
        year=year,
        unit=unit,
        encoding=encoding,
        decimal_comma=decimal_comma,
        decimal_point=decimal_point,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        skip_rows=skip_rows,
        new_indicators=new_indicators,
    )
    try:
        checks, notes = run_validate(files, options, str(data) if data else None)
    except ValidationFailed as exc:
        _report(exc.problems, exc.notes, hidden=exc.hidden)
        raise
    _report([], notes)
    for c in checks:
        what = f"{c.targets.height} targets" if c.targets is not None else f"{c.count} values"
        note(f"{c.name}: valid, {what}")
