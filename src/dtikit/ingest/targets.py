"""Targets tables: who, indicator, comparator, target value, deadline, source.

A file is a targets table when its header names a comparator column and a deadline column
(the other columns are then read as below). Columns, Vietnamese or English:

| column | accepted headers | values |
|---|---|---|
| who | Tỉnh/Thành phố, Tỉnh, Đối tượng, Province, Who | a province (any spelling) or Việt Nam |
| indicator | Chỉ tiêu, Chỉ số, Indicator | an indicator id or name (new ones are added) |
| comparator | So sánh, Điều kiện, Comparator | <=, <, >=, >, = (also ≤, ≥, "top", "at most", "at least") |
| value | Mục tiêu, Giá trị, Target, Value | a number in the file's decimal convention |
| deadline | Hạn, Thời hạn, Năm đích, Deadline, By | a year |
| source | Nguồn, Source | optional; else --source, else the file name |
"""

from __future__ import annotations

from datetime import date

import polars as pl

from dtikit.ingest import numbers
from dtikit.ingest.headers import IndicatorNames, header_key
from dtikit.ingest.rules import decide_convention
from dtikit.ingest.validate import Problem, convention_problem, problem, said
from dtikit.provinces import ProvinceNames
from dtikit.storage import Store

NATIONAL = "Việt Nam"
_HEADERS = {
    "who": ("Tỉnh/Thành phố", "Tỉnh", "Tỉnh/TP", "Đối tượng", "Địa phương", "Province", "Who", "Unit"),
    "indicator": ("Chỉ tiêu", "Chỉ số", "Tên chỉ tiêu", "Indicator"),
    "comparator": ("So sánh", "Điều kiện", "Phép so sánh", "Comparator", "Operator"),
    "value": ("Mục tiêu", "Giá trị", "Giá trị mục tiêu", "Target", "Value"),
    "deadline": ("Hạn", "Thời hạn", "Năm đích", "Năm hoàn thành", "Deadline", "By", "Due"),
    "source": ("Nguồn", "Source"),
}
_BY_KEY = {header_key(n): role for role, names in _HEADERS.items() for n in names}
_COMPARATORS = {
    "<=": "<=",
    "≤": "<=",
    "=<": "<=",
    "top": "<=",
    "atmost": "<=",
    "toida": "<=",
    "khongqua": "<=",
    "<": "<",
    ">=": ">=",
    "≥": ">=",
    "=>": ">=",
    "atleast": ">=",
    "toithieu": ">=",
    "itnhat": ">=",
    ">": ">",
    "over": ">",
    "tren": ">",
    "=": "=",
    "==": "=",
}
TARGET_SCHEMA = {
    "who": pl.String,
    "indicator": pl.String,
    "comparator": pl.String,
    "target": pl.Float64,
    "deadline": pl.Int16,
    "unit": pl.String,
    "source": pl.String,
    "note": pl.String,
    "raw_file": pl.String,
    "raw_row": pl.Int32,
    "source_kind": pl.String,
}


def targets_header(row: list[str]) -> dict[str, int] | None:
    """The columns of a targets table, when ``row`` is the header of one."""
    found = {}
    for i, cell in enumerate(row):
        role = _BY_KEY.get(header_key(cell))
        if role and role not in found:
            found[role] = i
    if {"comparator", "deadline"} <= set(found) and {"who", "indicator", "value"} <= set(found):
        return found
    return None


def targets_missing(row: list[str]) -> list[str] | None:
    """The targets columns a row lacks when it looks like the header of a table of targets in another
    shape (a target column per year: 'target_2025', 'Mục tiêu 2030'); None when it does not."""
    keys = [header_key(cell) for cell in row]
    found = {_BY_KEY[k] for k in keys if k in _BY_KEY}
    # a word only targets use ('Mục tiêu', 'Target', 'target_2025', a deadline), not 'Giá trị' or 'Value'
    targets_only = any(k.startswith(("target", "muctieu")) for k in keys) or "deadline" in found
    if not targets_only or not found & {"who", "indicator"} or "comparator" in found:
        return None
    return [role for role in ("who", "indicator", "comparator", "value", "deadline") if role not in found]


def _comparator(text: str) -> str | None:
    stripped = text.strip()
    return _COMPARATORS.get(stripped) or _COMPARATORS.get(header_key(stripped))


def read_targets(
    grid: list[list[str]],
    header_row: int,
    columns: dict[str, int],
    store: Store,
    name: str,
    *,
    source: str | None,
    convention: str | None,
) -> tuple[pl.DataFrame, list[Problem], dict[str, str]]:
    """Targets rows, the problems found, and new indicators (id -> name)."""
    header = grid[header_row]
    names = ProvinceNames(store)
    catalog = IndicatorNames(store.indicators())
    rows, problems, new = [], [], {}

    def cell(row: list[str], role: str) -> str:
        i = columns.get(role)
        return row[i].strip() if i is not None and i < len(row) else ""

    texts = [cell(r, "value") for r in grid[header_row + 1 :]]
    values = pl.DataFrame(
        {
            "row": list(range(header_row + 2, header_row + 2 + len(texts))),
            "column": header[columns["value"]],
            "value_text": texts,
        },
        schema={"row": pl.Int64, "column": pl.String, "value_text": pl.String},
    ).with_columns(clean=numbers.cleaned(pl.col("value_text")))
    found = decide_convention(values.lazy(), convention, name)
    chosen = found.chosen
    if found.problem is not None:
        problems.append(convention_problem(name, found.problem))
    parsed = values.select(numbers.parse_number(pl.col("clean"), chosen))["clean"].to_list()
    for offset, row in enumerate(grid[header_row + 1 :]):
        number = header_row + 2 + offset
        if not any(c.strip() for c in row):
            continue
        who_text = cell(row, "who")
        who = (
            NATIONAL
            if header_key(who_text) in ("vietnam", "canuoc", "national", "toanquoc")
            else names.lookup(who_text)
        )
        if who is None:
            problems.append(
                said(name, number, header[columns["who"]], "unknown_province", lambda t=who_text: names.unknown(t))
            )
            continue
        indicator_text = cell(row, "indicator")
        if not indicator_text:
            problems.append(
                problem(name, number, header[columns["indicator"]], "no_indicator", "ingest.target.no_indicator")
            )
            continue
        indicator, is_new = catalog.resolve(indicator_text)
        if is_new:
            new[indicator] = indicator_text
        comparator = _comparator(cell(row, "comparator"))
        if comparator is None:
            text = cell(row, "comparator")
            problems.append(
                problem(
                    name,
                    number,
                    header[columns["comparator"]],
                    "not_a_comparator",
                    "ingest.target.not_a_comparator",
                    text=text,
                )
            )
            continue
        value = parsed[offset]
        if value is None:
            text = cell(row, "value")
            problems.append(
                problem(name, number, header[columns["value"]], "not_a_number", "ingest.target.not_a_number", text=text)
            )
            continue
        deadline_text = cell(row, "deadline").removeprefix(numbers.CANONICAL_PREFIX).removesuffix(".0")
        if not deadline_text.isdigit() or not 2000 <= int(deadline_text) <= date.today().year + 50:
            text = cell(row, "deadline")
            problems.append(
                problem(
                    name,
                    number,
                    header[columns["deadline"]],
                    "deadline_not_a_year",
                    "ingest.target.deadline",
                    text=text,
                )
            )
            continue
        rows.append(
            {
                "who": who,
                "indicator": indicator,
                "comparator": comparator,
                "target": value,
                "deadline": int(deadline_text),
                "unit": catalog.units.get(indicator),
                "source": cell(row, "source") or source or f"file {name}",
                "note": None,
                "raw_file": name,
                "raw_row": number,
                "source_kind": "user",
            }
        )
    frame = pl.DataFrame(rows, schema=TARGET_SCHEMA) if rows else pl.DataFrame(schema=TARGET_SCHEMA)
    duplicated = frame.filter(pl.len().over("who", "indicator", "deadline") > 1)
    for r in duplicated.sort("raw_row").iter_rows(named=True):
        fields = {k: r[k] for k in ("who", "indicator", "deadline")}
        problems.append(problem(name, r["raw_row"], "", "repeated_key", "ingest.target.repeated", **fields))
    return frame, problems, new


def merge_targets(held: pl.DataFrame, new: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(targets after adding ``new``, conflicts: held targets that ``new`` changes)."""
    key = ["who", "indicator", "deadline"]
    joined = new.join(held.select(*key, held_comparator="comparator", held_target="target"), on=key, how="inner")
    conflicts = joined.filter(
        (pl.col("comparator") != pl.col("held_comparator")) | (pl.col("target") != pl.col("held_target"))
    )
    kept = held.join(new.select(key), on=key, how="anti")
    return pl.concat([kept, new.select(held.columns)], how="vertical_relaxed"), conflicts
