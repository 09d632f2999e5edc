"""Commands that read the store: parse options, call the core, emit the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dtikit.cli.options import (
    ChartOption,
    DataOption,
    FormatOption,
    GeographyOption,
    HighlightOption,
    IndicatorOption,
    Lang,
    LangOption,
    MapBy,
    OutputOption,
    ProvinceOption,
    YearOption,
)
from dtikit.cli.output import emit, emit_result, note
from dtikit.messages import say


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
    chart: ChartOption = None,
    highlight: HighlightOption = None,
    target: Annotated[
        int | None, typer.Option("--target", "-t", min=1, help="Draw a 'top N' line on the chart.")
    ] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Rank provinces in a year, with rank and score changes since an earlier year.

    Columns: year, rank, province, score, prev_rank, rank_change (positive = climbed),
    score_change, [region_rank with --region], prev_year, prev_score, rank_basis, region, ranked_of.
    The indicator is ranked in its direction (lower-is-better ranks the smallest value 1st).
    """
    from dtikit.catalog import Catalog
    from dtikit.queries import rank_query
    from dtikit.store import Store

    _check_chart(chart)
    store = Store(data)
    result = rank_query(
        store,
        year,
        indicator,
        region=region,
        top=top,
        vs=vs,
        geography=geography,
        among_held=among_held,
        explain=explain,
    )
    highlighted = _provinces(store, highlight, geography)
    measure = Catalog.of(store).measure(indicator)
    emit_result(result, format, output=output, sources=_figures(store, result.table, ids=[measure.id, measure.rank_id]))
    _draw(result, chart, highlight=highlighted, target=target)


def _check_chart(chart) -> None:
    """An unknown chart suffix is a usage error, said before any work is done."""
    if chart is not None:
        from dtikit.pictures import check_suffix

        check_suffix(chart, (".svg", ".png"), "--chart")


def _draw(result, chart, **options) -> None:
    """The chart of ``result`` into ``chart``, in the language of this run's tables (``--lang``)."""
    if chart is not None:
        from dtikit.charts import draw
        from dtikit.messages import language

        draw(result, chart, lang=language(), **options)


def _provinces(store, names: list[str] | None, geography: int = 63) -> list[str]:
    from dtikit.provinces import ProvinceNames

    resolver = ProvinceNames(store, geography)
    return [resolver.resolve(name) for name in names or []]


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
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """How far a province is from a target rank (overall and per pillar), or from a target value.

    --target N: a rank target for any indicator. --target-value V: a value target (value_gap in the
    indicator's unit, positive = still to go). The year defaults to the latest year held.
    """
    from dtikit.errors import CheckFailed
    from dtikit.queries import gap_query
    from dtikit.store import Store

    _check_chart(chart)
    store = Store(data)
    result = gap_query(store, province, target, target_value=target_value, indicator=indicator, year=year, by=by)
    figures = _figures(store, result.table, "measure" if result.kind == "gap" else None)
    emit_result(result, format, output=output, sources=figures)
    _draw(result, chart)
    if fail_if_missed and not result.about["met"]:
        r = result.document
        if result.kind == "gap":
            raise CheckFailed(
                say(
                    "error.short_of_rank",
                    province=r["province"],
                    rank=r["rank"],
                    year=r["year"],
                    places=r["places_to_target"],
                    target=r["target_rank"],
                )
            )
        raise CheckFailed(
            say(
                "error.short_of_value",
                province=r["province"],
                indicator=r["indicator"],
                value=r["value"],
                period=r["period"],
                gap=r["value_gap"],
                target=r["target_value"],
            )
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
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Per year: national DTI and its change, the published provincial average, and aggregates held.

    Every aggregate says over how many provinces it is computed (n_provinces of of_provinces).
    """
    from dtikit.queries import trend_query
    from dtikit.store import Store

    _check_chart(chart)
    result = trend_query(Store(data), indicator, region=region, geography=geography)
    emit_result(result, format, output=output)
    _draw(result, chart)


def profile(
    province: ProvinceOption,
    geography: GeographyOption = 63,
    indicators: Annotated[
        bool, typer.Option("--indicators", help="Output the other indicators held instead of the DTI by year.")
    ] = False,
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """A province over the years: ranks, scores, pillars, region rank, changes; and its other indicators.

    JSON gives one object with both; other formats the DTI by year (or --indicators).
    """
    from dtikit.queries import profile_query
    from dtikit.store import Store

    _check_chart(chart)
    result = profile_query(Store(data), province, geography=geography, indicators=indicators)
    emit_result(result, format, output=output)
    _draw(result, chart)


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
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Provinces side by side over the years: one row per (year, measure), one column per province.

    Without --indicator: the DTI's rank and score, overall and by pillar. With --indicator X: X's
    value, rank (published, computed from a complete table, or --among-held) and ranked_of.
    --chart draws the ranks over the years (the DTI's with its pillars, or X's).
    """
    from dtikit.queries import compare_query
    from dtikit.store import Store

    _check_chart(chart)
    result = compare_query(Store(data), provinces, indicator, geography=geography, among_held=among_held)
    emit_result(result, format, output=output)
    _draw(result, chart)


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
    emit(pl.DataFrame([ind.to_dict()]), format, output=output, title=say("title.indicator", id=ind.id))


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


def map_command(
    year: Annotated[int, typer.Option("--year", "-y", help="DTI year to map.")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="File to write: .svg, .png or .html.")],
    indicator: IndicatorOption = "overall",
    geography: GeographyOption = 63,
    region: Annotated[str | None, typer.Option("--region", "-r", help="Only this socio-economic region.")] = None,
    highlight: HighlightOption = None,
    by: Annotated[MapBy, typer.Option("--by", case_sensitive=False, help="Colour by rank, or by value.")] = MapBy.rank,
    lang: LangOption = Lang.en,
    data: DataOption = None,
) -> None:
    """A tile-grid map of the provinces (or the 34 units of 2025) coloured by rank or value; writes only the file.

    Each province is one equal tile placed roughly where it lies (data/raw/tile_grid_63.csv, a hand-made
    schematic layout); a 2025 unit is the union of its predecessors' tiles. Darker = better, in the
    indicator's direction; a province without a rank or value is hatched ('no data').
    """
    from dtikit.pictures import check_suffix
    from dtikit.queries import rank_query
    from dtikit.store import Store
    from dtikit.tilemap import model, write

    check_suffix(output, (".svg", ".png", ".html"), "--output")
    store = Store(data)
    result = rank_query(store, year, indicator, region=region, geography=geography)
    highlighted = _provinces(store, highlight, geography)
    for message in result.notes:
        note(message)
    write(model(result, store, by=by.value, highlight=highlighted, lang=lang.value), output, lang.value)


def report(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="HTML file to write.")],
    province: Annotated[
        str | None, typer.Option("--province", "-p", help="The province (else the national report).")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="DTI year (province: default the latest ranked).")
    ] = None,
    target: Annotated[
        int | None, typer.Option("--target", "-t", min=1, help="A rank target (default: the one held, if any).")
    ] = None,
    lang: LangOption = Lang.vi,
    data: DataOption = None,
) -> None:
    """One self-contained HTML page (inline SVG and CSS, nothing loaded from the network); writes only the file.

    With --province: headline, targets and pace, pillars, other indicators, charts, the map, sources.
    Without: the national ranking of --year, the biggest movers, the regions, the trend.
    """
    from dtikit.errors import UsageError
    from dtikit.pictures import check_suffix
    from dtikit.report import national_report, province_report
    from dtikit.store import Store

    check_suffix(output, (".html", ".htm"), "--output")
    store = Store(data)
    if province is not None:
        page = province_report(store, province, year=year, target=target, lang=lang.value)
    elif year is None:
        raise UsageError(say("error.report_what"))
    else:
        page = national_report(store, year, lang=lang.value)
    output.write_text(page, encoding="utf-8")
