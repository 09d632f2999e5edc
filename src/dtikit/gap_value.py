"""How far a province's value of an indicator is from a target value, and whether its pace reaches it.

``value_gap`` is measured in the indicator's unit, in its direction: ``target - value`` when higher
is better, ``value - target`` when lower is better; positive = still to go, 0 or less = ``met``.
An indicator whose direction is not known is read as higher-is-better (a note says so) and its
``higher_is_better`` stays unknown (null). The values read are one a year, the latest period of each.
The deadline is ``--by``, else a held target of that value for the indicator (the province's own,
else a national one such as Decision 749/QĐ-TTg's). The pace so far is the progress per year
between the last two years held (``gap.pace_to``, the rule rank targets use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Indicator
from dtikit.errors import DataError, UsageError
from dtikit.gap import _held_targets, pace_to
from dtikit.messages import say
from dtikit.provinces import ProvinceNames
from dtikit.ranking import direction_notes
from dtikit.storage import Store

VALUE_GAP_SCHEMA = {
    "province": pl.String,
    "indicator": pl.String,
    "unit": pl.String,
    "higher_is_better": pl.Boolean,
    "year": pl.Int16,
    "period": pl.String,
    "value": pl.Float64,
    "target_value": pl.Float64,
    "value_gap": pl.Float64,
    "met": pl.Boolean,
    "deadline": pl.Int16,
    "deadline_from": pl.String,
    "years_left": pl.Int16,
    "needed_per_year": pl.Float64,
    "pace_so_far": pl.Float64,
    "pace_since": pl.Int16,
    "on_track": pl.Boolean,
}
_DECIMALS = 4


@dataclass
class ValueGapResult:
    """One row: the latest value, the target value, the gap and, with a deadline, the pace."""

    row: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    # the values the gap and its pace were computed from: one a year (year, period, value, value_text)
    series: pl.DataFrame | None = None

    @property
    def met(self) -> bool:
        return bool(self.row["met"])

    def to_dict(self) -> dict[str, Any]:
        return {k: self.row.get(k) for k in VALUE_GAP_SCHEMA}

    def to_frame(self) -> pl.DataFrame:
        return pl.DataFrame([self.to_dict()], schema=VALUE_GAP_SCHEMA)


def _points(store: Store, ind: Indicator, province: str, geography: int) -> pl.DataFrame:
    """The province's values of ``ind``, oldest first (by year, then period; a year not stated first)."""
    values = store.values(indicators=[ind.id], provinces=[province], geography=geography)
    held = values.select("year", "period", "value", "value_text").filter(pl.col("value").is_not_null())
    return held.sort("year", "period", nulls_last=False)


def _one_a_year(dated: pl.DataFrame) -> pl.DataFrame:
    """One value a year, the latest period of each: the values a gap's pace and its chart are read from."""
    return dated.group_by("year", maintain_order=True).last().sort("year")


def _target(
    store: Store, ind: Indicator, province: str, target_value: float | None, notes: list[str]
) -> tuple[float, bool | None, int | None, str | None]:
    """(target, higher is better (None: not known), deadline, where the deadline comes from) of a value
    target: a held target's comparator says its direction, else the catalog does."""
    comparators = {">=": True, ">": True, "<=": False, "<": False}
    if target_value is None:
        held = store.targets().filter(pl.col("indicator").eq(ind.id) & pl.col("comparator").is_in(list(comparators)))
        mine = held.filter(pl.col("who") == province)
        held = mine if mine.height else held
        if held.is_empty():
            raise UsageError(say("error.no_target", id=ind.id, unit=ind.unit or say("error.its_unit")))
        row = held.sort("deadline").row(0, named=True)
        source = f"held target ({row['who']}, {row['source']})"
        return row["target"], comparators[row["comparator"]], int(row["deadline"]), source
    held = _held_targets(store, province, ind.id, target_value, list(comparators))
    notes += direction_notes(ind)
    if held.height:
        row = held.sort("deadline").row(0, named=True)
        source = f"held target ({row['who']}, {row['source']})"
        return target_value, comparators[row["comparator"]], int(row["deadline"]), source
    return target_value, ind.higher_is_better, None, None  # None: unknown, the gap read as higher-is-better


def value_gap(
    store: Store,
    province: str,
    indicator: Indicator,
    target_value: float | None = None,
    year: int | None = None,
    *,
    by: int | None = None,
    geography: int = geographies.DEFAULT,
) -> ValueGapResult:
    """The gap of ``province``'s value of ``indicator`` (an indicator of the catalog; latest, or of
    ``year``) to ``target_value``.

    Without ``target_value`` a held target of the indicator is used (the province's, else national).
    """
    ind = indicator
    names = ProvinceNames(store, geography)
    province = names.find(province)
    notes: list[str] = names.notes
    target, higher, deadline, deadline_from = _target(store, ind, province, target_value, notes)
    if by is not None:
        deadline, deadline_from = by, "--by"
    points = _points(store, ind, province, geography)
    dated = _one_a_year(points.filter(pl.col("year").is_not_null()))
    if year is not None:
        if year not in dated["year"].to_list():
            held = ", ".join(map(str, dated["year"].to_list())) or say("error.none")
            raise DataError(say("error.no_value_in", id=ind.id, province=province, year=year, years=held))
        dated = dated.filter(pl.col("year") <= year)
    latest = dated.row(-1, named=True) if dated.height else None
    if latest is None:
        undated = points.sort("period")
        if undated.is_empty():
            raise DataError(say("error.no_value", id=ind.id, province=province))
        latest = undated.row(-1, named=True)
        notes.append(say("note.no_stated_year", id=ind.id, province=province, period=latest["period"]))
    better = -1.0 if higher is False else 1.0  # unknown: read as higher-is-better, as a note says
    gap = round(better * (target - latest["value"]), _DECIMALS)
    row = {
        "province": province,
        "indicator": ind.id,
        "unit": ind.unit,
        "higher_is_better": higher,
        "year": latest["year"],
        "period": latest["period"],
        "value": latest["value"],
        "target_value": target,
        "value_gap": gap,
        "met": gap <= 0,
        "value_text": latest["value_text"],  # as printed, for people (not a column of the gap)
    }
    if deadline is not None and latest["year"] is not None:
        series = [(int(y), float(v)) for y, v in dated.select("year", "value").iter_rows()]
        pace = pace_to(
            series,
            max(0.0, gap),
            int(latest["year"]),
            deadline,
            deadline_from,
            better=better,
            decimals=_DECIMALS,
            notes=notes,
            what="value",
        )
        row.update(pace)
        if pace["pace_so_far"] is None:
            notes.append(say("note.one_year", id=ind.id, province=province))
    return ValueGapResult(row, notes, dated)
