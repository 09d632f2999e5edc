"""Where each value came from, and where sources disagree."""

from __future__ import annotations

import polars as pl

from dtikit.provinces import ProvinceNames
from dtikit.storage import Store
from dtikit.values import KEY

SOURCE_COLUMNS = [
    "geography",
    "province",
    "year",
    "indicator",
    "value",
    "value_text",
    "unit",
    "source_kind",
    "chosen",
    "conflict",
    "source",
    "source_note",
    "raw_file",
    "raw_row",
]


def source_rows(
    store: Store,
    *,
    conflicts: bool = False,
    province: str | None = None,
    year: int | None = None,
    indicator: str | None = None,
    geography: int | None = None,
    notes: list[str] | None = None,
) -> pl.DataFrame:
    """Every source row held, with ``chosen`` (its number is the value used) and ``conflict``.

    With ``conflicts``, only the keys whose sources give different numbers, every source of
    each such key listed, and the published ranks and scores that contradict each other
    (``dtikit.contradictions``; said in ``notes``). ``indicator`` is any name the catalog resolves (an unknown one is a
    ``UsageError`` with suggestions); a province read generously is said in ``notes``.
    """
    names = None if province is None else ProvinceNames(store, geography or 63)
    if indicator is not None:
        from dtikit.catalog import Catalog

        indicator = Catalog.of(store).resolve(indicator).id
    wanted = {
        "indicators": None if indicator is None else [indicator],
        "years": None if year is None else [year],
        "provinces": None if names is None else [names.find(province)],
        "geography": geography,
    }
    if names is not None and notes is not None:
        notes += names.notes
    observations = store.observations(**wanted)
    chosen = store.values(**wanted).select(*KEY, "conflict", chosen_source="source", chosen_value="value")
    rows = observations.join(chosen, on=KEY, how="left").with_columns(
        chosen=(pl.col("source") == pl.col("chosen_source")) & (pl.col("value") == pl.col("chosen_value")),
        conflict=pl.col("conflict").fill_null(False),
    )
    if conflicts:
        involved, said = _contradicted(store, geography)
        rows = rows.join(involved, on=KEY, how="left").with_columns(
            conflict=pl.col("conflict") | pl.col("contradicted").fill_null(False)
        )
        rows = rows.filter(pl.col("conflict"))
        if notes is not None:
            shown = set(rows.select("indicator", "year").iter_rows())
            notes += [text for key, text in said if key in shown]
    return rows.sort([*KEY, "raw_file", "raw_row"]).select(SOURCE_COLUMNS)


def _contradicted(store: Store, geography: int | None) -> tuple[pl.DataFrame, list[tuple[tuple, str]]]:
    """The keys of the ranks and scores that contradict each other (``dtikit.contradictions``), and what
    to say of each contradiction (with the indicator and year of its rows)."""
    from dtikit.catalog import Catalog
    from dtikit.contradictions import _said, every_contradiction

    catalog = Catalog.of(store)
    keys, said = [], []
    for geo in [geography] if geography is not None else [63, 34]:
        for row in every_contradiction(store, geo).iter_rows(named=True):
            measure = catalog.get(row["indicator"])
            ids = [measure.id, measure.rank_id]
            keys += [(geo, p, row["year"], i) for p in row["provinces"] for i in ids]
            said.append(((measure.id, row["year"]), _said(measure, row)))
    frame = pl.DataFrame(keys, schema=["geography", "province", "year", "indicator"], orient="row")
    frame = frame.with_columns(pl.col("geography").cast(pl.Int16), pl.col("year").cast(pl.Int16))
    return frame.unique().with_columns(contradicted=pl.lit(True)), said
