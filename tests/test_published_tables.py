"""Tables as ministries and index publishers lay them out: summaries of ranked (province, score) pairs,
budget annexes, units that disagree with the values, and columns given twice. Invented values
(``value``); every expected number is computed here. Each hint dtikit gives is followed, and what it
leads to is checked.
"""

from __future__ import annotations

import polars as pl
import pytest

from dtikit.storage import Store
from tests.published_shapes import PROVINCES, value
from tests.test_workbooks import catalog as entry
from tests.test_workbooks import held
from tests.workbooks import xlsx_file as book


def column(k: int, scale: float = 10.0) -> dict[str, float]:
    return {p: value(i, k, scale) for i, p in enumerate(PROVINCES)}


def ranked(values: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda pv: (-pv[1], pv[0]))


def ranks(values: dict[str, float]) -> dict[str, int]:
    return {p: 1 + sum(1 for w in values.values() if w > v) for p, v in values.items()}


# ---- summaries of ranked pairs -----------------------------------------------------------------------------

NAMES = ["Gia nhập thị trường", "Tiếp cận đất đai"]


def pairs_sheet(over: str) -> list[list[object]]:
    """A summary: 'Thứ tự', then per sub-index a (province, score) pair sorted by that score, the header
    over the score, over the provinces or over both; the PCI and its rank ('Xếp hạng') beside the last
    pair; below the table, the header again and one province singled out with its ranks."""
    series = [column(1), column(2)]
    pci = {p: round(40 + value(i, 7, 30), 2) for i, p in enumerate(PROVINCES)}
    header: list[object] = ["Thứ tự"]
    for name in NAMES:
        header += {"value": ["Tỉnh", name], "province": [name, None], "both": [name, "Điểm"]}[over]
    header += {"value": [None, "PCI 2021"], "province": ["PCI 2021", None], "both": ["PCI 2021", "Điểm"]}[over]
    header += ["Xếp hạng"]  # beside the pair: its rank
    rows: list[list[object]] = [header]
    order = [ranked(s) for s in [*series, pci]]
    published = ranks(pci)
    for r in range(len(PROVINCES)):
        row: list[object] = [r + 1]
        for k in range(2):
            row += [order[k][r][0], order[k][r][1]]
        province, score = order[2][r]
        row += [province, score, published[province]]
        rows.append(row)
    rows += [[], header, [None, "Hà Nội", series[0]["Hà Nội"], None, series[1]["Hà Nội"], None, pci["Hà Nội"]]]
    rows += [[None, "Thứ tự", ranks(series[0])["Hà Nội"], None, ranks(series[1])["Hà Nội"], None, published["Hà Nội"]]]
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("over", ["value", "province", "both"])
def test_a_summary_of_ranked_pairs_reads_each_pair_and_links_the_rank(cli, tmp_path, over):
    root = tmp_path / "store"
    rows = pairs_sheet(over)
    result = cli("ingest", book(tmp_path, {"Tổng hợp": rows}), "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert held(root, "gia_nhap_thi_truong", 2021) == column(1)
    assert held(root, "tiep_can_dat_dai", 2021) == column(2)
    pci = {p: round(40 + value(i, 7, 30), 2) for i, p in enumerate(PROVINCES)}
    assert held(root, "pci", 2021) == pci and held(root, "pci_rank", 2021) == ranks(pci)
    assert entry(root, "pci")["rank_id"] == "pci_rank"
    assert "3 (province, value) column pair(s)" in result.err
    assert f"rows {len(PROVINCES) + 3}-{len(PROVINCES) + 5} repeat the header below the table" in result.err
    rows_read = Store(root).observations().filter(pl.col("raw_file").str.ends_with("book.xlsx [Tổng hợp]"))["raw_row"]
    assert rows_read.max() == len(PROVINCES) + 1  # nothing below the table


def test_a_third_province_column_is_refused_and_the_hint_leads_to_the_right_values(cli, tmp_path):
    """Three columns of the same provinces side by side cannot all be read; the hint (--map 'X=ignore')
    reads the table with the right values."""
    rows = [["Province", "Tỉnh", "Địa phương", "Điểm"], *[[p, p, p, value(i, 1, 1)] for i, p in enumerate(PROVINCES)]]
    file = book(tmp_path, {"S": rows})
    refused = cli("ingest", file, "--year", "2025", "--data", str(tmp_path / "a"))
    assert refused.code == 1 and "keep one with --map 'HEADER=ignore'" in refused.err
    root = tmp_path / "store"
    followed = cli("ingest", file, "--year", "2025", "--map", "Địa phương=ignore", "--data", str(root))
    assert followed.code == 0, followed.err
    assert held(root, "dti", 2025) == column(1, 1)


# ---- budget annexes ----------------------------------------------------------------------------------------


def annex() -> list[list[object]]:
    """An annex of the Ministry of Finance: titles, a unit line, a header over three rows with labels merged
    over groups of columns, a row numbering the columns, a national total, region subtotals numbered I, II
    (names upper case or not), upper-case province names, numbers as text, a footnote."""
    rows: list[list[object]] = [
        ["BỘ TÀI CHÍNH", None, None, None, None, "Phụ lục 09"],
        ["DỰ TOÁN THU, CHI NGÂN SÁCH CỦA CÁC TỈNH NĂM 2019"],
        [],
        [None, None, None, None, "Triệu đồng - In millions of dong", "Đơn vị: triệu đồng"],
        ["STT\nNo", "Tỉnh, thành phố\nName of provinces", "Tổng thu\nTotal revenues", "Bổ sung từ NSTW - Transfers"],
        [None, None, None, "Tổng số\nTotal", "Bổ sung có mục tiêu - Target transfers"],
        [None, None, None, None, "Tổng số\nTotal", "Vốn đầu tư\nInvestment"],
        [],
        ["A", "B", 1, 2, "3=4", 4],
        [None, "TỔNG SỐ - TOTAL", 999999, 999999, 999999, 999999],
    ]
    regions = {"I": "MIỀN NÚI PHÍA BẮC\nNorthern mountains", "II": "Đồng bằng sông Hồng\nRed river delta"}
    half = len(PROVINCES) // 2
    for n, (numeral, region) in enumerate(regions.items()):
        rows.append([numeral, region, 888888, 888888, 888888, 888888])
        for i in range(n * half, (n + 1) * half if n == 0 else len(PROVINCES)):
            name = PROVINCES[i].upper() if i % 3 == 0 else PROVINCES[i]
            name = "TP. HỒ CHÍ MINH" if PROVINCES[i] == "Hồ Chí Minh" else name
            rows.append([i + 1, name, f"{1000 * (i + 1)}", 100 * i + 1, 10 * i + 2, 10 * i + 1])
    rows += [[], ["Ghi chú: (1) Bao gồm các khoản thu nội địa"]]
    return rows


def test_a_budget_annex_goes_in_with_sheet_year_and_new_indicators(cli, tmp_path):
    root = tmp_path / "store"
    file = book(tmp_path, {"M09": annex(), "M01": [["BỘ TÀI CHÍNH"], ["Chỉ tiêu", "Dự toán"], ["Tổng thu", 5]]})
    result = cli("ingest", file, "--sheet", "all", "--year", "2019", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    # the title says the figures are a plan ('DỰ TOÁN'): each name says so
    assert held(root, "du_toan_tong_thu", 2019) == {p: 1000 * (i + 1) for i, p in enumerate(PROVINCES)}
    assert held(root, "du_toan_bo_sung_tu_nstw_tong_so", 2019) == {p: 100 * i + 1 for i, p in enumerate(PROVINCES)}
    assert held(root, "du_toan_bo_sung_co_muc_tieu_tong_so", 2019) == {p: 10 * i + 2 for i, p in enumerate(PROVINCES)}
    assert held(root, "du_toan_von_dau_tu", 2019) == {p: 10 * i + 1 for i, p in enumerate(PROVINCES)}
    named = entry(root, "du_toan_bo_sung_co_muc_tieu_tong_so")
    assert (named["name_vi"], named["name_en"], named["unit"]) == (
        "Dự toán: Bổ sung có mục tiêu: Tổng số",
        "Plan: Target transfers: Total",
        "Triệu đồng",  # the unit line
    )
    assert "row 9 numbers the columns; skipped" in result.err
    assert "rows of regions and sections (subtotals) skipped: 'MIỀN NÚI PHÍA BẮC' (row 11)" in result.err
    assert "'TỔNG SỐ - TOTAL' (row 10)" in result.err
    assert "[M01]: skipped: no column names a province" in result.err
    assert not any(v in (888888, 999999) for v in Store(root).observations()["value"].to_list())


# ---- units that disagree with the values, columns given twice ----------------------------------------------


def test_a_percent_unit_over_fractions_is_said_and_not_stored(cli, tmp_path):
    rows = [
        ["Tỉnh", "Năm", "Tỷ lệ hồ sơ thử nghiệm (%)"],
        *[[p, 2023, value(i, 1, 1)] for i, p in enumerate(PROVINCES)],
    ]
    file = book(tmp_path, {"S": rows})
    root = tmp_path / "store"
    result = cli("ingest", file, "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    assert "the unit of 1 column is a percent, but every value is a fraction between 0 and 1" in result.err
    assert "'Tỷ lệ hồ sơ thử nghiệm (%)' ('%', such as " in result.err
    assert held(root, "ty_le_ho_so_thu_nghiem", 2023) == column(1, 1)  # the values as written
    assert entry(root, "ty_le_ho_so_thu_nghiem")["unit"] is None
    added = Store(root).observations().filter(pl.col("indicator") == "ty_le_ho_so_thu_nghiem")
    assert added.height == 63 and added["unit"].null_count() == 63  # never 0.71 with '%'
    asked = cli("ingest", file, "--new-indicators", "--unit", "share 0-1", "--data", str(tmp_path / "asked"))
    assert asked.code == 0, asked.err  # following the hint
    assert entry(tmp_path / "asked", "ty_le_ho_so_thu_nghiem")["unit"] == "share 0-1"
    percent = [
        ["Tỉnh", "Năm", "Tỷ lệ hồ sơ thử nghiệm (%)"],
        *[[p, 2023, value(i, 1, 100)] for i, p in enumerate(PROVINCES)],
    ]
    kept = cli(
        "ingest", book(tmp_path, {"S": percent}, "percent.xlsx"), "--new-indicators", "--data", str(tmp_path / "p")
    )
    assert kept.code == 0 and entry(tmp_path / "p", "ty_le_ho_so_thu_nghiem")["unit"] == "%"


def test_fractions_for_a_catalog_indicator_in_percent_are_refused(cli, tmp_path):
    rows = [["Tỉnh", "Năm", "full_online_service_share"], ["Kon Tum", 2023, 0.6081], ["Gia Lai", 2023, 0.55]]
    rows += [["Đắk Lắk", 2023, 0.71]]
    result = cli("validate", book(tmp_path, {"S": rows}))
    assert result.code == 1
    assert "indicator full_online_service_share is in '% of administrative procedures'" in result.err


@pytest.mark.parametrize("role", ["Giá trị", "Năm", "Chỉ tiêu"])
def test_a_role_given_to_two_columns_is_refused_and_map_says_which(cli, tmp_path, role):
    header = ["Tỉnh", "Năm", "Chỉ tiêu", "Giá trị"]
    first = header.index(role)
    header = [*header, role]
    base = {"Năm": 2025, "Chỉ tiêu": "dti", "Giá trị": 0.5}
    rows = [header]
    for i, p in enumerate(PROVINCES[:5]):
        row = [p, 2025, "dti", value(i, 1, 1)]
        other = {"Năm": 2018, "Chỉ tiêu": "dti_gov", "Giá trị": value(i, 2, 1)}[role] if role in base else None
        rows.append([*row, other])
    file = book(tmp_path, {"S": rows})
    for command in ("validate", "ingest"):
        refused = cli(command, file, "--data", str(tmp_path / "s")) if command == "ingest" else cli(command, file)
        assert refused.code == 1
        letter = "ABCD"[first]
        assert f"columns {role!r} ({letter}) and {role!r} (E) both hold the" in refused.err
        assert "--map 'E=ignore'" in refused.err
    root = tmp_path / "store"
    followed = cli("ingest", file, "--map", "E=ignore", "--data", str(root))
    assert followed.code == 0, followed.err
    assert held(root, "dti", 2025) == {p: value(i, 1, 1) for i, p in enumerate(PROVINCES[:5])}


def test_a_table_of_ministries_is_no_table_of_provinces(cli, tmp_path):
    """'Tên đơn vị' (a province column's name) over ministries: skipped under --sheet all, said when the
    sheet is named; following the hint reads no ministry as a province (each is an unknown province)."""
    ministries = ["Văn phòng Chủ tịch nước", "Văn phòng Quốc hội", "Bộ Tài chính", "Bộ Y tế"]
    rows = [["STT", "Tên đơn vị", "Tổng số chi"], *[[i + 1, m, 1000 * (i + 1)] for i, m in enumerate(ministries)]]
    file = book(tmp_path, {"M07": rows})
    skipped = cli("validate", file, "--sheet", "all", "--year", "2019", "--new-indicators")
    assert skipped.code == 0 and "[M07]: skipped: no column names a province" in skipped.err
    named = cli("validate", file, "--sheet", "M07", "--year", "2019", "--new-indicators")
    assert named.code == 1
    assert "column 'Tên đơn vị' is named as a province column but lists no province ('Văn phòng Chủ tịch nước'" in (
        named.err
    )
    followed = cli("validate", file, "--year", "2019", "--new-indicators", "--map", "Tên đơn vị=province")
    assert followed.code == 1 and followed.err.count("unknown province") == len(ministries)


@pytest.mark.slow
def test_fractions_for_an_indicator_held_in_percent_are_refused_whatever_the_header_says(cli, tmp_path):
    """A later year of an indicator first read in percent (55.2) arrives as fractions (0.552) under the same
    header: the store would hold 55.2 % and 0.552 % side by side; refused, naming the column."""
    root = tmp_path / "store"
    header = ["Tỉnh", "Năm", "Tỷ lệ hồ sơ thử nghiệm (%)"]
    first = [header, *[[p, 2022, value(i, 1, 100)] for i, p in enumerate(PROVINCES)]]
    assert cli("ingest", book(tmp_path, {"S": first}, "a.xlsx"), "--new-indicators", "--data", str(root)).code == 0
    later = [header, *[[p, 2023, value(i, 2, 1)] for i, p in enumerate(PROVINCES)]]
    result = cli("ingest", book(tmp_path, {"S": later}, "b.xlsx"), "--new-indicators", "--data", str(root))
    assert result.code == 1
    assert "column 'Tỷ lệ hồ sơ thử nghiệm (%)': indicator ty_le_ho_so_thu_nghiem is in '%'" in result.err
    assert held(root, "ty_le_ho_so_thu_nghiem", 2023) == {}
