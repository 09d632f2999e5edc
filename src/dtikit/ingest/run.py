"""``dtikit ingest`` and ``dtikit validate`` as library calls: read, check, plan, commit.

Every file is read and checked before anything is written; one problem in any file refuses
the whole command and leaves the store as it was. A value that differs from one already held
is a conflict, refused unless ``replace``; a replaced value is recorded on the new row
(``replaced_value``, ``replaced_source``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from dtikit.build import OBSERVATION_SCHEMA
from dtikit.errors import DataError
from dtikit.ingest.headers import HeaderMapper, LayoutError, find_layout, parse_mappings
from dtikit.ingest.plan import counts_of, new_values, plan, plan_view
from dtikit.ingest.read import read_table
from dtikit.ingest.streamed import PlainFile, check_plain
from dtikit.ingest.targets import merge_targets, read_targets, targets_header
from dtikit.ingest.tidy import tidy_frame
from dtikit.ingest.validate import Checked, Problem, check
from dtikit.store import (
    INGESTS_COLUMNS,
    WORK_PREFIX,
    Store,
    clean_leftovers,
    commit,
    default_data_dir,
    is_store,
    scan_part,
    schema,
    work_dir,
    writable_root,
    write_lock,
)
from dtikit.values import KEY

SOURCE_KINDS = ("user", "official", "government", "press", "secondary")
PLAN_COLUMNS = ["file", "row", "province", "year", "indicator", "held_value", "value", "action", "held_source"]
INGESTS_SCHEMA = schema(INGESTS_COLUMNS)


@dataclass
class Options:
    indicator: str | None = None
    year: int | None = None
    unit: str | None = None
    source: str | None = None
    source_kind: str = "user"
    encoding: str | None = None
    convention: str | None = None  # "comma", "point" or None (detect)
    sheet: str | None = None
    mappings: list[str] = field(default_factory=list)


@dataclass
class FileCheck:
    name: str
    sha256: str
    checked: Checked
    notes: list[str]
    count: int = 0  # values that passed
    targets: pl.DataFrame | None = None  # for a targets table
    plain: PlainFile | None = None  # a large file checked and written in one pass

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


def check_file(path: str, store: Store, options: Options, workdir: Path | None = None) -> FileCheck:
    """Read and validate one file against a store's names and catalog.

    A streamed (large) file's intermediate results go to Parquet files in ``workdir``.
    """
    table = read_table(path, encoding=options.encoding, sheet=options.sheet, workdir=workdir)
    for index, row in enumerate(table.grid[:20]):
        columns = targets_header(row)
        if columns is not None:
            frame, problems, new = read_targets(
                table.grid, index, columns, store, table.name, source=options.source, convention=options.convention
            )
            notes = [*table.notes, f"{table.name}: a targets table (header on row {index + 1})"]
            notes += [f"{table.name}: new indicator {i!r} (from {t!r}) added to the catalog" for i, t in new.items()]
            checked = Checked(pl.LazyFrame(schema=OBSERVATION_SCHEMA), problems, [], dict.fromkeys(new))
            return FileCheck(table.name, table.sha256, checked, notes, 0, frame)
    mapper = HeaderMapper(store.indicators(), parse_mappings(options.mappings))
    try:
        layout = find_layout(table.grid, table.name, mapper)
    except LayoutError as exc:
        guessed = [n.split(": ", 1)[1] for n in table.notes if "cp1258 (not UTF-8" in n]
        hint = f" ({guessed[0]}; if the file is UTF-8, repair that byte)" if guessed else ""
        raise DataError(f"{exc}{hint}") from None
    header = table.grid[layout.header_row]
    spill = workdir if table.stream is not None else None
    if spill is not None:
        spill = Path(tempfile.mkdtemp(prefix="check-", dir=spill))
    notes = [*table.notes, *layout.notes]
    if spill is not None and options.year is None:
        plain = check_plain(
            table, layout, header, store, unit=options.unit, convention=options.convention, workdir=spill
        )
        if isinstance(plain, PlainFile):
            checked = Checked(_plain_observations(plain), [], plain.notes, plain.new_indicators)
            return FileCheck(table.name, table.sha256, checked, [*notes, *plain.notes], plain.count, plain=plain)
    try:
        cells = table.cells(layout.header_row, len(header))
        tidy, tidy_notes = tidy_frame(cells, layout, header, indicator=options.indicator, year=options.year)
        tidy = _materialize(tidy, spill, "tidy")
        checked = check(
            tidy,
            store,
            table.name,
            unit=options.unit,
            convention=options.convention,
            materialize=lambda frame, stem: _materialize(frame, spill, stem),
        )
        count = checked.observations.select(pl.len()).collect().item()
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, pl.exceptions.SchemaError) as exc:  # the file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = '; a quote (") may open a cell that never closes' if '"' in first else ""
        if "utf-8" in first.lower() and table.stream is not None:
            hint = (
                "; its first megabyte is UTF-8 but a later byte is not: save it as UTF-8, "
                "or give --encoding (cp1258, utf-16)"
            )
        raise DataError(f"{table.name}: cannot be read as {table.kind} ({first}){hint}") from None
    if not checked.problems and count == 0:
        checked.problems.append(Problem(table.name, layout.header_row + 1, "", "no values under this header"))
    notes += [*(f"{table.name}: {n}" for n in tidy_notes), *checked.notes]
    return FileCheck(table.name, table.sha256, checked, notes, count)


def _plain_observations(plain: PlainFile) -> pl.LazyFrame:
    """A part's rows as ``check`` gives observations (for the general comparison with the store)."""
    return scan_part(plain.part).with_columns(
        period=pl.coalesce("period", pl.col("year").cast(pl.String)), column=pl.lit(plain.value_column)
    )


def base_store(root: Path) -> Store:
    """The store at ``root``, or the bundled one when ``root`` holds no store yet."""
    if is_store(root):
        return Store(root)
    if root.exists() and any(p.name != ".lock" and not p.name.startswith(WORK_PREFIX) for p in root.iterdir()):
        raise DataError(f"{root}: a folder with other files and no dtikit store; give an empty or new folder")
    return Store(default_data_dir())


def with_provenance(check_: FileCheck, options: Options, ingested_at: str) -> pl.LazyFrame:
    frame = check_.observations.with_columns(
        geography=pl.lit(63),
        source=pl.lit(_source(options, check_.name)),
        source_kind=pl.lit(options.source_kind),
        source_note=pl.coalesce(pl.col("source_note"), pl.format("column {}", pl.col("column"))),
        raw_file=pl.lit(check_.name),
        file_sha256=pl.lit(check_.sha256),
        ingested_at=pl.lit(ingested_at),
    )
    names = frame.collect_schema().names()
    return frame.select(
        [pl.col(n).cast(t) if n in names else pl.lit(None, t).alias(n) for n, t in OBSERVATION_SCHEMA.items()]
    )


@dataclass
class IngestResult:
    plan: pl.DataFrame
    notes: list[str]
    written: bool
    counts: dict[str, int]


def ingest(
    paths: list[str],
    data: str | None,
    options: Options,
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda step: None,
) -> IngestResult:
    """Validate every file, then add its values to the store at ``data`` (unless ``dry_run``).

    ``progress`` is told each step as it starts (reading and checking a file, planning, writing).
    """
    root = writable_root(data)
    clean_leftovers(root)
    store = base_store(root)
    # intermediate files beside the store when it exists, so that a part is renamed into place
    try:
        workdir = work_dir(root) if root.is_dir() else None
    except OSError:  # a store folder this user cannot write: the commit will say so
        workdir = None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="dtikit-ingest-"))
    try:
        return _ingest(paths, root, store, workdir, options, replace, dry_run, progress)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _ingest(
    paths: list[str],
    root: Path,
    store: Store,
    workdir: Path,
    options: Options,
    replace: bool,
    dry_run: bool,
    progress: Callable[[str], None],
) -> IngestResult:
    checks = []
    for path in paths:
        progress(f"reading and checking {path}")
        checks.append(check_file(path, store, options, workdir))
    notes = [n for c in checks for n in c.notes]
    problems = [p for c in checks for p in c.problems]
    if problems:
        raise ValidationFailed(problems, notes, {c.name: c.checked.hidden_problems for c in checks})
    ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
    known = _ingested_files(store)
    fresh = [c for c in checks if c.sha256 not in known]
    for c in checks:
        if c.sha256 in known:
            notes.append(f"{c.name}: already ingested on {known[c.sha256]}; nothing to do")
    if not fresh:
        return IngestResult(_no_plan(), notes, False, {"add": 0, "same": 0, "conflict": 0})
    if not dry_run and len(fresh) == 1 and fresh[0].plain is not None:
        progress(f"writing the store {root}")
        with write_lock(root):
            if base_store(root).tables == store.tables:  # unchanged since the file was checked
                _commit_part(root, store, fresh[0], options, ingested_at)
                return IngestResult(_no_plan(), notes, True, {"add": fresh[0].count, "same": 0, "conflict": 0})
    tables = [c for c in fresh if c.targets is None]
    new = (
        pl.concat([with_provenance(c, options, ingested_at) for c in tables])
        if tables
        else pl.LazyFrame(schema=OBSERVATION_SCHEMA)
    )
    if len(tables) > 1:
        _refuse_disagreeing_files(new)
    targets = _new_targets(store, fresh, replace or dry_run, notes)
    big = any(c.count > 100_000 for c in fresh)
    progress("comparing with the values held")
    planned = _materialize(plan(store, new), workdir if big else None, "plan")
    counts = counts_of(planned)
    if counts["conflict"] and not replace and not dry_run:
        raise ConflictsRefused(plan_view(planned.filter(pl.col("action") == "conflict")), notes)
    if dry_run:
        return IngestResult(plan_view(planned), notes, False, counts)
    if tables and counts["add"] == 0 and counts["conflict"] == 0:
        notes.append("every value is already held; the file is recorded as a further source of them")
    progress(f"writing the store {root}")
    with write_lock(root):
        store = base_store(root)  # the store may have changed while the files were checked
        planned = _materialize(plan(store, new), workdir if big else None, "plan-locked")
        counts = counts_of(planned)
        if counts["conflict"] and not replace:
            raise ConflictsRefused(plan_view(planned.filter(pl.col("action") == "conflict")), notes)
        targets = _new_targets(store, fresh, replace, [])
        planned = planned.with_columns(
            replaced_value=pl.when(pl.col("action") == "conflict").then(pl.col("held_value")),
            replaced_source=pl.when(pl.col("action") == "conflict").then(pl.col("held_source")),
        )
        observations = pl.concat(
            [store.observations().lazy(), planned.select(OBSERVATION_SCHEMA.keys())], how="vertical_relaxed"
        )
        commit(
            root,
            {
                "observations": observations,
                "values": new_values(store, planned, len(tables) > 1),
                "national": store.national(),
                "targets": targets,
                "provinces": store.provinces(),
                "aliases": store.aliases(),
                "regions": store.regions(),
                "indicators": _catalog_with(store.indicators(), fresh),
            },
            {
                "ingests": pl.concat(
                    [_log_without_parts(store), _log(fresh, options, ingested_at, planned)], how="vertical_relaxed"
                )
            },
        )
    return IngestResult(_no_plan(), notes, True, counts)


def _no_plan() -> pl.DataFrame:
    """The plan of an ingest that has nothing to list (already done, or written)."""
    return pl.DataFrame(schema=dict.fromkeys(PLAN_COLUMNS, pl.String))


def _commit_part(root: Path, store: Store, check_: FileCheck, options: Options, ingested_at: str) -> None:
    """Add a plain file's part to the store: the tables it does not change are taken over as they are."""
    name = f"part-{check_.sha256[:16]}.parquet"
    row = _log_row(
        check_,
        options,
        ingested_at,
        added=check_.count,
        changed=0,
        unchanged=0,
        part=name,
        source_note=f"column {check_.plain.value_column}",
    )
    log = pl.DataFrame([row], schema=INGESTS_SCHEMA)
    rewritten = {"indicators.parquet", "ingests.parquet"}
    commit(
        root,
        {"indicators": _catalog_with(store.indicators(), [check_])},
        {"ingests": pl.concat([store.ingests(), log])},
        unchanged=[f for f in store.tables.glob("*.parquet") if f.name not in rewritten],
        move={name: check_.plain.part},
    )


def _new_targets(store: Store, checks: list[FileCheck], replace: bool, notes: list[str]) -> pl.DataFrame:
    """The targets table with the targets files of ``checks`` added; a changed target needs ``replace``."""
    added = [c.targets for c in checks if c.targets is not None]
    if not added:
        return store.targets()
    merged, conflicts = merge_targets(store.targets(), pl.concat(added))
    if conflicts.height and not replace:
        r = conflicts.row(0, named=True)
        raise DataError(
            f"{r['raw_file']} row {r['raw_row']}: the target {r['who']} {r['indicator']} by {r['deadline']} is "
            f"{r['comparator']} {r['target']:g}, held {r['held_comparator']} {r['held_target']:g} "
            f"({conflicts.height} such); nothing was written (--replace replaces them)"
        )
    count = sum(frame.height for frame in added)
    notes.append(f"{count} target(s) read; {conflicts.height} replace held ones")
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
        raise DataError(
            f"{' and '.join(first['raw_file'])} give different values for {first['province']} {first['year']} "
            f"{first['indicator']} ({cross.height} such values); ingest them one at a time, the later with --replace"
        )


def _log_without_parts(store: Store) -> pl.DataFrame:
    """The ingest log for a version whose tables are rewritten whole: no part is left."""
    return store.ingests().with_columns(part=pl.lit(None, pl.String))


def _ingested_files(store: Store) -> dict[str, str]:
    log = store.ingests()
    return dict(zip(log["file_sha256"], log["ingested_at"], strict=True))


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


def _catalog_with(catalog: pl.DataFrame, checks: list[FileCheck]) -> pl.DataFrame:
    added = {}
    for c in checks:
        for ident, unit in c.checked.new_indicators.items():
            added.setdefault(ident, unit)
    if not added:
        return catalog
    rows = pl.DataFrame(
        {
            "indicator": list(added),
            "name_vi": [None] * len(added),
            "name_en": [None] * len(added),
            "unit": list(added.values()),
            "higher_is_better": [None] * len(added),
            "kind": ["rank" if ident.endswith("_rank") else "value" for ident in added],
            "pillar": [None] * len(added),
        },
        schema=catalog.schema,
    )
    return pl.concat([catalog, rows])


def validate(paths: list[str], options: Options, data: str | None = None) -> tuple[list[FileCheck], list[str]]:
    """Check files against a store's names and catalog (the bundled one by default); write nothing."""
    store = Store(data)
    with tempfile.TemporaryDirectory(prefix="dtikit-validate-") as work:
        checks = [check_file(path, store, options, Path(work)) for path in paths]
    return checks, [n for c in checks for n in c.notes]


class ValidationFailed(DataError):
    """One or more files break the rules; ``problems`` lists each (up to a limit; ``hidden`` more)."""

    def __init__(self, problems: list[Problem], notes: list[str], hidden: dict[str, int] | None = None) -> None:
        self.problems = problems
        self.notes = notes
        self.hidden = hidden or {}
        files = sorted({p.file for p in problems})
        total = len(problems) + sum(self.hidden.values())
        super().__init__(f"{total} problem(s) in {', '.join(files)}; nothing was written")


class ConflictsRefused(DataError):
    """Values that differ from held ones, refused without ``--replace``."""

    def __init__(self, conflicts: pl.DataFrame, notes: list[str]) -> None:
        self.conflicts = conflicts
        self.notes = notes
        super().__init__(
            f"{conflicts.height} value(s) differ from values already held; nothing was written "
            "(--replace replaces them and records what was replaced; --dry-run lists them)"
        )
