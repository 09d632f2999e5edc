"""Each geography's own codes, 2025 units, dates, labels and ingest routes; tables of 2003, 2007 and 2025
made as ministries publish them (``tests/held_out_tables.py``) go in as they are and rank as their cells do.

Expected values are read from data/raw (the acts cited in data/raw/SOURCES.md) or from the tables
written here, never from dtikit.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from tests import held_out_tables as held_out
from tests.workbooks import xlsx

RAW = Path(__file__).parents[1] / "data" / "raw"


def _csv(name: str) -> list[dict[str, str]]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CODES_2008 = {r["province"]: r["code"] for r in _csv("province_codes.csv")}
MERGED_INTO = {r["old_province"]: r["new_province"] for r in _csv("merger_2025.csv")}
# Decision 124/2004/QĐ-TTg listed the 64 of 2004: Hà Tây 28, and Hà Nội 01 (the code the new Hà Nội kept)
CODES_2004 = {**CODES_2008, "Hà Tây": "28"}
# what each unit of the 61 and 64 that is no unit of the 63 became in 2025 (unit_changes.csv, merger_2025.csv)
BECAME_2025 = {
    64: {"Hà Tây": {"Hà Nội"}},
    61: {
        "Hà Tây": {"Hà Nội"},
        "Đắk Lắk": {MERGED_INTO["Đắk Lắk"], MERGED_INTO["Đắk Nông"]},
        "Cần Thơ": {MERGED_INTO["Cần Thơ"], MERGED_INTO["Hậu Giang"]},
        "Lai Châu": {MERGED_INTO["Lai Châu"], MERGED_INTO["Điện Biên"]},
    },
}


def _table(cli, geography: int, *extra: str) -> tuple[list[dict[str, str]], str]:
    out = cli("provinces", "--geography", str(geography), "--format", "csv", *extra)
    assert out.code == 0, out.err
    return list(csv.DictReader(out.out.splitlines())), out.err


@pytest.mark.parametrize("geography", [61, 64, 63, 34])
def test_no_column_of_a_province_list_is_empty_and_a_missing_one_is_said(cli, geography):
    rows, err = _table(cli, geography)
    assert len(rows) == geography
    for column in rows[0]:
        if column != "aliases":  # most names have no other spelling
            assert all(r[column] for r in rows), column
    if "code" not in rows[0]:  # a map without a code list of its time says why it shows none
        assert "no code column" in err and "124/2004" in err
    vi = cli("--lang", "vi", "provinces", "--geography", str(geography), "--format", "csv")
    assert ("không có cột mã" in vi.err) == ("code" not in rows[0]) and "no code" not in vi.err


def test_the_64_have_the_codes_of_2004_and_what_each_became_in_2025(cli):
    rows, _ = _table(cli, 64)
    assert {r["province"]: r["code"] for r in rows} == CODES_2004
    by_name = {r["province"]: r for r in rows}
    for name, row in by_name.items():
        wanted = BECAME_2025[64].get(name) or {MERGED_INTO.get(name, "Huế" if name == "Thừa Thiên Huế" else name)}
        assert set(row["unit_2025"].split("; ")) == wanted, name


def test_the_61_have_no_code_of_another_period_and_the_undivided_units_say_what_they_became(cli):
    rows, _ = _table(cli, 61)
    assert "code" not in rows[0]  # the codes of 2004 are no codes of 1997-2003
    by_name = {r["province"]: r for r in rows}
    assert set(by_name) == set(held_out.OF_61)
    for name, row in by_name.items():
        wanted = BECAME_2025[61].get(name) or {MERGED_INTO.get(name, "Huế" if name == "Thừa Thiên Huế" else name)}
        assert set(row["unit_2025"].split("; ")) == wanted, name


def test_a_date_known_only_as_a_year_is_said_as_the_year(cli):
    """A change known only by its year (the splits of 1989, 1991 and 1992) is said 'in 1991', never with a
    day and month made up; a day that is known (1/1/1997) is said as it is."""
    from dtikit import geography
    from dtikit.messages import speaking

    year_only = {c.effective for c in geography.changes() if len(c.effective) == 4}
    assert year_only >= {"1989", "1991", "1992"}
    made_up = re.compile(r"\b(1/1|31/12)/(" + "|".join(sorted(year_only)) + r")\b")
    said = []
    for lang in ("en", "vi"):
        with speaking(lang):
            for p in geography.periods():
                said += [geography.became(p.unit), geography.began(p.unit), geography.existed(p.unit)]
                said += [geography.not_in_year(p.name, y) for y in (1985, 1990, 1995, 2012)]
    said = [s for s in said if s]
    assert not [s for s in said if made_up.search(s)]
    assert any("was formed in 1991 from Hà Sơn Bình" in s for s in said)
    assert any("được thành lập năm 1991 từ Hà Sơn Bình" in s for s in said)
    assert any("from 1991 to 31/7/2008" in s for s in said)  # Hà Tây: the year, then the day known
    old = cli("profile", "--province", "Hà Sơn Bình")
    assert old.code == 2 and "was split into Hà Tây, Hòa Bình in 1991" in old.err


def _shorts() -> dict[str, str]:
    return {r["province"]: r["short"] for name in ("tile_grid_63.csv", "tile_grid_extra.csv") for r in _csv(name)}


@pytest.mark.parametrize("geography", [61, 64, 63, 34])
def test_each_tile_is_labelled_with_the_name_its_unit_had_on_that_map(store, geography):
    """Thừa Thiên Huế before 2025, Huế after: the label of a tile is that of the name the unit had on
    the map drawn (the name of a unit that took its namesake's tiles is the namesake's)."""
    from dtikit import tilemap

    shorts = _shorts()
    tiles = tilemap.tiles(store, geography)
    assert len({t.short for t in tiles}) == len(tiles)
    for tile in tiles:
        if tile.province in shorts:
            assert tile.short == shorts[tile.province], tile.province
    labels = {t.province: t.short for t in tiles}
    if geography == 34:
        assert labels["Huế"] == "Huế"
    else:
        assert labels["Thừa Thiên Huế"] == "TTH" and "Huế" not in labels


def test_a_map_of_2012_writes_thua_thien_hue(cli, tmp_path):
    lines = ["province,year,indicator,value"]
    lines += [f"{p},2012,pci,{50 + i / 4}" for i, p in enumerate(CODES_2008)]
    path = tmp_path / "pci_2012.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "store"
    assert cli("ingest", str(path), "--data", str(root)).code == 0
    svg = tmp_path / "m.svg"
    out = cli("map", "--year", "2012", "--indicator", "pci", "--data", str(root), "--output", str(svg))
    assert out.code == 0, out.err
    text = svg.read_text(encoding="utf-8")
    assert ">TTH<" in text and ">Huế<" not in text


# a long table of each map, as the one-pass route reads them: (year, names, --geography given)
LONG_TABLES = {
    "2006_with_ha_tay": (2006, held_out.OF_64, None),
    "2006_said_64": (2006, held_out.OF_64, "64"),
    "2006_without_ha_tay_said_63": (2006, list(CODES_2008), "63"),
    "2012_said_64": (2012, held_out.OF_64, "64"),
    "2003_of_61": (2003, held_out.OF_61, None),
    "2025_of_34": (2025, held_out.UNITS_2025, None),
    "2025_said_34": (2025, held_out.UNITS_2025, "34"),
    "2012_of_63": (2012, list(CODES_2008), None),
}


@pytest.mark.parametrize("case", sorted(LONG_TABLES))
def test_both_ingest_routes_store_the_same_values_for_a_table_of_any_map(cli, tmp_path, monkeypatch, case):
    """A table of 64, 61 or 34 units is handed by the one-pass route to the general checks (which read
    its geography); one of the 63 in a year of the 63 only is read in one pass. Either way the store
    holds the same rows, of the same geography."""
    from dtikit.ingest import read
    from dtikit.storage import Store

    year, names, given = LONG_TABLES[case]
    lines = ["Tỉnh;Năm;Chỉ tiêu;Giá trị"]
    lines += [f"{held_out.WRITTEN.get(p, p)};{year};Tổng thu;{1000 + 7 * i},5" for i, p in enumerate(names)]
    path = tmp_path / "table.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    option = ["--geography", given] if given else []
    stores = {}
    for route, limit in (("general", 1 << 30), ("one_pass", 0)):
        monkeypatch.setattr(read, "STREAM_BYTES", limit)
        out = cli("ingest", str(path), "--data", str(tmp_path / route), "--new-indicators", *option)
        assert out.code == 0, out.err
        stores[route] = Store(tmp_path / route)
    expected = int(given) if given else len(names)  # the map said, else the year's (its number of units)
    read_in_one_pass = len(stores["one_pass"].parts()) == 1
    assert read_in_one_pass == (expected == 63)  # only the 63's provinces are read in one pass
    assert stores["general"].parts() == []
    keep = ["province", "year", "indicator", "value", "value_text", "unit", "geography"]
    general, one_pass = (
        s.values(indicators=["tong_thu"]).select(keep).sort("province", "indicator") for s in stores.values()
    )
    assert one_pass.equals(general)
    assert general["geography"].unique().to_list() == [expected]
    assert general.height == len(names)


@pytest.fixture(scope="module")
def held_out_store(tmp_path_factory):
    """The four tables, written as workbooks and ingested as they are."""
    from dtikit.cli import main

    folder = tmp_path_factory.mktemp("held_out")
    root = folder / "store"
    made = {
        "pci_2007.xlsx": {"PCI 2007": held_out.pci_2007()[0]},
        "budget_2003.xlsx": {"Năm 2003": held_out.budget_2003()[0]},
        "budget_2005.xlsx": {"Năm 2005": held_out.budget_2005()[0]},
        "pci_2009.xlsx": {"PCI 2009": held_out.pci_2009()[0]},
        "units_2025.xlsx": {"2025": held_out.units_2025()[0]},
    }
    for name, sheets in made.items():
        (folder / name).write_bytes(xlsx(sheets))
        assert main(["ingest", str(folder / name), "--new-indicators", "--data", str(root)]) == 0, name
    return root


def _json(cli, *args: str) -> tuple:
    out = cli(*args, "--format", "json")
    assert out.code == 0, out.err
    return json.loads(out.out), out.err


def test_published_tables_of_64_61_and_34_units_rank_as_their_cells(cli, held_out_store):
    data = ["--data", str(held_out_store)]
    _, pci = held_out.pci_2007()
    rows, _ = _json(cli, "rank", "--indicator", "Điểm tổng hợp", "--year", "2007", *data)
    assert {r["province"]: (r["score"], r["rank"], r["ranked_of"]) for r in rows} == {
        p: (score, rank, 64) for p, (score, rank) in pci.items()
    }
    assert "Cả nước" not in {r["province"] for r in rows} and "Hà Tây" in {r["province"] for r in rows}
    _, budget = held_out.budget_2003()
    rows, _ = _json(cli, "rank", "--indicator", "Quyết toán: Tổng thu NSNN trên địa bàn", "--year", "2003", *data)
    ranks = {p: 1 + sum(1 for w in budget.values() if w > v) for p, v in budget.items()}
    assert {r["province"]: (r["score"], r["rank"], r["ranked_of"]) for r in rows} == {
        p: (v, ranks[p], 61) for p, v in budget.items()
    }
    _, units = held_out.units_2025()
    rows, _ = _json(cli, "rank", "--indicator", "dti", "--year", "2025", *data)
    assert {r["province"]: (r["score"], r["rank"], r["ranked_of"]) for r in rows} == {
        p: (score, rank, 34) for p, (score, rank) in units.items()
    }


def test_ranks_across_2008_and_profiles_of_ha_tay_and_dak_nong(cli, held_out_store):
    data = ["--data", str(held_out_store)]
    _, then = held_out.pci_2007()
    _, now = held_out.pci_2009()
    rows, err = _json(cli, "rank", "--indicator", "Điểm tổng hợp", "--year", "2009", "--vs", "2007", *data)
    by_name = {r["province"]: r for r in rows}
    assert "Hà Tây" not in by_name and by_name["Hà Nội"]["rank_change"] is None
    assert "Hà Nội: no rank change, as it took in Hà Tây on 1/8/2008 (Nghị quyết 15/2008/QH12)" in err
    for name in set(now) - {"Hà Nội"}:  # the same units: ranks of 64 then, of 63 now
        assert by_name[name]["prev_rank"] == then[name][1], name
        assert by_name[name]["rank_change"] == then[name][1] - now[name][1], name
    # Hà Tây is read on its own map: its published rank, of 64, and what became of it
    profile, err = _json(cli, "profile", "--province", "Hà Tây", "--geography", "64", "--indicators", *data)
    (pci,) = [r for r in profile["indicators"] if r["indicator"] == "diem_tong_hop"]
    assert (pci["value"], pci["rank"], pci["ranked_of"], pci["rank_basis"]) == (*then["Hà Tây"], 64, "published")
    assert "Hà Tây became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12)" in err
    refused = cli("profile", "--province", "Hà Tây", *data)
    assert refused.code == 2 and "--geography 61 or --geography 64" in refused.err
    # Đắk Nông among the 63: how it began (a table of the undivided Đắk Lắk is held) and what 2025 made of it
    profile, err = _json(cli, "profile", "--province", "Đắk Nông", "--indicators", *data)
    (pci,) = [r for r in profile["indicators"] if r["indicator"] == "diem_tong_hop"]
    assert (pci["value"], pci["rank"], pci["ranked_of"]) == (*now["Đắk Nông"], 63)
    assert "Đắk Nông was formed on 1/1/2004 from Đắk Lắk (Nghị quyết 22/2003/QH11)" in err
    assert "since 1 July 2025 Đắk Nông is part of the new Lâm Đồng" in err
    assert err.count("202/2025/QH15") == 1  # the merger of 2025 said once
    profile, err = _json(cli, "profile", "--province", "Đắk Nông", "--geography", "64", "--indicators", *data)
    (pci,) = [r for r in profile["indicators"] if r["indicator"] == "diem_tong_hop"]
    assert (pci["value"], pci["rank"], pci["ranked_of"]) == (*then["Đắk Nông"], 64)


def test_comparisons_across_2004_and_2025_say_what_they_compare(cli, held_out_store):
    data = ["--data", str(held_out_store)]
    budget = ["--indicator", "Quyết toán: Tổng thu NSNN trên địa bàn"]
    _, then = held_out.budget_2003()
    _, now = held_out.budget_2005()
    rows, err = _json(cli, "rank", *budget, "--year", "2005", "--vs", "2003", *data)
    by_name = {r["province"]: r for r in rows}
    assert {r["ranked_of"] for r in rows} == {64}
    rank = {p: 1 + sum(1 for w in now.values() if w > v) for p, v in now.items()}
    rank_then = {p: 1 + sum(1 for w in then.values() if w > v) for p, v in then.items()}
    for name in ("Đắk Lắk", "Cần Thơ", "Lai Châu", "Đắk Nông", "Hậu Giang", "Điện Biên"):  # split on 1/1/2004
        assert by_name[name]["prev_rank"] is None and by_name[name]["rank_change"] is None, name
    assert "Đắk Lắk: no rank change, as it was split into Đắk Lắk, Đắk Nông on 1/1/2004" in err
    for name in ("Hà Tây", "Kon Tum", "Bắc Ninh"):
        assert by_name[name]["rank_change"] == rank_then[name] - rank[name]
    trend, err = _json(cli, "trend", *budget, *data)
    assert [(r["year"], r["n_provinces"], r["of_provinces"]) for r in trend] == [(2003, 61, 61), (2005, 64, 64)]
    assert "2003: 61, 2005: 64; the means are over different provinces (61, 64)" in err and "63" not in err
    vi = cli("--lang", "vi", "trend", *budget, *data, "--format", "csv")
    assert "(61, 64)" in vi.err and "63" not in vi.err
    # the DTI of 2025 in 34 units against 2024's published ranks of the 34: no methodology is made up
    rows, err = _json(cli, "rank", "--indicator", "dti", "--year", "2025", "--vs", "2024", *data)
    assert {r["ranked_of"] for r in rows} == {34}
    assert "None" not in err and "names no methodology of Provincial DTI (overall) 2025" in err


def test_a_published_table_of_some_provinces_is_not_said_to_rank_all_of_its_map(cli, tmp_path):
    """PCI 2005 ranked 42 of the 64 provinces: its ranks, printed alone, are not 'of 64'."""
    some = sorted(held_out.OF_64)[:42]
    rows = [["PCI 2005"], ["STT", "Tỉnh, thành phố", "Điểm tổng hợp", "Xếp hạng"]]
    rows += [[i, p, 70 - 0.5 * i, i] for i, p in enumerate(some, start=1)]
    path = tmp_path / "pci_2005.xlsx"
    path.write_bytes(xlsx({"PCI 2005": rows}))
    data = ["--data", str(tmp_path / "store")]
    assert cli("ingest", str(path), "--new-indicators", *data).code == 0
    ranked, _ = _json(cli, "rank", "--indicator", "Điểm tổng hợp", "--year", "2005", *data)
    got = {r["province"]: (r["rank"], r["ranked_of"]) for r in ranked if r["rank"] is not None}
    assert got == {p: (i, None) for i, p in enumerate(some, start=1)}
    profile, _ = _json(cli, "profile", "--province", some[0], "--geography", "64", "--indicators", *data)
    (pci,) = [r for r in profile["indicators"] if r["indicator"] == "diem_tong_hop"]
    assert (pci["rank"], pci["ranked_of"]) == (1, None)


def test_a_table_of_2004_naming_the_61_says_which_map_it_is_read_on(cli, tmp_path):
    """The map of 64 began on 1/1/2004; a table of 2004 made on the 61 (none of the three provinces formed
    that day) is read on the year's map, and stderr says how to read it on the 61."""
    lines = ["province,year,indicator,value"] + [f"{p},2004,pci,{50 + i / 2}" for i, p in enumerate(held_out.OF_61)]
    path = tmp_path / "t2004.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = cli("validate", str(path), "--new-indicators")
    assert out.code == 0, out.err
    assert (
        "the rows of 2004 name exactly the 61 units of the earlier map (61 provinces (1997–2003)), none of "
        "Đắk Nông, Điện Biên, Hậu Giang: they are read on the map of 2004; if the table follows the earlier map, "
        "give --geography 61"
    ) in out.err
    assert "--geography 61" not in cli("validate", str(path), "--new-indicators", "--geography", "61").err
    whole = path.with_name("t2005.csv")
    lines = ["province,year,indicator,value"] + [f"{p},2005,pci,{50 + i / 2}" for i, p in enumerate(held_out.OF_64)]
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "earlier map" not in cli("validate", str(whole), "--new-indicators").err
    vi = cli("--lang", "vi", "validate", str(path), "--new-indicators")
    assert "bản đồ trước đó" in vi.err and "earlier" not in vi.err


def test_a_rank_column_a_file_adds_ranks_its_smallest_first(cli, tmp_path):
    """'Xếp hạng PCI' beside 'Điểm PCI' becomes a rank indicator of its own: the province the cell ranks
    1st is 1st when that indicator is ranked, never last (a rank is better the smaller it is)."""
    of_64 = sorted(held_out.OF_64)
    lines = ["Tỉnh/Thành phố,Năm,Điểm PCI,Xếp hạng PCI"]
    lines += [f"{p},2007,{80 - i / 2},{i}" for i, p in enumerate(of_64, start=1)]
    path = tmp_path / "pci_2007.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = ["--data", str(tmp_path / "store")]
    assert cli("ingest", str(path), "--new-indicators", *data).code == 0
    ranked, err = _json(cli, "rank", "--indicator", "pci_rank", "--year", "2007", *data)
    assert {r["province"]: r["rank"] for r in ranked} == {p: i for i, p in enumerate(of_64, start=1)}
    assert "does not say whether" not in err


def _formed_after(geography: str) -> list[tuple[str, str]]:
    """(name, first day) of each unit formed after ``geography`` ended whose name no unit of it had (the
    units of 2025 named as provinces of before are left out: their names are of those provinces)."""
    (held,) = [g for g in _csv("geographies.csv") if g["geography"] == geography]
    units = _csv("units.csv")
    then = [u for u in units if (u["valid_from"] or "0") <= held["valid_to"] <= (u["valid_to"] or "9")]
    names, ids = {u["name"] for u in then}, {u["unit"] for u in then}  # a unit renamed (Huế) is no later unit
    later = [u for u in units if u["valid_from"] > held["valid_to"] and not ({u["name"], u["unit"]} & (names | ids))]
    return sorted({(u["name"], u["valid_from"]) for u in later})


@pytest.mark.parametrize("geography", ["61"])  # the 64 hold every name of a later unit
def test_a_unit_formed_after_the_map_asked_for_is_said_to_be_later_not_older(cli, geography, tmp_path):
    """'Đắk Nông' among the 61 is a unit formed on 1/1/2004, not 'an older province' nor an unknown name
    with itself as the suggestion; so in a query and in a file read with --geography."""
    cases = _formed_after(geography)
    assert cases
    for name, start in cases:
        year, month, day = (int(part) for part in start.split("-"))
        out = cli("profile", "--province", name, "--geography", geography)
        assert out.code == 2 and "no unit of the" in out.err and f"{day}/{month}/{year}" in out.err, (name, out.err)
        assert "older province" not in out.err and "did you mean" not in out.err
        path = tmp_path / "t.csv"
        path.write_text(f"province,year,thu\n{name},2003,5\n", encoding="utf-8")
        out = cli("validate", str(path), "--new-indicators", "--geography", geography)
        assert out.code != 0 and "row 2" in out.err and f"{day}/{month}/{year}" in out.err, (name, out.err)
        assert "did you mean" not in out.err and "older province" not in out.err


def test_a_profile_shows_the_values_its_unit_holds_on_the_maps_before(cli, tmp_path):
    """Kon Tum of the 63 is the Kon Tum of the 61 and of the 64: its values of 2003 and 2007 are its own,
    listed with the previous value and change, and ranked on the map of their year; Hà Nội's of 2007
    are of another unit (before it took in Hà Tây) and are not its own."""
    of_63 = [p for p in held_out.OF_64 if p != "Hà Tây"]
    lines = ["province,year,tong_hop"]
    lines += [f"{p},2007,{50 + i}" for i, p in enumerate(held_out.OF_64)]
    lines += [f"{p},2009,{120 - i}" for i, p in enumerate(of_63)]
    lines += ["province,year,thu_2003"] + [f"{p},2003,{1000 + i}" for i, p in enumerate(held_out.OF_61)]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines[: 1 + 64 + 63]) + "\n", encoding="utf-8")
    other = tmp_path / "t2003.csv"
    other.write_text("\n".join(lines[1 + 64 + 63 :]) + "\n", encoding="utf-8")
    data = ["--data", str(tmp_path / "store")]
    assert cli("ingest", str(path), str(other), "--new-indicators", *data).code == 0
    for name in ("Kon Tum", "Hà Nội"):
        profile, _ = _json(cli, "profile", "--province", name, *data)
        rows = {r["indicator"]: r for r in profile["indicators"]}
        pci, thu = rows["tong_hop"], rows.get("thu_2003")
        now, then = 120 - of_63.index(name), 50 + held_out.OF_64.index(name)
        assert (pci["year"], pci["value"], pci["rank"], pci["ranked_of"]) == (2009, now, of_63.index(name) + 1, 63)
        if name == "Hà Nội":
            assert pci["previous_value"] is None and thu is None
            continue
        assert (pci["previous_value"], pci["previous_period"], pci["change"]) == (then, "2007", now - then)
        rank_2003 = len(held_out.OF_61) - held_out.OF_61.index(name)
        assert (thu["year"], thu["value"], thu["rank"], thu["ranked_of"]) == (
            2003,
            1000 + held_out.OF_61.index(name),
            rank_2003,
            61,
        )
