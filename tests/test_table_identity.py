"""What a table says about a measure besides its column's header: the title over it, the names a later file
gives it, a rank that arrives later, the same measure named twice in one workbook, rows of regions.

Real files of tests/fixtures/real as published (expected numbers read from their cells with
python-calamine or openpyxl), and workbooks of the same shapes with invented values (``value``).
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from dtikit.storage import Store
from tests.published_shapes import PROVINCES, value
from tests.test_real_workbooks import REAL, Sheet
from tests.test_workbooks import catalog as entry
from tests.test_workbooks import held
from tests.workbooks import xlsx_file as book


@pytest.fixture(scope="module")
def province_lookup():
    from dtikit.provinces import ProvinceNames

    return ProvinceNames(Store()).lookup


def pci_2006_without_ha_tay(folder):
    """PCI_2006.xls with the row of Hà Tây (a province until 2008) left out, every other cell as it is."""
    from tests.test_real_workbooks import sheet_names, sheet_rows
    from tests.workbooks import xlsx

    source, copy = REAL / "PCI_2006.xls", folder / "PCI_2006_without_Ha_Tay.xlsx"
    kept = {n: [r for r in sheet_rows(source, n) if not (len(r) > 1 and r[1] == "Hà Tây")] for n in sheet_names(source)}
    copy.write_bytes(xlsx(kept))
    return copy


def column_of(sheet: Sheet, start: str) -> int:
    """The column whose header cell (in the first 15 rows) begins with ``start``, spaces aside."""
    found = {
        c
        for row in sheet.rows[:15]
        for c, cell in enumerate(row)
        if isinstance(cell, str) and " ".join(cell.split()).startswith(start)
    }
    assert len(found) == 1, found
    return found.pop()


def ingested(cli, root, path, year: int, *args: str):
    """``ingest PATH --sheet all --year YEAR --new-indicators ARGS``, which must succeed."""
    result = cli(
        "ingest", str(path), "--sheet", "all", "--year", str(year), "--new-indicators", *args, "--data", str(root)
    )
    assert result.code == 0, result.err
    return result


# ---- the title is part of a measure's identity --------------------------------------------------------------


def test_a_plan_and_an_outturn_sharing_column_names_are_two_indicators(cli, tmp_path, province_lookup):
    """Plan_2011.xls ('DỰ TOÁN ...') and Final_2010.xls ('QUYẾT TOÁN ...') both head a column 'Bổ sung cân
    đối': two indicators whose names say which, each holding the cells of its own table only."""
    root = tmp_path / "store"
    for file, year in (("Plan_2011.xls", 2011), ("Final_2010.xls", 2010)):
        result = cli(
            "ingest", str(REAL / file), "--sheet", "all", "--year", str(year), "--new-indicators", "--data", str(root)
        )
        assert result.code == 0, result.err
    plan, final = (
        Sheet(REAL / "Plan_2011.xls", "M09(R)", province_lookup),
        Sheet(REAL / "Final_2010.xls", "M09+", province_lookup),
    )
    cells = {
        "du_toan_bo_sung_can_doi": (2011, plan, column_of(plan, "Bổ sung cân đối")),
        "quyet_toan_bo_sung_can_doi": (2010, final, column_of(final, "Bổ sung cân đối")),
    }
    for ident, (year, sheet, c) in cells.items():
        assert held(root, ident, year) == dict(sheet.value_cells(c).values())
        assert held(root, ident, 2010 + 2011 - year) == {}
    assert "bo_sung_can_doi" not in set(Store(root).indicators()["indicator"])
    assert (entry(root, "du_toan_bo_sung_can_doi")["name_vi"], entry(root, "du_toan_bo_sung_can_doi")["name_en"]) == (
        "Dự toán: Bổ sung cân đối",
        "Plan: Balancing transfers",
    )
    assert entry(root, "quyet_toan_bo_sung_can_doi")["name_en"] == "Final accounts: General transfers"
    # no indicator holds values of both files: a plan is never compared with an outturn
    observations = Store(root).observations().filter(pl.col("raw_file").str.contains("Plan_2011|Final_2010"))
    files = observations.group_by("indicator").agg(pl.col("raw_file").str.extract(r"(Plan|Final)").n_unique())
    assert files["raw_file"].max() == 1 and files.height > 10
    asked = cli("rank", "--indicator", "Bổ sung cân đối", "--year", "2011", "--data", str(root))
    assert asked.code == 2 and "'du_toan_bo_sung_can_doi', 'quyet_toan_bo_sung_can_doi'" in asked.err


def annex(title: list[str], k: int, *, publisher: str = "BỘ TÀI CHÍNH") -> list[list[object]]:
    """A budget annex: a publisher line, the title rows, a unit line, the header, one province a row."""
    rows: list[list[object]] = [[publisher], *([t] for t in title), [None, None, "Đơn vị: triệu đồng"]]
    rows += [["STT", "Tỉnh, thành phố", "Bổ sung cân đối\nBalancing transfers", "Tổng thu NSNN\nTotal revenues"]]
    rows += [[i + 1, p, value(i, k, 1000), value(i, k + 1, 5000)] for i, p in enumerate(PROVINCES)]
    return rows


def cells(k: int, scale: float) -> dict[str, float]:
    return {p: value(i, k, scale) for i, p in enumerate(PROVINCES)}


def test_each_kind_of_title_names_its_indicators_and_other_years_join_them(cli, tmp_path):
    """Plans of two years are one indicator; an estimate of the outturn ('ƯỚC THỰC HIỆN') and an outturn
    titled in English only are others; a ministry's name ('BỘ KẾ HOẠCH VÀ ĐẦU TƯ') says no kind."""
    root = tmp_path / "store"
    files = [
        ("plan2019.xlsx", ["DỰ TOÁN THU, CHI NGÂN SÁCH NĂM 2019", "PLAN OF REVENUES FY 2019"], 2019, 1),
        ("plan2020.xlsx", ["DỰ TOÁN THU, CHI NGÂN SÁCH NĂM 2020"], 2020, 3),
        ("estimate2020.xlsx", ["ƯỚC THỰC HIỆN THU, CHI NGÂN SÁCH NĂM 2020"], 2020, 5),
        ("final2019.xlsx", ["FINAL ACCOUNTS OF REVENUES AND EXPENDITURES FY 2019"], 2019, 7),
    ]
    for name, title, year, k in files:
        ingested(cli, root, book(tmp_path, {"S": annex(title, k)}, name), year)
    assert held(root, "du_toan_bo_sung_can_doi", 2019) == cells(1, 1000)
    assert held(root, "du_toan_bo_sung_can_doi", 2020) == cells(3, 1000)
    assert held(root, "uoc_thuc_hien_bo_sung_can_doi", 2020) == cells(5, 1000)
    assert held(root, "quyet_toan_bo_sung_can_doi", 2019) == cells(7, 1000)
    assert held(root, "quyet_toan_tong_thu_nsnn", 2019) == cells(8, 5000)
    assert entry(root, "uoc_thuc_hien_bo_sung_can_doi")["name_en"] == "Estimated outturn: Balancing transfers"
    execution = annex(["TÌNH HÌNH THỰC HIỆN DỰ TOÁN NGÂN SÁCH NĂM 2020"], 11)
    execution[3][2] = "Dự toán năm\nPlan"  # a column that says its own kind keeps it
    ingested(cli, root, book(tmp_path, {"S": execution}, "execution.xlsx"), 2020)
    assert held(root, "thuc_hien_tong_thu_nsnn", 2020) == cells(12, 5000)
    assert held(root, "du_toan_nam", 2020) == cells(11, 1000)
    assert "thuc_hien_du_toan_nam" not in ids(root)
    other = book(tmp_path, {"S": annex(["SỐ LIỆU NĂM 2020"], 9, publisher="BỘ KẾ HOẠCH VÀ ĐẦU TƯ")}, "mpi.xlsx")
    ingested(cli, root, other, 2020)
    assert held(root, "bo_sung_can_doi", 2020) == cells(9, 1000)


def test_a_title_of_another_kind_than_the_indicator_held_is_refused_and_the_hint_works(cli, tmp_path):
    """A store holds 'Bổ sung cân đối' from a table without a title; a plan titled 'DỰ TOÁN' with the same
    column would add a year to it: refused naming both and the title's row; the --map it names decides."""
    root = tmp_path / "store"
    untitled = [
        ["Tỉnh", "Bổ sung cân đối\nBalancing transfers"],
        *[[p, value(i, 1, 900)] for i, p in enumerate(PROVINCES)],
    ]
    first = cli(
        "ingest",
        book(tmp_path, {"S": untitled}, "untitled.xlsx"),
        "--year",
        "2018",
        "--new-indicators",
        "--data",
        str(root),
    )
    assert first.code == 0, first.err
    plan = book(tmp_path, {"S": annex(["DỰ TOÁN THU, CHI NGÂN SÁCH NĂM 2019"], 2)}, "plan.xlsx")
    refused = cli("ingest", plan, "--year", "2019", "--new-indicators", "--data", str(root))
    assert refused.code == 1
    assert "column C (" in refused.err and "is indicator bo_sung_can_doi" in refused.err
    assert (
        "'Dự toán: Bổ sung cân đối' (the title on row 2, 'DỰ TOÁN THU, CHI NGÂN SÁCH NĂM 2019', says 'Dự toán') "
        "names no indicator yet" in refused.err
    )
    assert "--map 'C=ID'" in refused.err
    assert held(root, "bo_sung_can_doi", 2019) == {}
    followed = cli(
        "ingest", plan, "--year", "2019", "--new-indicators", "--map", "C=bo_sung_can_doi", "--data", str(root)
    )
    assert followed.code == 0, followed.err
    assert held(root, "bo_sung_can_doi", 2019) == cells(2, 1000)
    assert held(root, "bo_sung_can_doi", 2018) == cells(1, 900)
    by_header = cli(
        "ingest",
        book(tmp_path, {"S": annex(["DỰ TOÁN NĂM 2020"], 4)}, "plan2020.xlsx"),
        "--year",
        "2020",
        "--new-indicators",
        "--map",
        "Bổ sung cân đối=bo_sung_can_doi",
        "--data",
        str(root),
    )
    assert by_header.code == 0, by_header.err  # the header's name in one language decides too
    assert held(root, "bo_sung_can_doi", 2020) == cells(4, 1000)


def test_what_a_title_says():
    from dtikit.ingest.title import table_kind

    def kind(*rows: str):
        found = table_kind([[r] for r in rows], 0, len(rows))
        return None if found is None else (found.key, found.row, found.text)

    assert kind("BỘ TÀI CHÍNH", "QUYẾT TOÁN CHI NGÂN SÁCH NĂM 2010") == (
        "quyet_toan",
        1,
        "QUYẾT TOÁN CHI NGÂN SÁCH NĂM 2010",
    )
    assert kind("CÂN ĐỐI NGUỒN THU, CHI DỰ TOÁN NSTW") == ("du_toan", 0, "CÂN ĐỐI NGUỒN THU, CHI DỰ TOÁN NSTW")
    assert kind("Ước thực hiện năm 2020") == ("uoc_thuc_hien", 0, "Ước thực hiện năm 2020")
    assert kind("FINAL ACCOUNTS OF STATE BUDGET", "DỰ TOÁN NĂM 2011")[0] == "du_toan"  # Vietnamese first
    assert kind("ƯỚC THỰC HIỆN NĂM 2010 VÀ DỰ TOÁN NĂM 2011") is None  # two kinds: the columns say which
    assert kind("TÌNH HÌNH THỰC HIỆN DỰ TOÁN THU NSNN QUÝ I NĂM 2020")[0] == "thuc_hien"  # the plan's execution
    assert kind("ƯỚC THỰC HIỆN DỰ TOÁN NSNN NĂM 2020")[0] == "uoc_thuc_hien"
    assert kind("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Chỉ số PCI 2011") is None
    assert kind("Đơn vị: triệu đồng") is None


# ---- an indicator held learns from later files -------------------------------------------------------------


def ids(root) -> set[str]:
    return set(Store(root).indicators()["indicator"])


def ingest_years(cli, tmp_path, root, years: dict[int, list[list[object]]], *args: str):
    """Ingest one workbook a year (a sheet of ``rows``) with --new-indicators; the last result."""
    for year, rows in years.items():
        result = cli(
            "ingest", book(tmp_path, {"S": rows}, f"{year}.xlsx"), *args, "--new-indicators", "--data", str(root)
        )
        assert result.code == 0, result.err
    return result


def test_an_indicator_held_learns_the_names_and_codes_a_later_file_gives_it(cli, tmp_path):
    """2019 names the column in Vietnamese only; 2020 gives it in both languages with its code: the English
    name becomes an alias and the code a code of the catalog, and both find it; the values are the cells."""
    root = tmp_path / "store"
    first = [["Tỉnh", "Tính năng động"], *[[p, value(i, 1)] for i, p in enumerate(PROVINCES)]]
    later = [["Tỉnh", "Tính năng động"], ["Province", "Proactivity"], [None, "sub7_proactivity"]]
    later += [[p, value(i, 2)] for i, p in enumerate(PROVINCES)]
    result = ingest_years(cli, tmp_path, root, {2019: first}, "--year", "2019")
    result = ingest_years(cli, tmp_path, root, {2020: later}, "--year", "2020")
    assert "tinh_nang_dong ('Proactivity', 'sub7_proactivity')" in result.err
    held_row = entry(root, "tinh_nang_dong")
    assert (held_row["aliases"], held_row["codes"]) == ("Proactivity", "sub7_proactivity")
    assert not ids(root) & {"proactivity", "tinh_nang_dong_2"}
    for name in ("Proactivity", "sub7_proactivity", "Tính năng động"):
        found = cli(
            "rank", "--indicator", name, "--year", "2020", "--top", "63", "--data", str(root), "--format", "json"
        )
        assert found.code == 0, found.err
        assert {r["province"]: r["score"] for r in json.loads(found.out)} == cells(2, 10)
    listed = cli("indicators", "--data", str(root), "--format", "json")
    (row,) = [r for r in json.loads(listed.out) if r["indicator"] == "tinh_nang_dong"]
    assert row["codes"] == "sub7_proactivity"


def test_a_code_finds_an_indicator_but_never_names_a_column(cli, tmp_path):
    """PCI reuses codes: 'c2' heads one question in 2011 and another in 2014. A later column with a code
    held and a name of its own is a new indicator; the code then names both, and asking by it says so."""
    root = tmp_path / "store"
    rows_2011 = [
        ["Tỉnh", "Thời gian đăng ký bổ sung"],
        [None, "c2"],
        *[[p, value(i, 1)] for i, p in enumerate(PROVINCES)],
    ]
    rows_2014 = [["Tỉnh", "Thời gian thay đổi nội dung đăng ký"], [None, "c2"]]
    rows_2014 += [[p, value(i, 2)] for i, p in enumerate(PROVINCES)]
    ingest_years(cli, tmp_path, root, {2011: rows_2011}, "--year", "2011")
    ingest_years(cli, tmp_path, root, {2014: rows_2014}, "--year", "2014")
    assert held(root, "thoi_gian_dang_ky_bo_sung", 2011) == cells(1, 10)
    assert held(root, "thoi_gian_dang_ky_bo_sung", 2014) == {}
    assert held(root, "thoi_gian_thay_doi_noi_dung_dang_ky", 2014) == cells(2, 10)
    asked = cli("rank", "--indicator", "c2", "--year", "2014", "--data", str(root))
    assert asked.code == 2
    assert "thoi_gian_dang_ky_bo_sung" in asked.err and "thoi_gian_thay_doi_noi_dung_dang_ky" in asked.err


def test_a_rank_published_later_is_the_rank_of_the_indicator_held(cli, tmp_path):
    """2019 gives the PCI alone; 2020 gives it with its published rank: the catalog links the rank
    (rank_id), which has a row of its own, and rank reads the published ranks."""
    root = tmp_path / "store"
    first = [["Tỉnh", "PCI 2019"], *[[p, value(i, 1, 100)] for i, p in enumerate(PROVINCES)]]
    scores = cells(2, 100)
    published = {p: 1 + sum(1 for w in scores.values() if w > v) for p, v in scores.items()}
    later = [["Tỉnh", "PCI 2020", "Xếp hạng"], *[[p, scores[p], published[p]] for p in PROVINCES]]
    ingest_years(cli, tmp_path, root, {2019: first, 2020: later})
    assert entry(root, "pci")["rank_id"] == "pci_rank"
    rank_row = entry(root, "pci_rank")
    assert (rank_row["unit"], rank_row["kind"], rank_row["name_en"]) == ("rank", "rank", "PCI rank")
    assert held(root, "pci_rank", 2020) == published
    out = cli("rank", "--indicator", "pci", "--year", "2020", "--top", "63", "--data", str(root), "--format", "json")
    assert out.code == 0, out.err
    got = json.loads(out.out)
    assert {r["province"]: r["rank"] for r in got} == published
    assert {r["rank_basis"] for r in got} == {"published"}


@pytest.mark.parametrize(
    ("score_header", "rank_header", "score_id"),
    [
        ("Điểm ABC", "Xếp hạng ABC", "diem_abc"),
        ("Điểm số ABC", "Thứ hạng ABC", "diem_so_abc"),
        ("ABC score", "ABC rank", "abc_score"),
    ],
)
def test_a_score_and_its_rank_named_by_one_measure_are_linked(cli, tmp_path, score_header, rank_header, score_id):
    """'Điểm ABC' beside 'Xếp hạng ABC' in a new table: one measure, its score and its published rank.
    The rank is linked to the score (rank_id), so rank reads the published ranks (a tie the publisher
    broke stays as published) and does not say that no rank is published."""
    root = tmp_path / "store"
    scores = cells(4, 100)
    order = sorted(PROVINCES, key=lambda p: (-scores[p], PROVINCES.index(p)))
    published = {p: order.index(p) + 1 for p in PROVINCES}  # ties broken by the table's order
    assert published != {p: 1 + sum(1 for w in scores.values() if w > v) for p, v in scores.items()}
    table = [["Tỉnh", "Năm", score_header, rank_header], *[[p, 2021, scores[p], published[p]] for p in PROVINCES]]
    ingest_years(cli, tmp_path, root, {2021: table})
    rank_id = entry(root, score_id)["rank_id"]
    assert rank_id and entry(root, rank_id)["kind"] == "rank"
    out = cli("rank", "--indicator", score_id, "--year", "2021", "--data", str(root), "--format", "json")
    assert out.code == 0, out.err
    got = json.loads(out.out)
    assert {r["province"]: r["rank"] for r in got} == published
    assert {r["rank_basis"] for r in got} == {"published"} and "no rank is published" not in out.err
    assert "does not say whether" not in out.err  # the direction is no matter for ranks published


def test_ranks_computed_for_an_indicator_of_unknown_direction_say_which_direction_was_taken(cli, tmp_path):
    root = tmp_path / "store"
    scores = cells(4, 100)
    table = [["Tỉnh", "Năm", "Điểm ABC"], *[[p, 2021, scores[p]] for p in PROVINCES]]
    ingest_years(cli, tmp_path, root, {2021: table})
    out = cli("rank", "--indicator", "diem_abc", "--year", "2021", "--data", str(root), "--format", "json")
    assert out.code == 0 and "does not say whether" in out.err, out.err
    assert {r["rank_basis"] for r in json.loads(out.out)} == {"computed"}


def test_an_indicator_of_the_bundled_catalog_learns_no_names(cli, tmp_path):
    root = tmp_path / "store"
    rows = [["Tỉnh", "Chỉ số DTI"], ["Province", "Digital transformation index of the test"]]
    rows += [[p, value(i, 1, 1)] for i, p in enumerate(PROVINCES)]
    result = cli("ingest", book(tmp_path, {"S": rows}), "--year", "2025", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    bundled = Store().indicators().filter(pl.col("indicator") == "dti").row(0, named=True)
    assert entry(root, "dti")["aliases"] == bundled["aliases"]
    assert held(root, "dti", 2025) == cells(1, 1)


# ---- one measure, one indicator: links a workbook makes, matches it cannot ---------------------------------


def sub_index(label: str, k: int, component: str = "Thành phần (% đồng ý)", at: int | None = None) -> list[list]:
    """A sub-index sheet: the score under a numbered label (the sheet's name names it), one component (its
    values those of ``at``, else of ``k + 20``)."""
    rows: list[list[object]] = [["PCI ID", "Tỉnh", label, component]]
    rows += [[i + 1, p, value(i, k), value(i, at or k + 20, 100)] for i, p in enumerate(PROVINCES)]
    return rows


def summary(names: dict[str, int]) -> list[list[object]]:
    rows: list[list[object]] = [["Tỉnh", *names]]
    rows += [[p, *(value(i, k) for k in names.values())] for i, p in enumerate(PROVINCES)]
    return rows


def test_a_summary_and_the_sheet_of_its_sub_index_are_one_indicator(cli, tmp_path):
    """The summary names the sub-index 'Hỗ trợ doanh nghiệp', its sheet 'Dịch vụ hỗ trợ DN' (PCI 2014):
    the sheet's measure holds the summary column's values, so they are one indicator, named by the sheet;
    two components holding the same numbers stay two."""
    sheets = {
        "Summary_VN": summary({"Hỗ trợ doanh nghiệp": 1, "Tiếp cận đất đai": 2}),
        "Dịch vụ hỗ trợ DN": sub_index("Sub-Index 8", 1, "Hội chợ thương mại (% đồng ý)", at=21),
        "Tiếp cận đất đai": sub_index("Sub-Index 2", 2, "Hội chợ thương mại năm trước (% đồng ý)", at=21),
    }
    root = tmp_path / "store"
    result = cli(
        "ingest", book(tmp_path, sheets), "--sheet", "all", "--year", "2014", "--new-indicators", "--data", str(root)
    )
    assert result.code == 0, result.err
    assert held(root, "dich_vu_ho_tro_dn", 2014) == cells(1, 10)
    assert "ho_tro_doanh_nghiep" not in ids(root)
    assert "Hỗ trợ doanh nghiệp" in entry(root, "dich_vu_ho_tro_dn")["aliases"].split("|")
    stored = Store(root).observations().filter(pl.col("indicator") == "dich_vu_ho_tro_dn")
    assert sorted(stored["raw_file"].unique().str.extract(r"\[(.*)\]").to_list()) == ["Dịch vụ hỗ trợ DN", "Summary_VN"]
    components = {"hoi_cho_thuong_mai", "hoi_cho_thuong_mai_nam_truoc"}
    assert components <= ids(root)  # the same numbers, two questions: never merged by their values
    for ident in components:
        assert held(root, ident, 2014) == {p: value(i, 21, 100) for i, p in enumerate(PROVINCES)}


@pytest.mark.slow
def test_pci_workbooks_give_each_sub_index_one_indicator(cli, tmp_path, province_lookup):
    """PCI 2006 (without Hà Tây's row), 2011 and 2014, as published: in each, the summary's column of a sub-index
    and the score of its sheet hold the same values (computed here from the cells); they are one indicator.
    The two components of 2006 whose cells are equal (two questions of different sheets) stay two."""
    from tests.test_real_workbooks import sheet_names

    copy = pci_2006_without_ha_tay(tmp_path)
    root = tmp_path / "store"
    latest = REAL / "PCI_2014.xlsx"
    editions = {
        copy: ["all"],
        REAL / "PCI_2011.xls": ["all"],
        latest: [n for n in sheet_names(latest) if n != "Summary"],
    }
    for (path, sheets), year in zip(editions.items(), (2006, 2011, 2014), strict=True):
        chosen = [a for s in sheets for a in ("--sheet", s)]
        result = cli("ingest", str(path), *chosen, "--year", str(year), "--new-indicators", "--data", str(root))
        assert result.code == 0, result.err
    observations = Store(root).observations()
    linked = 0
    for path, chosen in editions.items():
        names = sheet_names(path) if chosen == ["all"] else chosen
        sheets = {n: Sheet(path, n, province_lookup) for n in names}
        columns = {}  # (sheet, column) -> {province: value} from the cells
        for name, sheet in sheets.items():
            if sheet.has_provinces():
                for c in range(max(len(r) for r in sheet.rows)):
                    found = dict(sheet.value_cells(c).values())
                    if len(found) >= 60 and len(set(found.values())) > 10:
                        columns[name, c] = found
        for (a, _), one in columns.items():
            for (b, _), other in columns.items():
                if a < b and one == other:
                    stored = {
                        n: observations.filter(pl.col("raw_file") == f"{path} [{n}]")
                        .filter(pl.col("value").is_in(list(one.values())))
                        .group_by("indicator")
                        .len()
                        .filter(pl.col("len") >= 60)["indicator"]
                        .to_list()
                        for n in (a, b)
                    }
                    shared = set(stored[a]) & set(stored[b])
                    if {"PCI Tóm tắt", "Tong hop", "Summary_VN"} & {a, b}:  # a summary and a sub-index sheet
                        assert shared, (a, b, stored)
                        linked += 1
                    else:  # two questions of two sheets that happen to hold the same numbers
                        assert not shared, (a, b, stored)
    assert linked >= 25


def test_a_measure_named_otherwise_by_another_workbook_is_said_and_the_hint_joins_it(cli, tmp_path):
    """PCI 2006 names the time-cost sub-index 'CP thời gian' (its sheet), 2011 'Chi phí thời gian': two
    indicators, with a note naming the likely match and the --map that joins them; following it (after
    undoing the ingest) puts 2011 in the indicator of 2006, with the cells' values."""
    root = tmp_path / "store"
    old = {"CP thời gian": sub_index("Chỉ số thành phần 4", 1), "PCI Tóm tắt": summary({"CP thời gian": 1})}
    new = {"Tong hop": summary({"Chi phí thời gian": 2}), "Chi phi thoi gian": sub_index("Chỉ số thành phần 4", 2)}
    ingested(cli, root, book(tmp_path, old, "2006.xlsx"), 2006)
    later = book(tmp_path, new, "2011.xlsx")
    result = ingested(cli, root, later, 2011)
    hint = "--map 'Chi phí thời gian=cp_thoi_gian'"
    assert "new indicator chi_phi_thoi_gian ('Chi phí thời gian', column" in result.err
    assert "may be the measure held as cp_thoi_gian ('CP thời gian')" in result.err and hint in result.err
    assert held(root, "chi_phi_thoi_gian", 2011) == cells(2, 10)  # not guessed
    assert cli("store", "undo", "--data", str(root)).code == 0
    ingested(cli, root, later, 2011, "--map", "Chi phí thời gian=cp_thoi_gian")  # following the hint
    assert held(root, "cp_thoi_gian", 2011) == cells(2, 10) and held(root, "cp_thoi_gian", 2006) == cells(1, 10)
    assert "chi_phi_thoi_gian" not in ids(root)


def test_one_measure_held_as_two_indicators_is_said_not_joined(cli, tmp_path):
    """Two earlier files named one sub-index differently (two indicators); a workbook giving its summary and
    its sheet with the same values says so, joins nothing, and its hint puts the column in the other."""
    root = tmp_path / "store"
    ingested(cli, root, book(tmp_path, {"S": summary({"Gia nhập thị trường": 1})}, "a.xlsx"), 2013)
    ingested(cli, root, book(tmp_path, {"Chi phí gia nhập thị trường": sub_index("Sub-Index 1", 2)}, "b.xlsx"), 2013)
    assert {"gia_nhap_thi_truong", "chi_phi_gia_nhap_thi_truong"} <= ids(root)
    both = {
        "Summary_VN": summary({"Gia nhập thị trường": 3}),
        "Chi phí gia nhập thị trường": sub_index("Sub-Index 1", 3),
    }
    workbook = book(tmp_path, both, "2014.xlsx")
    result = ingested(cli, root, workbook, 2014)
    assert "[Summary_VN]: column B (gia_nhap_thi_truong) holds the values" in result.err
    assert "--map 'Gia nhập thị trường=chi_phi_gia_nhap_thi_truong'" in result.err
    assert held(root, "gia_nhap_thi_truong", 2014) == held(root, "chi_phi_gia_nhap_thi_truong", 2014) == cells(3, 10)
    assert cli("store", "undo", "--data", str(root)).code == 0
    ingested(cli, root, workbook, 2014, "--map", "Gia nhập thị trường=chi_phi_gia_nhap_thi_truong")
    assert held(root, "chi_phi_gia_nhap_thi_truong", 2014) == cells(3, 10)
    assert held(root, "gia_nhap_thi_truong", 2014) == {}


# ---- rows of regions and of the country, kept as their values when asked -----------------------------------


@pytest.mark.parametrize(
    ("file", "sheet", "year"), [("Plan_2011.xls", "M09(R)", 2011), ("Final_2010.xls", "M09+", 2010)]
)
def test_region_and_country_rows_are_kept_as_their_values_when_asked(cli, tmp_path, province_lookup, file, sheet, year):
    """With --regions keep, each region's subtotal (a Roman numeral, then its provinces) is stored as the value
    of that region (geography 6) and 'TỔNG SỐ' as the country's (geography 1), each number its cell; the region
    is the one whose provinces are those below its row (computed here from the cells); a rank of provinces
    never meets them."""
    from tests.test_real_workbooks import compare, number

    path = REAL / file
    root = tmp_path / "store"
    args = ["--sheet", sheet, "--year", str(year), "--new-indicators", "--regions", "keep", "--data", str(root)]
    result = cli("ingest", str(path), *args)
    assert result.code == 0, result.err
    cells = Sheet(path, sheet, province_lookup)
    stored = Store(root).observations().filter(pl.col("raw_file") == f"{path} [{sheet}]")
    _, columns = compare(cells, stored.filter(pl.col("geography") == 63))
    provinces = Store().provinces().filter(pl.col("geography") == 63)
    members = {r: set(g["province"]) for (r,), g in provinces.group_by(["region"])}
    numerals = [
        r for r, row in enumerate(cells.rows) if row and str(row[0]).strip() in ("I", "II", "III", "IV", "V", "VI")
    ]
    expected = {}
    for n, r in enumerate(numerals):
        stop = numerals[n + 1] if n + 1 < len(numerals) else len(cells.rows)
        below = {province_lookup(row[1]) for row in cells.rows[r + 1 : stop] if isinstance(row[1], str)} - {None}
        (region,) = [name for name, held in members.items() if held == below]
        expected |= {(6, region, i): number(cells.rows[r][c]) for i, c in columns.items()}
    (total,) = [
        r for r, row in enumerate(cells.rows) if isinstance(row[1], str) and row[1].upper().startswith("TỔNG SỐ")
    ]
    expected |= {(1, "Việt Nam", i): number(cells.rows[total][c]) for i, c in columns.items()}
    expected = {k: v for k, v in expected.items() if v is not None}
    kept = stored.filter(pl.col("geography") != 63)
    got = {(g, p, i): v for g, p, i, v in kept.select("geography", "province", "indicator", "value").iter_rows()}
    assert got == expected and len(numerals) == 6
    ident = next(i for i in columns if i.endswith("bo_sung_can_doi"))
    ranked = cli(
        "rank", "--indicator", ident, "--year", str(year), "--among-held", "--data", str(root), "--format", "json"
    )
    assert ranked.code == 0, ranked.err
    assert {r["province"] for r in json.loads(ranked.out)} == set(provinces["province"])  # the 63, no other
    listed = cli("sources", "--indicator", ident, "--year", str(year), "--data", str(root), "--format", "json")
    rows = [r for r in json.loads(listed.out) if r["geography"] != 63]
    assert {(r["geography"], r["province"]) for r in rows} == {(g, p) for g, p, i in expected if i == ident}


def annex_with(region_rows: dict[str, list[str]]) -> list[list[object]]:
    """A small annex: a national total, region rows (a Roman numeral) over the provinces given, an average row."""
    rows: list[list[object]] = [["STT", "Tỉnh, thành phố", "Tổng thu", "Xếp hạng"], [None, "Cả nước", 9999, 1]]
    for n, (region, provinces) in enumerate(region_rows.items()):
        rows.append(["IVX"[n], region, 1000 + n, 2])
        rows += [[k + 1, p, 10 * (k + 1), k + 1] for k, p in enumerate(provinces)]
    rows.append([None, "Trung bình", 55, None])
    return rows


def test_a_region_row_over_other_provinces_is_refused_and_statistics_stay_skipped(cli, tmp_path):
    tay_nguyen = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"]
    root = tmp_path / "store"
    good = book(tmp_path, {"S": annex_with({"Tây Nguyên": tay_nguyen})}, "good.xlsx")
    result = cli("ingest", good, "--year", "2019", "--new-indicators", "--regions", "keep", "--data", str(root))
    assert result.code == 0, result.err
    assert held(root, "tong_thu", 2019) == {p: 10 * (k + 1) for k, p in enumerate(tay_nguyen)} | {
        "Tây Nguyên": 1000,
        "Việt Nam": 9999,
    }
    kept = Store(root).values().filter(pl.col("province").is_in(["Tây Nguyên", "Việt Nam"]))
    assert sorted(kept.select("geography", "indicator").iter_rows()) == [(1, "tong_thu"), (6, "tong_thu")]
    assert "'Trung bình' (row" in result.err  # a statistic of the provinces is no unit's value
    assert held(root, "tong_thu_rank", 2019) == {p: k + 1 for k, p in enumerate(tay_nguyen)}  # ranks: provinces
    wrong = book(tmp_path, {"S": annex_with({"Tây Nguyên": tay_nguyen[:4]})}, "wrong.xlsx")
    refused = cli("ingest", wrong, "--year", "2020", "--new-indicators", "--regions", "keep", "--data", str(root))
    assert refused.code == 1
    assert "row 3 ('Tây Nguyên') is named as the region 'Tây Nguyên'" in refused.err
    assert "missing: Lâm Đồng" in refused.err and "--regions skip" in refused.err
    followed = cli("ingest", wrong, "--year", "2020", "--new-indicators", "--regions", "skip", "--data", str(root))
    assert followed.code == 0, followed.err
    assert held(root, "tong_thu", 2020) == {p: 10 * (k + 1) for k, p in enumerate(tay_nguyen[:4])}
    assert cli("validate", good, "--year", "2019", "--regions", "all").code == 2


def test_a_pair_column_without_a_header_is_mapped_by_its_letter_in_its_sheet(cli, tmp_path):
    """A summary of ranked pairs whose header is over the provinces: the value column has no header of its
    own, so the hint names its letter and its sheet; followed, the summary's values go to the indicator."""
    root = tmp_path / "store"
    ingested(cli, root, book(tmp_path, {"S": summary({"Gia nhập thị trường": 1})}, "a.xlsx"), 2013)
    ingested(cli, root, book(tmp_path, {"Chi phí gia nhập thị trường": sub_index("Sub-Index 1", 2)}, "b.xlsx"), 2013)
    scores, land = cells(3, 10), cells(4, 10)
    ordered = [sorted(c.items(), key=lambda pv: (-pv[1], pv[0])) for c in (scores, land)]
    pairs = [["Thứ tự", "Gia nhập thị trường", None, "Tiếp cận đất đai", None]]
    pairs += [[r + 1, *ordered[0][r], *ordered[1][r]] for r in range(len(PROVINCES))]
    both = {"Tổng hợp": pairs, "Chi phí gia nhập thị trường": sub_index("Sub-Index 1", 3)}
    workbook = book(tmp_path, both, "2014.xlsx")
    result = ingested(cli, root, workbook, 2014)
    hint = "--sheet 'Tổng hợp' --map 'C=chi_phi_gia_nhap_thi_truong'"
    assert "[Tổng hợp]: column C (gia_nhap_thi_truong) holds the values" in result.err and hint in result.err
    assert cli("store", "undo", "--data", str(root)).code == 0
    assert "(that sheet alone; the other sheets as before)" in result.err
    followed = cli(
        "ingest",
        workbook,
        "--sheet",
        "Tổng hợp",
        "--map",
        "C=chi_phi_gia_nhap_thi_truong",
        "--year",
        "2014",
        "--new-indicators",
        "--data",
        str(root),
    )
    assert followed.code == 0, followed.err
    other = cli(
        "ingest",
        workbook,
        "--sheet",
        "Chi phí gia nhập thị trường",
        "--year",
        "2014",
        "--new-indicators",
        "--data",
        str(root),
    )
    assert other.code == 0, other.err
    assert held(root, "chi_phi_gia_nhap_thi_truong", 2014) == scores
    assert held(root, "gia_nhap_thi_truong", 2014) == {}
    assert held(root, "tiep_can_dat_dai", 2014) == land


def test_a_map_by_letter_names_an_unnamed_pair_column(cli, tmp_path):
    """--map 'C=ID' on the value column of a ranked pair without a header of its own was overridden by the
    header above its provinces: the values went to that name."""
    scores, land = cells(3, 10), cells(4, 10)
    ordered = [sorted(c.items(), key=lambda pv: (-pv[1], pv[0])) for c in (scores, land)]
    pairs = [["Thứ tự", "Gia nhập thị trường", None, "Tiếp cận đất đai", None]]
    pairs += [[r + 1, *ordered[0][r], *ordered[1][r]] for r in range(len(PROVINCES))]
    root = tmp_path / "store"
    ingested(cli, root, book(tmp_path, {"T": pairs}), 2014, "--map", "C=entry_costs")
    assert held(root, "entry_costs", 2014) == scores and held(root, "tiep_can_dat_dai", 2014) == land
    assert "gia_nhap_thi_truong" not in ids(root)


@pytest.mark.slow
def test_pci_2006_after_2011_says_its_likely_matches_and_their_hints_join_them(cli, tmp_path, province_lookup):
    """PCI 2011 read first, then 2006 (without Hà Tây's row): 2006's 'CP thời gian' and its weighted PCI ('Chí
    số PCI (đã có trọng số)') are new indicators, each said to be likely 2011's 'Chi phí thời gian' and
    'PCI'; following both hints (after undoing the ingest) puts 2006 in those, with the cells' values."""

    copy = pci_2006_without_ha_tay(tmp_path)
    root = tmp_path / "store"
    ingested(cli, root, REAL / "PCI_2011.xls", 2011)
    result = ingested(cli, root, copy, 2006)
    hints = ["--map 'CP thời gian=chi_phi_thoi_gian'", "--map 'Chí số PCI (đã có trọng số)=pci'"]
    assert all(hint in result.err for hint in hints)
    assert (
        "new indicator cp_thoi_gian ('CP thời gian', column J) may be the measure held as chi_phi_thoi_gian"
        in result.err
    )
    assert cli("store", "undo", "--data", str(root)).code == 0
    ingested(
        cli, root, copy, 2006, "--map", "CP thời gian=chi_phi_thoi_gian", "--map", "Chí số PCI (đã có trọng số)=pci"
    )
    time, summary = Sheet(copy, "CP thời gian", province_lookup), Sheet(copy, "PCI Tóm tắt", province_lookup)
    assert held(root, "chi_phi_thoi_gian", 2006) == dict(time.value_cells(column_of(time, "Điểm Chỉ số")).values())
    assert held(root, "pci", 2006) == dict(summary.value_cells(column_of(summary, "Chí số PCI")).values())
    assert not {"cp_thoi_gian", "weighted_pci_using_rounded_weights_sheet_3"} & ids(root)


def test_a_table_without_a_kind_beside_indicators_of_a_kind_is_said_and_the_hint_works(cli, tmp_path):
    """A plan ('DỰ TOÁN') and an outturn ('QUYẾT TOÁN') are held; a table whose title says no kind gives the
    same column: a new indicator, with a note naming both and the --map; followed, it is the plan's year."""
    root = tmp_path / "store"
    for name, title, year, k in (
        ("plan.xlsx", "DỰ TOÁN NĂM 2019", 2019, 1),
        ("final.xlsx", "QUYẾT TOÁN NĂM 2018", 2018, 3),
    ):
        ingested(cli, root, book(tmp_path, {"S": annex([title], k)}, name), year)
    untitled = book(tmp_path, {"S": annex(["SỐ LIỆU NGÂN SÁCH NĂM 2020"], 5)}, "untitled.xlsx")
    result = ingested(cli, root, untitled, 2020)
    assert (
        "new indicator bo_sung_can_doi ('Bổ sung cân đối') has the name of du_toan_bo_sung_can_doi, "
        "quyet_toan_bo_sung_can_doi" in result.err
    )
    assert "--map 'Bổ sung cân đối=ID'" in result.err
    assert cli("store", "undo", "--data", str(root)).code == 0
    ingested(cli, root, untitled, 2020, "--map", "Bổ sung cân đối=du_toan_bo_sung_can_doi")
    assert held(root, "du_toan_bo_sung_can_doi", 2020) == cells(5, 1000)
    assert held(root, "du_toan_bo_sung_can_doi", 2019) == cells(1, 1000)
    assert "bo_sung_can_doi" not in ids(root)
