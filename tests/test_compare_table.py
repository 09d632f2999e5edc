"""``profile.compare_table`` builds ``compare``'s table in Python; it must answer what the Polars plan it
replaced answers.

The reference below is that plan, kept as it was (the measures' ranks and scores made long, pivoted by
province, ordered by year and measure). Both run on random tables (``tests.test_region_ranks``) with
missing rows, years, ranks and scores, ties, NaN and -0.0, provinces asked that hold nothing, and
must give the same frame, row for row and type for type.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.catalog import Indicator
from dtikit.profile import compare_table
from tests.test_region_ranks import _places, _ranks


def _planned(ranks: pl.DataFrame, measures: list[Indicator], chosen: list[str]) -> pl.DataFrame:
    labels = [m.label for m in measures]
    ordered = pl.concat([ranks.filter(pl.col("indicator") == m.id) for m in measures])
    ranks = ordered.select(
        "year", "province", "region", "rank", "score",
        measure=pl.col("indicator").replace_strict({m.id: m.label for m in measures}),
    ).filter(pl.col("province").is_in(chosen))  # fmt: skip
    long = pl.concat(
        [
            ranks.select(
                "year", "province", measure=pl.col("measure") + "_rank", value=pl.col("rank").cast(pl.Float64)
            ),
            ranks.select("year", "province", measure=pl.col("measure") + "_score", value=pl.col("score")),
        ]
    ).filter(pl.col("value").is_not_null())
    order = {f"{m}_{k}": i for i, (m, k) in enumerate((m, k) for m in labels for k in ("rank", "score"))}
    wide = long.pivot(on="province", index=["year", "measure"], values="value", aggregate_function="first")
    for name in chosen:
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(name))
    wide = wide.with_columns(_order=pl.col("measure").replace_strict(order, default=99)).sort("year", "_order")
    return wide.select("year", "measure", *chosen)


def test_compare_table_is_the_one_the_plan_made() -> None:
    rnd = random.Random(13)
    cells = 0
    for _ in range(400):
        places = _places(rnd)
        measures = [
            Indicator("dti", pillar="overall"),
            Indicator("dti_gov", pillar=rnd.choice(["gov", None])),
            Indicator("dti_econ", pillar="econ"),
        ][: rnd.randint(1, 3)]
        ranks = _ranks(rnd, [m.id for m in measures] + ["other"], places)
        names = [p for p, _ in places] + ["Elsewhere"]
        chosen = rnd.sample(names, rnd.randint(1, min(3, len(names))))
        found, expected = compare_table(ranks, measures, chosen), _planned(ranks, measures, chosen)
        assert found.schema == expected.schema
        assert found.equals(expected), (ranks, measures, chosen, found, expected)
        cells += sum(found[name].is_not_null().sum() for name in chosen)
    assert cells > 2000
