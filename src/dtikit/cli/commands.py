"""The commands: parse options, call the core, emit the result. No logic of their own."""

from __future__ import annotations

from typing import Annotated

import typer

from dtikit.cli.options import DataOption, FormatOption, IndicatorOption, ProvinceOption, YearOption
from dtikit.cli.output import emit


def rank(
    year: Annotated[int, typer.Option("--year", "-y", help="DTI year to rank.")],
    indicator: IndicatorOption = "overall",
    region: Annotated[str | None, typer.Option("--region", "-r", help="Only this socio-economic region.")] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only ranks 1..N (ties included).")] = None,
    vs: Annotated[
        int | None, typer.Option("--vs", help="Compare with this year (default: previous year with ranks).")
    ] = None,
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    """Rank provinces in a year, with rank and score changes since an earlier year.

    Columns: year, rank, province, score, prev_rank, rank_change (positive = climbed),
    score_change, [region_rank with --region], prev_year, prev_score, rank_basis, region.
    """
    from dtikit.ranking import rank_table
    from dtikit.store import Store

    result = rank_table(Store(data), year, indicator, region=region, top=top, vs=vs)
    prev_year = result.table["prev_year"].drop_nulls().first() if result.table.height else None
    shown = ["rank", "province", "score", "prev_rank", "rank_change", "score_change"]
    if region is not None:
        shown.append("region_rank")
    emit(
        result.table,
        format,
        notes=result.notes,
        table_columns=[*shown, "rank_basis"],
        title=f"DTI {year}, {indicator}" + (f", changes since {prev_year}" if prev_year else ""),
    )


def gap(
    province: ProvinceOption,
    target: Annotated[int, typer.Option("--target", "-t", help="Target rank: 35 means top 35.")],
    year: YearOption = None,
    fail_if_missed: Annotated[
        bool, typer.Option("--fail-if-missed", help="Exit 3 when the target is not met.")
    ] = False,
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    """How far a province is from a target rank, overall and per pillar.

    The year defaults to the latest year with a rank for the province.
    """
    from dtikit.errors import CheckFailed
    from dtikit.gap import gap as compute_gap
    from dtikit.store import Store

    result = compute_gap(Store(data), province, target, year)
    shown = ["measure", "rank", "places_to_target", "target_holder", "target_holder_score", "score", "score_gap", "met"]
    emit(
        result.to_frame(),
        format,
        notes=result.notes,
        document=result.to_dict(),
        table_columns=shown,
        title=f"{result.overall['province']}: gap to rank {target} in {result.overall['year']}",
    )
    if fail_if_missed and not result.met:
        o = result.overall
        raise CheckFailed(
            f"{o['province']} is rank {o['rank']} in {o['year']}, {o['places_to_target']} places "
            f"short of the target {o['target_rank']}"
        )


def sources(
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only values whose sources disagree.")] = False,
    province: Annotated[str | None, typer.Option("--province", "-p", help="Only this province.")] = None,
    year: YearOption = None,
    indicator: Annotated[str | None, typer.Option("--indicator", "-i", help="Only this indicator id.")] = None,
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    """Every source row behind the values, which one is used (chosen), and conflicts.

    Precedence when sources disagree: official > government > press > secondary.
    """
    from dtikit.sources import source_rows
    from dtikit.store import Store

    rows = source_rows(Store(data), conflicts=conflicts, province=province, year=year, indicator=indicator)
    shown = ["province", "year", "indicator", "value_text", "source_kind", "chosen", "conflict", "source"]
    emit(rows, format, table_columns=shown, title="Sources" + (" in conflict" if conflicts else ""))


def provinces(
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    """The 63 provinces: official code, canonical name, region, 2025 unit and accepted aliases."""
    from dtikit.provinces import province_table
    from dtikit.store import Store

    emit(province_table(Store(data)), format, title="Provinces (63)")
