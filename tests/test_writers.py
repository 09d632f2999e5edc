"""The registry of writers: every format declared once, the CLI's choices and suffixes read from it,
and the docx writer read back with python-docx against the CSV of the same query."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import math
import re
from pathlib import Path

import pytest

from dtikit.writers import WRITERS, by_suffix, names

docx = pytest.importorskip("docx")

TABLE_COMMANDS = [
    ["rank", "-y", "2022", "--top", "10"],
    ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022"],
    ["gap", "-p", "Kon Tum", "-i", "ty le dich vu cong truc tuyen toan trinh", "--target-value", "80"],
    ["profile", "-p", "Kon Tum"],
    ["compare", "Kon Tum", "Gia Lai"],
    ["trend"],
    ["sources", "-p", "Kon Tum"],
    ["provinces"],
    ["targets"],
    ["indicators"],
]


def test_the_cli_offers_every_registered_format_and_no_other(cli):
    from dtikit.cli.options import Format

    assert [f.value for f in Format] == names()
    bad = cli("rank", "-y", "2022", "-f", "nowhere", "--lang", "en")
    assert bad.code == 2
    assert all(f"'{name}'" in bad.err for name in names())
    shown = cli("rank", "--help", "--lang", "en").out
    assert all(name in shown for name in names())


@pytest.mark.parametrize("writer", list(WRITERS.values()), ids=list(WRITERS))
def test_each_suffix_selects_its_format(writer):
    for suffix in writer.suffixes:
        assert by_suffix(Path(f"answer{suffix.upper()}")) is writer
    assert by_suffix(Path("answer.unknown")).name == "csv"


def _number(text: str, lang: str) -> float | None:
    """A cell as a person reads it back to a number ('1,954,846', '60.81%', '–'); None for a text."""
    plain = text.replace("percentage points", "").replace("điểm phần trăm", "").strip().rstrip("%")
    plain = plain.replace(".", "").replace(",", ".") if lang == "vi" else plain.replace(",", "")
    plain = plain.replace("▲ ", "").replace("▼ ", "-")
    try:
        return float(plain)
    except ValueError:
        return None


@functools.cache
def _names(lang: str) -> dict[str, str]:
    """Every indicator's name in ``lang``, by its id and by the labels of the DTI's rows ('overall_rank')."""
    from dtikit.catalog import Catalog
    from dtikit.storage import Store

    catalog = Catalog.of(Store())
    first, second = ("name_vi", "name_en") if lang == "vi" else ("name_en", "name_vi")

    def name(ind) -> str:
        return getattr(ind, first) or getattr(ind, second) or ind.id

    names = {}
    for ind in catalog:
        for key in (ind.id, ind.label, f"{ind.label}_score", f"{ind.label}_value"):
            names.setdefault(key, name(ind))
        if ind.rank_id in catalog:
            names.setdefault(f"{ind.label}_rank", name(catalog.get(ind.rank_id)))
    return names


def _in_words(held: str, lang: str) -> set[str]:
    """What a document for people may show for a value held: its word, unit, period or indicator name,
    a comparator as officials write it ('≤'), a source as cited."""
    from dtikit.citations import own_file
    from dtikit.labels import citation_text, comparator_text, reported_text
    from dtikit.messages import unit_label, words
    from dtikit.periods import period_words

    said = {words(lang).get(held), unit_label(held, lang), period_words(held, lang), _names(lang).get(held)}
    said |= {comparator_text(held), reported_text(held, lang), own_file(citation_text(held, lang), lang)}
    return said - {None}


def _read_docx(path: Path) -> tuple[list[str], list[list[str]], list[str]]:
    document = docx.Document(str(path))
    assert len(document.tables) == 1
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return rows[0], rows[1:], [p.text for p in document.paragraphs]


def _same_cell(shown: str, held: str, lang: str) -> bool:
    """A docx cell says the CSV's value: the same text, '–' for empty, or the same number at the
    precision shown (rounded, never another figure)."""
    if shown == held or shown in _in_words(held, lang):  # as held, or put in the language's words
        return True
    if held == "":
        return shown == "–"
    number = _number(shown, lang)
    try:
        value = float(held)
    except ValueError:
        return shown == held or (number is None and shown in ("✓ yes", "✗ no", "✓ có", "✗ không"))
    if number is None:
        return False
    decimals = len(re.sub(r".*[.,]", "", shown.rstrip("%").split()[0])) if re.search(r"[.,]\d+%?$", shown) else 0
    if lang == "en" and re.fullmatch(r"-?\d{1,3}(,\d{3})+", shown.split()[0]):
        decimals = 0
    return math.isclose(number, round(value, decimals), abs_tol=10**-decimals / 2 + 1e-12)


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_docx_holds_the_title_header_unit_source_and_the_csv_figures(cli, tmp_path, args, lang):
    from dtikit.messages import labels

    out = tmp_path / "answer.docx"
    written = cli(*args, "-o", str(out), "--lang", lang)
    assert written.code == 0, written.err
    header, rows, paragraphs = _read_docx(out)
    table = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv", "--lang", lang).out)))
    assert len(rows) == len(table)
    # each column of the document is a column of the CSV: the same figure in every row
    known = set(labels(lang).values())
    unused = list(table[0])
    for at, head in enumerate(header):
        assert head.strip(), header
        match = next(
            (c for c in unused if all(_same_cell(r[at], h[c], lang) for r, h in zip(rows, table, strict=True))),
            None,
        )
        assert match is not None, (head, [r[at] for r in rows[:5]])
        assert head in known or not re.fullmatch(r"[a-z0-9_]+", head), head  # a label or data, not an id
        unused.remove(match)
    source = "Nguồn: " if lang == "vi" else "Source: "
    assert any(p.startswith(source) and len(p) > len(source) + 5 for p in paragraphs), paragraphs
    shown = cli(*args, "-f", "table", "--lang", lang).out
    title = " ".join(
        line.strip() for line in itertools.takewhile(str.strip, shown.splitlines())
    )  # a long title wraps at the terminal's width
    assert paragraphs[0] == title


def test_docx_names_the_unit_of_a_score_in_the_language(cli, tmp_path):
    out = tmp_path / "rank.docx"
    assert cli("rank", "-y", "2022", "-f", "docx", "-o", str(out), "--lang", "vi").code == 0
    _, rows, paragraphs = _read_docx(out)
    assert "Đơn vị tính: điểm 0-1" in paragraphs
    assert rows[0][:2] == ["1", "Đà Nẵng"]
    # the publisher before the pages the figures were read from (it was a bare URL)
    assert paragraphs[-1].startswith("Nguồn: Bộ Thông tin và Truyền thông (DTI 2020-2023)")
    assert "; https://dti.gov.vn/xep-hang-2022" in paragraphs[-1]


def test_docx_is_not_written_to_a_terminal_and_says_how(cli):
    said = cli("rank", "-y", "2022", "-f", "docx", "--lang", "en")
    assert said.code == 2
    assert said.err.startswith("dtikit: usage error: --format docx writes a file: give --output FILE.docx")


def test_the_language_is_held_by_the_run_not_the_process(cli):
    """Help in Vietnamese, then English, then Vietnamese in one process: each run its own words, and
    no module imported again."""
    import sys

    before = sys.modules["dtikit.cli.options"]
    vi = cli("rank", "--help", "--lang", "vi").out
    en = cli("rank", "--help", "--lang", "en").out
    assert vi.startswith("Cách dùng: dtikit rank [TÙY CHỌN]") and "Năm cần xếp hạng (với DTI" in vi
    assert en.startswith("Usage: dtikit rank [OPTIONS]") and "Year to rank (of the DTI" in en
    assert cli("rank", "--help", "--lang", "vi").out == vi
    assert sys.modules["dtikit.cli.options"] is before
    from dtikit.messages import _chosen

    assert _chosen.get() is None  # after the runs, no language is left chosen


@pytest.mark.parametrize(
    ("lang", "name"), [("vi", "Chỉ số chuyển đổi số cấp tỉnh (DTI)"), ("en", "Provincial DTI (overall)")]
)
def test_people_read_an_indicator_by_its_name_and_machines_by_its_id(cli, lang, name):
    args = ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "--lang", lang]
    table = cli(*args, "-f", "markdown").out
    assert f"| {name} | 45 |" in table and "| overall |" not in table
    assert ",false,overall,2025," in cli(*args, "-f", "csv").out  # the id, in the measure column
