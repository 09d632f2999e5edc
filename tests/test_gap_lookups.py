"""``gap``'s lookups are made in Python; each must answer what the Polars code it replaced answers.

The references below are that code, kept as it was: the filters of a year's or a province's rows
(``frames.rows_where``, ``frames.without``), the target's holders with the tie that skips over it, the
targets held for a rank, a province's history. Each runs on random frames with missing ranks, years
and keys, ties and foreign rows, and must give the same frame, row for row and type for type.
"""

from __future__ import annotations

import random

import polars as pl
import pytest

from dtikit.frames import rows_where, without
from dtikit.gap import _held_targets, _target_holders
from dtikit.targets import NATIONAL

RANKS = {"indicator": pl.String, "year": pl.Int16, "province": pl.String, "rank": pl.Int32, "score": pl.Float64}
PLACES = ["P0", "P1", "P2", "P3", "P4", None]


def _ranks(rnd: random.Random) -> pl.DataFrame:
    rows = [
        (
            rnd.choice(["a", "b", None]),
            rnd.choice([2020, 2021, 2022, None]),
            rnd.choice(PLACES),
            rnd.choice([1, 2, 2, 3, 3, 3, 5, 6, None]),
            rnd.choice([0.5, 0.25, float("nan"), None]),
        )
        for _ in range(rnd.randint(0, 25))
    ]
    return pl.DataFrame(rows, schema=RANKS, orient="row")


def _old_target_holders(ranks: pl.DataFrame, target: int) -> pl.DataFrame:
    exact = ranks.filter(pl.col("rank") == target)
    if exact.height:
        return exact
    tied = ranks.filter(pl.col("rank") < target).with_columns(n=pl.len().over("rank"))
    return tied.filter(pl.col("rank") + pl.col("n") - 1 >= target).drop("n")


@pytest.mark.filterwarnings("ignore:Comparisons with None")  # a missing key: the null rule compared
def test_rows_and_holders_are_those_the_filters_kept() -> None:
    rnd = random.Random(9)
    skipped = 0
    for _ in range(500):
        ranks = _ranks(rnd)
        year, province = rnd.choice([2020, 2021, 2023, None]), rnd.choice(PLACES)
        for found, expected in (
            (rows_where(ranks, year=year), ranks.filter(pl.col("year") == year)),
            (rows_where(ranks, province=province), ranks.filter(pl.col("province") == province)),
            (
                rows_where(ranks, year=year, indicator="a"),
                ranks.filter((pl.col("year") == year) & (pl.col("indicator") == "a")),
            ),
            (without(ranks, "indicator"), ranks.drop("indicator")),
        ):
            assert found.schema == expected.schema and found.equals(expected), (ranks, year, province)
        target = rnd.randint(1, 7)
        found, expected = _target_holders(ranks, target), _old_target_holders(ranks, target)
        assert found.schema == expected.schema and found.equals(expected), (ranks, target)
        skipped += expected.height > 0 and target not in expected["rank"].to_list()
    assert skipped > 50  # the tie that skips over the target was compared, not only exact holders


class _Store:
    def __init__(self, targets: pl.DataFrame) -> None:
        self._targets = targets

    def targets(self) -> pl.DataFrame:
        return self._targets


def _old_held_targets(store, province, indicator, target, comparators) -> pl.DataFrame:
    held = store.targets().filter(
        (pl.col("indicator") == indicator) & (pl.col("target") == target) & pl.col("comparator").is_in(comparators)
    )
    own = held.filter(pl.col("who") == province)
    return own if own.height else held.filter(pl.col("who") == NATIONAL)


def test_held_targets_are_those_the_filters_kept() -> None:
    rnd = random.Random(10)
    schema = {
        "who": pl.String,
        "indicator": pl.String,
        "comparator": pl.String,
        "target": pl.Float64,
        "deadline": pl.Int16,
    }
    own = national = 0
    for _ in range(400):
        rows = [
            (
                rnd.choice(["P0", "P1", NATIONAL, None]),
                rnd.choice(["dti_rank", "x", None]),
                rnd.choice(["<=", "<", ">=", None]),
                rnd.choice([30.0, 35.0, float("nan"), None]),
                rnd.choice([2025, 2030, None]),
            )
            for _ in range(rnd.randint(0, 12))
        ]
        store = _Store(pl.DataFrame(rows, schema=schema, orient="row"))
        args = (rnd.choice(["P0", "P1"]), "dti_rank", rnd.choice([30, 35.0]), rnd.choice([["<=", "<"], [">="]]))
        found, expected = _held_targets(store, *args), _old_held_targets(store, *args)
        assert found.schema == expected.schema and found.equals(expected), (rows, args)
        own += expected.height > 0 and expected["who"][0] != NATIONAL
        national += expected.height > 0 and expected["who"][0] == NATIONAL
    assert own > 10 and national > 10  # a province's own targets and the national ones


def test_history_is_the_one_the_query_made() -> None:
    from dtikit.queries import _history

    rnd = random.Random(12)
    shuffled = 0
    for _ in range(300):
        ranks = (
            _ranks(rnd)
            .with_columns(rank_basis=pl.lit("published"), ranked_of=pl.lit(63, pl.Int32))
            .unique(["year", "province"], keep="first", maintain_order=True)  # one row a year and province
        )
        if rnd.random() < 0.5:  # as ranks_of gives them: by year
            ranks = ranks.sort("year", maintain_order=True)
        province = rnd.choice(PLACES[:-1])
        columns = ("year", "rank", "score", "rank_basis", "ranked_of")
        expected = ranks.filter(pl.col("province") == province).select(*columns).sort("year")
        found = _history(ranks, province)
        assert found.schema == expected.schema and found.equals(expected), (ranks, province)
        shuffled += (
            expected.height > 1
            and ranks.filter(pl.col("province") == province)["year"].to_list() != expected["year"].to_list()
        )
    assert shuffled > 25  # rows out of year order were ordered, not only ordered ones kept
