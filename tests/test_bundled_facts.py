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
