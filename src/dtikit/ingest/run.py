"""``dtikit ingest`` and ``dtikit validate`` as library calls: read, check, plan, commit.

Every file is read and checked before anything is written; one problem in any file refuses
the whole command and leaves the store as it was. A value that differs from one already held
is a conflict, refused unless ``replace``; a replaced value is recorded on the new row
(``replaced_value``, ``replaced_source``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as replace_fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from dtikit import geography as geographies
from dtikit.errors import DataError, UsageError
from dtikit.frames import in_memory
from dtikit.ingest.accounting import is_blank
from dtikit.ingest.consistency import blank_row_zeros, rank_warnings
from dtikit.ingest.grid import letter
from dtikit.ingest.headers import HeaderMapper, IndicatorNames, parse_mappings, scored
from dtikit.ingest.identity import held_names, settle, update_catalog
from dtikit.ingest.layout import Layout, LayoutError, NoHeader, find_layout
from dtikit.ingest.naming import NewIndicator, NewIndicators
from dtikit.ingest.plan import counts_of, new_values, plan, plan_view, touched_keys
from dtikit.ingest.ragged import rows_beyond
from dtikit.ingest.read import RawTable, read_tables
from dtikit.ingest.targets import merge_targets, read_targets, targets_header, targets_missing
from dtikit.ingest.tidy import tidy_frame
from dtikit.ingest.units import Regions
from dtikit.ingest.validate import SHOWN, Checked, Problem, check, problem
from dtikit.messages import language, say, unit_label
from dtikit.provinces import ProvinceNames
from dtikit.runnable import is_runnable, runnable_note
from dtikit.storage import (
    INGESTS_COLUMNS,
    Store,
    Transaction,
    base_store,
    default_data_dir,
    given_store,
    is_store,
    observation_schema,
    record,
    schema,
    transaction,
    user_store,
    writable_root,
)
from dtikit.storage.files import clean_leftovers, refuse_disk_full, work_folder
from dtikit.storage.layout import scan_part
from dtikit.values import KEY

if TYPE_CHECKING:
    from dtikit.ingest.streamed import PlainFile

SOURCE_KINDS = ("user", "official", "government", "press", "secondary")
PLAN_COLUMNS = ["file", "row", "province", "year", "indicator", "held_value", "value", "action", "held_source"]
INGESTS_SCHEMA = schema(INGESTS_COLUMNS)
OBSERVATION_SCHEMA = observation_schema()


@dataclass
class Options:
    indicator: str | None = None
    year: int | None = None
    unit: str | None = None
    source: str | None = None
    source_kind: str = "user"
    encoding: str | None = None
    convention: str | None = None  # "comma", "point" or None (detect)
    sheets: list[str] = field(default_factory=list)  # workbook sheets: names, or ["all"]
    mappings: list[str] = field(default_factory=list)
    header_row: int | None = None  # 1-based, as a spreadsheet numbers rows
    skip_rows: int = 0
    new_indicators: bool = False
    dry_run: bool = False  # notes say "would be added"
    regions: str = "skip"  # rows of regions and of the country: "skip", or "keep" as their values
    geography: int | None = None  # the geography the file is in (``dtikit.geography``), else each year's


@dataclass
class FileCheck:
    name: str
    sha256: str
    checked: Checked
    notes: list[str]
    count: int = 0  # values that passed
    targets: pl.DataFrame | None = None  # for a targets table
    plain: PlainFile | None = None  # a large file checked and written in one pass
    sheet: str | None = None
    skipped: bool = False  # a table read before in this command, or a sheet with no table: notes only

    @property
    def problems(self) -> list[Problem]:
        return self.checked.problems

    @property
    def observations(self) -> pl.LazyFrame:
        return self.checked.observations


def _materialize(frame: pl.LazyFrame, workdir: Path | None, stem: str) -> pl.LazyFrame:
    """Compute ``frame`` once: into memory, or into a Parquet file of ``workdir`` for a large input."""
    if workdir is None:
        return frame.collect().lazy()
    path = workdir / f"{stem}.parquet"
    frame.sink_parquet(path)
    return pl.scan_parquet(path)


@dataclass
class Command:
    """What the files of one command share: the store read, the options, the header names and new indicators."""

    store: Store
    options: Options
    mapper: HeaderMapper = field(init=False)
    new: NewIndicators | None = field(init=False)
    indicator: str | None = field(init=False)  # --indicator as a catalog id (or a new id)
    # (size, sheet, sum) of the tables met: sums are compared only between files of one size, so that
    # a large file's sha256 is taken beside its reading, not waited for before it (0.3-0.4 s at 10M rows)
    seen: list[tuple[int | None, str | None, object]] = field(default_factory=list)

    def __post_init__(self) -> None:
        catalog = self.store.indicators()
        self.mapper = HeaderMapper(catalog, parse_mappings(self.options.mappings))
        names = IndicatorNames(catalog)
        self.new = NewIndicators(names, self.options.unit) if self.options.new_indicators else None
        self.indicator = _indicator_option(names, self.options)
        bundled = self.store if self.store.tables == default_data_dir() else Store(default_data_dir())
        self.fixed = set(bundled.indicators()["indicator"])  # the bundled catalog's ids

    def finish(self, checks: list[FileCheck]) -> None:
        """Refuse ``--map`` options that named no column of any file."""
        unused = self.mapper.unused()
        if unused and any(c.targets is None for c in checks):
            files = ", ".join(sorted({c.name for c in checks}))
            raise UsageError(say("ingest.map_unused", mapping=unused[0], files=files))

    def added(self) -> dict[str, NewIndicator]:
        return self.new.added if self.new is not None else {}


def _indicator_option(names: IndicatorNames, options: Options) -> str | None:
    """``--indicator`` as ``rank --indicator`` reads it: overall, a pillar, an id or a name in any spelling."""
    text = options.indicator
    if text is None:
        return None
    try:
        return names.catalog.resolve(text).id
    except UsageError as unknown:
        ident, is_new = names.resolve(text)
        if not is_new:
            return ident
        if options.new_indicators and len(names.catalog.matches(text)) == 0:
            return ident
        raise UsageError(say("ingest.indicator_or_new", unknown=unknown, text=text)) from None


def check_path(path: str, command: Command, workdir: Path | None = None) -> list[FileCheck]:
    """Read and validate one file (each chosen sheet of a workbook) against the command's store and names."""
    options = command.options
    tables = read_tables(path, encoding=options.encoding, sheets=options.sheets, workdir=workdir)
    checks = []
    size = _size(path)
    for table in tables:
        if _given_before(command, table, size):
            checks.append(_given_twice(table))
            continue
        check = check_table(table, command, workdir)
        if check is not None:
            scan = not check.skipped and (check.plain is None or check.plain.may_run)  # a plain part may not need it
            said = runnable_note(check.observations, check.name) if scan else None
            checks.append(check if said is None else replace_fields(check, notes=[*check.notes, said]))
    return checks


def _size(path: str) -> int | None:
    try:
        return Path(path).stat().st_size if path != "-" else None
    except OSError:
        return None


def _given_before(command: Command, table: RawTable, size: int | None) -> bool:
    """Whether the command met the same bytes (and sheet) before; else the table is remembered."""
    alike = [d for s, sheet, d in command.seen if sheet == table.sheet and (s == size or None in (s, size))]
    if any(str(digest) == table.sha256 for digest in alike):
        return True
    command.seen.append((size, table.sheet, table.digest))
    return False


def _given_twice(table: RawTable) -> FileCheck:
    return _skipped(table, say("ingest.note.given_twice", file=table.name))


def check_table(table: RawTable, command: Command, workdir: Path | None = None) -> FileCheck | None:
    """Validate one table; None for a sheet of ``--sheet all`` that holds no table of provinces."""
    store, options = command.store, command.options
    for index, row in enumerate(table.grid[:20]):
        columns = targets_header(row)
        if columns is not None:
            frame, problems, new = read_targets(
                table.rows(), index, columns, store, table.name, source=options.source, convention=options.convention
            )
            notes = [*table.notes, say("ingest.note.targets_table", file=table.name, row=index + 1)]
            notes += [say("ingest.note.target_indicator", file=table.name, id=i, text=t) for i, t in new.items()]
            checked = Checked(pl.LazyFrame(schema=OBSERVATION_SCHEMA), problems, [], dict.fromkeys(new))
            return FileCheck(table.name, table.sha256, checked, notes, 0, frame, sheet=table.sheet)
    try:
        layout = find_layout(
            table.grid,
            table.name,
            command.mapper,
            ProvinceNames(store),
            header_row=options.header_row,
            skip_rows=options.skip_rows,
            new=command.new,
            sheet=table.sheet,
            regions=Regions.of(store) if options.regions == "keep" else None,
        )
    except NoHeader as exc:
        if table.sheet is not None and any(s.strip().lower() == "all" for s in options.sheets):
            return _skipped(table, say("ingest.note.sheet_skipped", file=table.name))
        raise DataError(f"{exc}{_targets_hint(table)}{_encoding_hint(table)}") from None
    except LayoutError as exc:
        raise DataError(f"{exc}{_targets_hint(table)}{_encoding_hint(table)}") from None
    header = layout.header
    year = options.year if options.year is not None else table.year
    if table.year is not None and options.year is None:
        layout.notes.append(say("ingest.note.sheet_year", file=table.name, year=table.year))
    spill = workdir if table.stream is not None else None
    if spill is not None:
        spill = Path(tempfile.mkdtemp(prefix="check-", dir=spill))
    notes = [*table.notes, *layout.notes]
    # the one pass keeps no region, and reads the default geography's provinces only
    default = options.geography in (None, geographies.DEFAULT)
    # a year of the title, for a table with no year column, is read by the general checks
    titled = layout.title_year is not None and "year" not in layout.roles.values()
    if spill is not None and year is None and not titled and options.regions != "keep" and default:
        from dtikit.ingest.streamed import PlainFile, check_plain  # a large file's one pass (not a small file's)

        plain = check_plain(
            table,
            layout,
            header,
            store,
            unit=options.unit,
            convention=options.convention,
            workdir=spill,
            geography=options.geography,
        )
        if isinstance(plain, PlainFile):
            checked = Checked(_plain_observations(plain), [], plain.notes, plain.new_indicators, plain.new_texts)
            return FileCheck(table.name, table.sha256, checked, [*notes, *plain.notes], plain.count, plain=plain)
    try:
        with in_memory(spill is None):  # a table read into memory: its queries run in memory
            checked, tidy_notes, count = _check_general(table, layout, header, command, year, spill)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, pl.exceptions.SchemaError) as exc:  # the file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = say("ingest.hint.quote") if '"' in first else ""
        if "utf-8" in first.lower() and table.stream is not None:
            hint = say("ingest.hint.late_utf8")
        raise DataError(say("ingest.unreadable", file=table.name, kind=table.kind, reason=first) + hint) from None
    if not checked.problems and count == 0:
        checked.problems.append(problem(table.name, layout.header_row + 1, "", "no_values", "ingest.no_values"))
    notes += [*(f"{table.name}: {n}" for n in tidy_notes), *checked.notes]
    return FileCheck(table.name, table.sha256, checked, notes, count, sheet=table.sheet)


def _check_general(
    table: RawTable, layout: Layout, header: list[str], command: Command, year: int | None, spill: Path | None
) -> tuple[Checked, list[str], int]:
    """The general checks of a table (not the one pass): the checked rows, the notes of its tidying
    and its count of observations. ``spill``: a folder for the intermediate files of a large table."""
    options = command.options
    # a text table is read one cell wider than its header: a cell there is refused (``ragged``)
    cells = table.cells(layout.header_row, len(header) + (table.kind == "text"))
    tidy, tidy_notes = tidy_frame(cells, layout, header, indicator=command.indicator, year=year, name=table.name)
    tidy = _materialize(tidy, spill, "tidy")
    checked = check(
        tidy,
        command.store,
        table.name,
        unit=options.unit,
        convention=options.convention,
        materialize=lambda frame, stem: _materialize(frame, spill, stem),
        rows=cells.select("row", blank=is_blank([f"c{i}" for i in range(len(header))]), aside=layout.set_aside()),
        typed=table.kind != "text",
        keep=layout.region_rows if options.regions == "keep" else None,
        geography=options.geography,
    )
    if table.kind == "text":
        checked.problems[:0] = _beyond_header(cells, layout, header, table.name)
    return checked, tidy_notes, checked.observations.select(pl.len()).collect().item()


def _beyond_header(cells: pl.LazyFrame, layout: Layout, header: list[str], name: str) -> list[Problem]:
    """A problem for each of the first rows of a text table with a cell beyond its header."""
    width = len(header)
    found = rows_beyond(cells, width, layout.set_aside())
    return [
        problem(name, r["row"], letter(width), "beyond_header", "ingest.beyond_header", cell=r["cell"], width=width)
        for r in found.iter_rows(named=True)
    ]


def _skipped(table: RawTable, note: str) -> FileCheck:
    empty = Checked(pl.LazyFrame(schema=OBSERVATION_SCHEMA))
    return FileCheck(table.name, table.sha256, empty, [*table.notes, note], sheet=table.sheet, skipped=True)


def _targets_hint(table: RawTable) -> str:
    """What a table of targets needs, when a row of the first ones looks like the header of one."""
    for row in table.grid[:20]:
        missing = targets_missing(row)
        if missing:
            return say("ingest.hint.targets", missing=", ".join(say(f"ingest.targets_role.{m}") for m in missing))
    return ""


def _encoding_hint(table: RawTable) -> str:
    return say("ingest.hint.guessed", guessed=table.guessed) if table.guessed else ""


def _plain_observations(plain: PlainFile) -> pl.LazyFrame:
    """A part's rows as ``check`` gives observations (for the general comparison with the store)."""
    return scan_part(plain.part).with_columns(
        period=pl.coalesce("period", pl.col("year").cast(pl.String)), column=pl.lit(plain.value_column)
    )


def with_provenance(check_: FileCheck, options: Options, ingested_at: str) -> pl.LazyFrame:
    held = check_.observations.collect_schema().names()
    frame = check_.observations.with_columns(
        geography=pl.col("geography")
        if "geography" in held
        else pl.lit(geographies.DEFAULT),  # a region's: 6, the country's: 1
        source=pl.lit(_source(options, check_.name)),
        source_kind=pl.lit(options.source_kind),
        source_note=pl.coalesce(pl.col("source_note"), pl.lit("column ") + pl.col("column")),
        raw_file=pl.lit(check_.name),
        file_sha256=pl.lit(check_.sha256),
        ingested_at=pl.lit(ingested_at),
    )
    names = frame.collect_schema().names()
    return frame.select(
        *[pl.col(n).cast(t) if n in names else pl.lit(None, t).alias(n) for n, t in OBSERVATION_SCHEMA.items()],
        pl.col("column"),  # the file's column, for a problem to name (not stored)
    )


@dataclass
class IngestResult:
    plan: pl.DataFrame
    notes: list[str]
    written: bool
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)  # e.g. ranks of a year left inconsistent


def ingest(
    paths: list[str],
    data: str | None,
    options: Options,
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda step: None,
    command: list[str] | None = None,
) -> IngestResult:
    """Validate every file, then add its values to the store at ``data`` (unless ``dry_run``).

    ``progress`` is told each step as it starts (reading and checking a file, planning, writing);
    ``command`` is the command line the store's log records (``storage.transaction``).
    """
    root = writable_root(data)
    clean_leftovers(root)
    store = base_store(root)
    options = replace_fields(options, dry_run=dry_run)
    new_store = not is_store(root) and root == user_store()  # the default store, announced once
    # intermediate files beside the store when it exists, so that a part is renamed into place
    with work_folder(root) as workdir:
        try:
            result = _ingest(paths, root, store, workdir, options, replace, dry_run, progress, command)
        except Exception as exc:
            refuse_disk_full(exc, root, workdir)  # one line naming the store; nothing was written
            raise
    if result.written and new_store:
        result.notes.append(say("ingest.note.created_store", root=root))
    return result


def _ingest(
    paths: list[str],
    root: Path,
    store: Store,
    workdir: Path,
    options: Options,
    replace: bool,
    dry_run: bool,
    progress: Callable[[str], None],
    typed: list[str] | None,
) -> IngestResult:
    command = Command(store, options)
    checks, notes = check_paths(paths, command, workdir, progress)
    # to the microsecond: the latest ingest's value is chosen first, and two ingests of one script
    # often fall in the same second (a --replace then kept the older value, whose file sorted first)
    ingested_at = datetime.now(UTC).isoformat(timespec="microseconds")
    fresh = _fresh(store, checks, notes)
    if not fresh:
        return IngestResult(_no_plan(), notes, False, {"add": 0, "same": 0, "conflict": 0})
    if not dry_run and len(fresh) == 1 and fresh[0].plain is not None:
        progress(say("ingest.progress.writing", root=root))
        with transaction(root, command=typed) as tx:
            if not tx.changed_since(store):  # unchanged since the file was checked
                counts = _commit_part(tx, fresh[0], command, ingested_at)
                if counts["same"]:
                    notes.append(say("ingest.note.all_held"))
                return IngestResult(_no_plan(), notes, True, counts)
    # files read into memory: the queries of the plan and the commit run in memory (``frames.in_memory``)
    with in_memory(not _big(fresh)):
        return _plan_and_write(command, fresh, notes, ingested_at, root, workdir, replace, dry_run, progress, typed)


def _plan_and_write(
    command: Command,
    fresh: list[FileCheck],
    notes: list[str],
    ingested_at: str,
    root: Path,
    workdir: Path,
    replace: bool,
    dry_run: bool,
    progress: Callable[[str], None],
    typed: list[str] | None,
) -> IngestResult:
    """The fresh tables compared with the store, then written (unless ``dry_run``) in one transaction."""
    store, options = command.store, command.options
    progress(say("ingest.progress.comparing"))
    compared = _compare(store, fresh, options, ingested_at, workdir, replace or dry_run, notes)
    tables, new, ids, planned, counts = compared.tables, compared.new, compared.ids, compared.planned, compared.counts
    blank_zeros = compared.blank_zeros
    if counts["conflict"] and not replace and not dry_run:
        raise ConflictsRefused(plan_view(planned.filter(pl.col("action") == "conflict")), notes)
    if dry_run:
        return IngestResult(plan_view(planned), notes, False, counts, blank_zeros)
    if tables and counts["add"] == 0 and counts["conflict"] == 0:
        notes.append(say("ingest.note.all_held"))
    progress(say("ingest.progress.writing", root=root))
    with transaction(root, command=typed) as tx:
        checked_against, store = store, tx.still(store)
        if store is not checked_against:  # the store changed while the files were checked: planned anew
            planned = _materialize(plan(store, new, ids), workdir if compared.big else None, "plan-locked")
            counts = counts_of(planned)
        if counts["conflict"] and not replace:
            raise ConflictsRefused(plan_view(planned.filter(pl.col("action") == "conflict")), notes)
        targets = _new_targets(store, fresh, replace, [])
        planned = planned.with_columns(
            replaced_value=pl.when(pl.col("action") == "conflict").then(pl.col("held_value")),
            replaced_source=pl.when(pl.col("action") == "conflict").then(pl.col("held_source")),
        )
        # the main tables are rewritten with the rows of the keys the ingest gives again, wherever
        # they were held (their values merged there with the new ones); the rest is kept as it is
        touched = touched_keys(planned)
        tx.open(touched)
        held_observations = tx.rewritten("observations")
        observations = pl.concat([held_observations, planned.select(OBSERVATION_SCHEMA.keys())], how="vertical_relaxed")
        values, rewritten = new_values(tx.rewritten("values"), held_observations, planned, touched, len(tables) > 1)
        if rewritten.height:
            notes.append(_rewritten_note(rewritten))
        catalog = _catalog_with(store.indicators(), fresh, command)
        ranks = set(catalog.filter((pl.col("kind") == "rank") | (pl.col("unit") == "rank"))["indicator"])
        rank_ids = [i for i in ids if i in ranks]
        before = store.values(indicators=rank_ids).lazy()
        after = pl.concat([values, tx.left("values", rank_ids)])
        warnings = blank_zeros + rank_warnings(before, after, planned, ranks)
        # the tables an ingest changes; the others (national, provinces, aliases, regions, the catalog
        # unless the command changed it, and targets unless a file of targets is given) are taken over
        # as they are (writing each anew cost a small file's ingest 60-90 ms)
        tables_written = {"observations": observations, "values": values}
        if catalog is not store.indicators():  # else linked as it is
            tables_written["indicators"] = catalog
        if any(c.targets is not None for c in fresh):
            tables_written["targets"] = targets
        for name, frame in tables_written.items():
            tx.write(name, frame)
        tx.log_ingests(_log(fresh, options, ingested_at, planned))
        tx.commit(_record(fresh, counts))
    return IngestResult(_no_plan(), notes, True, counts, warnings)


def _rewritten_note(rewritten: pl.DataFrame) -> str:
    """That held values are now as the files give them (agreeing at the less precise), with the first."""
    first = rewritten.row(0, named=True)
    fields = {k: first[k] for k in ("province", "year", "indicator")}
    return say(
        "ingest.note.held_rewritten", n=rewritten.height, value=first["value_text"], held=first["held_text"], **fields
    )


def _fresh(store: Store, checks: list[FileCheck], notes: list[str]) -> list[FileCheck]:
    """The tables the store has not ingested yet; a note for each it has."""
    known = _ingested_files(store)
    for c in checks:
        if (c.sha256, c.sheet) in known:
            notes.append(say("ingest.note.already_ingested", file=c.name, at=known[c.sha256, c.sheet]))
    return [c for c in checks if (c.sha256, c.sheet) not in known]


@dataclass
class _Compared:
    """The fresh tables of values, their observations with provenance, their indicators, the plan
    (``plan.plan``), its counts, and whether it is large (kept in files)."""

    tables: list[FileCheck]
    new: pl.LazyFrame
    ids: list[str]
    planned: pl.LazyFrame
    counts: dict[str, int]
    big: bool
    blank_zeros: list[str]  # warnings: a lone 0 of a wide row read as missing (``consistency.blank_row_zeros``)


def _compare(
    store: Store,
    fresh: list[FileCheck],
    options: Options,
    ingested_at: str,
    workdir: Path,
    allow_changed_targets: bool,
    notes: list[str],
) -> _Compared:
    """The fresh tables compared with the store: files that disagree and changed targets are refused
    (unless ``allow_changed_targets``); a value that differs from a held one is a ``conflict`` of the plan."""
    tables = [c for c in fresh if c.targets is None]
    new = (
        pl.concat([with_provenance(c, options, ingested_at) for c in tables])
        if tables
        else pl.LazyFrame(schema=OBSERVATION_SCHEMA)
    )
    if len(tables) > 1:
        _refuse_disagreeing_files(new)
    new, blank_zeros = blank_row_zeros(new)  # a total of blank components is missing, not 0
    _new_targets(store, fresh, allow_changed_targets, notes)
    big = _big(fresh)
    ids = new.select(pl.col("indicator").unique()).collect()["indicator"].drop_nulls().to_list()
    planned = _materialize(plan(store, new, ids), workdir if big else None, "plan")
    return _Compared(tables, new, ids, planned, counts_of(planned), big, blank_zeros)


def _big(fresh: list[FileCheck]) -> bool:
    """Whether an ingest is large: its plan is kept in files, and its queries stream."""
    return any(c.count > 100_000 or c.plain is not None for c in fresh)


def _no_plan() -> pl.DataFrame:
    """The plan of an ingest that has nothing to list (already done, or written)."""
    return pl.DataFrame(schema=dict.fromkeys(PLAN_COLUMNS, pl.String))


def _commit_part(tx: Transaction, check_: FileCheck, command: Command, ingested_at: str) -> dict[str, int]:
    """Add a plain file's rows to the store as they were written: the tables it does not change are
    taken over as they are. A file that gives again every key and value of a part (a pipeline run
    again) is added beside it as the further source of those values (``Transaction.add_part``).
    Returns the counts, as ``plan.counts_of`` gives them."""
    options = command.options
    repeats = check_.plain.repeats
    counts = {"add": 0 if repeats else check_.count, "same": check_.count if repeats else 0, "conflict": 0}
    row = _log_row(
        check_,
        options,
        ingested_at,
        added=counts["add"],
        changed=0,
        unchanged=counts["same"],
        source_note=f"column {check_.plain.value_column}",
    )
    tx.write("indicators", _catalog_with(tx.store.indicators(), [check_], command))
    tx.add_part(check_.plain.part, check_.plain.indicators, row, repeats=repeats)
    tx.commit(_record([check_], counts))
    return counts


def _record(checks: list[FileCheck], counts: dict[str, int]) -> dict:
    """What the store's log says of an ingest: its files and sha256, values added, replaced and held."""
    files = [{"file": c.name, "sha256": c.sha256} for c in checks]
    return record("ingest", files, added=counts["add"], replaced=counts.get("conflict", 0), held=counts.get("same", 0))


def _new_targets(store: Store, checks: list[FileCheck], replace: bool, notes: list[str]) -> pl.DataFrame:
    """The targets table with the targets files of ``checks`` added; a changed target needs ``replace``."""
    added = [c.targets for c in checks if c.targets is not None]
    if not added:
        return store.targets()
    merged, conflicts = merge_targets(store.targets(), pl.concat(added))
    if conflicts.height and not replace:
        raise DataError(say("ingest.target_conflict", **conflicts.row(0, named=True), n=conflicts.height))
    count = sum(frame.height for frame in added)
    notes.append(say("ingest.note.targets_read", n=count, replacing=conflicts.height))
    return merged


def _refuse_disagreeing_files(new: pl.LazyFrame) -> None:
    cross = (
        new.group_by(KEY)
        .agg(pl.col("value").n_unique().alias("n"), pl.col("raw_file").unique())
        .filter(pl.col("n") > 1)
        .collect()
    )
    if cross.height:
        first = cross.row(0, named=True)
        files = say("ingest.and").join(first["raw_file"])
        key = {k: first[k] for k in ("province", "year", "indicator")}
        raise DataError(say("ingest.files_disagree", files=files, **key, n=cross.height))


def _ingested_files(store: Store) -> dict[tuple[str, str | None], str]:
    log = store.ingests()
    return {(sha, sheet): at for sha, sheet, at in log.select("file_sha256", "sheet", "ingested_at").iter_rows()}


def check_paths(
    paths: list[str], command: Command, workdir: Path, progress: Callable[[str], None] = lambda step: None
) -> tuple[list[FileCheck], list[str]]:
    """Check every file of a command; raise ``ValidationFailed`` with every problem found.

    Returns the tables to ingest and the notes (each new indicator listed once).
    """
    checks = []
    for path in paths:
        progress(say("ingest.progress.reading", path=path))
        checks += check_path(path, command, workdir)
    command.finish(checks)
    notes = [n for c in checks for n in c.notes]
    if is_runnable(command.options.source):
        notes.append(say("files.note.runnable_source", text=command.options.source, lead=command.options.source[0]))
    checks = [c for c in checks if not c.skipped]
    notes += settle(checks, command.new, command.mapper.names, command.fixed)
    problems = [p for c in checks for p in c.problems]
    notes += new_indicator_notes(checks, command, unwritten=bool(problems))
    if problems:
        raise ValidationFailed(problems, notes, {c.name: c.checked.hidden_problems for c in checks})
    return checks, notes


def new_catalog_rows(checks: list[FileCheck], command: Command) -> dict[str, dict]:
    """The catalog entries a command adds: id -> names, unit and kind."""
    named = command.added()
    rows: dict[str, dict] = {}
    for c in checks:
        for ident, unit in sorted(c.checked.new_indicators.items()):
            if ident in rows:
                continue
            text = c.checked.new_texts.get(ident)
            if ident == command.indicator and text in (None, ident):  # the name --indicator gave it
                text = command.options.indicator
            rank = ident.endswith("_rank") and text != ident  # the rank of a file's new indicator
            base = named.get(ident.removesuffix("_rank") if rank else ident)
            held = held_names(command.mapper.names, text) if rank and base is None else None
            name_vi, name_en = (base.name_vi, base.name_en) if base is not None else held or _names_of(text, ident)
            if rank and (name_vi or name_en):  # an ASCII name ('PCI') is a name in both languages
                name_vi = f"Xếp hạng {name_vi or name_en}"
                name_en = f"{name_en} rank" if name_en else None
            rows[ident] = {
                "indicator": ident,
                "name_vi": name_vi,
                "name_en": name_en,
                "unit": unit
                if unit is not None or ident.endswith("_rank") or ident in c.checked.units_left_out
                else (base.unit if base else None),
                "kind": "rank" if ident.endswith("_rank") else "value",
                # the other names its columns were read with ('Tinh nang dong', a second header row)
                "aliases": "|".join(a.replace("|", " ") for a in base.aliases) or None if base and not rank else None,
                "codes": "|".join(c.replace("|", " ") for c in base.codes) or None if base and not rank else None,
            }
    known = set(command.store.indicators()["indicator"])
    for ident, row in rows.items():  # a new indicator's published rank, when the command adds or holds one
        if not ident.endswith("_rank") and (f"{ident}_rank" in rows or f"{ident}_rank" in known):
            row["rank_id"] = f"{ident}_rank"
    for rank in [r for r in rows if r.endswith("_rank")]:  # 'Điểm PCI' beside 'Xếp hạng PCI': one measure
        stem = rank.removesuffix("_rank")
        if stem in rows or stem in known or any(row.get("rank_id") == rank for row in rows.values()):
            continue
        scores = [i for i, row in rows.items() if not row.get("rank_id") and i != rank and scored(i) == stem]
        if len(scores) == 1:
            rows[scores[0]]["rank_id"] = rank
    return rows


def _names_of(text: str | None, ident: str) -> tuple[str | None, str | None]:
    if not text or text == ident:
        return None, None
    vietnamese = any(ord(ch) > 127 and ch.isalpha() for ch in text)
    return (text, None) if vietnamese else (None, text)


# new indicators named one note each; more are counted in one note (a file can hold thousands)
NEW_NOTES = 20


def new_indicator_notes(checks: list[FileCheck], command: Command, *, unwritten: bool = False) -> list[str]:
    """One note per indicator the command adds to the catalog, the first ``NEW_NOTES``, then their count;
    worded as would-be additions in a dry run and when problems stop the command (``unwritten``), which
    then writes nothing."""
    dry = command.options.dry_run or unwritten
    key = "ingest.note.new_indicator_dry" if dry else "ingest.note.new_indicator"
    rows = new_catalog_rows(checks, command)
    notes = []
    for ident, row in list(rows.items())[:NEW_NOTES]:
        names = " / ".join(n for n in (row["name_vi"], row["name_en"]) if n)
        about = f"{names}; " if names else ""
        unit = unit_label(row["unit"], language()) if row["unit"] else say("ingest.unit_not_given")
        notes.append(say(key, id=ident, about=about, unit=unit))
    if len(rows) > NEW_NOTES:
        more = "ingest.note.more_new_indicators_dry" if dry else "ingest.note.more_new_indicators"
        notes.append(say(more, n=len(rows) - NEW_NOTES, total=len(rows)))
    return notes


def _log_row(check_: FileCheck, options: Options, ingested_at: str, **counts: object) -> dict:
    """A row of the ``ingests`` table: the file, its provenance and what it did (``counts``)."""
    return {
        "file": check_.name,
        "file_sha256": check_.sha256,
        "ingested_at": ingested_at,
        "source": _source(options, check_.name),
        "source_kind": options.source_kind,
        "part": None,
        "source_note": None,
        "sheet": check_.sheet,
        **counts,
    }


def _source(options: Options, name: str) -> str:
    return options.source or f"file {Path(name).name}"


def _log(checks: list[FileCheck], options: Options, ingested_at: str, planned: pl.LazyFrame) -> pl.DataFrame:
    counts = planned.group_by("raw_file", "action").len().collect()
    by = {(f, a): n for f, a, n in counts.iter_rows()}
    rows = [
        _log_row(
            c,
            options,
            ingested_at,
            added=by.get((c.name, "add"), 0) + (c.targets.height if c.targets is not None else 0),
            changed=by.get((c.name, "conflict"), 0),
            unchanged=by.get((c.name, "same"), 0),
        )
        for c in checks
    ]
    return pl.DataFrame(rows, schema=INGESTS_SCHEMA)


def _catalog_with(catalog: pl.DataFrame, checks: list[FileCheck], command: Command) -> pl.DataFrame:
    """The catalog with the command's new indicators; columns the new rows do not know stay empty."""
    rows = new_catalog_rows(checks, command)
    catalog = update_catalog(catalog, rows, command.new, command.fixed)  # what the files said of those held
    if not rows:
        return catalog
    added = pl.DataFrame(
        [{name: row.get(name) for name in catalog.columns} for row in rows.values()], schema=catalog.schema
    )
    return pl.concat([catalog, added])


def validate(paths: list[str], options: Options, data: str | None = None) -> tuple[list[FileCheck], list[str]]:
    """Check files against a store's names and catalog (the bundled one by default); write nothing.

    Raises ``ValidationFailed`` listing every problem.
    """
    folder, _ = given_store(data)  # --data, else DTIKIT_DATA
    if folder is not None and (not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))):
        store = base_store(folder)  # a folder without a store yet: compared as ingest would, with the bundled
    else:
        store = Store(data)
    options = replace_fields(options, dry_run=True)
    # errors of its removal ignored: a Polars query stopped by an error may create its file late
    with tempfile.TemporaryDirectory(prefix="dtikit-validate-", ignore_cleanup_errors=True) as work:
        checks, notes = check_paths(paths, Command(store, options), Path(work))
        fresh = _fresh(store, checks, notes)
        if fresh:  # compared with the store as ingest compares them, without --replace
            with in_memory(not _big(fresh)):
                compared = _compare(store, fresh, options, "", Path(work), False, notes)
                conflicts = compared.planned.filter(pl.col("action") == "conflict").collect()
            if conflicts.height:
                shown = conflicts.sort("raw_file", "raw_row").head(SHOWN)
                raise ValidationFailed([_conflict(r) for r in shown.iter_rows(named=True)], notes)
        return checks, notes


def _conflict(row: dict) -> Problem:
    """A value that differs from the one held, as ``validate`` names it."""
    fields = {k: row[k] for k in ("province", "year", "indicator", "value_text", "held_text", "held_source")}
    return problem(
        row["raw_file"], row["raw_row"], row["column"] or "", "held_value_differs", "ingest.held_differs", **fields
    )


class ValidationFailed(DataError):
    """One or more files break the rules; ``problems`` lists each (up to a limit; ``hidden`` more)."""

    def __init__(self, problems: list[Problem], notes: list[str], hidden: dict[str, int] | None = None) -> None:
        self.problems = problems
        self.notes = notes
        self.hidden = hidden or {}
        files = sorted({p.file for p in problems})
        total = len(problems) + sum(self.hidden.values())
        super().__init__(say("ingest.validation_failed", n=total, files=", ".join(files)))


class ConflictsRefused(DataError):
    """Values that differ from held ones, refused without ``--replace``."""

    def __init__(self, conflicts: pl.DataFrame, notes: list[str]) -> None:
        self.conflicts = conflicts
        self.notes = notes
        super().__init__(say("ingest.conflicts_refused", n=conflicts.height))
