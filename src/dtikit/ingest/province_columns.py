"""The province columns of a table: the one column of provinces (and a second in another language that
must agree with it), or ranked (province, value) pairs, each value column reading its provinces from
the province column before it. The rules are described in ``dtikit.ingest.layout``.
"""

from __future__ import annotations

from dtikit.ingest.grid import Columns, Layout, LayoutError, NoHeader, cell_at, letter
from dtikit.ingest.headers import Measure
from dtikit.messages import say


def not_provinces(layout: Layout, grid: list[list[str]], columns: Columns, name: str) -> None:
    """A column named as the provinces ('Tên đơn vị') that lists none (ministries): no table of provinces."""
    for j, role in layout.roles.items():
        if role == "province" and not columns.provinces.get(j) and columns.texts.get(j, 0) >= 3:
            example = next((c for i in range(layout.header_row + 1, len(grid)) if (c := cell_at(grid, i, j))), "")
            raise NoHeader(say("ingest.lists_no_province", file=name, column=layout.header[j], example=example))


def province_columns(layout: Layout, texts: dict[int, list[str]], columns: Columns, name: str) -> None:
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
    # one table: a column listing provinces under a measure's name holds values, not the provinces
    anchors = [j for j in anchors if j not in roles or roles[j] == "province"]
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


def _slot_values(slot: list[int], slots: list[list[int]], texts: dict, roles: dict, columns: Columns) -> list[int]:
    """The columns of values (numbers, or a measure named) after a group of province columns."""
    span = _slot_columns(slot, slots, len(texts))
    return [
        j for j in span if roles.get(j) != "ignore" and (columns.is_numeric(j) or isinstance(roles.get(j), Measure))
    ]


def _pairs(
    layout: Layout, values: list[list[int]], slots: list[list[int]], texts: dict, columns: Columns, name: str
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
            bare = not texts[j] or (
                isinstance(role, Measure) and role.index and role.indicator is None and not role.rank
            )
            bare = bare and j not in layout.mapped  # --map 'C=ID' names it
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


def attach_pairs(layout: Layout) -> None:
    """Each measure of a ranked pair reads its provinces from its own province column."""
    for j, p in layout.pair_of.items():
        m = layout.roles.get(j)
        if isinstance(m, Measure):
            layout.roles[j] = Measure(m.indicator, m.year, m.rank, m.index, p, m.new, m.unit)
