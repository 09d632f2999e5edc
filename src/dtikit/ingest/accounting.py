"""Rows of a table that give no value to the store, counted by why: nothing is dropped without a word.

A table's data rows are the rows below its header. A row is *written* when at least one of its cells
becomes a value; every other row is one of these kinds, counted in one note per table (both routes):

| kind | the row |
|---|---|
| ``blank`` | every cell empty |
| ``not_province`` | a total, region or statistics row ("Cả nước", "Tây Nguyên", "Median"), skipped, named in a note |
| ``repeated`` | repeats an earlier row's values, read once (a note names both rows) |
| ``no_value`` | its value cells are empty or missing markers ("-", "n/a"): missing, not zero |
| ``other`` | none of the above (set aside by a reading step that says so in a note of its own) |
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from dtikit.messages import say

KINDS = ("blank", "not_province", "repeated", "no_value", "other")


class RowCounts(NamedTuple):
    """A table's data rows, those written, and the others by kind (``KINDS``)."""

    rows: int
    written: int
    blank: int = 0
    not_province: int = 0
    repeated: int = 0
    no_value: int = 0

    @property
    def other(self) -> int:
        return self.rows - self.written - self.blank - self.not_province - self.repeated - self.no_value

    def note(self, file: str) -> str | None:
        """One line saying how many rows were written and why the others were not; None when all were."""
        if self.written >= self.rows:
            return None
        kinds = [say(f"ingest.rows.{kind}", n=getattr(self, kind)) for kind in KINDS if getattr(self, kind)]
        return say(
            "ingest.note.rows_not_written", file=file, written=self.written, rows=self.rows, kinds="; ".join(kinds)
        )


def is_blank(columns: list[str]) -> pl.Expr:
    """True where every cell of ``columns`` (text) is empty or only spaces."""
    return pl.all_horizontal(pl.col(c).fill_null("").str.strip_chars() == "" for c in columns)


def general_counts(rows: pl.LazyFrame, tidy: pl.LazyFrame, checked: pl.LazyFrame, written: pl.LazyFrame) -> RowCounts:
    """The counts of the general checks of a table that keeps every rule, from its ``rows`` (``row``,
    ``blank``, and ``aside``: set aside by the layout), its ``tidy`` cells, the ``checked`` ones
    (statistics rows taken out; a ``value`` each) and the ``row`` of each cell written. A row with a
    value that is not written repeats another; one set aside by the layout is ``other``."""
    written_rows = written.select("row").unique()
    open_rows = rows.filter(~pl.col("blank") & ~pl.col("aside")).join(written_rows, on="row", how="anti")
    valued = checked.filter(pl.col("value").is_not_null()).select("row").unique()
    statistics = tidy.select("row").unique().join(checked.select("row").unique(), on="row", how="anti")
    kinds = (
        open_rows.select("row")
        .join(statistics.with_columns(not_province=pl.lit(True)), on="row", how="left")
        .join(valued.with_columns(valued=pl.lit(True)), on="row", how="left")
        .select(pl.col("not_province", "valued").fill_null(False))
    )
    found = pl.concat(
        [
            rows.select(n=pl.len(), blank=pl.col("blank").sum()),
            written_rows.select(written=pl.len()),
            kinds.select(
                not_province=pl.col("not_province").sum(),
                repeated=(~pl.col("not_province") & pl.col("valued")).sum(),
                no_value=(~pl.col("not_province") & ~pl.col("valued")).sum(),
            ),
        ],
        how="horizontal",
    ).collect()
    r = found.row(0, named=True)
    return RowCounts(r["n"], r["written"], r["blank"], r["not_province"], r["repeated"], r["no_value"])
