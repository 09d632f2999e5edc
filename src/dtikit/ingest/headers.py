"""From a grid of cells to tidy rows: which row is the header, what each column holds.

Layouts understood:

- **long**: a province column, a year column, an indicator column and a value column
  (``Tỉnh/Thành phố, Năm, Chỉ tiêu, Giá trị``), optionally unit, period and source columns;
- **wide by indicator**: one column per indicator, named by its id or its Vietnamese or English
  name (``Chính quyền số``, ``dti_gov``, ``Xếp hạng Kinh tế số``), or just ``Điểm``/``Score``
  and ``Xếp hạng``/``Rank`` for the index given by ``--indicator`` (default the DTI);
- **wide by year**: one column per year (``2021``, ``DTI 2022``, ``Xếp hạng 2022``).

The header is the first of the top rows that names a province column (title rows above it are
skipped). Column names are compared folded (case, diacritics, spaces and punctuation do not
matter). A header that maps to nothing is an error naming it and the accepted names;
``--map 'HEADER=ROLE'`` maps it explicitly (ROLE: province, year, indicator, value, unit,
period, source, ignore, or an indicator id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from dtikit.errors import UsageError
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
        "Mã",
        "Mã tỉnh",
        "Code",
        "Province code",
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
PILLAR_WORDS = {
    "dti_gov": ("Chính quyền số", "CQS", "Digital government", "Government"),
    "dti_econ": ("Kinh tế số", "KTS", "Digital economy", "Economy"),
    "dti_society": ("Xã hội số", "XHS", "Digital society", "Society"),
}
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
)


def header_key(text: str) -> str:
    return "".join(words(text))


_ROLE_BY_KEY = {header_key(n): role for role, names in ROLE_NAMES.items() for n in names}
_SCORE_KEYS = {header_key(n) for n in SCORE_WORDS}
_RANK_KEYS = {header_key(n) for n in RANK_WORDS}
_PILLAR_KEYS = {header_key(n): i for i, names in PILLAR_WORDS.items() for n in names}
_AGGREGATE_KEYS = {header_key(n) for n in AGGREGATE_ROWS}
# the index and its pillars named as a header names them, for indicator cells of a long table
_INDEX_WORDS = {**dict.fromkeys(_SCORE_KEYS, "dti"), **dict.fromkeys(_RANK_KEYS, "dti_rank"), **_PILLAR_KEYS}


@dataclass(frozen=True)
class Measure:
    """A column of values of one indicator (and year, when the header names one)."""

    indicator: str | None  # None: the indicator given by --indicator
    year: int | None = None
    rank: bool = False
    dti: bool = False  # the header says score, rank or DTI: without --indicator, the DTI


@dataclass
class Layout:
    header_row: int  # index in the grid
    roles: dict[int, str | Measure]
    notes: list[str] = field(default_factory=list)


def parse_mappings(mappings: list[str]) -> dict[str, str]:
    """``--map 'HEADER=ROLE'`` options as {folded header: role or indicator id}."""
    parsed = {}
    for item in mappings:
        header, sep, role = item.rpartition("=")
        if not sep or not header.strip() or not role.strip():
            raise UsageError(f"--map {item!r}: write it as 'HEADER=ROLE' (ROLE: {', '.join(ROLES)} or an indicator id)")
        parsed[header_key(header)] = role.strip()
    return parsed


class IndicatorNames:
    """Indicator text in a file (id, Vietnamese or English name) to a catalog id, or a new id."""

    def __init__(self, catalog: pl.DataFrame) -> None:
        self.units = dict(zip(catalog["indicator"], catalog["unit"], strict=True))
        self.by_key: dict[str, str] = {}
        for row in catalog.iter_rows(named=True):
            for text in (row["indicator"], row["name_vi"], row["name_en"]):
                if text:
                    self.by_key.setdefault(header_key(text), row["indicator"])

    def resolve(self, text: str) -> tuple[str, bool]:
        """(id, is_new): an id or name of the catalog, the index and its pillars as a header names
        them ("Chỉ số DTI", "Chính quyền số"), or their ranks ("Xếp hạng Kinh tế số"); else new."""
        if text in self.units:
            return text, False
        key = header_key(text)
        known = self.by_key.get(key) or _INDEX_WORDS.get(key)
        if known is not None:
            return known, False
        stem = _strip_rank(key)
        base = self.by_key.get(stem) or _INDEX_WORDS.get(stem) if stem != key else None
        if base is not None and f"{base.removesuffix('_rank')}_rank" in self.units:
            return f"{base.removesuffix('_rank')}_rank", False
        if re.fullmatch(r"[a-z][a-z0-9_]*", text):
            return text, True
        return "_".join(words(text)), True


class HeaderMapper:
    """Maps header cells to roles, knowing the indicator catalog."""

    def __init__(self, catalog: pl.DataFrame, mappings: dict[str, str]) -> None:
        self.by_name = {**IndicatorNames(catalog).by_key, **_PILLAR_KEYS}
        self.mappings = mappings

    def map(self, text: str) -> str | Measure | None:
        """The role of a header; a part in parentheses ("Giá trị (%)", "Điểm (0-1)") is tried without."""
        found = self._map(text)
        if found is None and "(" in text:
            found = self._map(_PARENTHESES.sub(" ", text))
        return found

    def _map(self, text: str) -> str | Measure | None:
        key = header_key(text)
        if key in self.mappings:
            role = self.mappings[key]
            if role in ROLES:
                return role
            return Measure(role.removesuffix("_rank"), rank=role.endswith("_rank"))
        if not key:
            return None
        if key in _ROLE_BY_KEY:
            return _ROLE_BY_KEY[key]
        if key in _SCORE_KEYS:
            return Measure(None, dti=True)
        if key in _RANK_KEYS:
            return Measure(None, rank=True, dti=True)
        year = _YEAR.search(text)
        if year:
            rest = "".join(w for w in words(_YEAR.sub(" ", text)) if w != "nam")
            rank = any(rest.startswith(p) for p in _RANK_PREFIXES) and rest not in self.by_name
            stem = _strip_rank(rest) if rank else rest
            if not stem:
                return Measure(None, int(year.group(1)), rank, dti=rank)
            if stem in _SCORE_KEYS or stem in _RANK_KEYS:
                return Measure(None, int(year.group(1)), rank, dti=True)
            indicator = self.by_name.get(stem)
            if indicator is not None:
                return Measure(indicator.removesuffix("_rank"), int(year.group(1)), rank or indicator.endswith("_rank"))
            return None
        if key in self.by_name:
            indicator = self.by_name[key]
            return Measure(indicator.removesuffix("_rank"), rank=indicator.endswith("_rank"))
        stem = _strip_rank(key)
        if stem != key and stem in self.by_name:
            return Measure(self.by_name[stem], rank=True)
        return None

    def accepted(self) -> str:
        def listed(names: tuple[str, ...]) -> str:
            return ", ".join(repr(n) for n in names)

        roles = "; ".join(f"{role}: {listed(names[:4])}" for role, names in ROLE_NAMES.items() if role != "ignore")
        return (
            f"{roles}; a score or rank: {listed(SCORE_WORDS[:3])}, {listed(RANK_WORDS[:3])}; "
            "a year ('2022', 'DTI 2022'); or an indicator id or name (dtikit indicators)"
        )


def _strip_rank(key: str) -> str:
    for prefix in _RANK_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def find_layout(grid: list[list[str]], name: str, mapper: HeaderMapper, scan: int = 20) -> Layout:
    """The header row and each column's role; raises a usage-free ``ValueError`` text on failure."""
    for index, row in enumerate(grid[:scan]):
        mapped = {i: mapper.map(cell) for i, cell in enumerate(row) if cell.strip()}
        if "province" not in mapped.values():
            # "Đơn vị" names the unit of measure, or in ranking tables the province itself
            units = [i for i, cell in enumerate(row) if header_key(cell) == "donvi"]
            if units and any(isinstance(r, Measure) or r == "value" for r in mapped.values()):
                mapped[units[0]] = "province"
        if "province" in mapped.values():
            layout = Layout(index, {})
            unknown = []
            for i, cell in enumerate(row):
                role = mapped.get(i)
                if role is None and cell.strip():
                    unknown.append(cell.strip())
                elif role is None:
                    if any(i < len(r) and r[i].strip() for r in grid[index + 1 :]):
                        unknown.append(f"(unnamed column {i + 1})")
                    continue
                else:
                    layout.roles[i] = role
            if unknown:
                raise LayoutError(
                    f"{name}: row {index + 1}: cannot map column {', '.join(map(repr, unknown))}; "
                    f"name it with --map 'HEADER=ROLE' or use an accepted name ({mapper.accepted()})"
                )
            if index:
                layout.notes.append(f"{name}: header found on row {index + 1}; rows above it skipped")
            return layout
    raise LayoutError(
        f"{name}: no column names a province in the first {min(scan, len(grid))} rows; "
        f"accepted: {', '.join(ROLE_NAMES['province'][:6])}, ...; or --map 'HEADER=province'"
    )


class LayoutError(ValueError):
    """The file's columns cannot be understood."""


def is_aggregate(text: str) -> bool:
    return header_key(text) in _AGGREGATE_KEYS
