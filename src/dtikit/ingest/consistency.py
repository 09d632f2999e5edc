"""Whether the published ranks of a year still make sense after an ingest.

Published ranks use competition ranking: provinces tied at 44 are followed by 46. An ingest
that replaces one rank ("Kon Tum 2022 is 44", when 44 was held by another province) can leave
two provinces at 44 with 45 still held, or make a tie no source published. Such a year is
reported as a warning naming the provinces, never silently kept: the ingest still commits
(the user may be right), and ``dtikit sources --conflicts`` or ``store undo`` can follow.
"""

from __future__ import annotations

import polars as pl

from dtikit.messages import say

GROUP = ["geography", "indicator", "year"]


def _shared(values: pl.LazyFrame) -> pl.DataFrame:
    """Ranks held by several provinces in a year: (group, value, provinces, n)."""
    return (
        values.group_by(*GROUP, "value")
        .agg(pl.col("province").sort().alias("provinces"), pl.len().alias("n"))
        .filter(pl.col("n") > 1)
        .collect()
    )


def rank_warnings(before: pl.LazyFrame, after: pl.LazyFrame, planned: pl.LazyFrame, ranks: set[str]) -> list[str]:
    """Warnings for the years whose ranks an ingest touched: a tie it made, or a tie with ranks inside it.

    ``before`` and ``after`` are the values tables; ``planned`` the ingested rows; ``ranks`` the rank ids.
    """
    touched = planned.filter(pl.col("indicator").is_in(list(ranks))).select(GROUP).unique().collect()
    if touched.height == 0:
        return []

    def of(values: pl.LazyFrame) -> pl.LazyFrame:
        return values.join(touched.lazy(), on=GROUP, how="semi").select(*GROUP, "province", "value")

    now = of(after)
    shared = _shared(now)
    made = shared.join(_shared(of(before)).select(*GROUP, "value", "n"), on=[*GROUP, "value", "n"], how="anti")
    # a tie counts as made by the ingest when it replaced one of the tied ranks (new ranks tie as published)
    replaced = planned.filter(pl.col("action") == "conflict").select(*GROUP, "province").collect()
    made = (
        made.explode("provinces")
        .join(replaced, left_on=[*GROUP, "provinces"], right_on=[*GROUP, "province"], how="semi")
        .select(*GROUP, "value")
        .unique()
    )
    held = now.collect()
    warnings = []
    for r in shared.sort([*GROUP, "value"]).iter_rows(named=True):
        rank, n = int(r["value"]), r["n"]
        inside = held.filter(
            (pl.col("geography") == r["geography"])
            & (pl.col("indicator") == r["indicator"])
            & (pl.col("year") == r["year"])
            & pl.col("value").is_between(rank + 1, rank + n - 1)
        )
        is_new = made.filter(
            (pl.col("indicator") == r["indicator"]) & (pl.col("year") == r["year"]) & (pl.col("value") == r["value"])
        ).height
        if not inside.height and not is_new:
            continue
        names = say("ingest.and").join(r["provinces"])
        missing = "" if inside.height else say("ingest.tie.no_next", rank=rank + 1)
        clash = ""
        if inside.height:
            between = ", ".join(
                f"{p} {int(v)}" for p, v in inside.sort("value", "province").select("province", "value").iter_rows()
            )
            clash = say("ingest.tie.inside", between=between, rank=rank, next=rank + n)
        together = say("ingest.tie.two" if n == 2 else "ingest.tie.all")
        fields = {"indicator": r["indicator"], "year": r["year"], "names": names, "together": together}
        warnings.append(say("ingest.tie", **fields, rank=rank, more=missing + clash))
    return warnings


# a row with this many values or more somewhere in its file has columns: a row holding only a 0 left the
# others blank
_WIDE = 3


def blank_row_zeros(new: pl.LazyFrame) -> tuple[pl.LazyFrame, list[str]]:
    """A 0 that is the only value of its row, where other rows of the file hold several (a total of 0
    beside blank components: PAPI 2014, Bắc Giang and Đồng Tháp), is missing, not zero: its value is
    read as missing (the text as printed is kept) and a warning names the file, row and province."""
    rows = (
        new.filter(pl.col("raw_row").is_not_null())
        .group_by("raw_file", "raw_row")
        .agg(n=pl.len(), zero=(pl.col("value") == 0).all())  # the names are read for the rows found only
        .with_columns(width=pl.col("n").max().over("raw_file"))
        .filter((pl.col("n") == 1) & pl.col("zero") & (pl.col("width") >= _WIDE))
        .select("raw_file", "raw_row")
        .collect()
    )
    if rows.is_empty():
        return new, []
    rows = (
        new.join(rows.lazy(), on=["raw_file", "raw_row"], how="semi")
        .select("raw_file", "raw_row", "province", "indicator")
        .sort("raw_file", "raw_row")
        .collect()
    )
    warnings = [
        say("ingest.blank_row_zero", **r)
        for r in rows.select("raw_file", "raw_row", "province", "indicator").iter_rows(named=True)
    ]
    flagged = rows.select("raw_file", "raw_row", blank=pl.lit(True)).lazy()
    cleared = (
        new.join(flagged, on=["raw_file", "raw_row"], how="left", nulls_equal=False, maintain_order="left")
        .with_columns(value=pl.when(pl.col("blank").fill_null(False)).then(None).otherwise(pl.col("value")))
        .drop("blank")
    )
    return cleared, warnings
