"""``ranking.region_ranks`` and ``ranks.ranks_of``'s subsets compute in Python; they must answer what the
Polars plans they replaced answer.

The references below are those plans, kept as they were: the window ranks of each (year, region), a
published region rank joined over them (``region_ranks``); and a filter of the indicators asked
(``ranks._rows_of``). Both run on random frames with missing rows, ranks and scores, ties, NaN and
-0.0, missing keys, in both directions, and must give the same frame, row for row and type for type.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.catalog import Indicator
from dtikit.ranking import region_ranks
from dtikit.ranks import _rows_of, competition_rank

RANKS = {
    "indicator": pl.String,
    "year": pl.Int16,
    "province": pl.String,
    "region": pl.String,
    "rank": pl.Int32,
    "score": pl.Float64,
}
REGION = {"year": pl.Int16, "province": pl.String, "region_rank": pl.Int32, "region_size": pl.Int32}
VALUES = {"year": pl.Int16, "province": pl.String, "value": pl.Float64}
SCORES = [0.5, 0.25, 0.25, 1.0, -0.0, 0.0, float("nan"), None, 0.75, 0.12345, 0.00005, -0.00015]


class _Store:
    """The one read ``region_ranks`` makes: the values of its published region ranks."""

    def __init__(self, values: dict[str, pl.DataFrame]) -> None:
        self._values = values

    def values(self, *, indicators: list[str], geography: int) -> pl.DataFrame:
        (ident,) = indicators
        return self._values.get(ident, pl.DataFrame(schema=VALUES))


def _planned_region_ranks(store: _Store, ranks: pl.DataFrame, indicator: Indicator, geography: int = 63):
    """``region_ranks`` as its Polars plan made it."""
    size = pl.len().over(["year", "region"]).cast(pl.Int32)
    by_rank = pl.when(pl.col("rank").is_not_null().all().over(["year", "region"])).then(
        pl.col("rank").rank("min").over(["year", "region"]).cast(pl.Int32)
    )
    by_value = pl.when(pl.col("score").is_not_null().all().over(["year", "region"])).then(
        competition_rank(pl.col("score"), indicator.descending).over(["year", "region"])
    )
    published = store.values(indicators=[indicator.region_rank_id or ""], geography=geography).select(
        "year", "province", published_region_rank=pl.col("value").cast(pl.Int32)
    )
    within = (
        ranks.filter(pl.col("region").is_not_null())
        .with_columns(computed=pl.coalesce(by_rank, by_value), size=size)
        .join(published, on=["year", "province"], how="left", maintain_order="left")
        .with_columns(region_rank=pl.coalesce("published_region_rank", "computed"))
    )
    return within.select(
        "year", "province", "region_rank", region_size=pl.when(pl.col("region_rank").is_not_null()).then("size")
    )


def _ranks(rnd: random.Random, ids: list[str], places: list[tuple[str, str | None]]) -> pl.DataFrame:
    """Rows as ``ranks_of`` gives them (by indicator and year, the provinces in order), some left out."""
    rows = []
    for ident in sorted(ids):
        for year in sorted(rnd.sample([2019, 2020, 2021, 2022, 2023, 2025], rnd.randint(0, 6))):
            complete = rnd.random() < 0.4
            for province, region in places:
                if not complete and rnd.random() < 0.15:
                    continue
                rank = None if not complete and rnd.random() < 0.3 else rnd.randint(1, len(places))
                score = rnd.choice(SCORES[:-1] if complete else SCORES)
                rows.append((ident, year, province, region, rank, score))
    return pl.DataFrame(rows, schema=RANKS, orient="row")


def _places(rnd: random.Random) -> list[tuple[str, str | None]]:
    return [(f"P{i}", rnd.choice(["N", "N", "S", None])) for i in range(rnd.randint(1, 6))]


def test_region_ranks_are_those_the_plan_computes() -> None:
    rnd = random.Random(7)
    kinds = {"published": 0, "computed": 0}
    for _ in range(400):
        places = _places(rnd)
        ranks = _ranks(rnd, ["dti"], places).drop("indicator")
        published = None
        if rnd.random() < 0.6:
            rows = [
                (rnd.choice([2019, 2020, 2021, None]), rnd.choice([*(p for p, _ in places), "Elsewhere", None]), v)
                for v in (rnd.choice([1.0, 2.0, 3.0, 2.7, None]) for _ in range(rnd.randint(0, 8)))
            ]
            unique = {(y, p): (y, p, v) for y, p, v in rows}  # one value per key of a geography
            published = pl.DataFrame(list(unique.values()), schema=VALUES, orient="row")
        indicator = Indicator(
            "dti",
            higher_is_better=rnd.choice([True, False, None]),
            region_rank_id="dti_region" if published is not None else None,
        )
        store = _Store({} if published is None else {"dti_region": published})
        found = region_ranks(store, ranks, indicator, 63)
        expected = _planned_region_ranks(store, ranks, indicator)
        assert found.schema == expected.schema
        assert found.equals(expected), (ranks, published, indicator, found, expected)
        kinds["computed"] += found["region_rank"].is_not_null().sum()
        kinds["published"] += 0 if published is None else published["value"].is_not_null().sum()
    assert min(kinds.values()) > 200


def test_rows_of_indicators_are_those_a_filter_keeps() -> None:
    rnd = random.Random(11)
    for _ in range(300):
        rows = [
            (rnd.choice(["a", "b", "c", "d", None]), 2020, "P", None, None, None) for _ in range(rnd.randint(0, 12))
        ]
        if rnd.random() < 0.5:  # as ``rank_rows`` gives them: by indicator
            rows.sort(key=lambda row: (row[0] is None, row[0] or ""))
        ranks = pl.DataFrame(rows, schema=RANKS, orient="row").with_row_index()
        ids = set(rnd.sample(["a", "b", "c", "x"], rnd.randint(1, 3)))
        found = _rows_of(ranks, ids)
        expected = ranks.filter(pl.col("indicator").is_in(list(ids)))
        assert found.schema == expected.schema
        assert found.equals(expected), (ranks, ids, found)
