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
its generation instead of rewriting them: an ingest writes only the main tables, and a part
only when it gives one of the part's keys again (a value held there, the same or replaced): the
rows of those keys move to the main tables and the rest of the part is written anew.

Each version's ``manifest.json`` (``dtikit.manifest``) records the size and sha256 of every file;
a command checks each file it opens against it (the sha256 of files up to ``HASH_ON_READ`` bytes,
the size of larger ones), and ``dtikit store check`` every file of every version. The files of a
committed version are made read-only: a version shares the files it did not change with the
version before it (hard links), so a file written over in place would be damaged in every version
holding it. Read-only stops a program that opens it to write; it does not stop one that asks for
more (root, a chmod): then the digests tell which versions are still sound.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit import manifest
from dtikit.errors import DataError, UsageError
from dtikit.manifest import MANIFEST
from dtikit.messages import say

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
# a file a command opens is checked against the sha256 its version recorded when it is at most this
# large (a few ms); a larger one against its recorded size (``dtikit store check`` hashes every file)
HASH_ON_READ = 16 * 2**20
# how the tables of a version are laid out: sorted by (indicator, year, ...) in row groups of this
# many rows, each with min/max statistics, so that a filter on indicator and year skips the others
ROW_GROUP_ROWS = 65_536
SORT_KEY = ["indicator", "year", "geography", "province"]


def repair_hint() -> str:
    """What to do about a damaged user store, in the run's language."""
    return say("store.fix")


def default_data_dir() -> Path:
    """The bundled store: inside the installed package, or the checkout's data/processed."""
    return _PACKAGED if (_PACKAGED / "values.parquet").exists() else _CHECKOUT


def user_store() -> Path:
    """The user's own store: the platform's data folder (``~/.local/share/dtikit`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("dtikit", appauthor=False))


# a URL (s3://, gs://, https://, file://), also after a path type folded its '//' into '/'; not a
# Windows drive (one letter)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:[/\\]")


def given_store(data: str | os.PathLike[str] | None = None) -> tuple[Path | None, str]:
    """The store named by ``data`` or ``DTIKIT_DATA`` (None when neither), and which named it.

    A URL is refused: a store is a local folder (``s3://bucket/store`` once made ``./s3:/bucket/store``)."""
    if data not in (None, ""):
        given, how = os.fspath(data), "--data"
    else:
        given, how = os.environ.get("DTIKIT_DATA") or "", "DTIKIT_DATA"
    if not given:
        return None, ""
    if _URL.match(given):
        raise UsageError(say("store.url", how=how, given=given))
    return Path(given), how


def choose_store(data: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The store a query reads, and why: ``--data``, ``DTIKIT_DATA``, the user's store, or the bundled one."""
    path, how = given_store(data)
    if path is not None:
        return path, how
    user = user_store()
    if (user / CURRENT).is_file():
        return user, say("store.why_user")
    return default_data_dir(), say("store.why_bundled")


def data_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """The store folder chosen by ``data``, ``DTIKIT_DATA``, the user's store or the bundled default."""
    return choose_store(data)[0]


def tables_dir(root: Path) -> Path:
    """The folder holding the current tables of the store at ``root``."""
    pointer = root / CURRENT
    if pointer.is_file():
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            name = ""
        return root / name if name.startswith("gen-") and "/" not in name else root / ".missing-version"
    return root


def is_store(root: Path) -> bool:
    return (tables_dir(root) / "values.parquet").exists()


def _refuse_broken(root: Path, how: str) -> None:
    """A one-line error for a folder that is not a readable store; nothing when it is one."""
    bundled = root in (_PACKAGED, _CHECKOUT)
    named = f"{how} {root}" if how.startswith(("--", "DTIKIT")) else str(root)
    if not root.exists():
        if bundled:
            raise DataError(say("store.bundled_missing", root=root))
        raise DataError(say("store.no_folder", named=named))
    if not root.is_dir():
        raise DataError(say("store.is_a_file", named=named))
    pointer = root / CURRENT
    if pointer.exists():
        tables = tables_dir(root)
        if not tables.is_dir():
            raise DataError(say("store.no_version", pointer=pointer, name=tables.name, fix=repair_hint()))
        if not (tables / "values.parquet").exists():
            raise DataError(say("store.missing_file", file=tables / "values.parquet", fix=repair_hint()))
        return
    if not (root / "values.parquet").exists():
        if bundled:
            raise DataError(say("store.bundled_empty", root=root))
        raise DataError(say("store.not_a_store", named=named))


_ORDER = ("geography", "province", "year", "indicator")  # the order a collected scan is given in


class Store:
    """Read access to the tables of one store folder: scans filtered before anything is collected.

    ``scan_values``/``scan_observations`` are LazyFrames over the main table and every part;
    ``values(indicators=..., years=..., ...)`` collects only the rows asked for.
    """

    def __init__(self, data: str | os.PathLike[str] | None = None) -> None:
        path, how = choose_store(data)
        _refuse_broken(path, how)
        self.path = path
        self.tables = tables_dir(self.path)
        self.user = (path / CURRENT).is_file()  # a store written by ingest: versions, log, undo
        # what the version recorded of its files (a store written by ingest); checked when read
        self.manifest = self._manifest() if self.user else None
        self._memo: dict[tuple, pl.DataFrame] = {}
        self._read: dict[Path, pl.DataFrame] = {}
        self._verified: set[Path] = set()

    def _manifest(self) -> dict:
        document, problem = manifest.read(self.tables)
        if problem is not None:
            raise DataError(
                say("store.manifest_damaged", file=self.tables / MANIFEST, status=say_status(problem), fix=self.fix())
            )
        return document

    @property
    def version(self) -> int:
        """The number of the current version (0 for a store without versions, such as the bundled one)."""
        return int(self.tables.name.removeprefix("gen-")) if self.tables.name.startswith("gen-") else 0

    def fix(self) -> str:
        return repair_hint() if self.user else say("store.fix_bundled")

    def file(self, name: str) -> Path:
        """The checked path of table ``name`` (see ``checked``), or a one-line error."""
        return self.checked(self.tables / f"{name}.parquet")

    def checked(self, file: Path) -> Path:
        """``file`` when it is there, the file its version recorded (its size, and its sha256 when it
        is at most ``HASH_ON_READ`` bytes), a readable Parquet file and a table of this store; else
        a one-line error naming it and the fix."""
        if file in self._verified:
            return file
        if not file.is_file():
            raise DataError(say("store.missing_file", file=file, fix=self.fix()))
        recorded = (self.manifest or {}).get("tables", {}).get(file.name)
        if recorded is not None:
            size = file.stat().st_size
            if size != recorded.get("bytes") or (
                size <= HASH_ON_READ and recorded.get("sha256") not in (None, manifest.sha256(file))
            ):
                raise DataError(say("store.changed", file=file, version=self.version, fix=self.fix()))
        _readable_table(file, self.fix())
        self._verified.add(file)
        return file

    def scan(self, name: str) -> pl.LazyFrame:
        """A lazy scan of one table (``values`` and ``observations`` include every part)."""
        if name in ("observations", "values"):
            return self._with_parts(name)
        return self.main(name)

    def main(self, name: str) -> pl.LazyFrame:
        """A lazy scan of a table's file (``observations`` and ``values``: without the parts)."""
        import polars as pl

        return pl.scan_parquet(self.file(name))

    def in_parts(self, name: str, indicators: list[str] | None = None) -> pl.LazyFrame:
        """The rows of ``observations`` or ``values`` that the parts hold (of ``indicators``), lazily:
        only the parts whose manifest lists one of them are read."""
        return self._with_parts(name, indicators, main=False)

    def parts_holding(self, keys: pl.DataFrame) -> list[Path]:
        """The parts that hold a value for any of ``keys`` (``geography``, ``province``, ``year``,
        ``indicator``); a part whose manifest lists none of their indicators is not opened."""
        import polars as pl

        at63 = part_keys(keys)
        if at63.height == 0:
            return []
        held = self.part_indicators()
        ids = set(at63["indicator"].to_list())
        found = []
        for part in self.parts():
            known = held.get(part.name)
            if known is not None and known.isdisjoint(ids):
                continue
            rows = scan_part(self.checked(part))
            if rows.join(at63.lazy(), on=PART_KEY, how="semi").select(pl.len()).collect().item():
                found.append(part)
        return found

    def table(self, name: str) -> pl.DataFrame:
        if name in ("observations", "values"):
            return self._query(name, None, None, None, None)
        return self._whole(self.file(name))

    def _whole(self, file: Path) -> pl.DataFrame:
        """A (small) table read whole, once per store object."""
        import polars as pl

        if file not in self._read:
            try:
                self._read[file] = pl.read_parquet(file)
            except Exception:  # damaged after its footer
                raise DataError(say("store.unreadable_parquet", file=file, fix=self.fix())) from None
        return self._read[file]

    def ingests(self) -> pl.DataFrame:
        """What each ``dtikit ingest`` added (empty for the bundled store)."""
        import polars as pl

        file = self.tables / "ingests.parquet"
        if not file.exists():
            if (self.manifest or {}).get("tables", {}).get(file.name) is not None:
                self.checked(file)  # recorded at commit time, gone now
            return pl.DataFrame(schema=schema(INGESTS_COLUMNS))
        log = self._whole(self.checked(file))
        wanted = schema(INGESTS_COLUMNS).items()
        return log.with_columns([pl.lit(None, t).alias(n) for n, t in wanted if n not in log.columns])

    def parts(self) -> list[Path]:
        """The part files of this version (large ingests kept as they were written)."""
        return [self.tables / p for p in self.ingests()["part"].drop_nulls()]

    def scan_values(self) -> pl.LazyFrame:
        return self.scan("values")

    def scan_observations(self) -> pl.LazyFrame:
        return self.scan("observations")

    def values(
        self,
        *,
        indicators: list[str] | None = None,
        years: list[int] | None = None,
        provinces: list[str] | None = None,
        geography: int | None = None,
    ) -> pl.DataFrame:
        """The values held, only those of the indicators, years, provinces and geography given."""
        return self._query("values", indicators, years, provinces, geography)

    def observations(
        self,
        *,
        indicators: list[str] | None = None,
        years: list[int] | None = None,
        provinces: list[str] | None = None,
        geography: int | None = None,
    ) -> pl.DataFrame:
        """Every source row held (with provenance), only those asked for."""
        return self._query("observations", indicators, years, provinces, geography)

    def _query(self, name: str, *filters: list | int | None) -> pl.DataFrame:
        key = (name, *(tuple(f) if isinstance(f, list | tuple | set) else f for f in filters))
        if key not in self._memo:
            self._memo[key] = self._collect(
                _filtered(self._with_parts(name, filters[0], filters[2], filters[3]), *filters)
            )
        return self._memo[key]

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

    def _collect(self, frame: pl.LazyFrame) -> pl.DataFrame:
        """Collect a scan of the store in a stable order; an unreadable file is a one-line error."""
        import polars as pl

        try:
            found = frame.collect()
            order = [c for c in (*_ORDER, "period", "raw_file", "raw_row", "source") if c in found.columns]
            return found.sort(order, nulls_last=True, maintain_order=True)
        except (pl.exceptions.PolarsError, OSError) as exc:
            if disk_full(exc):
                raise
            raise DataError(
                self.damage() or say("store.unreadable", file=self.tables, kind=exc.__class__.__name__, fix=self.fix())
            ) from None

    def damage(self) -> str | None:
        """The first problem of a file of this version (missing, changed, unreadable), or None."""
        try:
            for file in sorted(self.tables.glob("*.parquet")) + self.parts():
                self.checked(file)
        except DataError as exc:
            return str(exc)
        return None

    def part_indicators(self) -> dict[str, frozenset[str]]:
        """The indicators each part of this version holds, as recorded at commit (none for older stores)."""
        recorded = (self.manifest or {}).get("tables", {})
        return {name: frozenset(e["indicators"]) for name, e in recorded.items() if "indicators" in e}

    def _with_parts(
        self,
        name: str,
        indicators: list[str] | None = None,
        provinces: list[str] | None = None,
        geography: int | None = None,
        *,
        main: bool = True,
    ) -> pl.LazyFrame:
        """``observations`` or ``values``: the main file and every part, with the part's provenance
        (without ``main``: the parts only).

        A part whose recorded indicators (``manifest.json``) hold none of ``indicators`` is left unread,
        and so is every part when ``geography`` is not 63 (a part holds the 63 provinces only).
        """
        import polars as pl

        whole = self.main(name)
        log = self.ingests().filter(pl.col("part").is_not_null())
        if log.height == 0 or geography not in (None, 63):
            return whole if main else pl.LazyFrame(schema=whole.collect_schema())
        main_schema = whole.collect_schema()
        frames = [whole] if main else [pl.LazyFrame(schema=main_schema)]
        held = self.part_indicators()
        for row in log.iter_rows(named=True):
            known = held.get(row["part"])
            if indicators is not None and known is not None and known.isdisjoint(indicators):
                continue
            part = self.checked(self.tables / row["part"])
            frames.append(_part_as(row, _part_scan(part, indicators, provinces), main_schema))
        return pl.concat(frames, how="vertical")


def _filtered(
    frame: pl.LazyFrame,
    indicators: list[str] | None,
    years: list[int] | None,
    provinces: list[str] | None,
    geography: int | None,
) -> pl.LazyFrame:
    import polars as pl

    if indicators is not None:
        frame = frame.filter(pl.col("indicator").is_in(list(indicators)))
    if years is not None:
        frame = frame.filter(pl.col("year").is_in(list(years)))
    if provinces is not None:
        frame = frame.filter(pl.col("province").is_in(list(provinces)))
    if geography is not None:
        frame = frame.filter(pl.col("geography") == geography)
    return frame


def _part_scan(path: Path, indicators: list[str] | None, provinces: list[str] | None) -> pl.LazyFrame:
    """A part's rows of these indicators and provinces, filtered in the scan, with province and indicator
    as text (parts written before 2026-11-30 hold them as enumerations: filtered on their codes)."""
    import polars as pl

    scan = pl.scan_parquet(path)
    types = scan.collect_schema()
    for column, wanted in (("indicator", indicators), ("province", provinces)):
        if wanted is None:
            continue
        if isinstance(types[column], pl.Enum):
            categories = types[column].categories.to_list()
            codes = [categories.index(w) for w in set(wanted) if w in categories]
            scan = scan.filter(pl.col(column).to_physical().is_in(codes))
        else:
            scan = scan.filter(pl.col(column).is_in(list(wanted)))
    return scan.with_columns(pl.col("province", "indicator").cast(pl.String))


def _part_as(row: dict, part: pl.LazyFrame, main_schema: pl.Schema) -> pl.LazyFrame:
    """A part's rows with the main table's columns: its provenance from its row of ``ingests``."""
    import polars as pl

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
        for c, dtype in main_schema.items()
    ]
    return part.select(columns)


# the columns a table must hold to be read as that table of a store (name: Polars type, or None for any)
_KEYS = {"geography": "Int16", "province": None, "year": "Int16", "indicator": "String", "value": "Float64"}
REQUIRED = {
    "values": _KEYS,
    "observations": {**_KEYS, "source": "String"},
    "ingests": {"file": "String", "file_sha256": "String", "ingested_at": "String"},
    "provinces": {"geography": "Int16", "province": "String", "region": None},
    "aliases": {"geography": "Int16", "alias": "String", "province": "String"},
    "regions": {"region": "String", "keys": None},
    "indicators": {"indicator": "String"},
    "national": {"year": "Int16", "measure": "String", "value": "Float64"},
    "targets": {"who": "String", "indicator": "String", "target": "Float64"},
    "part": {"province": None, "year": "Int16", "indicator": None, "value": "Float64"},
}


def _readable_table(file: Path, fix: str) -> None:
    """A one-line error unless ``file``'s Parquet footer reads and it holds the columns of its table."""
    import polars as pl

    try:
        found = pl.read_parquet_schema(file)
    except Exception:  # a truncated or foreign file: any reader error
        raise DataError(say("store.not_parquet", file=file, fix=fix)) from None
    table = "part" if file.name.startswith("part-") else file.name.removesuffix(".parquet")
    wanted = REQUIRED.get(table, {})
    wrong = [
        f"{name} {dtype}" if name in found else name
        for name, dtype in wanted.items()
        if name not in found or (dtype is not None and found[name] != getattr(pl, dtype)())
    ]
    if wrong:
        raise DataError(say("store.wrong_schema", file=file, table=table, columns=", ".join(wrong), fix=fix))


def schema(columns: dict[str, str]) -> dict[str, pl.DataType]:
    import polars as pl

    return {name: getattr(pl, dtype)() for name, dtype in columns.items()}


def say_status(status: str) -> str:
    """A file's status in ``store check`` ('missing', '12 rows, 10 recorded'), in the run's language."""
    from dtikit.messages import words

    counted = status.split(" rows, ")
    if len(counted) == 2:
        return say("store.status_rows", count=counted[0], recorded=counted[1].removesuffix(" recorded"))
    return words().get(status, status)


PART_KEY = ["province", "year", "indicator"]  # a part's key columns (its geography is 63)


def part_keys(keys: pl.DataFrame) -> pl.DataFrame:
    """The keys (``geography``, ``province``, ``year``, ``indicator``) a part can hold, in its columns."""
    import polars as pl

    return keys.filter(pl.col("geography") == 63).select("province", pl.col("year").cast(pl.Int16), "indicator")


def scan_part(path: Path) -> pl.LazyFrame:
    """A part's rows, with province and indicator as text (a part stores them as enumerations)."""
    import polars as pl

    return pl.scan_parquet(path).with_columns(pl.col("province", "indicator").cast(pl.String))


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
    """The store an ingest writes to: ``--data``, ``DTIKIT_DATA`` or the user's store; never the bundled data."""
    chosen, how = given_store(data)
    root = chosen if chosen is not None else user_store()
    if root.exists() and not root.is_dir():
        raise UsageError(say("store.not_a_folder", how=how or "store", root=root))
    if root.resolve() in (_PACKAGED.resolve(), _CHECKOUT.resolve()):
        raise UsageError(say("store.read_only", root=root))
    return root


@contextmanager
def write_lock(root: Path, wait: float = 10.0) -> Iterator[None]:
    """Hold the store's exclusive write lock (waits up to ``wait`` seconds for another writer).

    ``filelock``: the platform's own file lock (``fcntl.flock``, ``msvcrt.locking`` on Windows), released
    by the system when the process ends, however it ends."""
    from filelock import FileLock, Timeout

    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(root / LOCK, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(say("store.locked", root=root)) from None
    try:
        yield
    finally:
        lock.release()


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk is full (an OSError, or a Polars error quoting the system's words)."""
    import errno

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc)
    return any(
        words in text
        for words in ("No space left on device", "os error 28", "not enough space on the disk", "os error 112")
    )


FULL = 2**20  # a disk with less room than this after a failed write is full


def refuse_disk_full(exc: BaseException, root: Path, *also: Path) -> None:
    """A one-line error for a full disk (the store is left as it was); nothing for any other error.

    Full: the error says so, or it came from Polars (which has been seen to leave a truncated file
    without saying why, then fail reading it back) while the disk of ``root`` (or of ``also``, the
    work folder) has less than ``FULL`` bytes free."""
    if not isinstance(exc, Exception):
        return
    if disk_full(exc) or (_from_polars(exc) and any(_room(p) < FULL for p in (root, *also))):
        raise DataError(say("store.disk_full", root=root)) from None


def _from_polars(exc: Exception) -> bool:
    return type(exc).__module__.startswith("polars")


def _room(path: Path) -> int:
    """Bytes free on the disk holding ``path`` (or its nearest existing folder)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return FULL


def commit(
    root: Path,
    tables: dict[str, pl.DataFrame | pl.LazyFrame],
    extra: dict[str, pl.DataFrame] | None = None,
    *,
    unchanged: list[Path] = (),
    move: dict[str, Path] | None = None,
    record: dict | None = None,
) -> Path:
    """Write a new version of the store at ``root`` and make it current (hold ``write_lock``).

    A LazyFrame is streamed into its file, so a large table is never held whole. ``unchanged`` are
    files of an earlier version taken over unchanged (hard-linked, or copied across file
    systems); ``move`` maps names in the new version to finished files moved in. ``record`` is
    what the log says of this version (``dtikit.versions.record``). Earlier versions are kept.

    Until ``CURRENT`` names the new version nothing a reader sees has changed; if anything fails
    before (a full disk, an error), the new version's folder is removed: no version is left that
    was never current.
    """
    from dtikit import versions

    _clean_staging(root)
    previous = tables_dir(root) if (root / CURRENT).is_file() else None
    number = versions.next_number(root)
    name = f"gen-{number:06d}"
    staging = new_folder(root, STAGING_PREFIX)
    renamed = False
    try:
        for file in unchanged:
            _take_over(file, staging / file.name, root)
        for target, file in (move or {}).items():
            shutil.move(file, staging / target)
        for table, frame in {**tables, **(extra or {})}.items():
            write_table(frame, staging / f"{table}.parquet", ordered=table in ("values", "observations"))
        versions.write_manifest(staging, number, previous, unchanged, record or {})
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


POINTER = f".{CURRENT}.tmp"


def _point(root: Path, name: str) -> None:
    """Make version ``name`` current: ``CURRENT`` written beside, flushed to disk and renamed into place."""
    with open(root / POINTER, "wb") as handle:
        handle.write(f"{name}\n".encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(root / POINTER, root / CURRENT)


def _seal(folder: Path) -> None:
    """Flush every new file of a version to disk and make it read-only (a file linked from an earlier
    version is read-only and on disk already; one a user of a shared store cannot change is left)."""
    for path in folder.iterdir():
        mode = path.stat().st_mode
        if not mode & 0o222:
            continue
        try:
            with open(path, "r+b") as handle:  # fsync needs a handle open for writing on Windows
                os.fsync(handle.fileno())
            os.chmod(path, mode & ~0o222)
        except PermissionError:  # a colleague's file in a shared store
            pass


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk where the platform allows it (not on Windows: no handle on a folder)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except PermissionError:  # a file system that gives no handle on a folder
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _take_over(file: Path, target: Path, root: Path) -> None:
    """Hard-link a file of an earlier version into a new one (free); copy a file from outside the store
    (the bundled figures stay read-only: a link would let a damaged store damage them) or across file systems."""
    if file.resolve().is_relative_to(root.resolve()):
        try:
            os.link(file, target)
            return
        except OSError:  # links not allowed here
            pass
    shutil.copyfile(file, target)


def write_table(frame: pl.DataFrame | pl.LazyFrame, path: Path, *, ordered: bool = False) -> None:
    """Write one table of a version; ``values`` and ``observations`` in the store's layout.

    The layout: rows sorted by (indicator, year, geography, province), in row groups of
    ``ROW_GROUP_ROWS`` rows with min/max statistics, so a scan filtered by indicator and year
    reads the few row groups that hold them (docs/guides/store.md, "The store's files").
    """
    import polars as pl

    if ordered:
        frame = frame.sort(SORT_KEY, nulls_last=True)
    if isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(path, statistics=True, row_group_size=ROW_GROUP_ROWS)
    else:
        frame.write_parquet(path, statistics=True, row_group_size=ROW_GROUP_ROWS)


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, read-only files too (Windows refuses to delete those)."""

    def writable_again(function, name, *_) -> None:
        try:
            os.chmod(name, 0o700 if os.path.isdir(name) else 0o600)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_again)
    else:  # pragma: no cover - Python 3.11
        shutil.rmtree(path, onerror=writable_again)


WORK_PREFIX = ".work-"
STAGING_PREFIX = ".staging-"


def new_folder(parent: Path, prefix: str) -> Path:
    """A new folder of a unique name in ``parent``, made as any folder the user makes (the umask holds:
    ``tempfile.mkdtemp`` gave mode 700, and a colleague could not read a shared store)."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


@contextmanager
def work_folder(root: Path) -> Iterator[Path]:
    """A folder for an ingest's intermediate files, removed at the end: inside the store when it can be
    (a part is then renamed into place), else in the system's temporary folder.

    Beside it, ``.work-….lock`` is locked for as long as it exists: ``clean_leftovers`` removes only
    the folders whose lock it can take, those of a process that is gone (killed midway)."""
    from filelock import FileLock, Timeout

    try:
        if not root.is_dir():
            raise FileNotFoundError(root)
        while True:  # a lock before its folder: a folder without a held lock is never in use
            name = f"{WORK_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
            lock = FileLock(root / f"{name}.lock", timeout=0)
            try:
                lock.acquire()
                break
            except Timeout:  # a cleaner took this new lock for a moment: another name
                continue
        folder = root / name
        folder.mkdir()
    except OSError:  # no store folder yet, or one this user cannot write
        # errors of its removal ignored: a Polars query stopped by an error may create its file late
        with tempfile.TemporaryDirectory(prefix="dtikit-ingest-", ignore_cleanup_errors=True) as elsewhere:
            yield Path(elsewhere)
        return
    try:
        yield folder
    finally:
        remove_tree(folder)
        lock.release()
        Path(lock.lock_file).unlink(missing_ok=True)


def clean_leftovers(root: Path) -> None:
    """Remove the work folders of ingests that are gone (killed midway): those whose lock is free."""
    from filelock import FileLock, Timeout

    if not root.is_dir():
        return
    for path in root.iterdir():
        if not path.name.startswith(WORK_PREFIX):
            continue
        lock_file = path if path.suffix == ".lock" else path.with_name(f"{path.name}.lock")
        lock = FileLock(lock_file, timeout=0)
        try:
            lock.acquire()
        except (Timeout, OSError):  # in use (or not ours to take)
            continue
        try:
            folder = lock_file.with_name(lock_file.name.removesuffix(".lock"))
            if folder.is_dir():
                remove_tree(folder)
        finally:
            lock.release()
            lock_file.unlink(missing_ok=True)


def _clean_staging(root: Path) -> None:
    """Remove the staging folders of commits that were killed (the caller holds the write lock, so no
    commit is under way) and the pointer they may have left half-written."""
    if not root.is_dir():
        return
    for path in root.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            remove_tree(path)
    (root / POINTER).unlink(missing_ok=True)
