"""New indicators named by their headers (``ingest --new-indicators``).

A column's header texts (one per header row) give the indicator:

- its **names**: a text with Vietnamese letters is the Vietnamese name, another text of words the
  English name; a short code (``c1``, ``sub1_entry``: one token with a digit or ``_``) is only
  noted;
- its **unit**, from a suffix in parentheses that names one: ``(%)``, ``(ngày)``, ``(triệu đồng)``,
  ``(điểm)``, ``(0-10)``... (``--unit`` wins); other parentheses stay part of the name;
- its **id**: the first name in ASCII snake_case (``Tỷ lệ hồ sơ trực tuyến`` ->
  ``ty_le_ho_so_truc_tuyen``), at most 48 characters, made unique in the catalog with ``_2``, ``_3``.

A header whose name is already in the catalog is that indicator, not a new one; the same name
in two sheets of one command is one indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dtikit.ingest.headers import HeaderMapper, IndicatorNames, Measure, header_key
from dtikit.names import words

MAX_ID = 48
_TRAILING = re.compile(r"^(.*?)\s*[\(\[]([^()\[\]]{1,30})[\)\]]\s*$")
_UNIT_WORDS = {
    header_key(w)
    for w in (
        "%",
        "phần trăm",
        "percent",
        "‰",
        "ngày",
        "days",
        "day",
        "giờ",
        "hours",
        "giờ/năm",
        "tháng",
        "months",
        "năm",
        "years",
        "đồng",
        "nghìn đồng",
        "triệu đồng",
        "tỷ đồng",
        "VND",
        "USD",
        "triệu USD",
        "tỷ USD",
        "điểm",
        "points",
        "point",
        "score",
        "người",
        "people",
        "hộ",
        "households",
        "doanh nghiệp",
        "firms",
        "hồ sơ",
        "thủ tục",
        "lần",
        "times",
        "km",
        "km2",
        "ha",
        "xã",
        "thôn",
        "số",
        "number",
        "count",
        "cái",
        "thuê bao",
    )
}


@dataclass(frozen=True)
class NewIndicator:
    """A catalog entry made from a header: id, names and unit."""

    ident: str
    name_vi: str | None
    name_en: str | None
    unit: str | None
    code: str | None = None


def split_unit(text: str) -> tuple[str, str | None]:
    """('Tỷ lệ hồ sơ', '%') from 'Tỷ lệ hồ sơ (%)'; the text unchanged when its parentheses name no unit."""
    found = _TRAILING.match(text.strip())
    if found:
        inside = found.group(2).strip()
        key = header_key(inside)
        if "%" in inside or key in _UNIT_WORDS or re.fullmatch(r"\d+\s*[-–]\s*\d+", inside):
            return found.group(1).strip(), "%" if inside == "%" else inside
        if key.startswith(("donvi", "dvt", "unit")):
            return found.group(1).strip(), inside.split(":", 1)[-1].strip() or None
    return text.strip(), None


def _is_code(text: str) -> bool:
    """A short code ('c1', 'sub1_entry', 'd2'): one ASCII token with a digit or '_', or of at most 3 letters."""
    token = text.strip()
    return bool(re.fullmatch(r"[A-Za-z][\w.]{0,19}", token)) and (bool(re.search(r"[\d_]", token)) or len(token) <= 3)


def _vietnamese(text: str) -> bool:
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


class NewIndicators:
    """The indicators a command adds, by the names of their headers."""

    def __init__(self, catalog: IndicatorNames, unit: str | None = None) -> None:
        self.catalog = catalog
        self.unit = unit
        self.added: dict[str, NewIndicator] = {}
        self._by_key: dict[str, str] = {}

    def measure(self, texts: list[str], mapper: HeaderMapper) -> Measure:
        """The measure of a column of numbers whose header texts name no known indicator."""
        names, units, codes = [], [], []
        for text in (" ".join(t.split()) for t in texts):  # a header cell may wrap its text on several lines
            if _is_code(text):
                codes.append(text.strip())
                continue
            name, unit = split_unit(text)
            if header_key(name):
                names.append(name)
            if unit:
                units.append(unit)
        names = names or codes[:1]
        for name in names:
            known = self._by_key.get(header_key(name))
            if known is not None:
                return Measure(known, new=self.added[known], unit=self.added[known].unit)
        name_vi = next((n for n in names if _vietnamese(n)), None)
        name_en = next((n for n in names if not _vietnamese(n)), None)
        unit = self.unit or (units[0] if units else None)
        entry = NewIndicator(self._ident(names[0]), name_vi, name_en, unit, codes[0] if codes else None)
        self.added[entry.ident] = entry
        for name in names:
            self._by_key.setdefault(header_key(name), entry.ident)
        return Measure(entry.ident, new=entry, unit=unit)

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
