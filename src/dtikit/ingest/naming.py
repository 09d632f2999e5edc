"""New indicators named by their headers (``ingest --new-indicators``).

A column's header texts (one per header row, read by ``dtikit.ingest.header_text``) give the
indicator:

- its **names**: a text with Vietnamese letters is the Vietnamese name, another text of words the
  English name (a text without marks that folds to the Vietnamese name is only a spelling of it);
  every other name is an **alias**, found by ``rank --indicator`` as the names are. Numbered labels
  (``Sub-Index 7``) and codes (``c1``, ``B2/8``) are not names: the numbering changes between
  editions and two columns can share a code. When the file says more, the sheet's name names the
  column (``layout``);
- its **unit**, from a suffix in parentheses that names one: ``(%)``, ``(ngày)``, ``(triệu đồng)``,
  ``(điểm)``, ``(0-10)``... (``--unit`` wins), else the sheet's unit line;
- its **id**: the first name in ASCII snake_case (``Tỷ lệ hồ sơ trực tuyến`` ->
  ``ty_le_ho_so_truc_tuyen``), at most 48 characters, made unique in the catalog with ``_2``, ``_3``.

A header whose name is already in the catalog is that indicator, not a new one; the same name in
two sheets of one command is one indicator, and a column whose names belong to two indicators is
refused (``NameClash``) rather than read as either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from dtikit.ingest.header_text import HeaderText, is_code, is_ratio, split_unit, vietnamese
from dtikit.ingest.headers import IndicatorNames, Measure, header_key
from dtikit.ingest.title import Kind
from dtikit.names import fold, words

__all__ = ["MAX_ID", "NameClash", "NewIndicator", "NewIndicators", "is_code", "split_unit"]

MAX_ID = 48


class NameClash(ValueError):
    """A column's names belong to two different indicators: ``names`` maps each name to its id."""

    def __init__(self, names: dict[str, str]) -> None:
        super().__init__(names)
        self.names = names


class NewIndicator(NamedTuple):
    """A catalog entry made from a header: id, names, unit and the other names it was read with."""

    ident: str
    name_vi: str | None
    name_en: str | None
    unit: str | None
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass
class Learnt:
    """What a command's files say of an indicator its catalog held before: other names, codes."""

    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def _names(names: list[str]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(Vietnamese name, English name, aliases) of a column's names, in the file's order."""
    name_vi = next((n for n in names if vietnamese(n)), None)
    spelled = {fold(n) for n in names if vietnamese(n)}  # 'Tinh nang dong' spells 'Tính năng động'
    name_en = next((n for n in names if not vietnamese(n) and fold(n) not in spelled), None)
    aliases = tuple(n for n in names if n not in (name_vi, name_en))
    return name_vi, name_en, aliases


class NewIndicators:
    """The indicators a command adds, by the names of their headers; what it learns of those it holds.

    A column whose names are an indicator of the catalog teaches it the column's other names (aliases,
    in each language the file gives) and codes. One of its names given to another column of the
    command is that indicator too, and a new indicator a column names beside it is the same measure:
    it is ``merged`` into it (its values and names go to it)."""

    def __init__(self, catalog: IndicatorNames, unit: str | None = None) -> None:
        self.catalog = catalog
        self.unit = unit
        self.added: dict[str, NewIndicator] = {}
        self.learnt: dict[str, Learnt] = {}  # ids of the catalog -> what the files say of them
        self.merged: dict[str, str] = {}  # a new id -> the id of the measure the file says it is
        self.sheet_measures: set[tuple[str, str]] = set()  # (table, id): the column a sheet's name names
        self.index_measures: set[tuple[str, str]] = set()  # those and the value columns of ranked pairs
        self.where: dict[tuple[str, str], tuple[str, str]] = {}  # (table, id) -> its column's letter and header
        self._by_key: dict[str, str] = {}

    def measure(
        self, header: HeaderText, *, sheet: str | None = None, unit: str | None = None, kind: Kind | None = None
    ) -> Measure:
        """The measure of a column of numbers whose names are no indicator of the catalog.

        ``sheet``: the sheet's name, when it names the column; ``unit``: the sheet's unit line; ``kind``:
        the kind of figures the table's title says ('Dự toán'), which each name then says."""
        names = [sheet, *header.names] if sheet else list(header.names)
        names = names or header.numbered[:1] or header.codes[:1]  # nothing better: the label or the code
        ratio = any(is_ratio(n) for n in names)  # a ratio is not in the money unit of the table's unit line
        if kind is not None:
            names = list(dict.fromkeys(kind.qualify(n) for n in names))
        by_name = {n: self.final(self._by_key[header_key(n)]) for n in names if header_key(n) in self._by_key}
        known = list(dict.fromkeys(by_name.values()))
        held = [i for i in known if i not in self.added]
        if len(held) > 1:
            raise NameClash(by_name)
        if held:  # a name an indicator of the catalog was given by another column of the command
            self.learn(held[0], names, header.codes)
            return Measure(held[0], header.year, header.rank)
        if known:
            for other in known[1:]:  # the column names two new indicators: one measure
                self.merge(other, known[0])
            entry = self._also(known[0], names, header.codes)
        else:
            entry = self._add(names, header, None if ratio else unit)
        if header.rank:  # 'Thứ hạng PCI 2009': the published rank of that indicator
            return Measure(entry.ident, header.year, rank=True, new=entry)
        return Measure(entry.ident, header.year, new=entry, unit=entry.unit)

    def final(self, ident: str) -> str:
        """The id a new id was merged into (itself when none)."""
        while ident in self.merged:
            ident = self.merged[ident]
        return ident

    def learn(self, ident: str, names: list[str], codes: list[str]) -> None:
        """A column of the catalog's indicator ``ident``: its names no indicator has are aliases of it, its
        codes kept; a new indicator of the command one of its names names is the same measure."""
        learnt = self.learnt.setdefault(ident, Learnt())
        for name in names:
            key = header_key(name)
            other = self.final(self._by_key.get(key, ident))
            if other != ident:
                if other in self.added:
                    self.merge(other, ident)
                continue  # a name of another indicator of the catalog: the layout refuses such a column
            self._by_key[key] = ident
            if self.catalog.known(name, index_words=False) is None and name not in learnt.aliases:
                learnt.aliases.append(name)
        learnt.codes += [c for c in codes if c not in learnt.codes]

    def merge(self, ident: str, into: str) -> None:
        """The new indicator ``ident`` is the measure ``into``: its names go to it, and so do its values."""
        if ident == into:
            return
        entry = self.added[ident]
        self.merged[ident] = into
        names = [n for n in (entry.name_vi, entry.name_en, *entry.aliases) if n]
        for key, value in list(self._by_key.items()):
            if value == ident:
                self._by_key[key] = into
        if into in self.added:
            self._also(into, names, list(entry.codes))
        else:
            self.learn(into, names, list(entry.codes))

    def _add(self, names: list[str], header: HeaderText, unit: str | None) -> NewIndicator:
        name_vi, name_en, aliases = _names(names)
        # the unit of an indicator is not on the column of its rank
        unit = None if header.rank else self.unit or (header.units[0] if header.units else unit)
        entry = NewIndicator(self._ident(names[0]), name_vi, name_en, unit, tuple(header.codes), aliases)
        self.added[entry.ident] = entry
        for name in (*names, *aliases):
            self._by_key.setdefault(header_key(name), entry.ident)
        return entry

    def _also(self, ident: str, names: list[str], codes: list[str] = ()) -> NewIndicator:
        """The indicator ``ident`` of this command, with the names of another of its columns as aliases."""
        entry = self.added[ident]
        held = {header_key(n) for n in (entry.name_vi, entry.name_en, *entry.aliases) if n}
        more = tuple(dict.fromkeys(n for n in names if header_key(n) not in held))
        extra = tuple(c for c in codes if c not in entry.codes)
        if more or extra:
            entry = self.added[ident] = entry._replace(aliases=entry.aliases + more, codes=entry.codes + extra)
            for name in more:
                self._by_key.setdefault(header_key(name), ident)
        return entry

    def _ident(self, name: str) -> str:
        parts, length = [], 0
        for word in words(name) or ["indicator"]:
            if parts and length + 1 + len(word) > MAX_ID:
                break
            parts.append(word)
            length += len(word) + (1 if length else 0)
        base = "_".join(parts)[:MAX_ID]
        if base[0].isdigit():
            base = f"i_{base}"[:MAX_ID]
        ident, n = base, 1
        while ident in self.catalog.units or ident in self.added or f"{ident}_rank" in self.catalog.units:
            n += 1
            ident = f"{base}_{n}"
        return ident
