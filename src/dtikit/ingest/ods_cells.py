"""The cells of an .ods workbook that calamine does not describe, found in ``content.xml`` before calamine
reads it (calamine reads every table when it opens the file, so every table is scanned).

See ``dtikit.ingest.cells`` for what is looked for and why. Rows and cells carry repeat counts
(``number-rows-repeated``, ``number-columns-repeated``): LibreOffice pads a sheet with empty
repeated cells to its last column and row, which calamine does not keep; a repeated cell that
holds something counts for every place it stands for. Read with ``iterparse``, one row at a time.
"""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

from dtikit import environment
from dtikit.ingest.cells import SheetScan, address, check_parts, check_size, percent_text

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"
_VALUE_OF = {
    "float": "value",
    "percentage": "value",
    "currency": "value",
    "boolean": "boolean-value",
    "date": "date-value",
    "time": "time-value",
}


def _ods_text(cell: ElementTree.Element) -> str:
    return "\n".join("".join(p.itertext()) for p in cell.iter(_TEXT_P))


def _ods_cell(scan: SheetScan, row: int, column: int, cell: ElementTree.Element) -> bool:
    """Note what one .ods cell shows beyond its value; whether it holds anything (calamine keeps it)."""
    kind = cell.get(f"{_OFFICE}value-type")
    formula = cell.get(f"{_TABLE}formula")
    text = _ods_text(cell)
    if kind is None and formula is None and not text:
        return False
    if cell.get(f"{_CALCEXT}value-type") == "error":
        scan.shown[row, column] = text.strip()
        scan.errors.append((address(row, column), text.strip()))
    elif kind == "percentage" and cell.get(f"{_OFFICE}value") is not None:
        try:
            shown = percent_text(float(cell.get(f"{_OFFICE}value")), [(True, 1)])
        except ValueError:
            shown = None
        if shown is not None:
            scan.percent[row, column] = shown
    if formula is not None:
        attribute = _VALUE_OF.get(kind or "")
        saved = (kind == "string" and (cell.get(f"{_OFFICE}string-value") is not None or text)) or (
            attribute is not None and cell.get(f"{_OFFICE}{attribute}") is not None
        )
        if not saved:
            written = formula.split(":", 1)[-1] if ":=" in formula else formula
            scan.untrusted.append((address(row, column), written, "ingest.formula_unsaved"))
    return True


def _ods_row(scan: SheetScan, row: int, element: ElementTree.Element, bound: int) -> int:
    """Scan one table row (with its repeats); the number of rows it stands for."""
    repeat = int(element.get(f"{_TABLE}number-rows-repeated") or 1)
    column = 0
    for cell in element:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        across = int(cell.get(f"{_TABLE}number-columns-repeated") or 1)
        if _ods_cell(scan, row, column, cell):
            scan.reach(row + repeat - 1, column + across - 1)
            if scan.rows * scan.columns > bound:
                return repeat  # refused by ``check_size``: its repeats are not spelled out
            _repeat_cell(scan, row, column, repeat, across)
        column += across
    return repeat


def _repeat_cell(scan: SheetScan, row: int, column: int, down: int, across: int) -> None:
    """A cell repeated ``down`` rows and ``across`` columns shows the same text in each place."""
    if (down, across) == (1, 1):
        return
    for found in (scan.shown, scan.percent):
        text = found.get((row, column))
        if text is not None:
            found.update(((r, c), text) for r in range(row, row + down) for c in range(column, column + across))


def scan_ods(file: str, archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Every table of an .ods, scanned (see the module's docstring); its parts checked first."""
    check_parts(file, archive, skip={"content.xml"})
    bound = environment.max_cells()
    found: dict[str, SheetScan] = {}
    scan, name, row, tables, open_ = SheetScan(), "", 0, 0, []
    with archive.open("content.xml") as handle:
        for event, element in ElementTree.iterparse(handle, events=("start", "end")):
            if event == "start":
                open_.append(element)
                if element.tag == f"{_TABLE}table":
                    tables += 1
                    if tables == 1:  # a sheet (not a table inside a cell)
                        scan, name, row = SheetScan(), element.get(f"{_TABLE}name") or "", 0
                        found[name] = scan
                continue
            open_.pop()
            if element.tag == f"{_TABLE}table":
                tables -= 1
                if tables == 0:
                    check_size(file, name, scan)
            elif element.tag == f"{_TABLE}table-row" and tables == 1:
                row += _ods_row(scan, row, element, bound)
                del open_[-1][:]  # rows read are dropped: memory stays that of one row
    return found
