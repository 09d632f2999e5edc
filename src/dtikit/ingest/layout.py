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

import re
from dataclasses import dataclass

from dtikit.catalog import Indicator
from dtikit.ingest import header_text
from dtikit.ingest.grid import (
    SAMPLE,
    SCAN,
    Columns,
    Layout,
    LayoutError,
    NoHeader,
    column_names,
    group_label,
    header_block,
    header_row_of,
    letter,
    row_numbers,
    sections,
    table_end,
    texts_of,
    unit_line,
    width_of,
)
from dtikit.ingest.headers import HeaderMapper, Measure, is_aggregate, is_identifier
from dtikit.ingest.naming import NameClash, NewIndicators
from dtikit.ingest.province_columns import attach_pairs, not_provinces, province_columns
from dtikit.ingest.title import Kind, kind_of, table_kind, title_year
from dtikit.ingest.units import Regions
from dtikit.messages import say
from dtikit.names import fold
from dtikit.provinces import ProvinceNames

__all__ = ["Layout", "LayoutError", "NoHeader", "find_layout", "sheet_column"]


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
    regions: Regions | None = None,
) -> Layout:
    """The header rows and each column's role; ``LayoutError`` (with the fix) when they cannot be known.

    ``regions`` (``--regions keep``): rows of regions' subtotals are kept as the regions' values."""
    h, block, last, numbering = _locate(grid, name, mapper, names, header_row, skip_rows)
    end = table_end(grid, h, last)
    columns = Columns.of(grid[last + 1 : min(end or len(grid), last + 1 + SAMPLE)], names)
    width = max((len(grid[i]) for i in block), default=0)
    named = max((width_of(grid[i]) for i in block), default=0)
    if width == named and columns.is_province(width - 1) and columns.is_numeric(width):
        width += 1  # the value column of a last (province, value) pair has no header
    texts = {j: column_names(grid, block, j) for j in range(width)}
    layout = Layout(last, {}, [" ".join(texts[j][0].split()) if texts[j] else "" for j in range(width)])
    _notes(layout, grid, name, block, h > skip_rows, numbering, end)
    by_sheet = sheet_column(texts, sheet)
    kind = table_kind(grid, skip_rows, block[0])
    layout.title_year = title_year(grid, skip_rows, block[0])
    if kind is not None:
        layout.notes.append(say("ingest.note.title_kind", file=name, row=kind.row + 1, title=kind.text, kind=kind.vi))
    for j in range(width):
        sheet_name = [by_sheet[1]] if by_sheet is not None and by_sheet[0] == j else []
        role = _role(mapper, texts[j], j, name, sheet_name, kind, new)
        if mapper.positional(j) is not None:
            layout.mapped.add(j)
        if role is not None:
            layout.roles[j] = role
        elif (texts[j] and is_identifier(texts[j][0])) or any(is_identifier(t) for t in texts[j]):
            layout.roles[j] = "ignore"
    if not any(m.role == "province" for m in mapper.mappings):  # unless --map says which column it is
        not_provinces(layout, grid, columns, name)
    row_numbers(layout, grid, texts, end, name)
    province_columns(layout, texts, columns, name)
    if "province" not in layout.roles.values() and not layout.pair_of:
        rows = ", ".join(str(i + 1) for i in block)
        rows = say("ingest.at_rows", rows=rows) if len(block) > 1 else say("ingest.at_row", row=rows)
        raise LayoutError(say("ingest.header_no_province", file=name, rows=rows))
    unit = unit_line(grid, skip_rows, block[0])
    if unit is not None:
        layout.notes.append(say("ingest.note.unit_line", file=name, unit=unit[0], row=unit[1] + 1))
    naming = _Naming(grid, block, texts, columns, mapper, new, name, sheet, unit and unit[0], kind)
    _other_columns(layout, naming, h)
    _refuse_repeated_roles(layout, texts, name)
    _ranks_follow_scores(layout)
    if new is not None:
        _remember(layout, new, name, by_sheet[0] if by_sheet is not None else None)
    sections(layout, grid, names, name, regions)
    return layout


# letters of TCVN3 (ABC), the code of the old '.Vn' fonts, that Vietnamese written in Unicode never holds:
# 'Hµ Néi' is Hà Nội, '§µ N½ng' Đà Nẵng, 'TØnh' Tỉnh (read as Windows-1258 or Latin-1, as such files are)
_LEGACY_FONT = re.compile(
    "[\u00b5\u00a7\u00a8\u00ac\u00ae\u00b8\u00b9\u00bb\u00bc\u00bd\u00be\u00c6\u00c7\u00cb\u00d1\u00d7\u00d8\u00de]"
)


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
        h = header_row_of(grid, mapper, names, skip_rows)
    except NoHeader:
        if not any(cell.strip() for row in grid for cell in row):  # a sheet left blank ('Bảng xếp hạng')
            raise NoHeader(say("ingest.blank_table", file=name)) from None
        shown = min(SCAN, max(0, len(grid) - skip_rows))
        legacy = [c.strip() for row in grid[:shown] for c in row if _LEGACY_FONT.search(c)]
        if sum(len(_LEGACY_FONT.findall(c)) for c in legacy) >= 3:  # 'Hµ Néi': a TCVN3 (.Vn) font, not Unicode
            raise NoHeader(say("ingest.legacy_font", file=name, text=legacy[0][:40])) from None
        for r, row in enumerate(grid[skip_rows : skip_rows + shown], start=skip_rows + 1):
            across = [cell.strip() for cell in row if cell.strip() and names.lookup(cell.strip())]
            if len(across) >= 2:  # provinces across a row: one column per province, not one row
                listed = ", ".join(repr(c) for c in across[:3]) + ("..." if len(across) > 3 else "")
                raise NoHeader(say("ingest.provinces_across", file=name, row=r, names=listed)) from None
        raise NoHeader(say("ingest.no_header", file=name, n=shown)) from None
    return h, *header_block(grid, h, skip_rows, names, mapper)


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
        last = max((i for i in range(end, len(grid)) if texts_of(grid[i])), default=end)
        layout.notes.append(say("ingest.note.after_table", file=name, first=end + 1, last=last + 1))


def _role(
    mapper: HeaderMapper,
    texts: list[str],
    j: int,
    name: str,
    sheet: list[str],
    kind: Kind | None = None,
    new: NewIndicators | None = None,
) -> str | Measure | None:
    """The role the ``--map`` options or the names of column ``j`` give it (``texts``, and the sheet's
    name when it names the column). A column whose names are two indicators of the catalog is refused,
    and so is one whose numbered label ('Chỉ số thành phần 6') is an indicator its other names are not,
    or one whose names are an indicator of another kind than the table's title says (``kind``)."""
    positional = mapper.positional(j)
    if positional is not None:
        return positional
    given = next((r for r in map(mapper.given, texts) if r is not None), None)
    if given is not None:  # --map 'HEADER=ROLE': the user's word
        return given
    read = header_text.read(texts)
    candidates = [*texts, *read.names, *sheet]
    roles = [mapper.map(text, j) for text in texts]
    roles += [_dated(mapper.map(text, j), read) for text in [*read.names, *sheet]]
    found = next((r for r in roles if r is not None), None)
    named: dict[str, str] = {}
    for text, role in zip(candidates, roles, strict=True):
        if isinstance(role, Measure) and role.indicator is not None:
            named.setdefault(role.indicator, text)
    if kind is not None and not isinstance(found, str):
        found, named = _titled(mapper, [*read.names, *sheet], read, kind, found, named)
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
        _clash(name, j, texts, {text: ident for ident, text in named.items()}, kind)
    if new is not None and isinstance(found, Measure) and found.indicator in mapper.names.units and not found.rank:
        new.learn(found.indicator, [kind.qualify(n) for n in others] if kind else others, read.codes)
    return found


def _remember(layout: Layout, new: NewIndicators, name: str, by_sheet: int | None) -> None:
    """Where each measure of the table is, and which are the table's own (``dtikit.ingest.identity``)."""
    for j, role in layout.roles.items():
        if isinstance(role, Measure) and role.indicator is not None and not role.rank:
            new.where.setdefault((name, role.indicator), (letter(j), layout.header[j]))
            if j == by_sheet:  # the measure the sheet's name names
                new.sheet_measures.add((name, role.indicator))
            if j == by_sheet or j in layout.pair_of:
                new.index_measures.add((name, role.indicator))


def _dated(role: str | Measure | None, read: header_text.HeaderText) -> str | Measure | None:
    """A name's role with the year and rank words its header says apart ('Thứ hạng PCI 2009')."""
    if isinstance(role, Measure) and role.indicator is not None and not role.rank and role.year is None:
        return Measure(role.indicator, read.year, read.rank)
    return role


def _titled(
    mapper: HeaderMapper,
    names: list[str],
    read: header_text.HeaderText,
    kind: Kind,
    found: Measure | None,
    named: dict[str, str],
) -> tuple[Measure | None, dict[str, str]]:
    """The measure of a column under a title that says its kind ('DỰ TOÁN ...'): the indicator its names
    qualified by that kind name ('Dự toán: Bổ sung cân đối'); an indicator its names alone name is of
    another kind (or of none), and the column is refused naming both."""
    qualified = [kind.qualify(n) for n in names]
    roles = [_dated(mapper.map(q), read) for q in qualified]
    hits = {r.indicator: q for q, r in zip(qualified, roles, strict=True) if isinstance(r, Measure) and r.indicator}
    if hits:
        return next(r for r in roles if isinstance(r, Measure) and r.indicator), hits
    catalog = mapper.names.catalog
    same = {i: t for i, t in named.items() if i in catalog and _kind_held(catalog.get(i)) == kind.key}
    if named and len(same) == len(named):
        return found, named
    if named and qualified:
        named = {**named, "": qualified[0]}  # the title's measure names no indicator yet
    return found, named


def _kind_held(indicator: Indicator) -> str | None:
    """The kind of figures an indicator's names say ('Dự toán: ...'), else None."""
    return kind_of([indicator.name_vi, indicator.name_en])


def _clash(name: str, j: int, texts: list[str], names: dict[str, str], kind: Kind | None = None) -> None:
    """Refuse a column whose names (text -> indicator id, '' for none yet) disagree."""

    def part(text: str, ident: str) -> str:
        if ident:
            return say("ingest.name_is", text=text, id=ident)
        if kind is not None and text == kind.qualify(text):  # the name the title gives the column
            return say("ingest.name_titled", text=text, row=kind.row + 1, title=kind.text, kind=kind.label(text))
        return say("ingest.name_new", text=text)

    listed = say("ingest.and").join(part(t, i) for t, i in names.items())
    column = texts[0] if texts else say("ingest.unnamed_column", letter=letter(j))
    raise LayoutError(say("ingest.names_disagree", file=name, column=column, letter=letter(j), listed=listed))


@dataclass
class _Naming:
    """What naming the columns of values needs: the grid and its header rows, what each column's cells
    look like, the known names, the new indicators, the file, the sheet's name and unit line."""

    grid: list[list[str]]
    block: list[int]
    texts: dict[int, list[str]]
    columns: Columns
    mapper: HeaderMapper
    new: NewIndicators | None
    name: str
    sheet: str | None
    unit: str | None
    kind: Kind | None = None


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
                layout.roles[j] = new.measure(headers[j], sheet=sheet, unit=naming.unit, kind=naming.kind)
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
    attach_pairs(layout)


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
        group = group_label(naming.grid, naming.block, j)
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
