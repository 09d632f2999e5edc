"""dtikit: Vietnam's provincial Digital Transformation Index (DTI) as data.

The library (``docs/library.md``)::

    import dtikit
    dtikit.rank(year=2022)                         # a Polars DataFrame, as `dtikit rank --format csv`
    dtikit.gap("Kon Tum", target=35, year=2022)
    dtikit.trend()
    dtikit.Store("my-store")                       # a store folder written by `dtikit ingest`

Each function is in ``dtikit.api`` and is imported on first use, so ``import dtikit`` (and the
command line's ``--help``) loads neither Polars nor typer nor rich. The core modules (``store``,
``provinces``, ``ranking``, ``gap``, ``sources``) are pure Polars; ``dtikit.cli`` is a thin
command-line layer over them.

Some functions share their name with a core module (``dtikit.gap`` the function, ``dtikit/gap.py``
the module): the package's attribute is always the function, and the module is reached by its full
name (``from dtikit.gap import rank_gap``, ``importlib.import_module("dtikit.gap")``).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_API = ("Store", "compare", "gap", "profile", "provinces", "rank", "sources", "trend")

if TYPE_CHECKING:
    from dtikit.api import Store, compare, gap, profile, provinces, rank, sources, trend


def _public(name: str) -> property:
    """The attribute ``name`` of the package: ``dtikit.api.<name>``, imported when first read.

    Importing a core module of the same name (``dtikit.gap``) makes the import system set it on the
    package; that is ignored here (the module stays in ``sys.modules``), so the name keeps meaning
    the function whatever was imported before."""

    def get(package: types.ModuleType) -> object:
        from dtikit import api

        return getattr(api, name)

    def set_(package: types.ModuleType, value: object) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError(f"dtikit.{name} is part of dtikit's API and cannot be replaced")

    return property(get, set_, doc=f"dtikit.api.{name}")


class _Package(types.ModuleType):
    """The ``dtikit`` package: a module whose API names are read from ``dtikit.api``."""


for _name in _API:
    setattr(_Package, _name, _public(_name))
sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])


__all__ = ["Store", "__version__", "compare", "gap", "profile", "provinces", "rank", "sources", "trend"]
