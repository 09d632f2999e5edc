"""Where a table's header is and what each column holds, for tables as they are published.

The rule, in order:

1. **The header row** is ``--header-row N`` if given; else the first of the top rows (below
   ``--skip-rows N``) with a column named as a province column (``Tỉnh/Thành phố``, ``Province``,
   ``Tỉnh, thành phố\\nName of provinces``: each language of a cell is tried); else the nearest
   non-empty row above the first row whose cells name provinces (a table whose province column has
   no such header, or a sheet of (province, score) column pairs).
2. **A header may span rows**: rows right below it (or, when it has as many cells, right above
   it) that hold text and no number are more header rows: the names in the other language, or
   short codes (``sub1_entry``, ``c1``). Blank rows between header and data are skipped, and so is a
   row that numbers the columns (``A, B, 1, 2, 3, 4=5+6``). Every text of a column names it; a label
   over several columns (a merged cell) is the group of the columns below it.
3. **Title rows** above the header are skipped; a unit line among them (``Đơn vị: triệu đồng``,
   ``Triệu đồng - In millions of dong``) is the unit of the values whose header names none.
4. **Roles**, by any name of the column: ``--map`` (by header, ``C=ROLE`` by spreadsheet letter or
   ``#3=ROLE`` by position) first, then the names of ``dtikit.ingest.headers``. Codes and row
   numbers (``Mã PCI``, ``tinhid``, ``STT``) are identifiers, not values. A role given to two columns
   (two ``Giá trị``) is refused unless ``--map`` keeps one.
5. **Province columns** are also recognised by their cells (most of them name provinces). Side by
   side, the second (the names in another language) must agree with the first row by row. When
   several province columns each have value columns after them, the sheet is of **ranked pairs**
   (a summary sorted by each sub-index): each value column belongs to the province column before it,
   named by its own header, or by the header above its provinces.
6. **Other columns**: with ``--new-indicators`` a column of numbers becomes a new indicator named
   by its header (``dtikit.ingest.naming``) and a column of text is skipped with a note; without it
   they are an error listing them. A column with a numbered label (``Sub-Index 7``) is named by the
   sheet's name when it is the sheet's only such column. A column whose names belong to two
   indicators is refused.
7. **A rank column** without an indicator of its own (``Xếp hạng``, ``Rank``) ranks the indicator
   of the file's score column (the one before it, when there are several), never the DTI by
   default when the file measures something else.
8. **Rows that are not the table**: a row that repeats the header below the data ends the table
   (it and what follows, such as one province singled out with its ranks, are skipped with a note);
   a row whose row number is a Roman numeral or a letter and whose name is no province (a region or
   section subtotal: ``I  Miền núi phía Bắc``) is skipped with a note.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from dtikit.ingest import header_text
from dtikit.ingest.headers import HeaderMapper, Measure, header_key, is_aggregate, is_identifier
from dtikit.ingest.naming import NameClash, NewIndicators
from dtikit.ingest.numbers import CANONICAL_PREFIX, MISSING
from dtikit.messages import say
from dtikit.names import fold
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


def _is_number(text: str) -> bool:
    return text.startswith(CANONICAL_PREFIX) or bool(_NUMBER.match(text.strip()))


def _texts(row: list[str]) -> list[str]:
    return [c for c in row if c.strip()]


def _headerlike(row: list[str]) -> bool:
    """A row of names: some text, and no number."""
    texts = _texts(row)
    return bool(texts) and not any(_is_number(c) for c in texts)


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
class _Columns:
    """What the cells of each column look like below a candidate header."""

    provinces: dict[int, int]  # column -> cells naming a province
    numbers: dict[int, int]
    texts: dict[int, int]  # other non-empty cells (statistics rows and missing markers aside)

    @classmethod
    def of(cls, rows: list[list[str]], names: ProvinceNames) -> _Columns:
        provinces: dict[int, int] = {}
        numbers: dict[int, int] = {}
        texts: dict[int, int] = {}
        for row in rows:
            for j, cell in enumerate(row):
                text = cell.strip()
                if not text or text.lower() in MISSING:
                    continue
                if _is_number(text):
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
            if cell.strip() and not _is_number(cell) and names.lookup(cell) is not None:
                below = [r[j] for r in grid[i + 1 : i + 12] if j < len(r) and r[j].strip()]
                if sum(names.lookup(c) is not None for c in below) >= 2:
                    return i
    return None


def _header_row(grid: list[list[str]], mapper: HeaderMapper, names: ProvinceNames, skip: int) -> int:
    for i in range(skip, min(len(grid), skip + SCAN)):
        if any(mapper.map(cell, i) == "province" for cell in grid[i] if cell.strip()):
            return i
        if _texts(grid[i]) and any(mapper.positional(j) == "province" for j in range(len(grid[i]))):
            return i
    first = _first_province_row(grid, skip, names)
    if first is not None:
        for i in range(first - 1, skip - 1, -1):
            if _texts(grid[i]) and not _numbers_columns(grid[i]):
                return i
    raise NoHeader


def _block(
    grid: list[list[str]], h: int, skip: int, names: ProvinceNames, mapper: HeaderMapper
) -> tuple[list[int], int, int | None]:
    """The rows that name the columns (header rows), the last row before the data, and the row that
    numbers the columns (if any). A row naming a province or a statistic ('Cả nước') in the province
    column (any column, when the header names none) is data."""
    named = [j for j, cell in enumerate(grid[h]) if cell.strip() and mapper.map(cell) == "province"]
    rows = [h]
    width = len(_texts(grid[h]))
    above = h - 1
    while (
        above >= skip
        and h - above <= 2
        and _headerlike(grid[above])
        and len(_texts(grid[above])) >= max(2, width / 2)
        and not any(_unit_in(c) for c in grid[above])  # a unit line is a title, not names of columns
    ):
        rows.insert(0, above)
        above -= 1
    last, numbering = h, None
    for i in range(h + 1, min(len(grid), h + 8)):
        row = grid[i]
        if not _texts(row):
            last = i
            continue
        if _numbers_columns(row):
            last, numbering = i, i
            break
        labels = [_cell(grid, i, j) for j in named] if named else _texts(row)
        if not _headerlike(row) or any(names.lookup(c) is not None or is_aggregate(c) for c in labels if c):
            break
        rows.append(i)
        last = i
    return rows, last, numbering


def _table_end(grid: list[list[str]], h: int, last: int) -> int | None:
    """The first row below the data that repeats the header row ``h`` (the table ends above it)."""
    header = {j: header_key(c) for j, c in enumerate(grid[h]) if header_key(c)}
    if len(header) < 2:
        return None
    for i in range(last + 1, len(grid)):
        row = grid[i]
        same = sum(1 for j, key in header.items() if j < len(row) and header_key(row[j]) == key)
        if same >= max(2, 0.6 * len(header)):
            return i
    return None


def _unit_in(cell: str) -> str | None:
    """The unit a cell of a title row names ('Đơn vị: triệu đồng', 'Triệu đồng - In millions of dong'),
    else None."""
    if not cell.strip() or _is_number(cell):
        return None
    parts = header_text.languages(cell)
    unit = header_text.unit_of(parts[0]) if parts else None
    return unit if unit and unit != "%" else None


def _unit_line(grid: list[list[str]], skip: int, first: int) -> tuple[str, int] | None:
    """The unit a title row above the header names, and its row; None when none does, or two disagree."""
    found: dict[str, tuple[str, int]] = {}
    for i in range(skip, first):
        for cell in grid[i]:
            unit = _unit_in(cell)
            if unit:
                found.setdefault(header_key(unit), (unit, i))
    return next(iter(found.values())) if len(found) == 1 else None


def find_layout(
    grid: list[list[str]],
    name: str,
    mapper: HeaderMapper,
    names: ProvinceNames,
    *,
    header_row: int | None = None,
    skip_rows: int = 0,
    new: NewIndicators | None = None,
    sheet: str | None = None,
) -> Layout:
    """The header rows and each column's role; ``LayoutError`` (with the fix) when they cannot be known."""
    h, block, last, numbering = _locate(grid, name, mapper, names, header_row, skip_rows)
    end = _table_end(grid, h, last)
    columns = _Columns.of(grid[last + 1 : min(end or len(grid), last + 1 + SAMPLE)], names)
    width = max((len(grid[i]) for i in block), default=0)
    named = max((_width(grid[i]) for i in block), default=0)
    if width == named and columns.is_province(width - 1) and columns.is_numeric(width):
        width += 1  # the value column of a last (province, value) pair has no header
    texts = {j: _column_names(grid, block, j) for j in range(width)}
    layout = Layout(last, {}, [" ".join(texts[j][0].split()) if texts[j] else "" for j in range(width)])
    _notes(layout, grid, name, block, h > skip_rows, numbering, end)
    by_sheet = sheet_column(texts, sheet)
    for j in range(width):
        named = [by_sheet[1]] if by_sheet is not None and by_sheet[0] == j else []
        role = _role(mapper, texts[j], j, name, named)
        if role is not None:
            layout.roles[j] = role
        elif (texts[j] and is_identifier(texts[j][0])) or any(is_identifier(t) for t in texts[j]):
            layout.roles[j] = "ignore"
    if not any(m.role == "province" for m in mapper.mappings):  # unless --map says which column it is
        _not_provinces(layout, grid, columns, name)
    _row_numbers(layout, grid, texts, end, name)
    _provinces(layout, texts, columns, name)
    if "province" not in layout.roles.values() and not layout.pair_of:
        rows = ", ".join(str(i + 1) for i in block)
        rows = say("ingest.at_rows", rows=rows) if len(block) > 1 else say("ingest.at_row", row=rows)
        raise LayoutError(say("ingest.header_no_province", file=name, rows=rows))
    unit = _unit_line(grid, skip_rows, block[0])
    if unit is not None:
        layout.notes.append(say("ingest.note.unit_line", file=name, unit=unit[0], row=unit[1] + 1))
    _other_columns(layout, _Naming(grid, block, texts, columns, mapper, new, name, sheet, unit and unit[0]), h)
    _refuse_repeated_roles(layout, texts, name)
    _ranks_follow_scores(layout)
    _sections(layout, grid, names, name)
    return layout


def _locate(
    grid: list[list[str]],
    name: str,
    mapper: HeaderMapper,
    names: ProvinceNames,
    header_row: int | None,
    skip_rows: int,
) -> tuple[int, list[int], int, int | None]:
    """The header row, the header rows, the last row before the data and the row numbering the columns."""
    if header_row is not None:
        if not 1 <= header_row <= len(grid):
            raise LayoutError(say("ingest.header_row_outside", file=name, row=header_row, rows=len(grid)))
        return header_row - 1, [header_row - 1], header_row - 1, None
    try:
        h = _header_row(grid, mapper, names, skip_rows)
    except NoHeader:
        shown = min(SCAN, max(0, len(grid) - skip_rows))
        raise NoHeader(say("ingest.no_header", file=name, n=shown)) from None
    return h, *_block(grid, h, skip_rows, names, mapper)


def _notes(
    layout: Layout,
    grid: list[list[str]],
    name: str,
    block: list[int],
    below: bool,
    numbering: int | None,
    end: int | None,
) -> None:
    if below:
        layout.notes.append(say("ingest.note.header_found", file=name, row=block[0] + 1))
    if len(block) > 1:
        layout.notes.append(say("ingest.note.header_spans", file=name, rows=", ".join(str(i + 1) for i in block)))
    if numbering is not None:
        layout.notes.append(say("ingest.note.column_numbers", file=name, row=numbering + 1))
    if end is not None:
        layout.end_row = end + 1
        last = max((i for i in range(end, len(grid)) if _texts(grid[i])), default=end)
        layout.notes.append(say("ingest.note.after_table", file=name, first=end + 1, last=last + 1))


def _width(row: list[str]) -> int:
    return max((j + 1 for j, cell in enumerate(row) if cell.strip()), default=0)


def _cell(grid: list[list[str]], i: int, k: int) -> str:
    return grid[i][k].strip() if 0 <= k < len(grid[i]) else ""


def _is_group(grid: list[list[str]], block: list[int], n: int, k: int) -> bool:
    """Whether the text of header row ``block[n]`` in column ``k`` labels a group of columns (a merged
    cell): its right neighbour is empty in that row but named in a header row below."""
    below = block[n + 1 :]
    return bool(below) and not _cell(grid, block[n], k + 1) and any(_cell(grid, i, k + 1) for i in below)


def _column_names(grid: list[list[str]], block: list[int], j: int) -> list[str]:
    """The texts naming column ``j``, top down; a group label over several columns does not name it
    alone (it is its group: ``_groups``)."""
    seen, found = set(), []
    for n, i in enumerate(block):
        text = _cell(grid, i, j)
        if _is_group(grid, block, n, j) and any(_cell(grid, k, j) for k in block[n + 1 :]):
            continue
        if text and header_key(text) not in seen:
            seen.add(header_key(text))
            found.append(text)
    return found


def _group(grid: list[list[str]], block: list[int], j: int) -> str | None:
    """The nearest group label over column ``j``: a merged cell of a header row, in ``j`` or to its
    left, whose row is empty from it to ``j`` and whose columns are named in a row below."""
    for n in range(len(block) - 2, -1, -1):
        i = block[n]
        k = j
        while k >= 0 and not _cell(grid, i, k):
            k -= 1
        if k < 0 or not _is_group(grid, block, n, k):
            continue
        if k == j or any(_cell(grid, r, j) for r in block[n + 1 :]):
            return _cell(grid, i, k)
    return None


def _role(mapper: HeaderMapper, texts: list[str], j: int, name: str, sheet: list[str]) -> str | Measure | None:
    """The role the ``--map`` options or the names of column ``j`` give it (``texts``, and the sheet's
    name when it names the column). A column whose names are two indicators of the catalog is refused,
    and so is one whose numbered label ('Chỉ số thành phần 6') is an indicator its other names are not."""
    positional = mapper.positional(j)
    if positional is not None:
        return positional
    read = header_text.read(texts)
    candidates = [*texts, *read.names, *sheet]
    roles = [mapper.map(text, j) for text in texts]
    for role in (mapper.map(text, j) for text in [*read.names, *sheet]):  # the year and rank words read apart
        if isinstance(role, Measure) and role.indicator is not None and not role.rank and role.year is None:
            role = Measure(role.indicator, read.year, read.rank)
        roles.append(role)
    found = next((r for r in roles if r is not None), None)
    named: dict[str, str] = {}
    for text, role in zip(candidates, roles, strict=True):
        if isinstance(role, Measure) and role.indicator is not None:
            named.setdefault(role.indicator, text)
    others = [*read.names, *sheet]
    for label in read.numbered:
        ident = mapper.names.known(label, index_words=False)
        if ident is not None and ident not in named and (others or named):
            named[ident] = label
            if not named.keys() - {ident}:
                named[""] = others[0]  # names no indicator yet
        elif ident is not None and not others and found is None:
            found = Measure(ident)  # the label is the only name the column has: the indicator it names
    if len(named) > 1:
        _clash(name, j, texts, {text: ident for ident, text in named.items()})
    return found


def _clash(name: str, j: int, texts: list[str], names: dict[str, str]) -> None:
    """Refuse a column whose names (text -> indicator id, '' for none yet) disagree."""
    listed = say("ingest.and").join(
        say("ingest.name_is", text=t, id=i) if i else say("ingest.name_new", text=t) for t, i in names.items()
    )
    column = texts[0] if texts else say("ingest.unnamed_column", letter=letter(j))
    raise LayoutError(say("ingest.names_disagree", file=name, column=column, letter=letter(j), listed=listed))


def _not_provinces(layout: Layout, grid: list[list[str]], columns: _Columns, name: str) -> None:
    """A column named as the provinces ('Tên đơn vị') that lists none (ministries): no table of provinces."""
    for j, role in layout.roles.items():
        if role == "province" and not columns.provinces.get(j) and columns.texts.get(j, 0) >= 3:
            example = next((c for i in range(layout.header_row + 1, len(grid)) if (c := _cell(grid, i, j))), "")
            raise NoHeader(say("ingest.lists_no_province", file=name, column=layout.header[j], example=example))


def _row_numbers(
    layout: Layout, grid: list[list[str]], texts: dict[int, list[str]], end: int | None, name: str
) -> None:
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


def letter(j: int) -> str:
    """The spreadsheet letter of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    letters = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _provinces(layout: Layout, texts: dict[int, list[str]], columns: _Columns, name: str) -> None:
    """Settle the province column, a second one in another language, and ranked (province, value) pairs."""
    roles = layout.roles
    named = [j for j, r in roles.items() if r == "province"]
    listed = [j for j in texts if columns.is_province(j) and j not in named and roles.get(j) != "ignore"]
    anchors = sorted({*named, *(j for j in listed if not isinstance(roles.get(j), str))})
    if not anchors:
        return
    slots: list[list[int]] = []
    for j in anchors:
        if slots and slots[-1][-1] == j - 1:
            slots[-1].append(j)
        else:
            slots.append([j])
    values = [s for s in slots if _slot_values(s, slots, texts, roles, columns)]
    if len(values) > 1:
        _pairs(layout, values, slots, texts, columns, name)
        return
    anchors = [j for j in anchors if j not in roles or roles[j] == "province"]  # one table: a measure's column is not
    slots = [kept for s in slots if (kept := [j for j in s if j in anchors])]
    if not slots:
        return
    values = [s for s in values if s in slots]
    slot = values[0] if values else slots[0]
    others = [j for j in anchors if j not in slot] + slot[1:]
    if len(others) > 1 or len(slots) > 2 or (len(slots) == 2 and len(slot) > 1):
        shown = ", ".join(repr(texts[j][0] if texts[j] else letter(j)) for j in anchors)
        raise LayoutError(say("ingest.many_province_columns", file=name, columns=shown))
    if slot[0] not in named:
        column = texts[slot[0]][0] if texts[slot[0]] else letter(slot[0])
        layout.notes.append(say("ingest.note.province_column", file=name, column=column))
    roles[slot[0]] = "province"
    for j in others:
        roles[j] = "province_alt"
        layout.province_alt = j


def _slot_columns(slot: list[int], slots: list[list[int]], width: int) -> range:
    """The columns after a group of province columns, up to the next group."""
    after = [s[0] for s in slots if s[0] > slot[-1]]
    return range(slot[-1] + 1, after[0] if after else width)


def _slot_values(slot: list[int], slots: list[list[int]], texts: dict, roles: dict, columns: _Columns) -> list[int]:
    """The columns of values (numbers, or a measure named) after a group of province columns."""
    span = _slot_columns(slot, slots, len(texts))
    return [
        j for j in span if roles.get(j) != "ignore" and (columns.is_numeric(j) or isinstance(roles.get(j), Measure))
    ]


def _pairs(
    layout: Layout, values: list[list[int]], slots: list[list[int]], texts: dict, columns: _Columns, name: str
) -> None:
    """Each value column belongs to the province column before it; a value column without a header (or
    with only 'Điểm') is named by the header above its provinces, unless that one only says 'province'."""
    roles = layout.roles
    if any(len(s) > 1 for s in values):
        shown = ", ".join(repr(texts[j][0] if texts[j] else letter(j)) for s in values for j in s)
        raise LayoutError(say("ingest.many_province_columns", file=name, columns=shown))
    for slot in slots:
        p = slot[0]
        above = roles.get(p)
        for j in _slot_values(slot, slots, texts, roles, columns):
            role = roles.get(j)
            bare = not texts[j] or (isinstance(role, Measure) and role.dti and role.indicator is None)
            if bare and texts[p] and above != "province":
                texts[j] = texts[p]
                roles.pop(j, None)
                if isinstance(above, Measure):
                    roles[j] = above
            layout.pair_of[j] = p
        roles[p] = "ignore"
    first = values[0][0]
    for j in range(first):  # values left of the first province column belong to it
        if j not in layout.pair_of and (columns.is_numeric(j) or isinstance(roles.get(j), Measure)):
            layout.pair_of[j] = first
    layout.notes.append(say("ingest.note.pairs", file=name, n=len(values)))


def _attach_pairs(layout: Layout) -> None:
    """Each measure of a ranked pair reads its provinces from its own province column."""
    for j, p in layout.pair_of.items():
        m = layout.roles.get(j)
        if isinstance(m, Measure):
            layout.roles[j] = Measure(m.indicator, m.year, m.rank, m.dti, p, m.new, m.unit)


@dataclass
class _Naming:
    """What naming the columns of values needs: the grid and its header rows, what each column's cells
    look like, the known names, the new indicators, the file, the sheet's name and unit line."""

    grid: list[list[str]]
    block: list[int]
    texts: dict[int, list[str]]
    columns: _Columns
    mapper: HeaderMapper
    new: NewIndicators | None
    name: str
    sheet: str | None
    unit: str | None


def sheet_column(texts: dict[int, list[str]], sheet: str | None) -> tuple[int, str] | None:
    """The column a sheet's name names, with that name: the sheet's only column with a numbered label
    ('Sub-Index 7' in the sheet 'Tính năng động'), else its only score of an index ('Điểm chỉ số: ...');
    None when there is no such column, or several."""
    if not sheet:
        return None
    read = header_text.read([sheet])
    if not read.names or read.numbered or read.codes:
        return None
    headers = {j: header_text.read(t) for j, t in texts.items() if t}
    for found in ([j for j, h in headers.items() if h.numbered], [j for j, h in headers.items() if h.score_of]):
        if found:
            return (found[0], read.names[0]) if len(found) == 1 else None
    return None


def _other_columns(layout: Layout, naming: _Naming, h: int) -> None:
    """Name the columns no role names: a new indicator per column of numbers (with ``--new-indicators``),
    text columns skipped; without the flag, an error listing them."""
    texts, columns, new = naming.texts, naming.columns, naming.new
    todo = [j for j in texts if j not in layout.roles and (texts[j] or columns.has_data(j))]
    headers = _headers(naming, [j for j in todo if texts[j]])
    by_sheet = sheet_column(texts, naming.sheet)
    unknown, skipped = [], []
    for j in todo:
        label = repr(layout.header[j]) if texts[j] else say("ingest.unnamed_column", letter=letter(j))
        if new is not None and texts[j] and columns.is_numeric(j):
            sheet = by_sheet[1] if by_sheet is not None and by_sheet[0] == j else None
            try:
                layout.roles[j] = new.measure(headers[j], sheet=sheet, unit=naming.unit)
            except NameClash as clash:
                _clash(naming.name, j, texts[j], clash.names)
        elif new is not None and texts[j]:
            layout.roles[j] = "ignore"
            skipped.append(label)
        else:
            unknown.append(label)
    if unknown:
        listed = ", ".join(unknown[:10]) + (
            say("ingest.and_more_columns", n=len(unknown) - 10) if len(unknown) > 10 else ""
        )
        hint = say("ingest.hint.new_indicators") if new is None else ""
        raise LayoutError(
            say(
                "ingest.cannot_map",
                file=naming.name,
                row=h + 1,
                listed=listed,
                hint=hint,
                accepted=naming.mapper.accepted(),
            )
        )
    if skipped:
        layout.notes.append(say("ingest.note.text_columns_skipped", file=naming.name, listed=", ".join(skipped)))
    _attach_pairs(layout)


def _headers(naming: _Naming, todo: list[int]) -> dict[int, header_text.HeaderText]:
    """What the header of each column says; a name that only says 'total' or that another column of the
    table has too ('Tổng số' under two groups) is prefixed by the label of its group."""
    headers = {j: header_text.read(naming.texts[j]) for j in todo}
    firsts: dict[str, int] = {}
    for read in headers.values():
        if read.names:
            firsts[fold(read.names[0])] = firsts.get(fold(read.names[0]), 0) + 1
    for j, read in headers.items():
        if not read.names or (firsts[fold(read.names[0])] == 1 and not any(is_aggregate(n) for n in read.names)):
            continue
        group = _group(naming.grid, naming.block, j)
        if group:
            outer = header_text.read([group]).names
            read.names = [_under(outer, n) for n in read.names]
    return headers


def _under(groups: list[str], name: str) -> str:
    """'Bổ sung có mục tiêu: Tổng số': a name within its group, in the group's name of the same language."""
    same = [g for g in groups if header_text.vietnamese(g) == header_text.vietnamese(name)]
    return f"{(same or groups)[0]}: {name}" if groups else name


def _refuse_repeated_roles(layout: Layout, texts: dict[int, list[str]], name: str) -> None:
    """Two columns of one role (two 'Giá trị', 'Năm' or 'Chỉ tiêu'): which one holds it cannot be known."""
    seen: dict[str, int] = {}
    for j, role in sorted(layout.roles.items()):
        if not isinstance(role, str) or role in ("ignore", "province", "province_alt"):
            continue
        if role in seen:
            first = seen[role]
            raise LayoutError(
                say(
                    "ingest.role_twice",
                    file=name,
                    role=role,
                    first=layout.header[first] or letter(first),
                    first_letter=letter(first),
                    second=layout.header[j] or letter(j),
                    second_letter=letter(j),
                )
            )
        seen[role] = j


def _ranks_follow_scores(layout: Layout) -> None:
    """A rank column without an indicator of its own ranks the file's (or the preceding) score column's."""
    measures = {j: m for j, m in layout.roles.items() if isinstance(m, Measure)}
    scored = {j: m for j, m in measures.items() if m.indicator is not None and not m.rank}
    if not scored:
        return
    for j, m in measures.items():
        if m.rank and m.indicator is None:
            before = sorted(i for i in scored if i < j)
            source = scored[before[-1]] if before else scored[min(scored)]
            if len({s.indicator for s in scored.values()}) == 1:
                source = next(iter(scored.values()))
            layout.roles[j] = Measure(source.indicator, m.year, True, province_column=m.province_column, new=source.new)


def _sections(layout: Layout, grid: list[list[str]], names: ProvinceNames, name: str) -> None:
    """Rows of regions or sections (the row number a Roman numeral or a letter, the name no province):
    subtotals of the provinces below them, skipped with a note."""
    province = next((j for j, r in layout.roles.items() if r == "province"), None)
    if province is None:
        return
    numbers = [j for j, r in layout.roles.items() if r == "ignore" and j < province]
    end = (layout.end_row - 1) if layout.end_row else len(grid)
    found = []
    for i in range(layout.header_row + 1, end):
        label = _cell(grid, i, province)
        if not label or names.lookup(label) is not None or is_aggregate(label):
            continue
        if any(_SECTION.match(_cell(grid, i, k)) for k in numbers):
            found.append(i)
    if found:
        layout.skipped_rows = [i + 1 for i in found]
        listed = ", ".join(
            say("ingest.text_at_row", text=header_text.languages(_cell(grid, i, province))[0], row=i + 1) for i in found
        )
        layout.notes.append(say("ingest.note.sections", file=name, listed=listed))
