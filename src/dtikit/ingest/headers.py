"""From a grid of cells to tidy rows: which row is the header, what each column holds.

Layouts understood:

- **long**: a province column, a year column, an indicator column and a value column
  (``Tỉnh/Thành phố, Năm, Chỉ tiêu, Giá trị``), optionally unit, period and source columns;
- **wide by indicator**: one column per indicator, named by its id or its Vietnamese or English
  name (``Chính quyền số``, ``dti_gov``, ``Xếp hạng Kinh tế số``), or just ``Điểm``/``Score``
  and ``Xếp hạng``/``Rank`` for the index given by ``--indicator`` (default the catalog's headline
  index, ``Catalog.headline``: the DTI);
- **wide by year**: one column per year (``2021``, ``DTI 2022``, ``Xếp hạng 2022``).

The header is the first of the top rows that names a province column (title rows above it are
skipped). Column names are compared folded (case, diacritics, spaces and punctuation do not
matter). A header that maps to nothing is an error naming it and the accepted names;
``--map 'HEADER=ROLE'`` maps it explicitly (ROLE: province, year, indicator, value, unit,
period, source, ignore, or an indicator id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import polars as pl

from dtikit.errors import UsageError
from dtikit.ingest.header_text import languages, numbered
from dtikit.messages import has, language, say
from dtikit.names import words

ROLES = ("province", "year", "indicator", "value", "unit", "period", "source", "ignore")
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "province": (
        "Tỉnh/Thành phố",
        "Tỉnh, thành phố",
        "Tỉnh",
        "Thành phố",
        "Tỉnh thành",
        "Tỉnh/TP",
        "Tỉnh/Thành",
        "Tên tỉnh",
        "Tên tỉnh/thành phố",
        "Tên đơn vị",
        "Địa phương",
        "Địa bàn",
        "Đơn vị hành chính",
        "Province",
        "Province/City",
        "City/Province",
        "Provinces",
        "Province name",
        "Locality",
        "Name",
    ),
    "year": ("Năm", "Năm đánh giá", "Year"),
    "indicator": ("Chỉ tiêu", "Tên chỉ tiêu", "Tên chỉ số", "Indicator", "Indicator id", "Metric", "Measure"),
    "value": ("Giá trị", "Số liệu", "Kết quả", "Value"),
    "unit": ("Đơn vị tính", "ĐVT", "Đơn vị", "Unit"),
    "period": ("Kỳ", "Kỳ báo cáo", "Thời gian", "Thời điểm", "Period", "Date"),
    "source": ("Nguồn", "Nguồn số liệu", "Source"),
    "ignore": (
        "STT",
        "TT",
        "No",
        "No.",
        "#",
        "Số TT",
        "Thứ tự",
        "Số thứ tự",
        "Mã",
        "Mã tỉnh",
        "Mã số",
        "Mã PCI",
        "Mã đơn vị",
        "tinhid",
        "tinh_id",
        "pci_id",
        "ID",
        "Code",
        "Province code",
        "Province ID",
        "Vùng",
        "Vùng kinh tế - xã hội",
        "Region",
        "Ghi chú",
        "Note",
        "Notes",
    ),
}
SCORE_WORDS = (
    "Điểm",
    "Điểm số",
    "Tổng điểm",
    "Score",
    "Chỉ số DTI",
    "Giá trị DTI",
    "Điểm DTI",
    "DTI",
    "PDTI",
    "Chỉ số",
    "DTI score",
    "Index",
)
RANK_WORDS = ("Xếp hạng", "Thứ hạng", "Hạng", "Rank", "Ranking", "Xếp hạng DTI", "DTI rank")
_RANK_PREFIXES = ("xephang", "thuhang", "hang", "rank", "ranking")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_PARENTHESES = re.compile(r"\([^)]*\)")
# Rows that summarise the country rather than name a province: skipped, with a note.
AGGREGATE_ROWS = (
    "Cả nước",
    "Toàn quốc",
    "Trung bình",
    "Trung bình cả nước",
    "Bình quân",
    "Tổng",
    "Tổng cộng",
    "Việt Nam",
    "Average",
    "Total",
    "National",
    "Vietnam",
    "Mean",
    "Median",
    "Trung vị",
    "Min",
    "Max",
    "Minimum",
    "Maximum",
    "Highest",
    "Lowest",
    "Cao nhất",
    "Thấp nhất",
    "Điểm cao nhất",
    "Điểm thấp nhất",
    "Giá trị lớn nhất",
    "Giá trị nhỏ nhất",
    "Độ lệch chuẩn",
    "Standard deviation",
    "Std",
    "Tổng số",
    "Toàn tỉnh",
)
# folded beginnings of such rows ("Trung bình 63 tỉnh", "Median 2016", "Điểm cao nhất cả nước")
_AGGREGATE_STARTS = ("canuoc", "toanquoc", "trungbinh", "binhquan", "tongcong", "trungvi", "median", "average")
_AGGREGATE_STARTS += ("diemcaonhat", "diemthapnhat", "highest", "lowest", "national")


# a key for each cell of a table's every row (a repeated header below the data is searched for, rows
# of statistics are told from provinces): each text is keyed once, as ``names.words`` folds it once
@lru_cache(maxsize=1 << 16)
def header_key(text: str) -> str:
    return "".join(words(text))


_ROLE_BY_KEY = {header_key(n): role for role, names in ROLE_NAMES.items() for n in names}
_SCORE_KEYS = {header_key(n) for n in SCORE_WORDS}
_RANK_KEYS = {header_key(n) for n in RANK_WORDS}
_AGGREGATE_KEYS = {header_key(n) for n in AGGREGATE_ROWS}


@dataclass(frozen=True)
class Measure:
    """A column of values of one indicator (and year, when the header names one)."""

    indicator: str | None  # None: the indicator given by --indicator
    year: int | None = None
    rank: bool = False
    index: str | None = None  # the header says score, rank or DTI: without --indicator, this headline index
    province_column: int | None = None  # a (province, value) pair: the column of its provinces
    new: Any = None  # a ``naming.NewIndicator`` made from the header
    unit: str | None = None  # the unit its header names


class Mapping(NamedTuple):
    """One ``--map`` option: a header (folded), a spreadsheet letter or a 1-based position, and a role."""

    text: str
    key: str
    column: int | None  # by letter (C) or position (#3)
    role: str


_LETTERS = re.compile(r"^[A-Z]{1,2}$")


def parse_mappings(mappings: list[str]) -> list[Mapping]:
    """``--map`` options: 'HEADER=ROLE', 'C=ROLE' (spreadsheet letter) or '#3=ROLE' (position from 1)."""
    parsed = []
    for item in mappings:
        header, sep, role = item.rpartition("=")
        if not sep or not header.strip() or not role.strip():
            raise UsageError(say("ingest.map_form", mapping=item, roles=", ".join(ROLES)))
        text = header.strip()
        column = None
        if re.fullmatch(r"#\d+", text):
            column = int(text[1:]) - 1
            if column < 0:
                raise UsageError(say("ingest.map_position", mapping=item))
        elif _LETTERS.match(text):
            column = 0
            for letter in text:
                column = column * 26 + ord(letter) - 64
            column -= 1
        parsed.append(Mapping(text, header_key(text), column, role.strip()))
    return parsed


class IndicatorNames:
    """Indicator text in a file (id, Vietnamese or English name) to a catalog id, or a new id.

    Names are found by the one resolver of ``dtikit.catalog``; the catalog's headline index and its
    parts are also found as a header names them ("Chỉ số DTI", "Điểm", "CQS": ``SCORE_WORDS``,
    ``RANK_WORDS`` and the parts' names and aliases).
    """

    def __init__(self, catalog: pl.DataFrame) -> None:
        from dtikit.catalog import Catalog, name_key

        self.catalog = Catalog(catalog)
        self.units = self.catalog.units()
        try:
            index = self.catalog.headline()
        except UsageError:  # a catalog without a headline index: a header's 'Điểm' names none
            index = None
        self.headline = None if index is None else index.id
        parts = [] if index is None else self.catalog.parts(index)
        # a part's word names the part first ('Government': the headline's part, not another indicator)
        self.part_keys = {
            name_key(text): part.id
            for part in parts
            for text in (*part.aliases, part.name_vi or "", part.name_en or "")
            if name_key(text)
        }
        # the index and its parts named as a header names them, for indicator cells of a long table
        self.index_words = dict(self.part_keys)
        if index is not None:
            self.index_words.update(dict.fromkeys(_SCORE_KEYS, index.id))
            if index.rank_id:
                self.index_words.update(dict.fromkeys(_RANK_KEYS, index.rank_id))

    def known(self, text: str, *, index_words: bool = True) -> str | None:
        """The catalog id ``text`` names (an id, a name in any spelling); None when none or several.

        ``index_words``: also the words a header uses for the index ('Điểm', 'Xếp hạng', 'CQS')."""
        if text in self.units:
            return text
        found = self.catalog.lookup(text, codes=False)  # a code names a question, and editions reuse codes
        if found is not None:
            return found.id
        return self.index_words.get(header_key(text)) if index_words else None

    def rank_of(self, ident: str) -> str:
        """The id of the published rank of ``ident``: the catalog's, else ``<id>_rank``."""
        if ident.endswith("_rank"):
            return ident
        found = self.catalog.indicators.get(ident)
        return found.rank_id if found is not None and found.rank_id else f"{ident}_rank"

    def resolve(self, text: str) -> tuple[str, bool]:
        """(id, is_new): an id or name of the catalog, or the rank of one ("Xếp hạng Kinh tế số"); else new."""
        known = self.known(text)
        if known is not None:
            return known, False
        key = header_key(text)
        stem = _strip_rank(key)
        base = self.known(stem) if stem != key else None
        if base is not None and self.rank_of(base) in self.units:
            return self.rank_of(base), False
        if re.fullmatch(r"[a-z][a-z0-9_]*", text):
            return text, True
        return "_".join(words(text)), True


class HeaderMapper:
    """Maps header cells to roles, knowing the indicator catalog."""

    def __init__(self, catalog: pl.DataFrame, mappings: list[Mapping]) -> None:
        self.names = IndicatorNames(catalog)
        self.mappings = mappings
        self.used: set[Mapping] = set()

    def _indicator(self, key: str, text: str | None = None) -> str | None:
        """The indicator a header names (``text`` as written, else its ``key``), or a pillar's word names."""
        found = self.names.part_keys.get(key)
        if found is None and text is not None:
            found = self.names.known(text, index_words=False)
        return found or self.names.known(key, index_words=False)

    def positional(self, column: int) -> str | Measure | None:
        """The role ``--map C=ROLE`` or ``--map #3=ROLE`` gives a column, if any."""
        for m in self.mappings:
            if m.column == column:
                self.used.add(m)
                return _role_of(m.role)
        return None

    def given(self, text: str) -> str | Measure | None:
        """The role a ``--map 'HEADER=ROLE'`` option gives a header text (or a language of it), if any."""
        keys = {header_key(t) for t in (text, _PARENTHESES.sub(" ", text), *languages(text))} - {""}
        for m in self.mappings:
            if m.column is None and m.key in keys:
                self.used.add(m)
                return _role_of(m.role)
        return None

    def unused(self) -> list[str]:
        """The ``--map`` options that matched no column."""
        return [f"{m.text}={m.role}" for m in self.mappings if m not in self.used]

    def map(self, text: str, column: int | None = None) -> str | Measure | None:
        """The role of a header; a part in parentheses ("Giá trị (%)", "Điểm (0-1)") is tried without, and
        each language of a cell in two ("Tỉnh, thành phố\nProvince", "Tổng số - Total") alone."""
        found = self._map(text)
        if found is None and "(" in text:
            found = self._map(_PARENTHESES.sub(" ", text))
        parts = languages(text)
        if found is None and len(parts) > 1:
            found = next((role for role in map(self.map, parts) if role is not None), None)
        lines = [line for line in text.splitlines() if line.strip()]
        if found is None and len(lines) > 1 and len(parts) == 1:  # 'STT\nNo': a word a line
            found = next((role for role in map(self.map, lines) if role == "ignore"), None)
        return found

    def _map(self, text: str) -> str | Measure | None:
        key = header_key(text)
        for m in self.mappings:
            if (m.column is None and m.key == key) or (m.column is not None and m.text == text.strip()):
                self.used.add(m)
                return _role_of(m.role)
        if not key:
            return None
        if key in _ROLE_BY_KEY:
            return _ROLE_BY_KEY[key]
        index = self.names.headline
        if key in _SCORE_KEYS:
            return Measure(None, index=index)
        if key in _RANK_KEYS:
            return Measure(None, rank=True, index=index)
        if numbered(text) is not None:  # 'Sub-Index 6': a place in a list that changes, never an indicator
            return None
        if is_aggregate(text):  # 'Tổng số', 'Total': the total of a group of columns, not the index
            return None
        year = _YEAR.search(text)
        if year:
            rest = "".join(w for w in words(_YEAR.sub(" ", text)) if w != "nam")
            if rest in _SCORE_KEYS or rest in _RANK_KEYS:
                return Measure(None, int(year.group(1)), rest in _RANK_KEYS, index=index)
            if rest and self._indicator(rest) is not None:
                return self._measure(self._indicator(rest), False, int(year.group(1)))
            rank = any(rest.startswith(p) for p in _RANK_PREFIXES)
            stem = _strip_rank(rest) if rank else rest
            if not stem:
                return Measure(None, int(year.group(1)), rank, index=index if rank else None)
            if stem in _SCORE_KEYS or stem in _RANK_KEYS:
                return Measure(None, int(year.group(1)), rank, index=index)
            indicator = self._indicator(stem)
            if indicator is not None:
                return self._measure(indicator, rank, int(year.group(1)))
            return None
        indicator = self._indicator(key, text)
        if indicator is not None:
            return self._measure(indicator, False)
        stem = _strip_rank(key)
        if stem != key and self._indicator(stem) is not None:
            return self._measure(self._indicator(stem), True)
        return None

    def _measure(self, indicator: str, rank: bool, year: int | None = None) -> Measure:
        """A column of ``indicator`` (or of its rank): a rank id is the rank of its score."""
        catalog = self.names.catalog
        score = catalog.score_of(catalog.get(indicator)).id if indicator in catalog else None
        if score is not None and score != indicator:
            return Measure(score, year, rank=True)
        if indicator.endswith("_rank") and indicator not in self.names.units:
            return Measure(indicator.removesuffix("_rank"), year, rank=True)
        return Measure(indicator, year, rank=rank)

    def accepted(self) -> str:
        def listed(names: tuple[str, ...]) -> str:
            return ", ".join(repr(n) for n in names)

        def role_said(role: str) -> str:  # the word --map takes, and in Vietnamese what it means
            return role if language() == "en" or not has(f"label.{role}") else f"{role} ({say(f'label.{role}')})"

        roles = "; ".join(
            f"{role_said(role)}: {listed(names[:4])}" for role, names in ROLE_NAMES.items() if role != "ignore"
        )
        return say("ingest.accepted", roles=roles, scores=listed(SCORE_WORDS[:3]), ranks=listed(RANK_WORDS[:3]))


def _role_of(role: str) -> str | Measure:
    if role in ROLES:
        return role
    return Measure(role.removesuffix("_rank"), rank=role.endswith("_rank"))


def scored(ident: str) -> str | None:
    """The measure a new indicator's id names with a score word before or after it ('diem_pci',
    'pci_score': 'pci'); None when it has none."""
    parts = ident.split("_")
    for k in range(len(parts) - 1, 0, -1):  # the longest word first ('diem_so_pci': 'pci', not 'so_pci')
        if "".join(parts[:k]) in _SCORE_KEYS:
            return "_".join(parts[k:])
        if "".join(parts[-k:]) in _SCORE_KEYS:
            return "_".join(parts[:-k])
    return None


def _strip_rank(key: str) -> str:
    for prefix in _RANK_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


@lru_cache(maxsize=1 << 16)
def is_aggregate(text: str) -> bool:
    """A row label that is a statistic of the provinces (a total, an average, a median...), not a province."""
    key = header_key(text)
    if key in _AGGREGATE_KEYS or key.startswith(_AGGREGATE_STARTS):
        return True
    parts = languages(text)  # 'Tổng số - Total', 'Cả nước\nWhole country'
    return len(parts) > 1 and any(is_aggregate(part) for part in parts)


_IDENTIFIER = re.compile(
    r"^(?:ma(?:tinh|pci|papi|so|donvi|dv|tp|hanhchinh)?|(?:tinh|pci|papi|province|unit|row)(?:id|code)"
    r"|id|stt|tt|no|thutu|sothutu|code|rownumber)$"
)


def is_identifier(text: str) -> bool:
    """A header naming codes or row numbers ('Mã PCI', 'tinhid', 'STT'), not values to keep."""
    key = header_key(text)
    if not key:  # '#', '(%)': no word to go by ('#' alone is a row-number header, mapped by name)
        return text.strip() == "#"
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(is_identifier(line) for line in lines):  # 'STT\nNo'
        return True
    return _ROLE_BY_KEY.get(key) == "ignore" or bool(_IDENTIFIER.match(key))
