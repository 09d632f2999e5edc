"""Commands that read the store: parse options, call the core, emit the result."""

from __future__ import annotations

from typing import Annotated

import typer

from dtikit.cli.messages import say
from dtikit.cli.options import (
    DataOption,
    FormatOption,
    GeographyOption,
    IndicatorOption,
    OutputOption,
    ProvinceOption,
    YearOption,
)
from dtikit.cli.output import emit

# the numbers of a table of several indicators are read in each row's own unit
PER_ROW_UNIT = {"value": "@unit", "previous_value": "@unit", "change": "@unit"}


def rank(
    year: Annotated[int, typer.Option("--year", "-y", help="DTI year to rank.")],
    indicator: IndicatorOption = "overall",
    region: Annotated[str | None, typer.Option("--region", "-r", help="Only this socio-economic region.")] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only ranks 1..N (ties included).")] = None,
    vs: Annotated[
        int | None, typer.Option("--vs", help="Compare with this year (default: previous year with ranks).")
    ] = None,
    geography: GeographyOption = 63,
    among_held: Annotated[
        bool,
        typer.Option(
            "--among-held", help="Rank among the provinces holding a value, in years without published ranks."
        ),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Split each rank change into own score change and others' moves.")
    ] = False,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Rank provinces in a year, with rank and score changes since an earlier year.

    Columns: year, rank, province, score, prev_rank, rank_change (positive = climbed),
    score_change, [region_rank with --region], prev_year, prev_score, rank_basis, region, ranked_of.
    The indicator is ranked in its direction (lower-is-better ranks the smallest value 1st).
    """
    import polars as pl

    from dtikit.catalog import Catalog
    from dtikit.ranking import rank_table
    from dtikit.store import Store

    store = Store(data)
    result = rank_table(
        store, year, indicator, region=region, top=top, vs=vs, geography=geography, among_held=among_held
    )
    measure = Catalog.of(store).measure(indicator)
    if explain:
        from dtikit.explain import explain_changes

        result = explain_changes(store, result, indicator, geography=geography)
    prev_year = result.table["prev_year"].drop_nulls().first() if result.table.height else None
    shown = ["rank", "province", "score", "prev_rank", "rank_change", "score_change"]
    if region is not None:
        shown.append("region_rank")
    if "percentile" in result.table.columns:
        shown = ["rank", "province", "score", "percentile", "prev_percentile", "percentile_change"]
    if explain:
        shown += ["own_effect", "others_effect"]
    among = result.table.filter(pl.col("rank_basis") == "computed among held")["ranked_of"]
    emit(
        result.table,
        format,
        output=output,
        notes=result.notes,
        table_columns=[*shown, "rank_basis"],
        drop_first=["rank_basis", "score_change", "prev_rank", "percentile"],
        sources=_figures(store, result.table, ids=[measure.id, measure.rank_id]),
        title=f"{measure.title} ({measure.unit}), {year}"
        + (f", rank among {among[0]} provinces with a value" if among.len() else "")
        + (f", changes since {prev_year}" if prev_year else ""),
        headers={"score": measure.unit or "value"},
        units=dict.fromkeys(("score", "prev_score", "score_change"), measure.unit),
    )


def gap(
    province: ProvinceOption,
    target: Annotated[int | None, typer.Option("--target", "-t", help="Target rank: 35 means top 35.")] = None,
    target_value: Annotated[
        float | None,
        typer.Option("--target-value", help="Target value, in the indicator's unit (default: a held target)."),
    ] = None,
    indicator: IndicatorOption = "overall",
    year: YearOption = None,
    by: Annotated[
        int | None, typer.Option("--by", help="Deadline year (default: a held target of this rank or value, if any).")
    ] = None,
    fail_if_missed: Annotated[
        bool, typer.Option("--fail-if-missed", help="Exit 3 when the target is not met.")
    ] = False,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """How far a province is from a target rank (overall and per pillar), or from a target value.

    --target N: a rank target for any indicator. --target-value V: a value target (value_gap in the
    indicator's unit, positive = still to go). The year defaults to the latest year held.
    """
    from dtikit.errors import CheckFailed, UsageError, plural
    from dtikit.store import Store

    if target is not None and target_value is not None:
        raise UsageError("give --target (a rank) or --target-value (a value), not both")
    store = Store(data)
    if target is None:
        if indicator in ("overall",) and target_value is None:
            raise UsageError("give --target N (a rank) or --target-value V with --indicator ID")
        _value_gap(store, province, indicator, target_value, year, by, format, output, fail_if_missed)
        return
    from dtikit.gap import gap as compute_gap

    result = compute_gap(store, province, target, year, by=by, indicator=indicator)
    shown = ["measure", "rank", "places_to_target", "target_holder", "target_holder_score", "score", "score_gap", "met"]
    title = f"{result.overall['province']}: gap to rank {target} in {result.overall['year']}"
    units = dict.fromkeys(("target_holder_score", "score", "score_gap"), result.unit)
    _emit_gap(result, format, output, shown, title, units, _figures(store, result.to_frame(), "measure"))
    if fail_if_missed and not result.met:
        o = result.overall
        raise CheckFailed(
            f"{o['province']} is rank {o['rank']} in {o['year']}, {plural(o['places_to_target'], 'place')} "
            f"short of the target {o['target_rank']}"
        )


def _figures(store, frame, measure_column: str | None = None, ids: list[str | None] = ()):
    """The chosen source rows behind the figures of ``frame`` (its provinces and years; the indicators
    ``ids``, else those its ``indicator`` or ``measure`` column names), for the sources sheet of xlsx."""

    def rows():
        import polars as pl

        from dtikit.catalog import Catalog
        from dtikit.sources import source_rows

        wanted = {i for i in ids if i}
        if not wanted:
            catalog = Catalog.of(store)
            named = (
                frame[measure_column or "indicator"].unique().to_list()
                if (measure_column or "indicator") in frame.columns
                else []
            )
            for text in named:
                ind = catalog.measure(text)
                wanted |= {ind.id, ind.rank_id} - {None}
        every = source_rows(store)
        chosen = every.filter(
            pl.col("chosen")
            & pl.col("indicator").is_in(sorted(wanted))
            & pl.col("province").is_in(frame["province"].unique().implode())
            & pl.col("year").is_in(frame["year"].unique().implode())
        )
        return chosen.select("province", "year", "indicator", "value_text", "source_kind", "source")

    return rows


def _emit_gap(result, format, output, shown: list[str], title: str, units: dict[str, str | None], sources) -> None:
    """A gap result (to a rank or to a value): one JSON object, one row per measure elsewhere."""
    emit(
        result.to_frame(),
        format,
        output=output,
        notes=result.notes,
        document=result.to_dict(),
        table_columns=shown,
        title=title,
        units=units,
        drop_first=["target_holder_score", "score_gap", "target_holder", "pace_so_far", "period"],
        sources=sources,
    )


def _value_gap(store, province, indicator, target_value, year, by, format, output, fail_if_missed) -> None:
    from dtikit.errors import CheckFailed
    from dtikit.gap_value import value_gap
    from dtikit.render import number_for_people

    result = value_gap(store, province, indicator, target_value, year, by=by)
    r = result.row
    shown = [c for c in ("indicator", "year", "period", "value", "target_value", "value_gap", "met") if c]
    if "deadline" in r:
        shown += ["deadline", "needed_per_year", "pace_so_far", "on_track"]
    per_value = dict.fromkeys(("value", "target_value", "value_gap", "needed_per_year", "pace_so_far"), r["unit"])
    title = f"{r['province']}: gap to {number_for_people(r['target_value'], r['unit'])} ({r['unit']})"
    _emit_gap(result, format, output, shown, title, per_value, _figures(store, result.to_frame()))
    if fail_if_missed and not result.met:
        raise CheckFailed(
            f"{r['province']} {r['indicator']} is {r['value']:g} ({r['period']}), {r['value_gap']:g} short "
            f"of the target {r['target_value']:g}"
        )


def sources(
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only values whose sources disagree.")] = False,
    province: Annotated[str | None, typer.Option("--province", "-p", help="Only this province.")] = None,
    year: YearOption = None,
    indicator: Annotated[
        str | None, typer.Option("--indicator", "-i", help="Only this indicator (an id or either name).")
    ] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every source row behind the values, which one is used (chosen), and conflicts.

    Precedence when sources disagree: official > government > press > secondary.
    """
    from dtikit.sources import source_rows
    from dtikit.store import Store

    notes: list[str] = []
    rows = source_rows(Store(data), conflicts=conflicts, province=province, year=year, indicator=indicator, notes=notes)
    shown = ["province", "year", "indicator", "value_text", "source_kind", "chosen", "conflict", "source"]
    emit(
        rows,
        format,
        output=output,
        notes=notes,
        table_columns=shown,
        title=say("title.sources_conflicts" if conflicts else "title.sources"),
    )


def provinces(
    geography: GeographyOption = 63,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The 63 provinces (code, region, 2025 unit, aliases), or the 34 units of 2025 with their predecessors."""
    from dtikit.provinces import province_table
    from dtikit.store import Store

    emit(
        province_table(Store(data), geography), format, output=output, title=say("title.provinces", geography=geography)
    )


def trend(
    indicator: IndicatorOption = "overall",
    region: Annotated[str | None, typer.Option("--region", "-r", help="Only this socio-economic region.")] = None,
    geography: GeographyOption = 63,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Per year: national DTI and its change, the published provincial average, and aggregates held.

    Every aggregate says over how many provinces it is computed (n_provinces of of_provinces).
    """
    from dtikit.catalog import Catalog
    from dtikit.store import Store
    from dtikit.trend import trend_table

    store = Store(data)
    result = trend_table(store, indicator, region=region, geography=geography)
    measure = Catalog.of(store).measure(indicator)
    emit(
        result.table,
        format,
        output=output,
        notes=result.notes,
        title=f"{measure.title} ({measure.unit}) by year" + (f", {region}" if region else ""),
        units={c: measure.unit for c in ("mean", "median", "min", "max")},
        table_columns=[
            "year",
            "national_dti",
            "national_change_pct",
            "provincial_average",
            "n_provinces",
            "mean",
            "median",
            "min",
            "max",
        ],
    )


def profile(
    province: ProvinceOption,
    geography: GeographyOption = 63,
    indicators: Annotated[
        bool, typer.Option("--indicators", help="Output the other indicators held instead of the DTI by year.")
    ] = False,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """A province over the years: ranks, scores, pillars, region rank, changes; and its other indicators.

    JSON gives one object with both; other formats the DTI by year (or --indicators).
    """
    import sys

    from dtikit.cli.options import Format
    from dtikit.profile import YEAR_COLUMNS
    from dtikit.profile import profile as build_profile
    from dtikit.render import default_format
    from dtikit.store import Store

    result = build_profile(Store(data), province, geography=geography)
    info = result.info
    about = info["province"] + (f" → {info['unit_2025']} (2025)" if geography == 63 and info["unit_2025"] else "")
    chosen = format.value if format is not None else default_format(sys.stdout)
    years_shown = [c for c in YEAR_COLUMNS if c != "region_size" and not c.endswith("_score")]
    indicators_shown = ["indicator", "value", "unit", "period", "rank", "rank_basis", "previous_value", "change"]
    if chosen == "table" and not indicators and output is None:
        emit(result.years, Format.table, notes=result.notes, title=f"{about}: DTI by year", table_columns=years_shown)
        emit(
            result.indicators,
            Format.table,
            title=f"{info['province']}: other indicators, latest value",
            table_columns=indicators_shown,
            units=PER_ROW_UNIT,
        )
        return
    frame = result.indicators if indicators else result.years
    units = PER_ROW_UNIT if indicators else {"score": "score 0-1", "score_change": "score 0-1"}
    shown = indicators_shown if indicators else years_shown
    emit(
        frame,
        format,
        output=output,
        notes=result.notes,
        document=result.to_dict(),
        title=about,
        units=units,
        table_columns=shown,
    )


def compare(
    provinces: Annotated[list[str], typer.Argument(help="Two or more provinces, in any spelling.")],
    indicator: Annotated[
        str | None,
        typer.Option("--indicator", "-i", help="Any indicator (id or name): its value, rank and ranked_of by year."),
    ] = None,
    among_held: Annotated[
        bool,
        typer.Option(
            "--among-held", help="With --indicator: rank among the provinces holding a value, where none is published."
        ),
    ] = False,
    geography: GeographyOption = 63,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Provinces side by side over the years: one row per (year, measure), one column per province.

    Without --indicator: the DTI's rank and score, overall and by pillar. With --indicator X: X's
    value, rank (published, computed from a complete table, or --among-held) and ranked_of.
    """
    from dtikit.errors import UsageError
    from dtikit.profile import compare as build_compare
    from dtikit.profile import compare_indicator
    from dtikit.store import Store

    if len(provinces) < 2:
        raise UsageError("compare needs at least two provinces")
    store = Store(data)
    if indicator is None:
        if among_held:
            raise UsageError("--among-held needs --indicator")
        result = build_compare(store, provinces, geography=geography)
        emit(result.table, format, output=output, notes=result.notes, title=say("title.side_by_side"))
        return
    from dtikit.catalog import Catalog

    result = compare_indicator(store, provinces, indicator, geography=geography, among_held=among_held)
    measure = Catalog.of(store).measure(indicator)
    emit(
        result.table,
        format,
        output=output,
        notes=result.notes,
        title=f"Side by side: {measure.title} ({measure.unit})",
        units={c: [result.unit_of(m) for m in result.table["measure"]] for c in result.table.columns[2:]},
    )


def targets(
    province: Annotated[
        str | None, typer.Option("--province", "-p", help="Only this province's targets (or 'Việt Nam').")
    ] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Counts and shares of each status instead.")] = False,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Targets held and their status: met, on track, at risk, missed or unknown (see README)."""
    from dtikit.store import Store
    from dtikit.targets import TARGET_COLUMNS, target_table
    from dtikit.targets import summary as build_summary

    store = Store(data)
    if summary:
        result = build_summary(store, province)
        emit(result.table, format, output=output, notes=result.notes, title=say("title.targets_summary"))
        return
    result = target_table(store, province)
    emit(
        result.table,
        format,
        output=output,
        notes=result.notes,
        title=say("title.targets"),
        table_columns=[c for c in TARGET_COLUMNS if c not in ("previous_value", "previous_year", "source")],
    )


def indicators_set(
    indicator: Annotated[str, typer.Argument(help="An indicator you ingested: its id or either name.")],
    name_vi: Annotated[str | None, typer.Option("--name-vi", help="Vietnamese name.")] = None,
    name_en: Annotated[str | None, typer.Option("--name-en", help="English name.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit ('% of villages', 'score 0-1', ...).")] = None,
    higher_is_better: Annotated[
        bool | None,
        typer.Option("--higher-is-better/--lower-is-better", help="Direction: which way ranks go.", show_default=False),
    ] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Change a user's indicator in the store (--data): names, unit, direction. Bundled ones are read-only."""
    import polars as pl

    from dtikit.catalog import set_indicator

    ind = set_indicator(
        None if data is None else str(data),
        indicator,
        name_vi=name_vi,
        name_en=name_en,
        unit=unit,
        higher_is_better=higher_is_better,
    )
    emit(pl.DataFrame([ind.to_dict()]), format, output=output, title=f"Indicator {ind.id}")


def indicators(
    ctx: typer.Context,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The indicator catalog: id, Vietnamese and English name, unit, direction, kind."""
    if ctx.invoked_subcommand is not None:
        return
    from dtikit.catalog import listing
    from dtikit.store import Store

    catalog = listing(Store(data).indicators())
    emit(
        catalog,
        format,
        output=output,
        title=say("title.indicators"),
        table_columns=["indicator", "name_vi", "unit", "kind"],
    )
