"""Rows that give no value are counted by kind, in one note per table, in both routes and languages."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store

HEADER = "Tỉnh;Năm;Chỉ tiêu;Giá trị"


def _file(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


ROWS = [
    "Kon Tum;2024;chi_so_t;60,81",
    ";;;",  # blank
    "Gia Lai;2024;chi_so_t;-",  # no value
    "Cả nước;2024;chi_so_t;55",  # statistics
    "Kon Tum;2024;chi_so_t;60,81",  # repeats row 2
    "Lâm Đồng;2024;chi_so_t;",  # no value
    "",  # blank
    "Đắk Lắk;2024;chi_so_t;3",
]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "8 data rows give values; not the others: 2 blank row(s); "
            "1 row(s) of totals, regions or statistics, not provinces; "
            "1 row(s) repeating an earlier row; 2 row(s) without a value (empty, or a missing marker such as -)",
        ),
        (
            "vi",
            "8 dòng dữ liệu cho giá trị; các dòng còn lại thì không: 2 dòng trống; "
            "1 dòng tổng số, vùng hoặc thống kê, không phải tỉnh, thành phố; 1 dòng lặp lại một dòng trước đó; "
            "2 dòng không có giá trị (ô trống, hoặc ký hiệu thiếu như -)",
        ),
    ],
)
def test_rows_that_give_no_value_are_counted_by_kind(cli, tmp_path, lang, said):
    """An ingest that writes fewer rows than the file's data rows says why, always."""
    file = _file(tmp_path / "rows.csv", *ROWS)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"), "--lang", lang)
    assert result.code == 0, result.err
    assert f"rows.csv: 2 {'of' if lang == 'en' else 'trên'} {said}" in result.err, result.err
    assert Store(tmp_path / "store").values().filter(pl.col("indicator") == "chi_so_t").height == 2


@pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])
def test_both_routes_count_blank_rows_and_rows_without_a_value(cli, tmp_path, monkeypatch, threshold):
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    rows = [r for n, r in enumerate(ROWS) if n not in (3, 4)]  # no statistics row, no repeat: a plain file
    result = cli("ingest", str(_file(tmp_path / "plain.csv", *rows)), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert len(Store(tmp_path / "store").parts()) == (threshold is not None)
    assert "plain.csv: 2 of 6 data rows give values; not the others: 2 blank row(s); 2 row(s) without" in result.err


@pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])
def test_no_note_when_every_row_gives_a_value(cli, tmp_path, monkeypatch, threshold):
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    result = cli("ingest", str(_file(tmp_path / "full.csv", ROWS[0], ROWS[-1])), "--data", str(tmp_path / "store"))
    assert result.code == 0 and "data rows" not in result.err, result.err


@pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])
def test_a_missing_value_then_a_value_for_one_key_is_the_value(cli, tmp_path, monkeypatch, threshold):
    """A missing cell is no value: it repeats nothing. The general checks took '#N/A' then 0,5 for one key
    as a value given twice and failed on the message ('internal error: TypeError'); the one-pass route
    stored 0,5 (found by the property test of the two routes)."""
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    file = _file(tmp_path / "twice.csv", "Hà Nội;2010;chi_so_t;#N/A", "Hà Nội;2010;chi_so_t;0,5")
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert "1 of 2 data rows give values; not the others: 1 row(s) without a value" in result.err
    held = Store(tmp_path / "store").values().filter(pl.col("indicator") == "chi_so_t")
    assert held.select("province", "year", "value").rows() == [("Hà Nội", 2010, 0.5)]


@pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])
@pytest.mark.parametrize("missing", [False, True])
def test_a_line_break_inside_a_cell_is_not_a_row(cli, tmp_path, monkeypatch, threshold, missing):
    """The one-pass route counts a file's lines before its rows: a quoted line break adds a line, not a
    row, and is then counted right by reading the rows."""
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    header = "Tỉnh;Năm;Chỉ tiêu;Giá trị;Nguồn"
    rows = ['Kon Tum;2024;chi_so_t;1,5;"báo cáo\nquý 4"', f"Gia Lai;2024;chi_so_t;{'-' if missing else '2,5'};"]
    (tmp_path / "quoted.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = cli("ingest", str(tmp_path / "quoted.csv"), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    said = "quoted.csv: 1 of 2 data rows give values; not the others: 1 row(s) without a value"
    assert (said in result.err) == missing and ("data rows" in result.err) == missing, result.err


def test_rows_the_layout_sets_aside_are_counted_as_such(cli, tmp_path):
    """A budget annex as the Ministry of Finance publishes it (tests/fixtures/real): a national total and
    six region subtotals among the 63 provinces. Counted by hand from the sheet 'M09(R)': rows 14 to 83
    below its header, of which row 14 is 'Tổng Số - Total' and rows 15, 30, 42, 57, 63 and 70 regions."""
    book = Path(__file__).parent / "fixtures" / "real" / "Plan_2011.xls"
    args = ["--sheet", "M09(R)", "--year", "2011", "--new-indicators", "--data", str(tmp_path / "store")]
    result = cli("ingest", str(book), *args)
    assert result.code == 0, result.err
    said = (
        "63 of 70 data rows give values; not the others: 1 row(s) of totals, regions or statistics, not provinces; "
        "6 row(s) set aside as the notes above say"
    )
    assert said in result.err, result.err
