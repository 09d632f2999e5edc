"""The store on Delta Lake tables (``deltalake``, delta-rs): built far enough to be measured against
the store of Parquet files and generations (``docs/storage.md``). Not the default: it is chosen by
``DTIKIT_BACKEND=delta`` and needs the ``delta`` extra (``pip install 'dtikit[delta]'``).

Layout: each table of the store (``values``, ``observations``, ``indicators``, ...) is a Delta table,
a folder of its own with its ``_delta_log``. Delta Lake versions each table, but has no transaction
across tables; so a store version is one row appended to a last Delta table, ``_commits``, naming
the version of every table it holds (and its log entry). A reader takes the newest row and reads
each table at the version it names, so a commit is seen whole or not at all: the row plays the role
of ``CURRENT``. An undo appends a row naming the versions of an earlier one (Delta keeps the files
of old versions until a vacuum). Writers take the same write lock as the Parquet store.

This module is the whole backend: ``Store`` and ``transaction()`` of ``dtikit.storage`` are these
when the switch says so, and no other module changes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError, UsageError
from dtikit.messages import say
from dtikit.storage.files import write_lock
from dtikit.storage.layout import INGESTS_COLUMNS, KEY, SORT_KEY, TABLES, choose_store, default_data_dir, schema
from dtikit.storage.reading import Store, _part_as
from dtikit.storage.writing import command_line

if TYPE_CHECKING:
    import polars as pl

COMMITS = "_commits"
SWITCH = "DTIKIT_BACKEND"


def chosen() -> bool:
    """Whether ``DTIKIT_BACKEND=delta`` chose this backend."""
    return os.environ.get(SWITCH, "").strip().lower() == "delta"


def is_delta_store(root: Path) -> bool:
    return (root / COMMITS / "_delta_log").is_dir()


def _commits(root: Path) -> pl.DataFrame:
    import polars as pl

    return pl.read_delta(str(root / COMMITS)).sort("version")


class DeltaStore(Store):
    """``Store`` read from Delta tables, each at the version the store's newest commit names."""

    def __init__(self, data: str | os.PathLike[str] | None = None, *, version: int | None = None) -> None:
        path, how = choose_store(data)
        if not is_delta_store(path):
            if path == default_data_dir() or not path.exists():
                super().__init__(data)  # the bundled figures, as Parquet files
                self.delta = False
                return
            raise DataError(say("store.not_a_store", named=f"{how} {path}"))
        self.delta = True
        self.path = self.tables = path
        self.user = True
        self.manifest = None
        self._memo, self._read, self._verified = {}, {}, set()
        commits = _commits(path)
        row = commits.row(-1, named=True) if version is None else _row_of(commits, version)
        self._version = row["version"]
        self.at = json.loads(row["tables"])

    @property
    def version(self) -> int:
        return self._version if self.delta else super().version

    def main(self, name: str) -> pl.LazyFrame:
        import polars as pl

        if not self.delta:
            return super().main(name)
        if name not in self.at:
            raise DataError(say("store.missing_file", file=self.path / name, fix=self.fix()))
        return pl.scan_delta(str(self.path / name), version=self.at[name])

    def table(self, name: str) -> pl.DataFrame:
        if not self.delta or name in ("observations", "values"):
            return super().table(name)
        if name not in self._read:
            self._read[name] = self.main(name).collect()
        return self._read[name]

    def ingests(self) -> pl.DataFrame:
        import polars as pl

        if not self.delta:
            return super().ingests()
        if "ingests" not in self.at:
            return pl.DataFrame(schema=schema(INGESTS_COLUMNS))
        return self.table("ingests")

    def parts(self) -> list[Path]:
        return [] if self.delta else super().parts()

    def part_indicators(self) -> dict[str, frozenset[str]]:
        return {} if self.delta else super().part_indicators()

    def damage(self) -> str | None:
        return None if self.delta else super().damage()

    def _with_parts(self, name, indicators=None, provinces=None, geography=None, *, main=True) -> pl.LazyFrame:
        import polars as pl

        if not self.delta:
            return super()._with_parts(name, indicators, provinces, geography, main=main)
        whole = self.main(name)
        return whole if main else pl.LazyFrame(schema=whole.collect_schema())


def _row_of(commits: pl.DataFrame, version: int) -> dict:
    import polars as pl

    found = commits.filter(pl.col("version") == version)
    if found.height == 0:
        kept = ", ".join(map(str, commits["version"].to_list()))
        raise UsageError(say("store.not_kept", to=version, root="", kept=kept))
    return found.row(-1, named=True)


def base_store(root: Path) -> DeltaStore:
    return DeltaStore(root) if is_delta_store(root) else DeltaStore(default_data_dir())


@contextmanager
def transaction(root: Path, *, command: Sequence[str] | None = None, wait: float = 10.0) -> Iterator[DeltaTransaction]:
    """As ``dtikit.storage.transaction``, on Delta tables."""
    with write_lock(root, wait):
        yield DeltaTransaction(root, command_line(command))


@dataclass
class DeltaTransaction:
    """A store version being put together: tables overwritten, rows appended, then one commit row."""

    root: Path
    command: str
    _tables: dict = field(default_factory=dict)
    _appends: dict = field(default_factory=dict)
    _ingests: list = field(default_factory=list)
    _restore: dict | None = None
    _opened: pl.DataFrame | None = None
    committed: Path | None = None

    @cached_property
    def store(self) -> DeltaStore:
        return base_store(self.root)

    def changed_since(self, store: Store) -> bool:
        return (self.store.path, self.store.version) != (store.path, store.version)

    def write(self, table: str, frame: pl.DataFrame | pl.LazyFrame) -> None:
        self._tables[table] = frame

    def log_ingests(self, rows: pl.DataFrame) -> None:
        self._ingests.append(rows)

    def add_part(self, file: Path, indicators: list[str], log: dict, *, repeats: str | None = None) -> None:
        """A file of new keys: its rows appended to ``observations`` and ``values`` (Delta has no parts, so
        no part to repeat: ``repeats`` is always None here)."""
        import polars as pl

        from dtikit.storage.layout import scan_part

        row = {**log, "part": None}
        for name in ("observations", "values"):
            main = self.store.main(name).collect_schema()
            self._appends[name] = _part_as({**row, "part": file.name}, scan_part(file), main)
        self.log_ingests(pl.DataFrame([row], schema=schema(INGESTS_COLUMNS)))

    def open(self, keys: pl.DataFrame) -> None:
        """Keys this commit gives again: ``values`` and ``observations`` written by it replace only the
        rows of these keys (a Delta merge deletes them, the rows written are appended)."""
        self._opened = keys

    @property
    def _keyed(self) -> bool:
        """Whether ``values`` and ``observations`` are written by key (not whole: the first version)."""
        return self.store.delta and self._opened is not None

    def rewritten(self, table: str) -> pl.LazyFrame:
        """The rows writing ``table`` replaces: those of the opened keys (the whole table in a first version)."""
        main = self.store.main(table)
        return main.join(self._opened.lazy(), on=KEY, how="semi") if self._keyed else main

    def left(self, table: str, indicators: list[str]) -> pl.LazyFrame:
        """The rows of ``table`` (of ``indicators``) that writing it leaves as they are."""
        import polars as pl

        main = self.store.main(table)
        if not self._keyed:
            return pl.LazyFrame(schema=main.collect_schema())
        return main.filter(pl.col("indicator").is_in(indicators)).join(self._opened.lazy(), on=KEY, how="anti")

    def restore_version(self, version: int) -> None:
        """Make the new version hold the tables of version ``version`` (an undo)."""
        self._restore = json.loads(_row_of(_commits(self.root), version)["tables"])

    def commit(self, what: dict) -> Path:
        at = dict(self._restore) if self._restore is not None else self._write_tables()
        known = is_delta_store(self.root)
        number = (_commits(self.root)["version"].max() + 1) if known else 1
        entry = {
            "version": number,
            "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "action": what.get("action", "commit") + (f" to {what['undo_to']}" if "undo_to" in what else ""),
            "files": json.dumps(what.get("files", []), ensure_ascii=False),
            "added": what.get("added", 0),
            "replaced": what.get("replaced", 0),
            "held": what.get("held", 0),
            "command": self.command,
            "tables": json.dumps(at, sort_keys=True),
        }
        _append_commit(self.root, entry)
        self.committed = self.root / COMMITS
        return self.committed

    def _write_tables(self) -> dict[str, int]:
        """Write every table this version changes; the version each table of the store is at."""
        import polars as pl
        from deltalake import DeltaTable

        store = self.store
        tables = dict(self._tables)
        if not store.delta:  # the first version: every table of the bundled figures, as Delta tables
            tables = {name: store.table(name) for name in TABLES} | tables
        if self._ingests:
            tables["ingests"] = pl.concat([store.ingests(), *self._ingests], how="vertical_relaxed")
        at = dict(store.at) if store.delta else {}
        for name in ("values", "observations") if self._keyed else ():
            if name in tables:  # the rows of the opened keys replaced: deleted by a merge, the new appended
                _delete_keys(self.root / name, self._opened)
                self._appends[name] = tables.pop(name)
        for name, frame in tables.items():  # streamed; values and observations in the order of the files store
            target = str(self.root / name)
            frame = frame.lazy().sort(SORT_KEY, nulls_last=True) if name in ("values", "observations") else frame.lazy()
            frame.sink_delta(target, mode="overwrite", delta_write_options={"schema_mode": "overwrite"})
            at[name] = DeltaTable(target).version()
        for name, rows in self._appends.items():  # after the first version's tables, when this is it
            rows.sink_delta(str(self.root / name), mode="append")
            at[name] = DeltaTable(str(self.root / name)).version()
        return at


def _delete_keys(table: Path, keys: pl.DataFrame) -> None:
    """Delete the rows of ``keys`` from a Delta table (a merge on the key columns: one commit)."""
    from deltalake import DeltaTable

    if keys.height == 0:
        return
    on = " AND ".join(f"t.{k} = s.{k}" for k in KEY)
    DeltaTable(str(table)).merge(keys, predicate=on, source_alias="s", target_alias="t").when_matched_delete().execute()


def _append_commit(root: Path, entry: dict) -> None:
    import polars as pl

    pl.DataFrame([entry]).write_delta(str(root / COMMITS), mode="append")


def log(root: Path) -> pl.DataFrame:
    """One row per store version (the ``_commits`` table), oldest first."""
    import polars as pl

    commits = _commits(root)
    newest = commits["version"].max()
    return commits.drop("tables").with_columns(current=pl.col("version") == newest)


def undo(root: Path, to: int | None = None, *, command: Sequence[str] | None = None) -> int:
    """Make version ``to`` current again (default: the one before the newest; 0: the bundled figures),
    by a new commit row naming its tables' versions (for 0: the bundled tables written anew)."""
    with transaction(root, command=command) as tx:
        numbers = _commits(root)["version"].to_list()
        if to is None:
            to = numbers[-2] if len(numbers) > 1 else 0
        if to:
            tx.restore_version(to)
        else:
            bundled = Store(default_data_dir())
            for name in TABLES:
                tx.write(name, bundled.table(name))
            tx.write("ingests", bundled.ingests())
        tx.commit({"action": "undo", "undo_to": to})
    return to
