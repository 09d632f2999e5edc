"""Units, signs and precision as a person reads them: the difference of two shares in percentage
points, a gap positive while still to go whatever the direction, published numbers at their printed
precision, no binary float noise, and a direction the catalog does not know said as unknown."""

from __future__ import annotations

import json

import polars as pl
import pytest

from dtikit.cli import main
from tests.conftest import ROOT
from tests.published_shapes import PROVINCES

WORKBOOK = ROOT / "tests" / "fixtures" / "governance_2016_2017.xlsx"


@pytest.fixture(scope="module")
def papi(tmp_path_factory) -> str:
    """A store of a governance workbook, its transparency declared lower-is-better, and a column of
    single-precision numbers written out in double precision, as statistics packages export them."""
    folder = tmp_path_factory.mktemp("papi")
    store = str(folder / "store")
    assert main(["ingest", str(WORKBOOK), "--sheet", "all", "--new-indicators", "--data", store]) == 0
    assert main(["indicators", "set", "transparency", "--lower-is-better", "--data", store]) == 0
    noisy = [6.4878668785095215, 0.30000000000000004, 0.293333321809769]  # 6.487867, 0.3, 0.29333332
    rows = ["Province,Year,Indicator,Value"]
    rows += [f"{p},2019,Noisy index,{noisy[i] if i < 3 else 1 + i / 8}" for i, p in enumerate(PROVINCES)]
    (folder / "noisy.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["ingest", str(folder / "noisy.csv"), "--new-indicators", "--data", store]) == 0
    return store


@pytest.mark.parametrize(("lang", "said"), [("en", "19.19 percentage points"), ("vi", "19,19 điểm phần trăm")])
def test_the_gap_between_two_shares_is_in_percentage_points(cli, lang, said):
    args = ["gap", "--province", "Kon Tum", "--indicator", "full_online_service_share", "--target-value", "80"]
    table = cli("--lang", lang, *args, "--format", "table").out
    assert said in table and "19.19%" not in table and "19,19%" not in table and "19,19 %" not in table
    assert "60.81%" in table or "60,81%" in table  # the values themselves are shares


def test_score_gap_is_positive_while_still_to_go_when_lower_is_better(cli, papi):
    """Transparency declared lower-is-better: the province behind holds the larger value."""
    out = cli("gap", "--province", "Kon Tum", "--indicator", "transparency", "--target", "5", "--year", "2017",
              "--data", papi, "--format", "json").out  # fmt: skip
    doc = json.loads(out)
    assert doc["met"] is False
    assert doc["score"] > doc["target_holder_score"]  # lower is better: Kon Tum's value is the larger
    assert doc["score_gap"] == pytest.approx(doc["score"] - doc["target_holder_score"]) and doc["score_gap"] > 0


def test_score_gap_is_positive_while_still_to_go_when_higher_is_better(cli):
    doc = json.loads(cli("gap", "--province", "Quảng Ninh", "--target", "2", "--year", "2022", "-f", "json").out)
    assert doc["score_gap"] == pytest.approx(0.7163 - 0.7024) and doc["score_gap"] > 0


def test_an_unknown_direction_is_said_as_unknown(cli, papi):
    args = ["gap", "--province", "Kon Tum", "--indicator", "participation_at_local_levels", "--target-value", "9"]
    doc = json.loads(cli(*args, "--data", papi, "--format", "json").out)
    assert doc["higher_is_better"] is None


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_published_numbers_keep_their_printed_precision(cli, lang):
    comma = (lambda s: s.replace(".", ",")) if lang == "vi" else (lambda s: s)
    trend = cli("--lang", lang, "trend", "--format", "table").out
    row_2021 = next(line for line in trend.splitlines() if line.strip().startswith("2021"))
    assert f" {comma('0.6110')} " in row_2021  # printed 0,6110, not 0.611
    assert f" {comma('0.33')} " in row_2021  # the year's lowest, Kon Tum's 0,33, not 0.3300
    profile = cli("--lang", lang, "profile", "--province", "Kon Tum", "--format", "table").out
    row_2022 = next(line for line in profile.splitlines() if line.strip().startswith("2022"))
    assert f" {comma('0.54')} " in row_2022 and comma("0.5400") not in row_2022


def test_binary_float_noise_is_never_shown(cli, papi):
    table = cli("rank", "--year", "2019", "--indicator", "noisy_index", "--data", papi, "--format", "table").out
    # a single-precision number at its own digits, at most 4 decimals (tests/test_shown_precision.py)
    assert " 6.4879 " in table and " 0.3 " in table and " 0.2933 " in table
    assert "6.4878668785095215" not in table and "0.30000000000000004" not in table
    csv = cli("rank", "--year", "2019", "--indicator", "noisy_index", "--data", papi, "--format", "csv").out
    assert "6.4878668785095215" in csv  # machine formats keep the number as held


@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 4])
def test_every_value_of_a_column_printed_at_one_precision_is_shown_at_it(decimals):
    """Whole numbers, halves and quarters are exact in single precision too: read as noise-free, they
    lost their printed decimals ('65,00' shown as 65% under 67.50%). Each value shows as it was printed;
    a typed cell (its text the float's own, '99.0') shows as a spreadsheet does, without a '.0'."""
    from dtikit.render import number_for_people

    for value in [65.0, 62.5, 70.25, 0.5, 1.0, 57.125, 0.54, 1753.0, 60.81, 0.6110, 139.5, 4.0, 2587362.0]:
        text = f"{value:.{decimals}f}".replace(".", ",")  # as a Vietnamese table prints it
        if float(text.replace(",", ".")) != value:
            continue  # this value is not printed at this precision
        assert number_for_people(value, "%", text) == f"{value:,.{decimals}f}%"
        assert number_for_people(value, None, text) == f"{value:,.{decimals}f}"
        typed = number_for_people(value, "%", repr(value))
        assert typed == f"{value:,}".removesuffix(".0") + "%", typed


def test_a_total_of_blank_components_is_missing_not_zero(cli, tmp_path):
    """PAPI 2014 prints a total of 0 for Bắc Giang and Đồng Tháp, whose every dimension is blank."""
    from dtikit.storage import Store
    from tests.workbooks import xlsx

    rows = [["Tỉnh", "Năm", "Tham gia", "Công khai", "Trách nhiệm giải trình", "PAPI tổng hợp"]]
    for i, p in enumerate(PROVINCES):
        blank = p in ("Bắc Giang", "Đồng Tháp")
        rows.append([p, 2014, *([None] * 3 if blank else [5 + i / 100, 6 + i / 100, 4 + i / 100]), 0 if blank else 15])
    (tmp_path / "papi2014.xlsx").write_bytes(xlsx({"2014": rows}))
    store = str(tmp_path / "store")
    result = cli("ingest", str(tmp_path / "papi2014.xlsx"), "--new-indicators", "--data", store)
    assert result.code == 0, result.err
    for province in ("Bắc Giang", "Đồng Tháp"):
        assert f"({province}): papi_tong_hop is 0 and every other column of the row is blank" in result.err
    held = Store(store).values(indicators=["papi_tong_hop"], years=[2014])
    zero = held.filter(pl.col("province").is_in(["Bắc Giang", "Đồng Tháp"]))
    assert zero["value"].null_count() == 2  # the text as printed is kept: dtikit sources shows it
    assert held.filter(pl.col("value") == 0).is_empty()
    assert held["value"].drop_nulls().len() == 61
