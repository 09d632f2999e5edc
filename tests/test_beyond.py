"""Profiles, comparisons, trends, targets with pace, rank changes explained, and the 2025 merger."""

from __future__ import annotations

import json
import shutil

import polars as pl
import pytest

from dtikit.catalog import Catalog
from dtikit.errors import UsageError
from dtikit.explain import explain_changes
from dtikit.gap import gap
from dtikit.profile import compare, profile
from dtikit.ranking import rank_table
from dtikit.storage import Store
from dtikit.storage.files import atomic_write_parquet
from dtikit.targets import assess, summary, target_table
from dtikit.trend import trend_table


def row(frame: pl.DataFrame, **where) -> dict:
    for key, value in where.items():
        frame = frame.filter(pl.col(key) == value)
    assert frame.height == 1, where
    return frame.row(0, named=True)


# -- trend ------------------------------------------------------------------------------------


def test_national_dti_and_its_published_growth(store):
    table = trend_table(store).table
    assert row(table, year=2021)["national_dti"] == 0.6110
    assert row(table, year=2022)["national_dti"] == 0.7111
    assert row(table, year=2022)["national_change_pct"] == 16.4  # published: +16.4 %
    assert row(table, year=2023)["national_change_pct"] == 3.0  # published: +3 %
    assert row(table, year=2024)["national_change_pct"] == 8.6  # published: +8.6 %
    assert row(table, year=2020)["national_dti"] is None  # not found in any source: missing


def test_provincial_average_is_the_published_one_and_missing_stays_missing(store):
    table = trend_table(store).table
    assert row(table, year=2020)["provincial_average"] == 0.3026
    assert row(table, year=2021)["provincial_average"] == 0.4014
    assert row(table, year=2022)["provincial_average"] is None


def test_aggregates_say_how_many_provinces_they_rest_on(store):
    result = trend_table(store)
    y2022 = row(result.table, year=2022)
    assert (y2022["n_provinces"], y2022["of_provinces"]) == (10, 63)
    assert y2022["max"] == 0.8002 and y2022["min"] == 0.5266
    assert y2022["coverage"] == "only 10 of 63 provinces: not an average of all"
    assert any("only some provinces" in n for n in result.notes)


def test_trend_of_a_region(store):
    table = trend_table(store, region="Tây Nguyên").table
    y2022 = row(table, year=2022)
    assert (y2022["n_provinces"], y2022["of_provinces"], y2022["mean"]) == (2, 5, 0.5333)
    assert y2022["national_dti"] is None


# -- profile and compare ----------------------------------------------------------------------


def test_kon_tum_profile(store):
    result = profile(store, "kontum")
    years = result.years
    assert [(r["year"], r["rank"], r["score"]) for r in years.iter_rows(named=True)] == [
        (2020, 58, 0.24),
        (2021, 46, 0.33),
        (2022, 45, 0.54),
    ]
    assert years["rank_change"].to_list() == [None, 12, 1]
    assert row(years, year=2020)["region_rank"] == 5  # "5th of the 5 Central Highlands provinces" (published)
    assert row(years, year=2022)["region_rank"] == 2
    assert result.info["unit_2025"] == "Quảng Ngãi"
    assert any("part of the new Quảng Ngãi, formed from Quảng Ngãi; Kon Tum" in n for n in result.notes)
    indicators = result.indicators
    assert row(indicators, indicator="administrative_procedures")["value"] == 1753
    share = row(indicators, indicator="full_online_service_share")
    assert (share["value"], share["period"]) == (60.81, "2023-06")


def test_new_unit_lists_its_predecessors(store):
    result = profile(store, "Quảng Ngãi", geography=34)
    assert result.info["predecessors"] == "Quảng Ngãi; Kon Tum"
    assert any("formed from Quảng Ngãi; Kon Tum" in n for n in result.notes)


def test_compare_side_by_side(store):
    table = compare(store, ["Kon Tum", "dak lak", "Gia Lai"]).table
    ranks = row(table, year=2022, measure="overall_rank")
    assert (ranks["Kon Tum"], ranks["Đắk Lắk"], ranks["Gia Lai"]) == (45, 47, 62)
    assert row(table, year=2020, measure="overall_rank")["Đắk Lắk"] is None


def test_profile_json_equals_library(cli, store):
    result = cli("profile", "--province", "Kon Tum", "--format", "json")
    assert json.loads(result.out) == profile(store, "Kon Tum").to_dict()


# -- targets and pace ---------------------------------------------------------------------------


def test_kon_tum_top_35_is_at_risk(store):
    target = row(target_table(store, "Kon Tum").table, indicator="dti_rank")
    assert (target["comparator"], target["target"], target["deadline"]) == ("<=", 35, 2025)
    assert (target["latest_value"], target["latest_year"], target["previous_value"]) == (45, 2022, 46)
    assert target["pace_per_year"] == 1.0
    assert target["needed_per_year"] == pytest.approx(10 / 3, abs=1e-4)
    assert target["status"] == "at risk"


def test_national_targets_of_decision_749_are_held(store):
    table = target_table(store, "Việt Nam").table
    level4 = row(table, indicator="level4_online_service_share")
    assert (level4["comparator"], level4["target"], level4["deadline"]) == (">=", 80, 2025)
    assert row(table, indicator="digital_economy_gdp_share", deadline=2025)["target"] == 20
    assert row(table, indicator="digital_economy_gdp_share", deadline=2025)["latest_value"] == 14.96


def test_dak_lak_reports_8_of_18_done(store):
    reported = summary(store, "Đắk Lắk").table.filter(pl.col("basis").str.starts_with("reported"))
    assert [(r["status"], r["count"], r["of"], r["share_pct"]) for r in reported.iter_rows(named=True)] == [
        ("done", 8, 18, 44.4),
        ("in progress", 7, 18, 38.9),
        ("at risk", 3, 18, 16.7),
    ]


@pytest.mark.parametrize(
    ("points", "comparator", "target", "deadline", "status"),
    [
        ([], "<=", 35, 2025, "unknown"),
        ([(2022, 45)], "<=", 35, 2025, "unknown"),
        ([(2021, 46), (2022, 45)], "<=", 35, 2025, "at risk"),
        ([(2021, 50), (2022, 40)], "<=", 35, 2025, "on track"),
        ([(2021, 40), (2022, 30)], "<=", 35, 2025, "met"),
        ([(2024, 40), (2025, 38)], "<=", 35, 2025, "missed"),
        ([(2022, 60.0), (2023, 70.0)], ">=", 80, 2025, "on track"),
        ([(2022, 60.0), (2023, 62.0)], ">=", 80, 2025, "at risk"),
    ],
)
def test_target_statuses(points, comparator, target, deadline, status):
    assert assess(points, comparator, target, deadline)["status"] == status


def test_gap_with_the_pace_to_the_held_deadline(store):
    result = gap(store, "Kon Tum", 35, 2022).to_dict()
    assert (result["deadline"], result["years_left"], result["places_per_year_needed"]) == (2025, 3, 3.33)
    assert (result["pace_so_far"], result["pace_since"], result["on_track"]) == (1.0, 2021, False)
    assert result["deadline_from"].startswith("held target")


def test_gap_by_a_given_year(store):
    result = gap(store, "Ninh Thuận", 20, 2022, by=2025).to_dict()
    assert (result["places_to_target"], result["pace_so_far"], result["on_track"]) == (7, 26.0, True)
    assert "deadline" not in gap(store, "Ninh Thuận", 20, 2022).to_dict()


def test_a_passed_deadline_is_not_on_track(store):
    result = gap(store, "Kon Tum", 35, 2022, by=2022).to_dict()
    assert (result["years_left"], result["places_per_year_needed"], result["on_track"]) == (0, None, False)
    with pytest.raises(UsageError, match="--by 2020 is before 2022"):  # a deadline before the year measured
        gap(store, "Kon Tum", 35, 2022, by=2020)


def test_regions_belong_to_the_63(cli):
    assert cli("trend", "--geography", "34", "--region", "Tây Nguyên").code == 2
    assert cli("rank", "--year", "2024", "--geography", "34", "--region", "Tây Nguyên").code == 2


def test_fail_if_missed_keeps_its_meaning_with_a_deadline(cli):
    result = cli("gap", "-p", "Kon Tum", "-t", "35", "--by", "2030", "--fail-if-missed", "-f", "json")
    assert result.code == 3
    assert json.loads(result.out)["deadline"] == 2030


def test_targets_table_ingested(cli, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "Tỉnh/Thành phố;Chỉ tiêu;So sánh;Mục tiêu;Năm đích;Nguồn\nĐắk Lắk;dti_rank;<=;30;2025;Nghị quyết (ví dụ)\n",
        encoding="utf-8",
    )
    store_dir = tmp_path / "store"
    assert cli("ingest", str(path), "--data", str(store_dir)).code == 0
    target = row(target_table(Store(store_dir), "Đắk Lắk").table, indicator="dti_rank")
    assert (target["target"], target["latest_value"], target["status"]) == (30, 47, "unknown")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "Tỉnh/Thành phố;Chỉ tiêu;So sánh;Mục tiêu;Năm đích\nKon Tum;dti_rank;<=;30;2025\n", encoding="utf-8"
    )
    refused = cli("ingest", str(changed), "--data", str(store_dir))
    assert refused.code == 1 and "held <= 35" in refused.err


# -- rank changes explained -------------------------------------------------------------------


def test_explain_on_published_scores(store):
    """Thừa Thiên Huế, 2nd in 2021 (0.5872), 4th in 2022 (0.6975): its 2022 score beats the only province
    above it in 2021 (Đà Nẵng, 0.6419), so its own change alone was worth +1 place; others cost it 3."""
    result = explain_changes(store, rank_table(store, 2022), Catalog.of(store).headline())
    hue = row(result.table, province="Thừa Thiên Huế")
    assert (hue["rank_change"], hue["own_effect"], hue["others_effect"]) == (-2, 1, -3)
    assert row(result.table, province="Hồ Chí Minh")["own_effect"] is None  # no 2021 score held
    assert any("explained for 2 province(s)" in n for n in result.notes)


def test_explain_refuses_across_methodologies(store):
    result = explain_changes(store, rank_table(store, 2022, vs=2020), Catalog.of(store).headline())
    assert result.table["own_effect"].null_count() == result.table.height
    assert any("different methodologies" in n for n in result.notes)


def test_explain_splits_a_rank_change(store, tmp_path):
    """Two complete (example) years: own + others = rank change, for every province."""
    for name in ("observations", "national", "targets", "provinces", "aliases", "regions", "indicators"):
        shutil.copy(store.path / f"{name}.parquet", tmp_path / f"{name}.parquet")
    provinces = store.provinces().filter(pl.col("geography") == 63)["province"].to_list()
    first = {p: 0.30 + 0.005 * i for i, p in enumerate(provinces)}
    second = dict(first)
    second[provinces[0]] = 0.70  # last place jumps to the top; nobody else moves
    made = pl.DataFrame(
        [
            {"geography": 63, "province": p, "year": y, "indicator": "dti", "value": round(v, 4)}
            for y, scores in ((2030, first), (2031, second))
            for p, v in scores.items()
        ]
    ).with_columns(pl.col("geography").cast(pl.Int16), pl.col("year").cast(pl.Int16))
    template = store.values().head(1).drop("geography", "province", "year", "indicator", "value")
    values = pl.concat([store.values(), made.join(template, how="cross").select(store.values().columns)])
    atomic_write_parquet(values, tmp_path / "values.parquet")
    synthetic = Store(tmp_path)
    explained = explain_changes(synthetic, rank_table(synthetic, 2031, vs=2030), Catalog.of(synthetic).headline()).table
    assert (explained["own_effect"] + explained["others_effect"] == explained["rank_change"]).all()
    jumper = row(explained, province=provinces[0])
    assert (jumper["prev_rank"], jumper["rank"], jumper["own_effect"], jumper["others_effect"]) == (63, 1, 62, 0)
    pushed = row(explained, province=provinces[1])  # same score, one place lower: moved by the jumper only
    assert (pushed["prev_rank"], pushed["rank"]) == (62, 63)
    assert pushed["own_effect"] == 0 and pushed["others_effect"] == pushed["rank_change"] == -1


# -- the 2025 merger --------------------------------------------------------------------------


def test_2024_among_the_34_units(store):
    table = rank_table(store, 2024, geography=34).table
    assert table.height == 34
    assert row(table, province="Hà Nội")["rank"] == 1 and row(table, province="Hà Nội")["score"] == 0.8241
    assert row(table, province="Huế")["score"] == 0.7951
    assert row(table, province="Lào Cai")["rank"] == 14
    assert row(table, province="Gia Lai")["rank"] == 31
    assert row(table, province="Cao Bằng")["rank"] is None  # "bottom-3": a bound, not a rank


def test_across_the_merger_percentiles_are_compared_never_ranks(store):
    result = rank_table(store, 2024, geography=34, vs=2022)
    table = result.table
    hue = row(table, province="Huế")  # 2nd of 34 in 2024; Thừa Thiên Huế 4th of 63 in 2022
    assert (hue["percentile"], hue["prev_percentile"], hue["percentile_change"]) == (97.0, 95.2, 1.8)
    assert hue["rank_change"] is None and hue["prev_rank"] is None
    assert row(table, province="Hải Phòng")["prev_percentile"] is None  # merged with Hải Dương: no predecessor
    assert table["rank_change"].null_count() == table.height
    assert any("ranks are not subtracted" in n for n in result.notes)


def test_provinces_of_both_geographies(cli):
    out = cli("provinces", "--geography", "34", "--format", "csv").out.splitlines()
    assert len(out) == 35
    assert "Quảng Ngãi,Quảng Ngãi; Kon Tum," in out
    assert cli("provinces", "--geography", "35").code == 2
