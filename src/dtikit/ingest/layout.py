"""Where a table's header is and what each column holds, for tables as they are published.

The rule, in order:

1. **The header row** is ``--header-row N`` if given; else the first of the top rows (below
   ``--skip-rows N``) with a column named as a province column (``Tỉnh/Thành phố``, ``Province``);
   else the nearest non-empty row above the first row whose cells name provinces (a table whose
   province column has no such header, or a sheet of (province, score) column pairs).
2. **A header may span rows**: rows right below it (or, when it has as many cells, right above
   it) that hold text and no number are more header rows: the names in the other language, or
   short codes (``sub1_entry``, ``c1``). Blank rows between header and data are skipped. Every
   text of a column names it.
3. **Roles**, by any name of the column: ``--map`` (by header, ``C=ROLE`` by spreadsheet letter or
   ``#3=ROLE`` by position) first, then the names of ``dtikit.ingest.headers``. Codes and row
   numbers (``Mã PCI``, ``tinhid``, ``STT``) are identifiers, not values.
4. **Province columns** are also recognised by their cells (most of them name provinces). The
   first is *the* province; a second (the names in another language) must agree with it row by
   row. A province column followed by a column with no header and numbers is a *pair*: the pair's
   values are the indicator named above the province column (summary sheets ordered by rank).
5. **Other columns**: with ``--new-indicators`` a column of numbers becomes a new indicator named
   by its header (``dtikit.ingest.naming``) and a column of text is skipped with a note; without it
   they are an error listing them.
6. **A rank column** without an indicator of its own (``Xếp hạng``, ``Rank``) ranks the indicator
   of the file's score column (the one before it, when there are several), never the DTI by
   default when the file measures something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dtikit.ingest.cells import column_letters as _letter
from dtikit.ingest.headers import HeaderMapper, Measure, header_key, is_aggregate, is_identifier
from dtikit.ingest.naming import NewIndicators
from dtikit.ingest.numbers import CANONICAL_PREFIX, MISSING
from dtikit.messages import say
from dtikit.provinces import ProvinceNames

SCAN = 20  # rows searched for a header
SAMPLE = 400  # rows below it read to recognise columns
_NUMBER = re.compile(r"^[-−]?\d[\d.,  ]*%?$|^[-−]?[.,]\d+%?$")


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


def _is_number(text: str) -> bool:
    return text.startswith(CANONICAL_PREFIX) or bool(_NUMBER.match(text.strip()))


def _texts(row: list[str]) -> list[str]:
    return [c for c in row if c.strip()]


def _headerlike(row: list[str]) -> bool:
    """A row of names: some text, and no number."""
    texts = _texts(row)
    return bool(texts) and not any(_is_number(c) for c in texts)


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
            if _texts(grid[i]):
                return i
    raise NoHeader


def _block(grid: list[list[str]], h: int, skip: int, names: ProvinceNames) -> tuple[list[int], int]:
    """The rows that name the columns (header rows), and the last row before the data."""
    rows = [h]
    width = len(_texts(grid[h]))
    above = h - 1
    while (
        above >= skip and h - above <= 2 and _headerlike(grid[above]) and len(_texts(grid[above])) >= max(2, width / 2)
    ):
        rows.insert(0, above)
        above -= 1
    last = h
    for i in range(h + 1, min(len(grid), h + 6)):
        row = grid[i]
        if not _texts(row):
            last = i
            continue
        if not _headerlike(row) or any(names.lookup(c) is not None or is_aggregate(c) for c in _texts(row)):
            break
        rows.append(i)
        last = i
    return rows, last


def find_layout(
    grid: list[list[str]],
    name: str,
    mapper: HeaderMapper,
    names: ProvinceNames,
    *,
    header_row: int | None = None,
    skip_rows: int = 0,
    new: NewIndicators | None = None,
) -> Layout:
    """The header rows and each column's role; ``LayoutError`` (with the fix) when they cannot be known."""
    if header_row is not None:
        if not 1 <= header_row <= len(grid):
            raise LayoutError(say("ingest.header_row_outside", file=name, row=header_row, rows=len(grid)))
        h = header_row - 1
        block, last = [h], h
    else:
        try:
            h = _header_row(grid, mapper, names, skip_rows)
        except NoHeader:
            shown = min(SCAN, max(0, len(grid) - skip_rows))
            raise NoHeader(say("ingest.no_header", file=name, n=shown)) from None
        block, last = _block(grid, h, skip_rows, names)
    columns = _Columns.of(grid[last + 1 : last + 1 + SAMPLE], names)
    width = max((len(grid[i]) for i in block), default=0)
    named = max((_width(grid[i]) for i in block), default=0)
    if width == named and columns.is_province(width - 1) and columns.is_numeric(width):
        width += 1  # the value column of a last (province, value) pair has no header
    texts = {j: _column_names(grid, block, j) for j in range(width)}
    layout = Layout(last, {}, [texts[j][0] if texts[j] else "" for j in range(width)])
    if h > skip_rows:
        layout.notes.append(say("ingest.note.header_found", file=name, row=block[0] + 1))
    rows = ", ".join(str(i + 1) for i in block)
    if len(block) > 1:
        layout.notes.append(say("ingest.note.header_spans", file=name, rows=rows))
    unknown: list[str] = []
    skipped: list[str] = []
    for j in range(width):
        role = _role(mapper, texts[j], j, h)
        if role is not None:
            layout.roles[j] = role
        elif (texts[j] and is_identifier(texts[j][0])) or any(is_identifier(t) for t in texts[j]):
            layout.roles[j] = "ignore"
    _provinces(layout, texts, columns, mapper, name, new)
    paired = any(isinstance(r, Measure) and r.province_column is not None for r in layout.roles.values())
    if "province" not in layout.roles.values() and not paired:
        rows = say("ingest.at_rows", rows=rows) if len(block) > 1 else say("ingest.at_row", row=rows)
        raise LayoutError(say("ingest.header_no_province", file=name, rows=rows))
    for j in range(width):
        if j in layout.roles or not (texts[j] or columns.has_data(j)):
            continue
        label = repr(texts[j][0]) if texts[j] else say("ingest.unnamed_column", letter=_letter(j))
        if new is not None and texts[j] and columns.is_numeric(j):
            layout.roles[j] = new.measure(texts[j], mapper)
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
            say("ingest.cannot_map", file=name, row=h + 1, listed=listed, hint=hint, accepted=mapper.accepted())
        )
    if skipped:
        layout.notes.append(say("ingest.note.text_columns_skipped", file=name, listed=", ".join(skipped)))
    _ranks_follow_scores(layout)
    return layout


def _width(row: list[str]) -> int:
    return max((j + 1 for j, cell in enumerate(row) if cell.strip()), default=0)


def _column_names(grid: list[list[str]], block: list[int], j: int) -> list[str]:
    """The texts naming column ``j``, top down; a group label over several columns (a merged cell
    whose right neighbours are empty in its row but named below) does not name it alone."""

    def cell(i: int, k: int) -> str:
        return grid[i][k].strip() if k < len(grid[i]) else ""

    seen, found = set(), []
    for n, i in enumerate(block):
        text = cell(i, j)
        below = block[n + 1 :]
        group = bool(below) and not cell(i, j + 1) and any(cell(k, j + 1) for k in below)
        if group and any(cell(k, j) for k in below):
            continue
        if text and header_key(text) not in seen:
            seen.add(header_key(text))
            found.append(text)
    return found


def _role(mapper: HeaderMapper, texts: list[str], j: int, h: int) -> str | Measure | None:
    positional = mapper.positional(j)
    if positional is not None:
        return positional
    for text in texts:
        role = mapper.map(text, j)
        if role is not None:
            return role
    return None


def _provinces(
    layout: Layout,
    texts: dict[int, list[str]],
    columns: _Columns,
    mapper: HeaderMapper,
    name: str,
    new: NewIndicators | None,
) -> None:
    """Settle the province column, a second one in another language, and (province, value) pairs."""
    roles = layout.roles
    named = [j for j, r in roles.items() if r == "province"]
    listed = [j for j in texts if columns.is_province(j) and j not in named and roles.get(j) != "ignore"]
    pairs = [
        j
        for j in listed
        if not texts.get(j + 1)
        and columns.is_numeric(j + 1)
        and (texts[j] or j + 1 not in roles)
        and j + 1 not in named
    ]
    for j in pairs:
        if not texts[j]:
            raise LayoutError(say("ingest.pair_unnamed", file=name, letter=_letter(j), values=_letter(j + 1)))
        measure = _role(mapper, texts[j], j + 1, 0)
        if measure is None and new is not None:
            measure = new.measure(texts[j], mapper)
        if not isinstance(measure, Measure):
            raise LayoutError(
                say("ingest.pair_unknown", file=name, letter=_letter(j), text=texts[j][0], values=_letter(j + 1))
            )
        roles[j] = "ignore"
        roles[j + 1] = Measure(measure.indicator, measure.year, measure.rank, province_column=j, new=measure.new)
    if pairs:
        layout.notes.append(say("ingest.note.pairs", file=name, n=len(pairs)))
        for j in named:
            roles[j] = "ignore"
        return
    candidates = named or [j for j in listed if j not in roles or isinstance(roles[j], Measure) is False]
    if not candidates:
        return
    if not named:
        best = max(candidates, key=lambda j: columns.provinces.get(j, 0))
        roles[best] = "province"
        column = texts[best][0] if texts[best] else _letter(best)
        layout.notes.append(say("ingest.note.province_column", file=name, column=column))
        named = [best]
    others = [j for j in dict.fromkeys([*named, *listed]) if j != named[0] and roles.get(j) in (None, "province")]
    if len(others) > 1:
        shown = ", ".join(repr(texts[j][0] if texts[j] else _letter(j)) for j in [named[0], *others])
        raise LayoutError(say("ingest.many_province_columns", file=name, columns=shown))
    for j in others:
        roles[j] = "province_alt"
        layout.province_alt = j


def _ranks_follow_scores(layout: Layout) -> None:
    """A rank column without an indicator of its own ranks the file's (or the preceding) score column's."""
    measures = {j: m for j, m in layout.roles.items() if isinstance(m, Measure)}
    scored = {j: m for j, m in measures.items() if m.indicator is not None and not m.rank}
    if not scored:
        return
    for j, m in measures.items():
        if m.rank and m.indicator is None:
            before = [i for i in scored if i < j]
            source = scored[before[-1]] if before else scored[min(scored)]
            if len({s.indicator for s in scored.values()}) == 1:
                source = next(iter(scored.values()))
            layout.roles[j] = Measure(source.indicator, m.year, True, province_column=m.province_column, new=source.new)
