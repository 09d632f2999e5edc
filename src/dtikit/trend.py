"""Is the country improving? National figures and aggregates over the provinces held, by year.

The national DTI is a separate index, not the mean of the provinces; the provincial average is
published separately. Both are shown as published. Aggregates computed here (count, mean,
median, min, max) are over the provinces whose score is held that year, and every row says
how many that is: a mean over 10 of 63 provinces is not the provincial average, and the
``coverage`` column says so.
"""

from __future__ import annotations

import polars as pl

from dtikit.catalog import Catalog
from dtikit.errors import UsageError
from dtikit.messages import say
from dtikit.provinces import resolve_region
from dtikit.ranking import RankResult, geography_provinces
from dtikit.storage import Store

TREND_COLUMNS = [
    "year",
    "national_dti",
    "national_change_pct",
    "provincial_average",
    "n_provinces",
    "of_provinces",
    "mean",
    "median",
    "min",
    "max",
    "coverage",
]


def national_series(store: Store, measure: str) -> pl.DataFrame:
    """One published value per year of a national measure (the first source that gives one)."""
    rows = store.national().filter((pl.col("measure") == measure) & pl.col("value").is_not_null())
    return rows.group_by("year", maintain_order=True).agg(pl.col("value").first()).sort("year")


def trend_table(
    store: Store, indicator: str = "overall", *, region: str | None = None, geography: int = 63
) -> RankResult:
    """Per year: national DTI and its change, the published provincial average, and aggregates held."""
    if region is not None and geography != 63:
        raise UsageError(say("error.region_geography"))
    measure = Catalog.of(store).measure(indicator)
    members = geography_provinces(store, geography)
    notes: list[str] = []
    if region is not None:
        region = resolve_region(store, region)
        members = members.filter(pl.col("region") == region)
    total = members.height
    scores = store.values(indicators=[measure.id], geography=geography).filter(
        pl.col("province").is_in(members["province"].to_list())
    )
    aggregates = scores.group_by("year").agg(
        n_provinces=pl.len().cast(pl.Int32),
        mean=pl.col("value").mean().round(4),
        median=pl.col("value").median().round(4),
        min=pl.col("value").min(),
        max=pl.col("value").max(),
    )
    national = pl.DataFrame(schema={"year": pl.Int16, "national_dti": pl.Float64})
    average = pl.DataFrame(schema={"year": pl.Int16, "provincial_average": pl.Float64})
    if region is None:
        if measure.national:  # the national index, whatever the grouping of provinces
            national = national_series(store, measure.national).rename({"value": "national_dti"})
        if measure.provincial_average and geography == 63:
            average = national_series(store, measure.provincial_average).rename({"value": "provincial_average"})
    years = pl.concat([aggregates.select("year"), national.select("year"), average.select("year")]).unique()
    table = (
        years.join(national, on="year", how="left")
        .join(average, on="year", how="left")
        .join(aggregates, on="year", how="left")
        .sort("year")
        .with_columns(
            national_change_pct=pl.when(pl.col("year").diff() == 1).then(
                ((pl.col("national_dti") / pl.col("national_dti").shift(1) - 1) * 100).round(1)
            ),
            n_provinces=pl.col("n_provinces").fill_null(0),
            of_provinces=pl.lit(total, pl.Int32),
        )
        .with_columns(
            coverage=pl.when(pl.col("n_provinces") == total)
            .then(pl.lit("all provinces"))
            .when(pl.col("n_provinces") == 0)
            .then(pl.lit("no province score held"))
            .otherwise(
                pl.format("only {} of {} provinces: not an average of all", pl.col("n_provinces"), pl.lit(total))
            )
        )
    )
    partial = table.filter((pl.col("n_provinces") > 0) & (pl.col("n_provinces") < total))["year"].to_list()
    if partial:
        notes.append(say("note.trend_partial", years=", ".join(map(str, partial))))
    if region is not None:
        notes.append(say("note.trend_region", total=total, region=region))
    return RankResult(table.select(TREND_COLUMNS), notes)
