"""Values of one map read on a later one: combined by the rule the catalog states, or no value, said so.

Expected numbers are computed here from the cells of the test tables and from the lists of members of
data/raw/merger_2025.csv (the act's list), never from dtikit.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest

RAW = Path(__file__).parents[1] / "data" / "raw"
REAL = Path(__file__).parent / "fixtures" / "real"


def _column(name: str, column: str) -> list[str]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        return [r[column] for r in csv.DictReader(handle)]


PROVINCES_2008 = _column("province_codes.csv", "province")
MEMBERS_2025: dict[str, list[str]] = defaultdict(list)
for new, old in zip(
    _column("merger_2025.csv", "new_province"), _column("merger_2025.csv", "old_province"), strict=True
):
    MEMBERS_2025[new].append(old)
FORMED_2004 = {"Đắk Nông", "Hậu Giang", "Điện Biên"}
YEAR = 2019  # a year the bundled data holds no value of these indicators for
SCORE = "dti_awareness"  # a score of the catalog outside the DTI's family (first measured for 2020)


def ranked(cli, root: Path, *args: str) -> tuple[dict[str, dict], str]:
    """``dtikit rank ARGS --data ROOT --format json``: the rows by province, and what was said on stderr."""
    out = cli("rank", *args, "--data", str(root), "--format", "json")
    assert out.code == 0, out.err
    return {r["province"]: r for r in json.loads(out.out)}, out.err


@pytest.fixture(scope="module")
def pci_2006(tmp_path_factory):
    """A store holding PCI 2006 as published: 64 provinces, Hà Tây among them."""
    from dtikit.cli import main

    root = tmp_path_factory.mktemp("pci") / "store"
    path = REAL / "PCI_2006.xls"
    assert main(["ingest", str(path), "--sheet", "all", "--year", "2006", "--new-indicators", "--data", str(root)]) == 0
    return root


def competition_ranks(values: dict[str, float]) -> dict[str, int]:
    return {p: 1 + sum(1 for w in values.values() if w > v) for p, v in values.items()}


@pytest.fixture(scope="module")
def store_63(tmp_path_factory):
    """A store of one year of the 63 provinces: a count (dossiers_online, summed) and a score (the DTI)."""
    from dtikit.cli import main

    root = tmp_path_factory.mktemp("combine") / "store"
    path = root.parent / "t.csv"
    lines = ["province,year,indicator,value"]
    cells = {"dossiers_online": {}, "dti": {}, "earlier": {}}
    for i, name in enumerate(PROVINCES_2008):
        cells["dossiers_online"][name] = 1000 + 37 * i + (i * i) % 11
        cells["dti"][name] = round(0.4 + ((i * 7) % 63) / 200, 4)
        cells["earlier"][name] = 900 + (41 * i) % 300  # dossiers_online of the year before
        lines.append(f"{name},{YEAR - 1},dossiers_online,{cells['earlier'][name]}")
        lines += [
            f"{name},{YEAR},dossiers_online,{cells['dossiers_online'][name]}",
            f"{name},{YEAR},{SCORE},{cells['dti'][name]}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["ingest", str(path), "--data", str(root)]) == 0
    return root, cells


def test_a_count_of_the_63_asked_among_the_34_is_the_sum_of_exactly_the_members(cli, store_63):
    root, cells = store_63
    rows, err = ranked(cli, root, "--year", str(YEAR), "--indicator", "dossiers_online", "--geography", "34")
    expected = {unit: sum(cells["dossiers_online"][m] for m in members) for unit, members in MEMBERS_2025.items()}
    assert len(expected) == 34 and set(rows) == set(expected)
    assert {p: r["score"] for p, r in rows.items()} == expected
    ranks = competition_ranks(expected)
    assert {p: r["rank"] for p, r in rows.items()} == ranks
    assert {r["ranked_of"] for r in rows.values()} == {34}
    assert {r["rank_basis"] for r in rows.values()} == {"computed from combined values"}
    assert "Dossiers submitted online read among the 34 units from values of the 63 units" in err  # its name
    assert "Quảng Ngãi (2018, 2019): Kon Tum + Quảng Ngãi" in err  # what was added (and compared with), said
    from dtikit.catalog import Catalog
    from dtikit.queries import rank_query
    from dtikit.storage import Store

    store = Store(root)
    about = rank_query(store, YEAR, Catalog.of(store).asked("dossiers_online"), geography=34).about
    assert about["sources"] == [{"kind": "user", "source": "file t.csv"}]  # the members' source, named


def test_a_score_of_merged_units_has_no_value_and_a_note_names_each(cli, store_63):
    root, cells = store_63
    rows, err = ranked(cli, root, "--year", str(YEAR), "--indicator", SCORE, "--geography", "34")
    merged = {u for u, m in MEMBERS_2025.items() if len(m) > 1}
    kept = {u: cells["dti"][m[0]] for u, m in MEMBERS_2025.items() if len(m) == 1}
    assert all(rows[u]["score"] is None and rows[u]["rank"] is None for u in merged)  # never a plain mean
    assert {u: rows[u]["score"] for u in kept} == kept
    assert {u: rows[u]["rank"] for u in kept} == competition_ranks(kept)
    assert {rows[u]["ranked_of"] for u in kept} == {len(kept)}
    note = next(line for line in err.splitlines() if "cannot be combined" in line)
    for unit in merged:
        said = re.search(rf"(?:: |; ){re.escape(unit)} \({YEAR}: ([^)]*)\)", note)
        assert said and sorted(said.group(1).split(", ")) == sorted(MEMBERS_2025[unit]), unit
    assert "try --among-held" not in err  # they were ranked, among the units holding a value
    args = ("rank", "--year", str(YEAR), "--indicator", SCORE, "--geography", "34", "--data", str(root))
    title = cli(*args, "--format", "table").out.splitlines()[0]
    assert title.endswith(f"rank among {len(kept)} provinces with a value"), title


def test_the_notes_in_vietnamese_and_the_table_agree_with_the_csv(cli, store_63):
    root, _ = store_63
    args = ("rank", "--year", str(YEAR), "--indicator", "dossiers_online", "--geography", "34", "--data", str(root))
    vi = cli(*args, "--lang", "vi", "--format", "table")
    assert vi.code == 0, vi.err
    assert "được gộp (tổng)" in vi.err and "tính từ giá trị đã gộp" in vi.out
    assert not re.search(r"\b(combined|sum|values|units|read among)\b", vi.err + vi.out), vi.err
    score = cli(*args, "--indicator", SCORE, "--lang", "vi", "--format", "csv")
    assert "không gộp được" in score.err and "cannot" not in score.err
    rows = list(csv.DictReader(cli(*args, "--format", "csv").out.splitlines()))
    table = cli(*args, "--format", "table").out
    for row in rows:  # every number of the csv is the one the table shows, on the province's line
        line = next(t for t in table.splitlines() if f" {row['province']} " in t)
        assert f"{int(float(row['score'])):,}" in line and re.match(rf"\s*{row['rank']}\s", line)


def test_a_weighted_mean_is_the_hand_computation_and_needs_every_weight():
    from dtikit.combine import Rule, combine

    members = MEMBERS_2025["Quảng Ngãi"] + MEMBERS_2025["Gia Lai"]  # Kon Tum, Quảng Ngãi; Gia Lai, Bình Định
    share = {"Kon Tum": 61.5, "Quảng Ngãi": 70.25, "Gia Lai": 55.0, "Bình Định": 80.0}
    people = {"Kon Tum": 580_000.0, "Quảng Ngãi": 1_240_000.0, "Gia Lai": 1_590_000.0}  # Bình Định's not held
    values = pl.DataFrame({"year": [YEAR] * 4, "province": members, "value": [share[m] for m in members]})
    weights = pl.DataFrame({"year": [YEAR] * 3, "province": list(people), "value": list(people.values())})
    done = combine(values, 63, 34, Rule("mean", "population"), label="share", weights=weights)
    got = {r["province"]: r["value"] for r in done.values.to_dicts()}
    by_hand = (61.5 * 580_000 + 70.25 * 1_240_000) / (580_000 + 1_240_000)
    assert got == {"Quảng Ngãi": pytest.approx(by_hand, rel=1e-12)}
    assert by_hand != pytest.approx((61.5 + 70.25) / 2)  # not a plain mean
    assert any("Gia Lai: no value of 2019, as the weight population is not held for Bình Định" in n for n in done.notes)


def test_a_value_of_a_unit_split_since_cannot_be_divided(cli, tmp_path):
    """A count of undivided Đắk Lắk (2003), asked among the 64 of 2004: neither part gets a value."""
    of_2003 = [p for p in PROVINCES_2008 if p not in FORMED_2004] + ["Hà Tây"]
    path = tmp_path / "t.csv"
    path.write_text(
        "province,year,indicator,value\n"
        + "".join(f"{n},2003,dossiers_online,{100 + i}\n" for i, n in enumerate(of_2003)),
        encoding="utf-8",
    )
    root = tmp_path / "store"
    assert cli("ingest", str(path), "--data", str(root)).code == 0
    rows, err = ranked(cli, root, "--year", "2003", "--indicator", "dossiers_online", "--geography", "64")
    for part in ("Đắk Lắk", "Đắk Nông", "Cần Thơ", "Hậu Giang", "Lai Châu", "Điện Biên"):
        assert rows[part]["score"] is None
    assert "Đắk Nông: no value of 2003, as it holds part of Đắk Lắk, whose value cannot be divided" in err
    held = {p: 100 + i for i, p in enumerate(of_2003)}
    assert rows["Hà Tây"]["score"] == held["Hà Tây"] and rows["Bắc Ninh"]["score"] == held["Bắc Ninh"]
    assert {r["ranked_of"] for r in rows.values() if r["rank"]} == {64 - 6}


def test_pci_2006_asked_among_the_63_says_why_ha_noi_has_no_value(cli, pci_2006):
    from tests.test_geography import cells

    rows, err = ranked(cli, pci_2006, "--indicator", "Tính năng động", "--year", "2006", "--geography", "63")
    published = cells("Tính năng động", 7)
    kept = {p: v for p, v in published.items() if p not in ("Hà Nội", "Hà Tây")}
    assert "Hà Tây" not in rows and rows["Hà Nội"]["score"] is None
    assert {p: rows[p]["score"] for p in kept} == kept
    assert {p: rows[p]["rank"] for p in kept} == competition_ranks(kept)
    assert {rows[p]["ranked_of"] for p in kept} == {62}
    assert "Hà Nội (2006: Hà Nội, Hà Tây)" in err


def test_units_of_the_64_and_61_only_have_their_region(cli, pci_2006):
    """Hà Tây in Đồng bằng sông Hồng, undivided Đắk Lắk in Tây Nguyên, ...: region ranks of 2006 work."""
    from dtikit.storage import Store
    from tests.test_geography import cells

    provinces = Store().provinces()
    region = {(g, p): r for g, p, r in provinces.select("geography", "province", "region").iter_rows()}
    assert region[(64, "Hà Tây")] == region[(64, "Hà Nội")] == "Đồng bằng sông Hồng"
    assert region[(61, "Đắk Lắk")] == "Tây Nguyên"
    assert region[(61, "Cần Thơ")] == "Đồng bằng sông Cửu Long"
    assert region[(61, "Lai Châu")] == "Trung du và miền núi phía Bắc"
    assert all(region[(g, p)] for g in (61, 64) for p in provinces.filter(pl.col("geography") == g)["province"])
    rows, _ = ranked(cli, pci_2006, "--indicator", "Tính năng động", "--year", "2006", "--region", "ĐBSH")
    delta = {
        "Hà Nội",
        "Hà Tây",
        "Hải Phòng",
        "Vĩnh Phúc",
        "Bắc Ninh",
        "Hải Dương",
        "Hưng Yên",
        "Thái Bình",
        "Hà Nam",
        "Nam Định",
        "Ninh Bình",
        "Quảng Ninh",
    }
    assert set(rows) == delta  # the region of Resolution 81/2023/QH15, with Hà Tây
    values = {p: v for p, v in cells("Tính năng động", 7).items() if p in delta}
    assert {p: r["region_rank"] for p, r in rows.items()} == competition_ranks(values)
    trend = cli(
        "trend", "--indicator", "Tính năng động", "--region", "Tây Nguyên", "--data", str(pci_2006), "--format", "json"
    )
    assert trend.code == 0, trend.err
    (year,) = json.loads(trend.out)
    assert (year["year"], year["n_provinces"], year["of_provinces"]) == (2006, 5, 5)


def test_trend_and_compare_read_the_year_on_the_map_asked_with_the_same_sums(cli, store_63):
    root, cells = store_63
    expected = {unit: sum(cells["dossiers_online"][m] for m in members) for unit, members in MEMBERS_2025.items()}
    trend = cli("trend", "--indicator", "dossiers_online", "--geography", "34", "--data", str(root), "--format", "json")
    assert trend.code == 0, trend.err
    row = next(r for r in json.loads(trend.out) if r["year"] == YEAR)
    sums = sorted(expected.values())
    assert (row["n_provinces"], row["of_provinces"]) == (34, 34)
    assert row["mean"] == round(sum(sums) / 34, 4)
    assert (row["min"], row["max"], row["median"]) == (sums[0], sums[-1], (sums[16] + sums[17]) / 2)
    compared = cli(
        "compare", "Quảng Ngãi", "Hà Nội", "--indicator", "dossiers_online", "--geography", "34", "--data", str(root)
    )
    assert compared.code == 0, compared.err
    side = {(r["year"], r["measure"]): r for r in csv.DictReader(compared.out.splitlines())}
    ranks = competition_ranks(expected)
    for unit in ("Quảng Ngãi", "Hà Nội"):
        assert float(side[(str(YEAR), "dossiers_online_value")][unit]) == expected[unit]
        assert float(side[(str(YEAR), "dossiers_online_rank")][unit]) == ranks[unit]
    assert "Quảng Ngãi (2018, 2019): Kon Tum + Quảng Ngãi" in compared.err
    assert "Hải Phòng" not in compared.err  # the notes speak of the units compared


def test_profile_says_what_became_of_a_unit_and_how_it_began_when_the_other_map_is_held(cli, pci_2006):
    ha_tay = cli("profile", "--province", "Hà Tây", "--geography", "64", "--data", str(pci_2006), "--indicators")
    assert ha_tay.code == 0, ha_tay.err
    assert "Hà Tây became part of Hà Nội on 1/8/2008 (Nghị quyết 15/2008/QH12): values of the years after" in ha_tay.err
    shown = list(csv.DictReader(ha_tay.out.splitlines()))
    assert shown and {r["year"] for r in shown} == {"2006"}  # its own values, of its own map
    ha_noi = cli("profile", "--province", "Hà Nội", "--data", str(pci_2006), "--indicators", "--lang", "vi")
    assert ha_noi.code == 0, ha_noi.err
    said = "Hà Nội được mở rộng địa giới hành chính từ ngày 1/8/2008, nhập thêm Hà Tây (Nghị quyết 15/2008/QH12)"
    assert said in ha_noi.err and "thành lập" not in ha_noi.err  # enlarged, not founded in 2008
    assert "2006" not in {r["year"] for r in csv.DictReader(ha_noi.out.splitlines())}  # Hà Tây's are not its own
    bundled = cli("profile", "--province", "Hà Nội")  # no value of the 64 held: nothing to say
    assert bundled.code == 0 and "1/8/2008" not in bundled.err


def test_a_rule_set_for_a_users_indicator_weights_by_its_population(cli, tmp_path):
    lines, share, people = ["province,year,indicator,value"], {}, {}
    for i, name in enumerate(PROVINCES_2008):
        share[name], people[name] = 40 + (i * 13) % 50 + 0.25, 300_000 + 45_000 * ((i * 5) % 17)
        lines += [f"{name},{YEAR},web_share,{share[name]}", f"{name},{YEAR},people,{people[name]}"]
    path = tmp_path / "w.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "store"
    assert cli("ingest", str(path), "--new-indicators", "--data", str(root)).code == 0
    bad = cli("indicators", "set", "web_share", "--combine", "average", "--data", str(root))
    assert bad.code == 2 and "combine rule 'average'" in bad.err and "Traceback" not in bad.err
    assert cli("indicators", "set", "web_share", "--combine", "mean:people", "--data", str(root)).code == 0
    rows, err = ranked(cli, root, "--year", str(YEAR), "--indicator", "web_share", "--geography", "34")
    expected = {
        unit: sum(share[m] * people[m] for m in members) / sum(people[m] for m in members)
        for unit, members in MEMBERS_2025.items()
    }
    assert {p: r["score"] for p, r in rows.items()} == pytest.approx(expected, rel=1e-12)
    assert "values combined by mean weighted by people" in err
    assert cli("indicators", "set", "web_share", "--combine", "", "--data", str(root)).code == 0
    rows, err = ranked(cli, root, "--year", str(YEAR), "--indicator", "web_share", "--geography", "34")
    assert rows["Quảng Ngãi"]["score"] is None and "cannot be combined" in err  # the rule taken back


def test_vs_a_year_of_the_63_compares_ranks_of_sums_among_the_34(cli, store_63):
    root, cells = store_63
    rows, err = ranked(
        cli, root, "--year", str(YEAR), "--vs", str(YEAR - 1), "--indicator", "dossiers_online", "--geography", "34"
    )
    now = competition_ranks({u: sum(cells["dossiers_online"][m] for m in ms) for u, ms in MEMBERS_2025.items()})
    then = competition_ranks({u: sum(cells["earlier"][m] for m in ms) for u, ms in MEMBERS_2025.items()})
    assert {p: (r["prev_rank"], r["rank_change"]) for p, r in rows.items()} == {
        u: (then[u], then[u] - now[u]) for u in MEMBERS_2025
    }
    assert "Quảng Ngãi (2018, 2019): Kon Tum + Quảng Ngãi" in err


def test_without_vs_the_latest_earlier_year_is_combined_and_compared(cli, store_63):
    """Without --vs a rank is compared with the latest earlier year, combined by the same rule: it said
    'no ranks held before 2019 among the 34' while --vs 2018 computed them."""
    root, _ = store_63
    asked = ("--year", str(YEAR), "--indicator", "dossiers_online", "--geography", "34")
    rows, err = ranked(cli, root, *asked)
    said, _ = ranked(cli, root, *asked, "--vs", str(YEAR - 1))
    assert rows == said
    assert {r["prev_year"] for r in rows.values()} == {YEAR - 1}
    assert "ranks held before" not in err


def test_a_profile_of_a_unit_the_index_never_measured_says_so(cli, pci_2006):
    """Hà Tây (2006) has PCI values but no DTI: its profile showed an empty 'DTI by year' table unsaid."""
    out = cli("profile", "-p", "Hà Tây", "-g", "64", "--data", str(pci_2006), "-f", "table")
    assert out.code == 0, out.err
    assert "no value of Provincial DTI (overall) is held for Hà Tây" in out.err
    assert "by year" not in out.out and "Hà Tây: other indicators, latest value" in out.out
