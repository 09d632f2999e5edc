"""``grid.table_end`` (the row repeating the header below the data) held to its plain definition.

The function stops looking at a row once too many of its cells differ and keys each column's texts
once; the reference below is the plain definition it replaced (every header column of every row,
keyed one by one). Both are run on random grids: repeated headers spelt differently (case, spaces,
marks), rows shorter than the header, empty header cells, and rows matching exactly ``need`` or one
fewer columns, the edge the early stop must not cross."""

from __future__ import annotations

import random

import pytest

from dtikit.ingest.grid import table_end
from dtikit.ingest.headers import header_key


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
