"""Rank tables: who is where in a year, and how far each province moved.

Rules (docs/reference/ranks.md):

- A published rank is used as published.
- Where a year has a value for every province but no published rank, ranks are computed by
  competition ranking, as the ministry does, in the indicator's direction (the catalog's
  ``higher_is_better``; unknown ranks higher-is-better, with a note): equal values share a rank
  and the next rank is skipped ("1224"). Where only some values are known, no rank is computed:
  it stays missing, unless ``among_held`` asks for ranks among the provinces with a value.
- A published rank that disagrees with the one computed from complete scores is reported.
- ``rank_change`` is ``prev_rank - rank``: positive means the province climbed.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.contradictions import contradiction_notes
from dtikit.errors import DataError, UsageError
from dtikit.frames import nulls_first
from dtikit.messages import say
from dtikit.provinces import alphabetical, alphabetical_places, resolve_region
from dtikit.ranks import COMBINED as BASIS
from dtikit.ranks import all_year_ranks, competition_rank, competition_ranks, geography_provinces, held_values, ranks_of  # noqa: F401  (theirs to import here too)
from dtikit.storage import Store

RANK_COLUMNS = ["year", "rank", "province", "score", "prev_rank", "rank_change", "score_change"]


class RankResult(NamedTuple):
    """A rank table and the notes a reader should see beside it (printed on stderr by the CLI)."""

    table: pl.DataFrame
    notes: list[str]


def rank_change(prev_rank: pl.Expr, rank: pl.Expr) -> pl.Expr:
    """Places climbed since the earlier rank: ``prev_rank - rank`` (positive = climbed). The one rule."""
    return prev_rank - rank


def value_change(prev: pl.Expr, value: pl.Expr, decimals: int = 4) -> pl.Expr:
    """A value's change since the earlier one, rounded as the values are compared (4 decimals)."""
    return (value - prev).round(decimals)


def region_ranks(
    store: Store, ranks: pl.DataFrame, indicator: Indicator, geography: int = geographies.DEFAULT
) -> pl.DataFrame:
    """The rank of each (year, province) within its region: the one rule, for ``rank`` and ``profile``.

    A region rank published (``region_rank_id`` of the catalog) is used as published. Otherwise it
    is known only when every province of the region is ranked that year (competition ranks of their
    ranks), or else every province of the region holds a value (competition ranks of the values, in
    the indicator's direction). Columns: year, province, region_rank, region_size.
    """
    years, provinces, regions, ranks_, scores = (
        ranks.get_column(c).to_list() for c in ("year", "province", "region", "rank", "score")
    )
    published: dict[tuple, list[int | None]] = {}
    if indicator.region_rank_id:  # none published: no read of the store
        held = held_values(store, [indicator.region_rank_id], geography)
        as_int = held.get_column("value").cast(pl.Int32).to_list()  # Polars' cast, as the join had it
        for year, province, value in zip(
            held.get_column("year").to_list(), held.get_column("province").to_list(), as_int, strict=True
        ):
            if year is not None and province is not None:  # a join matches no missing key
                published.setdefault((year, province), []).append(value)
    groups: dict[tuple, list[int]] = {}  # the rows of each (year, region), a region held
    for i, (year, region) in enumerate(zip(years, regions, strict=True)):
        if region is not None:
            groups.setdefault((year, region), []).append(i)
    computed: dict[int, int | None] = {}
    size: dict[int, int] = {}
    for rows in groups.values():
        if all(ranks_[i] is not None for i in rows):  # the order of their ranks
            within = competition_ranks([float(ranks_[i]) for i in rows], descending=False)
        elif all(scores[i] is not None for i in rows):  # else of their values, in the indicator's direction
            within = competition_ranks([scores[i] for i in rows], indicator.descending)
        else:
            within = [None] * len(rows)
        for i, rank in zip(rows, within, strict=True):
            computed[i], size[i] = rank, len(rows)
    out: dict[str, list] = {"year": [], "province": [], "region_rank": [], "region_size": []}
    for i in sorted(computed):  # the rows of ``ranks`` in their order, each published rank joined
        for given in published.get((years[i], provinces[i]), [None]):
            rank = given if given is not None else computed[i]
            for column, cell in zip(
                out, (years[i], provinces[i], rank, None if rank is None else size[i]), strict=True
            ):
                out[column].append(cell)
    schema = {"year": ranks.schema["year"], "province": ranks.schema["province"]}
    return pl.DataFrame(out, schema={**schema, "region_rank": pl.Int32, "region_size": pl.Int32})


def disagreements(ranks: pl.DataFrame, years: list[int]) -> list[str]:
    """Notes for published ranks that differ from the rank computed from complete scores."""
    differ = ranks.filter(pl.col("year").is_in(years) & (pl.col("published") != pl.col("computed")))
    return [say("note.disagreement", **row) for row in differ.iter_rows(named=True)]


def ranked_years(ranks: pl.DataFrame) -> list[int]:
    """Years in which at least one province has a rank (a missing year first, as Polars sorts)."""
    years = ranks.get_column("year").to_list()
    ranked = {year for year, rank in zip(years, ranks.get_column("rank").to_list(), strict=True) if rank is not None}
    return sorted(ranked, key=nulls_first)


def _sort_key(table: pl.DataFrame, column: str = "province") -> pl.Series:
    """The names of a column in Vietnamese alphabetical order, to sort by ('Cà Mau' before 'Cao Bằng',
    'Đ' after every 'D')."""
    return alphabetical_places(table[column].to_list())


def region_in(store: Store, region: str, geography: int) -> str:
    """The canonical name of ``region`` (``resolve_region``), when the units of ``geography`` have regions
    (the provinces of 1997–2025 do, those of 2004–2008 with Hà Tây included; the units of 2025 have none held)."""
    if geography_provinces(store, geography)["region"].is_null().all():
        raise UsageError(say("geo.no_regions", geography=geography))
    return resolve_region(store, region)


def _in_region(
    store: Store,
    table: pl.DataFrame,
    ranks: pl.DataFrame,
    indicator: Indicator,
    region: str,
    notes: list[str],
    geography: int = geographies.DEFAULT,
) -> pl.DataFrame:
    """The rows of one region with their ``region_rank`` (``region_ranks``) and a note on what is missing."""
    year = table["year"].first() if table.height else None
    members = table.filter(pl.col("region") == region)
    within = region_ranks(store, ranks.filter(pl.col("year") == year), indicator, geography)
    within = within.select("province", "region_rank")
    members = members.join(within, on="province", how="left")
    unranked = members.filter(pl.col("rank").is_null() & pl.col("score").is_null())["province"].to_list()
    missing = members["region_rank"].null_count()
    if missing and unranked:
        names = ", ".join(sorted(unranked, key=alphabetical))
        count, total = len(unranked), members.height
        notes.append(
            say("note.region_unranked", count=count, total=total, region=region, year=year, names=names)
            + (say("note.region_published") if missing < members.height else "")
        )
    return members


def percentile(rank: pl.Expr, n: int) -> pl.Expr:
    """Percentile rank, 100 for the first and 0 for the last of ``n``: comparable across 63 and 34."""
    return (100 * (n - rank) / (n - 1)).round(1)


def _same_entity(store: Store, geography: int) -> pl.DataFrame:
    """Pairs (province here, the same place in the other geography) where the place was not merged."""
    units = store.provinces().filter(pl.col("geography") == geographies.MERGED_2025)
    single = units.filter(~pl.col("predecessors").str.contains(";"))
    pairs = single.select(unit="province", old="predecessors")
    if geography == geographies.MERGED_2025:
        return pairs.select(province="unit", other="old")
    return pairs.select(province="old", other="unit")


def rank_table(
    store: Store,
    year: int,
    indicator: Indicator | None = None,
    *,
    region: str | None = None,
    top: int | None = None,
    vs: int | None = None,
    geography: int | None = None,
    among_held: bool = False,
) -> RankResult:
    """One row per province: rank, score, previous rank and score, the changes, and ``ranked_of``.

    ``indicator`` is an indicator of the catalog (``dtikit.catalog``; None: its headline index); it is
    ranked in its direction. ``top`` keeps ranks 1..N (ties included); with ``region``, the region's first N.
    ``year`` is ranked in the geography of its values (``year_geography``), or in ``geography`` (34: the
    units formed in 2025). When ``vs`` is a year of another geography, a rank change is computed only for
    a unit that is the same in both (``dtikit.geography.same_unit``); a unit split, merged or ended is
    named in a note with the change and its act. Between the provinces before 2025 and the units of 2025
    ranks are not subtracted: the percentile ranks of places that were not merged are compared
    (``percentile``, ``prev_percentile``, ``percentile_change``).
    With ``among_held``, a year without published ranks and without a value for every province
    is ranked among the provinces that hold a value (``ranked_of`` says how many).
    """
    if geography is not None and not geographies.is_held(geography):
        raise UsageError(geographies.refused(geography))
    measure = indicator or Catalog.of(store).headline()
    asked, geography = geography, year_geography(store, measure, year, geography)
    if region is not None:
        region = region_in(store, region, geography)
    ranks = all_year_ranks(store, measure, geography, among_held=among_held)
    combined: list[str] = []
    if asked is not None:  # a year held only on an earlier map, read on the one asked: combined values
        # the year compared with too (--vs, else the latest year before it holding values), when a rule
        # combines its values (else the maps' own ranks, below)
        compared = None
        if combinable(store, measure):
            compared = vs if vs is not None else _latest_before(store, measure, year)
        ranks, combined = combined_ranks(store, measure, geography, ranks, [year, compared])
    years = ranked_years(ranks)
    notes = list(combined)
    held = held_years(ranks)
    if year not in years and year not in held:
        among = say("error.among_34") if geography == geographies.MERGED_2025 else ""
        raise DataError(
            say("error.no_rank_year", label=measure.title, year=year, among=among, years=_years(years))
            + (say("error.years_with_values", years=_years(held)) if held != years else "")
        )
    n = geography_provinces(store, geography).height
    other = year_geography(store, measure, vs, None) if vs not in (None, *years) else geography
    # the other geography's ranks, only when --vs names a year this one has not ranked
    other_ranks = all_year_ranks(store, measure, other, among_held=among_held) if other != geography else None
    across = other_ranks is not None and vs in ranked_years(other_ranks)
    by_percentile = {geography, other} == {geographies.DEFAULT, geographies.MERGED_2025}
    if vs is None:
        earlier = [y for y in years if y < year]
        vs = earlier[-1] if earlier else None
        if vs is None and year in years:
            notes.append(
                say("note.no_earlier_ranks", label=measure.title, year=year, geography=geography)
                + (say("note.vs_percentiles") if geography == geographies.MERGED_2025 else "")
            )
    elif vs not in years and not across:
        raise DataError(say("error.no_rank_vs", label=measure.title, vs=vs, years=_years(years)))
    current = ranks.filter(pl.col("year") == year)
    # the direction matters to ranks computed, not to ranks published (every one of the years shown)
    shown = ranks.filter(pl.col("year").is_in([year, vs]))["rank_basis"].drop_nulls()
    notes[:0] = direction_notes(measure) if shown.ne("published").any() or not shown.len() else []
    columns = [*RANK_COLUMNS, "prev_year", "prev_score", "rank_basis", "region"]
    if across and by_percentile:
        table = _across(store, current, other_ranks, vs, n, other, geography)
        columns += ["percentile", "prev_percentile", "percentile_change"]
        notes.append(say("note.across", year=year, geography=geography, vs=vs, other=other))
    elif across:
        table, changed = _across_units(current, other_ranks, vs, geography, other)
        notes.append(say("note.across_units", year=year, geography=geography, vs=vs, other=other))
        notes += changed
    else:
        notes += disagreements(ranks, [year] if vs is None else [year, vs])
        previous = ranks.filter(pl.col("year") == (vs if vs is not None else -1))
        previous = previous.select("province", prev_rank="rank", prev_score="score")
        table = current.join(previous, on="province", how="left").with_columns(
            prev_year=pl.lit(vs, pl.Int16),
            rank_change=rank_change(pl.col("prev_rank"), pl.col("rank")),
            score_change=value_change(pl.col("prev_score"), pl.col("score")),
        )
        method, prev_method = measure.method(year), measure.method(vs)
        if vs is not None and method != prev_method and table["score_change"].is_not_null().any():
            if method and prev_method:
                notes.append(say("note.methodologies", vs=vs, year=year, prev_method=prev_method, method=method))
            else:  # one year's methodology is not named: never 'None'
                unknown = year if not method else vs
                notes.append(say("note.method_unknown", label=measure.title, unknown=unknown, vs=vs, year=year))
    if region is not None:
        table = _in_region(store, table, ranks, measure, region, notes, geography)
        columns.insert(len(RANK_COLUMNS), "region_rank")
    if not current["rank_basis"].eq(BASIS).any():  # combined values are ranked among those held
        notes += _unranked_notes(store, measure, table, current, year, region, among_held, geography)
    if top is not None:  # within a region, the top of the region: its region rank, else its order by rank
        place = pl.coalesce("region_rank", pl.col("rank").rank("min").cast(pl.Int32)) if region else pl.col("rank")
        table = table.filter(place <= top)
    table = table.sort(pl.col("rank"), *([pl.col("region_rank")] if region else []), _sort_key(table), nulls_last=True)
    if not (across and by_percentile):  # the year's published ranks shown that contradict scores or each other
        notes += contradiction_notes(store, measure, geography, [year], table["province"].to_list())
    return RankResult(table.select(pl.col("year").cast(pl.Int16), *columns[1:], "ranked_of"), notes)


def year_geography(store: Store, measure: Indicator, year: int | None, given: int | None) -> int:
    """The geography ``year`` is ranked in: ``given``, else of the geographies in force that year
    (``dtikit.geography.in_force``) the latest that holds a value of ``measure`` in it, else the one
    holding its values, else the year's."""
    if given is not None:
        return given
    if year is None:
        return geographies.DEFAULT
    return _year_geography(year, _held_geographies(store, measure).get(year, set()))


def year_geographies(store: Store, measure: Indicator, given: int | None = None) -> dict[int, int]:
    """Each year holding a value of ``measure`` (or its rank) and the geography it is read in
    (``year_geography``)."""
    held = _held_geographies(store, measure)
    return {year: given if given is not None else _year_geography(year, held[year]) for year in sorted(held)}


def _held_geographies(store: Store, measure: Indicator) -> dict[int, set[int]]:
    """The geographies holding a value of ``measure`` (or its rank), by year: one read of its values."""
    values = store.values(indicators=[i for i in (measure.id, measure.rank_id) if i])
    held: dict[int, set[int]] = {}
    for year, geography in zip(values["year"].to_list(), values["geography"].to_list(), strict=True):
        if year is not None:
            held.setdefault(int(year), set()).add(geography)
    return held


def _year_geography(year: int, held: set[int]) -> int:
    """``year_geography`` of a year whose values are held in the geographies ``held``."""
    found = geographies.in_force(year)
    held_in_order = [g for g in geographies.ids() if g in held]
    with_values = [g for g in found if g in held_in_order]
    if with_values:  # the latest in force that year holding values
        return with_values[-1]
    if held_in_order:  # values of a year in a geography of another period (a target year, a table read as such)
        return geographies.DEFAULT if geographies.DEFAULT in held_in_order else held_in_order[-1]
    return found[-1] if found else geographies.DEFAULT


def onto(frame: pl.DataFrame, by_year: dict[int, int], target: int) -> pl.DataFrame:
    """The rows of ``frame`` (``year``, ``geography``, ``province``) of each year's geography, named as the same
    unit is in ``target``; a row of a unit that is no unit of ``target`` (Hà Nội before 1/8/2008) is left out."""
    chosen = pl.DataFrame(
        {"year": list(by_year), "geography": list(by_year.values())}, schema={"year": pl.Int16, "geography": pl.Int16}
    )
    pairs = [
        (g, n, m)
        for g in sorted(set(by_year.values()))
        for n in geographies.names(g)
        if (m := geographies.name_in(g, n, target)) is not None
    ]
    names = pl.DataFrame(pairs, schema={"geography": pl.Int16, "province": pl.String, "as": pl.String}, orient="row")
    return (
        frame.with_columns(pl.col("year").cast(pl.Int16), pl.col("geography").cast(pl.Int16))
        .join(chosen, on=["year", "geography"], how="semi")
        .join(names, on=["geography", "province"], how="inner")
        .with_columns(province=pl.col("as"))
        .drop("as")
    )


def ranks_in_own_geographies(
    store: Store, measure: Indicator, target: int, *, among_held: bool = False
) -> tuple[pl.DataFrame, dict[int, int]]:
    """``all_year_ranks`` with each year ranked in its own geography (``year_geographies``), the units named
    as in ``target`` (``onto``); and the geography of each year."""
    by_year = year_geographies(store, measure)
    frames = [
        all_year_ranks(store, measure, g, among_held=among_held).with_columns(geography=pl.lit(g, pl.Int16))
        for g in sorted(set(by_year.values()) | {target})
    ]
    ranks = onto(pl.concat(frames, how="diagonal_relaxed"), by_year, target) if by_year else frames[-1]
    return ranks.drop("geography"), by_year


def unit_notes(names: list[str], by_year: dict[int, int], target: int) -> list[str]:
    """For each of ``names`` (units of ``target``) that is no unit of a year's geography: what happened."""
    notes = []
    for g in sorted(set(by_year.values()) - {target}):
        years = ", ".join(str(y) for y, h in sorted(by_year.items()) if h == g)
        for name in names:
            if geographies.name_in(target, name, g) is None:
                why = geographies.change_between(target, name, g)
                notes.append(say("note.not_compared", name=name, years=years, why=why or ""))
    return notes


def _across_units(
    current: pl.DataFrame, other_ranks: pl.DataFrame, vs: int, geography: int, other: int
) -> tuple[pl.DataFrame, list[str]]:
    """The current ranks beside those of ``vs`` in geography ``other``: a rank change only for a unit that
    is the same in both (``dtikit.geography.same_unit``); each other unit is named in a note, with its act."""
    here, there = geographies.names(geography), geographies.names(other)
    pairs = [(a, b) for a in here for b in there if geographies.same_unit(geography, a, other, b)]
    same = pl.DataFrame(pairs, schema={"province": pl.String, "other": pl.String}, orient="row")
    previous = (
        other_ranks.filter(pl.col("year") == vs)
        .join(same, left_on="province", right_on="other")
        .select(pl.col("province_right").alias("province"), prev_rank="rank", prev_score="score")
    )
    table = current.join(previous, on="province", how="left").with_columns(
        prev_year=pl.lit(vs, pl.Int16),
        rank_change=rank_change(pl.col("prev_rank"), pl.col("rank")),
        score_change=value_change(pl.col("prev_score"), pl.col("score")),
    )
    paired = {geography: {a for a, _ in pairs}, other: {b for _, b in pairs}}
    earlier, later = sorted([geography, other], key=lambda g: geographies.geography(g).start)
    notes = [  # a split said of the unit split, a merger of the unit it made
        say("note.unit_changed", name=name, why=why)
        for ident, key in ((earlier, "split"), (later, "merged"))
        for name in geographies.names(ident)
        if name not in paired[ident] and (why := geographies.change_of(ident, name, key))
    ]
    return table, notes


def held_years(ranks: pl.DataFrame) -> list[int]:
    """Years in which at least one province has a rank or a value."""
    return ranks.filter(pl.col("rank").is_not_null() | pl.col("score").is_not_null())["year"].unique().sort().to_list()


def direction_notes(measure: Indicator) -> list[str]:
    """The note an indicator of unknown direction needs when it is ranked."""
    if measure.higher_is_better is not None:
        return []
    return [say("note.direction", name=measure.title, id=measure.id)]  # its name; the id to type


def _unranked_notes(
    store: Store,
    measure: Indicator,
    table: pl.DataFrame,
    current: pl.DataFrame,
    year: int,
    region: str | None,
    among_held: bool,
    geography: int,
) -> list[str]:
    """Say how many provinces have no rank, why, and which options would rank them."""
    unranked = table.filter(pl.col("rank").is_null()).height
    if not unranked:
        return []
    n = current.height
    n_held = current.filter(pl.col("score").is_not_null()).height
    if current["published"].is_not_null().any():
        return [
            say("note.unranked_published", unranked=unranked, total=table.height, label=measure.title, year=year)
            + (say("note.among_held_published") if among_held else "")
        ]
    if among_held and n_held:  # ranked among those holding a value: the others hold none
        return [say("note.unranked_among_held", missing=n - n_held, n=n, label=measure.title, year=year, held=n_held)]
    complete = geography_provinces(store, geography).join(current.select("province", "score"), on="province")
    regions = (
        complete.filter(pl.col("region").is_not_null())
        .group_by("region")
        .agg(pl.col("score").is_not_null().all().alias("ok"))
        .filter("ok")["region"]
        .sort()
        .to_list()
    )
    helps = [] if among_held else [say("note.try_among_held")]
    if region is None and regions:
        helps.append(say("note.try_region", region=regions[0]))
    return [
        say("note.unranked_values", held=n_held, n=n, label=measure.title, year=year)
        + (say("note.try", options=say("note.or").join(helps)) if helps else "")
    ]


def _across(
    store: Store, current: pl.DataFrame, other_ranks: pl.DataFrame, vs: int, n: int, other: int, geography: int
) -> pl.DataFrame:
    """The current ranks beside the percentile ranks of ``vs`` in the other grouping (places not merged)."""
    previous = (
        other_ranks.filter(pl.col("year") == vs)
        .join(_same_entity(store, geography), left_on="province", right_on="other")
        .select(pl.col("province_right").alias("province"), prev_percentile=percentile(pl.col("rank"), other))
    )
    return (
        current.join(previous, on="province", how="left")
        .with_columns(
            prev_year=pl.lit(vs, pl.Int16),
            prev_rank=pl.lit(None, pl.Int32),
            rank_change=pl.lit(None, pl.Int32),
            score_change=pl.lit(None, pl.Float64),
            prev_score=pl.lit(None, pl.Float64),
            percentile=percentile(pl.col("rank"), n),
        )
        .with_columns(percentile_change=(pl.col("percentile") - pl.col("prev_percentile")).round(1))
    )


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) if years else say("error.none")


def combinable(store: Store, measure: Indicator) -> bool:
    """Whether the catalog states a rule combining the values of ``measure`` (``dtikit.combine``)."""
    from dtikit import combine

    return combine.rule_in(store.indicators(), measure.id) is not None


def combined_values(
    store: Store, measure: Indicator, geography: int, years: list[int] | None = None, about: list[str] | None = None
) -> tuple[pl.DataFrame, list[int], list[str]]:
    """The values of ``measure`` of each year (of ``years``, else every year) that holds none in ``geography``
    but some in an earlier geography, read in ``geography``: the values of merged units combined by the
    catalog's rule (``dtikit.combine``). Returns the values (year, province, value, members), the years so
    read, and the notes saying what was combined and which units have no value, and why (of the units
    ``about`` only, when given)."""
    from dtikit import combine

    wanted = None if years is None else [y for y in dict.fromkeys(years) if y is not None]
    held = store.values(indicators=[measure.id], years=wanted).filter(
        pl.col("value").is_not_null() & pl.col("year").is_not_null()
    )
    by_source: dict[int, list[int]] = {}
    for (year,), here in held.group_by("year"):
        source = combine.source_of(here["geography"].unique().to_list(), geography)
        if source is not None and not here.filter(pl.col("geography") == geography).height:
            by_source.setdefault(source, []).append(int(year))
    rule = combine.rule_in(store.indicators(), measure.id)
    frames, notes = [], []
    for source, of_source in sorted(by_source.items()):
        weights = None
        if rule is not None and rule.weight:
            weights = store.values(indicators=[rule.weight], years=of_source, geography=source)
        values = held.filter(pl.col("year").is_in(of_source) & (pl.col("geography") == source))
        done = combine.combine(values, source, geography, rule, label=measure.title, weights=weights, about=about)
        frames.append(done.values)
        notes += done.notes
    schema = {"year": pl.Int16, "province": pl.String, "value": pl.Float64, "members": pl.String}
    combined = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    return combined, sorted(y for ys in by_source.values() for y in ys), notes


def _latest_before(store: Store, measure: Indicator, year: int) -> int | None:
    """The latest year before ``year`` holding a value of ``measure``, in any geography."""
    held = store.values(indicators=[measure.id]).filter(pl.col("value").is_not_null() & (pl.col("year") < year))
    return int(held["year"].max()) if held.height else None


def combined_ranks(
    store: Store,
    measure: Indicator,
    geography: int,
    ranks: pl.DataFrame,
    years: list[int] | None,
    about: list[str] | None = None,
) -> tuple[pl.DataFrame, list[str]]:
    """``ranks`` with each of ``years`` read in ``geography`` from the values of an earlier geography
    (``combined_values``), ranked among the units holding a value (rank basis ``ranks.COMBINED``); and the
    notes of the combination."""
    values, read, notes = combined_values(store, measure, geography, years, about)
    frames = [_ranked_combined(store, measure, geography, y, values.filter(pl.col("year") == y)) for y in read]
    return pl.concat([ranks, *frames], how="diagonal_relaxed") if frames else ranks, notes


def _ranked_combined(store: Store, measure: Indicator, geography: int, year: int, values: pl.DataFrame) -> pl.DataFrame:
    """The units of ``geography`` in ``year`` with their combined values, ranked among those holding one."""
    held = pl.col("score").is_not_null()
    rank = pl.when(held).then(competition_rank(pl.col("score"), measure.descending))
    return (
        geography_provinces(store, geography)
        .join(values.select("province", score="value"), on="province", how="left")
        .with_columns(year=pl.lit(year, pl.Int16), published=pl.lit(None, pl.Int32))
        .with_columns(rank=rank, computed=rank, n_held=held.sum().cast(pl.Int32))
        .with_columns(
            rank_basis=pl.when(held).then(pl.lit(BASIS)),
            ranked_of=pl.when(held).then(pl.col("n_held")),
        )
    )
