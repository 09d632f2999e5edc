"""A sheet's grid of cells: which rows name the columns, which rows are the table, what the cells look like.

``dtikit.ingest.layout`` reads the roles of the columns from these; the rules are described there.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import polars as pl

from dtikit.ingest import header_text
from dtikit.ingest.headers import HeaderMapper, Measure, header_key, is_aggregate
from dtikit.ingest.numbers import CANONICAL_PREFIX, MISSING
from dtikit.ingest.units import Regions
from dtikit.messages import say
from dtikit.provinces import ProvinceNames

SCAN = 20  # rows searched for a header


SAMPLE = 400  # rows below it read to recognise columns


_NUMBER = re.compile(r"^[-−]?\d[\d.,  ]*%?$|^[-−]?[.,]\d+%?$")


_SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")  # I, II, ..., XV; A, B, C: sections of an official table


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?(?:\s*=\s*[\d\s+\-…*./()]+)?$")


class LayoutError(ValueError):
    """The file's columns cannot be understood."""


class NoHeader(LayoutError):
    """No row of the file names a province column."""


@dataclass
class Layout:
    header_row: int  # index in the grid of the last header row: the data starts below it
    roles: dict[int, str | Measure]
    header: list[str] = field(default_factory=list)  # each column's name, for messages
    province_alt: int | None = None  # a second province column that must agree with the first
    notes: list[str] = field(default_factory=list)
    end_row: int | None = None  # the first row (as a spreadsheet shows it) after the table, if known
    skipped_rows: list[int] = field(default_factory=list)  # rows of regions or sections (spreadsheet rows)
    pair_of: dict[int, int] = field(default_factory=dict)  # a ranked pair's value column -> its provinces
    mapped: set[int] = field(default_factory=set)  # columns whose role --map gave by letter or position
    region_rows: dict[int, str] = field(default_factory=dict)  # rows kept as a region's (spreadsheet row -> region)
    title_year: tuple[int, int, str] | None = None  # (year, grid row, line) a title row names ('... NĂM 2011')

    def set_aside(self) -> pl.Expr:
        """True for a ``row`` the layout sets aside, with a note: below the table (``end_row``), or a row
        of a region or section (``skipped_rows``)."""
        aside = pl.lit(False)
        if self.end_row is not None:
            aside = aside | (pl.col("row") >= self.end_row)
        if self.skipped_rows:
            aside = aside | pl.col("row").is_in(self.skipped_rows)
        return aside


def is_number(text: str) -> bool:
    return text.startswith(CANONICAL_PREFIX) or bool(_NUMBER.match(text.strip()))


def texts_of(row: list[str]) -> list[str]:
    return [c for c in row if c.strip()]


def _headerlike(row: list[str]) -> bool:
    """A row of names: some text, and no number."""
    texts = texts_of(row)
    return bool(texts) and not any(is_number(c) for c in texts)


def _numbers_columns(row: list[str]) -> bool:
    """A row that numbers the columns: letters and increasing numbers ('A', 'B', 1, 2, '4=5+6', '(3)')."""
    cells = [c.strip().removeprefix(CANONICAL_PREFIX).removesuffix(".0") for c in row if c.strip()]
    numbers = []
    for cell in cells:
        found = _COLUMN_NUMBER.match(cell)
        if found:
            numbers.append(int(found.group(1)))
        elif not re.fullmatch(r"[A-Z]", cell):
            return False
    return len(numbers) >= 3 and all(a < b for a, b in itertools.pairwise(numbers))


@dataclass
class Columns:
    """What the cells of each column look like below a candidate header."""

    provinces: dict[int, int]  # column -> cells naming a province
    numbers: dict[int, int]
    texts: dict[int, int]  # other non-empty cells (statistics rows and missing markers aside)

    @classmethod
    def of(cls, rows: list[list[str]], names: ProvinceNames) -> Columns:
        provinces: dict[int, int] = {}
        numbers: dict[int, int] = {}
        texts: dict[int, int] = {}
        for row in rows:
            for j, cell in enumerate(row):
                text = cell.strip()
                if not text or text.lower() in MISSING:
                    continue
                if is_number(text):
                    numbers[j] = numbers.get(j, 0) + 1
                elif names.lookup(text) is not None:
                    provinces[j] = provinces.get(j, 0) + 1
                elif not is_aggregate(text):
                    texts[j] = texts.get(j, 0) + 1
        return cls(provinces, numbers, texts)

    def is_province(self, j: int) -> bool:
        found = self.provinces.get(j, 0)
        return found >= 3 and found >= 0.6 * (found + self.numbers.get(j, 0) + self.texts.get(j, 0))

    def is_numeric(self, j: int) -> bool:
        return self.numbers.get(j, 0) > self.texts.get(j, 0) + self.provinces.get(j, 0)

    def has_data(self, j: int) -> bool:
        return any(j in counts for counts in (self.provinces, self.numbers, self.texts))


def _first_province_row(grid: list[list[str]], start: int, names: ProvinceNames) -> int | None:
    """The first row from ``start`` with a cell naming a province, followed by two more in its column."""
    end = min(len(grid), start + SCAN + SAMPLE)
    for i in range(start, end):
        for j, cell in enumerate(grid[i]):
            if cell.strip() and not is_number(cell) and names.lookup(cell) is not None:
                below = [r[j] for r in grid[i + 1 : i + 12] if j < len(r) and r[j].strip()]
                if sum(names.lookup(c) is not None for c in below) >= 2:
                    return i
    return None


def header_row_of(grid: list[list[str]], mapper: HeaderMapper, names: ProvinceNames, skip: int) -> int:
    for i in range(skip, min(len(grid), skip + SCAN)):
        if any(mapper.map(cell, i) == "province" for cell in grid[i] if cell.strip()):
            return i
        if texts_of(grid[i]) and any(mapper.positional(j) == "province" for j in range(len(grid[i]))):
            return i
    first = _first_province_row(grid, skip, names)
    if first is not None:
        for i in range(first - 1, skip - 1, -1):
            if texts_of(grid[i]) and not _numbers_columns(grid[i]):
                return i
    raise NoHeader


def header_block(
    grid: list[list[str]], h: int, skip: int, names: ProvinceNames, mapper: HeaderMapper
) -> tuple[list[int], int, int | None]:
    """The rows that name the columns (header rows), the last row before the data, and the row that
    numbers the columns (if any). A row naming a province or a statistic ('Cả nước') in the province
    column (any column, when the header names none) is data."""
    named = [j for j, cell in enumerate(grid[h]) if cell.strip() and mapper.map(cell) == "province"]
    rows = [h]
    width = len(texts_of(grid[h]))
    above = h - 1
    while (
        above >= skip
        and h - above <= 2
        and _headerlike(grid[above])
        and len(texts_of(grid[above])) >= max(2, width / 2)
        and not any(_unit_in(c) for c in grid[above])  # a unit line is a title, not names of columns
    ):
        rows.insert(0, above)
        above -= 1
    last, numbering = h, None
    for i in range(h + 1, min(len(grid), h + 8)):
        row = grid[i]
        if not texts_of(row):
            last = i
            continue
        if _numbers_columns(row):
            last, numbering = i, i
            break
        labels = [cell_at(grid, i, j) for j in named] if named else texts_of(row)
        if not _headerlike(row) or any(names.lookup(c) is not None or is_aggregate(c) for c in labels if c):
            break
        rows.append(i)
        last = i
    return rows, last, numbering


def table_end(grid: list[list[str]], h: int, last: int) -> int | None:
    """The first row below the data that repeats the header row ``h`` (the table ends above it).

    A row repeats it when at least ``max(2, 0.6 * n)`` of the header's ``n`` named columns hold a cell
    of the same key. Such a row has one in the first ``n - need + 1`` of those columns (else more
    than ``n - need`` differ), so only rows with one there are counted whole. Each column's texts are
    keyed once: the first megabyte of a million-row file has 30,000 rows, 70 ms keyed one by one."""
    header = [(j, header_key(c)) for j, c in enumerate(grid[h]) if header_key(c)]
    if len(header) < 2:
        return None
    need = max(2, 0.6 * len(header))
    rows = grid[last + 1 :]
    candidates: set[int] = set()
    for j, key in header[: int(len(header) - need) + 1]:
        alike = {text for text in {row[j] for row in rows if j < len(row)} if header_key(text) == key}
        if alike:
            candidates.update(n for n, row in enumerate(rows) if j < len(row) and row[j] in alike)
    for n in sorted(candidates):
        row = rows[n]
        if sum(1 for j, key in header if j < len(row) and header_key(row[j]) == key) >= need:
            return last + 1 + n
    return None


def _unit_in(cell: str) -> str | None:
    """The unit a cell of a title row names ('Đơn vị: triệu đồng', 'Triệu đồng - In millions of dong'),
    else None."""
    if not cell.strip() or is_number(cell):
        return None
    parts = header_text.languages(cell)
    unit = header_text.unit_of(parts[0]) if parts else None
    return unit if unit and unit != "%" else None


def unit_line(grid: list[list[str]], skip: int, first: int) -> tuple[str, int] | None:
    """The unit a title row above the header names, and its row; None when none does, or two disagree."""
    found: dict[str, tuple[str, int]] = {}
    for i in range(skip, first):
        for cell in grid[i]:
            unit = _unit_in(cell)
            if unit:
                found.setdefault(header_key(unit), (unit, i))
    return next(iter(found.values())) if len(found) == 1 else None


def width_of(row: list[str]) -> int:
    return max((j + 1 for j, cell in enumerate(row) if cell.strip()), default=0)


def cell_at(grid: list[list[str]], i: int, k: int) -> str:
    return grid[i][k].strip() if 0 <= k < len(grid[i]) else ""


def _is_group(grid: list[list[str]], block: list[int], n: int, k: int) -> bool:
    """Whether the text of header row ``block[n]`` in column ``k`` labels a group of columns (a merged
    cell): its right neighbour is empty in that row but named in a header row below."""
    below = block[n + 1 :]
    return bool(below) and not cell_at(grid, block[n], k + 1) and any(cell_at(grid, i, k + 1) for i in below)


def column_names(grid: list[list[str]], block: list[int], j: int) -> list[str]:
    """The texts naming column ``j``, top down; a group label over several columns does not name it
    alone (it is its group: ``_groups``)."""
    seen, found = set(), []
    for n, i in enumerate(block):
        text = cell_at(grid, i, j)
        if _is_group(grid, block, n, j) and any(cell_at(grid, k, j) for k in block[n + 1 :]):
            continue
        if text and header_key(text) not in seen:
            seen.add(header_key(text))
            found.append(text)
    return found


def group_label(grid: list[list[str]], block: list[int], j: int) -> str | None:
    """The nearest group label over column ``j``: a merged cell of a header row, in ``j`` or to its
    left, whose row is empty from it to ``j`` and whose columns are named in a row below."""
    for n in range(len(block) - 2, -1, -1):
        i = block[n]
        k = j
        while k >= 0 and not cell_at(grid, i, k):
            k -= 1
        if k < 0 or not _is_group(grid, block, n, k):
            continue
        if k == j or any(cell_at(grid, r, j) for r in block[n + 1 :]):
            return cell_at(grid, i, k)
    return None


def letter(j: int) -> str:
    """The spreadsheet letter of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    letters = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_numbers(layout: Layout, grid: list[list[str]], texts: dict[int, list[str]], end: int | None, name: str) -> None:
    """A column without a header holding 1, 2, 3 ... (gaps allowed) numbers the rows: not values."""
    for j, named in texts.items():
        if named or j in layout.roles:
            continue
        found = []
        for row in grid[layout.header_row + 1 : end]:
            cell = row[j].strip().removeprefix(CANONICAL_PREFIX) if j < len(row) else ""
            if not cell:
                continue
            try:
                number = float(cell)
            except ValueError:
                break
            if not number.is_integer() or (found and number <= found[-1]):
                break
            found.append(number)
        else:
            if len(found) >= 3 and found[0] == 1:
                layout.roles[j] = "ignore"
                layout.notes.append(say("ingest.note.row_numbers", file=name, letter=letter(j)))


def sections(
    layout: Layout, grid: list[list[str]], names: ProvinceNames, name: str, regions: Regions | None = None
) -> None:
    """Rows of regions or sections (the row number a Roman numeral or a letter, the name no province):
    subtotals of the provinces below them, skipped with a note; with ``regions`` (``--regions keep``) a
    region's subtotal is kept as its value (``dtikit.ingest.units``)."""
    province = next((j for j, r in layout.roles.items() if r == "province"), None)
    if province is None:
        return
    numbers = [j for j, r in layout.roles.items() if r == "ignore" and j < province]
    end = (layout.end_row - 1) if layout.end_row else len(grid)
    found = []
    other: dict[str, bool] = {}  # each label of the column looked up once: a file repeats its provinces
    for i in range(layout.header_row + 1, end):
        row = grid[i]
        label = row[province].strip() if province < len(row) else ""
        named = other.get(label)
        if named is None:
            named = other[label] = bool(label) and names.lookup(label) is None and not is_aggregate(label)
        if named and any(_SECTION.match(cell_at(grid, i, k)) for k in numbers):
            found.append(i)
    if regions is not None:
        layout.region_rows = _regions_of(grid, names, name, found, province, end, regions)
    skipped = [i for i in found if i + 1 not in layout.region_rows]
    if skipped:
        layout.skipped_rows = [i + 1 for i in skipped]
        first_names = {i: header_text.languages(cell_at(grid, i, province))[0] for i in skipped}
        listed = ", ".join(say("ingest.text_at_row", text=text, row=i + 1) for i, text in first_names.items())
        layout.notes.append(say("ingest.note.sections", file=name, listed=listed))


def _regions_of(
    grid: list[list[str]], names: ProvinceNames, name: str, found: list[int], province: int, end: int, regions: Regions
) -> dict[int, str]:
    """The rows of ``found`` that are a region's subtotal (row as a spreadsheet shows it -> region): named as
    one over exactly its provinces (the rows below, to the next such row), or over exactly one's provinces;
    one named as a region over other provinces is an error."""
    kept = {}
    for n, i in enumerate(found):
        stop = found[n + 1] if n + 1 < len(found) else end
        below = {names.lookup(cell_at(grid, r, province)) for r in range(i + 1, stop)} - {None}
        label = cell_at(grid, i, province)
        named = regions.named(label)
        if named is not None and below != regions.members[named]:
            missing = ", ".join(sorted(regions.members[named] - below)) or "-"
            others = ", ".join(sorted(below - regions.members[named])) or "-"
            first = header_text.languages(label)[0]
            raise LayoutError(
                say(
                    "ingest.region_members",
                    file=name,
                    row=i + 1,
                    label=first,
                    region=named,
                    missing=missing,
                    others=others,
                )
            )
        region = named or regions.of_provinces(frozenset(below))
        if region is not None:
            kept[i + 1] = region
    return kept
