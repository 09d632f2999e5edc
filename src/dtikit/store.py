"""Where the processed store lives, and reading its tables.

The store is a folder of Parquet files (see ``dtikit.build``). Which folder: the ``data``
argument, else the ``DTIKIT_DATA`` environment variable, else the copy shipped inside the
installed package (``dtikit/_data``), else ``data/processed`` of a source checkout.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError

if TYPE_CHECKING:
    import polars as pl

TABLES = ("observations", "values", "provinces", "aliases", "regions", "indicators")
_PACKAGED = Path(__file__).resolve().parent / "_data"
_CHECKOUT = Path(__file__).resolve().parents[2] / "data" / "processed"


def default_data_dir() -> Path:
    """The bundled store: inside the installed package, or the checkout's data/processed."""
    return _PACKAGED if (_PACKAGED / "values.parquet").exists() else _CHECKOUT


def data_dir(data: str | os.PathLike[str] | None = None) -> Path:
    """The store folder chosen by ``data``, ``DTIKIT_DATA`` or the bundled default."""
    chosen = data if data not in (None, "") else os.environ.get("DTIKIT_DATA") or None
    return Path(chosen) if chosen is not None else default_data_dir()


class Store:
    """Read access to the tables of one store folder; each table is read once."""

    def __init__(self, data: str | os.PathLike[str] | None = None) -> None:
        self.path = data_dir(data)
        if not (self.path / "values.parquet").exists():
            raise DataError(
                f"{self.path}: no dtikit store here (values.parquet missing); "
                "run 'make data' in a checkout, or point --data / DTIKIT_DATA at a store folder"
            )

    def table(self, name: str) -> pl.DataFrame:
        return _read(self.path, name)

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
