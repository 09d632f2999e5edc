"""The year a table's title names ('... NĂM 2011', 'FY 2011') is the year of its rows when nothing else
names one: never a date's year or an act's number, never one of two years, never over --year or a
year column; and the budget workbooks read so hold exactly what they hold read with --year."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dtikit.ingest.title import title_year

REAL = Path(__file__).parent / "fixtures" / "real"


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (["CÂN ĐỐI NGÂN SÁCH NHÀ NƯỚC NĂM 2011", "STATE BUDGET BALANCE FY 2011"], 2011),
        (["PROGRAM 135, 5 MILLION HECTARE REFORESTATION PROJECT FY2010"], 2010),
        (["Số liệu năm 2023"], 2023),
        (["(Kèm theo Quyết định số 2890/QĐ-BTC ngày 25 tháng 11 năm 2010)", "DỰ TOÁN NĂM 2011"], 2011),
        (["Ban hành ngày 25/11/2010", "DỰ TOÁN THU NĂM 2011"], 2011),
        (["ƯỚC THỰC HIỆN NĂM 2010 VÀ DỰ TOÁN NĂM 2011"], None),  # two years: the columns must say which
        (["Giai đoạn 2021-2025"], None),  # a period, not a year
        (["Quyết định 2020/QĐ-TTg"], None),
        (["Xếp hạng các tỉnh"], None),
    ],
)
def test_the_title_names_one_year_or_none(lines, year):
    grid = [[line, ""] for line in lines] + [["Tỉnh", "Giá trị"]]
    found = title_year(grid, 0, len(lines))
    assert (found[0] if found else None) == year


def _table(path: Path, title: str, header: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"  # a sheet's name that names no year
    sheet.append([title])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_a_year_column_or_year_option_wins_over_the_title(cli, tmp_path):
    rows = [["Kon Tum", 2022, 1250], ["Gia Lai", 2022, 3400]]
    _table(tmp_path / "cols.xlsx", "SỐ DOANH NGHIỆP NĂM 2023", ["Tỉnh", "Năm", "Số doanh nghiệp"], rows)
    read = cli("ingest", str(tmp_path / "cols.xlsx"), "--new-indicators", "--dry-run", "-f", "csv")
    assert read.code == 0, read.err
    assert set(pl.read_csv(read.out.encode())["year"]) == {2022} and "from the title" not in read.err
    _table(
        tmp_path / "bare.xlsx", "SỐ DOANH NGHIỆP NĂM 2023", ["Tỉnh", "Số doanh nghiệp"], [[r[0], r[2]] for r in rows]
    )
    titled = cli("ingest", str(tmp_path / "bare.xlsx"), "--new-indicators", "--dry-run", "-f", "csv")
    assert titled.code == 0, titled.err
    assert set(pl.read_csv(titled.out.encode())["year"]) == {2023}
    assert "year 2023 from the title in row 1 ('SỐ DOANH NGHIỆP NĂM 2023')" in titled.err
    given = cli("ingest", str(tmp_path / "bare.xlsx"), "--new-indicators", "--dry-run", "-f", "csv", "--year", "2021")
    assert set(pl.read_csv(given.out.encode())["year"]) == {2021} and "from the title" not in given.err


@pytest.mark.parametrize(
    ("file", "year", "sheet"), [("Plan_2011.xls", 2011, "M09(R)"), ("Final_2010.xls", 2010, "M09+")]
)
def test_a_budget_annex_read_by_its_title_holds_what_it_holds_with_year(cli, tmp_path, file, year, sheet):
    """Two routes to one store: the annex of the provinces with --year, and without it (its title's year)."""
    from dtikit.storage import Store

    stores = {}
    for given in ([], ["--year", str(year)]):
        root = tmp_path / f"store{len(given)}"
        result = cli("ingest", str(REAL / file), "--sheet", sheet, *given, "--new-indicators", "--data", str(root))
        assert result.code == 0, result.err
        assert ("from the title" in result.err) is not given
        held = Store(root).observations().filter(pl.col("raw_file").str.contains(file, literal=True))
        stores[len(given)] = held.select("province", "year", "indicator", "value", "raw_row").sort(pl.all())
    assert stores[0].height > 300 and set(stores[0]["year"]) == {year}
    assert stores[0].equals(stores[2])
