"""One province over the years, and several side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.contradictions import contradiction_notes
from dtikit.messages import say
from dtikit.provinces import ProvinceNames
from dtikit.ranking import (
    all_year_ranks,
    combined_ranks,
    rank_change,
    ranks_in_own_geographies,
    ranks_of,
    region_ranks,
    unit_notes,
    value_change,
)
from dtikit.ranks import published_of, ranked_among
from dtikit.storage import Store


def year_columns(measures: list[Indicator]) -> list[str]:
    """The columns of a profile's years: the index's rank and score, their changes, each part's rank and
    score (``<label>_rank``, ``<label>_score``: 'gov_rank' for the DTI's pillars), the region rank."""
    parts = [f"{m.label}_{kind}" for m in measures[1:] for kind in ("rank", "score")]
    return ["year", "rank", "score", "rank_change", "score_change", *parts, "region_rank", "region_size"]


INDICATOR_COLUMNS = [
    "indicator",
    "name_en",
    "value",
    "unit",
    "period",
    "year",
    "previous_value",
    "previous_period",
    "change",
    "rank",
    "ranked_of",
    "rank_basis",
    "source",
]


def index_measures(store: Store, index: Indicator | None = None) -> list[Indicator]:
    """An index and its parts (``Catalog.parts``): by default the catalog's headline index (the DTI and
    its pillars in the bundled catalog)."""
    catalog = Catalog.of(store)
    index = index or catalog.headline()
    return [index, *catalog.parts(index)]


def measure_ranks(store: Store, geography: int, measures: list[Indicator]) -> pl.DataFrame:
    """Rank and score of every province, year and measure (an index and its parts), long."""
    labels = {m.id: m.label for m in measures}
    ranks = ranks_of(store, measures, geography)
    ordered = pl.concat([ranks.filter(pl.col("indicator") == m.id) for m in measures])  # the measures' order
    return ordered.select(
        "year", "province", "region", "rank", "score", measure=pl.col("indicator").replace_strict(labels)
    )


@dataclass
class Profile:
    info: dict[str, Any]
    years: pl.DataFrame
    indicators: pl.DataFrame | None  # None when not asked for (``profile(..., with_indicators=False)``)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        others = {} if self.indicators is None else {"indicators": self.indicators.to_dicts()}
        return {**self.info, "years": self.years.to_dicts(), **others}


def profile(
    store: Store,
    province: str,
    *,
    geography: int = geographies.DEFAULT,
    with_indicators: bool = True,
    index: Indicator | None = None,
) -> Profile:
    """Every year held for a province: ranks and scores of ``index`` (default: the headline index) and its
    parts, region rank, changes; its other indicators unless ``with_indicators`` is false (a csv of the
    years does not show them)."""
    names = ProvinceNames(store, geography)
    province = names.find(province)
    row = store.provinces().filter((pl.col("geography") == geography) & (pl.col("province") == province))
    info = row.select("province", "code", "region", "unit_2025", "predecessors").row(0, named=True)
    info["geography"] = geography
    in_2025 = _what_became(store, row, info, geography)  # the merger or renaming of 2025, said once
    notes = names.notes + in_2025 + _across_maps(store, province, geography, after=not in_2025)
    measures = index_measures(store, index)
    labels = [m.label for m in measures]
    ranks = measure_ranks(store, geography, measures)
    mine = ranks.filter(pl.col("province") == province)
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
    overall = all_year_ranks(store, measures[0], geography)
    region = region_ranks(store, overall, measures[0], geography).filter(pl.col("province") == province)
    consecutive = pl.col("year").diff() == 1
    years = (
        wide.join(region.drop("province"), on="year", how="left")
        .sort("year")
        .with_columns(
            rank_change=pl.when(consecutive).then(rank_change(pl.col("rank").shift(1), pl.col("rank"))),
            score_change=pl.when(consecutive).then(value_change(pl.col("score").shift(1), pl.col("score"))),
        )
        .select(year_columns(measures))
    )
    others = latest_indicators(store, province, geography) if with_indicators else None
    for measure in measures:  # published ranks of the province that contradict scores or other ranks
        notes += contradiction_notes(store, measure, geography, provinces=[province])
    return Profile(info, years, others, notes)


def what_became_of(store: Store, province: str) -> list[str]:
    """What became of a province of the default map in 2025 (merged or renamed), said as a note; none
    for a province the store does not list there."""
    row = store.provinces().filter((pl.col("geography") == geographies.DEFAULT) & (pl.col("province") == province))
    if not row.height:
        return []
    info = row.select("province", "unit_2025", "predecessors").row(0, named=True)
    return _what_became(store, row, info, geographies.DEFAULT)


def _what_became(store: Store, row: pl.DataFrame, info: dict[str, Any], geography: int) -> list[str]:
    """What became of a province in 2025 (63), or what a unit of 2025 was (34): merged by Resolution
    202/2025/QH15 of 1 July 2025, or renamed apart from the merger (Thừa Thiên Huế became Huế, a city
    under the central government, on 1 January 2025: ``renamed_on``, ``renamed_by`` of the provinces)."""
    province, unit = info["province"], info["unit_2025"]
    renamed = row.row(0, named=True) if "renamed_on" in row.columns else {}
    when, act = renamed.get("renamed_on"), renamed.get("renamed_by")
    if geography == geographies.DEFAULT and unit:
        merged = store.provinces().filter(
            (pl.col("geography") == geographies.MERGED_2025) & (pl.col("province") == unit)
        )
        predecessors = merged["predecessors"].item() if merged.height else province
        if "; " in predecessors:
            return [say("note.merged_into", province=province, unit=unit, predecessors=predecessors)]
        if unit != province:
            return [_renamed_note(province, unit, when, act)]
    if geography == geographies.MERGED_2025 and info["predecessors"] and info["predecessors"] != province:
        if "; " in info["predecessors"]:
            return [say("note.formed_from", province=province, predecessors=info["predecessors"])]
        return [_renamed_note(info["predecessors"], province, when, act)]
    return []


def _across_maps(store: Store, province: str, geography: int, after: bool = True) -> list[str]:
    """What became of the unit (unless not ``after``: said already), or how it began, when the store holds
    values of a map after its end or before its start (Hà Tây among the 64 beside tables of the 63; Hà Nội
    among the 63 beside PCI 2006; Đắk Nông among the 63 beside a table of the undivided Đắk Lắk): the
    change, its date and act, and that the values of the other unit are not shown as its own."""
    unit = geographies.unit_of(geography, province)
    if unit is None:
        return []
    start = geographies.geography(geography).start
    named = {p.unit: p.name for p in geographies.periods()}

    def held(units: list[str], after: bool) -> bool:  # a value of those units on a map after (before) this one
        maps = store.values(provinces=[named[u] for u in units if u in named])["geography"].unique().to_list()
        starts = [geographies.geography(g).start for g in maps if geographies.is_held(g)]
        return any(s > start if after else s < start for s in starts)

    notes = []
    successors = [c.to_unit for c in geographies.successors(unit)] if after else []
    if successors and held(successors, True):
        notes.append(say("geo.profile_became", name=province, why=geographies.became(unit)))
    before = [c.from_unit for c in geographies.predecessors(unit)]
    if before and held(before, False):
        notes.append(say("geo.profile_began", name=province, why=geographies.began(unit)))
    return notes


def _renamed_note(old: str, new: str, when: str | None, act: str | None) -> str:
    """'since 1 January 2025 Thừa Thiên Huế is Huế, a city under the central government (act)...'."""
    if when is None:  # a store made before the date was held
        return say("note.renamed_undated", province=old, unit=new)
    year, month, day = (int(part) for part in when.split("-"))
    date = say("note.date", day=day, month=say(f"note.month_{month}"), year=year)
    return say("note.renamed", province=old, unit=new, date=date, act=act)


def latest_indicators(store: Store, province: str, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    """The other indicators held for a province: latest value, period and source, the previous one and
    the change; and the rank of the latest value where one is published (``rank``, ``ranked_of``).

    The DTI's scores (the catalog's kind ``score``) are in the years table; ranks (kind ``rank``) are
    the ``rank`` of the value they rank; targets are in ``dtikit targets``.
    """
    catalog = store.indicators().select("indicator", "name_en", "kind")
    names = _same_unit_names(province, geography)
    held = pl.concat(
        [store.values(provinces=[name], geography=g).with_columns(province=pl.lit(province)) for g, name in names],
        how="diagonal_relaxed",
    )
    values = held.join(catalog, on="indicator", how="left").filter(
        ~pl.col("kind").fill_null("value").is_in(["target", "score", "rank"])
    )
    ordered = values.sort("indicator", "year", "period")  # a year not stated sorts first
    latest = ordered.group_by("indicator", maintain_order=True).agg(
        pl.col("name_en", "value", "unit", "period", "year", "source", "geography").last(),
        previous_value=pl.col("value").reverse().get(1, null_on_oob=True),
        previous_period=pl.col("period").reverse().get(1, null_on_oob=True),
    )
    catalog = Catalog.of(store)
    rank_of = {i.id: i.rank_id for i in catalog if i.rank_id}
    ranks = (
        held.filter(pl.col("indicator").is_in(list(rank_of.values())))
        .join(
            _complete_tables(store, list(rank_of.values()), [g for g, _ in names]),
            on=["indicator", "period", "geography"],
            how="left",
        )
        .select(
            rank_id="indicator",
            period="period",
            geography="geography",
            rank=pl.col("value").cast(pl.Int32),
            ranked_of=pl.coalesce(published_of(pl.col("value_text")), "units"),
            rank_basis=pl.lit("published"),
        )
    )
    published = (
        latest.with_columns(
            change=(pl.col("value") - pl.col("previous_value")).round(4),
            rank_id=pl.col("indicator").replace_strict(rank_of, default=None, return_dtype=pl.String),
        )
        .join(ranks, on=["rank_id", "period", "geography"], how="left")
        .drop("rank_id")
    )
    computed = _computed_ranks(store, catalog, published.filter(pl.col("rank").is_null()), dict(names))
    return (
        published.join(computed, on="indicator", how="left")
        .with_columns(
            rank=pl.coalesce("rank", "computed_rank"),
            ranked_of=pl.coalesce("ranked_of", "computed_of"),
            rank_basis=pl.coalesce("rank_basis", "computed_basis"),
        )
        .select(INDICATOR_COLUMNS)
        .sort("indicator")
    )


def _same_unit_names(province: str, geography: int) -> list[tuple[int, str]]:
    """(geography, name) of ``geography`` and of each map before it on which ``province`` is the same unit
    (Kon Tum of the 63: of the 61 and the 64 too), ``geography`` first: its values there are its own. A
    later map's values are of a time after the map asked for, and are left to it."""
    start = geographies.geography(geography).start
    earlier = [g for g in geographies.ids() if g != geography and geographies.geography(g).start < start]
    others = [(g, geographies.name_in(geography, province, g)) for g in earlier]
    return [(geography, province), *((g, name) for g, name in others if name is not None)]


def _complete_tables(store: Store, rank_ids: list[str], maps: list[int]) -> pl.DataFrame:
    """Per rank indicator, period and map, ``units``: how many places a rank printed alone is among
    (``ranks.ranked_among``: the map's units for a whole published table, Hà Tây's 2nd of 64 in 2007)."""
    frames = []
    for geography in maps:
        held = store.values(indicators=rank_ids, geography=geography).filter(pl.col("value").is_not_null())
        units = ranked_among(pl.col("value"), geographies.count(geography), ["indicator", "period"])
        frames.append(
            held.select("indicator", "period", pl.col("geography").cast(pl.Int16), units=units).unique(
                ["indicator", "period"]
            )
        )
    return pl.concat(frames, how="vertical_relaxed")


def _computed_ranks(store: Store, catalog: Catalog, latest: pl.DataFrame, names: dict[int, str]) -> pl.DataFrame:
    """Ranks of latest values with no published rank, computed where every province of the value's map
    holds a value that year (``all_year_ranks``, in the indicator's direction): indicator, computed_*.
    ``names``: the province's name on each map where it is the same unit."""
    wanted = latest.filter(pl.col("year").is_not_null() & pl.col("indicator").is_in(list(catalog.indicators)))
    schema = {"indicator": pl.String, "computed_rank": pl.Int32, "computed_of": pl.Int32}
    frames = [pl.DataFrame(schema=schema)]
    for (geography,), rows in wanted.group_by("geography"):
        ranks = ranks_of(store, [catalog.get(i) for i in rows["indicator"].unique()], int(geography))
        found = ranks.join(rows.select("indicator", "year"), on=["indicator", "year"], how="semi").filter(
            (pl.col("province") == names[int(geography)]) & (pl.col("rank_basis") == "computed")
        )
        frames.append(found.select("indicator", computed_rank="rank", computed_of="ranked_of"))
    return pl.concat(frames, how="vertical_relaxed").with_columns(computed_basis=pl.lit("computed"))


def compare(
    store: Store, provinces: list[str], *, geography: int = geographies.DEFAULT, index: Indicator | None = None
) -> Compared:
    """Provinces side by side on ``index`` (default: the headline index) and its parts: one row per (year,
    measure), one column per province."""
    names = ProvinceNames(store, geography)
    chosen = list(dict.fromkeys(names.find(p) for p in provinces))
    measures = index_measures(store, index)
    labels = [m.label for m in measures]
    ranks = measure_ranks(store, geography, measures).filter(pl.col("province").is_in(chosen))
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
    return Compared(wide.select("year", "measure", *chosen), names.notes)


@dataclass
class Compared:
    """Provinces side by side (one row per year and measure, one column per province) and notes."""

    table: pl.DataFrame
    notes: list[str] = field(default_factory=list)
    unit: str | None = None


def compare_indicator(
    store: Store,
    provinces: list[str],
    measure: Indicator,
    *,
    geography: int | None = None,
    among_held: bool = False,
) -> Compared:
    """Provinces side by side on any indicator: per year its value, rank and ``ranked_of`` (how many the
    rank is among), one column per province. Ranks are published, computed from a complete table in the
    indicator's direction, or with ``among_held`` computed among the provinces holding a value
    (``all_year_ranks``, the one rule); the notes say which, year by year. ``geography`` None reads each
    year in its own geography: a province shows a year's value only where it is the same unit that year,
    else a note says what happened to it (``dtikit.ranking.ranks_in_own_geographies``)."""
    target = geographies.DEFAULT if geography is None else geography
    names = ProvinceNames(store, target)
    chosen = list(dict.fromkeys(names.find(p) for p in provinces))
    changed: list[str] = []
    if geography is None:
        ranks, by_year = ranks_in_own_geographies(store, measure, target, among_held=among_held)
        changed = unit_notes(chosen, by_year, target)
    else:  # a year held only on an earlier map is read on the one asked, its merged units combined
        ranks = all_year_ranks(store, measure, geography, among_held=among_held)
        ranks, changed = combined_ranks(store, measure, geography, ranks, None, chosen)
    word = "score" if measure.kind == "score" else "value"
    kinds = {word: "score", "rank": "rank", "ranked_of": "ranked_of"}
    mine = ranks.filter(pl.col("province").is_in(chosen))
    long = pl.concat(
        [
            mine.select("year", "province", measure=pl.lit(f"{measure.label}_{k}"), value=pl.col(c).cast(pl.Float64))
            for k, c in kinds.items()
        ]
    ).filter(pl.col("value").is_not_null())
    wide = long.pivot(on="province", index=["year", "measure"], values="value", aggregate_function="first")
    for name in chosen:
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(name))
    order = {f"{measure.label}_{k}": i for i, k in enumerate(kinds)}
    wide = wide.with_columns(_order=pl.col("measure").replace_strict(order, default=99)).sort("year", "_order")
    notes = names.notes + changed + _basis_notes(mine, measure, among_held)
    return Compared(wide.select("year", "measure", *chosen), notes, measure.unit)


def _basis_notes(ranks: pl.DataFrame, measure: Indicator, among_held: bool) -> list[str]:
    """One note per year with a value: how its ranks were found, or why there are none."""
    from dtikit.ranking import direction_notes

    notes = direction_notes(measure)
    held = ranks.filter(pl.col("score").is_not_null() | pl.col("rank").is_not_null()).sort("year")
    for (year,), rows in held.group_by("year", maintain_order=True):
        bases = rows["rank_basis"].drop_nulls().unique().sort().to_list()
        if "computed among held" in bases:
            n = rows["ranked_of"].drop_nulls().first()
            notes.append(say("note.ranks_among_held", label=measure.title, year=year, n=n))
        elif "computed" in bases and "published" not in bases:
            notes.append(say("note.ranks_computed", label=measure.title, year=year))
        elif not bases:
            notes.append(
                say("note.no_compare_rank", label=measure.title, year=year)
                + ("" if among_held else say("note.try_among_held_compare"))
            )
    return notes
