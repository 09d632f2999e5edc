"""Every analysis on any indicator: stores built from invented indicators, complete and partial."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from dtikit.catalog import Catalog
from dtikit.errors import UsageError
from dtikit.gap_value import value_gap
from dtikit.ranking import rank_table
from dtikit.render import number_for_people
from dtikit.storage import Store
from dtikit.trend import trend_table
from tests.stores import made_store, user_values

TAY_NGUYEN = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"]


def _store(tmp_path, values: list[tuple[str, int, str, float]], catalog: list[dict]) -> Store:
    """The bundled store plus invented values (province, year, indicator, value) and catalog rows."""
    indicators = pl.concat([Store().indicators(), pl.DataFrame(catalog)], how="diagonal_relaxed")
    return made_store(tmp_path / "store", values=user_values(values), indicators=indicators)


def _provinces() -> list[str]:
    return Store().provinces().filter(pl.col("geography") == 63).sort("code")["province"].to_list()


@pytest.fixture
def invented(tmp_path) -> Store:
    provinces = _provinces()
    values = [(p, 2023, "days_to_permit", float(i % 10)) for i, p in enumerate(provinces)]  # complete, ties
    values += [
        (p, 2023, "village_4g_share", v) for p, v in zip(TAY_NGUYEN, [91.5, 99.0, 95.25, 99.0, 80.0], strict=True)
    ]
    values += [
        (p, 2022, "village_4g_share", v) for p, v in zip(TAY_NGUYEN, [85.5, 97.0, 95.25, 90.0, 70.0], strict=True)
    ]
    values += [("Hà Nội", 2023, "village_4g_share", 100.0)]
    catalog = [
        {
            "indicator": "days_to_permit",
            "name_vi": "Số ngày cấp phép",
            "name_en": "Days to a permit",
            "unit": "days",
            "higher_is_better": False,
            "kind": "value",
        },
        {
            "indicator": "village_4g_share",
            "name_vi": "Tỷ lệ phủ sóng 4G",
            "name_en": "Villages with 4G",
            "unit": "% of villages",
            "higher_is_better": True,
            "kind": "value",
        },
    ]
    return _store(tmp_path, values, catalog)


def test_catalog_resolves_any_spelling_of_either_name(store):
    catalog = Catalog.of(store)
    assert catalog.resolve("overall").id == "dti"
    assert catalog.resolve("cqs").id == "dti_gov"
    assert catalog.resolve("awareness").id == "dti_awareness"
    assert catalog.resolve("TỶ LỆ DỊCH VỤ CÔNG TRỰC TUYẾN TOÀN TRÌNH").id == "full_online_service_share"
    assert catalog.resolve("ty le dich vu cong truc tuyen toan trinh").id == "full_online_service_share"
    assert catalog.resolve("Xếp hạng Kinh tế số").id == "dti_econ_rank"
    assert catalog.lookup("happiness") is None
    with pytest.raises(UsageError, match="did you mean 'ebi_score'"):
        catalog.resolve("ebi scor")


def test_the_dti_is_data_in_the_catalog(store):
    dti = Catalog.of(store).resolve("dti")
    assert (dti.rank_id, dti.region_rank_id, dti.higher_is_better) == ("dti_rank", "dti_rank_in_region", True)
    assert dti.method(2020) == "Decision 1726/QĐ-BTTTT" and dti.method(2022) == "Decision 922/QĐ-BTTTT"
    assert [p.label for p in Catalog.of(store).parts(dti)] == ["gov", "econ", "society"]


def test_region_rank_is_published_or_computed_in_one_place(store):
    """rank and profile agree: Kon Tum 5th of 5 in 2020 as published, though the others are unranked."""
    from dtikit.profile import profile

    table = rank_table(store, 2020, region="Tây Nguyên").table
    assert table.filter(pl.col("province") == "Kon Tum")["region_rank"].item() == 5
    years = profile(store, "Kon Tum").years
    assert years.filter(pl.col("year") == 2020)["region_rank"].item() == 5


def test_lower_is_better_complete_table_with_ties(invented):
    table = rank_table(invented, 2023, Catalog.of(invented).measure("Days to a permit")).table
    assert table["rank_basis"].unique().to_list() == ["computed"]
    assert table["ranked_of"].unique().to_list() == [63]
    firsts = table.filter(pl.col("score") == 0.0)
    assert firsts["rank"].unique().to_list() == [1] and firsts.height == 7  # 63 values 0..9: seven zeros
    assert table.filter(pl.col("score") == 1.0)["rank"].unique().to_list() == [8]  # 1224: the next after 7 ties
    assert table.filter(pl.col("score") == 9.0)["rank"].unique().to_list() == [58]  # 3 x 7 + 6 x 6 below


def test_partial_table_is_not_ranked_and_says_what_helps(invented):
    result = rank_table(invented, 2023, Catalog.of(invented).measure("ty le phu song 4g"))
    assert result.table["rank"].null_count() == 63
    note = next(n for n in result.notes if "hold a" in n)
    assert "6 of 63 provinces" in note and "--among-held" in note and "--region 'Tây Nguyên'" in note


def test_among_held_ranks_the_provinces_with_a_value(invented, cli):
    result = rank_table(invented, 2023, Catalog.of(invented).measure("village_4g_share"), among_held=True)
    ranked = result.table.filter(pl.col("rank").is_not_null())
    assert ranked.select("province", "rank", "ranked_of").rows() == [
        ("Hà Nội", 1, 6),
        ("Đắk Nông", 2, 6),  # tied: by name
        ("Gia Lai", 2, 6),
        ("Đắk Lắk", 4, 6),
        ("Kon Tum", 5, 6),
        ("Lâm Đồng", 6, 6),
    ]
    assert ranked["rank_basis"].unique().to_list() == ["computed among held"]
    assert ranked.filter(pl.col("province") == "Kon Tum")["rank_change"].item() == -1  # 4th of 5 in 2022
    out = cli(
        "rank", "-y", "2023", "-i", "Tỷ lệ phủ sóng 4G", "--among-held", "--data", str(invented.path), "-f", "json"
    )
    assert out.code == 0 and json.loads(out.out) == result.table.to_dicts()
    table = cli(
        "rank", "-y", "2023", "-i", "village_4g_share", "--among-held", "--data", str(invented.path), "-f", "table"
    )
    assert "rank among 6 provinces with a value" in table.out and "DTI" not in table.out
    assert "99%" in table.out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_among_held_says_what_it_did_not_that_ranks_need_every_province(cli, invented, lang):
    """With --among-held the ranks are computed among the holders: the note counts the provinces left
    without a value, never 'ranks are computed only when all 63 hold one' nor 'try --among-held'."""
    args = ("rank", "-y", "2023", "-i", "village_4g_share", "--data", str(invented.path), "--lang", lang, "-f", "csv")
    err = cli(*args, "--among-held").err
    said = "57 of 63 provinces hold no" if lang == "en" else "57/63 tỉnh, thành phố không có số liệu"
    assert said in err and "--among-held" not in err and "only when" not in err and "chỉ tính hạng khi" not in err
    assert "--among-held" in cli(*args).err  # without it, the option is suggested


def test_one_complete_region_gets_region_ranks(invented):
    table = rank_table(
        invented, 2023, Catalog.of(invented).measure("village_4g_share"), region="Central Highlands"
    ).table
    assert table.select("province", "region_rank").rows() == [
        ("Đắk Nông", 1),
        ("Gia Lai", 1),
        ("Đắk Lắk", 3),
        ("Kon Tum", 4),
        ("Lâm Đồng", 5),
    ]


def test_trend_of_any_indicator(invented):
    table = trend_table(invented, Catalog.of(invented).measure("village_4g_share"), region="Tây Nguyên").table
    row = table.filter(pl.col("year") == 2023).row(0, named=True)
    assert (row["n_provinces"], row["of_provinces"], row["mean"], row["median"], row["min"], row["max"]) == (
        5,
        5,
        92.95,
        95.25,
        80.0,
        99.0,
    )
    assert row["coverage"] == "all provinces"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_trend_of_an_indicator_without_a_national_figure_shows_none_to_people(cli, invented, lang):
    """Another indicator's trend has no national DTI: a person's table does not head a column so (nor
    drop 'max' to keep that empty column in a narrow terminal); CSV keeps its columns."""
    args = ("trend", "--indicator", "village_4g_share", "--data", str(invented.path), "--lang", lang)
    table = cli(*args, "--format", "table").out
    assert "DTI" not in table and ("max" in table or "lớn nhất" in table)
    assert "national_dti" in cli(*args, "--format", "csv").out.splitlines()[0]
    assert "DTI" in cli("trend", "--lang", lang, "--format", "table").out  # the headline's own keeps it


@pytest.mark.parametrize(
    ("indicator", "province", "target", "gap", "met"),
    [
        ("village_4g_share", "Kon Tum", 95.0, 3.5, False),  # higher is better, missed
        ("village_4g_share", "Gia Lai", 95.0, -4.0, True),  # higher is better, met
        ("days_to_permit", "Hà Nội", 0.0, None, None),  # lower is better: computed below from the invented values
        ("days_to_permit", "Bình Dương", 5.0, None, None),
    ],
)
def test_value_targets_in_each_direction(invented, indicator, province, target, gap, met):
    provinces = _provinces()
    days = {p: float(i % 10) for i, p in enumerate(provinces)}
    result = value_gap(invented, province, Catalog.of(invented).measure(indicator), target)
    if indicator == "days_to_permit":
        gap, met = round(days[province] - target, 4), days[province] <= target
    assert (result.row["value_gap"], result.row["met"]) == (gap, met)


def test_value_target_pace_and_deadline(invented, cli):
    result = value_gap(invented, "Kon Tum", Catalog.of(invented).measure("village_4g_share"), 95.0, by=2025)
    r = result.to_dict()
    assert (r["year"], r["value"], r["value_gap"], r["deadline"], r["years_left"]) == (2023, 91.5, 3.5, 2025, 2)
    assert (r["needed_per_year"], r["pace_so_far"], r["pace_since"], r["on_track"]) == (1.75, 6.0, 2022, True)
    args = ["gap", "-p", "kon tum", "-i", "Villages with 4G", "--target-value", "95", "--by", "2025"]
    out = cli(*args, "--data", str(invented.path), "-f", "json")
    assert json.loads(out.out) == r
    missed = cli(*args, "--fail-if-missed", "--data", str(invented.path), "-f", "csv")
    assert missed.code == 3
    assert "Kon Tum village_4g_share is 91.5 (2023), 3.5 short of the target 95" in missed.err


def test_held_value_target_drives_the_deadline(store):
    """Decision 749: 80% of services at level 4 by 2025 (a national target) for Ninh Thuận's share."""
    result = value_gap(store, "Ninh Thuận", Catalog.of(store).measure("level4_online_service_share"))
    assert result.row["target_value"] == 80.0 and result.row["deadline"] == 2025
    assert result.row["deadline_from"].startswith("held target (Việt Nam")


def test_bundled_figures_beyond_the_dti_keep_period_and_source(store, cli):
    from dtikit.profile import profile

    indicators = profile(store, "Đà Nẵng").indicators
    ebi = indicators.filter(pl.col("indicator") == "ebi_score").row(0, named=True)
    assert (ebi["year"], ebi["period"]) == (None, "report 2025")
    assert ebi["source"].startswith("http")
    undated = store.values().filter(pl.col("year").is_null())
    assert undated.height > 0 and undated["period"].null_count() == 0
    ranks = store.values().filter((pl.col("indicator") == "ebi_rank") & (pl.col("province") == "Lâm Đồng"))
    assert ranks.select("value", "value_text").rows() == [(20.0, "20/56")]


def test_numbers_for_people():
    assert number_for_people(1954846.0, "dossiers") == "1,954,846"
    assert number_for_people(60.81, "% of administrative procedures") == "60.81%"
    assert number_for_people(0.54, "score 0-1") == "0.5400"
    assert number_for_people(-0.1583, "score 0-1") == "-0.1583"
    assert number_for_people(None) == "–"


def test_table_shows_counts_and_shares_machine_formats_keep_precision(cli):
    table = cli("profile", "-p", "Đắk Lắk", "--indicators", "-f", "table").out
    assert "2,587,362" in table and "139.5%" in table and "2587362.0" not in table
    csv = cli("profile", "-p", "Đắk Lắk", "--indicators", "-f", "csv").out
    assert "2587362.0" in csv


def test_indicators_set_changes_a_users_indicator_only(invented, cli):
    data = str(invented.path)
    out = cli("indicators", "set", "village_4g_share", "--lower-is-better", "--unit", "% of villages", "--data", data)
    assert out.code == 0, out.err
    assert Catalog.of(Store(data)).get("village_4g_share").higher_is_better is False
    assert Store(data).ingests()["file"].to_list()[-1] == "indicators set village_4g_share"
    refused = cli("indicators", "set", "dti", "--unit", "points", "--data", data)
    assert refused.code == 2 and "read-only" in refused.err


def test_compare_any_indicator_values_ranks_and_ranked_of(invented, cli):
    from dtikit.profile import compare_indicator

    result = compare_indicator(
        invented, ["Kon Tum", "gia lai", "Hà Nội"], Catalog.of(invented).measure("Tỷ lệ phủ sóng 4G"), among_held=True
    )
    assert result.table.columns == ["year", "measure", "Kon Tum", "Gia Lai", "Hà Nội"]
    assert result.table.rows() == [
        (2022, "village_4g_share_value", 85.5, 97.0, None),
        (2022, "village_4g_share_rank", 4.0, 1.0, None),  # among the 5 Central Highlands values held
        (2022, "village_4g_share_ranked_of", 5.0, 5.0, None),
        (2023, "village_4g_share_value", 91.5, 99.0, 100.0),
        (2023, "village_4g_share_rank", 5.0, 2.0, 1.0),
        (2023, "village_4g_share_ranked_of", 6.0, 6.0, 6.0),
    ]
    assert result.notes == [
        "Villages with 4G ranks of 2022: computed among the 5 provinces holding a value",  # its name, not its id
        "Villages with 4G ranks of 2023: computed among the 6 provinces holding a value",
    ]
    args = ["compare", "Kon Tum", "gia lai", "Hà Nội", "-i", "Tỷ lệ phủ sóng 4G", "--among-held"]
    out = cli(*args, "--data", str(invented.path), "-f", "json")
    assert out.code == 0 and json.loads(out.out) == result.table.to_dicts()
    table = cli(*args, "--data", str(invented.path), "-f", "table").out
    assert "Villages with 4G (% of villages)" in table and "91.5%" in table and " 4%" not in table


def test_compare_any_indicator_without_among_held_ranks_only_complete_years(invented):
    from dtikit.profile import compare_indicator

    partial = compare_indicator(invented, ["Kon Tum", "Gia Lai"], Catalog.of(invented).measure("village_4g_share"))
    assert partial.table["measure"].unique().to_list() == ["village_4g_share_value"]
    assert "no Villages with 4G rank of these provinces for 2023" in partial.notes[-1]
    provinces = _provinces()
    complete = compare_indicator(invented, provinces[:2], Catalog.of(invented).measure("days_to_permit")).table
    assert complete.rows() == [
        (2023, "days_to_permit_value", 0.0, 1.0),
        (2023, "days_to_permit_rank", 1.0, 8.0),  # lower is better: 7 zeros share 1st
        (2023, "days_to_permit_ranked_of", 63.0, 63.0),
    ]


def test_compare_any_indicator_draws_its_ranks_with_chart(invented, cli, tmp_path):
    chart = tmp_path / "c.svg"
    args = ["compare", "Kon Tum", "Gia Lai", "-i", "village_4g_share", "--among-held", "--data", str(invented.path)]
    plain = cli(*args, "-f", "csv")
    drawn = cli(*args, "-f", "csv", "--chart", str(chart))
    assert drawn.code == 0 and drawn.out == plain.out  # stdout: the table, as without --chart
    svg = chart.read_text(encoding="utf-8")
    points = sorted(re.findall(r'id="(point-p[01]-\d+)"', svg))
    assert points == ["point-p0-2022", "point-p0-2023", "point-p1-2022", "point-p1-2023"]
    assert "Villages with 4G" in svg and "Kon Tum" in svg and "Gia Lai" in svg


def test_profile_shows_a_rank_computed_from_a_complete_table_with_its_basis(invented, cli, store):
    from dtikit.profile import profile

    provinces = _provinces()
    rows = {
        p: profile(invented, p).indicators.filter(pl.col("indicator") == "days_to_permit").row(0, named=True)
        for p in (provinces[1], provinces[9])
    }
    assert [(r["value"], r["rank"], r["ranked_of"], r["rank_basis"]) for r in rows.values()] == [
        (1.0, 8, 63, "computed"),
        (9.0, 58, 63, "computed"),
    ]
    partial = profile(invented, "Kon Tum").indicators.filter(pl.col("indicator") == "village_4g_share")
    assert partial.select("rank", "rank_basis").row(0) == (None, None)  # 6 of 63 hold a value: no rank
    published = profile(store, "Đà Nẵng").indicators.filter(pl.col("indicator") == "ebi_score")
    assert published.select("rank", "rank_basis").row(0) == (3, "published")
    out = cli("profile", "-p", provinces[1], "--indicators", "--data", str(invented.path), "-f", "json")
    assert json.loads(out.out)["indicators"] == profile(invented, provinces[1]).indicators.to_dicts()


def test_rank_table_formats_scores_and_changes_at_their_printed_precision(cli):
    table = cli("rank", "--year", "2022", "--region", "Tây Nguyên", "--format", "table").out
    line = {name: next(r for r in table.splitlines() if name in r) for name in ("Kon Tum", "Đắk Nông")}
    # Kon Tum's 0,54 and 0,33 were printed with 2 decimals: 0.54 and +0.21, not 0.5400 and 0.2100
    assert " 0.54 " in line["Kon Tum"] and " 0.21 " in line["Kon Tum"] and "0.5400" not in line["Kon Tum"]
    assert " 0.5266 " in line["Đắk Nông"] and " 0.1757 " in line["Đắk Nông"]
    vi = cli("--lang", "vi", "rank", "--year", "2021", "--top", "1", "--format", "table").out
    assert " 0,6419 " in vi
    csv = cli("rank", "--year", "2022", "--region", "Tây Nguyên", "--format", "csv").out
    assert "0.54,46,1,0.21," in csv


def test_a_large_catalog_resolves_names_as_a_small_one_does(monkeypatch):
    """A catalog of 1,000 indicators or more finds its keys with Polars (``catalog._Keys``: by
    comparison for a few lookups, then in a dict) rather than in dicts built one text at a time:
    every text gets the same ids, in the same order, and the same suggestions."""
    from dtikit import catalog as module

    bundled = Store().indicators()
    extra = [
        {"indicator": f"chi_tieu_{n}", "name_vi": f"Chỉ tiêu số {n}", "name_en": f"Indicator {n}"} for n in range(1200)
    ]
    extra += [
        {"indicator": "over_all", "name_vi": "Tổng thể khác"},  # folds to the key of dti's alias 'overall'
        {"indicator": "Odd_Case ", "name_vi": "Hoa thường"},  # an id not in lower case (level 0)
        {"indicator": "dti_extra", "aliases": "phu|||Chính quyền số mới"},  # empty aliases
        {"indicator": "tinh_gia_lai_city", "name_en": "Gia Lai (province); Gia Lai city"},
    ]
    table = pl.concat([bundled, pl.DataFrame(extra, infer_schema_length=None)], how="diagonal_relaxed")
    texts = [
        "overall", "OVER ALL", "odd_case", "Odd_Case ", "extra", "phu", "chinh quyen so moi", "Chính quyền số",
        "gov", "cqs", "Indicator 77", "chỉ tiêu số 1199", "gia lai", "Gia Lai city", "chi tieu 5", "dti", "nothing",
    ]  # fmt: skip

    def answers(shared: bool = False) -> dict[str, tuple[list[str], str]]:
        found = {}
        one = Catalog(table)  # shared: past a few lookups, its keys are put in a dict
        for n in range(module._Keys.FEW + 1):
            one.matches(f"not a name {n}")
        for text in texts:
            catalog = one if shared else Catalog(table)
            try:
                said = catalog.resolve(text).id
            except UsageError as exc:
                said = str(exc)
            found[text] = ([i.id for i in catalog.matches(text)], said)
        return found

    large = answers()
    assert large == answers(shared=True)
    monkeypatch.setattr(module, "MANY", 10**9)  # every key in dicts, as for the bundled catalog
    assert large == answers()
    assert large["overall"][0] == ["over_all", "dti"]  # ids before aliases
    assert large["odd_case"] == (["Odd_Case "], "Odd_Case ")
    assert large["phu"][1] == large["chinh quyen so moi"][1] == "dti_extra"
    assert large["extra"][0] == []  # an id's prefix is no name: short words are the catalog's aliases
    assert large["Indicator 77"][1] == "chi_tieu_77"
    assert "did you mean" in large["nothing"][1] or "unknown" in large["nothing"][1]


def test_titles_of_an_indicator_without_a_unit(invented, tmp_path, cli):
    """A user's indicator whose unit is not known is titled by its name alone (it read 'moi (None)')."""
    from dtikit.queries import rank_query, trend_query

    file = tmp_path / "moi.csv"
    file.write_text("Tỉnh;Năm;Chỉ tiêu;Giá trị\nKon Tum;2024;moi;3,5\nGia Lai;2024;moi;4\n", encoding="utf-8")
    assert cli("ingest", str(file), "--data", str(tmp_path / "store")).code == 0
    store = Store(tmp_path / "store")
    titles = [
        rank_query(store, 2024, Catalog.of(store).measure("moi"), among_held=True).views[0].title,
        trend_query(store, Catalog.of(store).measure("moi")).views[0].title,
    ]
    assert titles[0].startswith("moi, 2024") and titles[1] == "moi by year"
    with_unit = rank_query(invented, 2023, Catalog.of(invented).measure("days_to_permit")).views[0].title
    assert with_unit.startswith("Days to a permit (days), 2023")
