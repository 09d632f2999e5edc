"""The queries behind the commands, each returning one ``Result`` (``dtikit.result``).

The CLI's table and machine formats, ``--chart``, ``map`` and ``report`` are all writers of these
results, so each answer is computed once, in one place.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from dtikit.catalog import Catalog
from dtikit.messages import say, unit_label
from dtikit.result import Result, View, indicator_about
from dtikit.store import Store

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
    return sorted(frame[column].drop_nulls().unique().to_list())


def _years_held(ranks: pl.DataFrame) -> dict[str, Any]:
    """The years with any rank in the store (a chart's axis: a year a province lacks is a gap) and N."""
    from dtikit.ranking import ranked_years

    return {"years": ranked_years(ranks), "ranked_of": ranks["ranked_of"].drop_nulls().max()}


def rank_query(
    store: Store,
    year: int,
    indicator: str = "overall",
    *,
    region: str | None = None,
    top: int | None = None,
    vs: int | None = None,
    geography: int = 63,
    among_held: bool = False,
    explain: bool = False,
) -> Result:
    """``dtikit rank``: one row per province (``dtikit.ranking.rank_table``), with its view and about."""
    from dtikit.ranking import rank_table

    ranked = rank_table(
        store, year, indicator, region=region, top=top, vs=vs, geography=geography, among_held=among_held
    )
    measure = Catalog.of(store).measure(indicator)
    if explain:
        from dtikit.explain import explain_changes

        ranked = explain_changes(store, ranked, indicator, geography=geography)
    table = ranked.table
    prev_year = table["prev_year"].drop_nulls().first() if table.height else None
    shown = ["rank", "province", "score", "prev_rank", "rank_change", "score_change"]
    if region is not None:
        shown.append("region_rank")
    if "percentile" in table.columns:
        shown = ["rank", "province", "score", "percentile", "prev_percentile", "percentile_change"]
    if explain:
        shown += ["own_effect", "others_effect"]
    among = table.filter(pl.col("rank_basis") == "computed among held")["ranked_of"]
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
        units=dict.fromkeys(("score", "prev_score", "score_change"), measure.unit),
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
    }
    return Result("rank", {"rank": table}, about, ranked.notes, views=[view])


def gap_query(
    store: Store,
    province: str,
    target: int | None = None,
    *,
    target_value: float | None = None,
    indicator: str = "overall",
    year: int | None = None,
    by: int | None = None,
) -> Result:
    """``dtikit gap``: a rank target (``dtikit.gap``) or a value target (``dtikit.gap_value``).

    Besides the gap table, ``history`` holds the province's ranks (or values) by year, which the
    chart draws with the target and the paces.
    """
    from dtikit.errors import UsageError

    if target is not None and target_value is not None:
        raise UsageError(say("error.target_both"))
    if target is None:
        if indicator in ("overall",) and target_value is None:
            raise UsageError(say("error.target_neither"))
        return _value_gap_query(store, province, indicator, target_value, year, by)
    from dtikit.gap import gap as compute_gap
    from dtikit.ranking import all_year_ranks

    result = compute_gap(store, province, target, year, by=by, indicator=indicator)
    measure = Catalog.of(store).measure(indicator)
    o = result.overall
    history = (
        all_year_ranks(store, measure)
        .filter(pl.col("province") == o["province"])
        .select("year", "rank", "score", "rank_basis", "ranked_of")
        .sort("year")
    )
    shown = ["measure", "rank", "places_to_target", "target_holder", "target_holder_score", "score", "score_gap", "met"]
    view = View(
        "gap",
        say("title.gap_rank", province=o["province"], target=target, year=o["year"]),
        shown,
        units={k: result.unit for k in ("target_holder_score", "score", "score_gap")},
        drop_first=GAP_DROP_FIRST,
    )
    about = {
        **indicator_about(measure),
        "province": o["province"],
        "year": o["year"],
        "geography": 63,
        "target_kind": "rank",
        "met": result.met,
        "basis": _basis(history),
    }
    return Result(
        "gap",
        {"gap": result.to_frame(), "history": history},
        about,
        result.notes,
        document=result.to_dict(),
        views=[view],
    )


def _value_gap_query(store, province, indicator, target_value, year, by) -> Result:
    from dtikit.gap_value import value_gap
    from dtikit.render import number_for_people

    result = value_gap(store, province, indicator, target_value, year, by=by)
    r = result.row
    measure = Catalog.of(store).resolve(indicator)
    shown = ["indicator", "year", "period", "value", "target_value", "value_gap", "met"]
    if "deadline" in r:
        shown += ["deadline", "needed_per_year", "pace_so_far", "on_track"]
    per_value = {k: r["unit"] for k in ("value", "target_value", "value_gap", "needed_per_year", "pace_so_far")}
    name = r["province"]  # as value_gap read it (a one-letter misspelling is read generously)
    history = (
        store.values()
        .filter((pl.col("geography") == 63) & (pl.col("province") == name) & (pl.col("indicator") == measure.id))
        .filter(pl.col("year").is_not_null())
        .select("year", "period", "value", "source_kind")
        .sort("year", "period")
    )
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
    )
    about = {
        **indicator_about(measure),
        "province": r["province"],
        "year": r["year"],
        "geography": 63,
        "target_kind": "value",
        "met": result.met,
        "basis": sorted(history["source_kind"].drop_nulls().unique().to_list()),
    }
    return Result(
        "value_gap",
        {"gap": result.to_frame(), "history": history},
        about,
        result.notes,
        document=result.to_dict(),
        views=[view],
    )


def trend_query(store: Store, indicator: str = "overall", *, region: str | None = None, geography: int = 63) -> Result:
    """``dtikit trend``: national figures and aggregates held, by year (``dtikit.trend``)."""
    from dtikit.trend import trend_table

    trend = trend_table(store, indicator, region=region, geography=geography)
    measure = Catalog.of(store).measure(indicator)
    columns = [
        "year",
        "national_dti",
        "national_change_pct",
        "provincial_average",
        "n_provinces",
        "mean",
        "median",
        "min",
        "max",
    ]
    view = View(
        "trend",
        say("title.trend", name=_with_unit(measure.title, unit_label(measure.unit)))
        + (say("title.in_region", region=region) if region else ""),
        columns,
        units={c: measure.unit for c in ("mean", "median", "min", "max")},
    )
    about = {**indicator_about(measure), "region": region, "geography": geography, "basis": ["published"]}
    return Result("trend", {"trend": trend.table}, about, trend.notes, views=[view])


def profile_query(
    store: Store, province: str, *, geography: int = 63, indicators: bool = False, only_main: bool = False
) -> Result:
    """``dtikit profile``: the DTI by year (``years``) and the other indicators (``indicators``).

    ``only_main``: only the main table is written (csv and the other row formats), so the other
    one is not computed."""
    from dtikit.profile import YEAR_COLUMNS, dti_measures
    from dtikit.profile import profile as build_profile
    from dtikit.ranking import all_year_ranks

    result = build_profile(store, province, geography=geography, with_indicators=indicators or not only_main)
    info = result.info
    about_name = info["province"] + (f" → {info['unit_2025']} (2025)" if geography == 63 and info["unit_2025"] else "")
    overall = dti_measures(store)[0]
    ranks = all_year_ranks(store, overall, geography)
    basis = ranks.filter(pl.col("province") == info["province"])
    if indicators:
        views = [View("indicators", about_name, INDICATOR_COLUMNS, units=PER_ROW_UNIT)]
    else:
        views = [
            View(
                "years",
                say("title.profile_years", who=about_name),
                [c for c in YEAR_COLUMNS if c != "region_size" and not c.endswith("_score")],
            ),
            View(
                "indicators",
                say("title.profile_indicators", province=info["province"]),
                INDICATOR_COLUMNS,
                units=PER_ROW_UNIT,
            ),
        ]
    about = {
        **indicator_about(overall),
        **info,
        "provinces": [info["province"]],
        "title": about_name,
        "basis": _basis(basis),
        "pillars": [m.label for m in dti_measures(store)[1:]],
        **_years_held(ranks),
    }
    return Result(
        "profile",
        {"years": result.years, **({} if result.indicators is None else {"indicators": result.indicators})},
        about,
        result.notes,
        document=result.to_dict(),
        views=views,
        main="indicators" if indicators else "years",
    )


def compare_query(
    store: Store,
    provinces: list[str],
    indicator: str | None = None,
    *,
    geography: int = 63,
    among_held: bool = False,
) -> Result:
    """``dtikit compare``: provinces side by side, one row per (year, measure).

    Without ``indicator``: the DTI's rank and score, overall and by pillar. With it: that indicator's
    value, rank (published, computed from a complete table, or ``among_held``) and ``ranked_of``.
    """
    from dtikit.errors import UsageError
    from dtikit.profile import compare as build_compare
    from dtikit.profile import compare_indicator, dti_measures
    from dtikit.ranking import all_year_ranks

    if len(provinces) < 2:
        raise UsageError(say("error.compare_two"))
    if indicator is None and among_held:
        raise UsageError(say("error.among_held_indicator"))
    if indicator is None:
        compared = build_compare(store, provinces, geography=geography)
        measure = dti_measures(store)[0]
        pillars = [m.label for m in dti_measures(store)[1:]]
        view = View("compare", say("title.side_by_side"))
    else:
        compared = compare_indicator(store, provinces, indicator, geography=geography, among_held=among_held)
        measure = Catalog.of(store).measure(indicator)
        pillars = []
        table = compared.table
        view = View(
            "compare",
            say("title.side_by_side_of", name=_with_unit(measure.title, unit_label(measure.unit))),
            units={c: [compared.unit_of(m) for m in table["measure"]] for c in table.columns[2:]},
        )
    table = compared.table
    ranks = all_year_ranks(store, measure, geography, among_held=among_held)
    chosen = table.columns[2:]
    about = {
        **indicator_about(measure),
        "provinces": chosen,
        "geography": geography,
        "basis": _basis(ranks.filter(pl.col("province").is_in(chosen))),
        "pillars": pillars,
        **_years_held(ranks),
    }
    return Result("compare", {"compare": table}, about, compared.notes, views=[view])


def _with_unit(name: str, unit: str | None) -> str:
    """'name (unit)' for a title; the name alone for an indicator whose unit is not known."""
    return say("title.with_unit", name=name, unit=unit) if unit else name
