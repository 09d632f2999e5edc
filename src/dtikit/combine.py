"""Values of one geography read in a later one: the units merged combined by the rule the catalog states.

A table of 2024 holds the 63 provinces of its year; asked ``--geography 34``, each unit of 2025 gets
a value only where the indicator's catalog entry (its ``combine`` column) says how its members' values
make one:

- ``sum``: counts (people, dossiers, enterprises): the sum of every member's value, when every member
  holds one that year;
- ``mean:<weight>``: the mean of the members' values weighted by the indicator ``<weight>`` (e.g. a
  population), when every member holds a value and a weight that year;
- empty: the values cannot be combined (scores, shares, ranks): no value, and a note says so.

Never a plain mean, never one member's value for the whole. A unit that goes on as it was (itself, or
renamed) keeps its value. A unit whose predecessor was split (a value of undivided Đắk Lắk of 2003, asked
among the 64 units of 2004) has no value: a value of the whole cannot be divided among its parts.

Pure: a frame of (year, province, value) in one geography, the lineage of ``dtikit.geography``, the rule;
out come the values in the other geography and the notes a reader needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

from dtikit import geography as geographies
from dtikit.errors import UsageError
from dtikit.messages import say

SUM = "sum"
MEAN = "mean"


@dataclass(frozen=True)
class Rule:
    """How the values of merged units make one: ``sum``, or ``mean`` weighted by the indicator ``weight``."""

    how: str
    weight: str | None = None

    @property
    def text(self) -> str:
        return f"{MEAN}:{self.weight}" if self.how == MEAN else self.how


def parse_rule(text: str | None) -> Rule | None:
    """'sum' -> Rule('sum'); 'mean:population' -> Rule('mean', 'population'); '' or None -> None
    (cannot be combined). Anything else is a ``UsageError`` saying what is accepted."""
    text = (text or "").strip()
    if not text:
        return None
    if text == SUM:
        return Rule(SUM)
    how, _, weight = text.partition(":")
    if how.strip() == MEAN and weight.strip():
        return Rule(MEAN, weight.strip())
    raise UsageError(say("geo.bad_rule", rule=text))


@dataclass
class Combined:
    """Values in the later geography (year, province, value, members) and the notes to show beside them."""

    values: pl.DataFrame
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lineage:
    """What each unit of ``target`` was in ``source``: its members (source names wholly in it), the source
    units split across it and others (``divided``), and the boundary adjustments between the two maps."""

    members: dict[str, list[str]]
    divided: dict[str, list[str]]
    adjusted: dict[str, list[tuple[str, str]]]  # (the unit on the other side, the act)
    same: set[str]  # target names that are one and the same unit as their single member


def lineage(source: int, target: int) -> Lineage:
    """The lineage of every unit of ``target`` in ``source`` (``dtikit.geography.counterparts``)."""
    members: dict[str, list[str]] = {n: [] for n in geographies.names(target)}
    divided: dict[str, list[str]] = {n: [] for n in members}
    for name in geographies.names(source):
        into = geographies.counterparts(source, name, target)
        for to in into:
            (members if len(into) == 1 else divided)[to].append(name)
    start, end = geographies.geography(source).start, geographies.geography(target).start
    units = {geographies.unit_of(target, n): n for n in members}
    adjusted: dict[str, list[tuple[str, str]]] = {n: [] for n in members}
    named = {p.unit: p.name for p in geographies.periods()}
    for change in geographies.changes():
        if change.change != "adjusted" or not start < _effective(change) <= end:
            continue
        for unit, other in ((change.to_unit, change.from_unit), (change.from_unit, change.to_unit)):
            for to in _names_of_unit(unit, source, target, units):
                adjusted[to].append((named.get(other, other), change.act))
    same = {
        n
        for n, m in members.items()
        if len(m) == 1 and not divided[n] and geographies.same_unit(source, m[0], target, n)
    }
    return Lineage(members, divided, adjusted, same)


def _effective(change: geographies.Change) -> date:
    text = change.effective
    return date(int(text), 1, 1) if len(text) == 4 else date.fromisoformat(text)


def _names_of_unit(unit: str, source: int, target: int, units: dict[str | None, str]) -> list[str]:
    """The target names a unit of either map stands for (itself, or what it became)."""
    if unit in units:
        return [units[unit]]
    name = next((p.name for p in geographies.members(source) if p.unit == unit), None)
    return geographies.counterparts(source, name, target) if name else []


def combine(
    values: pl.DataFrame,
    source: int,
    target: int,
    rule: Rule | None,
    *,
    label: str,
    weights: pl.DataFrame | None = None,
    about: list[str] | None = None,
) -> Combined:
    """``values`` (year, province, value) of units of ``source`` read as units of ``target`` by ``rule``.

    ``weights`` (year, province, value) are the values of the rule's weight indicator in ``source``.
    The result holds one row per (year, target unit) that has a value; ``members`` names the source
    units it was made of. Each unit left without a value gets a note saying why, once for all its years
    (only the units of ``about`` when given: the ones a reader is shown)."""
    tree = lineage(source, target)
    by_key = {(int(y), p): v for y, p, v in values.select("year", "province", "value").iter_rows() if v is not None}
    weight_of = {}
    if weights is not None:
        weight_of = {
            (int(y), p): w
            for y, p, w in weights.select("year", "province", "value").iter_rows()
            if w is not None and w > 0
        }
    years = sorted({y for y, _ in by_key})
    rows, why_not, combined_years = [], {}, {}
    for year in years:
        for name, members in tree.members.items():
            held = [m for m in members if (year, m) in by_key]
            if tree.divided[name]:
                if any((year, m) in by_key for m in tree.divided[name]):
                    why_not.setdefault((name, "divided", ", ".join(tree.divided[name])), []).append(year)
                continue
            if not held:
                continue
            if name in tree.same:
                rows.append((year, name, by_key[(year, members[0])], members[0]))
                continue
            missing = [m for m in members if (year, m) not in by_key]
            if rule is None:
                why_not.setdefault((name, "no_rule", ", ".join(members)), []).append(year)
            elif missing:
                why_not.setdefault((name, "missing", ", ".join(missing)), []).append(year)
            elif rule.how == SUM:
                rows.append((year, name, sum(by_key[(year, m)] for m in members), "; ".join(members)))
                combined_years.setdefault(name, []).append(year)
            else:
                unweighted = [m for m in members if (year, m) not in weight_of]
                if unweighted:
                    why_not.setdefault((name, "no_weight", ", ".join(unweighted)), []).append(year)
                    continue
                total = sum(weight_of[(year, m)] for m in members)
                mean = sum(by_key[(year, m)] * weight_of[(year, m)] for m in members) / total
                rows.append((year, name, mean, "; ".join(members)))
                combined_years.setdefault(name, []).append(year)
    frame = pl.DataFrame(
        rows,
        schema={"year": pl.Int16, "province": pl.String, "value": pl.Float64, "members": pl.String},
        orient="row",
    )
    if about is not None:
        combined_years = {n: y for n, y in combined_years.items() if n in about}
        why_not = {k: y for k, y in why_not.items() if k[0] in about}
    notes = [_header(rule, label, source, target)] if rows or why_not else []
    if combined_years:
        units = "; ".join(
            f"{name} ({_years(years_of)}): {' + '.join(tree.members[name])}"
            for name, years_of in combined_years.items()
        )
        notes.append(say("geo.combined_units", rule=_rule_words(rule), units=units))
    unruled = [(name, years_of, who) for (name, reason, who), years_of in why_not.items() if reason == "no_rule"]
    if unruled:
        units = "; ".join(f"{name} ({_years(years_of)}: {who})" for name, years_of, who in unruled)
        notes.append(say("geo.not_combined_no_rule", label=label, units=units))
    for (name, reason, who), years_of in why_not.items():
        if reason != "no_rule":
            weight = rule.weight if rule is not None else ""
            said = {"name": name, "years": _years(years_of), "who": who, "label": label, "weight": weight}
            notes.append(say(f"geo.not_combined_{reason}", **said))
    shown = set(frame["province"].to_list()) & set(tree.members if about is None else about)
    for name, moved in tree.adjusted.items():
        if name in shown and moved:
            others = ", ".join(dict.fromkeys(o for o, _ in moved if o != name))
            acts = "; ".join(dict.fromkeys(a for _, a in moved if a))
            notes.append(say("geo.combined_adjusted", name=name, source=source, others=others, act=acts))
    return Combined(frame, notes)


def _header(rule: Rule | None, label: str, source: int, target: int) -> str:
    if rule is None:
        return say("geo.combined_none", label=label, source=source, geography=target)
    return say("geo.combined", label=label, source=source, geography=target, rule=_rule_words(rule))


def _rule_words(rule: Rule | None) -> str:
    if rule is None:
        return say("geo.rule_none")
    if rule.how == SUM:
        return say("geo.rule_sum")
    return say("geo.rule_mean", weight=rule.weight)


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years)))


def source_of(held: list[int], target: int) -> int | None:
    """The geography to read a year in when ``target`` holds none of its values: the latest of ``held``
    (geographies holding values that year) earlier than ``target``; None when there is none."""
    start = geographies.geography(target).start
    earlier = [g for g in geographies.ids() if g in held and geographies.geography(g).start < start]
    return earlier[-1] if earlier else None


def rule_in(catalog: pl.DataFrame, ident: str) -> Rule | None:
    """The rule the catalog table (``Store.indicators()``) states for the indicator ``ident`` (its ``combine``
    column; a store made before the column existed states none)."""
    if "combine" not in catalog.columns:
        return None
    found = catalog.filter(pl.col("indicator") == ident)["combine"].to_list()
    return parse_rule(found[0]) if found else None
