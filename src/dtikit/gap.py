"""How far a province is from a target rank, overall and pillar by pillar.

"Top 35" means rank <= 35. ``places_to_target`` is ``max(0, rank - target)``. The target
holder is the province holding the target rank that year (several when tied; when a tie
skips the target rank, the tied provinces that cover it). ``score_gap`` is how far the province's
score is from the holder's in the measure's direction (the holder's minus the province's, or the
other way round when lower is better), when both are known: positive means the province is behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.errors import DataError, UsageError
from dtikit.frames import rows_where, take, without
from dtikit.messages import say
from dtikit.provinces import ProvinceNames, alphabetical
from dtikit.ranking import all_year_ranks, geography_provinces, ranks_of
from dtikit.storage import Store

PACE_SCHEMA = {
    "deadline": pl.Int16,
    "deadline_from": pl.String,
    "years_left": pl.Int16,
    "places_per_year_needed": pl.Float64,
    "pace_so_far": pl.Float64,
    "pace_since": pl.Int16,
    "on_track": pl.Boolean,
}
GAP_COLUMNS = [
    "province",
    "year",
    "rank",
    "target_rank",
    "places_to_target",
    "target_holder",
    "target_holder_score",
    "score",
    "score_gap",
    "met",
]


@dataclass
class GapResult:
    """The overall gap, the gap in each pillar with data, and notes for the reader."""

    overall: dict[str, Any]
    pillars: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pace: dict[str, Any] = field(default_factory=dict)  # PACE_COLUMNS, when a deadline is known
    unit: str | None = None  # of the scores

    @property
    def met(self) -> bool:
        return bool(self.overall["met"])

    def to_dict(self) -> dict[str, Any]:
        """One object: the overall gap's fields, then ``pillars``, a list of the same per pillar."""
        return {**{k: self.overall[k] for k in GAP_COLUMNS}, **self.pace, "pillars": self.pillars}

    def to_frame(self) -> pl.DataFrame:
        """One row per measure (overall first, then pillars), the gap columns then ``measure``."""
        rows = [self.overall, *self.pillars]
        schema = {
            "province": pl.String,
            "year": pl.Int16,
            "rank": pl.Int32,
            "target_rank": pl.Int32,
            "places_to_target": pl.Int32,
            "target_holder": pl.String,
            "target_holder_score": pl.Float64,
            "score": pl.Float64,
            "score_gap": pl.Float64,
            "met": pl.Boolean,
            "measure": pl.String,
        }
        frame = pl.DataFrame([{k: row.get(k) for k in schema} for row in rows], schema=schema)
        if self.pace:  # the pace concerns the overall rank: on the first row only
            frame = frame.with_columns(
                pl.Series(name, [value] + [None] * (frame.height - 1), dtype=PACE_SCHEMA[name])
                for name, value in self.pace.items()
            )
        return frame


def _target_holders(ranks: pl.DataFrame, target: int) -> pl.DataFrame:
    """Provinces holding rank ``target``, or the tie that skips over it (picked in Python: no query)."""
    held = ranks.get_column("rank").to_list()
    exact = [i for i, rank in enumerate(held) if rank is not None and rank == target]
    if exact:
        return take(ranks, exact)
    ahead: dict[int, int] = {}  # how many share each rank ahead of the target
    for rank in held:
        if rank is not None and rank < target:
            ahead[rank] = ahead.get(rank, 0) + 1
    return take(ranks, [i for i, rank in enumerate(held) if rank in ahead and rank + ahead[rank] - 1 >= target])


def _score_gap(holder: float | None, score: float | None, measure: Indicator) -> float | None:
    """How far the province's score is from the target holder's, in the measure's direction: positive =
    still to go, for a lower-is-better measure too; unknown when either score is."""
    if holder is None or score is None:
        return None
    return round(holder - score if measure.descending else score - holder, 4)


def _gap_row(ranks: pl.DataFrame, province: str, year: int, target: int, measure: Indicator) -> dict[str, Any]:
    me = rows_where(ranks, province=province).row(0, named=True)
    holders = _target_holders(ranks, target)
    names = sorted(holders["province"].to_list(), key=alphabetical)
    scores = holders["score"].to_list()
    holder_score = min(scores) if scores and None not in scores else None
    score = me["score"]
    return {
        "province": province,
        "year": year,
        "rank": me["rank"],
        "target_rank": target,
        "places_to_target": max(0, me["rank"] - target),
        "target_holder": "; ".join(names) if names else None,
        "target_holder_score": holder_score,
        "score": score,
        "score_gap": _score_gap(holder_score, score, measure),
        "met": me["rank"] <= target,
        "measure": measure.label,
    }


def gap(
    store: Store,
    province: str,
    target: int,
    year: int | None = None,
    *,
    by: int | None = None,
    geography: int = geographies.DEFAULT,
    indicator: Indicator | None = None,
) -> GapResult:
    """The gap of ``province`` to rank ``target`` of ``indicator`` (None: the catalog's headline index)
    and of each of its parts, in ``year`` (default: its latest ranked year).

    With a deadline (``by``, or a held target of that rank for the province) the result also has
    the places per year still needed and the pace so far (places per year between the last two
    ranked years up to ``year``).
    """
    names = ProvinceNames(store, geography)
    province = names.find(province)
    n = geography_provinces(store, geography).height
    if not 1 <= target <= n:
        raise UsageError(say("error.target_outside", target=target, n=n))
    catalog = Catalog.of(store)
    overall = indicator or catalog.headline()
    parts = catalog.parts(overall)
    ranks_of(store, [overall, *parts], geography)  # computed once: the index's and the parts' are its rows
    ranks = all_year_ranks(store, overall, geography)
    mine = rows_where(ranks, province=province)  # picked in Python, as the filters below: no query
    held = sorted(y for y, r in zip(mine["year"].to_list(), mine["rank"].to_list(), strict=True) if r is not None)
    if not held:
        raise DataError(say("error.no_rank_ever", label=overall.title, province=province))
    if year is None:
        year = held[-1]
    elif year not in held:
        years = ", ".join(map(str, held))
        raise DataError(say("error.no_rank_in", label=overall.title, province=province, year=year, years=years))
    result = GapResult(_gap_row(rows_where(ranks, year=year), province, year, target, overall))
    result.notes += names.notes
    result.unit = overall.unit
    missing = []
    pillars = rows_where(ranks_of(store, parts, geography), year=year) if parts else None
    for measure in parts:
        pillar = without(rows_where(pillars, indicator=measure.id), "indicator") if pillars is not None else None
        pillar = pillar if pillar is not None and pillar.height else None
        ranked = pillar is not None and any(
            place == province and rank is not None
            for place, rank in zip(pillar["province"].to_list(), pillar["rank"].to_list(), strict=True)
        )
        if ranked:
            result.pillars.append(_gap_row(pillar, province, year, target, measure))
        else:
            missing.append(measure)
    if missing:  # the parts' names in the run's language
        named = ", ".join(m.title for m in missing)
        result.notes.append(say("note.no_part_rank", parts=named, province=province, year=year))
    result.pace = _pace(store, overall, province, target, year, by, held, ranks, result.notes)
    titles = {m.label: m.title for m in (overall, *parts)}  # a row's measure is its label; people read names
    unknown = [titles[row["measure"]] for row in (result.overall, *result.pillars) if row["target_holder"] is None]
    if unknown:
        result.notes.append(say("note.holder_unknown", target=target, year=year, measures=", ".join(unknown)))
    return result


def _pace(
    store: Store,
    measure: Indicator,
    province: str,
    target: int,
    year: int,
    by: int | None,
    held: list[int],
    ranks: pl.DataFrame,
    notes: list[str],
) -> dict[str, Any]:
    """Deadline, years left, places per year needed, pace so far and whether it suffices."""
    deadline_from = "--by"
    if by is None:
        targets = _held_targets(store, province, measure.rank_id, target, ["<=", "<"]) if measure.rank_id else None
        if targets is None or targets.is_empty():
            return {}
        by = int(targets["deadline"].min())
        deadline_from = f"held target ({targets['source'][0]})"
    me = ranks.filter((pl.col("province") == province) & pl.col("rank").is_not_null() & (pl.col("year") <= year))
    points = sorted((int(y), float(r)) for y, r in me.select("year", "rank").iter_rows())
    places = max(0, int(points[-1][1]) - target)
    pace = pace_to(points, places, year, by, deadline_from, better=-1.0, decimals=2, notes=notes, what="rank")
    pace["places_per_year_needed"] = pace.pop("needed_per_year")
    if pace["pace_so_far"] is None:
        notes.append(say("note.one_rank", province=province, year=year))
    return {k: pace[k] for k in PACE_SCHEMA}


def _held_targets(store: Store, province: str, indicator: str, target: float, comparators: list[str]) -> pl.DataFrame:
    """Targets held for ``indicator`` at ``target``: the province's own, else the national ones (Decision 749)."""
    from dtikit.targets import NATIONAL

    targets = store.targets()  # picked in Python: three filters were three queries
    columns = zip(*(targets.get_column(c).to_list() for c in ("indicator", "target", "comparator", "who")), strict=True)
    held = [(n, who) for n, (i, t, c, who) in enumerate(columns) if i == indicator and t == target and c in comparators]
    own = [n for n, who in held if who == province]
    return take(targets, own if own else [n for n, who in held if who == NATIONAL])


def pace_to(
    points: list[tuple[int, float]],
    remaining: float,
    year: int,
    by: int,
    deadline_from: str,
    *,
    better: float,
    decimals: int,
    notes: list[str],
    what: str,
) -> dict[str, Any]:
    """The pace a deadline needs against the pace so far, for a rank or a value: the one rule.

    ``points`` are (year, value) up to ``year``, oldest first; ``remaining`` the distance still to
    go (0 when met); ``better`` +1 when a rise is progress, -1 when a fall is (a rank, or a
    lower-is-better value). The pace so far is the progress per year between the last two points.
    """
    if deadline_from == "--by" and by < year:
        raise UsageError(say("error.by_before", by=by, year=year))
    pace = since = None
    if len(points) > 1:
        (since, before), (now, after) = points[-2], points[-1]
        pace = round(better * (after - before) / (now - since), decimals)
    years_left = by - year
    needed = None if remaining == 0 else (round(remaining / years_left, decimals) if years_left > 0 else None)
    if remaining and years_left <= 0:
        notes.append(say(f"note.no_time_{what}", by=by, year=year))
    if remaining == 0:
        on_track = True
    elif years_left <= 0:
        on_track = False  # the deadline has come without the target
    else:
        on_track = None if pace is None else pace >= needed
    return {
        "deadline": by,
        "deadline_from": deadline_from,
        "years_left": years_left,
        "needed_per_year": needed,
        "pace_so_far": pace,
        "pace_since": since,
        "on_track": on_track,
    }
