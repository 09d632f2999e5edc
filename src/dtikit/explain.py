"""Why a province moved: its own score, or the others.

For a province ranked ``prev_rank`` in the earlier year and ``rank`` now, the counterfactual
rank ``r`` is the rank its new score would have had among the others' earlier scores:
``r = 1 + (provinces whose earlier score beats the new score)``. Then

- ``own_effect = prev_rank - r``: places gained (lost) by its own score change alone;
- ``others_effect = r - rank``: places gained (lost) because others rose or fell past it.

They add up to ``rank_change``. ``r`` is known when the province's two scores are held and the
earlier scores of its neighbours are: when its score rose, every province ranked above it in
the earlier year (those below scored no more than its old score, so not more than its new
one); when its score fell, every province. Scores of different methodology years are not
compared: across a method change nothing is explained.
"""

from __future__ import annotations

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Indicator
from dtikit.messages import say
from dtikit.ranking import RankResult, all_year_ranks, geography_provinces
from dtikit.storage import Store


def _counterfactual(
    earlier: pl.DataFrame, total: int, province: str, old: float, new: float, prev_rank: int
) -> int | None:
    others = earlier.filter(pl.col("province") != province)
    if new >= old:
        above = others.filter(pl.col("rank") < prev_rank)
        if above.height != prev_rank - 1 or above["score"].null_count():
            return None
        return 1 + above.filter(pl.col("score") > new).height
    if others["score"].null_count() or others.height != total - 1:
        return None
    return 1 + others.filter(pl.col("score") > new).height


def explain_changes(
    store: Store, result: RankResult, measure: Indicator, *, geography: int = geographies.DEFAULT
) -> RankResult:
    table = result.table
    notes = list(result.notes)
    vs = table["prev_year"].drop_nulls().first() if table.height else None
    year = table["year"].drop_nulls().first() if table.height else None
    empty = table.with_columns(own_effect=pl.lit(None, pl.Int32), others_effect=pl.lit(None, pl.Int32))
    if vs is None or "percentile" in table.columns:
        notes.append(say("note.explain_no_earlier"))
        return RankResult(empty.select(pl.exclude("ranked_of"), "ranked_of"), notes)
    if measure.method(vs) != measure.method(year):
        notes.append(say("note.explain_methodologies", vs=vs, year=year))
        return RankResult(empty.select(pl.exclude("ranked_of"), "ranked_of"), notes)
    ranks = all_year_ranks(store, measure, geography)
    earlier = ranks.filter(pl.col("year") == vs).select("province", "rank", "score")
    total = geography_provinces(store, geography).height
    effects = []
    for r in table.iter_rows(named=True):
        cf = None
        if None not in (r["score"], r["prev_score"], r["rank"], r["prev_rank"]):
            cf = _counterfactual(earlier, total, r["province"], r["prev_score"], r["score"], r["prev_rank"])
        effects.append((None, None) if cf is None else (r["prev_rank"] - cf, cf - r["rank"]))
    explained = table.with_columns(
        own_effect=pl.Series([e[0] for e in effects], dtype=pl.Int32),
        others_effect=pl.Series([e[1] for e in effects], dtype=pl.Int32),
    )
    done = explained["own_effect"].drop_nulls().len()
    notes.append(say("note.explained", done=done, vs=vs, year=year))
    return RankResult(explained.select(pl.exclude("ranked_of"), "ranked_of"), notes)
