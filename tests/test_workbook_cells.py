"""A workbook's cells read as they show: percent formats, Excel error cells, formulas whose saved value
cannot be trusted, hidden sheets. Each workbook is built here with the writer people use (openpyxl,
XlsxWriter, xlwt, an .ods as LibreOffice writes it), and each expected value is the cell's own."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl
import pytest

from dtikit.storage import Store
from tests.workbooks import ods_document

HEADER = ["Tỉnh", "Năm", "Tỷ lệ ô định dạng phần trăm"]  # a new indicator: its unit is the cells'
PERCENT_CELLS = {"Kon Tum": 0.6081, "Gia Lai": 0.07, "Đắk Lắk": 1.395}  # fractions formatted as percent


def shown_percent(value: float) -> float:
    """What a cell formatted 0.00% holding ``value`` shows, as a number: its decimal moved two places."""
    return float(Decimal(repr(value)).scaleb(2))


# builders: each gives the bytes of a one-sheet workbook; ``special`` cells are (kind, payload)


def _xlsx(rows: list[list], formats: dict[tuple[int, int], str] | None = None, sheets: dict | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, (sheet_rows, state) in (sheets or {"S": (rows, "visible")}).items():
        sheet = book.create_sheet(name)
        sheet.sheet_state = state
        for r, row in enumerate(sheet_rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, tuple) and value[0] == "error":
                    cell = sheet.cell(r, c, value[1])
                    cell.data_type = "e"
                elif value is not None:
                    sheet.cell(r, c, value)
        for (r, c), code in (formats or {}).items():
            sheet.cell(r + 1, c + 1).number_format = code
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xls(rows: list[list], formats: dict[tuple[int, int], str] | None = None, sheets: dict | None = None) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, (sheet_rows, state) in (sheets or {"S": (rows, "visible")}).items():
        sheet = book.add_sheet(name)
        sheet.visibility = {"visible": 0, "hidden": 1, "veryHidden": 2}[state]
        for r, row in enumerate(sheet_rows):
            for c, value in enumerate(row):
                code = (formats or {}).get((r, c))
                if isinstance(value, tuple) and value[0] == "error":
                    sheet.row(r).set_cell_error(c, {"#DIV/0!": 0x07, "#N/A": 0x2A, "#REF!": 0x17}[value[1]])
                elif isinstance(value, tuple) and value[0] == "formula":
                    sheet.write(r, c, xlwt.Formula(value[1]))
                elif value is not None and code:
                    sheet.write(r, c, value, xlwt.easyxf(num_format_str=code))
                elif value is not None:
                    sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_cell(value: object, percent: bool) -> str:
    """A cell as LibreOffice writes it: a percentage, an error, a formula without a value, a number, text."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, tuple) and value[0] == "error":
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
            f'calcext:value-type="error"><text:p>{value[1]}</text:p></table:table-cell>'
        )
    if isinstance(value, tuple) and value[0] == "formula":
        return f'<table:table-cell table:formula="of:={escape(value[1])}"/>'
    if isinstance(value, float | int):
        kind = "percentage" if percent else "float"
        typed = f'office:value-type="{kind}" office:value="{value!r}"'
        return f"<table:table-cell {typed}><text:p>x</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def _ods(rows: list[list], formats: dict[tuple[int, int], str] | None = None, sheets: dict | None = None) -> bytes:
    styles = (
        '<office:automatic-styles><style:style style:name="shown" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="hidden" style:family="table"><style:table-properties table:display="false"/>'
        "</style:style></office:automatic-styles>"
    )
    tables = "".join(
        f'<table:table table:name="{escape(name)}" table:style-name="{"shown" if state == "visible" else "hidden"}">'
        + "".join(
            "<table:table-row>"
            + "".join(_ods_cell(v, (r, c) in (formats or {})) for c, v in enumerate(row))
            + "</table:table-row>"
            for r, row in enumerate(sheet_rows)
        )
        + "</table:table>"
        for name, (sheet_rows, state) in (sheets or {"S": (rows, "visible")}).items()
    )
    return ods_document(styles + f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>")


BUILDERS = {"xlsx": _xlsx, "xls": _xls, "ods": _ods}


def write(tmp_path: Path, kind: str, data: bytes) -> str:
    path = tmp_path / f"book.{kind}"
    path.write_bytes(data)
    return str(path)


def held(root: Path, year: int = 2022) -> dict[str, tuple[float, str, str]]:
    values = Store(root).observations().filter(pl.col("year") == year, pl.col("raw_file").str.contains("book"))
    return {p: (v, t, u) for p, v, t, u in values.select("province", "value", "value_text", "unit").iter_rows()}


# percent


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_a_cell_formatted_as_percent_is_read_as_the_percent_it_shows(cli, tmp_path, kind):
    """0.6081 formatted 0.00% shows 60.81 %: it is read as 60.81 (unit %), as the text '55,20%' beside it is."""
    rows = [HEADER, *[[p, 2022, v] for p, v in PERCENT_CELLS.items()], ["Lâm Đồng", 2022, "55,20%"]]
    formats = {(r, 2): "0.00%" for r in range(1, len(PERCENT_CELLS) + 1)}
    file = write(tmp_path, kind, BUILDERS[kind](rows, formats))
    result = cli("ingest", file, "--new-indicators", "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    stored = held(tmp_path / "store")
    for province, value in PERCENT_CELLS.items():
        assert stored[province][0] == shown_percent(value), (province, stored[province])
        assert stored[province][2] == "%"
    assert stored["Kon Tum"][1] == "60.81%" and stored["Đắk Lắk"][0] == 139.5  # above 100 %: kept
    assert stored["Lâm Đồng"] == (55.2, "55,20%", "%")


def test_the_section_of_a_number_format_says_whether_a_percent_shows():
    from dtikit.ingest.cells import format_sections, percent_text
    from dtikit.ingest.numbers import CANONICAL_PREFIX

    assert percent_text(0.6081, format_sections("0.00%")) == CANONICAL_PREFIX + "60.81%"
    assert (
        percent_text(60.81, format_sections('0.00"%"')) == CANONICAL_PREFIX + "60.81%"
    )  # a quoted sign: the value itself
    assert percent_text(60.81, format_sections("0.00\\%")) == CANONICAL_PREFIX + "60.81%"
    assert percent_text(-0.05, format_sections('0%;-0%;"-"')) == CANONICAL_PREFIX + "-5%"
    assert percent_text(0.0, format_sections('0%;-0%;"-"')) is None  # the zero section shows no %
    assert percent_text(0.25, format_sections("[Red]0.0%")) == CANONICAL_PREFIX + "25%"
    assert percent_text(0.5, format_sections("0%%")) == CANONICAL_PREFIX + "5000%"
    assert percent_text(1753.0, format_sections("#,##0")) is None
    assert (
        percent_text(0.1 + 0.2, format_sections("0%")) == CANONICAL_PREFIX + "30.000000000000004%"
    )  # the value as held


# formulas


def test_formulas_saved_by_xlsxwriter_are_errors_naming_the_cell(cli, tmp_path):
    """XlsxWriter (pandas, Polars) saves 0 for '=1500/1000' and asks to be recalculated: never read as 0."""
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("DTI")
    sheet.write_row(0, 0, ["Tỉnh", "Năm", "Điểm"])
    sheet.write_row(1, 0, ["Kon Tum", 2022])
    sheet.write_formula(1, 2, "=1500/1000")
    sheet.write_row(2, 0, ["Gia Lai", 2022])
    sheet.write_formula(2, 2, "=540/1000", None, 0.54)  # a value given: still a file asking to be recalculated
    book.close()
    result = cli("validate", str(path), "--new-indicators")
    assert result.code == 1
    assert "book.xlsx: sheet 'DTI': cell C2 holds a formula (=1500/1000) (and 1 more) whose saved value cannot" in (
        result.err
    )
    assert "Traceback" not in result.err and "internal error" not in result.err


def test_a_polars_workbook_with_a_formula_column_is_refused(cli, tmp_path):
    path = tmp_path / "book.xlsx"
    frame = pl.DataFrame({"Tỉnh": ["Kon Tum"], "Năm": [2022], "Điểm nghìn": [540.0]})
    frame.write_excel(path, worksheet="DTI", formulas={"Điểm": "=[@[Điểm nghìn]]/1000"})
    result = cli("validate", str(path), "--new-indicators")
    assert result.code == 1 and "cell D2 holds a formula" in result.err and "cannot be trusted" in result.err


def test_a_formula_saved_by_a_spreadsheet_is_read_as_its_value(cli, tmp_path):
    """The same workbook once a spreadsheet has saved it (values stored, no request to recalculate)."""
    import xlsxwriter

    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    sheet = book.add_worksheet("DTI")
    sheet.write_row(0, 0, ["Tỉnh", "Năm", "Điểm"])
    sheet.write_row(1, 0, ["Kon Tum", 2022])
    sheet.write_formula(1, 2, "=540/1000", None, 0.54)
    book.close()
    saved = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, zipfile.ZipFile(saved, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b' fullCalcOnLoad="1"', b"")
            out.writestr(info, data)
    file = write(tmp_path, "xlsx", saved.getvalue())
    result = cli("ingest", file, "--new-indicators", "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert held(tmp_path / "store")["Kon Tum"][0] == 0.54


def test_an_xls_formula_written_by_xlwt_is_an_error_naming_the_cell(cli, tmp_path):
    """xlwt saves every formula with an empty result: calamine read it as an empty cell and the row vanished."""
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54], ["Gia Lai", 2022, ("formula", "1500/1000")]]
    result = cli("validate", write(tmp_path, "xls", _xls(rows)), "--new-indicators")
    assert result.code == 1
    assert "book.xls: sheet 'S': cell C3 holds a formula saved with an empty result" in result.err


def test_an_ods_formula_without_a_value_is_an_error_naming_the_cell(cli, tmp_path):
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54], ["Gia Lai", 2022, ("formula", "2*3")]]
    result = cli("validate", write(tmp_path, "ods", _ods(rows)), "--new-indicators")
    assert result.code == 1
    assert "book.ods: sheet 'S': cell C3 holds a formula with no saved value (=2*3)" in result.err


# Excel errors


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_an_excel_error_cell_is_refused_where_a_value_is_read(cli, tmp_path, kind):
    """#DIV/0! arrived as an empty cell and its row vanished ('added 1' of 3, no word)."""
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54], ["Gia Lai", 2022, ("error", "#DIV/0!")]]
    result = cli("validate", write(tmp_path, kind, BUILDERS[kind](rows)), "--new-indicators")
    assert result.code == 1
    assert "row 3, column 'Điểm': #DIV/0! is not a number" in result.err


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_an_excel_na_cell_is_a_missing_value_said_so(cli, tmp_path, kind):
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54], ["Gia Lai", 2022, ("error", "#N/A")]]
    result = cli("validate", write(tmp_path, kind, BUILDERS[kind](rows)), "--new-indicators")
    assert result.code == 0, result.err
    assert f"book.{kind} [S]: cells C3 show Excel's #N/A: read as missing values" in result.err


# hidden sheets


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_hidden_sheets_are_read_only_when_named(cli, tmp_path, kind):
    table = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54]]
    hidden = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2025, 0.99]]  # a year the bundled store does not hold
    states = {"Nháp": (hidden, "hidden"), "DTI": (table, "visible")}
    if kind != "ods":  # OpenDocument has no 'very hidden'
        states["Cũ"] = (hidden, "veryHidden")
    file = write(tmp_path, kind, BUILDERS[kind]([], sheets=states))
    listed = "'Nháp', 'Cũ'" if kind != "ods" else "'Nháp'"
    for sheet in ([], ["--sheet", "all"]):
        result = cli("validate", file, "--new-indicators", *sheet)
        assert result.code == 0, result.err
        assert f"book.{kind}: hidden sheets not read: {listed} (--sheet NAME reads one)" in result.err
        assert f"book.{kind} [DTI]: valid, 1 values" in result.err and "[Nháp]" not in result.err
    named = cli("validate", file, "--new-indicators", "--sheet", "Nháp")
    assert named.code == 0 and f"book.{kind} [Nháp]: valid, 1 values" in named.err


def _without_references(data: bytes) -> bytes:
    """The .xlsx with no ``r`` on its cells and rows (some writers leave them out: cells are then counted)."""
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                part = re.sub(rb'(<(?:c|row)) r="[A-Z]*\d+"', rb"\1", part)
            target.writestr(info, part)
    return out.getvalue()


def test_cells_without_references_are_placed_by_counting_as_calamine_places_them(cli, tmp_path):
    rows = [HEADER, *[[p, 2022, v] for p, v in PERCENT_CELLS.items()], ["Lâm Đồng", 2022, ("error", "#N/A")]]
    formats = {(r, 2): "0.00%" for r in range(1, len(PERCENT_CELLS) + 1)}
    data = _without_references(_xlsx(rows, formats))
    assert b' r="' not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    file = write(tmp_path, "xlsx", data)
    result = cli("ingest", file, "--new-indicators", "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert "cells C5 show Excel's #N/A" in result.err
    stored = held(tmp_path / "store")
    assert {p: v for p, (v, _, _) in stored.items()} == {p: shown_percent(v) for p, v in PERCENT_CELLS.items()}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_a_column_formatted_as_percent_in_part_is_read_as_stored_and_said(cli, tmp_path, kind):
    """One scale per column: the published PCI 2011 sheets format some rows of a column as percent (the
    table, or only the rows below it), so that a row's repeat below the table would read 100 times its row."""
    rows = [HEADER, *[[p, 2022, v] for p, v in PERCENT_CELLS.items()], ["Trung bình", 2022, 0.5]]
    formats = {(r, 2): "0.00%" for r in range(1, len(PERCENT_CELLS) + 1)}  # the statistics row is not
    file = write(tmp_path, kind, BUILDERS[kind](rows, formats))
    result = cli("ingest", file, "--new-indicators", "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert f"book.{kind} [S]: cell C2 is formatted as percent and C5 in its column is not" in result.err
    stored = held(tmp_path / "store")
    assert {p: v for p, (v, _, _) in stored.items()} == PERCENT_CELLS
