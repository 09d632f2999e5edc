"""The five published workbooks of tests/fixtures/real, as their publishers released them.

Every expected number is read from the cells here (openpyxl for .xlsx, python-calamine for .xls),
never from dtikit.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

REAL = Path(__file__).parent / "fixtures" / "real"


def openpyxl_rows(path: Path, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(row) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


@pytest.mark.parametrize(
    "sheet",
    [
        "Summary_VN",  # one sheet in make test, every one in make test-all
        *(pytest.param(s, marks=pytest.mark.slow) for s in ("Chi phí gia nhập thị trường", "Tính năng động")),
        *(pytest.param(s, marks=pytest.mark.slow) for s in ("Thiết chế pháp lý",)),
    ],
)
def test_sheets_whose_used_range_has_no_columns_are_read_cell_by_cell(sheet):
    """PCI_2014.xlsx declares <dimension ref="1:69"/> on 5 of its 12 sheets; calamine refused them."""
    from dtikit.ingest.numbers import CANONICAL_PREFIX
    from dtikit.ingest.workbook import read_sheets

    path = REAL / "PCI_2014.xlsx"
    (read,) = read_sheets(str(path), path.read_bytes(), "xlsx", [sheet])
    assert any("used range without columns" in note for note in read.notes)
    cells = {}
    for r, row in enumerate(openpyxl_rows(path, sheet)):
        for c, value in enumerate(row):
            if value is not None and value != "":
                cells[r, c] = value
    got = {(r, c): text for r, row in enumerate(read.grid) for c, text in enumerate(row) if text != ""}
    assert set(got) == set(cells)
    shown = shown_percent(path, sheet)
    for key, value in cells.items():
        if isinstance(value, str):
            assert got[key] == value
        elif key in shown:  # a percent format: the number it shows, in percent
            assert got[key].endswith("%") and float(got[key].removeprefix(CANONICAL_PREFIX)[:-1]) == shown[key]
        else:
            assert float(got[key].removeprefix(CANONICAL_PREFIX)) == float(value)


def test_a_workbook_without_such_a_record_is_not_rewritten():
    from dtikit.ingest.workbook import repair_dimensions

    data = (REAL.parent / "governance_2016_2017.xlsx").read_bytes()
    assert repair_dimensions(data) == (data, [])


# ---- every value dtikit stores from the five files is its cell ---------------------------------------------


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    """The cells of a sheet as Python values (None when empty), numbers as they show (``shown_percent``):
    openpyxl for .xlsx, python-calamine for .xls."""
    if path.suffix == ".xlsx":
        rows = openpyxl_rows(path, sheet)
    else:
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    rows = [[None if c is None or (isinstance(c, str) and not c.strip()) else c for c in row] for row in rows]
    for (r, c), value in shown_percent(path, sheet).items():
        rows[r][c] = value
    return rows


def _formats(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The number format of each number cell: openpyxl for .xlsx, xlrd for .xls (apart from dtikit's reader)."""
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, data_only=True)  # not read_only: that reads only as far as the used range says
        return {
            (cell.row - 1, cell.column - 1): cell.number_format
            for row in book[sheet].iter_rows()
            for cell in row
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
        }
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    cells = book.sheet_by_name(sheet)
    return {
        (r, c): book.format_map[book.xf_list[cells.cell_xf_index(r, c)].format_key].format_str
        for r in range(cells.nrows)
        for c in range(cells.ncols)
        if cells.cell_type(r, c) == xlrd.XL_CELL_NUMBER
    }


def shown_percent(path: Path, sheet: str) -> dict[tuple[int, int], float]:
    """The numbers a percent format shows (0.6081 as 60.81), in the columns where every number has one;
    a column whose numbers are formatted so only in part is read as stored (the guide to your tables)."""
    from decimal import Decimal

    formats = _formats(path, sheet)
    percent = {key for key, code in formats.items() if "%" in code.split(";")[0].replace('"%"', "")}
    columns = {c for _, c in percent if all(key in percent for key in formats if key[1] == c)}
    rows = sheet_rows_stored(path, sheet)
    return {(r, c): float(Decimal(repr(float(rows[r][c]))).scaleb(2)) for r, c in percent if c in columns}


def sheet_rows_stored(path: Path, sheet: str) -> list[list[object]]:
    if path.suffix == ".xlsx":
        return openpyxl_rows(path, sheet)
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def sheet_names(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        return load_workbook(path, read_only=True).sheetnames
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).sheet_names


def number(cell: object) -> float | None:
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return float(cell)
    try:
        return float(str(cell).strip())
    except ValueError:
        return None


class Sheet:
    """One sheet's cells, and where its provinces are (names resolved by the store's list of names)."""

    def __init__(self, path: Path, name: str, provinces) -> None:
        self.name = name
        self.rows = sheet_rows(path, name)
        self.lookup = provinces
        self.end = len(self.rows)
        head = [c for c in self.rows[0] if c is not None] if self.rows else []
        for i, row in enumerate(self.rows[1:], start=1):  # the header again below the table: the table ends
            if (
                len(head) >= 3
                and sum(1 for a, b in zip(self.rows[0], row, strict=False) if a is not None and a == b) >= 3
            ):
                self.end = i
                break

    def province(self, r: int, c: int) -> str | None:
        """The province of the value at (r, c): the nearest cell to its left naming one."""
        row = self.rows[r]
        for k in range(min(c, len(row)) - 1, -1, -1):
            if isinstance(row[k], str) and (found := self.lookup(row[k])) is not None:
                return found
        return None

    def has_provinces(self) -> bool:
        columns = {}
        for row in self.rows:
            for k, cell in enumerate(row):
                if isinstance(cell, str) and self.lookup(cell) is not None:
                    columns[k] = columns.get(k, 0) + 1
        return any(n >= 30 for n in columns.values())

    def value_cells(self, c: int) -> dict[int, tuple[str, float]]:
        """Row -> (province, number) of the numbers of column ``c`` in the rows of provinces of the table."""
        found = {}
        for r in range(1, self.end):
            value = number(self.rows[r][c]) if c < len(self.rows[r]) else None
            province = self.province(r, c) if value is not None else None
            if province is not None:
                found[r] = (province, value)
        return found


def compare(sheet: Sheet, stored: pl.DataFrame) -> tuple[int, dict[str, int]]:
    """Check every stored value of one sheet against its cell, and that no number of a column read is left
    out; the number of values compared, and each indicator's column."""
    columns = {}
    for (indicator,), group in stored.group_by(["indicator"]):
        candidates = None
        for province, value, row in group.select("province", "value", "raw_row").iter_rows():
            r = row - 1
            here = {
                c for c, cell in enumerate(sheet.rows[r]) if number(cell) == value and sheet.province(r, c) == province
            }
            candidates = here if candidates is None else candidates & here
            assert candidates, f"{sheet.name}: {indicator} {province} {value} (row {row}) is no cell of one column"
        assert len(candidates) == 1, f"{sheet.name}: {indicator} matches columns {sorted(candidates)}"
        (c,) = candidates
        columns[indicator] = c
        held = {(p, v) for p, v in group.select("province", "value").iter_rows()}
        for r, (province, value) in sheet.value_cells(c).items():  # nothing of that column left out
            assert (province, value) in held, f"{sheet.name}: row {r + 1} column {c + 1}: {province} {value} not stored"
    return stored.height, columns


def ingest_sheets(cli, path: Path, root: Path, year: int, sheets: list[str]):
    args = [a for s in sheets for a in ("--sheet", s)]
    return cli("ingest", str(path), *args, "--year", str(year), "--new-indicators", "--data", str(root))


@pytest.fixture(scope="module")
def province_lookup():
    from dtikit.provinces import ProvinceNames
    from dtikit.storage import Store

    return ProvinceNames(Store()).lookup


@pytest.mark.parametrize(
    ("file", "year", "apart", "skipped"),
    [
        ("PCI_2011.xls", 2011, {}, 0),
        # the English summary holds PCI 2013 (its header says so); the largest workbook: make test-all only
        pytest.param("PCI_2014.xlsx", 2014, {"Summary": 2013}, 0, marks=pytest.mark.slow),
        ("Plan_2011.xls", 2011, {}, 7),
        ("Final_2010.xls", 2010, {}, 8),
    ],
)
def test_every_value_stored_from_a_published_workbook_is_its_cell(
    cli, tmp_path, province_lookup, file, year, apart, skipped
):
    """Every sheet holding a province column goes in with --sheet, --year and --new-indicators only; every
    value and rank stored is the number of one cell, in the row of its province, and every number of a
    column read is stored."""
    path = REAL / file
    names = sheet_names(path)
    sheets = {n: Sheet(path, n, province_lookup) for n in names}
    with_provinces = [n for n, s in sheets.items() if s.has_provinces()]
    assert len(names) - len(with_provinces) == skipped
    root = tmp_path / "store"
    together = [n for n in with_provinces if n not in apart]
    result = ingest_sheets(cli, path, root, year, together)
    assert result.code == 0, result.err
    for sheet, other in apart.items():
        refused = ingest_sheets(cli, path, tmp_path / "refused", year, [sheet])
        assert refused.code == 1 and f"name the year {other}" in refused.err  # the year is asked, not assumed
        again = ingest_sheets(cli, path, root, other, [sheet])  # following the hint: --year 2013
        assert again.code == 0, again.err
    from dtikit.storage import Store

    observations = Store(root).observations()
    compared = 0
    for name in with_provinces:
        stored = observations.filter(pl.col("raw_file") == f"{path} [{name}]")
        assert stored.height > 0, name
        n, _ = compare(sheets[name], stored)
        compared += n
    assert compared == observations.filter(pl.col("raw_file").str.starts_with(str(path))).height


def test_pci_2006_read_as_of_2012_is_refused_for_ha_tay_alone(cli, province_lookup):
    """PCI 2006 ranks 64 provinces with Hà Tây (a province until 1 August 2008): read as 2006 it goes in
    whole (tests/test_geography.py); read as 2012, every sheet holding a province column is refused for
    the row of Hà Tây alone, which is named with what became of it and the act."""
    import json

    path = REAL / "PCI_2006.xls"
    with_provinces = [n for n in sheet_names(path) if Sheet(path, n, province_lookup).has_provinces()]
    assert len(with_provinces) == 11
    with_provinces.remove("PCI Tóm tắt")  # its header names 2006: read as 2012, it is refused for that first
    sheets = [a for n in with_provinces for a in ("--sheet", n)]
    result = cli("validate", str(path), *sheets, "--year", "2012", "--new-indicators", "--format", "json")
    assert result.code == 1
    problems = json.loads(result.out)
    assert {p["rule"] for p in problems} == {"not_in_geography"}
    assert all("'Hà Tây'" in p["message"] and "Nghị quyết 15/2008/QH12" in p["message"] for p in problems)
    assert sorted(p["file"] for p in problems) == sorted(f"{path} [{n}]" for n in with_provinces)
    for p in problems:
        sheet = Sheet(path, p["file"].split(" [")[1][:-1], province_lookup)
        assert sheet.rows[p["row"] - 1][1] == "Hà Tây"
    whole = cli("validate", str(path), "--sheet", "all", "--year", "2006", "--new-indicators", "--format", "json")
    assert whole.code == 0, whole.err


@pytest.mark.slow
def test_pci_2006_without_ha_tay_reads_right(cli, tmp_path, province_lookup):
    """The same sheets with the row of Hà Tây left out (a copy written here, every other cell as it is) go in
    whole, and every value is its cell: the two-row English and Vietnamese summary, the unnamed column of
    row numbers, the MIN and MAX rows, and each sub-index sheet's 'Điểm Chỉ số: ...' column."""
    from tests.workbooks import xlsx

    path = REAL / "PCI_2006.xls"
    kept = {}
    for name in sheet_names(path):
        rows = sheet_rows(path, name)
        kept[name] = [row for row in rows if not (len(row) > 1 and row[1] == "Hà Tây")]
    copy = tmp_path / "PCI_2006_without_Ha_Tay.xlsx"
    copy.write_bytes(xlsx(kept))
    root = tmp_path / "store"
    result = cli("ingest", str(copy), "--sheet", "all", "--year", "2006", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert "[Bảng xếp hạng]: skipped: no column names a province" in result.err
    from dtikit.storage import Store

    observations = Store(root).observations()
    compared = 0
    for name in kept:
        sheet = Sheet(copy, name, province_lookup)
        if sheet.has_provinces():
            compared += compare(sheet, observations.filter(pl.col("raw_file") == f"{copy} [{name}]"))[0]
    assert compared == observations.filter(pl.col("raw_file").str.starts_with(str(copy))).height > 63 * 100


def competition_ranks(values: dict[str, float]) -> dict[str, int]:
    return {p: 1 + sum(1 for w in values.values() if w > v) for p, v in values.items()}


@pytest.mark.slow
def test_proactivity_is_one_indicator_over_three_editions_found_by_either_name(cli, tmp_path, province_lookup):
    """PCI 2006 (with Hà Tây, 64 provinces), 2011 and 2014 ingested one after another: the Proactivity
    sub-index (numbered 6 in 2011, 7 in 2014, named 'Tính năng động và tiên phong...' in 2006) is one
    indicator, found as 'Tính năng động' and as 'Proactivity', and its ranks are those of the cells: of 64
    in 2006; Hà Nội of 2011 (Hà Nội and Hà Tây merged on 1/8/2008) has no rank change from 2006."""
    import json

    from dtikit.provinces import ProvinceNames
    from dtikit.storage import Store

    copy = REAL / "PCI_2006.xls"
    root = tmp_path / "store"
    latest = REAL / "PCI_2014.xlsx"
    visible = [a for s in sheet_names(latest) if s != "Summary" for a in ("--sheet", s)]  # 'Summary' holds 2013
    for path, year, sheets in ((copy, 2006, ["--sheet", "all"]), (REAL / "PCI_2011.xls", 2011, ["--sheet", "all"])):
        result = cli("ingest", str(path), *sheets, "--year", str(year), "--new-indicators", "--data", str(root))
        assert result.code == 0, result.err
    result = cli("ingest", str(latest), *visible, "--year", "2014", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err

    def cells(path: Path, sheet: str, c: int, lookup=province_lookup) -> dict[str, float]:
        found = Sheet(path, sheet, lookup)
        return {p: v for p, v in found.value_cells(c).values()}

    expected = {2014: cells(latest, "Tính năng động", 2), 2011: cells(REAL / "PCI_2011.xls", "Tinh nang dong", 2)}
    expected[2006] = cells(copy, "Tính năng động", 7, ProvinceNames(Store(), 64).lookup)
    assert len(expected[2006]) == 64
    for name in ("Tính năng động", "Proactivity"):
        for year, before in ((2014, 2011), (2011, 2006)):
            out = cli(
                "rank",
                "--indicator",
                name,
                "--year",
                str(year),
                "--vs",
                str(before),
                "--data",
                str(root),
                "--format",
                "json",
            )
            assert out.code == 0, out.err
            got = {r["province"]: (r["score"], r["rank"], r["prev_rank"]) for r in json.loads(out.out)}
            now, then = competition_ranks(expected[year]), competition_ranks(expected[before])
            merged = {"Hà Nội"} if before == 2006 else set()  # not the same unit in both years
            assert got == {p: (expected[year][p], now[p], None if p in merged else then.get(p)) for p in expected[year]}


# ---- percent columns: cells formatted as percent are read as shown; fractions under a '%' header are said --


@pytest.mark.slow
@pytest.mark.parametrize("sheet", ["Chi phí gia nhập thị trường", "Tính năng động"])
def test_percent_formatted_components_are_read_as_shown(cli, sheet):
    """PCI 2014's components are headed '... (% đồng ý)' over fractions (0.567) that Excel shows as
    percent (57%): each is stored as the percent shown (56.7...), never as the fraction, and no note calls
    them fractions. Expected values come from the cells and their number formats (openpyxl)."""
    import csv
    import io
    import re

    from openpyxl import load_workbook

    path = REAL / "PCI_2014.xlsx"
    book = load_workbook(path, data_only=True)
    try:
        rows = list(book[sheet].iter_rows())
    finally:
        book.close()
    header = [cell.value for cell in rows[0]]
    expected = {}  # (sheet row, column header) -> value shown
    for c, text in enumerate(header):
        if not isinstance(text, str) or not re.search(r"\(\s*%[^()]*\)\s*$", text):
            continue
        for row in rows[3:]:  # the numbered rows are the provinces (Median, Min, Max below are not)
            if not isinstance(row[0].value, int):
                continue
            cell = row[c] if c < len(row) else None
            if cell is not None and isinstance(cell.value, float) and "%" in cell.number_format:
                expected[(cell.row, " ".join(text.split()))] = cell.value * 100
    assert len({column for _, column in expected}) > 3
    result = cli("ingest", str(path), "--sheet", sheet, "--year", "2014", "--new-indicators", "--dry-run")
    assert result.code == 0, result.err
    assert "every value is a fraction" not in result.err
    by_row: dict[int, list[float]] = {}  # the new indicators' ids are dtikit's: values matched by row
    for r in csv.DictReader(io.StringIO(result.out)):
        by_row.setdefault(int(r["row"]), []).append(float(r["value"]))
    numbered = {row[0].row for row in rows[3:] if isinstance(row[0].value, int)}
    assert set(by_row) == numbered  # the sum, median, min and max rows below the provinces are not stored
    for (row, column), value in expected.items():
        assert any(abs(v - value) < 1e-9 for v in by_row[row]), (row, column, value)
        assert not any(abs(v - value / 100) < 1e-12 for v in by_row[row]), (row, column)


def test_percent_columns_over_fractions_are_said_once_per_sheet(cli, tmp_path):
    """Five columns headed '(% ...)' over plain fractions (no percent format): one note for the sheet,
    counting the columns and naming the first three; the values are not stored as percent."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Khảo sát"
    heads = [f"Câu hỏi {n} (% đồng ý)" for n in range(1, 6)]
    sheet.append(["Tỉnh", "Năm", *heads])
    sheet.append(["Kon Tum", 2014, 0.55, 0.4, 0.61, 0.2, 0.35])
    sheet.append(["Gia Lai", 2014, 0.5, 0.45, 0.6, 0.25, 0.3])
    sheet.append(["Đắk Lắk", 2014, 0.52, 0.41, 0.66, 0.21, 0.33])
    path = tmp_path / "khao_sat.xlsx"
    book.save(path)
    result = cli("validate", str(path), "--new-indicators")
    notes = [line for line in result.err.splitlines() if "is a percent, but every value is a fraction" in line]
    assert len(notes) == 1, result.err
    assert "the unit of 5 columns is a percent" in notes[0]
    assert all(repr(name) in notes[0] for name in heads[:3])
    assert not any(repr(name) in notes[0] for name in heads[3:])
    assert "and 2 more;" in notes[0]
