"""What a table says about a measure besides its column's header: the title over it, the names a later file
gives it, a rank that arrives later, the same measure named twice in one workbook, rows of regions.

Real files of tests/fixtures/real as published (expected numbers read from their cells with
python-calamine or openpyxl), and workbooks of the same shapes with invented values (``value``).
"""

from __future__ import annotations

import polars as pl
import pytest

from dtikit.store import Store
from tests.published_shapes import PROVINCES, value
from tests.test_real_workbooks import REAL, Sheet
from tests.test_workbooks import catalog as entry
from tests.test_workbooks import held
from tests.workbooks import xlsx_file as book


@pytest.fixture(scope="module")
def province_lookup():
    from dtikit.provinces import ProvinceNames

    return ProvinceNames(Store()).lookup


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
        result = cli(
            "ingest",
            book(tmp_path, {"S": annex(title, k)}, name),
            "--year",
            str(year),
            "--new-indicators",
            "--data",
            str(root),
        )
        assert result.code == 0, result.err
    assert held(root, "du_toan_bo_sung_can_doi", 2019) == cells(1, 1000)
    assert held(root, "du_toan_bo_sung_can_doi", 2020) == cells(3, 1000)
    assert held(root, "uoc_thuc_hien_bo_sung_can_doi", 2020) == cells(5, 1000)
    assert held(root, "quyet_toan_bo_sung_can_doi", 2019) == cells(7, 1000)
    assert held(root, "quyet_toan_tong_thu_nsnn", 2019) == cells(8, 5000)
    assert entry(root, "uoc_thuc_hien_bo_sung_can_doi")["name_en"] == "Estimated outturn: Balancing transfers"
    other = book(tmp_path, {"S": annex(["SỐ LIỆU NĂM 2020"], 9, publisher="BỘ KẾ HOẠCH VÀ ĐẦU TƯ")}, "mpi.xlsx")
    result = cli("ingest", other, "--year", "2020", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
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
    assert kind("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Chỉ số PCI 2011") is None
    assert kind("Đơn vị: triệu đồng") is None
