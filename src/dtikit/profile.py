"""One province over the years, and several side by side."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.contradictions import contradiction_notes
from dtikit.frames import nulls_first
from dtikit.messages import say
from dtikit.provinces import ProvinceNames
from dtikit.ranking import (
    all_year_ranks,
    combined_ranks,
    ranks_in_own_geographies,
    ranks_of,
    region_ranks,
    unit_notes,
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


def profile_years(ranks: pl.DataFrame, region: pl.DataFrame, measures: list[Indicator], province: str) -> pl.DataFrame:
    """A province's rows of ``year_columns``: from ``ranks`` (``ranks_of`` the measures), one row per year
    holding a rank or score of any measure, and its ``region`` rank (``region_ranks`` of the index); the
    changes since the year before, when it is the previous row.

    Computed in Python: a province's years are a few rows, and the Polars pivot, join and windows it
    replaced cost about twenty queries of about 0.3 ms each."""
    labels = [m.label for m in measures]
    label_of = {m.id: m.label for m in measures}
    held: dict[str, list[tuple]] = {}  # each measure's rows of the province: year, rank, score
    columns = ("indicator", "year", "province", "rank", "score")
    for indicator, year, where, rank, score in zip(*(ranks.get_column(c).to_list() for c in columns), strict=True):
        if where == province and indicator in label_of:
            held.setdefault(indicator, []).append((year, rank, score))
    rename = {f"{k}_{m}": (k if i == 0 else f"{m}_{k}") for k in ("rank", "score") for i, m in enumerate(labels)}
    wide: dict[object, dict[str, object]] = {}  # by year, in the order first held: the first cell of each
    for m in measures:  # the measures' order, a measure listed twice read twice
        for year, rank, score in held.get(m.id, []):
            row = wide.setdefault(year, {})
            row.setdefault(rename[f"rank_{m.label}"], rank)
            row.setdefault(rename[f"score_{m.label}"], score)
    kept = sorted((y for y, row in wide.items() if any(v is not None for v in row.values())), key=nulls_first)
    by_year: dict[object, list[tuple]] = {}
    regions = ("year", "province", "region_rank", "region_size")
    for year, where, rank, size in zip(*(region.get_column(c).to_list() for c in regions), strict=True):
        if where == province and year is not None:  # a join matches no missing year
            by_year.setdefault(year, []).append((rank, size))
    out: dict[str, list] = {c: [] for c in year_columns(measures)}
    previous: tuple | None = None  # year, rank and score of the row before
    for year in kept:
        row = wide[year]
        for region_rank, region_size in by_year.get(year, [(None, None)]):
            consecutive = previous is not None and year is not None and previous[0] is not None
            consecutive = consecutive and year - previous[0] == 1
            rank, score = row.get("rank"), row.get("score")
            cells = {
                **row,
                "year": year,
                "rank_change": _int32(previous[1] - rank)
                if consecutive and rank is not None and previous[1] is not None
                else None,
                "score_change": round4(score - previous[2])
                if consecutive and score is not None and previous[2] is not None
                else None,
                "region_rank": region_rank,
                "region_size": region_size,
            }
            for column, cells_of in out.items():
                cells_of.append(cells.get(column))
            previous = (year, rank, score)
    schema = {c: pl.Float64 if c.endswith("score") or c == "score_change" else pl.Int32 for c in out}
    return pl.DataFrame(out, schema={**schema, "year": ranks.schema["year"]})


def _int32(value: int) -> int:
    """An Int32 subtraction as Polars makes it: wrapped on overflow."""
    return (value + 2**31) % 2**32 - 2**31


def round4(value: float) -> float:
    """``round(4)`` as Polars rounds a Float64: half to even of ``value * 10**4``, divided back; the value
    itself when either is not finite."""
    scaled = value * 10_000.0
    if not math.isfinite(scaled):
        return value
    rounded = math.copysign(float(round(scaled)), scaled) / 10_000.0
    return rounded if math.isfinite(rounded) else value


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
    row = _province_row(store, geography, province)
    info = {k: row[k] for k in ("province", "code", "region", "unit_2025", "predecessors")}
    info["geography"] = geography
    in_2025 = _what_became(store, row, info, geography)  # the merger or renaming of 2025, said once
    notes = names.notes + in_2025 + _across_maps(store, province, geography, after=not in_2025)
    measures = index_measures(store, index)
    ranks = ranks_of(store, measures, geography)
    overall = all_year_ranks(store, measures[0], geography)
    region = region_ranks(store, overall, measures[0], geography)
    years = profile_years(ranks, region, measures, province)
    others = latest_indicators(store, province, geography) if with_indicators else None
    for measure in measures:  # published ranks of the province that contradict scores or other ranks
        notes += contradiction_notes(store, measure, geography, provinces=[province])
    return Profile(info, years, others, notes)


def what_became_of(store: Store, province: str) -> list[str]:
    """What became of a province of the default map in 2025 (merged or renamed), said as a note; none
    for a province the store does not list there."""
    row = _province_row(store, geographies.DEFAULT, province)
    if row is None:
        return []
    info = {k: row[k] for k in ("province", "unit_2025", "predecessors")}
    return _what_became(store, row, info, geographies.DEFAULT)


def _province_row(store: Store, geography: int, province: str) -> dict[str, Any] | None:
    """The first row of the store's provinces of ``geography`` naming ``province`` (every column), else
    None: found in Python, not by a Polars filter (a query of about 0.3 ms)."""
    provinces = store.provinces()
    pairs = zip(provinces.get_column("geography").to_list(), provinces.get_column("province").to_list(), strict=True)
    found = next((i for i, (g, p) in enumerate(pairs) if g == geography and p == province), None)
    return None if found is None else provinces.row(found, named=True)


def _what_became(store: Store, row: dict[str, Any], info: dict[str, Any], geography: int) -> list[str]:
    """What became of a province in 2025 (63), or what a unit of 2025 was (34): merged by Resolution
    202/2025/QH15 of 1 July 2025, or renamed apart from the merger (Thừa Thiên Huế became Huế, a city
    under the central government, on 1 January 2025: ``renamed_on``, ``renamed_by`` of the provinces)."""
    province, unit = info["province"], info["unit_2025"]
    when, act = row.get("renamed_on"), row.get("renamed_by")  # none in a store made before they were held
    if geography == geographies.DEFAULT and unit:
        merged = _province_row(store, geographies.MERGED_2025, unit)
        predecessors = merged["predecessors"] if merged is not None else province
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
        maps = set(store.values(provinces=[named[u] for u in units if u in named]).get_column("geography").to_list())
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
    return Compared(compare_table(ranks_of(store, measures, geography), measures, chosen), names.notes)


def compare_table(ranks: pl.DataFrame, measures: list[Indicator], chosen: list[str]) -> pl.DataFrame:
    """``compare``'s table from ``ranks`` (``ranks_of`` the measures): one row per (year, measure) holding a
    rank or score of any of the provinces ``chosen``, by year and the measures' order ('overall_rank',
    'overall_score', 'gov_rank', ...), one column per province.

    Built in Python: a few dozen cells, and the Polars concat, pivot and sort it replaced cost about
    fifteen queries of about 0.3 ms each."""
    labels = [m.label for m in measures]
    label_of = {m.id: m.label for m in measures}
    order = {f"{m}_{k}": i for i, (m, k) in enumerate((m, k) for m in labels for k in ("rank", "score"))}
    wanted = set(chosen)
    cells: dict[tuple, dict[str, float]] = {}  # (year, measure) -> province -> the first value held
    columns = ("indicator", "year", "province", "rank", "score")
    rows = [r for r in zip(*(ranks.get_column(c).to_list() for c in columns), strict=True) if r[2] in wanted]
    for kind in ("rank", "score"):  # the ranks first, then the scores, each in the measures' order
        for m in measures:
            for indicator, year, province, rank, score in rows:
                value = (None if rank is None else float(rank)) if kind == "rank" else score
                if indicator == m.id and value is not None:
                    cells.setdefault((year, f"{label_of[m.id]}_{kind}"), {}).setdefault(province, value)
    keys = sorted(cells, key=lambda key: (*nulls_first(key[0]), order.get(key[1], 99)))
    out: dict[str, list] = {"year": [k[0] for k in keys], "measure": [k[1] for k in keys]}
    for name in chosen:
        out[name] = [cells[k].get(name) for k in keys]
    schema = {"year": ranks.schema["year"], "measure": pl.String, **dict.fromkeys(chosen, pl.Float64)}
    return pl.DataFrame(out, schema=schema)


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
