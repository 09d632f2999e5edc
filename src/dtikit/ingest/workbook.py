"""Workbooks (.xlsx, .xlsm, .xls, .ods) as grids of text cells, one per sheet, read with calamine.

calamine (through ``python-calamine``) reads the three formats with one API, fast and without
printing warnings. Each sheet becomes a grid whose row ``i`` is spreadsheet row ``i + 1`` and
whose column ``j`` is column ``j + 1`` (leading empty rows and columns are kept). Typed numbers
arrive as ``<prefix><number>`` (``dtikit.ingest.numbers.CANONICAL_PREFIX``), dates as ISO text.

Before calamine reads a sheet, ``dtikit.ingest.cells`` scans it (``xlsx_cells``, ``ods_cells``,
``biff``): a sheet larger than ``DTIKIT_MAX_CELLS`` or a workbook unpacking to more than
``DTIKIT_MAX_BYTES`` is refused, a formula whose saved value cannot be trusted (never saved, or
saved by a program that asks for recalculation) is an error naming the cell, a cell formatted
as percent is read as the percent it shows (``=60.81%``) and an Excel error cell as its text.

Sheets: the first visible one by default; ``--sheet NAME`` (repeatable; names compared with and
without diacritics) or ``--sheet all`` for every visible worksheet. Hidden and very hidden sheets
are read only when named, and skipping them is said. A year in a sheet's name (``2016_PAPI``,
``Năm 2022``, ``DTI 2023``) is the year of its rows when they give none.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from xml.etree import ElementTree

from dtikit.errors import DataError
from dtikit.ingest.biff import scan_xls
from dtikit.ingest.cells import (
    ARCHIVE_FAULTS,
    MISSING_ERRORS,
    SheetScan,
    address,
    check_parts,
    check_size,
    damaged,
)
from dtikit.ingest.numbers import CANONICAL_PREFIX
from dtikit.ingest.ods_cells import scan_ods
from dtikit.ingest.xlsx_cells import scan_xlsx, sheet_paths
from dtikit.messages import say
from dtikit.names import fold

ALL_SHEETS = "all"
_SHEET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_OLE2 = b"\xd0\xcf\x11\xe0"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


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
    except ARCHIVE_FAULTS:
        return "xlsx"  # reading it says what is wrong with it
    return "xlsx"


def sheet_year(name: str) -> int | None:
    found = _SHEET_YEAR.findall(name)
    return int(found[0]) if len(set(found)) == 1 else None


def _choose(file: str, sheets: list[tuple[str, bool]], wanted: list[str]) -> tuple[list[str], list[str]]:
    """The sheets to read (``sheets``: each worksheet's name and whether it is visible) and notes.

    Hidden and very hidden sheets are read only when named: by default the first visible sheet is
    read, and ``--sheet all`` reads the visible ones; each skips the hidden ones with a note.
    """
    available = [name for name, _ in sheets]
    visible = [name for name, shown in sheets if shown]
    hidden = [name for name, shown in sheets if not shown]
    skipped = say("files.note.hidden_sheets", file=file, sheets=", ".join(map(repr, hidden))) if hidden else None
    if not wanted or any(w.strip().lower() == ALL_SHEETS for w in wanted):
        if not visible:
            raise DataError(say("files.no_visible_sheet", file=file, listed=", ".join(map(repr, available))))
        return (visible if wanted else visible[:1]), [skipped] if skipped else []
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
    return chosen, []


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{CANONICAL_PREFIX}{value!r}"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).replace(CANONICAL_PREFIX, "\ufffd")  # a text is never taken for a typed number


def read_sheets(file: str, data: bytes, kind: str, wanted: list[str]) -> list[Sheet]:
    """The chosen sheets of a workbook as grids of text (``wanted``: names, ``['all']`` or none).

    Each sheet is scanned before calamine reads it (``dtikit.ingest.cells``): its size is bounded,
    a formula whose saved value cannot be trusted is an error naming its cell, and cells formatted
    as percent and Excel error cells are read as what they show.
    """
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    scans = _before_opening(file, data, kind)  # .xls and .ods: calamine reads every sheet when it opens
    repaired: list[str] = []
    if kind == "xlsx":
        data, repaired = repair_dimensions(data)
    book = _open(file, data, kind)
    try:
        sheets = [
            (m.name, m.visible == SheetVisibleEnum.Visible)
            for m in book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet
        ]
        chosen, notes = _choose(file, sheets, wanted)
        if kind == "xlsx":
            scans = _archive(file, data, lambda archive: scan_xlsx(file, archive, chosen))
        read = [_read_sheet(book, file, name, scans.get(name)) for name in chosen]
    finally:
        book.close()
    if not wanted and len(sheets) > 1:
        notes.insert(0, say("ingest.note.first_sheet", sheet=chosen[0], n=len(sheets)))
    read[0].notes[:0] = notes
    for sheet in read:
        if sheet.name in repaired:
            sheet.notes.append(say("ingest.note.dimension_ignored", file=file, sheet=sheet.name))
    return read


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
            paths = {path: name for name, path in sheet_paths(archive).items()}
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
    except (*ARCHIVE_FAULTS, ElementTree.ParseError):
        return data, []  # calamine says what is wrong with the file
    return out.getvalue(), [paths[p] for p in bad]


def _before_opening(file: str, data: bytes, kind: str) -> dict[str, SheetScan]:
    """What must be known before calamine opens the workbook: the scan of every sheet of an .xls or
    .ods; for an .xlsx, its parts checked (its sheets are scanned once chosen)."""
    if kind == "xls":
        return scan_xls(file, data)
    if kind == "ods":
        return _archive(file, data, lambda archive: scan_ods(file, archive))
    return _archive(file, data, lambda archive: check_parts(file, archive, skip=set(sheet_paths(archive).values())))


def _archive(file: str, data: bytes, read):
    """``read(archive)`` on the workbook's zip archive; a fault of the archive is one line naming the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return read(archive) or {}
    except ARCHIVE_FAULTS as exc:
        raise damaged(file, exc) from None
    except ElementTree.ParseError as exc:
        raise DataError(say("ingest.workbook_damaged", file=file, reason=f"XML: {exc}")) from None


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send what native code writes on stderr (file descriptor 2) nowhere while the block runs: a
    Rust library that panics on a damaged file prints its own report there."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _panic(exc: BaseException) -> bool:
    """Whether ``exc`` is a Rust panic (a BaseException, not an Exception) to say in one line."""
    return type(exc).__name__ == "PanicException"


def _open(file: str, data: bytes, kind: str):
    from python_calamine import CalamineWorkbook

    try:
        with quiet_stderr():
            return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine's errors carry no file or cell: say what to do
        if not isinstance(exc, Exception) and not _panic(exc):
            raise
        label = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}[kind]
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        reason = say("ingest.damaged") if _panic(exc) else reason
        raise DataError(say("ingest.workbook_unopenable", file=file, kind=label, reason=reason)) from None


def _read_sheet(book, file: str, name: str, scan: SheetScan | None) -> Sheet:
    """One sheet as a grid of text, its cells as they show (``scan``), after its bounds and formulas are checked."""
    notes = []
    if scan is not None:
        check_size(file, name, scan)
        if scan.untrusted:
            (cell, formula, key), more = scan.untrusted[0], len(scan.untrusted) - 1
            more = say("ingest.and_n_more", n=more) if more else ""
            raise DataError(say(key, file=file, sheet=name, cell=cell, formula=formula, more=more))
        notes = _error_notes(file, name, scan)
    rows = _calamine_rows(book, file, name)
    grid = [[_cell(v) for v in row] for row in rows]
    if scan is not None:
        notes += _shown(grid, rows, scan, file, name)
    while grid and not any(c.strip() for c in grid[-1]):
        grid.pop()
    return Sheet(name, grid, sheet_year(name), notes)


def _calamine_rows(book, file: str, name: str) -> list[list]:
    """The values of one sheet as calamine reads them, its size checked again first."""
    from python_calamine import CalamineError

    try:
        with quiet_stderr():
            sheet = book.get_sheet_by_name(name)
            if sheet.end is not None:  # the size calamine found, checked again before Python holds every cell
                check_size(file, name, SheetScan(rows=sheet.end[0] + 1, columns=sheet.end[1] + 1))
            return sheet.to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise DataError(say("ingest.sheet_unreadable", file=file, sheet=name, reason=exc)) from None
    except BaseException as exc:
        if not _panic(exc):
            raise
        raise DataError(say("ingest.sheet_unreadable", file=file, sheet=name, reason=say("ingest.damaged"))) from None


def _shown(grid: list[list[str]], rows: list[list], scan: SheetScan, file: str, sheet: str) -> list[str]:
    """Put the text error cells show and the percent that numbers show into ``grid``; one scale per column:
    a column where only some numbers are formatted as percent is read as stored, with a note."""
    for (r, c), text in scan.shown.items():
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = text
    by_column: dict[int, list[tuple[int, int]]] = {}
    for r, c in scan.percent:
        by_column.setdefault(c, []).append((r, c))
    notes = []
    for c, cells in sorted(by_column.items()):
        numbers = [r for r, row in enumerate(rows) if c < len(row) and _is_number(row[c])]
        plain = [r for r in numbers if (r, c) not in scan.percent]
        if plain:
            shown, stored = address(*min(cells)), address(plain[0], c)
            notes.append(say("files.note.percent_mixed", file=file, sheet=sheet, cell=shown, other=stored))
            continue
        for r, _ in cells:
            if r < len(grid) and c < len(grid[r]):
                grid[r][c] = scan.percent[r, c]
    return notes


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _error_notes(file: str, sheet: str, scan: SheetScan) -> list[str]:
    """A note naming the error cells read as missing values (#N/A); other errors are refused where read."""
    missing = [cell for cell, text in scan.errors if text.upper() in MISSING_ERRORS]
    if not missing:
        return []
    more = say("ingest.and_n_more", n=len(missing) - 5) if len(missing) > 5 else ""
    return [say("files.note.na_cells", file=file, sheet=sheet, cells=", ".join(missing[:5]), more=more)]
