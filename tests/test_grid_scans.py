"""Two scans of a file's first rows, held to their plain definitions on random grids.

``grid.table_end`` (the row repeating the header below the data) counts whole only the rows with a
matching cell in the first columns that must hold one, and keys each column's texts once; the
reference is the plain definition it replaced (every header column of every row, keyed one by one).
The grids hold repeated headers spelt differently (case, spaces, marks), rows shorter than the
header, empty header cells, and rows matching exactly ``need`` columns or one fewer.

``grid.sections`` (rows of regions or sections, set aside) looks each label of the province column
up once; the reference looks it up on every row: labels that are provinces (one with a section's
number beside it too), totals, regions, sections and empty cells."""

from __future__ import annotations

import random

import pytest

from dtikit.ingest import grid as grids
from dtikit.ingest.grid import Layout, cell_at, table_end
from dtikit.ingest.headers import header_key, is_aggregate
from dtikit.provinces import ProvinceNames
from dtikit.storage import Store


def reference(grid: list[list[str]], h: int, last: int) -> int | None:
    header = {j: header_key(c) for j, c in enumerate(grid[h]) if header_key(c)}
    if len(header) < 2:
        return None
    for i in range(last + 1, len(grid)):
        row = grid[i]
        same = sum(1 for j, key in header.items() if j < len(row) and header_key(row[j]) == key)
        if same >= max(2, 0.6 * len(header)):
            return i
    return None


HEADERS = ["Tỉnh", "Năm", "Chỉ tiêu", "Giá trị", "Đơn vị", "Xếp hạng", "", "Ghi chú", "Kỳ"]
SPELLINGS = {
    "Tỉnh": ["tỉnh", " TỈNH ", "Tinh", "Tỉnh/thành phố"],
    "Năm": ["năm", "NĂM", "Nam ", "Năm 2022"],
    "Chỉ tiêu": ["chỉ  tiêu", "CHỈ TIÊU", "Chi tieu", "Chỉ số"],
    "Giá trị": ["giá trị", "Gia tri", "GIÁ TRỊ", "Giá"],
}
CELLS = ["Hà Nội", "Lai Châu", "2022", "12,5", "", "ind_1", "-", "N/A", "45", "Cả nước"]


def _grid(rng: random.Random) -> tuple[list[list[str]], int, int]:
    width = rng.randint(1, len(HEADERS))
    header = rng.sample(HEADERS, width)
    grid = [["Bảng 1"], header]
    for _ in range(rng.randint(0, 60)):
        if rng.random() < 0.08:  # the header again, some columns spelt otherwise or left out
            row = [rng.choice([c, *SPELLINGS.get(c, []), rng.choice(CELLS)]) for c in header]
            grid.append(row[: rng.randint(0, len(row))] if rng.random() < 0.3 else row)
        else:
            grid.append([rng.choice(CELLS) for _ in range(rng.randint(0, width + 2))])
    return grid, 1, rng.randint(1, max(1, len(grid) - 1))


@pytest.mark.parametrize("seed", range(40))
def test_table_end_as_defined(seed: int) -> None:
    rng = random.Random(seed)
    found = 0
    for _ in range(100):
        grid, h, last = _grid(rng)
        expected = reference(grid, h, last)
        assert table_end(grid, h, last) == expected, (grid, h, last)
        found += expected is not None
    assert found > 5  # the grids do hold repeated headers


@pytest.mark.parametrize("matching", range(0, 6))
def test_table_end_at_the_edge(matching: int) -> None:
    """Five named columns need three alike: a row with ``matching`` of them, anywhere in the row."""
    header = ["Tỉnh", "Năm", "Chỉ tiêu", "Giá trị", "Đơn vị"]
    for order in range(8):
        columns = random.Random(order).sample(range(5), matching)
        row = [header[j] if j in columns else "12,5" for j in range(5)]
        grid = [header, ["Hà Nội", "2022", "ind", "1", "%"], row]
        assert table_end(grid, 0, 1) == (2 if matching >= 3 else None) == reference(grid, 0, 1)


def sections_reference(layout: Layout, grid: list[list[str]], names: ProvinceNames) -> list[int]:
    province = next((j for j, r in layout.roles.items() if r == "province"), None)
    numbers = [j for j, r in layout.roles.items() if r == "ignore" and j < province]
    end = (layout.end_row - 1) if layout.end_row else len(grid)
    found = []
    for i in range(layout.header_row + 1, end):
        label = cell_at(grid, i, province)
        if not label or names.lookup(label) is not None or is_aggregate(label):
            continue
        if any(grids._SECTION.match(cell_at(grid, i, k)) for k in numbers):
            found.append(i)
    return [i + 1 for i in found]


LABELS = [
    "Hà Nội",
    " Lai Châu ",
    "TP. Hồ Chí Minh",
    "Đà Nẵng(1)",
    "Cả nước",
    "Tổng số - Total",
    "Tây Nguyên",
    "Vùng Đồng bằng sông Hồng",
    "Các tỉnh khác",
    "",
    "  ",
    "Ghi chú",
]
NUMBERS = ["I", "II.", "XV", "A", "b", "1", "12", "", "IV", "Z."]


@pytest.mark.parametrize("seed", range(20))
def test_sections_as_defined(seed: int) -> None:
    rng = random.Random(seed)
    names = ProvinceNames(Store())
    found = 0
    for _ in range(50):
        rows = [["STT", "Tỉnh", "Giá trị"]]
        for _ in range(rng.randint(0, 40)):
            row = [rng.choice(NUMBERS), rng.choice(LABELS), "1,5"]
            rows.append(row[: rng.randint(1, 3)] if rng.random() < 0.1 else row)
        end = rng.choice([None, rng.randint(1, len(rows) + 1)])
        layout = Layout(header_row=0, roles={0: "ignore", 1: "province", 2: "value"}, end_row=end)
        expected = sections_reference(layout, rows, names)
        grids.sections(layout, rows, names, "t.csv")
        assert layout.skipped_rows == expected, rows
        found += bool(expected)
    assert found > 5
