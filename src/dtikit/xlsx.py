"""An Excel workbook of a result: the table as CSV has it, and a sheet of the sources of its figures.

Written with XlsxWriter (the writer Polars' ``write_excel`` uses; pure Python, well kept, and
writes a cell as the type it is told). Sheet 1 has the same columns as CSV: numbers as numbers
(whole numbers as integers), missing as empty cells, booleans as booleans, the header row bold
and frozen, each column as wide as its longest cell (up to 60). Every text is written as a
string, never parsed: a province, unit or source beginning with ``=``, ``+``, ``-`` or ``@`` is
text, not a formula (OWASP CSV injection). The last sheet, "Nguồn" ("Sources" in English), lists
the sources of the figures for a person, in the run's language (``sources_sheet``): headers in
words, indicators by name, each value at the precision a table shows it, kinds of source in words,
a user's file as 'tệp F.xlsx [sheet]'. The machine-readable rows are ``dtikit sources``'s.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import IO, Any

import polars as pl

from dtikit import geography as geographies

SOURCES_SHEET = {"vi": "Nguồn", "en": "Sources"}
MAX_WIDTH = 60


def _write_row(sheet: Any, row: int, values: list[Any], fmt: Any = None) -> None:
    for col, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, int(value) if float(value).is_integer() else value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)


def _sheet(book: Any, name: str, frame: pl.DataFrame) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    _write_row(sheet, 0, frame.columns, bold)
    for row, values in enumerate(frame.iter_rows(), start=1):
        _write_row(sheet, row, list(values))
    sheet.freeze_panes(1, 0)
    for col, name in enumerate(frame.columns):
        cells = [len(str(v)) for v in frame[name].to_list() if v is not None]
        sheet.set_column(col, col, min(MAX_WIDTH, max([len(name), *cells]) + 2))


def sources_of(frame: pl.DataFrame, sources: pl.DataFrame | None = None, lang: str = "en") -> pl.DataFrame:
    """The rows of the sources sheet: ``sources`` given (rows of ``dtikit sources``), else the distinct
    values of the frame's own ``source`` column, else a line naming the bundled sources list."""
    from dtikit.messages import say

    if sources is not None and sources.height:
        return sources
    if "source" in frame.columns and frame["source"].drop_nulls().len():
        return frame.select(pl.col("source").drop_nulls().unique(maintain_order=True))
    return pl.DataFrame({"source": [say("xlsx.bundled_sources", lang)]})


def sources_cells(held: pl.DataFrame, lang: str) -> tuple[list[str], list[list[tuple[Any, str, int | None]]]]:
    """The sources sheet as a person reads it in ``lang``: headers in words, and rows of cells (value,
    text, decimals) as ``office_rows`` gives them. An indicator is named (``name_vi``/``name_en`` when
    the rows hold them), a value written as a table writes it (its printed precision, at most 4
    decimals; the text as read where it is not a number), a kind of source in words, a user's file as
    'tệp F.xlsx [sheet]', a unit in the language."""
    from dtikit.citations import own_file
    from dtikit.labels import as_read, citation_text, indicator_name
    from dtikit.messages import labels, unit_label, words
    from dtikit.render import number_for_people, people_number

    named, said = labels(lang), words(lang)
    columns = [c for c in held.columns if c not in ("name_vi", "name_en")]
    if "value" in columns:  # the number is shown; its text only where it is not one
        columns = [c for c in columns if c != "value_text"]
    rows = []
    for row in held.iter_rows(named=True):
        cells: list[tuple[Any, str, int | None]] = []
        for name in columns:
            value = row[name]
            if name == "value" and value is None:
                cells.append((None, as_read(row.get("value_text") or "–", lang), None))
            elif value is None:
                cells.append((None, "–", None))
            elif isinstance(value, bool):
                cells.append((None, _yes_no(value, lang), None))
            elif name == "value":
                unit, text = row.get("unit"), row.get("value_text")
                shown = people_number(value, unit, lang, text)
                cells.append((value, shown, _decimals(number_for_people(value, unit, text), "en")))
            elif isinstance(value, int):
                cells.append((value, str(value), -1))
            elif name == "indicator":
                cells.append((None, indicator_name({**row, "indicator": value}, lang), None))
            elif name == "unit":
                cells.append((None, unit_label(value, lang) or "", None))
            elif name == "source":
                cells.append((None, own_file(citation_text(str(value), lang), lang), None))
            else:
                cells.append((None, said.get(value, value) if name in WORD_COLUMNS else str(value), None))
        rows.append(cells)
    return [_capital(named.get(c, c)) for c in columns], rows


def _sources_sheet(book: Any, held: pl.DataFrame, lang: str) -> None:
    """The sources sheet for a person (``sources_cells``): bold frozen header, fitted widths."""
    headers, rows = sources_cells(held, lang)
    sheet = book.add_worksheet(SOURCES_SHEET[lang])
    bold = book.add_format({"bold": True})
    formats: dict[int, Any] = {}
    sheet.write_row(0, 0, headers, bold)
    widths = [len(h) for h in headers]
    for r, cells in enumerate(rows, start=1):
        for c, (value, shown, decimals) in enumerate(cells):
            if value is not None and decimals is not None:
                if decimals not in formats:
                    code = "0" if decimals < 0 else "#,##0" + ("." + "0" * decimals if decimals else "")
                    formats[decimals] = book.add_format({"num_format": code})
                sheet.write_number(r, c, value, formats[decimals])
            else:
                sheet.write_string(r, c, shown)
            widths[c] = max(widths[c], len(shown))
    sheet.freeze_panes(1, 0)
    for c, chars in enumerate(widths):
        sheet.set_column(c, c, min(MAX_WIDTH, chars + 2))


def write_xlsx(
    frame: pl.DataFrame,
    path: str | Path | IO[bytes],
    sources: pl.DataFrame | None = None,
    name: str = "dtikit",
    lang: str = "en",
) -> None:
    """Write ``frame`` and its sources (a sheet for people in ``lang``) as an .xlsx workbook at ``path``
    (or into a binary stream)."""
    import xlsxwriter

    target = str(path) if isinstance(path, str | Path) else path
    book = xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": not isinstance(path, str | Path),
        },
    )
    try:
        _sheet(book, name[:31], frame)
        _sources_sheet(book, sources_of(frame, sources, lang), lang)
    finally:
        book.close()


# --- the sheet an office files (a Vietnamese run): title, STT, headers and units, the figures as the
# table prints them, a "Nguồn:" line; the machine-readable sheet follows it unchanged ---------------

OFFICE_SHEET = {"vi": "Bảng", "en": "Table"}
WORD_COLUMNS = ("rank_basis", "status", "source_kind", "kind", "basis")


def write_result_xlsx(
    result: Any, path: str | Path | IO[bytes], sources: pl.DataFrame | None = None, lang: str | None = None
) -> None:
    """Write a ``dtikit.result.Result`` as a workbook. In a Vietnamese run the first sheet is the table
    as an office files it (``office_rows``); the machine-readable sheet (the CSV's columns) and the
    sources sheet follow, as ``write_xlsx`` writes them."""
    from dtikit.messages import language

    lang = lang or language()
    if lang != "vi":
        write_xlsx(result.table, path, sources, lang=lang)
        return
    import xlsxwriter

    target = str(path) if isinstance(path, str | Path) else path
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(target, {**options, "in_memory": not isinstance(path, str | Path)})
    held = sources_of(result.table, sources, lang)
    try:
        _office_sheet(book, OFFICE_SHEET[lang], result, held, lang)
        _sheet(book, "dtikit", result.table)
        _sources_sheet(book, held, lang)
    finally:
        book.close()


def _view(result: Any) -> Any:
    main = result.main or next(iter(result.tables))
    return next((v for v in result.shown() if v.table == main), None) or result.shown()[0]


def _title(result: Any, view: Any, lang: str) -> str:
    """What, where and when: the view's title (indicator, year), and where for a ranking."""
    from dtikit.labels import geography_name, indicator_name

    about = result.about
    what = view.title or f"{indicator_name(about, lang)}, {about.get('year') or ''}".strip(", ")
    if about.get("province") or result.kind not in ("rank", "trend"):
        return what
    where = about.get("region") or geography_name(about.get("geography") or geographies.DEFAULT, lang)
    return f"{what} — {where}"


def _decimals(shown: str, lang: str) -> int:
    """How many decimals a number is printed with ('0,7111' -> 4, '2.587.362' -> 0)."""
    import re

    found = re.search(r"\d[\d.,]*", shown)
    digits = found.group() if found else ""
    mark = "," if lang == "vi" else "."
    return len(digits.split(mark, 1)[1]) if mark in digits else 0


def _units(view: Any, frame: pl.DataFrame) -> dict[str, str | None]:
    units = dict(view.units or {})
    return {c: (u if not (isinstance(u, str) and u.startswith("@")) else None) for c, u in units.items()} | {
        c: None for c in frame.columns if c not in units
    }


def _one_unit(unit: str | list[str | None] | None) -> str | None:
    """The unit of a column for its unit row: a unit per row is one only when every row has the same."""
    if not isinstance(unit, list):
        return unit
    return unit[0] if unit and len(set(unit)) == 1 else None


def office_rows(result: Any, lang: str = "vi") -> dict[str, Any]:
    """The office table of ``result``: title, headers (STT first), the unit of each column, and rows of
    (value, text as printed, decimals) — the value a number (decimals -1: a year or a code, written
    without a thousands separator) or None, the text as the table writes it."""
    from dtikit.labels import comparator_text, period_text, reported_text
    from dtikit.messages import labels, unit_label, words
    from dtikit.render import number_for_people, people_number

    view = _view(result)
    frame = result.tables[view.table]
    columns = [c for c in (view.columns or frame.columns) if c in frame.columns]
    named = {**labels(lang), **(view.headers or {})}
    units = _units(view, frame)
    texts = result.printed.get(view.table)
    said = words(lang)
    rows = []
    for i, row in enumerate(frame.select(columns).iter_rows(named=True)):
        cells: list[tuple[Any, str, int | None]] = [(i + 1, str(i + 1), -1)]
        for name in columns:
            value = row[name]
            text = texts[name][i] if texts is not None and name in texts.columns else None
            if value is None:
                cells.append((None, "–", None))
            elif isinstance(value, bool):
                cells.append((None, _yes_no(value, lang), None))
            elif isinstance(value, int | float) and not _plain(name):
                unit = units.get(name)
                unit = unit[i] if isinstance(unit, list) else unit  # compare: a unit per row (rank, score)
                shown = people_number(value, unit, lang, text)
                cells.append((value, shown, _decimals(number_for_people(value, unit, text), "en")))
            elif isinstance(value, int):  # a year, a code: no thousands separator
                cells.append((value, str(value), -1))
            elif name == "period":
                cells.append((None, period_text(str(value), lang) or "", None))
            elif name in ("indicator", "measure"):  # by its name in the language (the CLI gives them)
                cells.append((None, result.about.get("indicator_names", {}).get(value, str(value)), None))
            elif name == "comparator":
                cells.append((None, comparator_text(value) or "", None))
            elif name == "basis":
                cells.append((None, reported_text(said.get(value, value), lang) or "", None))
            else:
                cells.append((None, said.get(value, value) if name in WORD_COLUMNS else str(value), None))
        rows.append(cells)
    headers = ["STT" if lang == "vi" else "No."] + [_capital(named.get(c, c)) for c in columns]
    unit_row = [""] + [unit_label(_one_unit(units.get(c)), lang) or "" for c in columns]
    return {
        "title": _title(result, view, lang),
        "headers": headers,
        "units": unit_row,
        "rows": rows,
        "columns": columns,
    }


def _plain(column: str) -> bool:
    from dtikit.render import _is_plain

    return _is_plain(column)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _yes_no(value: bool, lang: str) -> str:
    from dtikit.messages import say

    return say("yes" if value else "no", lang).lstrip("✓✗ ").strip()


def source_line(result: Any, held: pl.DataFrame, lang: str) -> str:
    """'Nguồn: <publisher>; số liệu lấy từ N trang đã công bố (trang tính "Nguồn - Sources"). Lập ngày dd/mm/yyyy.'"""
    import datetime
    import os

    from dtikit.labels import PUBLISHED, _own_files
    from dtikit.messages import say

    publisher = result.about.get("publisher")
    rows = held.select("source", "source_kind").to_dicts() if {"source", "source_kind"} <= set(held.columns) else []
    # a user's own file is named as one, never counted among published pages (rows without a kind: pages)
    own = _own_files([{"kind": r["source_kind"], "source": r["source"]} for r in rows], lang)
    if rows:
        held = held.filter(pl.col("source_kind").is_in(PUBLISHED))
    pages = held["source"].drop_nulls().unique().len() if "source" in held.columns else 0
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    key = "xlsx.source_line" if own is None else "xlsx.source_line_both" if pages else "xlsx.source_line_own"
    return say(
        key,
        lang,
        publisher=publisher or say("xlsx.publisher_unknown", lang),
        n=pages,
        files=own,
        sheet=SOURCES_SHEET[lang],
        date=f"{day.day}/{day.month}/{day.year}",
    )


def _office_sheet(book: Any, name: str, result: Any, held: pl.DataFrame, lang: str) -> None:
    office = office_rows(result, lang)
    sheet = book.add_worksheet(name)
    width = len(office["headers"])
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1, "bg_color": "#F0F4F8"}
    )
    unit = book.add_format({"italic": True, "align": "center", "border": 1, "font_color": "#444444"})
    text = book.add_format({"border": 1})
    formats: dict[int, Any] = {}

    def number(decimals: int) -> Any:
        if decimals not in formats:
            code = "0" if decimals < 0 else "#,##0" + ("." + "0" * decimals if decimals else "")
            formats[decimals] = book.add_format({"num_format": code, "border": 1})
        return formats[decimals]

    sheet.write_string(0, 0, office["title"], title)
    sheet.write_row(2, 0, office["headers"], head)
    sheet.write_row(3, 0, office["units"], unit)
    shown_widths = [len(h) for h in office["headers"]]
    for r, cells in enumerate(office["rows"], start=4):
        for c, (value, shown, decimals) in enumerate(cells):
            if value is not None and decimals is not None:
                sheet.write_number(r, c, value, number(decimals))
            else:
                sheet.write_string(r, c, shown, text)
            shown_widths[c] = max(shown_widths[c], len(shown), len(office["units"][c]))
    end = 4 + len(office["rows"])
    sheet.write_string(end + 1, 0, source_line(result, held, lang))
    for c, chars in enumerate(shown_widths):
        sheet.set_column(c, c, min(MAX_WIDTH, max(chars, 4) + 2))
    sheet.freeze_panes(4, 0)
    sheet.repeat_rows(2, 3)
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    if width > 7:
        sheet.set_landscape()


def write_result(result: Any, stream: IO[bytes], words: Any) -> list[str]:
    """The xlsx writer of ``dtikit.writers``: the main table and the sources behind its figures."""
    held = words.sources() if words is not None and words.sources is not None else None
    write_result_xlsx(result, stream, held)
    return []
