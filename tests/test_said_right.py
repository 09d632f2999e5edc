"""Words a person reads, said right in both languages: counts agree with their verbs and pronouns, a
comparator is written as officials write it (≤ 35), the basis and statuses of targets and the words of
the trend chart are the catalog's in each language."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET

import openpyxl
import pytest

from dtikit.messages import catalog, say

COUNTED = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")
PLURAL_ONLY = re.compile(r"\b(their|they|them|these|those)\b")


def _counted_english() -> list[tuple[str, str, str]]:
    return [(key, field, one) for key, text in catalog("en").items() for field, one, _ in COUNTED.findall(text)]


@pytest.mark.parametrize(("key", "field", "one"), _counted_english(), ids=lambda x: x)
def test_a_count_of_one_is_said_in_the_singular(key, field, one):
    """'1 target is past the deadline', never '1 target is past their deadline': the clause counting one
    thing (from its count to the next ':' or ';') has no plural pronoun (other fields: 2)."""
    fields = {name for _, name, _, _ in string.Formatter().parse(catalog("en")[key]) if name}
    said = say(key, "en", **{name: 1 if name == field else 2 for name in fields})
    assert f"1 {one}" in said, said
    clause = re.split(r"[:;]", said.partition(f"1 {one}")[2])[0]
    assert not PLURAL_ONLY.search(clause), said


def test_the_overdue_note_in_both_languages():
    assert say("note.overdue", "en", n=1).startswith("1 target is past the deadline")
    assert say("note.overdue", "en", n=2).startswith("2 targets are past the deadline")
    assert say("note.overdue", "vi", n=1).startswith("1 mục tiêu đã quá hạn")


LT = re.compile(r"<=|>=|&lt;=|&gt;=")


def test_a_comparator_is_written_as_officials_write_it(cli, tmp_path):
    """'≤ 35' in every output for people (table, Markdown, the report, xlsx's sheet for an office, docx),
    '<=' in the machine formats."""
    for lang in ("vi", "en"):
        for fmt in ("table", "markdown"):
            shown = cli("--lang", lang, "targets", "-p", "Kon Tum", "-f", fmt)
            assert shown.code == 0 and "≤" in shown.out and not LT.search(shown.out), shown.out
        page = tmp_path / f"r_{lang}.html"
        assert cli("report", "-p", "Kon Tum", "--lang", lang, "-o", str(page)).code == 0
        html = page.read_text(encoding="utf-8")
        assert "≤ 35" in html and not LT.search(html)
    assert "\n" + "Kon Tum,dti_rank,<=,35.0" in "\n" + cli("--lang", "vi", "targets", "-p", "Kon Tum", "-f", "csv").out
    book = tmp_path / "t.xlsx"
    assert cli("--lang", "vi", "targets", "-p", "Kon Tum", "-o", str(book)).code == 0
    office = list(openpyxl.load_workbook(book)["Bảng"].iter_rows(values_only=True))
    assert office[4][1:4] == ("Kon Tum", "Xếp hạng DTI cấp tỉnh", "≤"), office[4]  # named, not 'dti_rank'


@pytest.mark.parametrize(
    ("lang", "held", "reported", "statuses"),
    [
        ("en", "targets held", "reported by Đắk Lắk (2023-09)", ["done", "in progress", "at risk"]),
        ("vi", "các mục tiêu đang lưu", "Đắk Lắk tự báo cáo (tháng 9/2023)", ["đã hoàn thành", "đang thực hiện"]),
    ],
)
def test_the_basis_and_statuses_of_targets_in_each_language(cli, lang, held, reported, statuses):
    shown = cli("--lang", lang, "targets", "--summary", "-f", "markdown").out
    assert f"| {held} |" in shown, shown
    own = cli("--lang", lang, "targets", "--summary", "-p", "Đắk Lắk", "-f", "markdown")
    assert f"| {reported} |" in own.out, own.out
    for status in statuses:
        assert f"| {status} |" in own.out, own.out
    if lang == "vi":
        assert "reported by" not in own.out + own.err and "Đắk Lắk tự báo cáo" in own.err


@pytest.mark.parametrize(
    ("lang", "band", "subtitle"),
    [
        ("en", "Min–max of provinces held", "Mean, median, min–max: over the provinces held only"),
        ("vi", "Khoảng thấp nhất – cao nhất", "Trung bình, trung vị, thấp nhất – cao nhất: chỉ trên các tỉnh"),
    ],
)
def test_the_trend_chart_says_its_range_in_the_language(cli, tmp_path, lang, band, subtitle):
    chart = tmp_path / "t.svg"
    assert cli("--lang", lang, "trend", "--chart", str(chart), "-f", "csv").code == 0
    root = ET.parse(chart).getroot()
    texts = ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]
    assert band in texts, texts
    assert any(t.startswith(subtitle) for t in texts), texts


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("top-10", "nhóm 10 địa phương dẫn đầu", "top 10"),
        ("bottom-3", "nhóm 3 địa phương cuối bảng", "bottom 3"),
        ("top-9 (tied)", "nhóm 9 địa phương dẫn đầu (đồng hạng)", "top 9 (tied)"),
        ('below 10% ("thấp dưới 10%")', "thấp dưới 10%", 'below 10% ("thấp dưới 10%")'),
        ("5 of 8", "5 of 8", "5 of 8"),  # any other text as held
    ],
)
def test_a_value_that_is_no_number_is_said_in_the_language(text, vi, en):
    """A published text with no number in it (a rank given only as a bound, a statement) as the
    sources table shows it in each language."""
    from dtikit.labels import as_read

    assert (as_read(text, "vi"), as_read(text, "en")) == (vi, en)
