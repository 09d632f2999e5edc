"""Writing a store: ``transaction()``, the one way any command changes a store.

    with transaction(root, command=["ingest", "kontum.csv"]) as tx:
        store = tx.store                       # the store as it is now, read under the lock
        tx.write("indicators", catalog)        # a table of the new version
        tx.log_ingests(rows)                   # rows added to the ``ingests`` table
        tx.commit(record("ingest", files, added=3))

The transaction holds the store's write lock from start to end. ``commit`` writes the new version
into a staging folder (tables written, parts added, every other file of the current version linked
unchanged), records its manifest (``dtikit.storage.manifest``: each file's rows, size and sha256, and
the log entry with the command line given here), renames it to its generation ``gen-NNNNNN`` and
replaces ``CURRENT`` with one atomic rename: a reader, a crash or a kill sees the old version or the
new one, never a mix. Leaving the block without ``commit`` (or by an error) writes nothing.

A large file whose keys are all new is added whole as a *part* (``add_part``). A later commit that
gives one of a part's keys again ``open``s those keys: their rows come to the main tables
(``rewritten``), and the part's rows of them are masked (the ``masks`` table), or, when that would
mask many of its keys (``keeps_masks``), the rest of the part is written anew in the new version.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError
from dtikit.messages import say
from dtikit.storage import manifest
from dtikit.storage.files import (
    _clean_staging,
    _fsync_dir,
    _point,
    _seal,
    _take_over,
    clean_leftovers,
    new_folder,
    refuse_disk_full,
    remove_tree,
    write_lock,
    write_table,
)
from dtikit.storage.layout import (
    CURRENT,
    HASH_ON_READ,
    INGESTS_COLUMNS,
    KEY,
    MASK_COLUMNS,
    MASKS,
    PART_KEY,
    POINTER,
    STAGING_PREFIX,
    keeps_masks,
    part_keys,
    scan_part,
    schema,
    tables_dir,
    without_keys,
    write_part,
)
from dtikit.storage.reading import Store, base_store, repair_hint

if TYPE_CHECKING:
    import polars as pl


def record(action: str, files: list[dict] = (), **counts: int) -> dict:
    """What the log says of a commit: ``files`` as dicts with ``file`` and ``sha256``; counts
    ``added``, ``replaced`` and ``held``."""
    return {"action": action, "files": [dict(f) for f in files], **counts}


def command_line(command: Sequence[str] | None = None, *, windows: bool | None = None) -> str:
    """The command line the log records: ``dtikit`` and the arguments a CLI was given, else how
    Python was started (a library call). Quoted as this system's shell reads it back: double quotes
    on Windows (``cmd`` and PowerShell; ``windows`` says which, default this system), else POSIX."""
    words = ["dtikit", *command] if command is not None else ["python", *sys.argv]
    if os.name == "nt" if windows is None else windows:
        import subprocess

        return subprocess.list2cmdline(words)
    return shlex.join(words)


@contextmanager
def transaction(root: Path, *, command: Sequence[str] | None = None, wait: float = 10.0) -> Iterator[Transaction]:
    """Hold the write lock of the store at ``root`` (waiting up to ``wait`` seconds for another writer)
    and give a ``Transaction`` on the store as it is now; ``command`` is the command line the log
    records (the arguments after ``dtikit``; None: the Python process's own)."""
    with write_lock(root, wait):
        yield Transaction(root, command_line(command))


@dataclass
class Transaction:
    """One new version of a store, being put together under its write lock (see the module)."""

    root: Path
    command: str
    _tables: dict[str, pl.DataFrame | pl.LazyFrame] = field(default_factory=dict)
    _parts: dict[str, tuple[Path, list[str]]] = field(default_factory=dict)
    _ingests: list[pl.DataFrame] = field(default_factory=list)
    _opened: pl.DataFrame | None = None
    _superseded: list[str] = field(default_factory=list)  # parts repeated by a part added (``add_part``)
    _restore: Path | None = None
    committed: Path | None = None

    @cached_property
    def store(self) -> Store:
        """The store as it is now (the bundled one while ``root`` holds none yet): read when first asked,
        so that an undo works on a store whose current version is damaged."""
        return base_store(self.root)

    def changed_since(self, store: Store) -> bool:
        """Whether the store is another version than ``store`` (read before the lock was taken)."""
        return self.store.tables != store.tables

    def still(self, store: Store) -> Store:
        """The store as it is now: ``store`` itself (read before the lock was taken, with the tables it
        has read) when it is still the current version, whose files never change; else the version
        now current. The transaction then works on it (``store``)."""
        if not self.changed_since(store):
            self.store = store  # a cached property: set, it is what the transaction reads
        return self.store

    def write(self, table: str, frame: pl.DataFrame | pl.LazyFrame) -> None:
        """``table`` of the new version (a LazyFrame is streamed into its file, never held whole)."""
        self._tables[table] = frame

    def log_ingests(self, rows: pl.DataFrame) -> None:
        """Rows added to the ``ingests`` table (what each ingest did)."""
        self._ingests.append(rows)

    def add_part(self, file: Path, indicators: list[str], log: dict, *, repeats: str | None = None) -> None:
        """Add ``file`` (rows of ``PART_COLUMNS``, keys none of which is held) as a part: moved into the
        new version as it is; ``log`` is its row of ``ingests``, ``indicators`` the ids it holds.

        ``repeats``: the part whose every key, each with the same value, ``file`` gives again
        (``Store.repeated_part``), instead of keys none of which is held. That part is kept as it is,
        marked ``superseded`` (its rows are sources of the keys, no longer their values), and the values
        are read from ``file`` with one source more (``sources``): what merging the two would give,
        without rewriting either."""
        import polars as pl

        name = f"part-{log['file_sha256'][:16]}.parquet"
        self._parts[name] = (file, indicators)
        if repeats is not None:
            held = self.store.ingests().filter(pl.col("part") == repeats)["sources"].fill_null(1)
            log = {**log, "sources": held.item() + 1}
            self._superseded.append(repeats)
        self.log_ingests(pl.DataFrame([{**log, "part": name}], schema=schema(INGESTS_COLUMNS)))

    def open(self, keys: pl.DataFrame) -> None:
        """Keys (``geography``, ``province``, ``year``, ``indicator``) this commit gives again: their rows,
        wherever they are held, are in ``rewritten`` and leave the parts that held them."""
        self._opened = keys

    def _opened_ids(self) -> list[str]:
        return [] if self._opened is None else self._opened["indicator"].unique().to_list()

    def rewritten(self, table: str) -> pl.LazyFrame:
        """The rows of ``observations`` or ``values`` that writing ``table`` replaces: the main file and
        the rows of the opened keys held in parts."""
        import polars as pl

        main = self.store.main(table)
        if self._opened is None:
            return main
        moved = self.store.in_parts(table, self._opened_ids()).join(self._opened.lazy(), on=KEY, how="semi")
        return pl.concat([main, moved], how="vertical_relaxed")

    def left(self, table: str, indicators: list[str]) -> pl.LazyFrame:
        """The rows of ``table`` (of ``indicators``) that stay where they are: held in parts, of keys not opened."""
        rows = self.store.in_parts(table, indicators)
        return rows if self._opened is None else rows.join(self._opened.lazy(), on=KEY, how="anti")

    def restore(self, folder: Path) -> None:
        """Make the new version hold the files of ``folder`` (an earlier version, or the bundled store)."""
        self._restore = folder

    def commit(self, what: dict) -> Path:
        """Write the new version and make it current; ``what`` is its log entry (``record``)."""
        _clean_staging(self.root)
        number = next_number(self.root)
        work = new_folder(self.root, STAGING_PREFIX)  # parts written anew; removed as a killed commit's is
        try:
            if self._restore is not None:
                unchanged, tables, moved = sorted(self._restore.glob("*.parquet")), {}, {}
            else:
                unchanged, tables, moved, what = self._assemble(number, what, work)
            self.committed = _commit(self.root, number, tables, unchanged, moved, what, self.command)
        finally:
            remove_tree(work)
        return self.committed

    def _assemble(self, number: int, what: dict, work: Path) -> tuple[list[Path], dict, dict, dict]:
        """The files linked unchanged, the tables written, the files moved in, and the record with the
        indicators of the parts added. A part holding an opened key is written anew in ``work``."""
        import polars as pl

        store = self.store
        hit = store.held_in_parts(self._opened) if self._opened is not None else {}
        masks, rewrite, masked = _masks(store, hit)
        renamed = _rewrite_parts(store, rewrite, self._opened, work, number, store.part_indicators())
        tables = dict(self._tables)
        if masks is None and (self._parts or store.parts()) and not (store.tables / f"{MASKS}.parquet").is_file():
            masks = store.masks()  # none masked: a version with parts has the table, which readers join
        if masks is not None:
            tables[MASKS] = masks
        if self._ingests or renamed:
            log = store.ingests()
            if renamed:
                log = log.with_columns(pl.col("part").replace({p.name: r for p, (r, _, _) in renamed.items()}))
            if self._superseded:
                repeated = pl.col("part").is_in(self._superseded)
                log = log.with_columns(superseded=pl.when(repeated).then(True).otherwise(pl.col("superseded")))
            tables["ingests"] = pl.concat([log, *self._ingests], how="vertical_relaxed")
        written = {f"{t}.parquet" for t in tables}
        unchanged = [f for f in store.tables.glob("*.parquet") if f.name not in written and f not in renamed]
        moved = {name: file for name, (file, _) in self._parts.items()}
        moved |= {name: file for name, file, _ in renamed.values() if name is not None}
        parts = {name: indicators for name, (_, indicators) in self._parts.items()}
        parts |= {name: indicators for name, _, indicators in renamed.values() if indicators is not None}
        parts |= masked
        return unchanged, tables, moved, {**what, "parts": parts}


def _masks(
    store: Store, hit: dict[Path, tuple[pl.DataFrame, dict[str, int]]]
) -> tuple[pl.DataFrame | None, list[Path], dict[str, list[str]]]:
    """What giving keys again does to the parts holding some of them (``Store.held_in_parts``: the
    keys each holds, and its rows of their indicators): the ``masks`` table of the new version (None:
    unchanged), the parts to write anew instead (``keeps_masks``), and the indicators each part masked
    still holds (those of the manifest, less any whose every row is now masked)."""
    import polars as pl

    if not hit:
        return None, [], {}
    held, recorded = store.masks(), store.part_indicators()
    kept, rewrite, indicators = [held], [], {}
    for part, (given, counts) in hit.items():
        masked = store.masked(part.name).height + given.height
        if not keeps_masks(masked, pl.scan_parquet(part).select(pl.len()).collect().item()):
            rewrite.append(part)
            continue
        kept.append(given.select(pl.lit(part.name).alias("part"), *PART_KEY))
        if part.name in recorded:  # an indicator is gone from the part when every row of it is masked
            given_of = given["indicator"].value_counts().iter_rows()
            gone = {ident for ident, n in given_of if n == counts.get(ident)}
            indicators[part.name] = sorted(recorded[part.name] - gone)
    if len(kept) == 1 and not held["part"].is_in([p.name for p in rewrite]).any():
        return None, rewrite, indicators  # nothing masked, no mask applied by a part written anew
    masks = pl.concat(kept, how="vertical_relaxed").cast(schema(MASK_COLUMNS))
    return masks.filter(~pl.col("part").is_in([p.name for p in rewrite])), rewrite, indicators


def _rewrite_parts(
    store: Store,
    parts: list[Path],
    opened: pl.DataFrame | None,
    work: Path,
    version: int,
    held: dict[str, frozenset[str]],
) -> dict[Path, tuple[str | None, Path, list[str] | None]]:
    """Each part without the rows of ``opened`` keys and of the keys masked in it, written in ``work``:
    its new name (None when no row is left), file and indicators (from ``held``, those of each part as
    recorded, less those of the opened keys it no longer holds; None when not recorded)."""
    import polars as pl

    if not parts or opened is None:
        return {}
    keys = part_keys(opened)
    ids = keys["indicator"].unique().to_list()
    renamed = {}
    for part in parts:
        file = work / f"rewritten-{part.name}"
        write_part(without_keys(store.part_rows(part), keys), file)
        left = pl.scan_parquet(file).select(pl.len()).collect().item()
        indicators = None
        if part.name in held:  # an indicator of the keys opened is gone when no row of it is left
            kept = scan_part(file).filter(pl.col("indicator").is_in(ids)).select(pl.col("indicator").unique())
            gone = set(ids) - set(kept.collect()["indicator"].to_list())
            indicators = sorted(held[part.name] - gone)
        renamed[part] = (_part_name(part, version) if left else None, file, indicators)
    return renamed


def _part_name(part: Path, version: int) -> str:
    """The name of a part written anew in version ``version``."""
    return f"{part.stem.split('-v')[0]}-v{version}.parquet"


def next_number(root: Path) -> int:
    numbers = [int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit()]
    return max(numbers, default=0) + 1


def _commit(
    root: Path, number: int, tables: dict, unchanged: list[Path], moved: dict, what: dict, command: str
) -> Path:
    """Write version ``number`` of the store at ``root`` and make it current (the write lock held).

    ``unchanged`` are files of an earlier version taken over unchanged (hard-linked, or copied across
    file systems); ``moved`` maps names in the new version to finished files moved in. Until
    ``CURRENT`` names the new version nothing a reader sees has changed; if anything fails before (a
    full disk, an error), the new version's folder is removed: no version is left that was never
    current.
    """
    previous = tables_dir(root) if (root / CURRENT).is_file() else None
    name = f"gen-{number:06d}"
    staging = new_folder(root, STAGING_PREFIX)
    renamed = False
    try:
        inside = root.resolve()
        for file in unchanged:
            _take_over(file, staging / file.name, inside)
        for target, file in moved.items():
            shutil.move(file, staging / target)
        for table, frame in tables.items():
            write_table(frame, staging / f"{table}.parquet", ordered=table in ("values", "observations"))
        write_manifest(staging, number, previous, unchanged, what, command)
        _seal(staging)
        os.rename(staging, root / name)
        renamed = True
        _point(root, name)
    except BaseException as exc:
        remove_tree(staging)
        if renamed:
            remove_tree(root / name)
        (root / POINTER).unlink(missing_ok=True)
        refuse_disk_full(exc, root)
        raise
    _fsync_dir(root)
    clean_leftovers(root)
    return root / name


def _rows(path: Path) -> int:
    import polars as pl

    return pl.scan_parquet(path).select(pl.len()).collect().item()


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a version folder; None when it is missing or is not the one committed."""
    return manifest.read(folder)[0]


def _recorded(path: Path, linked: dict[str, list[Path]]) -> dict | None:
    """Row count, size and sha256 of a file of a version as the manifest of the version it is linked
    from recorded them (same inode, same size: what was recorded holds, and a file since damaged in
    place stays told from the one committed); None when no such manifest recorded it."""
    for source in linked.get(path.name, []):
        known = (read_manifest(source.parent) or {}).get("tables", {}).get(path.name)
        if known and os.path.samefile(source, path):
            size = path.stat().st_size
            if size != known.get("bytes") or (size <= HASH_ON_READ and manifest.sha256(path) != known.get("sha256")):
                # damaged since its version was committed: never recorded as if it were sound
                raise DataError(say("store.changed", file=source, version=_number(source.parent), fix=repair_hint()))
            return known
    return None


def _counted(paths: list[Path]) -> dict[Path, int]:
    """The rows of each Parquet file of ``paths``, read from their footers in one query (one query a
    file cost a new store's commit ten)."""
    import polars as pl

    if not paths:
        return {}
    found = pl.collect_all([pl.scan_parquet(path).select(pl.len()) for path in paths])
    return {path: frame.item() for path, frame in zip(paths, found, strict=True)}


def _entry(path: Path, rows: int, parts: dict[str, list[str]]) -> dict:
    """Row count, size and sha256 of a file new to the store; ``parts``: the indicators of parts
    written by this commit, as the ingest found them."""
    entry = {"rows": rows, "bytes": path.stat().st_size, "sha256": manifest.sha256(path)}
    if path.name.startswith("part-"):  # which indicators it holds: a query of others skips it unread
        entry["indicators"] = parts[path.name] if path.name in parts else _indicators_of(path)
    return entry


def _indicators_of(part: Path) -> list[str]:
    import polars as pl

    found = scan_part(part).select(pl.col("indicator").unique()).collect()
    return sorted(found["indicator"].drop_nulls().to_list())


def write_manifest(
    folder: Path, number: int, previous: Path | None, linked: list[Path], what: dict, command: str
) -> None:
    """Record a version being committed in ``folder``: its files' counts and sums, and its log entry
    (this version's only: the log is the entries of every version, see ``dtikit.storage.versions.log``)."""
    sources: dict[str, list[Path]] = {}
    for file in linked:
        sources.setdefault(file.name, []).append(file)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".parquet")
    known = {p: _recorded(p, sources) for p in files}
    rows = _counted([p for p in files if known[p] is None])
    tables = {p.name: known[p] or _entry(p, rows[p], what.get("parts", {})) for p in files}
    for name, indicators in what.get("parts", {}).items():  # a part linked unchanged, some of its keys masked
        if name in tables and known[folder / name] is not None:
            tables[name] = {**tables[name], "indicators": indicators}
    entry = {
        "version": number,
        "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "action": what.get("action", "commit"),
        "files": what.get("files", []),
        "added": what.get("added", 0),
        "replaced": what.get("replaced", 0),
        "held": what.get("held", 0),
        "command": command,
        "parent": what.get("parent", manifest.number(previous) if previous is not None else 0),
    }
    if "undo_to" in what:
        entry["undo_to"] = what["undo_to"]
    # read-only as written: flushed to disk by ``manifest.write``, it is not flushed again by ``_seal``
    manifest.write(folder, {"version": number, "tables": tables, "entry": entry}, read_only=True)


def _number(folder: Path | None) -> int:
    return (manifest.number(folder) or 0) if folder is not None else 0
