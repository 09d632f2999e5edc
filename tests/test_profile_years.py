"""``profile.profile_years`` computes a province's years in Python; it must answer what the Polars plan
it replaced answers.

The reference below is that plan, kept as it was: the pivot of a province's ranks and scores by
measure, joined to its region ranks, with the changes since the year before. Both run on random frames
(``tests.test_region_ranks``) with missing rows and years, missing ranks and scores, ties, NaN and -0.0,
and must give the same frame, row for row and type for type; ``round4`` rounds as Polars does.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.catalog import Indicator
from dtikit.profile import profile_years, round4, year_columns
from dtikit.ranking import rank_change, region_ranks, value_change
from tests.test_region_ranks import _places, _ranks, _Store


def _planned_years(ranks: pl.DataFrame, region: pl.DataFrame, measures: list[Indicator], province: str):
    """``profile``'s years as its Polars plan made them (``measure_ranks``, the pivot, the join)."""
    labels = [m.label for m in measures]
    ordered = pl.concat([ranks.filter(pl.col("indicator") == m.id) for m in measures])
    long = ordered.select(
        "year",
        "province",
        "region",
        "rank",
        "score",
        measure=pl.col("indicator").replace_strict({m.id: m.label for m in measures}),
    )
    mine = long.filter(pl.col("province") == province)
    wide = mine.pivot(on="measure", index="year", values=["rank", "score"], aggregate_function="first")
    rename = {
        f"{kind}_{m}": (kind if i == 0 else f"{m}_{kind}") for kind in ("rank", "score") for i, m in enumerate(labels)
    }
    wide = wide.rename({k: v for k, v in rename.items() if k in wide.columns})
    for column in ("rank", "score", *(f"{m}_{k}" for m in labels[1:] for k in ("rank", "score"))):
        if column not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64 if column.endswith("score") else pl.Int32).alias(column))
    measured = [c for c in wide.columns if c != "year"]
    wide = wide.filter(pl.any_horizontal(pl.col(measured).is_not_null())).sort("year")
    region = region.filter(pl.col("province") == province)
    consecutive = pl.col("year").diff() == 1
    return (
        wide.join(region.drop("province"), on="year", how="left")
        .sort("year")
        .with_columns(
            rank_change=pl.when(consecutive).then(rank_change(pl.col("rank").shift(1), pl.col("rank"))),
            score_change=pl.when(consecutive).then(value_change(pl.col("score").shift(1), pl.col("score"))),
        )
        .select(year_columns(measures))
    )


def test_years_are_those_the_plan_computes() -> None:
    rnd = random.Random(20261207)
    changes = regions = 0
    for _ in range(400):
        places = _places(rnd)
        measures = [
            Indicator("dti", pillar="overall"),
            Indicator("dti_gov", pillar=rnd.choice(["gov", None])),
            Indicator("dti_econ", pillar="econ"),
        ][: rnd.randint(1, 3)]
        ids = [m.id for m in measures] + ["other"]
        ranks = _ranks(rnd, ids, places)
        region = region_ranks(
            _Store({}), ranks.filter(pl.col("indicator") == "dti").drop("indicator"), Indicator("dti"), 63
        )
        province = "Elsewhere" if rnd.random() < 0.05 else rnd.choice(places)[0]
        found = profile_years(ranks, region, measures, province)
        expected = _planned_years(ranks, region, measures, province)
        assert found.schema == expected.schema
        assert found.equals(expected), (ranks, measures, province, found, expected)
        changes += found["score_change"].is_not_null().sum() + found["rank_change"].is_not_null().sum()
        regions += found["region_rank"].is_not_null().sum()
    assert changes > 400 and regions > 200  # changes and region ranks were compared, not only missing ones


def test_round4_rounds_as_polars() -> None:
    rnd = random.Random(4)
    values = [0.00005, 0.00015, 0.00025, -0.00005, -0.00025, 1.00005, 0.12345, 1e300, -1e300, 1e-320, -0.0, 0.0]
    values += [float("nan"), float("inf"), float("-inf")]
    values += [rnd.uniform(-2, 2) for _ in range(2000)] + [rnd.randint(-99999, 99999) / 1e5 + 5e-5 for _ in range(2000)]
    expected = pl.Series(values, dtype=pl.Float64).round(4).to_list()
    found = [round4(v) for v in values]
    assert [repr(v) for v in found] == [repr(v) for v in expected]  # -0.0 and NaN too
