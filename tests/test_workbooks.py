"""Published indicator workbooks ingested as they are: .xlsx, .xls and .ods, every sheet, headers over
two rows, identifier columns, statistics rows, a repeated reference row and (province, value) pairs."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store
from tests.published_shapes import PAPI_EN, PAPI_VI, PCI_SUB, PROVINCES, papi_workbook, pci_workbook, value
from tests.test_ingest import snapshot
from tests.workbooks import WRITERS, xlsx

KINDS = sorted(WRITERS)


def book(tmp_path: Path, kind: str, sheets: dict) -> str:
    path = tmp_path / f"book.{kind}"
    path.write_bytes(WRITERS[kind](sheets))
    return str(path)


def held(root: Path, indicator: str, year: int) -> dict[str, float]:
    values = Store(root).values().filter((pl.col("indicator") == indicator) & (pl.col("year") == year))
    return dict(values.select("province", "value").iter_rows())


def catalog(root: Path, indicator: str) -> dict:
    return Store(root).indicators().filter(pl.col("indicator") == indicator).row(0, named=True)


@pytest.mark.parametrize("kind", KINDS)
def test_a_governance_workbook_one_sheet_per_year(cli, tmp_path, kind):
    root = tmp_path / "store"
    result = cli(
        "ingest", book(tmp_path, kind, papi_workbook()), "--sheet", "all", "--new-indicators", "--data", str(root)
    )
    assert result.code == 0, result.err
    for year in (2016, 2017):
        for k, ident in enumerate(["participation_at_local_levels", "transparency", "control_of_corruption"]):
            scale = 100 if k == 2 else 10
            assert held(root, ident, year) == {p: value(i, year + k, scale) for i, p in enumerate(PROVINCES)}
    entry = catalog(root, "control_of_corruption")
    assert (entry["name_vi"], entry["name_en"], entry["unit"]) == ("Kiểm soát tham nhũng", "Control of corruption", "%")
    assert catalog(root, "participation_at_local_levels")["name_vi"] == "Tham gia của người dân ở cấp cơ sở"
    ids = set(Store(root).indicators()["indicator"])
    assert not {"tinhid", "ma_tinh", "province", "tinh"} & ids  # codes and names are not indicators
    assert "'Highest' (row 66)" in result.err  # the statistics row, skipped with a note
    assert "[Ghi chú]: skipped: no column names a province" in result.err
    assert "year 2016 from the sheet's name" in result.err
    assert result.err.count("new indicator 'transparency'") == 1  # listed once for the two sheets


@pytest.mark.parametrize("kind", KINDS)
def test_a_competitiveness_workbook_of_sub_index_sheets_and_a_summary(cli, tmp_path, kind):
    root = tmp_path / "store"
    file = book(tmp_path, kind, pci_workbook())
    result = cli("ingest", file, "--sheet", "all", "--new-indicators", "--year", "2021", "--data", str(root))
    assert result.code == 0, result.err
    expected = {p: value(i, 2) for i, p in enumerate(PROVINCES)}
    assert held(root, "chi_so_gia_nhap_thi_truong", 2021) == expected  # Tp.HCM read as Hồ Chí Minh
    assert held(root, "so_ngay_cho_thanh_lap", 2021) == {p: value(i, 0) for i, p in enumerate(PROVINCES)}
    assert held(root, "chi_so_tiep_can_dat_dai", 2021) == {p: value(i, 3) for i, p in enumerate(PROVINCES)}
    assert catalog(root, "so_ngay_cho_thanh_lap")["unit"] == "ngày"
    assert catalog(root, "rui_ro_bi_thu_hoi_dat")["unit"] == "1-5"
    assert "'Median' (row 69), 'Min' (row 70), 'Max' (row 71)" in result.err
    assert "row 68 (= row 9, Lào Cai)" in result.err  # the reference row below the table, read once
    assert "2 (province, value) column pair(s)" in result.err
    # the summary sheet's pairs are sources of the same values as the sub-index sheets
    observations = Store(root).observations().filter(pl.col("indicator") == "chi_so_gia_nhap_thi_truong")
    assert observations.height == 2 * 63
    assert not {"c1", "c2", "sub1_entry", "pci_id", "ma_pci"} & set(Store(root).indicators()["indicator"])


def test_a_second_ingest_of_the_next_year_finds_the_indicators_by_their_names(cli, tmp_path):
    root = tmp_path / "store"
    first = xlsx({"2016_PAPI": papi_workbook()["2016_PAPI"]})
    second = xlsx({"Năm 2017": papi_workbook()["2017_PAPI"]})
    (tmp_path / "a.xlsx").write_bytes(first)
    (tmp_path / "b.xlsx").write_bytes(second)
    assert cli("ingest", str(tmp_path / "a.xlsx"), "--new-indicators", "--data", str(root)).code == 0
    result = cli("ingest", str(tmp_path / "b.xlsx"), "--data", str(root))  # no flag: every header is known now
    assert result.code == 0, result.err
    assert len(held(root, "transparency", 2017)) == 63
    assert "new indicator" not in result.err


def test_without_the_flag_the_unknown_columns_are_listed_and_the_flag_named(cli, tmp_path):
    header = ["Tỉnh", *[f"Chỉ tiêu mới số {k}" for k in range(14)]]
    rows = [header, *[[p, *[value(i, k) for k in range(14)]] for i, p in enumerate(PROVINCES)]]
    file = book(tmp_path, "xlsx", {"S": rows})
    result = cli("validate", file, "--year", "2023")
    assert result.code == 1
    assert "cannot map column 'Chỉ tiêu mới số 0', 'Chỉ tiêu mới số 1'" in result.err
    assert "'Chỉ tiêu mới số 9' and 4 more; --new-indicators adds each column of numbers" in result.err
    dry = cli("validate", file, "--new-indicators", "--year", "2023")
    assert dry.code == 0, dry.err
    assert "new indicator 'chi_tieu_moi_so_13' (Chỉ tiêu mới số 13; unit not given) would be added" in dry.err


def test_a_repeated_row_with_other_values_is_an_error_naming_both_rows(cli, tmp_path):
    rows = [
        ["Tỉnh", "Năm", "Tỷ lệ phủ sóng 4G (%)"],
        ["Kon Tum", 2023, 91.5],
        ["Gia Lai", 2023, 95],
        [],
        ["Kon Tum", 2023, 92],
    ]
    result = cli("ingest", book(tmp_path, "xlsx", {"S": rows}), "--new-indicators", "--data", str(tmp_path / "s"))
    assert result.code == 1
    assert "row 5, column 'Tỷ lệ phủ sóng 4G (%)': Kon Tum 2023 ty_le_phu_song_4g appears again with another value" in (
        result.err
    )
    assert "(first on row 2: 91.5)" in result.err
    assert not (tmp_path / "s").exists()


def test_two_province_columns_must_agree(cli, tmp_path):
    rows = [["Province", "Tỉnh", "Năm", "Điểm"], ["Kon Tum", "Kon Tum", 2022, 0.54], ["Gia Lai", "Đắk Lắk", 2022, 0.6]]
    result = cli("validate", book(tmp_path, "xlsx", {"S": rows}))
    assert result.code == 1
    assert (
        "row 3, column 'Tỉnh': 'Đắk Lắk' is not the province of column 'Province' on this row ('Gia Lai')" in result.err
    )


def test_three_province_columns_are_an_error_naming_them(cli, tmp_path):
    rows = [["Province", "Tỉnh", "Địa phương", "Điểm"], *[[p, p, p, 0.5] for p in PROVINCES[:5]]]
    result = cli("validate", book(tmp_path, "xlsx", {"S": rows}), "--year", "2022")
    assert result.code == 1
    assert (
        "columns 'Province', 'Tỉnh', 'Địa phương' all name provinces; keep one with --map 'HEADER=ignore'" in result.err
    )


def test_a_formula_without_a_saved_value_is_named_by_its_cell(cli, tmp_path):
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54], ["Gia Lai", 2022, "=B2/1000"]]
    result = cli("validate", book(tmp_path, "xlsx", {"DTI": rows}))
    assert result.code == 1
    assert "book.xlsx: sheet 'DTI': cell C3 holds a formula with no saved value (=B2/1000)" in result.err
    assert "Traceback" not in result.err


def test_sheets_by_name_with_or_without_diacritics_and_repeated(cli, tmp_path):
    file = book(tmp_path, "ods", papi_workbook())
    result = cli("validate", file, "--sheet", "2017_papi", "--sheet", "2016_PAPI", "--new-indicators")
    assert result.code == 0, result.err
    assert "[2017_PAPI]: valid, 189 values" in result.err and "[2016_PAPI]: valid, 189 values" in result.err
    missing = cli("validate", file, "--sheet", "2018_PAPI")
    assert missing.code == 1
    assert "no sheet '2018_PAPI'; its sheets are '2016_PAPI', '2017_PAPI', 'Ghi chú' (--sheet all reads every one)" in (
        missing.err
    )
    assert cli("validate", file, "--sheet", "ghi chu").code == 1  # a sheet named on purpose must hold a table


def test_all_sheets_are_one_commit(cli, tmp_path):
    """A problem in the last sheet leaves the store as it was: nothing of the first sheets is written."""
    root = tmp_path / "store"
    assert cli("ingest", str(Path(__file__).parent / "fixtures" / "dti2022.parquet"), "--data", str(root)).code == 0
    before = snapshot(root)
    sheets = papi_workbook()
    sheets["2017_PAPI"][10][3] = "n.a.x"
    result = cli("ingest", book(tmp_path, "xls", sheets), "--sheet", "all", "--new-indicators", "--data", str(root))
    assert result.code == 1
    assert "[2017_PAPI]: row 11, column 'Participation at local levels': n.a.x is not a number" in result.err
    assert snapshot(root) == before


def test_sheet_and_map_options_that_match_nothing_are_usage_errors(cli, tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("Tỉnh,Năm,Điểm\nKon Tum,2022,0.54\n", encoding="utf-8")
    sheet = cli("validate", str(csv), "--sheet", "DTI")
    assert sheet.code == 2 and "--sheet 'DTI': " in sheet.err and "is not a workbook" in sheet.err
    mapped = cli("validate", str(csv), "--map", "Nope=ignore")
    assert mapped.code == 2 and "--map 'Nope=ignore' names no column" in mapped.err


def test_map_by_letter_or_position_names_a_column_without_a_header(cli, tmp_path):
    rows = [["STT", None, "Năm", "Điểm"], *[[i + 1, p, 2025, round(0.3 + i / 200, 4)] for i, p in enumerate(PROVINCES)]]
    file = book(tmp_path, "xlsx", {"S": rows})
    for option in ("B=province", "#2=province"):
        result = cli("ingest", file, "--map", option, "--data", str(tmp_path / option[0]))
        assert result.code == 0, result.err
        assert held(tmp_path / option[0], "dti", 2025)["Kon Tum"] == round(0.3 + PROVINCES.index("Kon Tum") / 200, 4)


def test_header_row_and_skip_rows(cli, tmp_path):
    rows = [
        ["Bảng 3. Tỉnh có tỷ lệ cao"],
        ["Tỉnh", "Ghi chú", "Nguồn"],  # a row that looks like a header but is not the table's
        [],
        ["Tỉnh/Thành phố", "Năm", "Điểm"],
        ["Kon Tum", 2025, 0.54],
    ]
    file = book(tmp_path, "xlsx", {"S": rows})
    assert cli("validate", file).code == 1  # the first header-like row is taken, and 'Ghi chú' ... holds nothing
    for option in (["--header-row", "4"], ["--skip-rows", "2"]):
        result = cli("ingest", file, *option, "--data", str(tmp_path / option[0]))
        assert result.code == 0, result.err
        assert held(tmp_path / option[0], "dti", 2025) == {"Kon Tum": 0.54}
    far = cli("validate", file, "--header-row", "40")
    assert far.code == 1 and "--header-row 40: the table has rows 1..5" in far.err


def test_a_rank_column_ranks_the_files_own_indicator(cli, tmp_path):
    rows = [
        ["Tỉnh", "Năm", "Tỷ lệ phủ sóng 4G (%)", "Xếp hạng"],
        ["Kon Tum", 2023, 91.5, 30],
        ["Gia Lai", 2023, 95, 12],
    ]
    root = tmp_path / "store"
    result = cli("ingest", book(tmp_path, "xlsx", {"S": rows}), "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert held(root, "ty_le_phu_song_4g_rank", 2023) == {"Kon Tum": 30, "Gia Lai": 12}
    added = Store(root).observations().filter(pl.col("raw_file").str.contains("book.xlsx"))
    assert set(added["indicator"]) == {"ty_le_phu_song_4g", "ty_le_phu_song_4g_rank"}  # never the DTI's rank
    assert catalog(root, "ty_le_phu_song_4g_rank")["name_vi"] == "Xếp hạng Tỷ lệ phủ sóng 4G"


def test_the_same_file_given_twice_is_read_once(cli, tmp_path):
    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54]]
    file = book(tmp_path, "xlsx", {"S": rows})
    result = cli("ingest", file, file, "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert "given twice in this command; read once" in result.err
    assert "added 0, replaced 0, already held 1" in result.err


def test_a_copy_is_given_twice_and_files_of_one_size_are_told_apart(cli, tmp_path):
    """Sums are compared between files of one size only: a copy is read once, another file of the
    same size (a different value) and one of another size are both read."""
    texts = {"a.csv": "Tỉnh,Năm,Điểm\nKon Tum,2022,0.5\n", "b.csv": "Tỉnh,Năm,Điểm\nKon Tum,2021,0.4\n"}
    texts["copy.csv"] = texts["a.csv"]
    texts["c.csv"] = "Tỉnh,Năm,Điểm\nGia Lai,2020,0.45\n"
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert (tmp_path / "a.csv").stat().st_size == (tmp_path / "b.csv").stat().st_size
    files = [str(tmp_path / name) for name in ("a.csv", "b.csv", "copy.csv", "c.csv")]
    root = tmp_path / "store"
    result = cli("ingest", *files, "--data", str(root), "--replace")
    assert result.code == 0, result.err
    assert result.err.count("given twice in this command; read once") == 1
    assert "copy.csv" in next(line for line in result.err.splitlines() if "given twice" in line)
    assert held(root, "dti", 2022)["Kon Tum"] == 0.5
    assert held(root, "dti", 2021)["Kon Tum"] == 0.4
    assert held(root, "dti", 2020)["Gia Lai"] == 0.45


@pytest.mark.parametrize(
    ("given", "expected"),
    [("overall", "dti"), ("Chính quyền số", "dti_gov"), ("chinh quyen so", "dti_gov"), ("dti_econ", "dti_econ")],
)
def test_ingest_indicator_means_what_rank_indicator_means(cli, tmp_path, given, expected):
    csv = tmp_path / "a.csv"
    csv.write_text("Tỉnh,Năm,Điểm\nKon Tum,2022,0.5\n", encoding="utf-8")
    root = tmp_path / "store"
    result = cli("ingest", str(csv), "--indicator", given, "--data", str(root), "--replace")
    assert result.code == 0, result.err
    assert held(root, expected, 2022)["Kon Tum"] == 0.5
    assert "overall" not in set(Store(root).indicators()["indicator"])


def test_an_unknown_ingest_indicator_is_a_usage_error_unless_new(cli, tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("Tỉnh,Năm,Giá trị\nKon Tum,2022,91.5\n", encoding="utf-8")
    result = cli("validate", str(csv), "--indicator", "phu_song_4g")
    assert result.code == 2 and "unknown indicator 'phu_song_4g'" in result.err and "--new-indicators" in result.err
    root = tmp_path / "store"
    made = cli("ingest", str(csv), "--indicator", "phu_song_4g", "--new-indicators", "--data", str(root))
    assert made.code == 0, made.err
    assert held(root, "phu_song_4g", 2022) == {"Kon Tum": 91.5}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_from_a_typed_reader_are_errors(cli, tmp_path, bad):
    file = tmp_path / "a.parquet"
    pl.DataFrame({"Tỉnh": ["Kon Tum", "Gia Lai"], "Năm": [2022, 2022], "Điểm": [0.54, bad]}).write_parquet(file)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 1
    assert "row 3, column 'Điểm': " in result.err and "is not a finite number" in result.err
    assert not (tmp_path / "store").exists()


def test_a_cell_beyond_the_csv_field_limit_is_a_located_error(cli, tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("Tỉnh,Năm,Điểm\nKon Tum,2022,0.54\nGia Lai,2022," + "9" * 200_000 + "\n", encoding="utf-8")
    result = cli("validate", str(csv))
    assert result.code == 1
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert "a.csv: row 3" in result.err


def test_names_of_the_new_indicators_and_their_units():
    from dtikit.ingest.naming import split_unit

    assert split_unit("Tỷ lệ hồ sơ trực tuyến (%)") == ("Tỷ lệ hồ sơ trực tuyến", "%")
    assert split_unit("Thời gian (ngày)") == ("Thời gian", "ngày")
    assert split_unit("Vốn (triệu đồng)") == ("Vốn", "triệu đồng")
    assert split_unit("Tiếp cận đất đai (Land access)") == ("Tiếp cận đất đai (Land access)", None)
    assert split_unit("Điểm (0-10)") == ("Điểm", "0-10")


def test_shapes_have_the_published_headers():
    """The test workbooks keep the published shapes of tests/published_shapes.py (guards the fixtures themselves)."""
    sheet = papi_workbook()["2016_PAPI"]
    assert sheet[0] == PAPI_EN and sheet[1] == PAPI_VI and sheet[-3][1:3] == ["Highest", "Điểm cao nhất"]
    pci = pci_workbook()
    assert set(pci) == {*PCI_SUB, "Tổng hợp"} and pci["Tổng hợp"][0][1] is None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "name",
    ["Tham gia của người dân ở cấp cơ sở", "tham gia cua nguoi dan o cap co so", "Participation at local levels"],
)
def test_rank_by_a_header_name_gives_the_workbooks_competition_ranks(cli, tmp_path, kind, name):
    """As a user checks it: ingest with --sheet all --new-indicators only, then rank by the header's name."""
    import json

    root = tmp_path / "store"
    file = book(tmp_path, kind, papi_workbook())
    assert cli("ingest", file, "--sheet", "all", "--new-indicators", "--data", str(root)).code == 0
    result = cli("rank", "--year", "2017", "--indicator", name, "--data", str(root), "--format", "json")
    assert result.code == 0, result.err
    got = {row["province"]: (row["rank"], row["ranked_of"]) for row in json.loads(result.out)}
    values = pl.DataFrame({"province": PROVINCES, "v": [value(i, 2017) for i in range(len(PROVINCES))]})
    expected = values.with_columns(rank=pl.col("v").rank("min", descending=True).cast(pl.Int64))
    assert got == {p: (r, 63) for p, r in expected.select("province", "rank").iter_rows()}
    assert expected["rank"].n_unique() < 63  # the values tie: competition ranks skip


def test_problems_name_their_rule_and_show_typed_cells_as_written(tmp_path):
    from dtikit.ingest.run import Options, ValidationFailed, validate

    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2023.5, 0.54], ["Gia Lai", 2022, 1.5]]
    with pytest.raises(ValidationFailed) as refused:
        validate([book(tmp_path, "xlsx", {"S": rows})], Options())
    found = {(p.row, p.rule): p.message for p in refused.value.problems}
    assert found[2, "year_out_of_range"].startswith("year 2023.5 is not a year")
    assert found[3, "score_out_of_range"].startswith("score 1.5 is outside 0–1")


def test_a_group_label_over_several_columns_does_not_name_them(cli, tmp_path):
    """Row 1: 'Tỉnh' and a label merged over three sub-index columns; row 2 names each column."""
    rows = [
        ["Tỉnh", "Chỉ số thành phần", None, None],
        [None, "Gia nhập thị trường", "Tiếp cận đất đai", "Tính minh bạch"],
        *[[p, value(i, 1), value(i, 2), value(i, 3)] for i, p in enumerate(PROVINCES)],
    ]
    root = tmp_path / "store"
    result = cli(
        "ingest", book(tmp_path, "xlsx", {"PCI": rows}), "--new-indicators", "--year", "2021", "--data", str(root)
    )
    assert result.code == 0, result.err
    assert held(root, "gia_nhap_thi_truong", 2021)["Kon Tum"] == value(PROVINCES.index("Kon Tum"), 1)
    assert held(root, "tinh_minh_bach", 2021)["Kon Tum"] == value(PROVINCES.index("Kon Tum"), 3)
    assert "chi_so_thanh_phan" not in set(Store(root).indicators()["indicator"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_table_with_titles_a_unit_row_and_wrapped_headers(cli, tmp_path, kind):
    """A department's table: title rows, STT, header text wrapped on two lines, a row of units under the
    header, values as text with a decimal comma, and a country row."""
    rows = [["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"], ["Bảng 2: kết quả năm 2023"], []]
    rows += [["STT", "Tên tỉnh", "Tỷ lệ cấp\nphép mới", "Số thủ tục"], [None, None, "(%)", "(thủ tục)"]]
    rows += [[i + 1, p, f"{value(i, 1) * 10:.2f}".replace(".", ","), 1000 + i] for i, p in enumerate(PROVINCES)]
    rows += [[None, "Cả nước", "55,5", 70000]]
    root = tmp_path / "store"
    result = cli("ingest", book(tmp_path, kind, {"S": rows}), "--new-indicators", "--year", "2023", "--data", str(root))
    assert result.code == 0, result.err
    i = PROVINCES.index("Kon Tum")
    assert held(root, "ty_le_cap_phep_moi", 2023)["Kon Tum"] == round(value(i, 1) * 10, 2)
    assert held(root, "so_thu_tuc", 2023)["Kon Tum"] == 1000 + i
    entry = catalog(root, "ty_le_cap_phep_moi")
    assert (entry["name_vi"], entry["unit"]) == ("Tỷ lệ cấp phép mới", "%")
    assert catalog(root, "so_thu_tuc")["unit"] == "thủ tục"
    assert "'Cả nước' (row 69)" in result.err and "header found on row 4" in result.err


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_sheet_named_on_purpose_is_said_blank(cli, tmp_path, kind):
    """PCI 2006 opens on an empty sheet 'Bảng xếp hạng': named with --sheet, it is one line saying the
    sheet is blank, not 'no column names a province in the first 0 rows'."""
    path = book(tmp_path, kind, {"Bảng xếp hạng": [[None, None]], "Data": [["Tỉnh", "Điểm"], ["Kon Tum", 0.54]]})
    result = cli("validate", path, "--sheet", "Bảng xếp hạng", "--year", "2022")
    assert result.code == 1 and "[Bảng xếp hạng]: every cell is empty" in result.err
    assert "first 0 rows" not in result.err and "Traceback" not in result.err
