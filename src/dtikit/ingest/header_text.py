"""What the header cells of one column say about it: its names, unit, year, and whether it is a rank.

A published table names a column in several ways at once, and not all of them are its identity:

- **names**: each language of a cell is a name: a cell in two languages, one per line or
  ``Tổng số - Total``, gives two (lines of one language are one name wrapped);
- a **numbered label** (``Sub-Index 7``, ``Chỉ số thành phần 6``) is a place in a list whose
  numbering changes between editions: never a name by itself; in ``chỉ số 6_tính năng động`` the
  words after the number are the name;
- a **code** (``c1``, ``sub1_entry``, ``B2/8``: one token with a digit, ``_`` or ``/``, or of at most
  three letters) names a survey question, not the measure, and two columns may share one;
- a **unit** in parentheses at the end (``(%)``, ``(ngày)``, ``(% đồng ý)``, ``(0-10)``) or a bare
  ``(%)`` anywhere, which is not part of the name;
- a **year** outside parentheses beside a short label (``PCI 2011``, at most five words) is the year of
  the column's values, not part of its name; in a sentence (``... so với năm 2000``), after ``từ``/``since``
  or in parentheses (``(Chỉ tiêu mới 2014)``) it is part of what the name says, and stays;
- ``Xếp hạng``/``Thứ hạng``/``Rank`` before a name (or ``ranking`` after it) makes the column the
  rank of that name; ``Điểm chỉ số:``/``Score:`` before a name is the score of that name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dtikit.names import fold, words

_TRAILING = re.compile(r"^(.*?)\s*[\(\[]([^()\[\]]{1,40})[\)\]]\s*$")
_PERCENT_INSIDE = re.compile(r"\s*\(\s*%\s*\)\s*")
_YEAR = re.compile(r"(?<![\d_])((?:19|20)\d{2})(?![\d_])")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LABEL_WORDS = 5  # a year beside a label this short ('PCI 2011', 'Weighted PCI 2006 Using Rounded Weights') dates it
# a year after these words dates something in the name ('bổ sung từ năm 2010'), not the values
_SINCE = re.compile(
    r"(?i)(?:\btừ|\bkể từ|\bsince|\bfrom|\btrước|\bbefore|\bsau|\bafter|\bđến|\buntil)(?:\s+năm|\s+year)?\s*$"
)
_SCORE_OF = re.compile(r"^\s*(?:điểm\s+chỉ\s+số|điểm\s+số|điểm|score|index\s+score)\s*:\s*(.+)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?P<label>\D*?)\s*(?P<n>\d{1,2})(?!\d)\s*(?:[_:.\-–]\s*(?P<rest>.*\S))?\s*$")
# the words of a numbered label: a place in a list of indices, not what is measured
_LIST_WORDS = {"chisothanhphan", "chisophu", "chiso", "subindex", "index", "componentindex", "component"}
_LIST_WORDS |= {"trucot", "pillar", "thanhphan"}
_RANK_START = (("xep", "hang"), ("thu", "hang"), ("rank",), ("ranking",), ("ranked",))
_RANK_END = (("ranking",), ("rank",))
_UNIT_WORDS = {
    "".join(words(w))
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


_RATIO_WORDS = (("ty", "le"), ("ti", "le"), ("ratio",), ("rate",), ("share",), ("phan", "tram"), ("percentage",))


def is_ratio(name: str) -> bool:
    """A name that says its values are ratios ('Tỷ lệ ...', 'Ratio of ...'): not in a table's money unit."""
    found = words(name)
    return any(tuple(found[: len(w)]) == w for w in _RATIO_WORDS)


def vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter with a Vietnamese mark (a name in Vietnamese, not in English)."""
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def is_code(text: str) -> bool:
    """A short code ('c1', 'sub1_entry', 'B2/8', 'd2'): one token with a digit, '_' or '/', or of at most 3 letters."""
    token = text.strip()
    if not re.fullmatch(r"[A-Za-z][\w./-]{0,29}", token):
        return False
    return bool(re.search(r"[\d_/]", token)) or len(token) <= 3


def unit_of(inside: str) -> str | None:
    """The unit a text in parentheses names ('%', 'ngày', '% đồng ý', '0-10', 'Đơn vị: triệu đồng'), else None."""
    inside = inside.strip()
    key = "".join(words(inside))
    if inside.startswith("%") or key in _UNIT_WORDS or re.fullmatch(r"\d+\s*[-–]\s*\d+", inside):
        return "%" if inside == "%" else inside
    if key.startswith(("donvi", "dvt", "unit")) and ":" in inside:
        return inside.split(":", 1)[-1].strip().rstrip(".").strip() or None
    return None


def split_unit(text: str) -> tuple[str, str | None]:
    """('Tỷ lệ hồ sơ', '%') from 'Tỷ lệ hồ sơ (%)'; the text unchanged when its parentheses name no unit."""
    found = _TRAILING.match(text.strip())
    if found:
        unit = unit_of(found.group(2))
        if unit is not None:
            return found.group(1).strip(), unit
    return text.strip(), None


def numbered(text: str) -> tuple[str, str | None] | None:
    """('Sub-Index 7', None) or ('chỉ số 6', 'tính năng động') for a numbered label; None for any other text."""
    found = _NUMBERED.match(text)
    if found is None or "".join(words(found.group("label"))) not in _LIST_WORDS:
        return None
    label = f"{found.group('label').strip()} {found.group('n')}"
    return label, found.group("rest")


def languages(text: str) -> list[str]:
    """The names one header cell gives: its lines of one language joined, then a name in two languages
    ('Tổng số - Total', 'Tổng số\\nTotal') split in two."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    joined: list[str] = []
    for line in filter(None, lines):
        lettered = any(ch.isalpha() for ch in line) and not line.startswith(("(", "["))
        if joined and (not lettered or vietnamese(line) == vietnamese(joined[-1])):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    out = []
    for part in joined:
        left, sep, right = part.partition(" - ")
        if sep and left.strip() and right.strip() and vietnamese(left) != vietnamese(right):
            out += [left.strip(), right.strip()]
        else:
            out.append(part)
    return out


def _rank(text: str) -> tuple[bool, str]:
    """Whether ``text`` names a rank, and the name it ranks ('Thứ hạng PCI 2009' -> (True, 'PCI 2009'))."""
    tokens = text.split()
    folded = [words(t) for t in tokens]
    for phrase in _RANK_START:
        flat = [w for ws in folded[: len(phrase)] for w in ws]
        if tuple(flat) == phrase and len(tokens) > len(phrase) and not tokens[0].lower().startswith("hàng"):
            return True, " ".join(tokens[len(phrase) :])
    for phrase in _RANK_END:
        flat = [w for ws in folded[-len(phrase) :] for w in ws]
        if tuple(flat) == phrase and len(tokens) > len(phrase):
            return True, " ".join(tokens[: -len(phrase)])
    return False, text


_LIST_PHRASES = {tuple(words(p)) for p in ("chỉ số thành phần", "chỉ số", "sub-index", "subindex", "index")}


def plain(name: str) -> str | None:
    """A name without its remarks in parentheses and without the words saying it is an index
    ('Proactivity Sub-Index (New Indicator)' -> 'Proactivity'); None when that changes nothing."""
    tokens = _PARENTHESES.sub(" ", name).split()
    folded = [words(t) for t in tokens]  # each token's words, folded once

    def said(part: list[list[str]]) -> tuple[str, ...]:
        return tuple(w for ws in part for w in ws)

    for n in range(1, 5):  # index words before the name
        if len(tokens) > n and said(folded[:n]) in _LIST_PHRASES:
            tokens, folded = tokens[n:], folded[n:]
            break
    for n in range(1, 5):  # or after it
        if len(tokens) > n and said(folded[-n:]) in _LIST_PHRASES:
            tokens = tokens[:-n]
            break
    found = " ".join(tokens).strip(" :-–_")
    return found if fold(found) and fold(found) != fold(name) else None


@dataclass
class HeaderText:
    """What the header texts of one column say (``read``)."""

    names: list[str] = field(default_factory=list)  # in the file's order, without unit, year or rank words
    numbered: list[str] = field(default_factory=list)  # numbered labels ('Sub-Index 7')
    codes: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # years named outside parentheses
    rank: bool = False
    score_of: bool = False  # 'Điểm chỉ số: X': the score of the index X

    def add_name(self, name: str) -> None:
        if fold(name) and all(fold(name) != fold(n) for n in self.names):
            self.names.append(name)

    @property
    def year(self) -> int | None:
        return self.years[0] if len(set(self.years)) == 1 else None


def read(texts: list[str]) -> HeaderText:
    """What the header ``texts`` of a column (top down, one per header row) say about it."""
    found = HeaderText()
    for text in texts:
        for part in languages(text):
            _read_part(part, found)
    return found


def _read_part(part: str, found: HeaderText) -> None:
    label = numbered(part)
    if label is None and is_code(part):
        found.codes.append(part.strip())
        return
    if label is not None:
        found.numbered.append(label[0])
        if not label[1]:
            return
        part = label[1]
    score = _SCORE_OF.match(part)
    if score:
        part, found.score_of = score.group(1), True
    part, unit = split_unit(part)
    if _PERCENT_INSIDE.search(part):
        part, unit = _PERCENT_INSIDE.sub(" ", part).strip(), unit or "%"
    if unit:
        found.units.append(unit)
    outside = _PARENTHESES.sub(" ", part)
    years = [int(y.group(1)) for y in _YEAR.finditer(outside) if not _SINCE.search(outside[: y.start()])]
    if len(_YEAR.sub(" ", outside).split()) > _LABEL_WORDS:  # a sentence: its year is part of what it says
        years = []
    if years:
        found.years += years
        part = " ".join(_YEAR.sub(" ", part).split())
        part = re.sub(r"(?i)^(?:năm|year)\s+|\s+(?:năm|year)$", "", part).strip()
    rank, part = _rank(part)
    found.rank = found.rank or rank
    found.add_name(part.strip(" -–:_"))
