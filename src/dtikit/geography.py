"""Geographies as data: the units of each period of Việt Nam's provincial map, and what became of each.

Three files of ``data/raw`` (sources in ``data/raw/SOURCES.md``) say it all; nothing here names a count:

- ``geographies.csv``: each geography (its id is the number of its units, the name people use: 61, 64,
  63, 34), the dates it was in force and the act of the province code list of its time (``codes``);
- ``units.csv``: each unit with the name it had and the dates (``valid_from``, ``valid_to``; a bare
  year where only the year is known, empty where the unit began before the first geography held or
  is still in force; ``region`` and ``code``, for a unit of the 61 or 64 that is no unit of the 63, its
  socio-economic region and its code in the General Statistics Office's list where it has one). A unit
  is one territory: a unit renamed keeps its id (Thừa Thiên Huế, Huế from 1 January 2025); a province
  split or merged ends, and new units begin;
- ``unit_changes.csv``: the lineage, one row per (change, from unit, to unit) with the act and the date
  it took effect: ``split``, ``merged``, ``adjusted`` (boundary moved, the unit goes on), ``renamed``.

A geography holds the units in force on its first day. A table of year Y is read in the geography in
force in Y; a year with two (2008: 64 until 31 July, then 63; 2025: 63 until 30 June, then 34) is read in
the later one unless the table names a unit only the earlier one has (Hà Tây in 2008).
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from dtikit.messages import language, say
from dtikit.names import fold


def _data_file(name: str) -> Path:
    here = Path(__file__).resolve()
    packaged = here.parent / "_data" / name
    return packaged if packaged.exists() else here.parents[2] / "data" / "raw" / name


def _rows(name: str) -> list[dict[str, str]]:
    with open(_data_file(name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _start(text: str) -> date | None:
    """A first day: '2004-01-01', or '1991' (the year known, not the day: its first day)."""
    if not text:
        return None
    return date(int(text), 1, 1) if len(text) == 4 else date.fromisoformat(text)


def _end(text: str) -> date | None:
    """A last day: '2008-07-31', or '1991' (its last day)."""
    if not text:
        return None
    return date(int(text), 12, 31) if len(text) == 4 else date.fromisoformat(text)


class Period(NamedTuple):
    """A unit under one name, from ``start`` to ``end`` (None: before what is held, or still in force)."""

    unit: str
    name: str
    start: date | None
    end: date | None
    start_text: str
    end_text: str

    def in_force(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def in_year(self, year: int) -> bool:
        return self.in_force(date(year, 12, 31)) or self.in_force(date(year, 1, 1)) or self.within(year)

    def within(self, year: int) -> bool:
        return (self.start is not None and self.start.year == year) or (self.end is not None and self.end.year == year)


class Change(NamedTuple):
    effective: str  # '2008-08-01', or a year where the day is not known
    act: str  # '' where not known here
    change: str  # split, merged, adjusted, renamed
    from_unit: str
    to_unit: str


class Geography(NamedTuple):
    id: int
    start: date
    end: date | None
    name_en: str
    name_vi: str
    act: str
    codes: str  # the act of the province code list of its time ('' where none is held)


@cache
def geographies() -> tuple[Geography, ...]:
    """The geographies held, oldest first."""
    found = [
        Geography(
            int(r["geography"]),
            _start(r["valid_from"]),
            _end(r["valid_to"]),
            r["name_en"],
            r["name_vi"],
            r["act"],
            r["codes"],
        )
        for r in _rows("geographies.csv")
    ]
    return tuple(sorted(found, key=lambda g: g.start))


@cache
def periods() -> tuple[Period, ...]:
    return tuple(
        Period(r["unit"], r["name"], _start(r["valid_from"]), _end(r["valid_to"]), r["valid_from"], r["valid_to"])
        for r in _rows("units.csv")
    )


@cache
def changes() -> tuple[Change, ...]:
    return tuple(
        Change(r["effective"], r["act"], r["change"], r["from_unit"], r["to_unit"]) for r in _rows("unit_changes.csv")
    )


@cache
def _regions() -> dict[str, str]:
    return {r["unit"]: r["region"] for r in _rows("units.csv") if r.get("region")}


@cache
def _codes() -> dict[str, str]:
    return {r["unit"]: r["code"] for r in _rows("units.csv") if r.get("code")}


def code_of(ident: int, name: str) -> str | None:
    """The code ``units.csv`` gives the unit ``name`` of geography ``ident`` (a unit of the 64 that is no unit
    of the 63: Hà Tây 28), where the geography has a code list of its time (``codes``); else None (the units
    of the 63 have theirs in ``province_codes.csv``)."""
    unit = unit_of(ident, name)
    return _codes().get(unit) if unit and geography(ident).codes else None


def region_of(ident: int, name: str) -> str | None:
    """The socio-economic region ``units.csv`` gives the unit ``name`` of geography ``ident`` (a unit of the 61 or
    64 only that is no unit of the 63: Hà Tây in Đồng bằng sông Hồng); None where it gives none (the units of
    the 63 have theirs in ``regions.csv``)."""
    unit = unit_of(ident, name)
    return _regions().get(unit) if unit else None


def on_day(day: date) -> int:
    """The geography in force on ``day``."""
    return next(g.id for g in geographies() if g.start <= day and (g.end is None or day <= g.end))


def refused(ident: int) -> str:
    """What to say of a geography not held: '--geography 62: choose one of 61, 64, 63, 34'."""
    return say("geo.choose", geography=ident, held=", ".join(str(i) for i in ids()))


def hint() -> str:
    """What to do when a file follows another map than its year's: '; if the file follows ... --geography'."""
    return say("geo.hint", held=", ".join(str(i) for i in ids()))


def ids() -> list[int]:
    """The ids of the geographies held (61, 64, 63, 34), oldest first."""
    return [g.id for g in geographies()]


def geography(ident: int) -> Geography:
    for g in geographies():
        if g.id == ident:
            return g
    raise KeyError(ident)


def is_held(ident: int) -> bool:
    return ident in ids()


@cache
def members(ident: int) -> tuple[Period, ...]:
    """The units of a geography under the names they had on its first day."""
    first = geography(ident).start
    return tuple(p for p in periods() if p.in_force(first))


def names(ident: int) -> list[str]:
    """The canonical names of the units of a geography."""
    return [p.name for p in members(ident)]


def count(ident: int) -> int:
    """How many units a geography has: the 'N' of 'ranked of N'."""
    return len(members(ident))


def unit_of(ident: int, name: str) -> str | None:
    """The id of the unit named ``name`` in a geography (None: no such unit there)."""
    return next((p.unit for p in members(ident) if p.name == name), None)


def in_force(year: int) -> list[int]:
    """The geographies in force at some time in ``year``, oldest first (two in a year of change)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return [g.id for g in geographies() if g.start <= last and (g.end is None or g.end >= first)]


def of_year(year: int) -> int | None:
    """The geography a table of ``year`` is read in when its names do not decide: the one in force at
    the end of the year. None before the first geography held."""
    found = in_force(year)
    return found[-1] if found else None


def choose(year: int, names_only_earlier: bool) -> int | None:
    """The geography of a table of ``year``: the earlier of a year's two when the table names a unit only
    that one has (``names_only_earlier``), else ``of_year``."""
    found = in_force(year)
    if not found:
        return None
    return found[0] if len(found) > 1 and names_only_earlier else found[-1]


def earlier_map_named(ident: int, named: set[str]) -> int | None:
    """The geography just before ``ident`` when ``named`` are exactly its units' names and not all of
    ``ident``'s (a table of 2004 naming the 61, none of Đắk Nông, Hậu Giang, Điện Biên), else None."""
    before = [g for g in geographies() if g.start < geography(ident).start]
    if not before:
        return None
    earlier = before[-1].id
    return earlier if named == set(names(earlier)) != set(names(ident)) else None


def _day(text: str) -> str:
    """'2008-08-01' -> '1/8/2008'; '1991' stays '1991'."""
    if len(text) == 4:
        return text
    d = date.fromisoformat(text)
    return f"{d.day}/{d.month}/{d.year}"


def _when(text: str) -> str:
    """'on 1/8/2008', or 'in 1991' where only the year is known."""
    return say("geo.in_year", year=text) if len(text) == 4 else say("geo.on_day", day=_day(text))


def _periods_named(name: str) -> list[Period]:
    key = fold(name)
    return [p for p in periods() if fold(p.name) == key or fold(p.unit) == key]


def successors(unit: str) -> list[Change]:
    return [c for c in changes() if c.from_unit == unit and c.change in ("split", "merged")]


def predecessors(unit: str) -> list[Change]:
    return [c for c in changes() if c.to_unit == unit and c.change in ("split", "merged")]


def _names_of(units: list[str]) -> str:
    by_unit = {p.unit: p.name for p in periods()}
    return ", ".join(dict.fromkeys(by_unit.get(u, u) for u in units))


def _act(change: Change) -> str:
    return say("geo.by_act", act=change.act) if change.act else ""


def became(unit: str) -> str | None:
    """What became of a unit that ended: 'became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)',
    'was split into Bắc Giang, Bắc Ninh on 1/1/1997 (...)'. None for a unit still in force."""
    after = successors(unit)
    if not after:
        return None
    first = after[0]
    when = _when(first.effective)
    to = _names_of([c.to_unit for c in after])
    key = "geo.became_part" if first.change == "merged" else "geo.was_split"
    return say(key, to=to, when=when, act=_act(first))


def began(unit: str) -> str | None:
    """How a unit began: 'was formed on 1/1/2004 from Đắk Lắk (Nghị quyết 22/2003/QH11)'."""
    before = predecessors(unit)
    if not before:
        return None
    first = before[0]
    names = {p.unit: p.name for p in periods()}
    # a unit that kept its id and took in others ('Hà Nội (to 2008)' and Hà Tây into Hà Nội) was enlarged,
    # not formed: Hà Nội is no city of 2008; a new unit of a merger has an id of its own ('Quảng Ngãi (2025)')
    kept = [c for c in before if c.change == "merged" and names.get(c.from_unit, c.from_unit) == unit]
    others = [c.from_unit for c in before if c.change == "merged" and c not in kept]
    if kept and others:
        return say("geo.was_enlarged", when=_when(first.effective), of=_names_of(others), act=_act(first))
    return say(
        "geo.was_formed", when=_when(first.effective), of=_names_of([c.from_unit for c in before]), act=_act(first)
    )


def existed(unit: str) -> str:
    """When a unit existed: 'from 1/1/2004 to 30/6/2025', 'until 31/7/2008', 'from 1/7/2025'."""
    spans = [p for p in periods() if p.unit == unit]
    start = min((p for p in spans if p.start), key=lambda p: p.start, default=None)
    ends = [p for p in spans if p.end is None]
    end = None if ends else max(spans, key=lambda p: p.end)
    if start and end:
        return say("geo.from_to", start=_day(start.start_text), end=_day(end.end_text))
    if end:
        return say("geo.until", end=_day(end.end_text))
    return say("geo.since", start=_day(start.start_text)) if start else ""


def not_in_year(name: str, year: int) -> str | None:
    """Why ``name`` is no unit of ``year`` when it is one of another period, else None:
    "'Hà Tây' was no province in 2012: it became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)"."""
    found = _periods_named(name)
    if not found or any(p.in_year(year) for p in found):
        return None
    before = [p for p in found if p.end is not None and p.end.year < year]
    after = [p for p in found if p.start is not None and p.start.year > year]
    nearest_after = min((p.start.year - year for p in after), default=None)
    if before and (nearest_after is None or year - max(p.end.year for p in before) < nearest_after):
        last = max(before, key=lambda p: p.end)
        why = became(last.unit) or existed(last.unit)
    elif after:
        first = min(after, key=lambda p: p.start)
        why = began(first.unit) or existed(first.unit)
    else:
        return None
    return say("geo.not_in_year", name=name, year=year, why=why)


def not_yet(name: str, ident: int) -> str | None:
    """Why ``name`` is no unit of geography ``ident`` when it names none of that map and one formed after it:
    "'Đắk Nông' is no unit of the 61 provinces (1997–2003): it was formed on 1/1/2004 from Đắk Lắk (...)".
    None when it names a unit of ``ident``, only units of an earlier time, or none. (A name of both, as
    Hậu Giang, a province until 1991 and again from 2004, is said by the later unit.)"""
    held = geography(ident)
    found = _periods_named(name)
    if held.end is None or any(
        (p.start is None or p.start <= held.end) and (p.end is None or p.end >= held.start) for p in found
    ):
        return None
    later = [p for p in found if p.start is not None and p.start > held.end]
    if not later:
        return None
    first = min(later, key=lambda p: p.start)
    label = held.name_vi if language() == "vi" else held.name_en
    return say("geo.not_yet", name=name, map=label, why=began(first.unit) or existed(first.unit))


def what_became(name: str) -> str | None:
    """What became of an older unit named ``name`` (one no longer in force, whatever the year):
    "'Hà Tây' became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)". None for a name in force."""
    found = _periods_named(name)
    if not found or any(p.end is None for p in found):
        return None
    last = max(found, key=lambda p: p.end)
    why = became(last.unit)
    return say("geo.old_name", name=name, why=why) if why else None


def maps_of(name: str) -> list[int]:
    """The geographies held that have a unit named ``name`` (Hà Tây: [64]), oldest first."""
    units = {p.unit for p in _periods_named(name)}
    return [g for g in ids() if any(p.unit in units for p in members(g))]


def same_unit(geography_a: int, name_a: str, geography_b: int, name_b: str) -> bool:
    """Whether two (geography, name) are one territory (a unit that went on, or was only renamed)."""
    a, b = unit_of(geography_a, name_a), unit_of(geography_b, name_b)
    return a is not None and a == b


def change_between(geography_a: int, name: str, geography_b: int) -> str | None:
    """What happened to the unit ``name`` of ``geography_a`` by ``geography_b`` (None: the same unit there)."""
    unit = unit_of(geography_a, name)
    if unit is None or unit in {p.unit for p in members(geography_b)}:
        return None
    if geography(geography_a).start < geography(geography_b).start:
        return say("geo.change_note", name=name, why=became(unit) or existed(unit))
    return say("geo.change_note", name=name, why=began(unit) or existed(unit))


# The geography read when none is asked or decided by a year (the provinces of August 2008 – June 2025:
# every published DTI so far), and the one the 2025 merger made.
DEFAULT = on_day(date(2024, 12, 31))
MERGED_2025 = on_day(date(2025, 7, 1))


def change_of(ident: int, name: str, change: str) -> str | None:
    """What a ``change`` ('split' or 'merged') did to the unit ``name`` of geography ``ident``: a split
    said of the unit split ('was split into ...'), a merger of the unit it made ('was formed ... from')."""
    unit = unit_of(ident, name)
    if unit is None:
        return None
    if change == "split" and any(c.change == "split" for c in successors(unit)):
        return became(unit)
    if change == "merged" and any(c.change == "merged" for c in predecessors(unit)):
        return began(unit)
    return None


def counterparts(ident: int, name: str, target: int) -> list[str]:
    """The names in geography ``target`` of what the unit ``name`` of ``ident`` is or became (itself when
    it went on; the units it was split into or merged into, followed through every change; [] if none)."""
    unit = unit_of(ident, name)
    wanted = {p.unit: p.name for p in members(target)}
    found, seen, todo = [], set(), [unit] if unit else []
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current in wanted:
            found.append(wanted[current])
        else:
            todo += [c.to_unit for c in successors(current)]
    return found


def name_in(ident: int, name: str, target: int) -> str | None:
    """The name in geography ``target`` of the same unit as ``name`` of ``ident`` (renamed or not), else None."""
    unit = unit_of(ident, name)
    return next((p.name for p in members(target) if p.unit == unit), None) if unit else None
