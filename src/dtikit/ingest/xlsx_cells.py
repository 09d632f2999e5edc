"""The cells of an .xlsx sheet that calamine does not describe, found in its XML before calamine reads it.

See ``dtikit.ingest.cells`` for what is looked for and why. The sheet's XML is read a few
megabytes at a time, each piece ending after a row, with regular expressions (a cell element
holds no other cell, and XML text holds no ``<``):

- the farthest cell holding something (a value, inline text or a formula: a styled empty cell
  is not read by calamine) comes from the ``r`` references of those cells, gathered in bulk;
- only the cells that need a closer look are taken apart one by one: those of a percent style,
  error cells (``t="e"``) and formulas.

A sheet with a cell that gives no ``r`` (calamine then counts cells along the row) is read again
cell by cell (``_Sequential``), each placed as calamine places it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from functools import cache
from xml.etree import ElementTree

from dtikit import environment
from dtikit.ingest.cells import CHUNK, SheetScan, address, format_sections, percent_text
from dtikit.messages import say

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_REF = re.compile(rb"([A-Za-z]+)(\d+)$")


def _attr(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"\s" + name + rb"\s*=\s*([\"'])(.*?)\1", re.S)


_R, _S, _T = _attr(b"r"), _attr(b"s"), _attr(b"t")
_Q = rb"[\"']"


class _Unnamed(Exception):
    pass


@cache
def _patterns(prefix: bytes) -> dict[str, re.Pattern[bytes]]:
    """The expressions for a sheet whose elements carry ``prefix`` (b"" or b"x:")."""
    p = re.escape(prefix)
    opened = rb"[^>]*(?<!/)>"  # the rest of a start tag that is not self-closed
    return {
        # a cell holding something (not empty, not closed at once), with its reference: letters and row;
        # or a cell giving no reference at all (both groups empty)
        "held": re.compile(
            rb"<"
            + p
            + rb"c(?=[\s/>])(?:[^>]*?\sr\s*=\s*"
            + _Q
            + rb"([A-Za-z]+)(\d+)"
            + _Q
            + opened
            + rb"(?!\s*</"
            + p
            + rb"c\s*>)|(?![^>]*\sr\s*=))"
        ),
        "cell": re.compile(rb"<" + p + rb"c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</" + p + rb"c\s*>)", re.S),
        "error": re.compile(
            rb"<" + p + rb"c(\s[^>]*?\st\s*=\s*" + _Q + rb"e" + _Q + opened[:-1] + rb")>(.*?)</" + p + rb"c\s*>", re.S
        ),
        "formula": re.compile(rb"<" + p + rb"f[\s/>]"),
        "open": re.compile(rb"<" + p + rb"c[\s/>]"),
        "end": re.compile(rb"</" + p + rb"c\s*>"),
        # a row's start tag, or a whole cell: ("row", its attributes, "", "") or ("", "", attributes, body)
        "item": re.compile(
            rb"<" + p + rb"(?:(row)(?=[\s/>])([^>]*?)/?>|c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</" + p + rb"c\s*>))", re.S
        ),
        "row_end": re.compile(rb"</" + p + rb"row\s*>"),
        "f": re.compile(rb"<" + p + rb"f(?=[\s/>])([^>]*?)(?:/>|>(.*?)</" + p + rb"f\s*>)", re.S),
        "v": re.compile(rb"<" + p + rb"v(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + p + rb"v\s*>)", re.S),
        "is": re.compile(rb"<" + p + rb"is(?=[\s/>])"),
    }


def _percent_pattern(prefix: bytes, styles: frozenset[int]) -> re.Pattern[bytes] | None:
    """Cells of one of the percent ``styles``, with their attributes and body."""
    if not styles:
        return None
    p, ids = re.escape(prefix), b"|".join(str(s).encode() for s in sorted(styles))
    style = rb"\ss\s*=\s*" + _Q + rb"(?:" + ids + rb")" + _Q
    return re.compile(rb"<" + p + rb"c(\s[^>]*?" + style + rb"[^>]*(?<!/))>(.*?)</" + p + rb"c\s*>", re.S)


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number - 1


# XML's five entities, "&amp;" last, as ``xml.sax.saxutils.unescape`` replaces them (whose import took
# ``urllib``, ``http`` and ``ssl`` with it: 80 ms of every ingest, a CSV's too)
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    if "&" not in text:
        return text
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


class _Cells:
    """What one sheet's cells show: the scan, and how a cell taken apart adds to it."""

    def __init__(self, prefix: bytes, percent: dict[int, list[tuple[bool, int]]], recalculate: bool) -> None:
        self.scan = SheetScan(recalculate=recalculate)
        self.percent = percent
        self.re = _patterns(prefix)
        self.percent_re = _percent_pattern(prefix, frozenset(percent))

    def cell(self, row: int, column: int, attrs: bytes, body: bytes) -> None:
        """One cell at 0-based (row, column): a formula, an error, a number of a percent style."""
        kind = _T.search(attrs)
        kind = kind.group(2) if kind else b"n"
        value = self.re["v"].search(body)
        text = value.group(1) if value is not None else None
        formula = self.re["f"].search(body) if b"f" in body else None
        if formula is not None:
            saved = self.re["is"].search(body) is not None or (text is not None and (bool(text) or kind == b"str"))
            if self.scan.recalculate or not saved:
                written = _text(formula.group(2) or b"").strip()
                key = "ingest.formula_unsaved" if not saved else "files.formula_recalculated"
                shown = f"={written}" if written else say("files.shared_formula")
                self.scan.untrusted.append((address(row, column), shown, key))
        if kind == b"e" and text:
            error = _text(text).strip()
            self.scan.shown[row, column] = error
            self.scan.errors.append((address(row, column), error))
        elif kind == b"n" and text and self.percent:
            style = _S.search(attrs)
            sections = self.percent.get(int(style.group(2))) if style and style.group(2).isdigit() else None
            if sections is not None:
                try:
                    shown = percent_text(float(text), sections)
                except ValueError:
                    shown = None
                if shown is not None:
                    self.scan.percent[row, column] = shown

    def at(self, attrs: bytes) -> tuple[int, int] | None:
        ref = _R.search(attrs)
        parts = _REF.match(ref.group(2)) if ref else None
        return (int(parts.group(2)) - 1, _column(parts.group(1))) if parts else None


class _Bulk(_Cells):
    """Every cell gives its ``r``: the farthest cell in bulk, the special cells one by one."""

    def feed(self, chunk: bytes) -> None:
        held = self.re["held"].findall(chunk)
        if (b"", b"") in held:
            raise _Unnamed
        if held:
            self.scan.reach(max(int(d) for _, d in held) - 1, max(_column(x) for x in {x for x, _ in held}))
        taken: set[tuple[int, int]] = set()
        errors = b'"e"' in chunk or b"'e'" in chunk  # t="e" (text holding "e" in quotes is rare)
        for pattern in (self.re["error"] if errors else None, self.percent_re):
            for found in pattern.finditer(chunk) if pattern is not None else ():
                self._take(found.group(1), found.group(2), taken)
        for found in self.re["formula"].finditer(chunk):
            start = self._open_before(chunk, found.start())
            cell = self.re["cell"].match(chunk, start) if start is not None else None
            if cell is not None:
                self._take(cell.group(1), cell.group(2) or b"", taken)

    def _take(self, attrs: bytes, body: bytes, taken: set[tuple[int, int]]) -> None:
        """Take one cell apart, once (an error cell holds a formula too)."""
        where = self.at(attrs)
        if where is not None and where not in taken:
            taken.add(where)
            self.cell(*where, attrs, body)

    def _open_before(self, chunk: bytes, at: int) -> int | None:
        """Where the cell holding the formula at ``at`` starts."""
        starts = [found.start() for found in self.re["open"].finditer(chunk, max(at - 4096, 0), at)]
        return starts[-1] if starts else None


class _Sequential(_Cells):
    """Cells placed as calamine places them: by ``r`` when given, else after the previous one."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.row, self.column = -1, -1

    def feed(self, chunk: bytes) -> None:
        row, column, far_row, far_column = self.row, self.column, -1, -1
        for is_row, row_attrs, attrs, body in self.re["item"].findall(chunk):
            if is_row:
                number = _R.search(row_attrs) if b"r" in row_attrs else None
                row, column = (int(number.group(2)) - 1 if number and number.group(2).isdigit() else row + 1), -1
                continue
            where = self.at(attrs) if b"r" in attrs else None
            row, column = where if where is not None else (row, column + 1)
            if body and not body.isspace():
                far_row, far_column = max(far_row, row), max(far_column, column)
                if b"f" in body or b"e" in attrs or (self.percent and b"s" in attrs):  # may need a closer look
                    self.cell(row, column, attrs, body)
        self.row, self.column = row, column
        if far_row >= 0:
            self.scan.reach(far_row, far_column)


def _percent_styles(archive: zipfile.ZipFile) -> dict[int, list[tuple[bool, int]]]:
    """Style index -> sections of its number format, for the cell styles whose format shows a '%'."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return {}
    codes = dict(_BUILTIN_PERCENT)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        if (fmt.get("numFmtId") or "").isdigit():
            codes[int(fmt.get("numFmtId"))] = fmt.get("formatCode") or ""
    found = {}
    xfs = root.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else []):
        ident = xf.get("numFmtId") or "0"
        sections = format_sections(codes.get(int(ident), "")) if ident.isdigit() else []
        if any(shows for shows, _ in sections):
            found[index] = sections
    return found


def _recalculates(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to be fully recalculated on opening (its saved formula values are stale)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    calc = book.find(f"{_MAIN}calcPr")
    return calc is not None and (calc.get("fullCalcOnLoad") or "").lower() in ("1", "true")


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside an .xlsx."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    paths = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        paths[sheet.get("name")] = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
    return paths


def scan_xlsx(file: str, archive: zipfile.ZipFile, names: list[str]) -> dict[str, SheetScan]:
    """Each of the sheets ``names`` of an .xlsx, scanned (see ``dtikit.ingest.cells``)."""
    paths = sheet_paths(archive)
    percent, recalculate = _percent_styles(archive), _recalculates(archive)
    found = {}
    for name in names:
        path = paths.get(name)
        if path is None or path not in archive.NameToInfo:
            found[name] = SheetScan()
            continue
        try:
            found[name] = _read(archive, path, _Bulk, percent, recalculate)
        except _Unnamed:
            found[name] = _read(archive, path, _Sequential, percent, recalculate)
    return found


def _read(archive: zipfile.ZipFile, path: str, kind: type[_Cells], percent: dict, recalculate: bool) -> SheetScan:
    """The scan of one sheet's part, fed a few megabytes at a time, each piece ending after a row."""
    pending, sheet = b"", None
    with archive.open(path) as handle:
        while True:
            chunk = handle.read(CHUNK)
            data = pending + chunk
            if sheet is None:
                root = _ROOT.search(data[:4096])
                sheet = kind(root.group(1) or b"" if root else b"", percent, recalculate)
            if not chunk:
                sheet.feed(data)
                return sheet.scan
            cut = _last_end(data, sheet.re)
            sheet.feed(data[:cut])
            pending = data[cut:]
            if sheet.scan.rows * sheet.scan.columns > environment.max_cells():
                return sheet.scan  # refused by ``check_size``: what lies further makes no difference


def _last_end(data: bytes, patterns: dict[str, re.Pattern[bytes]]) -> int:
    """Where the last ``</row>`` of ``data`` ends, else its last ``</c>`` (0 when it has neither)."""
    for end in (patterns["row_end"], patterns["end"]):
        at = len(data)
        while (start := data.rfind(b"</", 0, at)) >= 0 and len(data) - start < CHUNK:
            found = end.match(data, start)
            if found is not None:
                return found.end()
            at = start
    return 0
