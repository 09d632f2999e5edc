"""What a store is made of: its tables and their columns, and where its files are.

A store is a folder of Parquet files. Which folder: the ``data`` argument, else the ``DTIKIT_DATA``
environment variable, else the user's store (``user_store``) once an ingest has made it, else the
copy shipped inside the installed package (``dtikit/_data``), else ``data/processed`` of a source
checkout.

A store written by ``dtikit ingest`` keeps each version in a folder ``gen-NNNNNN`` and names the
current one in the file ``CURRENT``; writers take an exclusive lock on ``.lock`` first (see
``dtikit.storage.writing``). A large file whose keys are all new is added as a *part*:
``part-NNNNNN.parquet`` holds its rows (``PART_COLUMNS``) and the ``ingests`` table its provenance;
the ``observations`` and ``values`` tables are then the main file plus every part
(``dtikit.storage.reading``). A part's key given again by a later ingest is *masked*: the table
``masks`` names the part and the key, and the part's row of that key no longer counts (its value is
then in the main tables); a part with many keys masked is written anew without them instead.

Only the modules of ``dtikit.storage`` know these names; every other module reads a ``Store`` and
writes through ``transaction()``.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit import geography as geographies
from dtikit.errors import UsageError
from dtikit.messages import say

if TYPE_CHECKING:
    import polars as pl

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
    # a part that gives again every key of an earlier part, each with the same value: how many files give
    # each of its values (null: 1); the earlier part is ``superseded``, its rows sources only (not values)
    "sources": "Int32",
    "superseded": "Boolean",
}

TABLES = ("observations", "values", "national", "targets", "provinces", "aliases", "regions", "indicators")
_PACKAGED = Path(__file__).resolve().parents[1] / "_data"
_CHECKOUT = Path(__file__).resolve().parents[3] / "data" / "processed"
CURRENT = "CURRENT"
LOCK = ".lock"
# a file a command opens is checked against the sha256 its version recorded when it is at most this
# large (a few ms); a larger one against its recorded size (``dtikit store check`` hashes every file)
HASH_ON_READ = 16 * 2**20
# how the tables of a version are laid out: sorted by (indicator, year, ...) in row groups of this
# many rows, each with min/max statistics, so that a filter on indicator and year skips the others
ROW_GROUP_ROWS = 65_536
SORT_KEY = ["indicator", "year", "geography", "province"]
KEY = ["geography", "province", "year", "indicator"]  # one value of the ``values`` table per key


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


def is_versioned(root: Path) -> bool:
    """Whether ``root`` is a store written by ingest (with versions, a log and undo)."""
    return (root / CURRENT).exists()


def is_store(root: Path) -> bool:
    return (tables_dir(root) / "values.parquet").exists()


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


def schema(columns: dict[str, str]) -> dict[str, pl.DataType]:
    import polars as pl

    return {name: getattr(pl, dtype)() for name, dtype in columns.items()}


PART_KEY = ["province", "year", "indicator"]  # a part's key columns (its geography is PART_GEOGRAPHY)
PART_GEOGRAPHY = geographies.DEFAULT  # a part holds the provinces of the default geography only


def part_keys(keys: pl.DataFrame) -> pl.DataFrame:
    """The keys (``geography``, ``province``, ``year``, ``indicator``) a part can hold, in its columns."""
    import polars as pl

    return keys.filter(pl.col("geography") == PART_GEOGRAPHY).select(
        "province", pl.col("year").cast(pl.Int16), "indicator"
    )


def scan_part(path: Path) -> pl.LazyFrame:
    """A part's rows, with province and indicator as text (a part stores them as enumerations), its
    masked keys included: ``Store.part_rows`` gives those that count."""
    import polars as pl

    return pl.scan_parquet(path).with_columns(pl.col("province", "indicator").cast(pl.String))


# the table of the keys masked in parts: a part's name, then a key it holds that no longer counts
MASKS = "masks"
MASK_COLUMNS = {"part": "String", "province": "String", "year": "Int16", "indicator": "String"}


def without_keys(rows: pl.LazyFrame, keys: pl.DataFrame | None) -> pl.LazyFrame:
    """``rows`` of a part (text key columns) without those of ``keys`` (``PART_KEY``: the keys masked in
    it, or those a part written anew leaves out): one lookup of each row's key in a set, which streams
    (a 10M-row part against 200 keys: 0.17 s; one indicator's rows: 2 ms). Written anew without 200
    keys, the part took 0.94 s and 315 MB, where a filter of one comparison per key took 4.26 s, and
    without 1,000 keys 320 MB, where an anti join took 828 MB."""
    import polars as pl

    if keys is None or keys.height == 0:
        return rows
    return rows.filter(~pl.struct(PART_KEY).is_in(keys.select(PART_KEY).to_struct().implode()))


def keeps_masks(masked: int, rows: int) -> bool:
    """Whether a part of ``rows`` rows with ``masked`` keys masked keeps them as masks; else it is
    written anew without them. A mask costs a replace nothing but a small file (writing a 10M-row
    part anew took 1-4 s); a part whose keys are mostly masked holds rows that no longer count."""
    return masked <= min(MASKED_KEYS, rows // 10)


MASKED_KEYS = 100_000  # at most this many keys of one part are masked (and a tenth of its rows)


def writable_root(data: str | os.PathLike[str] | None) -> Path:
    """The store an ingest writes to: ``--data``, ``DTIKIT_DATA`` or the user's store; never the bundled data."""
    chosen, how = given_store(data)
    root = chosen if chosen is not None else user_store()
    if root.exists() and not root.is_dir():
        raise UsageError(say("store.not_a_folder", how=how or "store", root=root))
    if root.resolve() in (_PACKAGED.resolve(), _CHECKOUT.resolve()):
        raise UsageError(say("store.read_only", root=root))
    return root


POINTER = f".{CURRENT}.tmp"

WORK_PREFIX = ".work-"
STAGING_PREFIX = ".staging-"


@cache
def observation_schema() -> dict[str, pl.DataType]:
    """``OBSERVATION_COLUMNS`` as Polars types: the columns of every observation, bundled or ingested."""
    return schema(OBSERVATION_COLUMNS)


def write_part(
    rows: pl.LazyFrame, part: Path, row_group: int = 1 << 18, also: tuple[pl.LazyFrame, ...] = ()
) -> list[pl.DataFrame]:
    """Stream ``rows`` into the part file ``part`` (text key columns, no statistics, lz4); the row group
    of a part is chosen by ``dtikit.ingest.streamed`` (``PART_ROW_GROUP``). ``also``: queries run with
    it, sharing what they have in common with it (one scan of a file), and returned."""
    import polars as pl

    sink = rows.sink_parquet(part, statistics=False, compression="lz4", row_group_size=row_group, lazy=True)
    return pl.collect_all([sink, *also])[1:]
