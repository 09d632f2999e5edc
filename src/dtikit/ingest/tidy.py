"""Cells to tidy rows: one row per (province, year, indicator) value found in a file."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from dtikit.ingest.headers import Layout, Measure, header_key, is_aggregate

TIDY_SCHEMA = {
    "row": pl.Int64,
    "column": pl.String,
    "province_text": pl.String,
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


@dataclass
class Tidy:
    rows: pl.DataFrame
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    notes: list[str] = field(default_factory=list)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def tidy_rows(grid: list[list[str]], layout: Layout, name: str, *, indicator: str | None, year: int | None) -> Tidy:
    roles = dict(layout.roles)
    header = grid[layout.header_row]
    by_role = {role: i for i, role in roles.items() if isinstance(role, str)}
    measures = {i: m for i, m in roles.items() if isinstance(m, Measure)}
    # "Chỉ số" is the index's value beside a year, or the indicator's name beside a value column
    if "value" in by_role and "indicator" not in by_role:
        named = [i for i, m in measures.items() if header_key(header[i]) == "chiso"]
        if named:
            by_role["indicator"] = named[0]
            del measures[named[0]]
    if "value" in by_role and "indicator" not in by_role:
        measures[by_role.pop("value")] = Measure(None)
    problems: list[tuple[int, str, str]] = []
    notes: list[str] = []
    out: dict[str, list] = {k: [] for k in TIDY_SCHEMA}
    province_i, year_i = by_role.get("province"), by_role.get("year")
    skipped = []
    if year_i is not None and year is not None:
        notes.append(f"{name}: the file has a year column; --year {year} is used only where a cell is empty")
    long = "indicator" in by_role and "value" in by_role
    for index in range(layout.header_row + 1, len(grid)):
        row = grid[index]
        number = index + 1
        if not any(c.strip() for c in row):
            continue
        province = _cell(row, province_i)
        if is_aggregate(province):
            skipped.append(f"{province!r} (row {number})")
            continue
        cells = [(i, m) for i, m in measures.items() if _cell(row, i)]
        if long:
            cells = [(by_role["value"], None)] if _cell(row, by_role["value"]) else []
        if not province:
            if cells:
                problems.append(
                    (number, header[province_i].strip(), "the province is empty; fill it in or delete the row")
                )
            continue
        year_cell = _cell(row, year_i)
        for i, measure in cells:
            if measure is not None and measure.year is not None:
                year_text, year_from = str(measure.year), "header"
            elif year_cell:
                year_text, year_from = year_cell, "column"
            elif year is not None:
                year_text, year_from = str(year), "option"
            else:
                year_text, year_from = "", "missing"
            if long:
                indicator_text, is_rank = _cell(row, by_role["indicator"]), False
            else:
                indicator_text = measure.indicator or indicator or ("dti" if measure.dti else "")
                is_rank = measure.rank
            out["row"].append(number)
            out["column"].append(header[i].strip())
            out["province_text"].append(province)
            out["year_text"].append(year_text)
            out["year_from"].append(year_from)
            out["year_column"].append(header[year_i].strip() if year_from == "column" else header[i].strip())
            out["indicator_text"].append(indicator_text)
            out["is_rank"].append(is_rank)
            out["value_text"].append(_cell(row, i))
            out["unit_text"].append(_cell(row, by_role.get("unit")))
            out["period_text"].append(_cell(row, by_role.get("period")))
            out["source_text"].append(_cell(row, by_role.get("source")))
    if skipped:
        notes.append(f"{name}: skipped rows that are not provinces: {', '.join(skipped)}")
    return Tidy(pl.DataFrame(out, schema=TIDY_SCHEMA), problems, notes)
