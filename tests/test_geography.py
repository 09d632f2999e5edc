"""Geographies as data: 61, 64, 63 and 34 units, tables of any period, old names answered.

Expected numbers come from the cells of the published workbook (python-calamine), never from dtikit;
the lists of provinces of a test table are written here from the acts cited in data/raw/SOURCES.md.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

REAL = Path(__file__).parent / "fixtures" / "real"
RAW = Path(__file__).parents[1] / "data" / "raw"


def _column(name: str, column: str) -> list[str]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        return [r[column] for r in csv.DictReader(handle)]


# the provinces of 2008-2025, as the GSO code list has them (read here, not from dtikit)
PROVINCES_2008 = _column("province_codes.csv", "province")
# Nghị quyết 22/2003/QH11 made these on 1/1/2004; Nghị quyết 15/2008/QH12 ended Hà Tây on 1/8/2008
FORMED_2004 = {"Đắk Nông", "Hậu Giang", "Điện Biên"}
UNITS_2025 = sorted(set(_column("merger_2025.csv", "new_province")))


# the four names PCI 2006 writes otherwise (read in its cells)
WRITTEN = {"Tp.HCM": "Hồ Chí Minh", "Đắc Lắk": "Đắk Lắk", "BRVT": "Bà Rịa - Vũng Tàu", "TT-Huế": "Thừa Thiên Huế"}


def _rows(sheet: str) -> list[list]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(REAL / "PCI_2006.xls")).get_sheet_by_name(sheet).to_python()
    return [[r[0], WRITTEN.get(r[1], r[1]), *r[2:]] for r in rows if isinstance(r[0], float)]


def cells(sheet: str, column: int) -> dict[str, float]:
    """Province -> number of a PCI 2006 sheet: the rows numbered in column A (MIN and MAX are not)."""
    return {r[1]: r[column] for r in _rows(sheet) if isinstance(r[column], float)}


def row_numbers(sheet: str) -> dict[str, int]:
    return {r[1]: int(r[0]) for r in _rows(sheet)}


def competition_ranks(values: dict[str, float]) -> dict[str, int]:
    return {p: 1 + sum(1 for w in values.values() if w > v) for p, v in values.items()}


def test_each_geography_has_as_many_units_as_its_name_and_the_changes_between_them():
    from dtikit import geography

    assert geography.ids() == [61, 64, 63, 34]
    assert [geography.count(g) for g in geography.ids()] == [61, 64, 63, 34]
    assert sorted(geography.names(63)) == sorted(PROVINCES_2008)
    assert set(geography.names(64)) - set(geography.names(63)) == {"Hà Tây"}
    assert set(geography.names(64)) - set(geography.names(61)) == FORMED_2004
    assert sorted(geography.names(34)) == UNITS_2025
    # 2008 and 2025 each had two maps; a year before 1997 has none held
    assert geography.in_force(2008) == [64, 63] and geography.in_force(2025) == [63, 34]
    assert geography.in_force(2006) == [64] and geography.in_force(2003) == [61] and geography.in_force(1995) == []
    # the same name is not always the same unit
    assert geography.same_unit(64, "Bắc Ninh", 63, "Bắc Ninh")
    assert not geography.same_unit(64, "Hà Nội", 63, "Hà Nội")
    assert not geography.same_unit(61, "Đắk Lắk", 64, "Đắk Lắk")
    assert geography.same_unit(63, "Thừa Thiên Huế", 34, "Huế")  # renamed, the same territory


@pytest.mark.parametrize(
    ("name", "year", "said"),
    [
        ("Hà Tây", 2012, "became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)"),
        ("Đắk Nông", 2002, "was formed on 1/1/2004 from Đắk Lắk (Nghị quyết 22/2003/QH11)"),
        ("Hậu Giang", 2003, "was formed on 1/1/2004 from Cần Thơ (Nghị quyết 22/2003/QH11)"),
        ("Kon Tum", 2026, "became part of Quảng Ngãi on 1/7/2025 (Nghị quyết 202/2025/QH15)"),
    ],
)
def test_a_unit_of_another_period_says_when_it_existed(name, year, said):
    from dtikit import geography

    assert geography.not_in_year(name, year) == f"'{name}' was no province in {year}: it {said}"
    assert geography.not_in_year(name, 2006) is None  # each was one in 2006


@pytest.mark.parametrize(
    ("unit", "said"),
    [
        ("Hà Nội", "took in Hà Tây on 1/8/2008 (Nghị quyết 15/2008/QH12)"),  # the capital was enlarged
        ("Đắk Nông", "was formed on 1/1/2004 from Đắk Lắk (Nghị quyết 22/2003/QH11)"),
        ("Cần Thơ", "was formed on 1/1/2004 from Cần Thơ (Nghị quyết 22/2003/QH11)"),
        ("Quảng Ngãi (2025)", "was formed on 1/7/2025 from Quảng Ngãi, Kon Tum (Nghị quyết 202/2025/QH15)"),
    ],
)
def test_a_unit_that_kept_its_name_and_took_in_others_was_enlarged_not_formed(unit, said):
    """Nghị quyết 15/2008/QH12 adjusted Hà Nội's boundaries: 'Hà Nội was formed on 1/8/2008 from Hà Tây, Hà
    Nội' is false to any reader. A unit a merger makes under an id of its own (2025) was formed."""
    from dtikit import geography

    assert geography.began(unit) == said


@pytest.mark.parametrize(
    ("old", "said"),
    [
        ("Hà Tây", "became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)"),
        ("Hà Bắc", "was split into Bắc Giang, Bắc Ninh on 1/1/1997"),
        ("Hải Hưng", "was split into Hải Dương, Hưng Yên on 1/1/1997"),
        ("Nghĩa Bình", "was split into Quảng Ngãi, Bình Định in 1989"),
        ("Sông Bé", "was split into Bình Dương, Bình Phước on 1/1/1997"),
        ("Vĩnh Phú", "was split into Vĩnh Phúc, Phú Thọ on 1/1/1997"),
        ("Bình Trị Thiên", "was split into Quảng Bình, Quảng Trị, Thừa Thiên Huế in 1989"),
        ("Nghệ Tĩnh", "was split into Nghệ An, Hà Tĩnh in 1991"),
        ("Minh Hải", "was split into Bạc Liêu, Cà Mau on 1/1/1997"),
        ("Cửu Long", "was split into Vĩnh Long, Trà Vinh in 1991"),
        ("Gia Lai-Kon Tum", "was split into Gia Lai, Kon Tum in 1991"),
        ("Quảng Nam-Đà Nẵng", "was split into Quảng Nam, Đà Nẵng on 1/1/1997"),
        ("Ha Tay", "became part of Hà Nội on 1/8/2008"),  # without diacritics too
        # one letter from a province of today: never read as 'Cao Bằng'
        ("Cao Lạng", "was split into Cao Bằng, Lạng Sơn in 1978 (Nghị quyết của Quốc hội ngày 29/12/1978)"),
        ("Hà Tuyên", "was split into Hà Giang, Tuyên Quang in 1991"),
        ("Hoàng Liên Sơn", "was split into Lào Cai, Yên Bái in 1991"),
        ("Hà Sơn Bình", "was split into Hà Tây, Hòa Bình in 1991"),
        ("Phú Khánh", "was split into Phú Yên, Khánh Hòa in 1989"),
        ("Thuận Hải", "was split into Ninh Thuận, Bình Thuận in 1991"),
        ("Bắc Thái", "was split into Bắc Kạn, Thái Nguyên on 1/1/1997"),
    ],
)
def test_old_names_are_answered_with_what_became_of_them(cli, old, said):
    """Never "did you mean 'Hà Nam'?", never silently 'Vĩnh Phúc': the error says what became of it."""
    result = cli("profile", "--province", old)
    assert result.code == 2
    assert said in result.err
    assert "did you mean" not in result.err and "Traceback" not in result.err
    assert result.out == ""
    # a unit of a map held is told the map that reads it as it was; one older than every map held is not
    maps = {"Hà Tây": "61 or --geography 64", "Ha Tay": "61 or --geography 64"}.get(old)
    assert (f"give --geography {maps}" in result.err) if maps else ("--geography" not in result.err)


def test_old_names_in_vietnamese_and_hn_for_ha_noi(cli):
    result = cli("profile", "--province", "Hà Tây", "--lang", "vi")
    assert result.code == 2
    assert "đã nhập vào Hà Nội từ ngày 1/8/2008 (Nghị quyết 15/2008/QH12)" in result.err
    assert "became" not in result.err and "province" not in result.err
    from dtikit.provinces import ProvinceNames
    from dtikit.storage import Store

    names = ProvinceNames(Store())
    assert names.resolve("HN") == names.resolve("HCM").replace("Hồ Chí Minh", "Hà Nội") == "Hà Nội"


def test_pci_2006_with_ha_tay_goes_in_as_published_and_ranks_of_64(cli, tmp_path):
    """The whole workbook, Hà Tây's rows included, goes in as it is; the proactivity sub-index of 2006
    ranks exactly as its cells do, among 64, and as the publisher numbered its rows."""
    root = tmp_path / "store"
    path = REAL / "PCI_2006.xls"
    result = cli("ingest", str(path), "--sheet", "all", "--year", "2006", "--new-indicators", "--data", str(root))
    assert result.code == 0, result.err
    from dtikit.storage import Store

    held = Store(root).values().filter(pl.col("year") == 2006)
    assert held["geography"].unique().to_list() == [64]
    assert "Hà Tây" in held["province"].to_list()
    out = cli("rank", "--indicator", "Tính năng động", "--year", "2006", "--data", str(root), "--format", "json")
    assert out.code == 0, out.err
    got = {r["province"]: (r["score"], r["rank"], r["ranked_of"]) for r in json.loads(out.out)}
    expected = cells("Tính năng động", 7)
    assert len(expected) == 64 and "Hà Tây" in expected
    ranks = competition_ranks(expected)
    assert got == {p: (v, ranks[p], 64) for p, v in expected.items()}
    assert ranks == row_numbers("Tính năng động")  # no tie: the publisher's order


def test_comparing_across_2008_says_what_became_of_ha_tay(cli, tmp_path):
    root = tmp_path / "store"
    for path, year in ((REAL / "PCI_2006.xls", 2006), (REAL / "PCI_2011.xls", 2011)):
        result = cli(
            "ingest", str(path), "--sheet", "all", "--year", str(year), "--new-indicators", "--data", str(root)
        )
        assert result.code == 0, result.err
    out = cli(
        "rank",
        "--indicator",
        "Tính năng động",
        "--year",
        "2011",
        "--vs",
        "2006",
        "--data",
        str(root),
        "--format",
        "json",
    )
    assert out.code == 0, out.err
    rows = {r["province"]: r for r in json.loads(out.out)}
    then = competition_ranks(cells("Tính năng động", 7))
    assert rows["Hà Nội"]["prev_rank"] is None and rows["Hà Nội"]["rank_change"] is None
    assert "Hà Tây" not in rows
    assert "Hà Nội: no rank change, as it took in Hà Tây on 1/8/2008 (Nghị quyết 15/2008/QH12)" in out.err
    for name in ("Bắc Ninh", "Bình Dương", "Quảng Ngãi"):  # the same units: their change, ranks of 64 then
        assert rows[name]["prev_rank"] == then[name]
        assert rows[name]["rank_change"] == then[name] - rows[name]["rank"]
    trend = cli("trend", "--indicator", "Tính năng động", "--data", str(root), "--format", "json")
    assert trend.code == 0, trend.err
    by_year = {r["year"]: r for r in json.loads(trend.out)}
    values_2006 = list(cells("Tính năng động", 7).values())
    assert (by_year[2006]["n_provinces"], by_year[2006]["of_provinces"]) == (64, 64)
    assert by_year[2006]["mean"] == round(sum(values_2006) / 64, 4)
    assert by_year[2006]["max"] == max(values_2006) and by_year[2006]["min"] == min(values_2006)
    assert (by_year[2011]["n_provinces"], by_year[2011]["of_provinces"]) == (63, 63)
    assert "2006: 64, 2011: 63" in trend.err
    compared = cli(
        "compare", "Hà Nội", "Bắc Ninh", "--indicator", "Tính năng động", "--data", str(root), "--format", "json"
    )
    assert compared.code == 0, compared.err
    side = {(r["year"], r["measure"].rsplit("_", 1)[-1]): r for r in json.loads(compared.out)}
    assert side[(2006, "rank")]["Bắc Ninh"] == then["Bắc Ninh"] and side[(2006, "of")]["Bắc Ninh"] == 64
    assert side[(2006, "rank")]["Hà Nội"] is None and side[(2006, "value")]["Hà Nội"] is None  # never joined by name
    assert side[(2011, "of")]["Hà Nội"] == 63
    assert "Hà Nội: no value of 2006 is shown" in compared.err and "Nghị quyết 15/2008/QH12" in compared.err


def test_a_table_of_2012_naming_ha_tay_is_refused_unless_its_geography_is_given(cli):
    path = REAL / "PCI_2006.xls"
    refused = cli("validate", str(path), "--sheet", "Tính năng động", "--year", "2012", "--new-indicators")
    assert refused.code == 1
    assert "'Hà Tây' was no province in 2012: it became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)" in (
        refused.err
    )
    given = cli(
        "validate", str(path), "--sheet", "Tính năng động", "--year", "2012", "--geography", "64", "--new-indicators"
    )
    assert given.code == 0, given.err
    wrong = cli("validate", str(path), "--year", "2012", "--geography", "62")
    assert wrong.code == 2 and "choose one of 61, 64, 63, 34" in wrong.err


def _table(path: Path, year: int, names: list[str]) -> Path:
    lines = ["province,year,indicator,value"] + [f"{n},{year},pci,{50 + i / 2}" for i, n in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_2003_table_with_undivided_dak_lak_and_a_2025_table_in_34_units(cli, tmp_path):
    root = tmp_path / "store"
    of_2003 = [p for p in PROVINCES_2008 if p not in FORMED_2004] + ["Hà Tây"]
    assert len(of_2003) == 61
    result = cli("ingest", str(_table(tmp_path / "t2003.csv", 2003, of_2003)), "--data", str(root))
    assert result.code == 0, result.err
    result = cli("ingest", str(_table(tmp_path / "t2025.csv", 2025, UNITS_2025)), "--data", str(root))
    assert result.code == 0, result.err
    from dtikit.storage import Store

    held = Store(root).values(indicators=["pci"])
    assert held.group_by("year", "geography").len().sort("year").rows() == [(2003, 61, 61), (2025, 34, 34)]
    for year, n in ((2003, 61), (2025, 34)):
        out = cli("rank", "--indicator", "pci", "--year", str(year), "--data", str(root), "--format", "json")
        assert out.code == 0, out.err
        ranked = json.loads(out.out)
        assert {r["ranked_of"] for r in ranked} == {n} and len(ranked) == n
        assert sorted(r["rank"] for r in ranked) == list(range(1, n + 1))  # values all differ
    late = cli("validate", str(_table(tmp_path / "t2002.csv", 2002, ["Đắk Nông"])))
    assert late.code == 1
    assert "'Đắk Nông' was no province in 2002: it was formed on 1/1/2004 from Đắk Lắk (Nghị quyết 22/2003/QH11)" in (
        late.err
    )


def test_a_table_of_1998_is_read_on_the_map_of_61_and_one_before_1997_is_refused(cli, tmp_path):
    """Years were refused before 2000, though the map of 61 units holds from 1/1/1997."""
    of_1998 = [p for p in PROVINCES_2008 if p not in FORMED_2004] + ["Hà Tây"]
    root = tmp_path / "store"
    result = cli("ingest", str(_table(tmp_path / "t1998.csv", 1998, of_1998)), "--data", str(root))
    assert result.code == 0, result.err
    out = cli("rank", "--indicator", "pci", "--year", "1998", "--data", str(root), "--format", "json")
    assert out.code == 0, out.err
    assert {r["ranked_of"] for r in json.loads(out.out)} == {61}
    early = cli("validate", str(_table(tmp_path / "t1996.csv", 1996, ["Kon Tum"])))
    assert early.code == 1 and "1996" in early.err and "1997" in early.err, early.err


def test_the_key_of_the_one_pass_takes_any_number_of_units_and_any_year_from_1900():
    from dtikit.ingest.streamed import _key

    names = SimpleNamespace(canonical=[f"p{i}" for i in range(700)])
    frame = pl.DataFrame(
        {
            "indicator": [0, 0, 1, 1, 2, 2],
            "province": [0, 699, 0, 699, 64, 65],
            "year": [1900, 2411, 1900, 2411, 2063, 2064],
        }
    )
    grid = (
        pl.DataFrame({"indicator": [3]})
        .join(pl.DataFrame({"province": list(range(700))}), how="cross")
        .join(pl.DataFrame({"year": list(range(1900, 2101))}), how="cross")
    )
    for table in (frame, grid):
        keys = table.select(
            key=_key(pl.col("indicator").cast(pl.UInt32), pl.col("province").cast(pl.UInt32), pl.col("year"), names)
        )["key"]
        assert keys.n_unique() == table.height


def test_maps_of_64_and_61_units_place_ha_tay_and_unite_the_provinces_split_in_2004(cli, tmp_path):
    import re

    from dtikit import tilemap
    from dtikit.storage import Store

    store = Store()
    of_64 = {t.province: t for t in tilemap.tiles(store, 64)}
    of_63 = {t.province: t for t in tilemap.tiles(store, 63)}
    assert len(of_64) == 64 and len(tilemap.tiles(store, 61)) == 61
    cells_64 = [c for t in of_64.values() for c in t.cells]
    assert len(cells_64) == len(set(cells_64))  # Hà Tây on a tile of its own
    (row, col), (hr, hc) = of_64["Hà Tây"].cells[0], of_63["Hòa Bình"].cells[0]
    assert abs(row - hr) + abs(col - hc) == 1  # beside Hòa Bình, south-west of Hà Nội
    of_61 = {t.province: t for t in tilemap.tiles(store, 61)}
    assert sorted(of_61["Đắk Lắk"].cells) == sorted(of_63["Đắk Lắk"].cells + of_63["Đắk Nông"].cells)
    root = tmp_path / "store"
    of_2003 = [p for p in PROVINCES_2008 if p not in FORMED_2004] + ["Hà Tây"]
    assert cli("ingest", str(_table(tmp_path / "t.csv", 2003, of_2003)), "--data", str(root)).code == 0
    svg = tmp_path / "m.svg"
    result = cli("map", "--year", "2003", "--indicator", "pci", "--data", str(root), "--output", str(svg))
    assert result.code == 0, result.err
    text = svg.read_text(encoding="utf-8")
    assert text.count('class="province"') == 61
    assert re.search(r"<title>Hà Tây: rank \d+/61", text)
    assert ">61 provinces<" in text and ">63 provinces<" not in text  # the subtitle counts the map's units


# numbers that are no count of provinces
NOT_A_COUNT = {
    ("tilemap.py", 34): "pixels of a tile",
    ("ingest/xlsx_cells.py", 64): "ord('A') - 1 in a column letter",
    ("ingest/headers.py", 64): "ord('A') - 1 in a column letter",
    ("ingest/biff.py", 64): "bytes of a directory entry's name",
    ("ingest/streamed.py", 63): "1 << 63, the bound of a 64-bit key",
}


def test_no_code_outside_the_geography_module_names_a_count_of_provinces():
    """The numbers 61, 63, 64 and 34 as literals in code (not in text) appear only in dtikit.geography."""
    import ast

    import dtikit

    root = Path(dtikit.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name == "geography.py" or name.startswith("messages/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) is int and node.value in (61, 63, 64, 34):
                found.add((name, node.value))
    assert found <= set(NOT_A_COUNT), sorted(found - set(NOT_A_COUNT))


def test_a_table_of_64_without_a_year_is_refused_for_its_year_alone(cli, tmp_path):
    """Without a year a table of 2006 was also told 'Hà Tây is an older province' on every sheet: its
    names were read in the map of 2008-2025. They are read in a map that holds them all."""
    path = tmp_path / "pci.csv"
    path.write_text("Tỉnh,Chỉ số năng lực\nHà Tây,55.1\nHà Nội,60.2\nĐắk Nông,50.3\n", encoding="utf-8")
    result = cli("ingest", str(path), "--new-indicators", "--data", str(tmp_path / "store"))
    errors = [line for line in result.err.splitlines() if not line.startswith("dtikit: note:")]
    assert result.code == 1 and len(errors) == 2 and "1 problem(s)" in errors[1], result.err
    assert "no year" in errors[0] and "Hà Tây" not in result.err


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "since 1 July 2025 Kon Tum is part of the new Quảng Ngãi"),
        ("vi", "từ ngày 1/7/2025 Kon Tum thuộc đơn vị mới Quảng Ngãi"),
    ],
)
def test_a_gap_of_a_province_merged_in_2025_says_what_became_of_it(cli, lang, said):
    """Kon Tum's 'top 35 by 2025' is read knowing that Kon Tum is part of Quảng Ngãi since 1/7/2025: the
    report said it, gap did not."""
    result = cli("gap", "-p", "kon tum", "-t", "35", "-y", "2022", "-f", "csv", "--lang", lang)  # as typed
    assert result.code == 0 and said in result.err and "202/2025/QH15" in result.err
    assert "2025" not in cli("gap", "-p", "Hà Nội", "-t", "3", "-y", "2022", "-f", "csv").err  # went on unchanged
