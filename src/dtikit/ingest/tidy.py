"""Cells to tidy rows: one row per value cell, with its province, year and indicator texts.

Works on a LazyFrame of cells (``RawTable.cells``), so a large file is never held whole.
Empty cells are not values and give no row; everything else is checked by ``validate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dtikit.errors import DataError
from dtikit.ingest.headers import Measure, header_key
from dtikit.ingest.layout import Layout
from dtikit.messages import say

TIDY_SCHEMA = {
    "row": pl.Int64,
    "cell": pl.Int32,  # the value column's position: tells apart two cells of one row, in file order
    "column": pl.String,
    "province_column": pl.String,
    "province_text": pl.String,
    "province_alt_column": pl.String,  # a second province column (another language): must agree
    "province_alt_text": pl.String,
    "year_text": pl.String,
    "year_from": pl.String,  # "column", "header", "option" or "missing"
    "year_column": pl.String,
    "indicator_text": pl.String,
    "is_rank": pl.Boolean,
    "value_text": pl.String,
    "unit_text": pl.String,
    "period_text": pl.String,
    "source_text": pl.String,
}


def _cell(index: int | None) -> pl.Expr:
    if index is None:
        return pl.lit("", pl.String)
    return pl.col(f"c{index}").fill_null("").str.strip_chars()


def roles_of(layout: Layout, header: list[str]) -> tuple[dict[str, int], dict[int, Measure]]:
    """Columns by role, and the measure columns, with the long-layout special cases settled."""
    by_role = {role: i for i, role in layout.roles.items() if isinstance(role, str) and role != "ignore"}
    measures = {i: m for i, m in layout.roles.items() if isinstance(m, Measure)}
    # "Chỉ số" is the index's value beside a year, or the indicator's name beside a value column
    if "value" in by_role and "indicator" not in by_role:
        named = [i for i in measures if header_key(header[i]) == "chiso"]
        if named:
            by_role["indicator"] = named[0]
            del measures[named[0]]
    if "value" in by_role and "indicator" not in by_role:
        measures[by_role.pop("value")] = Measure(None)
    return by_role, measures


def header_year(
    measures: dict[int, Measure], by_role: dict[str, int], header: list[str], year: int | None, name: str
) -> tuple[int | None, list[str]]:
    """The year of the columns that name none, when the header names one year ('PCI 2013') beside them:
    that year (said in a note) when none is given; a given year that is another one is refused, since the
    columns without a year would be stored under it (a summary of 2013 in the workbook of 2014)."""
    named = {i: m.year for i, m in sorted(measures.items()) if m.year is not None}
    bare = [i for i, m in measures.items() if m.year is None]
    if len(set(named.values())) != 1 or not bare or "year" in by_role:
        return year, []
    found = next(iter(named.values()))
    columns = ", ".join(repr(header[i].strip()) for i in named)
    if year is None:
        return found, [say("ingest.note.header_year", year=found, columns=columns)]
    if year != found:
        raise DataError(say("ingest.header_year_differs", file=name, columns=columns, found=found, year=year))
    return year, []


def _headline_assumed(measures: dict[int, Measure], header: list[str]) -> list[str]:
    """A note naming the columns read as the headline index only because their header says score or rank
    ('Điểm', 'Xếp hạng') and --indicator names none: a table of another index headed so would otherwise
    go in as the headline's values without a word."""
    assumed: dict[str, list[str]] = {}
    for i, m in sorted(measures.items()):
        if m.indicator is None and m.index and header_key(m.index) not in header_key(header[i]):
            assumed.setdefault(m.index, []).append(repr(header[i].strip()))
    return [
        say("ingest.note.headline_assumed", columns=", ".join(dict.fromkeys(cols)), index=index)
        for index, cols in assumed.items()
    ]


@dataclass
class _Parts:
    """The expressions of the tidy columns of one table: its header, its columns by role, the year given."""

    header: list[str]
    by_role: dict[str, int]
    year: int | None

    def common(self) -> dict[str, pl.Expr]:
        alt = self.by_role.get("province_alt")
        return {
            "row": pl.col("row"),
            "province_alt_column": pl.lit(self.header[alt].strip() if alt is not None else ""),
            "province_alt_text": _cell(alt),
            "period_text": _cell(self.by_role.get("period")),
            "source_text": _cell(self.by_role.get("source")),
        }

    def province(self, index: int) -> dict[str, pl.Expr]:
        return {"province_column": pl.lit(self.header[index].strip()), "province_text": _cell(index)}

    def unit(self, measure: Measure | None) -> pl.Expr:
        if "unit" in self.by_role or measure is None or measure.unit is None:
            return _cell(self.by_role.get("unit"))
        return pl.lit(measure.unit, pl.String)

    def year_parts(self, measure: Measure | None, column: str) -> dict[str, pl.Expr]:
        if measure is not None and measure.year is not None:
            return {
                "year_text": pl.lit(str(measure.year)),
                "year_from": pl.lit("header"),
                "year_column": pl.lit(column),
            }
        year_i = self.by_role.get("year")
        year_cell = _cell(year_i)
        option_year = pl.lit(str(self.year) if self.year is not None else "", pl.String)
        return {
            "year_text": pl.when(year_cell != "").then(year_cell).otherwise(option_year),
            "year_from": pl.when(year_cell != "")
            .then(pl.lit("column"))
            .otherwise(pl.lit("option" if self.year is not None else "missing")),
            "year_column": pl.lit(self.header[year_i].strip() if year_i is not None else column),
        }

    def long(self, cells: pl.LazyFrame) -> pl.LazyFrame:
        """The rows of a long table: an indicator column beside a value column."""
        value = self.by_role["value"]
        column = self.header[value].strip()
        return cells.select(
            **self.common(),
            **self.province(self.by_role["province"]),
            unit_text=self.unit(None),
            cell=pl.lit(value),
            column=pl.lit(column),
            **self.year_parts(None, column),
            indicator_text=_cell(self.by_role["indicator"]),
            is_rank=pl.lit(False),
            value_text=_cell(value),
        )

    def measures(self, cells: pl.LazyFrame, measures: dict[int, Measure], indicator: str | None) -> list[pl.LazyFrame]:
        """The rows of the measure columns (``indicator``: the one --indicator names): one ``unpivot`` per
        column naming their provinces (ranked pairs each have their own), not one ``select`` per measure
        column, whose plans grew with the square of the columns (2,000 indicator columns of one row took
        1.3 GB). Each measure's own header, indicator, unit and year come from a table joined on its cell."""
        groups: dict[int, dict[int, Measure]] = {}
        for i, measure in measures.items():
            column = self.by_role["province"] if measure.province_column is None else measure.province_column
            groups.setdefault(column, {})[i] = measure
        return [self._unpivoted(cells, province, group, indicator) for province, group in groups.items()]

    def _attributes(self, group: dict[int, Measure], indicator: str | None) -> pl.LazyFrame:
        """One row per measure column: its cell, header, indicator text, rank or not, own unit and year."""
        own_unit = "unit" not in self.by_role
        rows = [
            (
                f"c{i}",
                i,
                self.header[i].strip(),
                m.indicator or indicator or m.index or "",
                m.rank,
                m.unit if own_unit else None,
                str(m.year) if m.year is not None else None,
            )
            for i, m in group.items()
        ]
        names = ("cell_key", "cell", "column", "indicator_text", "is_rank", "measure_unit", "header_year")
        types = (pl.String, pl.Int32, pl.String, pl.String, pl.Boolean, pl.String, pl.String)
        return pl.LazyFrame(rows, schema=dict(zip(names, types, strict=True)), orient="row")

    def _unpivoted(
        self, cells: pl.LazyFrame, province: int, group: dict[int, Measure], indicator: str | None
    ) -> pl.LazyFrame:
        year_i = self.by_role.get("year")
        fixed = {
            **self.common(),
            **self.province(province),
            "year_cell": _cell(year_i),
            "unit_cell": _cell(self.by_role.get("unit")),
        }
        values = {f"c{i}": _cell(i) for i in group}
        long = (
            cells.select(**fixed, **values)
            .unpivot(on=list(values), index=list(fixed), variable_name="cell_key", value_name="value_text")
            .filter(pl.col("value_text") != "")
            .join(self._attributes(group, indicator), on="cell_key", how="left")
        )
        from_cell, header_year = pl.col("year_cell") != "", pl.col("header_year").is_not_null()
        year_column = pl.lit(self.header[year_i].strip()) if year_i is not None else pl.col("column")
        return long.with_columns(
            unit_text=pl.coalesce("measure_unit", "unit_cell"),
            year_text=pl.when(header_year)
            .then(pl.col("header_year"))
            .when(from_cell)
            .then(pl.col("year_cell"))
            .otherwise(pl.lit(str(self.year) if self.year is not None else "", pl.String)),
            year_from=pl.when(header_year)
            .then(pl.lit("header"))
            .when(from_cell)
            .then(pl.lit("column"))
            .otherwise(pl.lit("option" if self.year is not None else "missing")),
            year_column=pl.when(header_year).then(pl.col("column")).otherwise(year_column),
        )


def tidy_frame(
    cells: pl.LazyFrame,
    layout: Layout,
    header: list[str],
    *,
    indicator: str | None,
    year: int | None,
    name: str = "",
) -> tuple[pl.LazyFrame, list[str]]:
    by_role, measures = roles_of(layout, header)
    year, notes = header_year(measures, by_role, header, year, name)
    if year is None and "year" not in by_role and layout.title_year is not None:  # the last place a year is said
        year, row, title = layout.title_year
        notes.append(say("ingest.note.title_year", year=year, row=row + 1, title=title))
    if layout.end_row is not None or layout.skipped_rows:  # rows below the table, of regions and sections
        cells = cells.filter(~layout.set_aside())
    if by_role.get("year") is not None and year is not None:
        notes.append(say("ingest.note.year_column", year=year))
    if indicator is None and "indicator" not in by_role:
        notes += _headline_assumed(measures, header)
    parts = _Parts(header, by_role, year)
    if "indicator" in by_role and "value" in by_role:
        frames = [parts.long(cells)]
    else:
        frames = parts.measures(cells, measures, indicator)
    if not frames:
        return pl.LazyFrame(schema=TIDY_SCHEMA), notes
    tidy = pl.concat(frames, how="vertical_relaxed").filter(pl.col("value_text") != "")
    return tidy.select([pl.col(name).cast(dtype) for name, dtype in TIDY_SCHEMA.items()]), notes
