"""Cells read by one stated rule, or refused naming their row and column (docs/guides/your-tables.md)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store

HEADER = "Tỉnh;Năm;Chỉ tiêu;Giá trị"
ROUTES = pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])


def _ingest(cli, tmp_path: Path, monkeypatch, threshold: str | None, *cells: str):
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    rows = ["Hà Nội;2024;chi_so_t;1,5", *(f"Kon Tum;{2000 + n};chi_so_t;{c}" for n, c in enumerate(cells))]
    file = tmp_path / "cells.csv"
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return cli("ingest", str(file), "--data", str(tmp_path / "store"))


def _held(tmp_path: Path) -> list[tuple[int, float]]:
    values = (
        Store(tmp_path / "store").values().filter(pl.col("indicator") == "chi_so_t", pl.col("province") == "Kon Tum")
    )
    return values.sort("year").select("year", "value").rows()


@ROUTES
@pytest.mark.parametrize("cell", ["5 5", "1 2", "12 345 6", "--5", "-−5", "=123.4", "=5", "1 2,5"])
def test_a_cell_that_is_not_one_number_is_refused(cli, tmp_path, monkeypatch, threshold, cell):
    """Once read as 55, 12, 123456, -5, 123.4: spaces squeezed out anywhere, every leading minus sign
    taken as one, a text cell '=123.4' read as a number typed in a spreadsheet (a text file has none)."""
    result = _ingest(cli, tmp_path, monkeypatch, threshold, cell)
    assert result.code == 1, result.err
    assert f"row 3, column 'Giá trị': {cell} is not a number" in result.err, result.err
    assert not (tmp_path / "store").exists()


@ROUTES
@pytest.mark.parametrize("cell", ["nan", "NaN", "NAN", "N/A", "n/A", "#N/A", "None", "NULL", "Không có", "KHÔNG CÓ"])
def test_a_missing_marker_is_missing_in_any_letter_case(cli, tmp_path, monkeypatch, threshold, cell):
    """'nan' was missing and 'NaN' refused as not a number: the markers are read in any letter case."""
    result = _ingest(cli, tmp_path, monkeypatch, threshold, cell, "2,5")
    assert result.code == 0, result.err
    assert "cells.csv: 2 of 3 data rows give values; not the others: 1 row(s) without a value" in result.err
    assert _held(tmp_path) == [(2001, 2.5)]


@ROUTES
def test_spaces_between_groups_of_three_digits_and_before_a_percent_sign(cli, tmp_path, monkeypatch, threshold):
    cells = ["1 234 567", "1\u00a0234,5", "60,81 %", " 7 ", "-1 234"]
    result = _ingest(cli, tmp_path, monkeypatch, threshold, *cells)
    assert result.code == 0, result.err
    assert _held(tmp_path) == [(2000, 1234567), (2001, 1234.5), (2002, 60.81), (2003, 7), (2004, -1234)]


@pytest.mark.parametrize("at", [3, 500])
def test_a_nul_byte_in_a_utf8_file_is_named(cli, tmp_path, at):
    """One NUL byte made a UTF-8 file read as UTF-16 ('no column names a province')."""
    rows = [f"Kon Tum;{2000 + n % 25};chi_so_{n // 25};{n},5" for n in range(60)]
    data = "\n".join([HEADER, *rows]).encode() + b"\n"
    data = data[:at] + b"\x00" + data[at:]
    (tmp_path / "nul.csv").write_bytes(data)
    result = cli("ingest", str(tmp_path / "nul.csv"), "--data", str(tmp_path / "store"))
    assert result.code == 1
    line = data[:at].count(b"\n") + 1
    assert f"nul.csv: byte {at} (row {line}) is a NUL byte" in result.err, result.err
    assert "no column names a province" not in result.err
    assert result.err.count("error:") == 1


def test_utf16_without_a_byte_order_mark_is_still_read(cli, tmp_path):
    text = "\n".join([HEADER.replace(";", "\t"), "Kon Tum\t2024\tchi_so_t\t1,5", "Gia Lai\t2024\tchi_so_t\t2,5"]) + "\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16-le"))
    result = cli("ingest", str(tmp_path / "u16.txt"), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert "utf-16-le" in result.err


@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_a_text_cell_like_a_formula_in_a_workbook_or_parquet_is_text(cli, tmp_path, kind):
    """A workbook's or a Parquet file's typed numbers were marked '=' before their digits, so a text cell
    '=123.4' was taken for a typed number and stored as 123.4; it is text, refused like any other, and a
    typed number beside it is still read."""
    if kind == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["Tỉnh", "Năm", "Chỉ tiêu", "Giá trị"])
        sheet.append(["Hà Nội", 2024, "chi_so_t", 1.5])
        sheet.append(["Kon Tum", 2024, "chi_so_t", "=123.4"])
        sheet["D3"].data_type = "s"  # a text cell, as typed after an apostrophe
        file = tmp_path / "cells.xlsx"
        book.save(file)
    else:
        file = tmp_path / "cells.parquet"
        frame = pl.DataFrame({"Tỉnh": ["Hà Nội", "Kon Tum"], "Năm": [2024, 2024], "Chỉ tiêu": ["chi_so_t"] * 2})
        frame.with_columns(pl.Series("Giá trị", ["1.5", "=123.4"])).write_parquet(file)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"), "--new-indicators")
    assert result.code == 1, result.err
    assert "row 3, column 'Giá trị': =123.4 is not a number" in result.err, result.err
    assert not (tmp_path / "store").exists()
    assert "row 2, column" not in result.err  # the 1.5 is a number
