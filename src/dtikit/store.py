"""Where the processed store lives, reading its tables, and committing new versions of it.

The store is a folder of Parquet files (see ``dtikit.build``). Which folder: the ``data``
argument, else the ``DTIKIT_DATA`` environment variable, else the copy shipped inside the
installed package (``dtikit/_data``), else ``data/processed`` of a source checkout.

A store written by ``dtikit ingest`` keeps each version in a folder ``gen-NNNNNN`` and names
the current one in the file ``CURRENT``. A commit writes the whole new version into a
temporary folder, renames it to its generation, then replaces ``CURRENT`` with one atomic
rename: a reader, a crash or a kill sees the old version or the new one, never a mix.
Writers take an exclusive lock on ``.lock`` first.

A large file whose keys are all new is added as a *part*: ``part-NNNNNN.parquet`` holds its
rows (province, year, indicator, value, its text, unit, period and source note when the file
gives them, raw row) and the ``ingests`` table
its provenance (file, sha256, time, source). The ``observations`` and ``values`` tables are
then the main file plus every part; a later commit links the files it does not change into
its generation instead of rewriting them. An ingest that touches values held in a part
rewrites the tables whole, parts included.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError, UsageError

if TYPE_CHECKING:
    import polars as pl

# one row per source value (see ``dtikit.build``)
OBSERVATION_COLUMNS = {
    "geography": "Int16",
    "province": "String",
    "year": "Int16",
    "period": "String",
    "indicator": "String",
    "value": "Float64",
    "value_text": "String",
    "unit": "String",
    "source_kind": "String",
    "source": "String",
    "source_note": "String",
    "raw_file": "String",
    "raw_row": "Int32",
    # provenance of values added by `dtikit ingest` (empty for the bundled figures)
    "file_sha256": "String",
    "ingested_at": "String",
    "replaced_value": "Float64",
    "replaced_source": "String",
}
VALUE_COLUMNS = ["geography", "province", "year", "indicator", "period", "value", "value_text", "unit"]
VALUE_COLUMNS += ["source_kind", "source", "n_sources", "conflict"]
PART_COLUMNS = ["province", "year", "indicator", "value", "value_text", "unit", "period", "source_note", "raw_row"]
# what each ingest did; a part's rows take their provenance from its row here
INGESTS_COLUMNS = {
    "file": "String",
    "file_sha256": "String",
    "ingested_at": "String",
    "source": "String",
    "added": "Int64",
    "changed": "Int64",
    "unchanged": "Int64",
    "part": "String",
    "source_kind": "String",
    "source_note": "String",
    "sheet": "String",  # the sheet of a workbook (a workbook's sheets are ingested one by one)
}

TABLES = ("observations", "values", "national", "targets", "provinces", "aliases", "regions", "indicators")
_PACKAGED = Path(__file__).resolve().parent / "_data"
_CHECKOUT = Path(__file__).resolve().parents[2] / "data" / "processed"
CURRENT = "CURRENT"
LOCK = ".lock"


def default_data_dir() -> Path:
    """The bundled store: inside the installed package, or the checkout's data/processed."""
    return _PACKAGED if (_PACKAGED / "values.parquet").exists() else _CHECKOUT


def data_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """The store folder chosen by ``data``, ``DTIKIT_DATA`` or the bundled default."""
    chosen = data if data not in (None, "") else os.environ.get("DTIKIT_DATA") or None
    return Path(chosen) if chosen is not None else default_data_dir()


def tables_dir(root: Path) -> Path:
    """The folder holding the current tables of the store at ``root``."""
    pointer = root / CURRENT
    if pointer.is_file():
        return root / pointer.read_text(encoding="utf-8").strip()
    return root


def is_store(root: Path) -> bool:
    return (tables_dir(root) / "values.parquet").exists()


class Store:
    """Read access to the tables of one store folder; each table is read once."""

    def __init__(self, data: str | os.PathLike[str] | None = None) -> None:
        self.path = data_dir(data)
        self.tables = tables_dir(self.path)
        if not (self.tables / "values.parquet").exists():
            raise DataError(
                f"{self.path}: no dtikit store here (values.parquet missing); "
                "run 'make data' in a checkout, or point --data / DTIKIT_DATA at a store folder"
            )

    def table(self, name: str) -> pl.DataFrame:
        if name in ("observations", "values"):
            return _with_parts(self.tables, name)
        return _read(self.tables, name)

    def ingests(self) -> pl.DataFrame:
        """What each ``dtikit ingest`` added (empty for the bundled store)."""
        return _ingests(self.tables)

    def parts(self) -> list[Path]:
        """The part files of this version (large ingests kept as they were written)."""
        return [self.tables / p for p in self.ingests()["part"].drop_nulls()]

    def values(self) -> pl.DataFrame:
        return self.table("values")

    def observations(self) -> pl.DataFrame:
        return self.table("observations")

    def provinces(self) -> pl.DataFrame:
        return self.table("provinces")

    def aliases(self) -> pl.DataFrame:
        return self.table("aliases")

    def regions(self) -> pl.DataFrame:
        return self.table("regions")

    def indicators(self) -> pl.DataFrame:
        return self.table("indicators")

    def national(self) -> pl.DataFrame:
        return self.table("national")

    def targets(self) -> pl.DataFrame:
        return self.table("targets")


@cache
def _read(path: Path, name: str) -> pl.DataFrame:
    import polars as pl

    file = path / f"{name}.parquet"
    try:
        return pl.read_parquet(file)
    except FileNotFoundError:
        raise DataError(f"{file}: missing from the store; rebuild it with 'make data'") from None
    except Exception as exc:  # a truncated or foreign file
        raise DataError(f"{file}: cannot be read as Parquet ({exc.__class__.__name__}); rebuild the store") from None


def schema(columns: dict[str, str]) -> dict[str, pl.DataType]:
    import polars as pl

    return {name: getattr(pl, dtype)() for name, dtype in columns.items()}


@cache
def _ingests(path: Path) -> pl.DataFrame:
    import polars as pl

    file = path / "ingests.parquet"
    if not file.exists():
        return pl.DataFrame(schema=schema(INGESTS_COLUMNS))
    log = pl.read_parquet(file)
    missing = [pl.lit(None, dtype).alias(n) for n, dtype in schema(INGESTS_COLUMNS).items() if n not in log.columns]
    return log.with_columns(missing)  # a log written before parts existed


def scan_part(path: Path) -> pl.LazyFrame:
    """A part's rows, with province and indicator as text (a part stores them as enumerations)."""
    import polars as pl

    return pl.scan_parquet(path).with_columns(pl.col("province", "indicator").cast(pl.String))


@cache
def _with_parts(path: Path, name: str) -> pl.DataFrame:
    """``observations`` or ``values``: the main file and every part, with the part's provenance."""
    import polars as pl

    main = _read(path, name)
    log = _ingests(path).filter(pl.col("part").is_not_null())
    if log.height == 0:
        return main
    frames = [main.lazy()]
    for row in log.iter_rows(named=True):
        given = {
            "geography": pl.lit(63),
            "period": pl.coalesce("period", pl.col("year").cast(pl.String)),
            "source_kind": pl.lit(row["source_kind"]),
            "source": pl.lit(row["source"]),
            "source_note": pl.coalesce("source_note", pl.lit(row["source_note"])),
            "raw_file": pl.lit(row["file"]),
            "file_sha256": pl.lit(row["file_sha256"]),
            "ingested_at": pl.lit(row["ingested_at"]),
            "n_sources": pl.lit(1),
            "conflict": pl.lit(False),
        }
        columns = [
            given.get(c, pl.col(c) if c in PART_COLUMNS else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in main.schema.items()
        ]
        frames.append(scan_part(path / row["part"]).select(columns))
    try:
        return pl.concat(frames).collect()
    except (pl.exceptions.PolarsError, OSError) as exc:  # a missing, truncated or foreign part
        raise DataError(f"{path}: a part cannot be read ({exc.__class__.__name__}); the store is damaged") from None


def atomic_write_parquet(frame: pl.DataFrame, target: Path) -> None:
    """Write ``frame`` next to ``target`` and rename it into place: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        frame.write_parquet(tmp, statistics=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def writable_root(data: str | os.PathLike[str] | None) -> Path:
    """The store an ingest writes to: ``--data`` or ``DTIKIT_DATA``, never the bundled data."""
    chosen = data if data not in (None, "") else os.environ.get("DTIKIT_DATA") or None
    if chosen is None:
        raise UsageError(
            "say which store to write: --data DIR or DTIKIT_DATA=DIR (a new folder starts from the bundled "
            "figures; the bundled data itself is read-only)"
        )
    root = Path(chosen)
    if root.exists() and not root.is_dir():
        raise UsageError(f"--data {root}: is a file, not a folder")
    return root


@contextmanager
def write_lock(root: Path, wait: float = 10.0) -> Iterator[None]:
    """Hold the store's exclusive write lock (waits up to ``wait`` seconds for another writer)."""
    import fcntl

    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    message = f"{root}: another dtikit ingest is writing this store; try again when it ends"
                    raise DataError(message) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(
    root: Path,
    tables: dict[str, pl.DataFrame | pl.LazyFrame],
    extra: dict[str, pl.DataFrame] | None = None,
    *,
    unchanged: list[Path] = (),
    move: dict[str, Path] | None = None,
) -> Path:
    """Write a new version of the store at ``root`` and make it current (hold ``write_lock``).

    A LazyFrame is streamed into its file, so a large table is never held whole. ``unchanged`` are
    files of the current version taken over unchanged (hard-linked, or copied across file
    systems); ``move`` maps names in the new version to finished files moved in.
    """
    import polars as pl

    generations = sorted(p.name for p in root.glob("gen-*") if p.is_dir())
    number = int(generations[-1].removeprefix("gen-")) + 1 if generations else 1
    name = f"gen-{number:06d}"
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
    try:
        for file in unchanged:
            try:
                os.link(file, staging / file.name)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(file, staging / file.name)
        for target, file in (move or {}).items():
            shutil.move(file, staging / target)
            with open(staging / target, "rb") as handle:
                os.fsync(handle.fileno())
        for table, frame in {**tables, **(extra or {})}.items():
            path = staging / f"{table}.parquet"
            if isinstance(frame, pl.LazyFrame):
                frame.sink_parquet(path, statistics=False)
            else:
                frame.write_parquet(path, statistics=False)
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        os.rename(staging, root / name)
        pointer = root / f".{CURRENT}.tmp"
        pointer.write_text(name + "\n", encoding="utf-8")
        with open(pointer, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, root / CURRENT)
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _clean(root, keep=name)
    return root / name


WORK_PREFIX = ".work-"
STAGING_PREFIX = ".staging-"


def work_dir(root: Path) -> Path:
    """A folder for an ingest's intermediate files inside the store (removed by a later ingest if left)."""
    return Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=root))


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(root: Path) -> None:
    """Remove the folders of ingests and commits whose process is gone (killed midway)."""
    if not root.is_dir():
        return
    for path in root.iterdir():
        for prefix in (WORK_PREFIX, STAGING_PREFIX):
            pid = path.name[len(prefix) :].split("-")[0]
            if path.is_dir() and path.name.startswith(prefix) and not _running(pid):
                shutil.rmtree(path, ignore_errors=True)


def _clean(root: Path, keep: str) -> None:
    """Remove old generations and leftovers of interrupted commits and ingests (hold ``write_lock``)."""
    clean_leftovers(root)
    for path in root.iterdir():
        if path.is_dir() and (
            path.name.startswith(STAGING_PREFIX) or (path.name.startswith("gen-") and path.name != keep)
        ):
            shutil.rmtree(path, ignore_errors=True)
