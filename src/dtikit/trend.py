"""Is the country improving? National figures and aggregates over the provinces held, by year.

The national DTI is a separate index, not the mean of the provinces; the provincial average is
published separately. Both are shown as published. Aggregates computed here (count, mean,
median, min, max) are over the provinces whose score is held that year, and every row says
how many that is: a mean over 10 of 63 provinces is not the provincial average, and the
``coverage`` column says so.
"""

from __future__ import annotations

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.messages import say
from dtikit.provinces import resolve_region
from dtikit.ranking import RankResult, combined_values, geography_provinces, region_in, year_geographies
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


def _year_geographies(store: Store, measure, given: int | None) -> dict[int, int]:
    """Each year holding a value of ``measure`` and the geography it is read in (``given``, else its own)."""
    chosen = year_geographies(store, measure, given)  # the years of its values or its ranks
    years = {int(y) for y in store.values(indicators=[measure.id])["year"].to_list() if y is not None}
    return {year: geography for year, geography in chosen.items() if year in years}


def trend_table(
    store: Store, indicator: Indicator | None = None, *, region: str | None = None, geography: int | None = None
) -> RankResult:
    """Per year, of ``indicator`` (None: the catalog's headline index): its national figure and change,
    the published provincial average, and aggregates held.

    ``geography`` None reads each year in its own geography (``dtikit.ranking.year_geography``: PCI 2006
    among 64, 2011 among 63), and says so when the years are of more than one."""
    if region is not None and geography is not None:
        region_in(store, region, geography)
    measure = indicator or Catalog.of(store).headline()
    notes: list[str] = []
    by_year = _year_geographies(store, measure, geography)
    members = pl.concat(
        [
            geography_provinces(store, g).with_columns(geography=pl.lit(g, pl.Int16))
            for g in sorted(set(by_year.values()))
        ]
        or [
            geography_provinces(store, geographies.DEFAULT).with_columns(
                geography=pl.lit(geographies.DEFAULT, pl.Int16)
            )
        ]
    )
    if region is not None:
        region = resolve_region(store, region)
        members = members.filter(pl.col("region") == region)
    totals = members.group_by("geography").len("of_provinces")
    chosen = pl.DataFrame(
        {"year": list(by_year), "geography": list(by_year.values())}, schema={"year": pl.Int16, "geography": pl.Int16}
    )
    scores = (
        store.values(indicators=[measure.id])
        .with_columns(pl.col("year").cast(pl.Int16), pl.col("geography").cast(pl.Int16))
        .join(chosen, on=["year", "geography"], how="semi")
        .join(members.select("geography", "province"), on=["geography", "province"], how="semi")
    )
    if geography is not None:  # years held only on an earlier map, read on the one asked: combined values
        scores, combined = _with_combined(store, measure, geography, scores, members)
        notes += combined
    if len(set(by_year.values())) > 1:
        count = {g: geographies.count(g) for g in set(by_year.values())}
        spans = ", ".join(f"{y}: {count[g]}" for y, g in sorted(by_year.items()))
        counts = ", ".join(str(count[g]) for g in dict.fromkeys(g for _, g in sorted(by_year.items())))
        notes.append(say("note.trend_geographies", spans=spans, counts=counts))
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
        if measure.provincial_average and geography in (None, geographies.DEFAULT):
            average = national_series(store, measure.provincial_average).rename({"value": "provincial_average"})
    years = pl.concat([aggregates.select("year"), national.select("year"), average.select("year")]).unique()
    default_total = totals.filter(pl.col("geography") == geographies.DEFAULT)["of_provinces"]
    of_year = chosen.join(totals, on="geography", how="left").select("year", "of_provinces")
    table = (
        years.join(national, on="year", how="left")
        .join(average, on="year", how="left")
        .join(aggregates, on="year", how="left")
        .join(of_year, on="year", how="left")
        .sort("year")
        .with_columns(
            national_change_pct=pl.when(pl.col("year").diff() == 1).then(
                ((pl.col("national_dti") / pl.col("national_dti").shift(1) - 1) * 100).round(1)
            ),
            n_provinces=pl.col("n_provinces").fill_null(0),
            of_provinces=pl.col("of_provinces")
            .fill_null(default_total.item() if default_total.len() else members.height)
            .cast(pl.Int32),
        )
        .with_columns(
            coverage=pl.when(pl.col("n_provinces") == pl.col("of_provinces"))
            .then(pl.lit("all provinces"))
            .when(pl.col("n_provinces") == 0)
            .then(pl.lit("no province score held"))
            .otherwise(
                pl.format(
                    "only {} of {} provinces: not an average of all", pl.col("n_provinces"), pl.col("of_provinces")
                )
            )
        )
    )
    partial = table.filter((pl.col("n_provinces") > 0) & (pl.col("n_provinces") < pl.col("of_provinces")))
    partial = partial["year"].to_list()
    if partial:
        notes.append(say("note.trend_partial", years=", ".join(map(str, partial))))
    if region is not None:
        notes.append(say("note.trend_region", total=members.height, region=region))
    return RankResult(table.select(TREND_COLUMNS), notes)


def _with_combined(
    store: Store, measure, geography: int, scores: pl.DataFrame, members: pl.DataFrame
) -> tuple[pl.DataFrame, list[str]]:
    """``scores`` with the years held only on an earlier map read on ``geography`` (``combined_values``)."""
    values, read, notes = combined_values(store, measure, geography)
    if not read:
        return scores, []
    extra = values.select("year", "province", "value", geography=pl.lit(geography, pl.Int16)).join(
        members.select("geography", "province"), on=["geography", "province"], how="semi"
    )
    return pl.concat([scores, extra], how="diagonal_relaxed"), notes
