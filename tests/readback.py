"""Read the numbers back out of a picture or a page, as a reader would: SVG text elements and titles,
mark coordinates scaled back to values through the axis ticks, and HTML tables.

Nothing here imports dtikit: a number is read from the text a person sees (either language's
convention), never formatted by the code under test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode())


def element(root: ET.Element, ident: str) -> ET.Element | None:
    return next((e for e in root.iter() if e.get("id") == ident), None)


def ids(root: ET.Element, prefix: str) -> list[str]:
    return [e.get("id") for e in root.iter() if (e.get("id") or "").startswith(prefix)]


def text(node: ET.Element | None) -> str:
    """Every text element under ``node``, joined, as a person reads them."""
    if node is None:
        return ""
    return " ".join("".join(t.itertext()).strip() for t in node.iter(f"{SVG}text"))


def number(shown: str, lang: str = "en") -> float:
    """The number a person reads in ``shown`` ('0,54', '2.587.362', '60.81%', '19,19 điểm phần trăm')."""
    found = re.search(r"[-−]?\d[\d.,]*", shown)
    if found is None:
        raise ValueError(f"no number in {shown!r}")
    digits = found.group().replace("−", "-").rstrip(".,")
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    return float(digits.replace(thousands, "").replace(decimal, "."))


def ticks(root: ET.Element, axis: str, lang: str = "en") -> list[tuple[float, float]]:
    """(pixel, value) of each numbered tick of the ``x`` or ``y`` axis."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if not re.fullmatch(rf"{axis}tick_\d+", group.get("id") or ""):
            continue
        uses = list(group.iter(f"{SVG}use"))
        label = text(group)
        if uses and re.search(r"\d", label) and not re.search(r"[A-Za-zÀ-ỹ]", label):
            found.append((float(uses[0].get(axis)), number(label, lang)))
    return found


def scale(root: ET.Element, axis: str, lang: str = "en"):
    """The value at a pixel of an axis, from its first and last numbered ticks."""
    marks = ticks(root, axis, lang)
    (p0, v0), (p1, v1) = marks[0], marks[-1]
    return lambda pixel: v0 + (pixel - p0) * (v1 - v0) / (p1 - p0)


def vertices(node: ET.Element) -> list[list[tuple[float, float]]]:
    """The pieces of the first path under ``node``: each a list of (x, y), a new piece at each M (a line
    broken at a missing value is two pieces)."""
    drawn = [p for p in node.iter(f"{SVG}path") if p.get("d") and not p.get("id")]  # not a marker's shape
    if not drawn:
        return []  # a line with no value at all
    path = drawn[0]
    pieces: list[list[tuple[float, float]]] = []
    for command, x, y in re.findall(r"([ML])\s*(-?[\d.]+)\s+(-?[\d.]+)", path.get("d")):
        if command == "M":
            pieces.append([])
        pieces[-1].append((float(x), float(y)))
    return pieces


def marker(node: ET.Element) -> tuple[float, float]:
    """The (x, y) of the marker drawn under ``node`` (a point)."""
    use = next(node.iter(f"{SVG}use"))
    return float(use.get("x")), float(use.get("y"))


def box(node: ET.Element) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of the first path under ``node`` (a bar)."""
    xy = vertices(node)[0]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    return min(xs), min(ys), max(xs), max(ys)


class Tables(HTMLParser):
    """Every table of an HTML page, as rows of cell texts (header rows included), and every card."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cards: list[tuple[str, str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._card: list[str] | None = None
        self._card_class: str | None = None
        self.made = ""
        self._made = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "div" and classes in ("k", "v"):
            self._card, self._card_class = [], classes
        elif tag == "p" and classes == "made":
            self._made = True
        elif tag == "sup" and self._card is not None:
            self._card_class = f"{self._card_class}-done"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "div" and self._card is not None:
            shown = "".join(self._card).strip()
            if self._card_class.startswith("k"):
                self.cards.append((shown, ""))
            else:
                self.cards[-1] = (self.cards[-1][0], shown)
            self._card = None
        elif tag == "p":
            self._made = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._card is not None and not self._card_class.endswith("-done"):
            self._card.append(data)
        if self._made:
            self.made += data


def html_tables(page: str) -> Tables:
    reader = Tables()
    reader.feed(page)
    return reader


_PERIOD_WORDS_VI = {
    "tính đến ngày công bố": "as of publication",
    "sau cuối năm ": "after end-",
    "tính đến": "as of",
    "từ": "from",
    "báo cáo": "report",
    "sơ bộ": "preliminary",
}


def period(shown: str, lang: str = "en") -> str:
    """A period as a person reads it, back in the ISO form of machine formats ('19/5/2022' ->
    '2022-05-19', '6 tháng đầu năm 2023' -> '2023-H1', '1/1/2021–27/7/2023' -> '2021-01-01/2023-07-27')."""
    if lang != "vi":
        return shown
    text = re.sub(r"bài viết về kết quả năm (\d{4})", r"article on \1 results", shown)
    text = re.sub(r"6 tháng đầu năm (\d{4})", r"\1-H1", text)
    text = re.sub(r"6 tháng cuối năm (\d{4})", r"\1-H2", text)
    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", text)
    text = re.sub(r"\b(\d{1,2})/(\d{4})\b", lambda m: f"{m[2]}-{int(m[1]):02d}", text)
    text = text.replace("–", "/")
    for vietnamese, english in _PERIOD_WORDS_VI.items():
        text = text.replace(vietnamese, english)
    return text
