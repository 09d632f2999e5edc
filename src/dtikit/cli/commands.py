"""Commands that read the store: parse options, call the core, emit the result.

No ``from __future__ import annotations`` here: Typer reads each command's annotations, and texts
would be parsed and evaluated by ``typing.get_type_hints`` in every run (about 3 ms of each).
"""

from pathlib import Path
from typing import Annotated

import typer

from dtikit import geography as geographies
from dtikit.cli.options import (
    ChartOption,
    DataOption,
    FormatOption,
    GeographyOption,
    HighlightOption,
    IndicatorOption,
    LangOption,
    MapBy,
    OutputOption,
    ProvinceOption,
    ReportFormat,
    YearGeographyOption,
    YearOption,
    typed,
    words_of,
)
from dtikit.cli.output import emit, emit_result, note
from dtikit.messages import say


def rank(
    year: Annotated[int, typer.Option("--year", "-y", help="help.rank.year")],
    indicator: IndicatorOption = None,
    region: Annotated[str | None, typer.Option("--region", "-r", help="help.option.region")] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="help.rank.top")] = None,
    vs: Annotated[int | None, typer.Option("--vs", help="help.rank.vs")] = None,
    geography: YearGeographyOption = None,
    among_held: Annotated[
        bool,
        typer.Option("--among-held", help="help.rank.among_held"),
    ] = False,
    explain: Annotated[bool, typer.Option("--explain", help="help.rank.explain")] = False,
    chart: ChartOption = None,
    highlight: HighlightOption = None,
    target: Annotated[int | None, typer.Option("--target", "-t", min=1, help="help.rank.target")] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.catalog import Catalog
    from dtikit.queries import rank_query
    from dtikit.storage import Store

    _check_chart(chart)
    store = Store(data)
    from dtikit.errors import DataError
    from dtikit.messages import say

    measure = Catalog.of(store).asked(indicator)
    try:
        result = rank_query(
            store,
            year,
            measure,
            region=region,
            top=top,
            vs=vs,
            geography=geography,
            among_held=among_held,
            explain=explain,
        )
    except DataError as exc:  # the headline index asked by default: said, as a store may hold only others
        if indicator is not None:
            raise
        raise DataError(str(exc) + say("error.headline_asked")) from None
    highlighted = _provinces(store, highlight, result.about["geography"])
    emit_result(result, format, output=output, sources=_figures(store, result.table, [measure.id, measure.rank_id]))
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


def _provinces(store, names: list[str] | None, geography: int = geographies.DEFAULT) -> list[str]:
    if not names:  # nothing to resolve: the store's names are not read
        return []
    from dtikit.provinces import ProvinceNames

    resolver = ProvinceNames(store, geography)
    return [resolver.resolve(name) for name in names]


def _figures(store, frame, ids: list[str | None]):
    """The chosen source rows behind the figures of ``frame`` (its provinces and years; the indicators
    ``ids``), with each indicator's names, for the sources sheet of xlsx (``dtikit.xlsx.sources_cells``)."""

    def rows():
        import polars as pl

        from dtikit.catalog import Catalog
        from dtikit.sources import source_rows

        wanted = {i for i in ids if i}
        every = source_rows(store)
        chosen = every.filter(
            pl.col("chosen")
            & pl.col("indicator").is_in(sorted(wanted))
            & pl.col("province").is_in(frame["province"].unique().implode())
            & pl.col("year").is_in(frame["year"].unique().implode())
        )
        catalog = Catalog.of(store)
        names = pl.DataFrame(
            [(i, catalog.get(i).name_vi, catalog.get(i).name_en) for i in chosen["indicator"].unique() if i in catalog],
            schema={"indicator": pl.String, "name_vi": pl.String, "name_en": pl.String},
            orient="row",
        )
        shown = chosen.select("province", "year", "indicator", "value", "value_text", "unit", "source_kind", "source")
        return shown.join(names, on="indicator", how="left", maintain_order="left")

    return rows


def gap(
    province: ProvinceOption,
    target: Annotated[int | None, typer.Option("--target", "-t", help="help.gap.target")] = None,
    target_value: Annotated[
        float | None,
        typer.Option("--target-value", help="help.gap.target_value"),
    ] = None,
    indicator: IndicatorOption = None,
    year: YearOption = None,
    by: Annotated[int | None, typer.Option("--by", help="help.gap.by")] = None,
    fail_if_missed: Annotated[bool, typer.Option("--fail-if-missed", help="help.gap.fail_if_missed")] = False,
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.catalog import Catalog
    from dtikit.errors import CheckFailed
    from dtikit.queries import gap_query
    from dtikit.storage import Store

    _check_chart(chart)
    store = Store(data)
    catalog = Catalog.of(store)
    measure = catalog.asked(indicator)
    result = gap_query(store, province, target, target_value=target_value, indicator=measure, year=year, by=by)
    shown = [measure, *catalog.parts(measure)] if result.kind == "gap" else [measure]  # the gap's rows
    figures = _figures(store, result.table, [i for m in shown for i in (m.id, m.rank_id)])
    emit_result(result, format, output=output, sources=figures)
    _draw(result, chart)
    if fail_if_missed and not result.about["met"]:
        key, fields = _SHORT_OF["rank" if result.kind == "gap" else "value"]
        raise CheckFailed(say(key, **{field: result.document[name] for field, name in fields.items()}))


# what --fail-if-missed says: the message and its fields, each from a key of the result's document
_SHORT_OF = {
    "rank": (
        "error.short_of_rank",
        {"province": "province", "rank": "rank", "year": "year", "places": "places_to_target", "target": "target_rank"},
    ),
    "value": (
        "error.short_of_value",
        {
            "province": "province",
            "indicator": "indicator",
            "value": "value",
            "period": "period",
            "gap": "value_gap",
            "target": "target_value",
        },
    ),
}


def sources(
    conflicts: Annotated[bool, typer.Option("--conflicts", help="help.sources.conflicts")] = False,
    province: Annotated[str | None, typer.Option("--province", "-p", help="help.sources.province")] = None,
    year: YearOption = None,
    indicator: Annotated[str | None, typer.Option("--indicator", "-i", help="help.sources.indicator")] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.sources import source_rows
    from dtikit.storage import Store

    notes: list[str] = []
    rows = source_rows(Store(data), conflicts=conflicts, province=province, year=year, indicator=indicator, notes=notes)
    # a person reads the value as the run's language writes it, at the precision it was read with
    # (the text as read where it is no number: 'top-10'); machine formats keep value and value_text
    shown = ["province", "year", "indicator", "value", "source_kind", "chosen", "conflict", "source"]
    emit(
        rows,
        format,
        output=output,
        notes=notes,
        table_columns=shown,
        units={"value": "@unit"},
        title=say("title.sources_conflicts" if conflicts else "title.sources"),
        printed=rows.select(value="value_text"),
    )


def provinces(
    geography: GeographyOption = geographies.DEFAULT,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.provinces import province_listing
    from dtikit.storage import Store

    table, notes = province_listing(Store(data), geography)
    emit(table, format, notes=notes, output=output, title=say("title.provinces", geography=geography))


def trend(
    indicator: IndicatorOption = None,
    region: Annotated[str | None, typer.Option("--region", "-r", help="help.option.region")] = None,
    geography: YearGeographyOption = None,
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.catalog import Catalog
    from dtikit.queries import trend_query
    from dtikit.storage import Store

    _check_chart(chart)
    store = Store(data)
    result = trend_query(store, Catalog.of(store).asked(indicator), region=region, geography=geography)
    emit_result(result, format, output=output)
    _draw(result, chart)


def profile(
    province: ProvinceOption,
    geography: GeographyOption = geographies.DEFAULT,
    indicators: Annotated[bool, typer.Option("--indicators", help="help.profile.indicators")] = False,
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.queries import profile_query
    from dtikit.storage import Store

    _check_chart(chart)
    rows_only = format is not None and format.value not in ("table", "json")  # writes the main table alone
    result = profile_query(Store(data), province, geography=geography, indicators=indicators, only_main=rows_only)
    emit_result(result, format, output=output)
    _draw(result, chart)


def compare(
    provinces: Annotated[list[str], typer.Argument(help="help.compare.provinces")],
    indicator: Annotated[
        str | None,
        typer.Option("--indicator", "-i", help="help.compare.indicator"),
    ] = None,
    among_held: Annotated[
        bool,
        typer.Option("--among-held", help="help.compare.among_held"),
    ] = False,
    geography: YearGeographyOption = None,
    chart: ChartOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.catalog import Catalog
    from dtikit.queries import compare_query
    from dtikit.storage import Store

    _check_chart(chart)
    store = Store(data)
    measure = None if indicator is None else Catalog.of(store).measure(indicator)  # None: the headline and parts
    result = compare_query(store, provinces, measure, geography=geography, among_held=among_held)
    emit_result(result, format, output=output)
    _draw(result, chart)


def targets(
    province: Annotated[str | None, typer.Option("--province", "-p", help="help.targets.province")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="help.targets.summary")] = False,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    from dtikit.storage import Store
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
    ctx: typer.Context,
    indicator: Annotated[str, typer.Argument(help="help.indicators_set.indicator")],
    name_vi: Annotated[str | None, typer.Option("--name-vi", help="help.indicators_set.name_vi")] = None,
    name_en: Annotated[str | None, typer.Option("--name-en", help="help.indicators_set.name_en")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="help.indicators_set.unit")] = None,
    higher_is_better: Annotated[
        bool | None,
        typer.Option(
            "--higher-is-better/--lower-is-better", help="help.indicators_set.higher_is_better", show_default=False
        ),
    ] = None,
    combine: Annotated[str | None, typer.Option("--combine", help="help.indicators_set.combine")] = None,
    data: DataOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    import polars as pl

    from dtikit.catalog import set_indicator

    ind = set_indicator(
        None if data is None else str(data),
        indicator,
        name_vi=name_vi,
        name_en=name_en,
        unit=unit,
        higher_is_better=higher_is_better,
        combine=combine,
        command=typed(ctx),
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
    from dtikit.storage import Store

    catalog = listing(Store(data).indicators())
    emit(
        catalog,
        format,
        output=output,
        title=say("title.indicators"),
        table_columns=["indicator", "name_vi", "unit", "kind"],
    )


def map_command(
    year: Annotated[int, typer.Option("--year", "-y", help="help.map.year")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="help.map.output")],
    indicator: IndicatorOption = None,
    geography: YearGeographyOption = None,
    region: Annotated[str | None, typer.Option("--region", "-r", help="help.option.region")] = None,
    highlight: HighlightOption = None,
    by: Annotated[MapBy, typer.Option("--by", case_sensitive=False, help="help.map.by")] = MapBy.rank,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    from dtikit.catalog import Catalog
    from dtikit.pictures import check_suffix
    from dtikit.queries import rank_query
    from dtikit.storage import Store
    from dtikit.tilemap import model, write

    check_suffix(output, (".svg", ".png", ".html"), "--output")
    store = Store(data)
    result = rank_query(store, year, Catalog.of(store).asked(indicator), region=region, geography=geography)
    from dtikit.provinces import ProvinceNames

    # on the 34-unit map, 'Kon Tum' is Quảng Ngãi (said in a note)
    names = ProvinceNames(store, result.about["geography"])
    highlighted = [names.find(name) for name in highlight or []]
    for message in [*result.notes, *names.notes]:
        note(message)
    words = words_of(lang)
    m = model(result, store, by=by.value, highlight=highlighted, lang=words, notes=names.notes)
    write(m, output, words)


def report(
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="help.report.output")],
    province: Annotated[str | None, typer.Option("--province", "-p", help="help.report.province")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="help.report.year")] = None,
    target: Annotated[int | None, typer.Option("--target", "-t", min=1, help="help.report.target")] = None,
    format: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", case_sensitive=False, help="help.report.format")
    ] = None,
    lang: LangOption = None,
    data: DataOption = None,
) -> None:
    from dtikit.errors import UsageError
    from dtikit.pictures import check_suffix
    from dtikit.report import national_report, province_report
    from dtikit.storage import Store

    suffix = check_suffix(output, (".html", ".htm", ".docx"), "--output")
    by_suffix = ReportFormat.docx if suffix == ".docx" else ReportFormat.html
    if format is not None and format != by_suffix:
        raise UsageError(say("error.report_suffix", path=output, format=format.value))
    format = by_suffix
    store = Store(data)
    if province is not None:
        page = province_report(store, province, year=year, target=target, lang=words_of(lang), format=format.value)
    elif year is None:
        raise UsageError(say("error.report_what"))
    else:
        page = national_report(store, year, lang=words_of(lang), format=format.value)
    if format == ReportFormat.docx:
        output.write_bytes(page)
    else:
        output.write_text(page, encoding="utf-8")
