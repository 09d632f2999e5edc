"""Rank tables: who is where in a year, and how far each province moved.

Rules (see README, "How ranks are read"):

- A published rank is used as published.
- Where a year has a score for every province but no published rank, ranks are computed by
  competition ranking, as the ministry does: equal scores share a rank and the next rank is
  skipped ("1224"). Where only some scores are known, no rank is computed: it stays missing.
- A published rank that disagrees with the one computed from complete scores is reported.
- ``rank_change`` is ``prev_rank - rank``: positive means the province climbed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from dtikit.errors import DataError, UsageError
from dtikit.indicators import Measure, resolve_measure
from dtikit.names import fold
from dtikit.provinces import resolve_region
from dtikit.store import Store

RANK_COLUMNS = ["year", "rank", "province", "score", "prev_rank", "rank_change", "score_change"]
# Years whose scores come from one methodology (DOMAIN.md): scores across groups are not comparable.
METHOD_OF_YEAR = {
    2020: "Decision 1726/QĐ-BTTTT",
    2021: "Decision 922/QĐ-BTTTT",
    2022: "Decision 922/QĐ-BTTTT",
    2023: "Decision 922/QĐ-BTTTT",
    2024: "2024 framework (47 components)",
}


@dataclass
class RankResult:
    """A rank table and the notes a reader should see beside it (printed on stderr by the CLI)."""

    table: pl.DataFrame
    notes: list[str] = field(default_factory=list)


def competition_rank(score: pl.Expr) -> pl.Expr:
    """Rank 1 for the highest score; ties share the best rank and the next is skipped."""
    return score.rank("min", descending=True).cast(pl.Int32)


def geography_provinces(store: Store, geography: int = 63) -> pl.DataFrame:
    return store.provinces().filter(pl.col("geography") == geography).select("province", "region")


def _measure_values(store: Store, measure: Measure, geography: int) -> pl.DataFrame:
    values = store.values().filter(
        (pl.col("geography") == geography) & pl.col("indicator").is_in([measure.score_id, measure.rank_id])
    )
    return values.select(
        "year",
        "province",
        kind=pl.when(pl.col("indicator") == measure.rank_id).then(pl.lit("rank")).otherwise(pl.lit("score")),
        value="value",
    )


def all_year_ranks(store: Store, measure: Measure, geography: int = 63) -> pl.DataFrame:
    """Every (year, province) of the geography: score, rank, rank_basis, published and computed rank.

    ``rank_basis`` is "published", "computed" (from a complete score table) or missing.
    """
    provinces = geography_provinces(store, geography)
    values = _measure_values(store, measure, geography)
    years = values.select(pl.col("year").unique().sort())
    wide = (
        years.join(provinces, how="cross")
        .join(
            values.filter(pl.col("kind") == "rank").select("year", "province", published=pl.col("value")),
            on=["year", "province"],
            how="left",
        )
        .join(
            values.filter(pl.col("kind") == "score").select("year", "province", score=pl.col("value")),
            on=["year", "province"],
            how="left",
        )
    )
    complete = pl.col("score").is_not_null().all().over("year")
    wide = wide.with_columns(
        computed=pl.when(complete).then(competition_rank(pl.col("score")).over("year")),
        published=pl.col("published").cast(pl.Int32),
    )
    return wide.with_columns(
        rank=pl.coalesce("published", "computed"),
        rank_basis=pl.when(pl.col("published").is_not_null())
        .then(pl.lit("published"))
        .when(pl.col("computed").is_not_null())
        .then(pl.lit("computed")),
    )


def disagreements(ranks: pl.DataFrame, years: list[int]) -> list[str]:
    """Notes for published ranks that differ from the rank computed from complete scores."""
    differ = ranks.filter(pl.col("year").is_in(years) & (pl.col("published") != pl.col("computed")))
    return [
        f"{row['province']} {row['year']}: published rank {row['published']} differs from rank "
        f"{row['computed']} computed from the scores held; the published rank is used"
        for row in differ.iter_rows(named=True)
    ]


def ranked_years(ranks: pl.DataFrame) -> list[int]:
    """Years in which at least one province has a rank."""
    return ranks.filter(pl.col("rank").is_not_null())["year"].unique().sort().to_list()


def _sort_key(column: str = "province") -> pl.Expr:
    return pl.col(column).map_elements(fold, return_dtype=pl.String)


def _region_ranks(table: pl.DataFrame, region: str, year: int, notes: list[str]) -> pl.DataFrame:
    members = table.filter(pl.col("region") == region)
    unranked = members.filter(pl.col("rank").is_null())["province"].to_list()
    if unranked:
        notes.append(
            f"{len(unranked)} of {members.height} provinces of {region} have no rank for {year} "
            f"({', '.join(unranked)}): ranks within the region cannot be known and are left missing"
        )
        return members.with_columns(region_rank=pl.lit(None, pl.Int32))
    return members.with_columns(region_rank=pl.col("rank").rank("min").cast(pl.Int32))


def percentile(rank: pl.Expr, n: int) -> pl.Expr:
    """Percentile rank, 100 for the first and 0 for the last of ``n``: comparable across 63 and 34."""
    return (100 * (n - rank) / (n - 1)).round(1)


def _same_entity(store: Store, geography: int) -> pl.DataFrame:
    """Pairs (province here, the same place in the other geography) where the place was not merged."""
    units = store.provinces().filter(pl.col("geography") == 34)
    single = units.filter(~pl.col("predecessors").str.contains(";"))
    pairs = single.select(unit="province", old="predecessors")
    if geography == 34:
        return pairs.select(province="unit", other="old")
    return pairs.select(province="old", other="unit")


def rank_table(
    store: Store,
    year: int,
    indicator: str = "overall",
    *,
    region: str | None = None,
    top: int | None = None,
    vs: int | None = None,
    geography: int = 63,
) -> RankResult:
    """One row per province: rank, score, previous rank and score, and the changes.

    With ``geography`` 34 the units formed in 2025 are ranked. When ``vs`` is a year ranked only
    in the other geography, ranks are not subtracted: the percentile ranks of places that were
    not merged are compared (``percentile``, ``prev_percentile``, ``percentile_change``).
    """
    if geography not in (63, 34):
        raise UsageError(f"--geography {geography}: choose 63 (provinces until mid-2025) or 34 (units since)")
    if region is not None and geography != 63:
        raise UsageError("regions are defined for the 63 provinces; drop --region or use --geography 63")
    measure = resolve_measure(store, indicator)
    ranks = all_year_ranks(store, measure, geography)
    years = ranked_years(ranks)
    notes: list[str] = []
    if year not in years:
        among = " among the 34 units of 2025" if geography == 34 else ""
        raise DataError(f"no {measure.name} rank held for {year}{among}; years with ranks: {_years(years)}")
    n = geography_provinces(store, geography).height
    other = 34 if geography == 63 else 63
    other_ranks = all_year_ranks(store, measure, other)
    across = vs is not None and vs not in years and vs in ranked_years(other_ranks)
    if vs is None:
        earlier = [y for y in years if y < year]
        vs = earlier[-1] if earlier else None
        if vs is None:
            notes.append(
                f"no {measure.name} ranks held before {year} among the {geography}: previous rank and "
                "changes are missing"
                + (" (--vs YEAR compares percentiles with the other grouping)" if geography == 34 else "")
            )
    elif vs not in years and not across:
        raise DataError(f"no {measure.name} rank held for --vs {vs}; years with ranks: {_years(years)}")
    current = ranks.filter(pl.col("year") == year)
    columns = [*RANK_COLUMNS, "prev_year", "prev_score", "rank_basis", "region"]
    if across:
        previous = (
            other_ranks.filter(pl.col("year") == vs)
            .join(_same_entity(store, geography), left_on="province", right_on="other")
            .select(
                pl.col("province_right").alias("province"),
                prev_percentile=percentile(pl.col("rank"), other),
            )
        )
        table = (
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
        columns += ["percentile", "prev_percentile", "percentile_change"]
        notes.append(
            f"{year} ranks {geography} units and {vs} ranks {other}: ranks are not subtracted; percentile ranks "
            "(100 = first, 0 = last) are compared, for places that were not merged in 2025 only"
        )
    else:
        notes += disagreements(ranks, [year] if vs is None else [year, vs])
        previous = ranks.filter(pl.col("year") == (vs if vs is not None else -1))
        previous = previous.select("province", prev_rank="rank", prev_score="score")
        table = current.join(previous, on="province", how="left").with_columns(
            prev_year=pl.lit(vs, pl.Int16),
            rank_change=pl.col("prev_rank") - pl.col("rank"),
            score_change=(pl.col("score") - pl.col("prev_score")).round(4),
        )
        method, prev_method = METHOD_OF_YEAR.get(year), METHOD_OF_YEAR.get(vs)
        if vs is not None and method != prev_method and table["score_change"].is_not_null().any():
            notes.append(
                f"scores of {vs} and {year} come from different methodologies ({prev_method} vs {method}): "
                "score_change compares unlike scales; ranks compare"
            )
    if region is not None:
        region = resolve_region(store, region)
        table = _region_ranks(table, region, year, notes)
        columns.insert(len(RANK_COLUMNS), "region_rank")
    unranked = table.filter(pl.col("rank").is_null()).height
    if unranked:
        notes.append(
            f"{unranked} of {table.height} provinces have no published {measure.name} rank for {year} and not every "
            "score is known, so no rank is computed for them: they are listed with the rank missing"
        )
    if top is not None:
        table = table.filter(pl.col("rank") <= top)
    table = table.sort(pl.col("rank"), _sort_key(), nulls_last=True)
    return RankResult(table.select(pl.col("year").cast(pl.Int16), *columns[1:]), notes)


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) if years else "none"
