"""Narrow terminals keep the answer: the columns left out are the least important, never the answer's,
and no figure is cut to make a table fit."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from rich.console import Console

from dtikit.render import fit_table


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.delenv("NO_COLOR", raising=False)


def _fit(frame: pl.DataFrame, limit: int, **options) -> list[str]:
    console = Console(file=io.StringIO(), width=limit)
    return fit_table(console, frame, limit, **options)[1]


def test_empty_columns_go_before_any_column_with_a_value():
    frame = pl.DataFrame(
        {
            "year": [2022, 2023],
            "province": ["Kon Tum", "Gia Lai"],
            "gov_rank": pl.Series([None, None], dtype=pl.Int64),
            "econ_rank": pl.Series([None, None], dtype=pl.Int64),
            "overall_rank": [45, 50],
            "score": [0.54, 0.61],
        }
    )
    from rich.measure import Measurement

    console = Console(file=io.StringIO(), width=10_000)
    without = fit_table(console, frame.drop("gov_rank", "econ_rank"), None)[0]
    limit = Measurement.get(console, console.options, without).minimum  # room for every column with a value
    assert _fit(frame, limit) == ["gov_rank", "econ_rank"]
    assert _fit(frame, limit - 1)[:2] == ["gov_rank", "econ_rank"]


def test_the_columns_to_keep_are_never_left_out():
    frame = pl.DataFrame({f"column_{i}": [123456 * i] for i in range(10)})
    keep = ["column_9", "column_8"]
    hidden = _fit(frame, 30, keep=keep)
    assert hidden and not set(hidden) & {*keep, "column_0", "column_1"}


def _header_words(lines: list[str]) -> set[str]:
    """The words of a table's header: the lines above its rule (a header may stand on several lines)."""
    rule = next(at for at, line in enumerate(lines) if "───" in line)
    return {word for line in lines[1:rule] for word in line.split()}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compare_keeps_every_province_and_every_figure_at_60_columns(cli, narrow, lang):
    provinces = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"]
    shown = cli("compare", *provinces, "-f", "table", "--lang", lang)
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert max(map(len, lines)) <= 60
    header = _header_words(lines)
    assert all(word in header for p in provinces for word in p.split()), header
    rows = _rows(cli("compare", *provinces, "-f", "csv").out)
    scores = [r for r in rows if r["measure"] == "overall_score" and r["Lâm Đồng"]]
    assert scores
    for row in scores:  # the last province's figures whole, in the line of their year
        figure = f"{float(row['Lâm Đồng']):.4f}".rstrip("0")
        figure = figure.replace(".", ",") if lang == "vi" else figure
        assert any(line.split()[:1] == [row["year"]] and figure in line for line in lines), (row, figure)


@pytest.mark.parametrize("columns", ["60", "40"])
def test_gap_keeps_the_places_to_go_and_met_on_a_narrow_terminal(cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    shown = cli("gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "-f", "table", "--lang", "vi")
    assert shown.code == 0
    head = shown.out.splitlines()
    assert max(map(len, head)) <= int(columns)
    assert {"số", "bậc", "cần", "tăng", "đạt"} <= _header_words(head)
    row = next(line for line in head if " 45 " in line)
    assert " 10 " in row and "✗ không" in row  # Kon Tum, 45th in 2022: 10 places short of the top 35
    assert "số bậc cần tăng" not in shown.err and "đạt" not in shown.err.replace("đạt được", "")


def test_a_value_gap_keeps_its_gap_and_met(cli, narrow):
    args = ["gap", "-p", "Kon Tum", "-i", "ty le dich vu cong truc tuyen toan trinh", "--target-value", "80"]
    shown = cli(*args, "-f", "table", "--lang", "en")
    assert shown.code == 0
    gap = _rows(cli(*args, "-f", "csv").out)[0]["value_gap"]
    assert max(map(len, shown.out.splitlines())) <= 60
    assert f"{float(gap):g} percentage points" in shown.out and "✗ no" in shown.out
