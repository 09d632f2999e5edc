"""Facts of the bundled data as their sources state them: names, dates, and contradictions said where
the number is shown."""

from __future__ import annotations

import polars as pl
import pytest

from dtikit.names import fold


@pytest.mark.parametrize("column", ["name_vi", "name_en"])
def test_every_indicator_has_a_name_of_its_own_in_each_language(store, column):
    """Two indicators sharing a name ('Tỷ lệ hồ sơ trực tuyến') cannot be told apart in a table, a chart
    or a report, and the name resolves to neither."""
    catalog = store.indicators().filter(pl.col(column).is_not_null())
    keys = catalog.with_columns(key=pl.col(column).map_elements(fold, return_dtype=pl.String))
    shared = keys.group_by("key").agg(pl.col("indicator")).filter(pl.col("indicator").list.len() > 1)
    assert shared.to_dicts() == []


def test_firms_applying_ict_are_named_as_the_source_names_them(store, cli):
    """The seed article: '789 doanh nghiệp ứng dụng ICT vào các hoạt động sản xuất, kinh doanh'."""
    row = store.indicators().filter(pl.col("indicator") == "ict_enterprises").row(0, named=True)
    assert "ứng dụng ICT" in row["name_vi"] and "applying ICT" in row["name_en"]
    assert "công nghệ số" not in row["name_vi"]
    growth = store.indicators().filter(pl.col("indicator") == "ict_enterprises_growth").row(0, named=True)
    assert "ứng dụng ICT" in growth["name_vi"] and "applying ICT" in growth["name_en"]


@pytest.mark.parametrize(
    ("args", "lang", "said"),
    [
        (["--province", "Thừa Thiên Huế"], "en", "since 1 January 2025 Thừa Thiên Huế is Huế, a city under"),
        (["--province", "Huế", "--geography", "34"], "en", "since 1 January 2025 Thừa Thiên Huế is Huế"),
        (["--province", "Huế", "--geography", "34"], "vi", "từ ngày 1/1/2025 Thừa Thiên Huế là Huế, thành phố trực"),
    ],
)
def test_hue_became_a_central_city_on_1_january_2025_apart_from_the_merger(cli, args, lang, said):
    err = cli("--lang", lang, "profile", *args, "--format", "csv").err
    assert said in err and "175/2024/QH15" in err
    assert "since 1 July 2025 Thừa Thiên Huế is Huế" not in err and "formed from Thừa Thiên Huế" not in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["rank", "--indicator", "ict_index_score", "--year", "2023"],
            ["contradict", "Quảng Ninh is ranked 3 on 0.6514, ahead of Bắc Ninh, ranked 4 on 0.664"],
        ),
        (
            ["rank", "--indicator", "dti_institutions", "--year", "2022"],
            ["Quảng Ninh is published at rank 1 on 0.9000", "Hồ Chí Minh, Thừa Thiên Huế, Đà Nẵng hold the same"],
        ),
        (["rank", "--year", "2021"], ["Thanh Hóa, Vĩnh Phúc are each published at rank 12, by different sources"]),
        (["profile", "--province", "Vĩnh Phúc"], ["Thanh Hóa, Vĩnh Phúc are each published at rank 12"]),
    ],
)
def test_published_ranks_that_contradict_scores_or_each_other_are_said_where_shown(cli, args, said):
    err = cli(*args, "--format", "csv").err
    for words in said:
        assert words in err


def test_contradictions_in_vietnamese_keep_the_printed_numbers(cli):
    err = cli("--lang", "vi", "rank", "--indicator", "ict_index_score", "--year", "2023", "--format", "csv").err
    assert "Quảng Ninh xếp hạng 3 với 0,6514, trên Bắc Ninh xếp hạng 4 với 0,664" in err


def test_ties_the_sources_agree_on_are_not_contradictions(cli):
    """Thanh Hóa and Yên Bái share 15th in 2022 on one official page; Bắc Giang and Quảng Ninh share 14th
    in the 2020 economy pillar on equal scores: neither is said to contradict anything."""
    assert "rank 15" not in cli("rank", "--year", "2022", "--format", "csv").err
    assert "rank 14" not in cli("rank", "--indicator", "econ", "--year", "2020", "--format", "csv").err


def test_sources_conflicts_lists_the_rows_behind_each_contradiction(cli):
    import io

    result = cli("sources", "--conflicts", "--format", "csv")
    rows = pl.read_csv(io.StringIO(result.out))
    listed = set(rows.select("province", "year", "indicator").iter_rows())
    for key in [
        ("Quảng Ninh", 2023, "ict_index_score"),
        ("Bắc Ninh", 2023, "ict_index_rank"),
        ("Đà Nẵng", 2022, "dti_institutions"),
        ("Quảng Ninh", 2022, "dti_institutions_rank"),
        ("Thanh Hóa", 2021, "dti_rank"),
        ("Vĩnh Phúc", 2021, "dti_rank"),
        ("Kiên Giang", 2020, "dti_rank"),  # sources giving different numbers, as before
    ]:
        assert key in listed, key
    assert rows["conflict"].all()
    assert result.err.count("(dtikit sources --conflicts)") == 3
