"""What a workbook's cells show that calamine does not say, read from the file before calamine reads it.

calamine gives each cell's value and nothing else, so each chosen sheet is scanned first:

- **Percent.** A number whose format shows a percent sign is read as the number it shows, in
  percent: 0.6081 formatted ``0.00%`` is ``60.81`` with unit ``%``, exactly as the text ``60,81%``
  beside it is read (the value's shortest decimal, shifted two places per ``%`` the format
  multiplies by). A ``%`` in quotes (``0.0"%"``) shows the value itself: 60.81 → 60.81 %. In .ods
  a cell of value type ``percentage``. Only the section of the format that applies to the value
  counts (``0%;-0%;"-"``). One scale per column: when only some numbers of a column are formatted
  as percent (a published PCI sheet formats its reference and statistics rows so, not the table),
  every number of the column is read as stored, and a note says so (``workbook``).
- **Excel errors** (``#DIV/0!``, ``#REF!``, ``#N/A`` …) arrive from calamine as empty cells. They
  are read as the text the cell shows, as in a CSV saved from the workbook: ``#N/A`` is a missing
  value (said in a note), any other error is not a number, so a value read from it is refused
  naming its row and column.
- **Formulas whose saved value cannot be trusted**: one with no saved value (a file written by a
  program), or any formula of a workbook that asks to be fully recalculated when it is opened
  (``fullCalcOnLoad``): XlsxWriter (what pandas and Polars write) and openpyxl save 0 or nothing
  in place of each value and set it. Each is an error naming the cell.
- **Bounds.** calamine fills a sheet from cell A1 to its farthest cell before anything can be
  checked (a value in XFD1048576 asks for 512 GiB), and unpacks the parts of an .xlsx or .ods
  whole. So the farthest cell (with ``number-rows/columns-repeated`` in .ods) gives the sheet's
  size, refused above ``DTIKIT_MAX_CELLS``; and every part is unpacked here first (its real size
  against the size the archive declares, and its checksum), refused above ``DTIKIT_MAX_BYTES``.

The scans themselves: ``xlsx_cells`` (.xlsx, .xlsm), ``ods_cells`` (.ods) and ``biff`` (.xls).
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from dtikit import environment
from dtikit.errors import DataError
from dtikit.ingest.grid import letter
from dtikit.ingest.numbers import CANONICAL_PREFIX
from dtikit.messages import say

CHUNK = 8 << 20
MISSING_ERRORS = ("#N/A",)  # an error read as a missing value (as a CSV's #N/A is)


@dataclass
class SheetScan:
    """What the scan of one sheet found. Rows and columns are 0-based, as in calamine's grid."""

    rows: int = 0  # the farthest row holding a cell, 1-based (0: none)
    columns: int = 0
    shown: dict[tuple[int, int], str] = field(default_factory=dict)  # error cells: the text they show
    percent: dict[tuple[int, int], str] = field(default_factory=dict)  # numbers formatted as percent: "=60.81%"
    errors: list[tuple[str, str]] = field(default_factory=list)  # (address, error text)
    untrusted: list[tuple[str, str, str]] = field(default_factory=list)  # (address, formula, message key)
    recalculate: bool = False  # the workbook asks to be recalculated on opening: every formula is untrusted

    def reach(self, row: int, column: int) -> None:
        """Note a cell at 0-based (row, column)."""
        self.rows = max(self.rows, row + 1)
        self.columns = max(self.columns, column + 1)


def address(row: int, column: int) -> str:
    """'C3' for 0-based (2, 2)."""
    return f"{letter(column)}{row + 1}"


def check_size(file: str, sheet: str, scan: SheetScan) -> None:
    """Refuse a sheet larger than ``DTIKIT_MAX_CELLS`` cells (rows times columns from A1)."""
    bound = environment.max_cells()
    if scan.rows * scan.columns > bound:
        far = address(scan.rows - 1, scan.columns - 1)
        raise DataError(
            say("files.sheet_too_large", file=file, sheet=sheet, cell=far, cells=scan.rows * scan.columns, bound=bound)
        )


# number formats: does the section for a value show '%', and how many times does it multiply by 100


def format_sections(code: str) -> list[tuple[bool, int]]:
    """Each section of a number format: (shows a percent sign, how many unquoted ``%`` multiply the value)."""
    sections, shows, times, i = [], False, 0, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end
            shows |= "%" in code[i + 1 : end]
            i = end
        elif ch == "\\" and i + 1 < len(code):
            shows |= code[i + 1] == "%"
            i += 1
        elif ch == "[":  # a colour, a condition or a locale
            end = code.find("]", i + 1)
            i = len(code) if end < 0 else end
        elif ch == ";":
            sections.append((shows, times))
            shows, times = False, 0
        elif ch == "%":
            shows, times = True, times + 1
        i += 1
    sections.append((shows, times))
    return sections


def percent_text(value: float, sections: list[tuple[bool, int]]) -> str | None:
    """The canonical cell ``=60.81%`` a percent format shows for ``value``; None when its section shows no '%'."""
    if len(sections) == 1 or value > 0 or (value == 0 and len(sections) < 3):
        shows, times = sections[0]
    elif value < 0:
        shows, times = sections[1]
    else:
        shows, times = sections[2]
    if not shows:
        return None
    number = Decimal(repr(float(value))).scaleb(2 * times)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{CANONICAL_PREFIX}{text}%"


def check_parts(file: str, archive: zipfile.ZipFile, skip: set[str] = frozenset()) -> None:
    """Refuse an archive whose parts unpack to more than ``DTIKIT_MAX_BYTES`` (declared or real); read each
    part but ``skip`` (read by their own scan) through, so that a damaged or lying one is found here."""
    bound = environment.max_bytes()
    declared = sum(info.file_size for info in archive.infolist())
    if declared > bound:
        raise DataError(say("files.unpacks_too_large", file=file, size=declared, bound=bound))
    for info in archive.infolist():
        if info.filename not in skip and not info.is_dir():
            with archive.open(info) as handle:
                while handle.read(CHUNK):
                    pass


def damaged(file: str, exc: BaseException) -> DataError:
    """The error for a workbook whose archive cannot be read: damaged, or encrypted."""
    if "encrypted" in str(exc).lower():
        return DataError(say("files.zip_encrypted", file=file))
    reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return DataError(say("ingest.workbook_damaged", file=file, reason=reason))


ARCHIVE_FAULTS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    KeyError,
    ValueError,
)
