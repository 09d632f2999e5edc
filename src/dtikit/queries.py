"""The queries behind the commands, each returning one ``Result`` (``dtikit.result``).

The CLI's table and machine formats, ``--chart``, ``map`` and ``report`` are all writers of these
results, so each answer is computed once, in one place.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.errors import UsageError
from dtikit.frames import nulls_first, rows_where
from dtikit.messages import say, unit_label
from dtikit.printed import change_texts, texts_of
from dtikit.ranks import COMBINED as BASIS
from dtikit.ranks import held_values
from dtikit.render import difference_unit
from dtikit.result import Result, View, indicator_about
from dtikit.storage import Store

# the numbers of a table of several indicators are read in each row's own unit
PER_ROW_UNIT = {"value": "@unit", "previous_value": "@unit", "change": "@unit"}
# the columns of a gap table left out first when it is wider than the terminal
GAP_DROP_FIRST = ["target_holder_score", "score_gap", "target_holder", "pace_so_far", "period"]
# the other indicators of a province, as a table shows them
INDICATOR_COLUMNS = ["indicator", "value", "unit", "period", "rank", "rank_basis", "previous_value", "change"]


def _basis(frame: pl.DataFrame, column: str = "rank_basis") -> list[str]:
    """The kinds of rank in a table ('published', 'computed', ...), for a chart's note."""
    if column not in frame.columns:
        return []
    return sorted({kind for kind in frame.get_column(column).to_list() if kind is not None})


def _sources_of(
    store: Store,
    ids: list[str | None],
    geography: int | None,
    provinces: list[str] | None = None,
    years: list[int] | None = None,
) -> list[dict[str, str]]:
    """Where the values behind an answer come from: each (kind, source) once, published kinds first.

    A picture or report names them (``dtikit.labels.provenance``): the file a user ingested and its
    ``--source``, or the published sources, never a source the values do not have."""
    wanted = sorted({i for i in ids if i})
    if geography is None:
        values = store.values(indicators=wanted, geography=geography)
    else:  # of a map: often of indicators ranked already (``held_values``)
        values = held_values(store, wanted, geography)
    places = None if provinces is None else {p for p in provinces if p is not None}  # a missing key matches none
    held = None if years is None else {y for y in years if y is not None}
    pairs = set()  # found in Python: a few hundred rows, and a filter, unique and sort cost four queries
    columns = ("province", "year", "source_kind", "source")
    for province, year, kind, source in zip(*(values.get_column(c).to_list() for c in columns), strict=True):
        if (places is None or province in places) and (held is None or year in held):
            pairs.add(("" if kind is None else kind, "" if source is None else source))
    return [{"kind": k, "source": s} for k, s in sorted(pairs, key=lambda pair: (pair[0] == "user", *pair))]


def _history(ranks: pl.DataFrame, province: str) -> pl.DataFrame:
    """A province's rows of ``ranks`` by year: year, rank, score, rank_basis, ranked_of. Picked and ordered
    in Python (a filter, a select and a sort were three queries); ``ranks_of``'s rows are by year already."""
    mine = rows_where(ranks, province=province)
    years = mine.get_column("year").to_list()
    order = sorted(range(mine.height), key=lambda i: nulls_first(years[i]))
    columns = [mine.get_column(c) for c in ("year", "rank", "score", "rank_basis", "ranked_of")]
    return pl.DataFrame(columns if order == sorted(order) else [c[order] for c in columns])


def _bases_of(ranks: pl.DataFrame, *provinces: str) -> tuple[list[str], list[int]]:
    """The provinces' kinds of rank (``_basis``) and the counts their ranks are among, each sorted: read
    in Python (a filter, two unique and two drop_nulls were five queries)."""
    columns = ("province", "rank_basis", "ranked_of")
    wanted = set(provinces)
    mine = [(b, n) for p, b, n in zip(*(ranks.get_column(c).to_list() for c in columns), strict=True) if p in wanted]
    return sorted({b for b, _ in mine if b is not None}), sorted({n for _, n in mine if n is not None})


def _years_held(ranks: pl.DataFrame) -> dict[str, Any]:
    """The years with any rank in the store (a chart's axis: a year a province lacks is a gap) and N."""
    from dtikit.ranking import ranked_years

    held = [n for n in ranks.get_column("ranked_of").to_list() if n is not None]
    return {"years": ranked_years(ranks), "ranked_of": max(held, default=None)}


def rank_query(
    store: Store,
    year: int,
    indicator: Indicator | None = None,
    *,
    region: str | None = None,
    top: int | None = None,
    vs: int | None = None,
    geography: int | None = None,
    among_held: bool = False,
    explain: bool = False,
) -> Result:
    """``dtikit rank``: one row per province (``dtikit.ranking.rank_table``), with its view and about.
    ``indicator``: the measure ranked (``Catalog.asked``; None: the catalog's headline index).
    ``geography``: None ranks ``year`` in the geography of its values (``dtikit.ranking.year_geography``)."""
    from dtikit.ranking import rank_table, year_geography

    measure = indicator or Catalog.of(store).headline()
    if geography is not None and not geographies.is_held(geography):
        raise UsageError(geographies.refused(geography))
    asked, geography = geography, year_geography(store, measure, year, geography)
    ranked = rank_table(store, year, measure, region=region, top=top, vs=vs, geography=asked, among_held=among_held)
    if explain:
        from dtikit.explain import explain_changes

        ranked = explain_changes(store, ranked, measure, geography=geography)
    table = ranked.table
    prev_year = table["prev_year"].drop_nulls().first() if table.height else None
    shown = ["rank", "province", "score", "prev_rank", "rank_change", "score_change"]
    if region is not None:
        shown.append("region_rank")
    if "percentile" in table.columns:
        shown = ["rank", "province", "score", "percentile", "prev_percentile", "percentile_change"]
    if explain:
        shown += ["own_effect", "others_effect"]
    fewer = (pl.col("rank_basis") == BASIS) & (pl.col("ranked_of") != geographies.count(geography))  # combined
    among = table.filter((pl.col("rank_basis") == "computed among held") | fewer)["ranked_of"]
    title = (
        say("title.rank", name=_with_unit(measure.title, unit_label(measure.unit)), year=year)
        + (say("title.rank_among", n=among[0]) if among.len() else "")
        + (say("title.rank_since", year=prev_year) if prev_year else "")
    )
    view = View(
        "rank",
        title,
        [*shown, "rank_basis"],
        headers={"score": unit_label(measure.unit) or say("label.value")},
        units={**dict.fromkeys(("score", "prev_score"), measure.unit), "score_change": difference_unit(measure.unit)},
        drop_first=["rank_basis", "score_change", "prev_rank", "percentile"],
    )
    about = {
        **indicator_about(measure),
        "year": year,
        "prev_year": prev_year,
        "geography": geography,
        "region": table["region"].drop_nulls().first() if region is not None and table.height else None,
        "basis": _basis(table),
        "ranked_of": table["ranked_of"].drop_nulls().max() if table.height else None,
        "ranked_among": sorted(table["ranked_of"].drop_nulls().unique().to_list()),
        "sources": _sources_of(
            store, [measure.id, measure.rank_id], geography, table["province"].to_list(), [year, prev_year]
        )
        if not table["rank_basis"].eq(BASIS).any()
        else _sources_of(store, [measure.id], None, None, [year, prev_year]),  # combined: the members' sources
    }
    printed = {"rank": _rank_texts(store, measure, geography, table)}
    return Result("rank", {"rank": table}, about, ranked.notes, views=[view], printed=printed)


def _rank_texts(store: Store, measure: Indicator, geography: int, table: pl.DataFrame) -> pl.DataFrame:
    """The published text of a rank table's scores, and their change at the precision of the less precise."""
    values = store.values(indicators=[measure.id], geography=geography)
    same = {"province": pl.col("province"), "indicator": pl.lit(measure.id)}
    printed = texts_of(
        values, table, {"score": {**same, "year": pl.col("year")}, "prev_score": {**same, "year": pl.col("prev_year")}}
    )
    texts = (printed["prev_score"], printed["score"])
    return printed.with_columns(change_texts(table["score_change"], table["prev_score"], table["score"], texts))


def gap_query(
    store: Store,
    province: str,
    target: int | None = None,
    *,
    target_value: float | None = None,
    indicator: Indicator | None = None,
    year: int | None = None,
    by: int | None = None,
) -> Result:
    """``dtikit gap``: a rank target (``dtikit.gap``) or a value target (``dtikit.gap_value``), of
    ``indicator`` (None: the catalog's headline index). The headline index has no value target of its own:
    without ``target`` or ``target_value`` it is a usage error, however it was named.

    Besides the gap table, ``history`` holds the province's ranks (or values) by year, which the
    chart draws with the target and the paces.
    """
    from dtikit.errors import UsageError

    if target is not None and target_value is not None:
        raise UsageError(say("error.target_both"))
    from dtikit.profile import what_became_of

    measure = indicator or Catalog.of(store).headline()
    if target is None:
        if measure.role == "headline" and target_value is None:
            raise UsageError(say("error.target_neither"))
        result = _value_gap_query(store, province, measure, target_value, year, by)
    else:
        result = _rank_gap_query(store, province, target, measure, year, by)
    # a province merged in 2025 (Kon Tum into Quảng Ngãi): its target is read with what became of it
    said = what_became_of(store, result.about.get("province") or province)  # the name as resolved ('kon tum')
    result.notes[:0] = [n for n in said if n not in result.notes]
    return result


def _rank_gap_query(store: Store, province: str, target: int, measure: Indicator, year: int | None, by: int | None):
    from dtikit.gap import gap as compute_gap
    from dtikit.ranking import all_year_ranks

    result = compute_gap(store, province, target, year, by=by, indicator=measure)
    o = result.overall
    ranks = all_year_ranks(store, measure)
    history = _history(ranks, o["province"])
    shown = ["measure", "rank", "places_to_target", "target_holder", "target_holder_score", "score", "score_gap", "met"]
    view = View(
        "gap",
        say("title.gap_rank", province=o["province"], target=target, year=o["year"]),
        shown,
        units={
            **dict.fromkeys(("target_holder_score", "score"), result.unit),
            "score_gap": difference_unit(result.unit),
        },
        drop_first=GAP_DROP_FIRST,
        keep=["measure", "places_to_target", "met"],  # the answer: never left out on a narrow terminal
    )
    frame = result.to_frame()
    measures = [measure, *Catalog.of(store).parts(measure)]
    holders = [h for names in frame["target_holder"].to_list() if names is not None for h in names.split("; ")]
    about = {
        **indicator_about(measure),
        "province": o["province"],
        "year": o["year"],
        "geography": geographies.DEFAULT,
        "target_kind": "rank",
        "met": result.met,
        "basis": _basis(history),
        "sources": _sources_of(
            store, [i for m in measures for i in (m.id, m.rank_id)], geographies.DEFAULT, [o["province"], *holders]
        ),
        **_years_held(ranks),
    }
    printed = _gap_texts(store, measures, o["province"], frame, history)
    tables = {"gap": frame, "history": history}
    return Result("gap", tables, about, result.notes, document=result.to_dict(), views=[view], printed=printed)


def _gap_texts(
    store: Store, measures: list[Any], province: str, frame: pl.DataFrame, history: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """The published text of a rank gap's scores (the province's and the target holder's, per measure)
    and of its history's."""
    parts = {m.label: m.id for m in measures}
    values = held_values(store, list(parts.values()), geographies.DEFAULT)  # read with their ranks
    key = {"year": pl.col("year"), "indicator": pl.col("measure").replace_strict(parts, default=None)}
    own = {"year": pl.col("year"), "province": pl.lit(province), "indicator": pl.lit(measures[0].id)}
    return {
        "gap": texts_of(
            values,
            frame,
            {
                "score": {**key, "province": pl.col("province")},
                "target_holder_score": {**key, "province": pl.col("target_holder")},
            },
        ),
        "history": texts_of(values, history, {"score": own}),
    }


def _value_gap_query(store, province, measure: Indicator, target_value, year, by) -> Result:
    from dtikit.gap_value import value_gap
    from dtikit.render import number_for_people

    result = value_gap(store, province, measure, target_value, year, by=by)
    r = result.row
    shown = ["indicator", "year", "period", "value", "target_value", "value_gap", "met"]
    if "deadline" in r:
        shown += ["deadline", "needed_per_year", "pace_so_far", "on_track"]
    step = difference_unit(r["unit"])  # a gap or a pace of a share is in percentage points
    per_value = {
        "value": r["unit"],
        "target_value": r["unit"],
        **dict.fromkeys(("value_gap", "needed_per_year", "pace_so_far"), step),
    }
    name = r["province"]  # as value_gap read it (a one-letter misspelling is read generously)
    history = result.series.select("year", "period", "value")  # the values the gap was computed from
    view = View(
        "gap",
        say(
            "title.gap_value",
            province=name,
            target=_with_unit(number_for_people(r["target_value"], r["unit"]), unit_label(r["unit"])),
        ),
        shown,
        units=per_value,
        drop_first=GAP_DROP_FIRST,
        keep=["value_gap", "met"],  # the answer: never left out on a narrow terminal
    )
    about = {
        **indicator_about(measure),
        "province": r["province"],
        "year": r["year"],
        "geography": geographies.DEFAULT,
        "target_kind": "value",
        "met": result.met,
        "basis": [],
        "sources": _sources_of(store, [measure.id], geographies.DEFAULT, [name]),  # the values drawn: every one held
    }
    printed = {
        "gap": pl.DataFrame({"value": [r.get("value_text")]}, schema={"value": pl.String}),
        "history": result.series.select(value="value_text"),
    }
    return Result(
        "value_gap",
        {"gap": result.to_frame(), "history": history},
        about,
        result.notes,
        document=result.to_dict(),
        views=[view],
        printed=printed,
    )


def trend_query(
    store: Store, indicator: Indicator | None = None, *, region: str | None = None, geography: int | None = None
) -> Result:
    """``dtikit trend``: national figures and aggregates held, by year (``dtikit.trend``), of ``indicator``
    (None: the catalog's headline index)."""
    from dtikit.trend import trend_table

    measure = indicator or Catalog.of(store).headline()
    trend = trend_table(store, measure, region=region, geography=geography)
    # a person's table shows the national figure and the published average only for an indicator that has
    # them (another index's trend has no 'national DTI'); machine formats keep every column
    national = ["national_dti", "national_change_pct"] if measure.national else []
    average = ["provincial_average"] if measure.provincial_average else []
    columns = ["year", *national, *average, "n_provinces", "mean", "median", "min", "max"]
    view = View(
        "trend",
        say("title.trend", name=_with_unit(measure.title, unit_label(measure.unit)))
        + (say("title.in_region", region=region) if region else ""),
        columns,
        units={c: measure.unit for c in ("national_dti", "provincial_average", "mean", "median", "min", "max")},
    )
    about = {
        **indicator_about(measure),
        "region": region,
        "geography": geography,
        "basis": [],
        "sources": _sources_of(store, [measure.id], geography),
    }
    national = store.national().rename({"measure": "indicator"}).with_columns(province=pl.lit(None, pl.String))
    key = {"year": pl.col("year"), "province": pl.lit(None, pl.String)}
    printed = texts_of(
        national,
        trend.table,
        {
            "national_dti": {**key, "indicator": pl.lit(measure.national, pl.String)},
            "provincial_average": {**key, "indicator": pl.lit(measure.provincial_average, pl.String)},
        },
    )
    held = store.values(indicators=[measure.id], geography=geography)  # a year's min and max are values held
    ends = {c: {"year": pl.col("year"), "indicator": pl.lit(measure.id), "value": pl.col(c)} for c in ("min", "max")}
    printed = printed.hstack(texts_of(held, trend.table, ends))
    return Result("trend", {"trend": trend.table}, about, trend.notes, views=[view], printed={"trend": printed})


def profile_query(
    store: Store,
    province: str,
    *,
    geography: int = geographies.DEFAULT,
    indicators: bool = False,
    only_main: bool = False,
    index: Indicator | None = None,
) -> Result:
    """``dtikit profile``: an index (``index``, default the catalog's headline index: the DTI) and its parts
    by year (``years``) and the other indicators (``indicators``).

    ``only_main``: only the main table is written (csv and the other row formats), so the other
    one is not computed."""
    from dtikit.profile import index_measures
    from dtikit.profile import profile as build_profile
    from dtikit.ranking import all_year_ranks

    measures = index_measures(store, index)
    result = build_profile(
        store, province, geography=geography, with_indicators=indicators or not only_main, index=measures[0]
    )
    info = result.info
    about_name = info["province"] + (
        f" → {info['unit_2025']} (2025)" if geography == geographies.DEFAULT and info["unit_2025"] else ""
    )
    overall = measures[0]
    ranks = all_year_ranks(store, overall, geography)
    basis, among = _bases_of(ranks, info["province"])
    others = result.indicators
    views = _profile_views(about_name, info["province"], measures, others, indicators)
    notes = list(result.notes)
    if not indicators and not result.years.height:  # a unit the index never measured (Hà Tây, a PCI store)
        notes.append(say("note.profile_no_index", index=overall.title, province=info["province"]))
        views = [v for v in views if v.table != "years"] if others is not None else views
    about = {
        **indicator_about(overall),
        **info,
        "provinces": [info["province"]],
        "title": about_name,
        "basis": basis,
        "pillars": [m.label for m in measures[1:]],
        "parts": [indicator_about(m) for m in measures[1:]],
        "ranked_among": among,
        "sources": _sources_of(
            store,
            [i for m in measures for i in (m.id, m.rank_id)]
            + ([] if others is None else others["indicator"].to_list()),
            geography,
            [info["province"]],
        ),
        **_years_held(ranks),
    }
    return Result(
        "profile",
        {"years": result.years, **({} if others is None else {"indicators": others})},
        about,
        notes,
        document=result.to_dict(),
        views=views,
        main="indicators" if indicators else "years",
        printed=_profile_texts(store, measures, info["province"], geography, result.years, others),
    )


def _profile_views(
    about_name: str, province: str, measures: list[Indicator], others: pl.DataFrame | None, indicators: bool
) -> list[View]:
    """The tables of a profile as a person sees them: the years and the other indicators (or those alone)."""
    from dtikit.profile import year_columns

    overall = measures[0]
    other_units = {**PER_ROW_UNIT, "change": _differences(others)}
    if indicators:
        return [View("indicators", about_name, INDICATOR_COLUMNS, units=other_units)]
    return [
        View(
            "years",
            say("title.profile_years", who=about_name, index=overall.title),
            [c for c in year_columns(measures) if c != "region_size" and not c.endswith("_score")],
            units={"score": overall.unit, "score_change": difference_unit(overall.unit)},
        ),
        View(
            "indicators",
            say("title.profile_indicators", province=province),
            INDICATOR_COLUMNS,
            units=other_units,
        ),
    ]


def _differences(frame: pl.DataFrame | None) -> list[str | None] | str:
    """The unit of each row's change: its value's, in percentage points for a share."""
    if frame is None:
        return "@unit"
    return [difference_unit(u) for u in frame["unit"].to_list()]


def _profile_texts(
    store: Store,
    measures: list[Indicator],
    province: str,
    geography: int,
    years: pl.DataFrame,
    others: pl.DataFrame | None,
) -> dict[str, pl.DataFrame]:
    """The published text of the scores of a profile's years (of ``measures``: the index, then its parts)
    and of its other indicators' values."""
    here = {"province": pl.lit(province)}
    keys = {
        ("score" if i == 0 else f"{m.label}_score"): {**here, "year": pl.col("year"), "indicator": pl.lit(m.id)}
        for i, m in enumerate(measures)
    }
    if others is None:  # the measures' values, read with their ranks (``ranks.held_values``)
        values = held_values(store, [m.id for m in measures], geography)
    else:  # every value of the province, read for its other indicators
        values = store.values(provinces=[province], geography=geography)
    scores = texts_of(values, years, keys)
    texts = (_shifted(scores["score"]), scores["score"])
    printed = {  # a column added with hstack, and shifted in Python: with_columns and shift are queries
        "years": scores.hstack([change_texts(years["score_change"], _shifted(years["score"]), years["score"], texts)])
    }
    if others is not None:
        by_period = {**here, "indicator": pl.col("indicator")}
        printed["indicators"] = texts_of(
            values,
            others,
            {
                "value": {**by_period, "year": pl.col("year"), "period": pl.col("period")},
                "previous_value": {**by_period, "period": pl.col("previous_period")},
            },
        )
        shown = printed["indicators"]
        texts = (shown["previous_value"], shown["value"])
        change = change_texts(others["change"], others["previous_value"], others["value"], texts)
        printed["indicators"] = shown.hstack([change])
    return printed


def _shifted(column: pl.Series) -> list:
    """The values of ``column`` one row down (``shift(1)``), in Python."""
    values = column.to_list()
    return [None, *values[:-1]] if values else []


def compare_query(
    store: Store,
    provinces: list[str],
    indicator: Indicator | None = None,
    *,
    geography: int | None = None,
    among_held: bool = False,
) -> Result:
    """``dtikit compare``: provinces side by side, one row per (year, measure).

    Without ``indicator``: the headline index's rank and score (the DTI's), and its parts'. With it: that indicator's
    value, rank (published, computed from a complete table, or ``among_held``) and ``ranked_of``.
    """
    from dtikit.errors import UsageError
    from dtikit.profile import compare as build_compare
    from dtikit.profile import compare_indicator, index_measures
    from dtikit.ranking import all_year_ranks, onto, ranks_in_own_geographies

    if len(provinces) < 2:
        raise UsageError(say("error.compare_two"))
    if indicator is None and among_held:
        raise UsageError(say("error.among_held_indicator"))
    own = geography is None and indicator is not None  # each year in its own geography
    geography = geographies.DEFAULT if geography is None else geography
    if indicator is None:
        measures = index_measures(store)
        compared = build_compare(store, provinces, geography=geography, index=measures[0])
        title = "title.side_by_side"
    else:
        compared = compare_indicator(
            store, provinces, indicator, geography=None if own else geography, among_held=among_held
        )
        measures = [indicator]
        title = "title.side_by_side_of"
    measure = measures[0]
    table = compared.table
    if table.height == 0:  # nothing held to compare: said, not an empty table
        from dtikit.errors import DataError

        raise DataError(say("error.no_value", id=measure.title, province=", ".join(provinces)))
    # what, where and when: the indicator, the provinces compared and the years shown
    name = measures[0].title if indicator is None else _with_unit(measure.title, unit_label(measure.unit))
    years = sorted({year for year in table["year"].to_list() if year is not None})
    shown = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else ""
    title = say(title, name=name, places=", ".join(table.columns[2:]), years=shown).rstrip(", ")
    # each row's measure ('gov_score', 'transparency_rank') -> its indicator, for a score's unit and text
    scored = {f"{m.label}_{word}": m for m in measures for word in ("score", "value")}
    units = [None if m not in scored else scored[m].unit for m in table["measure"]]
    # the provinces compared are the answer: a narrow terminal never leaves one out
    view = View("compare", title, units=dict.fromkeys(table.columns[2:], units), keep=table.columns[2:])
    if own:
        ranks, by_year = ranks_in_own_geographies(store, measure, geography, among_held=among_held)
    else:
        ranks, by_year = all_year_ranks(store, measure, geography, among_held=among_held), None
    chosen = table.columns[2:]
    basis, among = _bases_of(ranks, *chosen)
    about = {
        **indicator_about(measure),
        "provinces": chosen,
        "geography": geography,
        "basis": basis,
        "pillars": [m.label for m in measures[1:]],
        "parts": [indicator_about(m) for m in measures[1:]],
        "ranked_among": among,
        "sources": _sources_of(store, [i for m in measures for i in (m.id, m.rank_id)], geography, chosen),
        **_years_held(ranks),
    }
    if own:
        values = onto(store.values(indicators=[m.id for m in measures]), by_year, geography)
    else:
        values = held_values(store, [m.id for m in measures], geography)  # read with their ranks
    row_id = pl.col("measure").replace_strict({k: m.id for k, m in scored.items()}, default=None)
    keys = {p: {"province": pl.lit(p), "year": pl.col("year"), "indicator": row_id} for p in chosen}
    printed = {"compare": texts_of(values, table, keys)}
    return Result("compare", {"compare": table}, about, compared.notes, views=[view], printed=printed)


def _with_unit(name: str, unit: str | None) -> str:
    """'name (unit)' for a title; the name alone for an indicator whose unit is not known."""
    return say("title.with_unit", name=name, unit=unit) if unit else name
