"""Workbooks (.xlsx, .xlsm, .xls, .ods) as grids of text cells, one per sheet, read with calamine.

calamine (through ``python-calamine``) reads the three formats with one API, fast and without
printing warnings. Each sheet becomes a grid whose row ``i`` is spreadsheet row ``i + 1`` and
whose column ``j`` is column ``j + 1`` (leading empty rows and columns are kept). Typed numbers
arrive as ``=<number>`` (``dtikit.ingest.numbers.CANONICAL_PREFIX``), dates as ISO text.

Sheets: the first by default; ``--sheet NAME`` (repeatable; names compared with and without
diacritics) or ``--sheet all`` for every worksheet. A year in a sheet's name (``2016_PAPI``,
``Năm 2022``, ``DTI 2023``) is the year of its rows when they give none.

A formula whose value was never saved (a file written by a program, not opened in a
spreadsheet since) has no value to read: it is an error naming the cell, never skipped.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from xml.etree import ElementTree

from dtikit.errors import DataError
from dtikit.ingest.numbers import CANONICAL_PREFIX
from dtikit.messages import say
from dtikit.names import fold

ALL_SHEETS = "all"
_SHEET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_OLE2 = b"\xd0\xcf\x11\xe0"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Sheet:
    name: str
    grid: list[list[str]]
    year: int | None  # a year named by the sheet's name
    notes: list[str] = field(default_factory=list)


def workbook_kind(data: bytes) -> str | None:
    """'xlsx', 'ods' or 'xls' by the file's own bytes; None when it is not a workbook."""
    if data.startswith(_OLE2):
        return "xls"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
                return "ods"
    except zipfile.BadZipFile:
        return "xlsx"  # calamine says what is wrong with it
    return "xlsx"


def sheet_year(name: str) -> int | None:
    found = _SHEET_YEAR.findall(name)
    return int(found[0]) if len(set(found)) == 1 else None


def _choose(file: str, available: list[str], wanted: list[str]) -> list[str]:
    if not wanted:
        return available[:1]
    if any(w.strip().lower() == ALL_SHEETS for w in wanted):
        return available
    by_key = {}
    for sheet in available:
        by_key.setdefault(fold(sheet), sheet)
    chosen = []
    for name in wanted:
        found = name if name in available else by_key.get(fold(name))
        if found is None:
            listed = ", ".join(map(repr, available))
            raise DataError(say("ingest.no_sheet", file=file, sheet=name, listed=listed))
        if found not in chosen:
            chosen.append(found)
    return chosen


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{CANONICAL_PREFIX}{value!r}"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def read_sheets(file: str, data: bytes, kind: str, wanted: list[str]) -> list[Sheet]:
    """The chosen sheets of a workbook as grids of text (``wanted``: names, ``['all']`` or none)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    repaired: list[str] = []
    if kind == "xlsx":
        data, repaired = repair_dimensions(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine's errors carry no file or cell: say what to do
        label = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}[kind]
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise DataError(say("ingest.workbook_unopenable", file=file, kind=label, reason=reason)) from None
    try:
        worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        chosen = _choose(file, worksheets, wanted)
        uncached = _uncached_formulas(file, data, chosen) if kind == "xlsx" else {}
        sheets = []
        for name in chosen:
            if uncached.get(name):
                (cell, formula), more = uncached[name][0], len(uncached[name]) - 1
                more = say("ingest.and_n_more", n=more) if more else ""
                raise DataError(
                    say("ingest.formula_unsaved", file=file, sheet=name, cell=cell, formula=formula, more=more)
                )
            try:
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except CalamineError as exc:
                raise DataError(say("ingest.sheet_unreadable", file=file, sheet=name, reason=exc)) from None
            grid = [[_cell(v) for v in row] for row in rows]
            while grid and not any(c.strip() for c in grid[-1]):
                grid.pop()
            sheets.append(Sheet(name, grid, sheet_year(name)))
    finally:
        book.close()
    if not wanted and len(worksheets) > 1:
        sheets[0].notes.append(say("ingest.note.first_sheet", sheet=chosen[0], n=len(worksheets)))
    for sheet in sheets:
        if sheet.name in repaired:
            sheet.notes.append(say("ingest.note.dimension_ignored", file=file, sheet=sheet.name))
    return sheets


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]*)"\s*/>')
_CELL_RANGE = re.compile(rb"^[A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?$")
_HEAD = 1 << 16  # the <dimension> record comes before the cells, in the first bytes of a sheet


def repair_dimensions(data: bytes) -> tuple[bytes, list[str]]:
    """An .xlsx whose sheets declare a used range without columns (``<dimension ref="1:69"/>``, as some
    LibreOffice versions save it) with that record left out, and the names of those sheets.

    The record is only a hint of the used range (the cells are read whatever it says), but calamine
    refuses a sheet whose record has no column ("Range is missing the expected column component").
    A file without such a record is returned as it is, unread beyond each sheet's first bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paths = {path: name for name, path in _sheet_paths(archive).items()}
            bad = []
            for path in paths:
                if path in archive.namelist():
                    with archive.open(path) as handle:
                        found = _DIMENSION.search(handle.read(_HEAD))
                    if found and not _CELL_RANGE.match(found.group(1)):
                        bad.append(path)
            if not bad:
                return data, []
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    with archive.open(info) as source, copy.open(info, "w") as target:
                        head = source.read(_HEAD)
                        target.write(_DIMENSION.sub(b"", head, count=1) if info.filename in bad else head)
                        shutil.copyfileobj(source, target, 1 << 20)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, zlib.error, EOFError, OSError):
        return data, []  # calamine says what is wrong with the file
    return out.getvalue(), [paths[p] for p in bad]


def _uncached_formulas(file: str, data: bytes, sheets: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per sheet of an .xlsx, the cells holding a formula without a saved value: (address, formula)."""
    found: dict[str, list[tuple[str, str]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paths = _sheet_paths(archive)
            for name in sheets:
                path = paths.get(name)
                if path is None or path not in archive.namelist():
                    continue
                with archive.open(path) as handle:
                    for _, element in ElementTree.iterparse(handle):
                        if element.tag == f"{_MAIN}c":
                            formula = element.find(f"{_MAIN}f")
                            value = element.find(f"{_MAIN}v")
                            inline = element.find(f"{_MAIN}is")
                            saved = inline is not None or (
                                value is not None and (value.text or element.get("t") == "str")
                            )
                            if formula is not None and formula.text and not saved:
                                found.setdefault(name, []).append((element.get("r", "?"), formula.text))
                            element.clear()
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return {}  # calamine read it: whatever this cannot parse holds no formula we can name
    except (zlib.error, EOFError, OSError) as exc:  # a sheet's data cannot be decompressed
        raise DataError(say("ingest.workbook_damaged", file=file, reason=exc)) from None
    return found


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside an .xlsx."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    paths = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        paths[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths
