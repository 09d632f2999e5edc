"""Why a province moved: its own score, or the others.

For a province ranked ``prev_rank`` in the earlier year and ``rank`` now, the counterfactual
rank ``r`` is the rank its new score would have had among the others' earlier scores:
``r = 1 + (provinces whose earlier score beats the new score)``. Then

- ``own_effect = prev_rank - r``: places gained (lost) by its own score change alone;
- ``others_effect = r - rank``: places gained (lost) because others rose or fell.

They add up to ``rank_change`` when the ranks follow the scores. The counterfactual needs
every province's earlier score (and the province's two scores); otherwise both stay missing.
"""

from __future__ import annotations

import polars as pl

from dtikit.indicators import resolve_measure
from dtikit.ranking import RankResult, all_year_ranks, geography_provinces
from dtikit.store import Store


def explain_changes(store: Store, result: RankResult, indicator: str, *, geography: int = 63) -> RankResult:
    table = result.table
    notes = list(result.notes)
    vs = table["prev_year"].drop_nulls().first() if table.height else None
    empty = table.with_columns(own_effect=pl.lit(None, pl.Int32), others_effect=pl.lit(None, pl.Int32))
    if vs is None or "percentile" in table.columns:
        notes.append("--explain needs an earlier year of the same grouping: nothing to explain")
        return RankResult(empty, notes)
    ranks = all_year_ranks(store, resolve_measure(store, indicator), geography)
    earlier = ranks.filter((pl.col("year") == vs) & pl.col("score").is_not_null()).select("province", "score")
    total = geography_provinces(store, geography).height
    if earlier.height < total:
        notes.append(
            f"rank changes are explained only when every province's {vs} score is held ({earlier.height} of "
            f"{total} are): own_effect and others_effect are missing"
        )
        return RankResult(empty, notes)
    scores = earlier.rename({"province": "other", "score": "other_score"})
    counterfactual = (
        table.select("province", "score")
        .filter(pl.col("score").is_not_null())
        .join(scores, how="cross")
        .filter(pl.col("other") != pl.col("province"))
        .group_by("province")
        .agg(counterfactual=(1 + (pl.col("other_score") > pl.col("score")).sum()).cast(pl.Int32))
    )
    explained = table.join(counterfactual, on="province", how="left").with_columns(
        own_effect=pl.col("prev_rank") - pl.col("counterfactual"),
        others_effect=pl.col("counterfactual") - pl.col("rank"),
    )
    return RankResult(explained.drop("counterfactual").select([*table.columns, "own_effect", "others_effect"]), notes)
