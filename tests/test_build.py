"""The processed store is built from the raw published files, and nothing is invented."""

import csv
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dtikit.build import build, build_tables
from dtikit.storage import TABLES, Store

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("store")
    build(RAW, out)
    return out


def test_committed_store_is_current(fresh):
    """data/processed must be what `make data` builds from data/raw today."""
    committed = ROOT / "data" / "processed"
    for name in TABLES:
        assert_frame_equal(pl.read_parquet(committed / f"{name}.parquet"), pl.read_parquet(fresh / f"{name}.parquet"))


def test_every_value_is_a_published_number(store):
    """Each merged value equals the number of one of its source rows: nothing computed or filled in."""
    joined = store.values().join(
        store.observations().select("geography", "province", "year", "indicator", "value", "source"),
        on=["geography", "province", "year", "indicator", "value", "source"],
        how="anti",
        nulls_equal=True,  # a figure whose source states no year has none
    )
    assert joined.height == 0


def test_every_observation_has_a_source(store):
    obs = store.observations()
    assert obs.filter(pl.col("source").is_null() | (pl.col("source") == "")).height == 0
    assert set(obs["source_kind"].unique()) <= {"official", "government", "press", "secondary"}


def test_every_published_row_is_kept():
    """dti_published.csv: each score and each rank cell becomes one observation."""
    rows = list(csv.DictReader((RAW / "dti_published.csv").open(encoding="utf-8")))
    cells = sum(bool(r["score"].strip()) + bool(r["rank"].strip()) for r in rows)
    obs = Store().observations().filter(pl.col("raw_file") == "dti_published.csv")
    assert obs.height == cells


def test_published_precision_is_kept(store):
    """Kon Tum 2022 was published as 0,54: two decimals, not padded."""
    obs = store.observations().filter(
        (pl.col("province") == "Kon Tum") & (pl.col("year") == 2022) & (pl.col("indicator") == "dti")
    )
    assert set(obs["value_text"]) == {"0.54"}


def test_rank_bounds_stay_missing(store):
    """'bottom-3' and 'top-10' are bounds, not ranks: kept as text, never as a number."""
    obs = store.observations().filter(pl.col("value_text").is_in(["bottom-3", "top-10"]))
    assert obs.height == 4
    assert obs["value"].null_count() == 4


def test_derived_values_are_not_bundled(store):
    """Bắc Kạn 2020 rank 59 exists only as a derived value ("up 8 places"): it must not appear."""
    held = store.values().filter(
        (pl.col("province") == "Bắc Kạn") & (pl.col("year") == 2020) & (pl.col("indicator") == "dti_rank")
    )
    assert held.height == 0


def test_kien_giang_2020_conflict_is_kept_and_resolved(store):
    """Kiên Giang 2020: VIETJO says 8th (tied), its own resolution and a compiled dataset 9th."""
    value = (
        store.values()
        .filter((pl.col("province") == "Kiên Giang") & (pl.col("year") == 2020) & (pl.col("indicator") == "dti_rank"))
        .row(0, named=True)
    )
    assert value["value"] == 9
    assert value["conflict"] is True
    assert value["n_sources"] == 3


def test_official_beats_press(store):
    """Where an official and a press source agree, the official one is chosen."""
    official = store.values().filter((pl.col("year") == 2022) & (pl.col("indicator") == "dti_rank"))
    assert official.filter(pl.col("province") == "Điện Biên")["source_kind"].item() == "official"
    assert official.height == 63


def test_reference_tables(store):
    provinces = store.provinces()
    old = provinces.filter(pl.col("geography") == 63)
    assert old.height == 63
    assert old["code"].n_unique() == 63
    assert provinces.filter(pl.col("geography") == 34).height == 34
    kon_tum = old.filter(pl.col("province") == "Kon Tum").row(0, named=True)
    assert (kon_tum["code"], kon_tum["region"], kon_tum["unit_2025"]) == ("62", "Tây Nguyên", "Quảng Ngãi")
    assert store.regions().height == 6
    assert old.group_by("region").len().filter(pl.col("region") == "Tây Nguyên")["len"].item() == 5


def test_unknown_province_in_raw_data_is_refused(tmp_path):
    for path in RAW.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "dti_published.csv").read_text(encoding="utf-8")
    (tmp_path / "dti_published.csv").write_text(text.replace("2022,Gia Lai,", "2022,Atlantis,", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"dti_published\.csv row [0-9]+: unknown province 'Atlantis'"):
        build_tables(tmp_path)


def test_every_file_a_make_target_runs_exists():
    """A make target naming a script or test file that is not there fails only when someone runs it."""
    import re

    from tests.conftest import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for path in re.findall(r"\b((?:tests|bench|src)/[\w./-]+\.py)\b", makefile):
        assert (ROOT / path).exists(), path
