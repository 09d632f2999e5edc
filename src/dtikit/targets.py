"""Targets and whether they will be met at the pace so far.

A target says who (a province, or "Việt Nam" for a national target), which indicator, a
comparator (``<=``, ``<``, ``>=``, ``>``, ``=``), a value and a deadline year. Status, from
the latest value held, the deadline and the pace between the last two observations:

- **met**: the latest value satisfies the target;
- **missed**: the latest value is from the deadline year or later and does not;
- **on track**: at the pace so far (per year) the target is reached by the deadline;
- **at risk**: at the pace so far it is not;
- **unknown**: no value held, or a single one (no pace).

The DTI rank of a province is read as ``rank`` shows it (published, or computed from a
complete score table).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog
from dtikit.messages import say
from dtikit.provinces import ProvinceNames
from dtikit.ranking import RankResult, all_year_ranks
from dtikit.storage import Store

NATIONAL = "Việt Nam"
TARGET_COLUMNS = [
    "who",
    "indicator",
    "comparator",
    "target",
    "deadline",
    "latest_value",
    "latest_year",
    "previous_value",
    "previous_year",
    "pace_per_year",
    "needed_per_year",
    "status",
    "source",
]
STATUSES = ("met", "on track", "at risk", "missed", "unknown")
_LOWER_IS_BETTER = ("<=", "<")


def _satisfied(value: float, comparator: str, target: float) -> bool:
    return {
        "<=": value <= target,
        "<": value < target,
        ">=": value >= target,
        ">": value > target,
        "=": value == target,
    }[comparator]


def series(store: Store, who: str, indicator: str) -> list[tuple[int, float]]:
    """(year, value) held for who and indicator, oldest first. The rows of one place are read in
    Python from frames held for every target (a filter and a sort per target cost three queries)."""
    if who == NATIONAL:
        national = store.national()
        rows = zip(*(national.get_column(c).to_list() for c in ("measure", "year", "value")), strict=True)
        first: dict[int, float] = {}  # a year's first value held
        for measure, year, value in rows:
            if measure == indicator and value is not None:
                first.setdefault(year, value)
        points = first.items()
    elif (ranked := _ranked_by(store, indicator)) is not None:
        ranks = all_year_ranks(store, ranked)
        rows = zip(*(ranks.get_column(c).to_list() for c in ("province", "year", "rank")), strict=True)
        points = [(year, rank) for province, year, rank in rows if province == who and rank is not None]
    else:
        values = store.values(indicators=[indicator], geography=geographies.DEFAULT)
        rows = zip(*(values.get_column(c).to_list() for c in ("province", "year", "value")), strict=True)
        points = [(year, value) for province, year, value in rows if province == who]
    return sorted((int(y), float(v)) for y, v in points)


def _ranked_by(store: Store, indicator: str):
    """The indicator whose published rank ``indicator`` is (its ``rank_id``), when the catalog says so."""
    catalog = Catalog.of(store)
    if indicator not in catalog:
        return None
    score = catalog.score_of(catalog.get(indicator))
    return score if score.id != indicator else None


def assess(points: list[tuple[int, float]], comparator: str, target: float, deadline: int) -> dict:
    """Latest and previous values, pace, pace needed and status of one target."""
    out = dict.fromkeys(
        ("latest_value", "latest_year", "previous_value", "previous_year", "pace_per_year", "needed_per_year")
    )
    if not points:
        return {**out, "status": "unknown"}
    (year, value) = points[-1]
    out.update(latest_value=value, latest_year=year)
    sign = -1.0 if comparator in _LOWER_IS_BETTER else 1.0  # improvement is a fall for a rank
    if len(points) > 1:
        prev_year, prev_value = points[-2]
        out.update(
            previous_value=prev_value,
            previous_year=prev_year,
            pace_per_year=round(sign * (value - prev_value) / (year - prev_year), 4),
        )
    if _satisfied(value, comparator, target):
        return {**out, "status": "met"}
    if year >= deadline:
        return {**out, "status": "missed"}
    out["needed_per_year"] = round(sign * (target - value) / (deadline - year), 4)
    if out["pace_per_year"] is None:
        return {**out, "status": "unknown"}
    return {**out, "status": "on track" if out["pace_per_year"] >= out["needed_per_year"] else "at risk"}


def target_table(store: Store, province: str | None = None) -> RankResult:
    """Every target held (or a province's), with its status."""
    targets = store.targets()
    names = ProvinceNames(store)
    if province is not None:
        who = (
            NATIONAL
            if province.strip().lower() in ("việt nam", "viet nam", "vietnam", "national")
            else names.find(province)
        )
        targets = targets.filter(pl.col("who") == who)
    rows = []
    for t in targets.iter_rows(named=True):
        result = assess(series(store, t["who"], t["indicator"]), t["comparator"], t["target"], t["deadline"])
        rows.append({**{k: t[k] for k in ("who", "indicator", "comparator", "target", "deadline", "source")}, **result})
    schema = {
        "who": pl.String,
        "indicator": pl.String,
        "comparator": pl.String,
        "target": pl.Float64,
        "deadline": pl.Int16,
        "latest_value": pl.Float64,
        "latest_year": pl.Int16,
        "previous_value": pl.Float64,
        "previous_year": pl.Int16,
        "pace_per_year": pl.Float64,
        "needed_per_year": pl.Float64,
        "status": pl.String,
        "source": pl.String,
    }
    table = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    notes = names.notes
    overdue = table.filter((pl.col("deadline") < date.today().year) & pl.col("status").is_in(["at risk", "unknown"]))
    if overdue.height:
        notes.append(say("note.overdue", n=overdue.height))
    return RankResult(table.select(TARGET_COLUMNS), notes)


def summary(store: Store, province: str | None = None) -> RankResult:
    """Counts and shares of target statuses; and a province's own report of its targets, where held."""
    table = target_table(store, province).table
    total = table.height
    counts = [
        {
            "basis": "targets held",
            "status": s,
            "count": n,
            "of": total,
            "share_pct": round(100 * n / total, 1) if total else None,
        }
        for s in STATUSES
        if (n := table.filter(pl.col("status") == s).height)
    ]
    names = ProvinceNames(store)
    notes = names.notes
    if province is not None and province.strip().lower() not in ("việt nam", "viet nam", "vietnam", "national"):
        name = names.find(province)
        counts += _reported(store, name)
        if any(row["basis"].startswith("reported") for row in counts):
            notes.append(say("note.reported", name=name))
    schema = {"basis": pl.String, "status": pl.String, "count": pl.Int32, "of": pl.Int32, "share_pct": pl.Float64}
    return RankResult(pl.DataFrame(counts, schema=schema), notes)


_REPORTED = {"dx_targets_done": "done", "dx_targets_in_progress": "in progress", "dx_targets_at_risk": "at risk"}


def _reported(store: Store, province: str) -> list[dict]:
    values = store.values(indicators=[*_REPORTED, "dx_targets_total"], provinces=[province])
    if values.is_empty():
        return []
    latest = values.sort("year").group_by("indicator").agg(pl.col("value", "period").last())
    held = {i: (v, p) for i, v, p in latest.iter_rows()}
    if "dx_targets_total" not in held:
        return []
    total = held["dx_targets_total"][0]
    return [
        {
            "basis": f"reported by {province} ({held[i][1]})",
            "status": label,
            "count": int(held[i][0]),
            "of": int(total),
            "share_pct": round(100 * held[i][0] / total, 1),
        }
        for i, label in _REPORTED.items()
        if i in held
    ]
