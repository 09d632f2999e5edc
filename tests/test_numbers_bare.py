"""Bare cells (``numbers.is_bare``): read without regexes, to exactly what the exact expressions give.

The one-pass route reads a file's values as bare cells when its first rows hold only those, and stops
at any cell that is not. A bare reading that accepted a cell the exact expressions refuse, or gave it
another number, would store what the general checks refuse: these tests compare the two readings.
"""

from __future__ import annotations

import math
import struct

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtikit.ingest import numbers

CONVENTIONS = ["comma", "point", None]

TRICKY = [
    "0",
    "5",
    "-5",
    "-0",
    "-0,0",
    "-0.0",
    "007",
    "0,7111",
    "0.7111",
    "1,5",
    "1.5",
    "60,81",
    "1.234",
    "1,234",
    "1.753",
    "2.587.362",
    "2,587,362",
    "1.234,5",
    "1,234.5",
    "1.2.3,4",
    "1,2,3.4",
    "12345678901234567890",
    "9" * 400,
    "0," + "1" * 40,
    "1e5",
    "1E5",
    "1e400",
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "NaN",
    "+5",
    "--5",
    "-−5",
    "−3",
    "−3,5",
    "١٢",
    "１２",
    " 5 ",
    "5 ",
    "1 234",
    "1\u00a0234,5",
    "5,",
    ",5",
    "5.",
    ".5",
    "12%",
    "-12%",
    "%",
    "45/63",
    "=5",
    "-",
    "–",
    "—",
    "..",
    "...",
    "x",
    "X",
    "n/a",
    "N/A",
    "#N/A",
    "na",
    "null",
    "None",
    "không có",
    "khôngcó",
    "Không Có",
    "",
    "abc",
    "0x10",
    "1_000",
    "5-",
    "- 5",
]


def _readings(cells: list[str], convention: str | None) -> pl.DataFrame:
    """Each cell: whether it is bare, and the exact and the bare cleaning and number."""
    text = pl.col("text")
    exact_clean = numbers.cleaned(text)
    bare_clean = numbers.bare_cleaned(text)
    return pl.DataFrame({"text": cells}, schema={"text": pl.String}).select(
        "text",
        bare=numbers.is_bare(text, convention),
        exact_clean=exact_clean,
        bare_clean=bare_clean,
        exact=numbers.parse_number(exact_clean, convention, typed=False),
        fast=numbers.bare_number(bare_clean, convention),
    )


def _same_number(a: float | None, b: float | None) -> bool:
    """The same float, bit for bit (-0.0 is not 0.0), or both null."""
    if a is None or b is None:
        return a is b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return struct.pack("<d", a) == struct.pack("<d", b)


def _check(cells: list[str], convention: str | None) -> pl.DataFrame:
    found = _readings(cells, convention)
    for r in found.filter("bare").iter_rows(named=True):
        assert r["bare_clean"] == r["exact_clean"], r
        assert _same_number(r["fast"], r["exact"]), r
    return found


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_a_bare_cell_reads_as_the_exact_expressions_read_it(convention):
    _check(TRICKY, convention)


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_cells_that_need_the_exact_expressions_are_not_bare(convention):
    need = [
        "1.2.3,4",
        "1,2,3.4",
        "1e5",
        "inf",
        "NaN ",
        "+5",
        "--5",
        "−3",
        "−3,5",
        "١٢",
        "１２",
        " 5 ",
        "1 234",
        "5,",
        ",5",
        "5.",
        ".5",
        "12%",
        "45/63",
        "=5",
        "không có",
        "1.234,5",
        "2.587.362",
        "abc",
    ]
    found = _readings(need, convention)
    assert found.filter("bare")["text"].to_list() == []


def test_bare_cells_by_convention():
    bare = {c: set(_readings(TRICKY, c).filter("bare")["text"]) for c in CONVENTIONS}
    assert {"5", "-0", "1,5", "1,234", "60,81", "nan", "-", "n/a", "#N/A", "khôngcó"} <= bare["comma"]
    assert {"1.5", "1.234", "1,5"} & bare["comma"] == {"1,5"}
    assert {"1.5", "1.234", "1,5"} & bare["point"] == {"1.5", "1.234"}
    assert {"5", "-5", "1,5", "1.5"} & bare[None] == {"5", "-5"}


def test_a_missing_marker_that_a_cast_would_read_stays_missing():
    found = _check(["nan", "NaN", "NAN", "-", "5"], "comma")
    assert found["bare"].to_list() == [True, False, True, True, True]  # "NaN" is not a marker: a cast reads it
    assert found.filter("bare")["fast"].to_list() == [None, None, None, 5.0]
    assert found.filter(~pl.col("bare"))["exact"].to_list() == [None]


@pytest.mark.slow
@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    cells=st.lists(st.text(alphabet="0123456789,.-−+ %eE/\u00a0nafix١", max_size=8), min_size=1, max_size=40),
    convention=st.sampled_from(CONVENTIONS),
)
def test_any_bare_cell_reads_alike(cells, convention):
    _check(cells, convention)
