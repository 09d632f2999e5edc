"""dtikit as a Python library: each command's answer as a Polars DataFrame.

``import dtikit`` gives these functions (``dtikit.rank(year=2022)``) without importing typer, rich
or matplotlib. Each reads ``data``: a store folder, a ``Store`` already opened, or ``None`` for the
default store (the one ``dtikit store path`` names, else the bundled published figures). Every
function returns the table the command writes as CSV, with the same columns and rows; the notes a
command prints on stderr (methodology changes, names read generously) and what the answer is about
are in the ``Result`` of ``dtikit.queries`` (``rank_query``, ``gap_query``, ...) each function wraps.
Errors are ``dtikit.errors.DtiError``: ``UsageError`` for a wrong argument, ``DataError`` for data
that cannot answer. ``indicator`` is any name of a catalog indicator, an ``Indicator`` of the store's
catalog, or None for the catalog's headline index (the DTI); each function resolves it once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.storage import Store

StoreLike = Store | str | os.PathLike[str] | None
IndicatorLike = str | Indicator | None


def _store(data: StoreLike) -> Store:
    return data if isinstance(data, Store) else Store(data)


def _measure(store: Store, indicator: IndicatorLike) -> Indicator:
    """The indicator a function answers: one given as an object, else the one a name asks for (``Catalog.asked``)."""
    return indicator if isinstance(indicator, Indicator) else Catalog.of(store).asked(indicator)


def rank(
    year: int,
    indicator: IndicatorLike = None,
    *,
    region: str | None = None,
    top: int | None = None,
    vs: int | None = None,
    geography: int | None = None,
    among_held: bool = False,
    data: StoreLike = None,
) -> pl.DataFrame:
    """The provinces ranked on ``indicator`` in ``year`` (``dtikit rank``), one row per province.

    ``rank`` is the published rank where there is one (``rank_basis`` says which), ``rank_change``
    the places climbed since ``prev_year`` (``vs``, else the previous year with ranks)."""
    from dtikit.queries import rank_query

    store = _store(data)
    result = rank_query(
        store,
        year,
        _measure(store, indicator),
        region=region,
        top=top,
        vs=vs,
        geography=geography,
        among_held=among_held,
    )
    return result.table


def gap(
    province: str,
    target: int | None = None,
    *,
    target_value: float | None = None,
    indicator: IndicatorLike = None,
    year: int | None = None,
    by: int | None = None,
    data: StoreLike = None,
) -> pl.DataFrame:
    """How far ``province`` is from a target rank (``target``) or value (``target_value``) (``dtikit gap``)."""
    from dtikit.queries import gap_query

    store = _store(data)
    measure = _measure(store, indicator)
    result = gap_query(store, province, target, target_value=target_value, indicator=measure, year=year, by=by)
    return result.table


def trend(
    indicator: IndicatorLike = None,
    *,
    region: str | None = None,
    geography: int | None = None,
    data: StoreLike = None,
) -> pl.DataFrame:
    """National figures and the provinces' mean, median, min and max by year (``dtikit trend``)."""
    from dtikit.queries import trend_query

    store = _store(data)
    return trend_query(store, _measure(store, indicator), region=region, geography=geography).table


def profile(
    province: str, *, geography: int = geographies.DEFAULT, indicators: bool = False, data: StoreLike = None
) -> pl.DataFrame:
    """One province's DTI by year, or with ``indicators`` its other indicators (``dtikit profile``)."""
    from dtikit.queries import profile_query

    return profile_query(_store(data), province, geography=geography, indicators=indicators, only_main=True).table


def compare(
    provinces: Sequence[str],
    indicator: IndicatorLike = None,
    *,
    geography: int | None = None,
    among_held: bool = False,
    data: StoreLike = None,
) -> pl.DataFrame:
    """Provinces side by side, one row per (year, measure) (``dtikit compare``)."""
    from dtikit.queries import compare_query

    store = _store(data)
    measure = None if indicator is None else _measure(store, indicator)  # None: the headline index and its parts
    result = compare_query(store, list(provinces), measure, geography=geography, among_held=among_held)
    return result.table


def sources(
    *,
    conflicts: bool = False,
    province: str | None = None,
    year: int | None = None,
    indicator: str | None = None,
    data: StoreLike = None,
) -> pl.DataFrame:
    """Every source row held for the values asked for, ``chosen`` marking the one used (``dtikit sources``)."""
    from dtikit.sources import source_rows

    return source_rows(_store(data), conflicts=conflicts, province=province, year=year, indicator=indicator)


def provinces(*, geography: int = geographies.DEFAULT, data: StoreLike = None) -> pl.DataFrame:
    """The units of ``geography`` (``dtikit.geography``) with their region (``dtikit provinces``)."""
    from dtikit.provinces import province_table

    return province_table(_store(data), geography)


__all__ = ["Store", "compare", "gap", "profile", "provinces", "rank", "sources", "trend"]
