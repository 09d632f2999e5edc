"""Gaps to target ranks against the published figures."""

import pytest

from dtikit.errors import DataError, UsageError
from dtikit.gap import gap


def test_kon_tum_top_35_in_2022(store):
    result = gap(store, "kon tum", 35, 2022)
    o = result.overall
    assert (o["province"], o["year"], o["rank"], o["target_rank"]) == ("Kon Tum", 2022, 45, 35)
    assert o["places_to_target"] == 10
    assert o["target_holder"] == "Điện Biên"
    assert o["met"] is False
    assert o["score"] == 0.54
    assert o["target_holder_score"] is None and o["score_gap"] is None  # Điện Biên's score was not published
    assert result.pillars == []
    assert not result.met


def test_year_defaults_to_latest_ranked_year(store):
    assert gap(store, "Kon Tum", 35).overall["year"] == 2022
    assert gap(store, "Đà Nẵng", 1).overall["year"] == 2024


def test_met_target_has_zero_places(store):
    o = gap(store, "Quảng Ninh", 5, 2022).overall
    assert (o["places_to_target"], o["met"]) == (0, True)


def test_score_gap_when_both_scores_are_published(store):
    o = gap(store, "Quảng Ninh", 2, 2022).overall
    assert o["target_holder"] == "Hồ Chí Minh"
    assert o["target_holder_score"] == 0.7163
    assert o["score_gap"] == pytest.approx(0.0139)


def test_pillars_where_published(store):
    pillars = {p["measure"]: p for p in gap(store, "Quảng Ninh", 2, 2022).pillars}
    assert {m: p["rank"] for m, p in pillars.items()} == {"gov": 4, "econ": 9, "society": 2}
    assert pillars["society"]["met"] is True
    assert pillars["econ"]["places_to_target"] == 7


def test_target_inside_a_tie(store):
    """2022 has two 15ths and no 16th: the holders of 'top 16' are the tied pair."""
    assert gap(store, "Trà Vinh", 16, 2022).overall["target_holder"] == "Thanh Hóa; Yên Bái"
    assert gap(store, "Trà Vinh", 15, 2022).overall["target_holder"] == "Thanh Hóa; Yên Bái"


def test_unknown_target_holder_is_missing_and_said(store):
    result = gap(store, "Kon Tum", 35, 2021)
    assert result.overall["rank"] == 46
    assert result.overall["target_holder"] is None
    assert any("target holder is unknown" in n for n in result.notes)


@pytest.mark.parametrize("target", [0, 64, -1])
def test_target_outside_1_to_n_is_a_usage_error(store, target):
    with pytest.raises(UsageError, match=r"outside 1\.\.63"):
        gap(store, "Kon Tum", target, 2022)


def test_year_without_rank_is_a_data_error(store):
    with pytest.raises(DataError, match="years with a rank: 2020, 2021, 2022"):
        gap(store, "Kon Tum", 35, 2023)
