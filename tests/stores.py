"""Stores made for a test: the bundled tables with invented values and a catalog of the test's own."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from dtikit.storage import TABLES, Store, transaction


def user_values(rows: list[tuple[str, int, str, float]], *, unit: str = "u", source: str = "test") -> pl.DataFrame:
    """Rows (province, year, indicator, value) as a user's values of the 63 provinces' geography."""
    template = Store().values().head(1)
    made = pl.DataFrame(rows, schema=["province", "year", "indicator", "value"], orient="row")
    return made.with_columns(
        geography=pl.lit(63, pl.Int16),
        year=pl.col("year").cast(pl.Int16),
        period=pl.col("year").cast(pl.String),
        value_text=pl.col("value").cast(pl.String),
        unit=pl.lit(unit),
        source_kind=pl.lit("user"),
        source=pl.lit(source),
        n_sources=pl.lit(1, pl.Int32),
        conflict=pl.lit(False),
    ).select(template.columns)


def made_store(root: Path, *, values: pl.DataFrame | None = None, indicators: pl.DataFrame | None = None) -> Store:
    """A store at ``root``: the bundled tables, ``values`` added to theirs, ``indicators`` as its catalog."""
    base = Store()
    tables = {name: base.table(name) for name in TABLES}
    if values is not None:
        tables["values"] = pl.concat([base.values(), values])
    if indicators is not None:
        tables["indicators"] = indicators
    with transaction(root) as tx:
        for name, table in tables.items():
            tx.write(name, table)
        tx.commit({})
    return Store(root)
