"""What a table's title says about every column below it: the kind of figures it holds.

A ministry publishes the same columns (``Bổ sung cân đối``, ``Tổng thu NSNN trên địa bàn``) in
tables of different kinds: the budget plan (``DỰ TOÁN ...``, ``PLAN OF ...``), the outturn
(``QUYẾT TOÁN ...``, ``FINAL ACCOUNTS OF ...``), an estimate of the year's outturn (``ƯỚC THỰC
HIỆN ...``). A plan and an outturn are two measures, though their columns share names: the kind
the title says is part of each column's identity (``dtikit.ingest.layout``), and a new indicator's
names say it (``Dự toán: Bổ sung cân đối`` / ``Plan: Balancing transfers``).

The kinds are words of a title row above the header (a line in Vietnamese first; a line in English
when no Vietnamese one names a kind). A title naming two kinds (``ƯỚC THỰC HIỆN 2010 VÀ DỰ TOÁN
2011``) qualifies no column as a whole: its columns say which (the label over each group).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dtikit.ingest.header_text import languages, vietnamese
from dtikit.names import words


class Kind(NamedTuple):
    """The kind of figures a title says (``key``), its label in each language, and where it was read."""

    key: str
    vi: str
    en: str
    row: int = -1  # the grid's row (0-based) of the title
    text: str = ""  # the title line that says it

    def label(self, name: str) -> str:
        """The label of this kind in the language of ``name``."""
        return self.vi if vietnamese(name) else self.en

    def qualify(self, name: str) -> str:
        """'Dự toán: Bổ sung cân đối' for 'Bổ sung cân đối'; a name that says a kind of its own ('Dự toán
        năm' under 'TÌNH HÌNH THỰC HIỆN DỰ TOÁN') is kept: the column says which it is."""
        label = self.label(name)
        if words(name)[: len(words(label))] == words(label) or _kinds_in(name):
            return name
        return f"{label}: {name}"


# key, label in Vietnamese and English, phrases in Vietnamese and in English (folded words); the longest
# phrase is tried first, so 'ước thực hiện' is not read as 'thực hiện'
_KINDS = (
    ("uoc_thuc_hien", "Ước thực hiện", "Estimated outturn",
     ("uoc thuc hien du toan", "uoc thuc hien", "uoc tinh thuc hien", "uoc tinh"),
     ("estimated outturn", "estimated implementation", "estimate of implementation", "estimated")),
    # the execution of a plan ('TÌNH HÌNH THỰC HIỆN DỰ TOÁN ...'): what was done, not the plan
    ("thuc_hien", "Thực hiện", "Actual", ("thuc hien du toan", "thuc hien ke hoach"),
     ("budget execution", "execution of", "implementation of")),
    ("du_toan", "Dự toán", "Plan", ("du toan",), ("plan", "budget estimates", "budget estimate")),
    ("quyet_toan", "Quyết toán", "Final accounts", ("quyet toan",), ("final accounts", "final account", "outturn")),
    ("ke_hoach", "Kế hoạch", "Planned", ("ke hoach",), ("planned",)),
    ("so_bo", "Sơ bộ", "Preliminary", ("so bo",), ("preliminary",)),
    ("du_bao", "Dự báo", "Forecast", ("du bao",), ("forecast", "forecasts", "projection", "projections")),
)  # fmt: skip
# a phrase followed by these words names something else ('Bộ Kế hoạch và Đầu tư': a ministry)
_NOT_AFTER = {("ke", "hoach"): ("va", "dau", "tu")}
_BY_KEY = {key: (vi, en) for key, vi, en, _, _ in _KINDS}


def _phrases(english: bool) -> list[tuple[tuple[str, ...], str]]:
    """(folded phrase, kind) of one language, the longest phrases first."""
    found = [(tuple(p.split()), key) for key, _, _, vi, en in _KINDS for p in (en if english else vi)]
    return sorted(found, key=lambda pk: -len(pk[0]))


_VI, _EN = _phrases(False), _phrases(True)


def _kinds_in(line: str) -> set[str]:
    """The kinds one line of a title names."""
    said = words(line)
    found, i = set(), 0
    while i < len(said):
        for phrase, key in _VI if vietnamese(line) else _EN:
            if tuple(said[i : i + len(phrase)]) == phrase:
                after = _NOT_AFTER.get(phrase)
                if after is None or tuple(said[i + len(phrase) : i + len(phrase) + len(after)]) != after:
                    found.add(key)
                i += len(phrase) - 1
                break
        i += 1
    return found


def _says(name: str) -> str | None:
    """The kind a name begins with ('Dự toán: Bổ sung cân đối' -> 'du_toan'), else None."""
    head, sep, _ = name.partition(":")
    if not sep:
        return None
    kinds = _kinds_in(head)
    return next(iter(kinds)) if len(kinds) == 1 and len(words(head)) <= 4 else None


def unqualified(name: str) -> str:
    """A name without the kind it begins with ('Dự toán: Bổ sung cân đối' -> 'Bổ sung cân đối')."""
    return name.partition(":")[2].strip() if _says(name) else name


def kind_of(names: list[str | None]) -> str | None:
    """The kind an indicator's names say (``Kind.qualify`` wrote them), else None."""
    found = {_says(n) for n in names if n}
    found.discard(None)
    return next(iter(found)) if len(found) == 1 else None


def table_kind(grid: list[list[str]], first: int, last: int) -> Kind | None:
    """The kind of figures the title rows ``first`` .. ``last - 1`` say; None when none says one, or the
    title names two."""
    said: dict[bool, dict[str, tuple[int, str]]] = {True: {}, False: {}}
    for i in range(first, last):
        for cell in grid[i]:
            for line in languages(cell) if cell.strip() else []:
                for key in _kinds_in(line):
                    said[vietnamese(line)].setdefault(key, (i, line))
    found = said[True] or said[False]
    if len(found) != 1:
        return None
    ((key, (row, text)),) = found.items()
    vi, en = _BY_KEY[key]
    return Kind(key, vi, en, row, text)


# the year of a table in its title: 'NĂM 2011', 'năm 2010', 'FY 2011', 'FY2010', 'year 2022', never a
# date's ('ngày 25 tháng 11 năm 2010', '25/11/2010') nor a number of an act ('2890/QĐ-BTC')
_TITLE_YEAR = re.compile(r"(?<![\w/.-])(?:năm|nam|fy|year|niên độ|nien do)\s*((?:19|20)\d\d)(?![\w/.-])", re.IGNORECASE)
_DATE = re.compile(r"tháng\s*\d{1,2}\s*,?\s*năm\s*\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", re.IGNORECASE)


def title_year(grid: list[list[str]], first: int, last: int) -> tuple[int, int, str] | None:
    """The one year the title rows ``first`` .. ``last - 1`` name as the table's ('CÂN ĐỐI NGÂN SÁCH NHÀ NƯỚC
    NĂM 2011' / 'STATE BUDGET BALANCE FY 2011'), with its row and line; None when they name none, or two
    ('ƯỚC THỰC HIỆN NĂM 2010 VÀ DỰ TOÁN NĂM 2011': its columns must say which)."""
    found: dict[int, tuple[int, str]] = {}
    for i in range(first, last):
        for cell in grid[i]:
            for line in cell.splitlines() if cell.strip() else []:
                for year in _TITLE_YEAR.findall(_DATE.sub(" ", line)):
                    found.setdefault(int(year), (i, " ".join(line.split())))
    if len(found) != 1:
        return None
    ((year, (row, text)),) = found.items()
    return year, row, text
