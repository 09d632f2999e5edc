"""A file's decimal convention is found in one query: held equal to a cell-by-cell reading.

``rules.decide_convention`` takes, for each kind of evidence (comma, point, ambiguous), the first
cell that shows it (by row, then column). The reference below reads the cells one by one in that
order and asks each kind's expression of each cell alone, as the function once did.
"""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from dtikit.ingest import numbers
from dtikit.ingest.rules import decide_convention

TEXTS = ["1,5", "1.5", "0,7111", "0.7111", "1.753", "1,753", "2.587.362", "2,587,362", "60,81", "12", "-", "", "7%"]
TEXTS += ["1.753,5", "1,753.5", "−0,5", "-1.234", "3,14159"]


def _kinds() -> dict[str, pl.Expr]:
    clean = pl.col("clean")
    return {
        "comma": numbers.evidence(clean, "comma"),
        "point": numbers.evidence(clean, "point"),
        "ambiguous": numbers.ambiguous(clean),
    }


def _reference(cells: pl.DataFrame) -> dict[str, tuple[int, str, str]]:
    found: dict[str, tuple[int, str, str]] = {}
    for cell in cells.sort("row", "column").iter_rows(named=True):
        for kind, expr in _kinds().items():
            alone = pl.DataFrame({"clean": [cell["clean"]]}, schema={"clean": pl.String})
            if kind not in found and alone.select(expr.fill_null(False)).item():
                found[kind] = (cell["row"], cell["column"], cell["value_text"])
    return found


def _frame(cells: list[tuple[int, str, str]]) -> pl.DataFrame:
    frame = pl.DataFrame(cells, schema={"row": pl.Int64, "column": pl.String, "value_text": pl.String}, orient="row")
    return frame.with_columns(clean=numbers.cleaned(pl.col("value_text")))


# a cell is one (row, column): a dictionary of them
CELLS = st.dictionaries(st.tuples(st.integers(2, 40), st.sampled_from(["B", "C", "D", "AA"])), st.sampled_from(TEXTS))


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_the_first_cell_of_each_kind_is_the_one_read_cell_by_cell(cells):
    frame = _frame([(row, column, text) for (row, column), text in cells.items()])
    expected = _reference(frame)
    decided = decide_convention(frame.lazy(), None, "file.csv")
    if "comma" in expected and "point" in expected:
        row, column, text = expected["point"]
        assert decided.problem is not None and decided.problem[:3] == (row, column, "ingest.conventions_disagree")
        assert decided.problem[3]["comma"] == expected["comma"][2] and decided.problem[3]["text"] == text
    elif "comma" in expected or "point" in expected:
        kind = "comma" if "comma" in expected else "point"
        row, column, text = expected[kind]
        assert decided.chosen == kind and decided.problem is None
        assert f"'{text}'" in decided.note and str(row) in decided.note and column in decided.note
    elif "ambiguous" in expected:
        row, column, text = expected["ambiguous"]
        assert decided.chosen is None and decided.problem == (row, column, "ingest.convention_unknown", {"text": text})
    else:
        assert decided == (None, None, None)


def test_a_row_s_cells_are_taken_by_column():
    """Evidence of both kinds in one row: the first column's decides which is named first."""
    frame = _frame([(5, "D", "0.7111"), (5, "C", "0,5"), (3, "B", "12")])
    decided = decide_convention(frame.lazy(), None, "file.csv")
    assert decided.problem == (
        5,
        "D",
        "ingest.conventions_disagree",
        {"text": "0.7111", "column": "C", "row": 5, "comma": "0,5"},
    )
