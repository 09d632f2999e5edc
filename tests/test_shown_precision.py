"""A user's numbers as a person reads them: a value typed in a spreadsheet is held as the binary
number the program kept (76.2334082054024 where the sheet shows 76.23); tables, charts, the report and
xlsx show it with at most 4 decimals (below 1: 4 significant digits), and machine formats keep it whole."""

from __future__ import annotations

import csv
import io
import re

import pytest

from dtikit.render import number_for_people, people_number

# the numbers of the workbook below, as a spreadsheet holds them (doubles) and at most 4 decimals
TYPED = {
    "Kon Tum": (76.2334082054024, "76.2334"),
    "Gia Lai": (71.0999999999999, "71.1"),
    "Đắk Lắk": (1234567.891234567, "1,234,567.8912"),
    "Lâm Đồng": (0.000123456789012, "0.0001235"),
}
# a number written with more than 4 decimals (below 1: 4 significant digits): a program's, not a source's
LONG = re.compile(r"(?<![\d.,])(?:[1-9][\d.,]*[.,]\d{5,}|0[.,]0*[1-9]\d{4,})")


@pytest.mark.parametrize(("value", "shown"), TYPED.values())
def test_a_typed_number_is_shown_with_at_most_four_decimals(value, shown):
    assert number_for_people(value, None, repr(value)) == shown  # its text is the number in full
    assert number_for_people(value) == shown


def test_a_published_number_keeps_its_printed_precision():
    assert number_for_people(0.611, "score 0-1", "0,6110") == "0.6110"
    assert number_for_people(0.54, "score 0-1", "0,54") == "0.54"
    assert people_number(60.81, "%", "vi", "60,81%") == "60,81%"
    assert people_number(2587362.0, None, "vi", "2.587.362") == "2.587.362"
    assert people_number(76.2334082054024, None, "vi", "76.2334082054024") == "76,2334"


def test_a_single_precision_number_is_capped_too():
    """A workbook of single-precision numbers (PCI 2014's 6.94423866271973): its own digits, at most 4."""
    assert number_for_people(6.94423866271973) == "6.9442"


@pytest.fixture(scope="module")
def typed_store(tmp_path_factory):
    """A store holding the workbook's typed numbers (as an xlsx of doubles) beside the bundled figures."""
    from openpyxl import Workbook

    from dtikit.cli import main

    folder = tmp_path_factory.mktemp("typed")
    book = Workbook()
    sheet = book.active
    sheet.append(["Tỉnh", "Năm", "Chỉ số đo thử"])
    for province, (value, _) in TYPED.items():
        sheet.append([province, 2022, value])
    path = folder / "typed.xlsx"
    book.save(path)
    data = folder / "store"
    assert main(["ingest", str(path), "--data", str(data), "--new-indicators", "-f", "csv"]) == 0
    return data


def _run(capsys, *args: str) -> str:
    from dtikit.cli import main

    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tables_of_typed_numbers_show_four_decimals_at_most(typed_store, capsys, lang):
    data = str(typed_store)
    table = _run(capsys, "rank", "-y", "2022", "-i", "chi_so_do_thu", "--data", data, "-f", "table", "--lang", lang)
    sources = _run(capsys, "sources", "-i", "chi_so_do_thu", "--data", data, "-f", "table", "--lang", lang)
    for shown in (table, sources):
        assert not LONG.search(shown), shown
    expected = TYPED["Kon Tum"][1] if lang == "en" else TYPED["Kon Tum"][1].replace(".", ",")
    assert expected in table and expected in sources


def test_machine_formats_keep_the_typed_number_whole(typed_store, capsys):
    out = _run(capsys, "rank", "-y", "2022", "-i", "chi_so_do_thu", "--data", str(typed_store), "-f", "csv")
    held = {r["province"]: float(r["score"]) for r in csv.DictReader(io.StringIO(out)) if r["score"]}
    assert held == {p: v for p, (v, _) in TYPED.items()}


def test_a_chart_and_an_xlsx_of_typed_numbers_show_four_decimals_at_most(typed_store, capsys, tmp_path):
    import xml.etree.ElementTree as ET

    from openpyxl import load_workbook

    from dtikit.render import shown_decimals

    chart, book = tmp_path / "c.svg", tmp_path / "t.xlsx"
    args = ("rank", "-y", "2022", "-i", "chi_so_do_thu", "--data", str(typed_store), "--lang", "vi")
    _run(capsys, *args, "--chart", str(chart), "-f", "csv")
    root = ET.fromstring(chart.read_bytes())
    shown = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "76,2334" in shown and not LONG.search(shown)
    _run(capsys, *args, "-f", "xlsx", "-o", str(book))
    workbook = load_workbook(book)
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    formats = {c.value: c.number_format for c in cells}
    assert formats[TYPED["Kon Tum"][0]] == "#,##0.0000"  # the value whole, shown at 4 decimals
    for value, shown in formats.items():  # each at most as a table shows it
        assert len(shown.partition(".")[2]) <= shown_decimals(value), (value, shown)


@pytest.mark.slow
def test_a_word_report_of_typed_numbers_shows_four_decimals_at_most(typed_store, capsys, tmp_path):
    import docx

    path = tmp_path / "r.docx"
    _run(capsys, "report", "-p", "Kon Tum", "--data", str(typed_store), "--lang", "vi", "-o", str(path))
    document = docx.Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "76,2334" in text and not LONG.search(text)
