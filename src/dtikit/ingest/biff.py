"""What the cells of an old Excel workbook (.xls, BIFF8) show, read before calamine opens it.

An .xls file is an OLE2 compound file holding a ``Workbook`` stream of BIFF records. This module
reads that stream (``compound_stream``) and, for every worksheet, the records calamine reads as
values: the sheet's farthest cell, the number format of each number (``FORMAT`` and ``XF``
records: percent formats are read as ``dtikit.ingest.cells`` reads them in .xlsx), Excel error
cells (``BOOLERR``, and ``FORMULA`` records whose saved result is an error) and formulas whose
saved result is empty text, which is what xlwt saves for every formula (calamine reads it as an
empty cell). Only what calamine does not say is read; text (``SST``, ``LABEL``) is not.

A password-protected workbook (``FILEPASS``, or an .xlsx encrypted into a compound file) is
refused as encrypted; a compound file that is no workbook, or whose structure is broken, as such.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from dtikit import environment
from dtikit.errors import DataError
from dtikit.ingest.cells import SheetScan, address, check_size, format_sections, percent_text
from dtikit.messages import say

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}
_BUILTIN_PERCENT = {9: "0%", 10: "0.00%"}
_BOF, _EOF, _FORMAT, _XF, _SHEET, _FILEPASS = 0x0809, 0x000A, 0x041E, 0x00E0, 0x0085, 0x002F
_NUMBER, _RK, _MULRK, _FORMULA, _BOOLERR = 0x0203, 0x027E, 0x00BD, 0x0006, 0x0205
_LABEL, _LABELSST, _RSTRING = 0x0204, 0x00FD, 0x00D6


class _Broken(Exception):
    """The compound file or its BIFF records are not as the format says."""


@dataclass
class _Compound:
    """An OLE2 compound file: its sectors, FAT and mini stream, enough to read one stream."""

    data: bytes
    shift: int
    fat: list[int]
    mini_fat: list[int]
    mini_stream: bytes
    cutoff: int
    mini_shift: int

    def chain(self, start: int, table: list[int]) -> list[int]:
        sectors, seen = [], set()
        while start not in (_END, _FREE):
            if start >= len(table) or start in seen:
                raise _Broken("a broken sector chain")
            seen.add(start)
            sectors.append(start)
            start = table[start]
        return sectors

    def sector(self, n: int) -> bytes:
        at = (n + 1) << self.shift
        if at >= len(self.data):
            raise _Broken("a sector beyond the end of the file")
        return self.data[at : at + (1 << self.shift)]

    def stream(self, start: int, size: int) -> bytes:
        if size < self.cutoff:
            step = 1 << self.mini_shift
            parts = [self.mini_stream[n * step : (n + 1) * step] for n in self.chain(start, self.mini_fat)]
        else:
            parts = [self.sector(n) for n in self.chain(start, self.fat)]
        return b"".join(parts)[:size]


def _compound(data: bytes) -> tuple[_Compound, dict[str, tuple[int, int]]]:
    """The compound file of ``data`` and its streams: name -> (start sector, size)."""
    if len(data) < 512:
        raise _Broken("shorter than its header")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Broken("an unknown sector size")
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_mini, _n_mini, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)
    size = 1 << shift
    difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END)]
    sector = first_difat
    for _ in range(n_difat):
        if sector in (_FREE, _END) or (sector + 2) * size > len(data):
            break
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        difat += [s for s in entries[:-1] if s not in (_FREE, _END)]
        sector = entries[-1]
    fat: list[int] = []
    for s in difat[:n_fat]:
        if (s + 2) * size > len(data):
            raise _Broken("a FAT sector beyond the end of the file")
        fat += struct.unpack_from(f"<{size // 4}I", data, (s + 1) * size)
    book = _Compound(data, shift, fat, [], b"", cutoff or 4096, mini_shift)
    directory = b"".join(book.sector(s) for s in book.chain(first_dir, fat))
    streams = {}
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 0x40)
        start, low = struct.unpack_from("<II", directory, at + 0x74)
        name = directory[at : at + min(length, 64)].decode("utf-16-le", errors="replace").rstrip("\x00")
        if kind == 5:  # the root: its stream is the mini stream
            book.mini_stream = book.stream(start, max(low, book.cutoff))
        elif kind == 2:
            streams[name] = (start, low)
    book.mini_fat = list(struct.unpack(f"<{len(m) // 4}I", m) if (m := _mini_fat(book, first_mini)) else ())
    return book, streams


def _mini_fat(book: _Compound, first: int) -> bytes:
    if first in (_END, _FREE):
        return b""
    return b"".join(book.sector(s) for s in book.chain(first, book.fat))


def compound_stream(file: str, data: bytes) -> bytes:
    """The BIFF ``Workbook`` stream of an .xls file; one line naming the file when there is none."""
    try:
        book, streams = _compound(data)
        if "EncryptedPackage" in streams:
            raise DataError(say("files.encrypted", file=file))
        name = "Workbook" if "Workbook" in streams else "Book" if "Book" in streams else None
        if name is None:
            raise DataError(say("files.not_a_workbook", file=file, streams=", ".join(sorted(streams)[:5])))
        start, size = streams[name]
        if size > environment.max_bytes():
            raise DataError(say("files.unpacks_too_large", file=file, size=size, bound=environment.max_bytes()))
        return book.stream(start, size)
    except (_Broken, struct.error) as exc:
        raise DataError(say("ingest.workbook_damaged", file=file, reason=str(exc) or "compound file")) from None


def _records(stream: bytes, at: int):
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4 : at + 4 + length]
        at += 4 + length


def _unicode(body: bytes, at: int, count: int, biff8: bool) -> str:
    """A string of ``count`` characters at ``at``: BIFF8 gives a flags byte first (wide, rich, extended)."""
    if not biff8:
        return body[at : at + count].decode("cp1252", errors="replace")
    flags, at = body[at] if at < len(body) else 0, at + 1
    at += (2 if flags & 8 else 0) + (4 if flags & 4 else 0)
    raw = body[at : at + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")


def _globals(file: str, stream: bytes) -> tuple[list[list[tuple[bool, int]] | None], list[tuple[str, int]]]:
    """The percent formats by XF index (None: not percent) and the worksheets: (name, offset)."""
    codes: dict[int, str] = dict(_BUILTIN_PERCENT)
    xfs: list[list[tuple[bool, int]] | None] = []
    sheets = []
    biff8 = True
    for kind, body in _records(stream, 0):
        if kind == _BOF and len(body) >= 2:
            biff8 = struct.unpack_from("<H", body)[0] >= 0x0600
        elif kind == _FILEPASS:
            raise DataError(say("files.encrypted", file=file))
        elif kind == _FORMAT and len(body) >= 3:
            count = struct.unpack_from("<H", body, 2)[0] if biff8 else body[2]
            codes[struct.unpack_from("<H", body)[0]] = _unicode(body, 4 if biff8 else 3, count, biff8)
        elif kind == _XF and len(body) >= 4:
            sections = format_sections(codes.get(struct.unpack_from("<H", body, 2)[0], ""))
            xfs.append(sections if any(shows for shows, _ in sections) else None)
        elif kind == _SHEET and len(body) >= 7:
            offset, _state, sheet_type, count = struct.unpack_from("<IBBB", body)
            if sheet_type == 0:
                sheets.append((_unicode(body, 7, count, biff8), offset))
        elif kind == _EOF:
            break
    return xfs, sheets


def _rk(value: int) -> float:
    """An RK number: a 30-bit integer or the high 30 bits of a double, divided by 100 when flagged."""
    if value & 2:
        number = float(struct.unpack("<i", struct.pack("<I", value))[0] >> 2)
    else:
        number = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 1 else number


class _XlsSheet:
    """The scan of one worksheet's records."""

    def __init__(self, xfs: list) -> None:
        self.scan = SheetScan()
        self.xfs = xfs

    def number(self, row: int, column: int, xf: int, value: float) -> None:
        self.scan.reach(row, column)
        sections = self.xfs[xf] if xf < len(self.xfs) else None
        shown = percent_text(value, sections) if sections is not None else None
        if shown is not None:
            self.scan.percent[row, column] = shown

    def error(self, row: int, column: int, code: int) -> None:
        self.scan.reach(row, column)
        text = _ERRORS.get(code, "#VALUE!")
        self.scan.shown[row, column] = text
        self.scan.errors.append((address(row, column), text))

    def record(self, kind: int, body: bytes) -> None:
        if kind in (_NUMBER, _RK, _FORMULA, _BOOLERR, _LABEL, _LABELSST, _RSTRING) and len(body) >= 6:
            row, column, xf = struct.unpack_from("<HHH", body)
            if kind == _NUMBER and len(body) >= 14:
                self.number(row, column, xf, struct.unpack_from("<d", body, 6)[0])
            elif kind == _RK and len(body) >= 10:
                self.number(row, column, xf, _rk(struct.unpack_from("<I", body, 6)[0]))
            elif kind == _FORMULA and len(body) >= 14:
                self.formula(row, column, xf, body)
            elif kind == _BOOLERR and len(body) >= 8 and body[7]:
                self.error(row, column, body[6])
            else:
                self.scan.reach(row, column)
        elif kind == _MULRK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            for i in range((len(body) - 6) // 6):
                xf, rk = struct.unpack_from("<HI", body, 4 + 6 * i)
                self.number(row, first + i, xf, _rk(rk))

    def formula(self, row: int, column: int, xf: int, body: bytes) -> None:
        if body[12:14] != b"\xff\xff":
            self.number(row, column, xf, struct.unpack_from("<d", body, 6)[0])
        elif body[6] == 2:
            self.error(row, column, body[8])
        else:
            self.scan.reach(row, column)
            if body[6] == 3:  # a saved result of empty text: xlwt's for every formula
                self.scan.untrusted.append((address(row, column), "", "files.formula_empty_result"))


def scan_xls(file: str, data: bytes) -> dict[str, SheetScan]:
    """Every worksheet of an .xls file, scanned; its size checked against ``DTIKIT_MAX_CELLS``."""
    stream = compound_stream(file, data)
    xfs, sheets = _globals(file, stream)
    found = {}
    for name, offset in sheets:
        sheet, depth = _XlsSheet(xfs), 0
        for kind, body in _records(stream, offset):
            depth += (kind == _BOF) - (kind == _EOF)  # a chart inside the sheet has its own BOF .. EOF
            if depth <= 0:
                break
            sheet.record(kind, body)
        check_size(file, name, sheet.scan)
        found[name] = sheet.scan
    return found
