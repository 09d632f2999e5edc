"""An Excel workbook of a result: the table as CSV has it, and a sheet of the sources of its figures.

Written with XlsxWriter (the writer Polars' ``write_excel`` uses; pure Python, well kept, and
writes a cell as the type it is told). Sheet 1 has the same columns as CSV: numbers as numbers
(whole numbers as integers), missing as empty cells, booleans as booleans, the header row bold
and frozen, each column as wide as its longest cell (up to 60). Every text is written as a
string, never parsed: a province, unit or source beginning with ``=``, ``+``, ``-`` or ``@`` is
text, not a formula (OWASP CSV injection). Sheet 2, "Nguồn - Sources", lists the sources.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import IO, Any

import polars as pl

SOURCES_SHEET = "Nguồn - Sources"  # Excel refuses "/" in a sheet name
MAX_WIDTH = 60


def _write_row(sheet: Any, row: int, values: list[Any], fmt: Any = None) -> None:
    for col, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, int(value) if float(value).is_integer() else value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)


def _sheet(book: Any, name: str, frame: pl.DataFrame) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    _write_row(sheet, 0, frame.columns, bold)
    for row, values in enumerate(frame.iter_rows(), start=1):
        _write_row(sheet, row, list(values))
    sheet.freeze_panes(1, 0)
    for col, name in enumerate(frame.columns):
        cells = [len(str(v)) for v in frame[name].to_list() if v is not None]
        sheet.set_column(col, col, min(MAX_WIDTH, max([len(name), *cells]) + 2))


def sources_of(frame: pl.DataFrame, sources: pl.DataFrame | None = None) -> pl.DataFrame:
    """The sources sheet: ``sources`` given (rows of ``dtikit sources``), else the distinct values of
    the frame's own ``source`` column, else a line naming the bundled sources list."""
    if sources is not None and sources.height:
        return sources
    if "source" in frame.columns and frame["source"].drop_nulls().len():
        return frame.select(pl.col("source").drop_nulls().unique(maintain_order=True))
    return pl.DataFrame({"source": ["dtikit bundled published figures: data/raw/SOURCES.md lists every source"]})


def write_xlsx(
    frame: pl.DataFrame, path: str | Path | IO[bytes], sources: pl.DataFrame | None = None, name: str = "dtikit"
) -> None:
    """Write ``frame`` and its sources as an .xlsx workbook at ``path`` (or into a binary stream)."""
    import xlsxwriter

    target = str(path) if isinstance(path, str | Path) else path
    book = xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": not isinstance(path, str | Path),
        },
    )
    try:
        _sheet(book, name[:31], frame)
        _sheet(book, SOURCES_SHEET, sources_of(frame, sources))
    finally:
        book.close()


def write_result(result: Any, stream: IO[bytes], words: Any) -> list[str]:
    """The xlsx writer of ``dtikit.writers``: the main table and the sources behind its figures."""
    held = words.sources() if words is not None and words.sources is not None else None
    write_xlsx(result.table, stream, held)
    return []
