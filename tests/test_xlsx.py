"""Excel out: --format xlsx --output FILE (and -o with any format), read back with openpyxl."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from dtikit.ranking import rank_table
from dtikit.xlsx import SOURCES_SHEET, write_xlsx

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _cells(path: Path, sheet: int = 0) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book.worksheets[sheet].iter_rows(values_only=True))


def _no_formula(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_rank_xlsx_has_the_csv_columns_numbers_and_empty_cells(cli, store, tmp_path):
    path = tmp_path / "rank.xlsx"
    result = cli("rank", "--year", "2022", "--top", "5", "--format", "xlsx", "--output", str(path))
    assert (result.code, result.out) == (0, "")
    rows = _cells(path)
    csv = cli("rank", "--year", "2022", "--top", "5", "--format", "csv").out.splitlines()
    assert list(rows[0]) == csv[0].split(",")
    assert rows[1] == (2022, 1, "Đà Nẵng", 0.8002, 1, 0, 0.1583, 2021, 0.6419, "published",
                       "Bắc Trung Bộ và duyên hải miền Trung", 63)  # fmt: skip
    assert rows[2][3:7] == (0.7163, 3, 1, None)  # Hồ Chí Minh: no 2021 score, so no score change: empty
    assert isinstance(rows[1][1], int) and isinstance(rows[1][3], float)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert book.sheetnames == ["dtikit", SOURCES_SHEET["en"]]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sheet.column_dimensions["K"].width > sheet.column_dimensions["A"].width  # fitted: region is wide
    sources = _cells(path, 1)  # for a person: headers and kinds in words, indicators by name
    assert sources[0] == ("Province", "Year", "Indicator", "Value", "Unit", "Kind", "Source")
    row = (
        "Đà Nẵng",
        2022,
        "Provincial DTI (overall)",
        0.8002,
        "score 0-1",
        "official",
        "https://dti.gov.vn/xep-hang-2022",
    )
    assert row in sources
    assert book.worksheets[1]["D2"].number_format == "#,##0.0000"  # at its printed precision
    _no_formula(path)
    assert rank_table(store, 2022, top=5).table.height == len(rows) - 1


def test_gap_xlsx_from_the_file_name_and_o_with_any_format(cli, tmp_path):
    path = tmp_path / "gap.xlsx"
    assert cli("gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "-o", str(path)).code == 0
    rows = _cells(path)
    assert rows[1][:5] == ("Kon Tum", 2022, 45, 35, 10) and rows[1][9] is False
    text = tmp_path / "gap.csv"
    assert cli("gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "-o", str(text)).out == ""
    assert text.read_text(encoding="utf-8").startswith("\ufeffprovince,year,rank,target_rank")  # a BOM for Excel
    assert cli("rank", "--year", "2022", "--format", "xlsx").code == 2  # xlsx needs a file


def test_text_beginning_like_a_formula_stays_text(cli, tmp_path):
    store = tmp_path / "store"
    dangerous = '=HYPERLINK("http://x","y")'
    ingested = cli("ingest", str(FIXTURES / "ranks_wide_years.csv"), "--data", str(store), "--source", dangerous,
                   "--replace")  # fmt: skip
    assert ingested.code == 0, ingested.err
    path = tmp_path / "sources.xlsx"
    assert cli("sources", "-p", "Kon Tum", "-i", "dti_rank", "--data", str(store), "-o", str(path)).code == 0
    rows = _cells(path)
    assert dangerous in [row[rows[0].index("source")] for row in rows[1:]]
    assert (dangerous,) in _cells(path, 1)
    _no_formula(path)
    frame = pl.DataFrame({"province": ["+1", "-2", "@sum(A1)", "=1+2"], "n": [1, None]} | {"n": [1, None, 3, 4]})
    write_xlsx(frame, tmp_path / "x.xlsx")
    assert _cells(tmp_path / "x.xlsx")[1:] == [("+1", 1), ("-2", None), ("@sum(A1)", 3), ("=1+2", 4)]
    _no_formula(tmp_path / "x.xlsx")


def test_a_result_of_several_tables_to_a_file(cli, tmp_path):
    """profile writes its main table to xlsx (and csv) and both of its tables to a table-format file."""
    path = tmp_path / "p.xlsx"
    assert cli("profile", "-p", "Kon Tum", "-o", str(path)).code == 0
    csv = cli("profile", "-p", "Kon Tum", "--format", "csv").out.splitlines()
    rows = _cells(path)
    assert ",".join(rows[0]) == csv[0] and len(rows) == len(csv)
    text = tmp_path / "p.txt"
    assert cli("profile", "-p", "Kon Tum", "--format", "table", "-o", str(text)).out == ""
    written = text.read_text(encoding="utf-8")
    assert "Provincial DTI (overall) by year" in written and "other indicators" in written


OFFICE_CASES = {
    "rank": ["rank", "--year", "2022"],
    "region": ["rank", "--year", "2023", "--region", "Tây Nguyên"],
    "profile": ["profile", "-p", "Kon Tum"],
    "count": ["rank", "--year", "2022", "--indicator", "administrative_procedures"],
}


def _decimals_of(csv_text: str) -> int:
    """Decimals of a number in CSV ('0.54' -> 2; a whole float '1753.0' -> 0)."""
    fraction = csv_text.split(".", 1)[1] if "." in csv_text else ""
    return 0 if fraction in ("", "0") else len(fraction)


@pytest.mark.parametrize("case", sorted(OFFICE_CASES))
def test_a_vietnamese_xlsx_has_a_sheet_an_office_can_file_that_reads_back_as_the_csv(cli, tmp_path, case):
    """Title, STT, Vietnamese headers, a unit row, frozen header, every number as the CSV has it at its
    printed precision, a 'Nguồn:' line under the table; the machine-readable sheet is still there."""
    args = OFFICE_CASES[case]
    data: list[str] = []
    path = tmp_path / "t.xlsx"
    assert cli("--lang", "vi", *args, *data, "--format", "xlsx", "-o", str(path)).code == 0
    csv_text = cli(*args, *data, "--format", "csv").out
    machine = pl.read_csv(csv_text.encode(), infer_schema=False)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Bảng", "dtikit", SOURCES_SHEET["vi"]]
    assert list(_cells(path, 1)[0]) == machine.columns  # the machine-readable sheet stays
    sheet = book["Bảng"]
    rows = list(sheet.iter_rows(values_only=True))
    title, headers, units = rows[0][0], rows[2], rows[3]
    body = rows[4 : 4 + machine.height]
    assert sheet.freeze_panes == "A5" and headers[0] == "STT"
    assert [r[0] for r in body] == list(range(1, machine.height + 1))
    assert not any(re.search(r"[a-z]+_[a-z]+", h or "") for h in headers)  # no snake_case column names
    # the unit's Vietnamese name comes from the catalog of units (engineer C's slice translates 'procedures')
    assert ("procedures" in units or "thủ tục" in units) if case == "count" else "điểm 0-1" in units
    year = machine["year"][0] if "year" in machine.columns and case != "profile" else None
    if year:
        assert year in title
    if case == "rank":
        assert "63 tỉnh" in title
    if case == "region":
        assert "Tây Nguyên" in title
    source = next(r[0] for r in rows[4 + machine.height :] if r[0])
    assert source.startswith("Nguồn: ")
    if case != "count":
        assert "Bộ Thông tin và Truyền thông" in source
    assert re.search(r"\d{1,2}/\d{1,2}/20\d\d", source)
    # every number, read back, is a number of its CSV row, written at the precision the CSV gives it
    cells = list(sheet.iter_rows(min_row=5, max_row=4 + machine.height))
    for row, csv_row in zip(cells, machine.iter_rows(named=True), strict=True):
        texts = {float(v): v for v in csv_row.values() if v and re.fullmatch(r"-?\d+(\.\d+)?", v)}
        for cell in row[1:]:
            if isinstance(cell.value, int | float):
                assert float(cell.value) in texts, (cell.value, csv_row)
                shown = texts[float(cell.value)]
                code = cell.number_format
                assert code.count("0") - 1 == _decimals_of(shown) or (code == "0" and "." not in shown), (code, shown)
                assert ("#,##" in code) != (code == "0")
    widths = {c: sheet.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width for c in range(len(headers))}
    for c, width in widths.items():
        longest = max(len(str(r[c])) for r in body if r[c] is not None)
        assert width >= longest, (headers[c], width, longest)


def test_an_english_xlsx_is_as_before(cli, tmp_path):
    path = tmp_path / "t.xlsx"
    assert cli("--lang", "en", "rank", "--year", "2022", "--format", "xlsx", "-o", str(path)).code == 0
    assert openpyxl.load_workbook(path).sheetnames == ["dtikit", SOURCES_SHEET["en"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_sources_sheet_speaks_the_runs_language(cli, tmp_path, lang):
    """The sheet of sources is for a person: no snake_case header or id, kinds of source in words, a
    user's file as the language names it, each value as the run's table writes it."""
    from tests.test_no_english import leftover

    store = tmp_path / "store"
    own = tmp_path / "kontum.csv"
    own.write_text("province,year,dti\nKon Tum,2023,0.61234567891\n", encoding="utf-8")
    assert cli("ingest", str(own), "--data", str(store), "-f", "csv").code == 0
    path = tmp_path / "t.xlsx"
    args = ("--lang", lang, "rank", "-y", "2023", "--data", str(store), "--region", "Tây Nguyên", "-o", str(path))
    assert cli(*args).code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == SOURCES_SHEET[lang]
    rows = list(book.worksheets[-1].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert not any(re.search(r"[a-z]+_[a-z]+", h) for h in header), header
    assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", str(v)) for row in body for v in row), body
    own_row = next(r for r in body if r[0] == "Kon Tum" and r[3] == 0.61234567891)
    assert own_row[5] == ("của người dùng" if lang == "vi" else "user's own")
    assert own_row[6].startswith("tệp kontum.csv" if lang == "vi" else "file kontum.csv")
    cell = next(c for c in book.worksheets[-1]["D"] if c.value == 0.61234567891)
    assert cell.number_format == "#,##0.0000"
    if lang == "vi":
        assert not leftover(" ".join(str(v) for row in rows for v in row if v is not None))


def test_a_users_own_figures_are_cited_as_their_file_never_as_published_pages(cli, tmp_path):
    """Figures ingested from a user's CSV: the 'Nguồn:' line of the xlsx and of the docx names the file in
    the reader's words ('tệp F.csv'), and never says they were read from published pages."""
    import docx

    own = tmp_path / "own.csv"
    own.write_text(
        "province,year,indicator,value,unit\nHà Nội,2023,Widgets per village,0.82,widgets\n"
        "Kon Tum,2023,Widgets per village,0.41,widgets\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "store")
    assert cli("ingest", str(own), "--new-indicators", "--data", data).code == 0
    asked = ["rank", "-y", "2023", "-i", "widgets_per_village", "--data", data, "--lang", "vi"]
    assert cli(*asked, "-o", str(tmp_path / "own.xlsx")).code == 0
    assert cli(*asked, "-o", str(tmp_path / "own.docx")).code == 0
    line = next(c for row in _cells(tmp_path / "own.xlsx") for c in row if str(c or "").startswith("Nguồn:"))
    assert "tệp own.csv" in line and "công bố" not in line and "Bộ" not in line, line
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "own.docx")).paragraphs]
    assert "Nguồn: tệp own.csv" in paragraphs, paragraphs
    published = cli("rank", "-y", "2022", "--lang", "vi", "-o", str(tmp_path / "dti.xlsx"))
    assert published.code == 0
    line = next(c for row in _cells(tmp_path / "dti.xlsx") for c in row if str(c or "").startswith("Nguồn:"))
    assert "trang đã công bố" in line and "tệp" not in line, line


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compare_writes_an_office_workbook_with_a_unit_per_row(cli, tmp_path, lang):
    """compare has a unit per row (a rank, then a score): the Vietnamese office sheet wrote each number
    with the unit of its own row, and did not crash on the list of them."""
    path = tmp_path / "compare.xlsx"
    asked = ["compare", "Kon Tum", "Gia Lai", "Đắk Lắk", "--lang", lang]
    result = cli(*asked, "-o", str(path))
    assert result.code == 0, result.err
    csv = [line.split(",") for line in cli(*asked, "-f", "csv").out.splitlines()[1:]]
    office = [row for row in _cells(path) if isinstance(row[0], int)] if lang == "vi" else _cells(path)[1:]
    numbers = [[float(v) if v else None for v in line[2:]] for line in csv]
    assert [[None if v == "–" else v for v in row[-3:]] for row in office] == numbers
    if lang == "vi":  # the rank as a whole number, the score with the decimals it was published with
        rank, score = openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=5, max_row=6)
        assert rank[3].number_format == "#,##0" and score[3].number_format == "#,##0.00"
