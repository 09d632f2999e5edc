"""The five published workbooks of tests/fixtures/real, as their publishers released them.

Every expected number is read from the cells here (openpyxl for .xlsx, python-calamine for .xls),
never from dtikit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REAL = Path(__file__).parent / "fixtures" / "real"


def openpyxl_rows(path: Path, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


@pytest.mark.parametrize("sheet", ["Summary_VN", "Chi phí gia nhập thị trường", "Tính năng động", "Thiết chế pháp lý"])
def test_sheets_whose_used_range_has_no_columns_are_read_cell_by_cell(sheet):
    """PCI_2014.xlsx declares <dimension ref="1:69"/> on 5 of its 12 sheets; calamine refused them."""
    from dtikit.ingest.numbers import CANONICAL_PREFIX
    from dtikit.ingest.workbook import read_sheets

    path = REAL / "PCI_2014.xlsx"
    (read,) = read_sheets(str(path), path.read_bytes(), "xlsx", [sheet])
    assert any("used range without columns" in note for note in read.notes)
    cells = {}
    for r, row in enumerate(openpyxl_rows(path, sheet)):
        for c, value in enumerate(row):
            if value is not None and value != "":
                cells[r, c] = value
    got = {(r, c): text for r, row in enumerate(read.grid) for c, text in enumerate(row) if text != ""}
    assert set(got) == set(cells)
    for key, value in cells.items():
        if isinstance(value, str):
            assert got[key] == value
        else:
            assert float(got[key].removeprefix(CANONICAL_PREFIX)) == float(value)


def test_a_workbook_without_such_a_record_is_not_rewritten():
    from dtikit.ingest.workbook import repair_dimensions

    data = (REAL.parent / "governance_2016_2017.xlsx").read_bytes()
    assert repair_dimensions(data) == (data, [])
