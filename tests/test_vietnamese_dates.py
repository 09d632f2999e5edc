"""Periods and dates as Vietnamese writes them, in the outputs for people."""

from __future__ import annotations

import re

import pytest

from dtikit.labels import period_text


@pytest.mark.parametrize(
    ("held", "said"),
    [
        ("2022-05-19", "19/5/2022"),
        ("2022-05", "5/2022"),
        ("2023-H1", "6 tháng đầu năm 2023"),
        ("2021-01-01/2023-07-27", "1/1/2021–27/7/2023"),
        ("2022-01/2022-11", "1/2022–11/2022"),
        ("as of 2022-11-03", "tính đến 3/11/2022"),
        ("2020 (preliminary)", "2020 (sơ bộ)"),
        ("2023", "2023"),
    ],
)
def test_a_period_is_written_as_vietnamese_writes_it(held, said):
    assert period_text(held, "vi") == said
    assert period_text(held, "en") == held  # English keeps the ISO form


def test_the_report_writes_its_periods_in_the_language_of_the_page(store):
    from dtikit.report import province_report

    vi = province_report(store, "Kon Tum", lang="vi")
    en = province_report(store, "Kon Tum", lang="en")
    periods = set(re.findall(r"<td>(\d{4}-\d{2}(?:-\d{2})?)</td>", en))
    assert periods, "the English page shows ISO periods"
    for iso in periods:
        assert f"<td>{iso}</td>" not in vi
        assert f"<td>{period_text(iso, 'vi')}</td>" in vi


def test_the_reports_gap_line_is_written_as_an_official_writes_it(store):
    """'Cần tăng 3,33 bậc/năm đến năm 2025; thực tế 1 bậc/năm' (Kon Tum, 45th in 2022, target top 35)."""
    from dtikit.queries import gap_query
    from dtikit.report import province_report

    d = gap_query(store, "Kon Tum", 35, year=2022).document
    need = f"{d['places_per_year_needed']:.2f}".replace(".", ",")
    page = province_report(store, "Kon Tum", lang="vi")
    assert f"Cần tăng {need} bậc/năm đến năm {d['deadline']}; thực tế {d['pace_so_far']:g} bậc/năm." in page
    assert need == "3,33" and d["pace_so_far"] == 1  # the published ranks: 46th in 2021, 45th in 2022
