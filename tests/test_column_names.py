"""A measure is not its header text: what a column's headers, its sheet and its table say it is.

Workbooks of the shapes published index and budget tables have, with invented values (``value``);
every expected number is computed here from those values, never read back from dtikit.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from dtikit.storage import Store
from tests.published_shapes import PROVINCES, value
from tests.test_workbooks import catalog as entry
from tests.test_workbooks import held
from tests.workbooks import xlsx_file as book


def ids(root: Path) -> set[str]:
    return set(Store(root).indicators()["indicator"])


def column(k: int) -> dict[str, float]:
    return {p: value(i, k) for i, p in enumerate(PROVINCES)}


def ranks(values: dict[str, float]) -> dict[str, int]:
    """Competition ranks, the highest value first."""
    return {p: 1 + sum(1 for w in values.values() if w > v) for p, v in values.items()}


# ---- what a header says ------------------------------------------------------------------------------------


def test_what_a_header_says():
    from dtikit.ingest.header_text import read

    found = read(["Chỉ số thành phần 6", "chỉ số 6_tính năng động", "sub7_proactivity"])
    assert (found.names, found.numbered, found.codes) == (
        ["tính năng động"],
        ["Chỉ số thành phần 6", "chỉ số 6"],
        ["sub7_proactivity"],
    )
    assert read(["Sub-Index2"]).numbered == ["Sub-Index 2"] and read(["Sub-Index2"]).names == []
    rank = read(["Thứ hạng PCI 2009"])
    assert (rank.names, rank.year, rank.rank) == (["PCI"], 2009, True)
    assert read(["Tổng số\nTotal"]).names == ["Tổng số", "Total"]
    assert read(["Bổ sung \ncân đối\nBalancing transfers"]).names == ["Bổ sung cân đối", "Balancing transfers"]
    assert read(["Tính \nnăng động"]).names == ["Tính năng động"]
    assert read(["B2/8"]).codes == ["B2/8"]
    percent = read(["Cán bộ am hiểu về chuyên môn ( % đồng ý)"])
    assert (percent.names, percent.units) == (["Cán bộ am hiểu về chuyên môn"], ["% đồng ý"])
    assert read(["Tỷ lệ (%) phân chia nguồn thu"]).units == ["%"]
    assert read(["Điểm Chỉ số: Tính năng động"]).names == ["Tính năng động"]
    # a year in a sentence, after 'từ' or in parentheses is what the name says, not the year of the values
    assert read(["% thay đổi về số lượng DNNN do địa phương quản lý so với năm 2000"]).year is None
    assert read(["Số giấy phép được yêu cầu bổ sung từ năm 2010"]).year is None
    assert read(["Tỷ lệ vụ án (Chỉ tiêu mới 2014)"]).year is None


def test_a_catalog_name_keeps_its_leading_word_and_shortened_names_come_last():
    from dtikit.catalog import Catalog

    table = pl.DataFrame(
        {
            "indicator": ["tinh_nang_dong", "nang_dong", "mem", "cung", "khia_canh", "proactivity_sub_index"],
            "name_vi": [
                "Tính năng động",
                "Năng động",
                "Khía cạnh 1: Tiếp cận đất đai (Dữ liệu mềm)",
                "Khía cạnh 1: Tiếp cận đất đai (Dữ liệu cứng)",
                "Khía cạnh 1: Tiếp cận đất đai",
                None,
            ],
            "name_en": [None, None, None, None, None, "Proactivity Sub-Index (New Indicator)"],
        }
    )
    catalog = Catalog(table)
    assert catalog.lookup("Tính năng động").id == "tinh_nang_dong"  # not 'Năng động'
    assert catalog.lookup("Khía cạnh 1: Tiếp cận đất đai").id == "khia_canh"  # the name as written first
    assert catalog.lookup("Proactivity").id == "proactivity_sub_index"


# ---- sub-indices whose numbering changes -------------------------------------------------------------------


def sub_index_sheet(label: str, code: str, k: int) -> list[list[object]]:
    """A PCI sub-index sheet of 2013-2016: the score under a numbered label, then a component (in percent)."""
    rows: list[list[object]] = [
        ["PCI ID", "Tỉnh", label, f"Thành phần {code} (% đồng ý)"],
        [],
        [None, "pci_id", code, "h1"],
    ]
    rows += [[i + 1, p, value(i, k), value(i, k + 1, 100)] for i, p in enumerate(PROVINCES)]
    return rows


def test_a_numbered_sub_index_is_named_by_its_sheet_across_editions(cli, tmp_path):
    """2011 numbers Proactivity 6 and 2014 numbers it 7 (6 is Bias from 2013): each column is the indicator
    its sheet names, so 2014 adds a year to 2011's Proactivity, and Bias is another indicator."""
    root = tmp_path / "store"
    old = {"Tinh nang dong": sub_index_sheet("Chỉ số thành phần 6", "sub7_proactivity", 1)}
    assert (
        cli("ingest", book(tmp_path, old, "2011.xlsx"), "--year", "2011", "--new-indicators", "--data", str(root)).code
        == 0
    )
    new = {
        "Cạnh tranh bình đẳng": sub_index_sheet("Sub-Index 6", "sub6_bias", 2),
        "Tính năng động": sub_index_sheet("Sub-Index 7", "sub7_proactivity", 3),
    }
    result = cli(
        "ingest",
        book(tmp_path, new, "2014.xlsx"),
        "--sheet",
        "all",
        "--year",
        "2014",
        "--new-indicators",
        "--data",
        str(root),
    )
    assert result.code == 0, result.err
    assert held(root, "tinh_nang_dong", 2011) == column(1)
    assert held(root, "tinh_nang_dong", 2014) == column(3)
    assert held(root, "canh_tranh_binh_dang", 2014) == column(2)
    assert not {"sub_index_6", "sub_index_7", "chi_so_thanh_phan_6"} & ids(root)
    compared = cli(
        "rank",
        "--indicator",
        "Tính năng động",
        "--year",
        "2014",
        "--vs",
        "2011",
        "--data",
        str(root),
        "--format",
        "json",
    )
    assert compared.code == 0, compared.err
    now, before = ranks(column(3)), ranks(column(1))
    got = {r["province"]: (r["rank"], r["prev_rank"]) for r in json.loads(compared.out)}
    assert got == {p: (now[p], before[p]) for p in PROVINCES}


def test_a_numbered_label_of_another_measure_is_refused_naming_both(cli, tmp_path):
    """A store read before holds 'Chỉ số thành phần 6' (2010: Proactivity); the 2016 sheet 'Cạnh tranh bình
    đẳng' heads Bias with the same words: refused, naming both, and the hint it gives works."""
    root = tmp_path / "store"
    first = {"Sheet1": [["Tỉnh", "Chỉ số thành phần 6"], *[[p, value(i, 1)] for i, p in enumerate(PROVINCES)]]}
    assert (
        cli(
            "ingest", book(tmp_path, first, "2010.xlsx"), "--year", "2010", "--new-indicators", "--data", str(root)
        ).code
        == 0
    )
    assert "chi_so_thanh_phan_6" in ids(root)
    later = book(
        tmp_path, {"Cạnh tranh bình đẳng": sub_index_sheet("Chỉ số thành phần 6", "sub6_bias", 2)}, "2016.xlsx"
    )
    refused = cli("ingest", later, "--year", "2016", "--new-indicators", "--data", str(root))
    assert refused.code == 1
    assert "column C ('Chỉ số thành phần 6'): its names disagree" in refused.err
    assert "'Chỉ số thành phần 6' is indicator chi_so_thanh_phan_6" in refused.err
    assert "'Cạnh tranh bình đẳng' names no indicator yet" in refused.err
    assert "--map 'C=ID'" in refused.err
    assert held(root, "chi_so_thanh_phan_6", 2016) == {}
    followed = cli(
        "ingest", later, "--year", "2016", "--new-indicators", "--map", "C=canh_tranh_binh_dang", "--data", str(root)
    )
    assert followed.code == 0, followed.err
    assert held(root, "canh_tranh_binh_dang", 2016) == column(2)
    assert held(root, "chi_so_thanh_phan_6", 2016) == {}


def test_two_columns_sharing_a_code_are_two_indicators(cli, tmp_path):
    """PCI 2005 and 2007: 'B2/8' heads both '... hơn ba tháng ...' and '... hơn một tháng ...'."""
    rows = [
        ["Tỉnh", "% DN phải chờ hơn ba tháng", "% DN phải chờ hơn một tháng"],
        [None, "B2/8", "B2/8"],
        *[[p, value(i, 1, 100), value(i, 2, 100)] for i, p in enumerate(PROVINCES)],
    ]
    root = tmp_path / "store"
    result = cli("ingest", book(tmp_path, {"S": rows}), "--year", "2007", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert held(root, "dn_phai_cho_hon_ba_thang", 2007) == {p: value(i, 1, 100) for i, p in enumerate(PROVINCES)}
    assert held(root, "dn_phai_cho_hon_mot_thang", 2007) == {p: value(i, 2, 100) for i, p in enumerate(PROVINCES)}


def test_a_summary_header_over_two_rows_names_the_sub_indices_and_links_the_rank(cli, tmp_path):
    """PCI 2009's summary: a title, then the numbered labels over the names (rows 2-3), the PCI of 2009 and
    its rank ('Thứ hạng PCI 2009'), which is the published rank of that PCI."""
    labels = ["Chỉ số thành phần 1", "Chỉ số thành phần 2"]
    rows: list[list[object]] = [["Bảng tổng hợp PCI 2009"]]
    rows += [["Tỉnh", *labels, "PCI 2009", "Thứ hạng PCI 2009"]]
    rows += [[None, "Gia nhập thị trường", "Tiếp cận đất đai", None, None]]
    pci = {p: round(50 + value(i, 5, 20), 2) for i, p in enumerate(PROVINCES)}
    published = ranks(pci)
    rows += [[p, value(i, 1), value(i, 2), pci[p], published[p]] for i, p in enumerate(PROVINCES)]
    root = tmp_path / "store"
    result = cli("ingest", book(tmp_path, {"Tổng hợp": rows}), "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert held(root, "gia_nhap_thi_truong", 2009) == column(1)  # the year of 'PCI 2009' for the whole sheet
    assert held(root, "tiep_can_dat_dai", 2009) == column(2)
    assert held(root, "pci", 2009) == pci and held(root, "pci_rank", 2009) == published
    assert entry(root, "pci")["rank_id"] == "pci_rank" and entry(root, "pci_rank")["unit"] == "rank"
    assert not {"chi_so_thanh_phan_1", "thu_hang_pci_2009"} & ids(root)
    refused = cli("validate", book(tmp_path, {"Tổng hợp": rows}, "again.xlsx"), "--year", "2010", "--new-indicators")
    assert refused.code == 1 and "name the year 2009" in refused.err  # a year given that the sheet contradicts


def test_a_header_with_its_unit_suffix_finds_the_indicator_read_the_year_before(cli, tmp_path):
    """Many PCI components begin with 'Tỉnh ...' and end with a unit in words ('(% đồng ý)'): the second
    year's column is the first year's indicator, not a new one."""
    name = "Tỉnh sáng tạo và sáng suốt trong việc giải quyết trở ngại"
    root = tmp_path / "store"
    for year, header in ((2011, f"{name} (% đồng ý)"), (2012, f"{name}\n( % đồng ý)")):
        rows = [["Tỉnh", header], *[[p, value(i, year, 100)] for i, p in enumerate(PROVINCES)]]
        file = book(tmp_path, {"S": rows}, f"{year}.xlsx")
        result = cli("ingest", file, "--year", str(year), "--new-indicators", "--data", str(root))
        assert result.code == 0, result.err
    assert "tinh_sang_tao_va_sang_suot_trong_viec_giai_quyet_2" not in ids(root)
    for year in (2011, 2012):
        expected = {p: value(i, year, 100) for i, p in enumerate(PROVINCES)}
        assert held(root, "tinh_sang_tao_va_sang_suot_trong_viec_giai_quyet", year) == expected


def test_a_remark_in_parentheses_with_a_percent_sign_is_no_unit():
    """PCI 2006: 'Land Use Right Sub-Index (w/% of firms leasing from SOEs)' is a score out of 10; its
    remark was read as the unit 'w/% of firms leasing from SOEs'."""
    from dtikit.ingest.naming import split_unit

    remark = "Land Use Right Sub-Index (w/% of firms leasing from SOEs)"
    assert split_unit(remark) == (remark, None)
    assert split_unit("Inspections Sub-Index (weighted as only 20% )")[1] is None
    assert split_unit("Cán bộ am hiểu ( % đồng ý)") == ("Cán bộ am hiểu", "% đồng ý")
