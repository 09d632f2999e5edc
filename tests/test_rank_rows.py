"""``ranks.rank_rows`` computes ranks in Python; it must answer what the Polars plan it replaced answers.

The reference below is that plan (joins of the provinces with the scores and published ranks, and
window ranks per indicator and year): both run on random tables of values with published ranks
('20/56', '3'), missing scores, ties, NaN and -0.0, in both directions, with and without
``among_held``, and must give the same frame, row for row.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.catalog import Indicator
from dtikit.ranks import competition_rank, published_of, rank_rows, ranked_among

VALUES = {"indicator": pl.String, "year": pl.Int16, "province": pl.String, "value": pl.Float64, "value_text": pl.String}


def _planned(values: pl.DataFrame, provinces: pl.DataFrame, indicators: list[Indicator], among_held: bool):
    n = provinces.height
    rank_of = {i.rank_id: i.id for i in indicators if i.rank_id}
    ids = [i.id for i in indicators]
    values = values.filter(pl.col("year").is_not_null() & pl.col("province").is_in(provinces["province"].implode()))
    scores = values.filter(pl.col("indicator").is_in(ids)).select("indicator", "year", "province", score="value")
    published = values.filter(pl.col("indicator").is_in(list(rank_of))).select(
        pl.col("indicator").replace_strict(rank_of, return_dtype=pl.String),
        "year",
        "province",
        published=pl.col("value").cast(pl.Int32),
        published_of=published_of(pl.col("value_text")),
    )
    years = pl.concat([scores.select("indicator", "year"), published.select("indicator", "year")]).unique()
    wide = (
        years.sort("indicator", "year")
        .join(provinces, how="cross", maintain_order="left_right")
        .join(published, on=["indicator", "year", "province"], how="left", maintain_order="left")
        .join(scores, on=["indicator", "year", "province"], how="left", maintain_order="left")
    )
    by = ["indicator", "year"]
    held = pl.col("score").is_not_null()
    complete = held.all().over(by)
    any_published = pl.col("published").is_not_null().any().over(by)
    among = pl.lit(among_held) & ~complete & ~any_published & held
    lower_is_better = [i.id for i in indicators if not i.descending]

    def ranked(*keys):
        best_high = competition_rank(pl.col("score"), True).over(*keys)
        return (
            pl.when(pl.col("indicator").is_in(lower_is_better))
            .then(competition_rank(pl.col("score"), False).over(*keys))
            .otherwise(best_high)
        )

    wide = wide.with_columns(
        computed=pl.when(complete).then(ranked(by)),
        among=pl.when(among).then(ranked([*by, among])),
        n_held=held.sum().over(by).cast(pl.Int32),
    )
    return wide.with_columns(
        rank=pl.coalesce("published", "computed", "among"),
        rank_basis=pl.when(pl.col("published").is_not_null())
        .then(pl.lit("published"))
        .when(pl.col("computed").is_not_null())
        .then(pl.lit("computed"))
        .when(pl.col("among").is_not_null())
        .then(pl.lit("computed among held")),
        ranked_of=pl.when(pl.col("published").is_not_null())
        .then(pl.coalesce("published_of", ranked_among(pl.col("published"), n, by)))
        .when(pl.col("computed").is_not_null())
        .then(pl.lit(n, pl.Int32))
        .when(pl.col("among").is_not_null())
        .then(pl.col("n_held")),
    ).drop("among", "published_of")


def test_ranks_are_those_the_plan_computes() -> None:
    rnd = random.Random(20261207)
    kinds = {"computed": 0, "published": 0, "computed among held": 0}
    for trial in range(300):
        places = [f"P{i}" for i in range(rnd.randint(1, 7))]
        regions = [rnd.choice(["N", "S", None]) for _ in places]
        provinces = pl.DataFrame(
            {"province": places, "region": regions}, schema={"province": pl.String, "region": pl.String}
        )
        indicators = [
            Indicator("a", rank_id="a_rank", higher_is_better=rnd.choice([True, False, None])),
            Indicator("b", higher_is_better=rnd.choice([True, False])),
        ][: rnd.randint(1, 2)]
        rows = []
        for year in rnd.sample([2019, 2020, 2021, 2022], rnd.randint(1, 3)):
            full = rnd.random() < 0.5
            for ident in ("a", "b", "a_rank", "x"):
                for place in [*places, "Elsewhere"]:
                    if not full and rnd.random() < 0.35:
                        continue
                    if ident == "a_rank":
                        if rnd.random() < 0.5:
                            continue
                        rank = rnd.randint(1, len(places))
                        text = rnd.choice([str(rank), f"{rank}/{len(places)}", f" {rank} / 56", f"{rank}/٣", None])
                        rows.append((ident, year, place, float(rank), text))
                    else:
                        score = rnd.choice([0.5, 0.25, 0.25, 1.0, -0.0, 0.0, float("nan"), None, 0.75])
                        rows.append((ident, year, place, score, None))
        rows.append(("a", None, places[0], 0.1, None))
        values = pl.DataFrame(rows, schema=VALUES, orient="row").sample(fraction=1.0, shuffle=True, seed=trial)
        among_held = rnd.random() < 0.5
        found = rank_rows(values, provinces, indicators, among_held)
        expected = _planned(values, provinces, indicators, among_held)
        assert found.schema == expected.schema
        assert found.equals(expected), (values, indicators, among_held, found, expected)
        for basis, count in found["rank_basis"].value_counts().iter_rows():
            if basis in kinds:
                kinds[basis] += count
    assert min(kinds.values()) > 100  # every kind of rank was compared, not only missing ones
