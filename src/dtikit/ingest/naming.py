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

from dataclasses import dataclass, replace

from dtikit.ingest.header_text import HeaderText, is_code, is_ratio, split_unit, vietnamese
from dtikit.ingest.headers import IndicatorNames, Measure, header_key
from dtikit.names import fold, words

__all__ = ["MAX_ID", "NameClash", "NewIndicator", "NewIndicators", "is_code", "split_unit"]

MAX_ID = 48


class NameClash(ValueError):
    """A column's names belong to two different indicators: ``names`` maps each name to its id."""

    def __init__(self, names: dict[str, str]) -> None:
        super().__init__(names)
        self.names = names


@dataclass(frozen=True)
class NewIndicator:
    """A catalog entry made from a header: id, names, unit and the other names it was read with."""

    ident: str
    name_vi: str | None
    name_en: str | None
    unit: str | None
    code: str | None = None
    aliases: tuple[str, ...] = ()


def _names(names: list[str]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(Vietnamese name, English name, aliases) of a column's names, in the file's order."""
    name_vi = next((n for n in names if vietnamese(n)), None)
    spelled = {fold(n) for n in names if vietnamese(n)}  # 'Tinh nang dong' spells 'Tính năng động'
    name_en = next((n for n in names if not vietnamese(n) and fold(n) not in spelled), None)
    aliases = tuple(n for n in names if n not in (name_vi, name_en))
    return name_vi, name_en, aliases


class NewIndicators:
    """The indicators a command adds, by the names of their headers."""

    def __init__(self, catalog: IndicatorNames, unit: str | None = None) -> None:
        self.catalog = catalog
        self.unit = unit
        self.added: dict[str, NewIndicator] = {}
        self._by_key: dict[str, str] = {}

    def measure(self, header: HeaderText, *, sheet: str | None = None, unit: str | None = None) -> Measure:
        """The measure of a column of numbers whose names are no known indicator.

        ``sheet``: the sheet's name, when it names the column; ``unit``: the sheet's unit line."""
        names = [sheet, *header.names] if sheet else list(header.names)
        names = names or header.numbered[:1] or header.codes[:1]  # nothing better: the label or the code
        known = {self._by_key[header_key(n)]: n for n in names if header_key(n) in self._by_key}
        if len(known) > 1:
            raise NameClash({name: ident for ident, name in known.items()})
        entry = self._also(next(iter(known)), names) if known else self._add(names, header, unit)
        if header.rank:  # 'Thứ hạng PCI 2009': the published rank of that indicator
            return Measure(entry.ident, header.year, rank=True, new=entry)
        return Measure(entry.ident, header.year, new=entry, unit=entry.unit)

    def _add(self, names: list[str], header: HeaderText, unit: str | None) -> NewIndicator:
        name_vi, name_en, aliases = _names(names)
        # the unit of an indicator is not on the column of its rank
        if any(is_ratio(n) for n in names):  # a ratio is not in the money unit of the table's unit line
            unit = None
        unit = None if header.rank else self.unit or (header.units[0] if header.units else unit)
        code = header.codes[0] if header.codes else None
        entry = NewIndicator(self._ident(names[0]), name_vi, name_en, unit, code, aliases)
        self.added[entry.ident] = entry
        for name in (*names, *aliases):
            self._by_key.setdefault(header_key(name), entry.ident)
        return entry

    def _also(self, ident: str, names: list[str]) -> NewIndicator:
        """The indicator ``ident`` of this command, with the names of another of its columns as aliases."""
        entry = self.added[ident]
        held = {header_key(n) for n in (entry.name_vi, entry.name_en, *entry.aliases) if n}
        more = tuple(n for n in names if header_key(n) not in held)
        if more:
            entry = self.added[ident] = replace(entry, aliases=entry.aliases + more)
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
