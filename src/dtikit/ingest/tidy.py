"""Cells to tidy rows: one row per value cell, with its province, year and indicator texts.

Works on a LazyFrame of cells (``RawTable.cells``), so a large file is never held whole.
Empty cells are not values and give no row; everything else is checked by ``validate``.
"""

from __future__ import annotations

import polars as pl

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


def tidy_frame(
    cells: pl.LazyFrame, layout: Layout, header: list[str], *, indicator: str | None, year: int | None
) -> tuple[pl.LazyFrame, list[str]]:
    by_role, measures = roles_of(layout, header)
    notes = []
    year_i = by_role.get("year")
    if year_i is not None and year is not None:
        notes.append(say("ingest.note.year_column", year=year))
    year_cell = _cell(year_i)
    option_year = pl.lit(str(year) if year is not None else "", pl.String)
    alt = by_role.get("province_alt")
    common = {
        "row": pl.col("row"),
        "province_alt_column": pl.lit(header[alt].strip() if alt is not None else ""),
        "province_alt_text": _cell(alt),
        "period_text": _cell(by_role.get("period")),
        "source_text": _cell(by_role.get("source")),
    }

    def province(index: int) -> dict[str, pl.Expr]:
        return {"province_column": pl.lit(header[index].strip()), "province_text": _cell(index)}

    def unit(measure: Measure | None) -> pl.Expr:
        if "unit" in by_role or measure is None or measure.unit is None:
            return _cell(by_role.get("unit"))
        return pl.lit(measure.unit, pl.String)

    def year_parts(measure: Measure | None, column: str) -> dict[str, pl.Expr]:
        if measure is not None and measure.year is not None:
            return {
                "year_text": pl.lit(str(measure.year)),
                "year_from": pl.lit("header"),
                "year_column": pl.lit(column),
            }
        return {
            "year_text": pl.when(year_cell != "").then(year_cell).otherwise(option_year),
            "year_from": pl.when(year_cell != "")
            .then(pl.lit("column"))
            .otherwise(pl.lit("option" if year is not None else "missing")),
            "year_column": pl.lit(header[year_i].strip() if year_i is not None else column),
        }

    parts = []
    if "indicator" in by_role and "value" in by_role:
        column = header[by_role["value"]].strip()
        parts.append(
            cells.select(
                **common,
                **province(by_role["province"]),
                unit_text=unit(None),
                cell=pl.lit(by_role["value"]),
                column=pl.lit(column),
                **year_parts(None, column),
                indicator_text=_cell(by_role["indicator"]),
                is_rank=pl.lit(False),
                value_text=_cell(by_role["value"]),
            )
        )
    elif measures:
        wide = _Wide(header, by_role, indicator, year_i, year)
        parts += [wide.rows(cells, common, column, group) for column, group in wide.by_province(measures).items()]
    if not parts:
        return pl.LazyFrame(schema=TIDY_SCHEMA), notes
    tidy = pl.concat(parts, how="vertical_relaxed").filter(pl.col("value_text") != "")
    return tidy.select([pl.col(name).cast(dtype) for name, dtype in TIDY_SCHEMA.items()]), notes


class _Wide:
    """The measure columns of a wide table as tidy rows: one ``unpivot`` per province column (not one
    ``select`` per measure column, whose plans grew with the square of the columns: 2,000 indicator
    columns of one row took 1.3 GB). Each measure's own attributes (its header, indicator, unit, a year
    its header names) come from a small table joined on the value cell's position."""

    def __init__(self, header: list[str], by_role: dict[str, int], indicator: str | None, year_i, year) -> None:
        self.header, self.by_role, self.indicator = header, by_role, indicator
        self.year_i, self.year = year_i, year

    def by_province(self, measures: dict[int, Measure]) -> dict[int, dict[int, Measure]]:
        """The measures grouped by the column naming their province (ranked pairs each have their own)."""
        groups: dict[int, dict[int, Measure]] = {}
        for i, measure in measures.items():
            column = self.by_role["province"] if measure.province_column is None else measure.province_column
            groups.setdefault(column, {})[i] = measure
        return groups

    def _attributes(self, group: dict[int, Measure]) -> pl.LazyFrame:
        """One row per measure column: its position, header, indicator text, rank or not, unit and year."""
        own_unit = "unit" not in self.by_role
        rows = [
            {
                "cell_key": f"c{i}",
                "cell": i,
                "column": self.header[i].strip(),
                "indicator_text": m.indicator or self.indicator or ("dti" if m.dti else ""),
                "is_rank": m.rank,
                "measure_unit": m.unit if own_unit else None,
                "header_year": str(m.year) if m.year is not None else None,
            }
            for i, m in group.items()
        ]
        schema = {
            "cell_key": pl.String,
            "cell": pl.Int32,
            "column": pl.String,
            "indicator_text": pl.String,
            "is_rank": pl.Boolean,
            "measure_unit": pl.String,
            "header_year": pl.String,
        }
        return pl.LazyFrame(rows, schema=schema)

    def rows(self, cells: pl.LazyFrame, common: dict[str, pl.Expr], province: int, group: dict[int, Measure]):
        """The tidy rows of the measure columns ``group``, whose provinces are in column ``province``."""
        year_cell = _cell(self.year_i)
        fixed = {
            **common,
            "province_column": pl.lit(self.header[province].strip()),
            "province_text": _cell(province),
            "year_cell": year_cell,
            "unit_cell": _cell(self.by_role.get("unit")),
        }
        values = {f"c{i}": _cell(i) for i in group}
        long = (
            cells.select(**fixed, **values)
            .unpivot(on=list(values), index=list(fixed), variable_name="cell_key", value_name="value_text")
            .filter(pl.col("value_text") != "")
            .join(self._attributes(group), on="cell_key", how="left")
        )
        option = "option" if self.year is not None else "missing"
        from_cell = pl.col("year_cell") != ""
        header_year = pl.col("header_year").is_not_null()
        year_column = pl.lit(self.header[self.year_i].strip()) if self.year_i is not None else pl.col("column")
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
            .otherwise(pl.lit(option)),
            year_column=pl.when(header_year).then(pl.col("column")).otherwise(year_column),
        )
