"""The one place a DataFrame becomes output: a Rich table for people, or a machine format.

Each format is declared in ``dtikit.writers``; the text ones are written here. Machine formats (csv,
tsv, json, ndjson) keep the frame's column order and names, write ``.`` decimals, and write missing
values as empty (csv, tsv) or ``null`` (json, ndjson): the same bytes in every language. The formats for
people (table, markdown) speak the run's language: labels, numbers as it writes them, words.
``json`` is an array of objects unless the command gives one object. csv and tsv, the formats a
spreadsheet opens, write a text a spreadsheet would run as a formula (``=...``, ``@...``, ``+...``,
``-...`` that is not a number) behind an apostrophe (``dtikit.runnable``); the others write it as held.
"""

from __future__ import annotations

import json
import math
import re
from typing import IO, Any

import polars as pl

from dtikit.runnable import neutralised

MISSING = "–"


def default_format(stream: IO[str]) -> str:
    """A table on a terminal, CSV into a pipe or file."""
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty is not None and isatty() else "csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_PLAIN = ("year", "deadline", "pace_since", "raw_row", "code")


def _is_plain(column: str) -> bool:
    """Columns of identifiers and years ('prev_year'), written without thousands separators; not a
    pace ('pace_per_year' is a number)."""
    return column in _PLAIN or (column.endswith("_year") and not column.endswith("per_year"))


# the unit of a difference of two shares: '19.19 percentage points', never '19.19%'
POINTS = "percentage points"
# significant digits a spreadsheet keeps: digits beyond them are binary noise, not the figure
_SIGNIFICANT = 15


def difference_unit(unit: str | None) -> str | None:
    """The unit of a difference of two values in ``unit``: percentage points for a share ('%...')."""
    return POINTS if (unit or "").strip().startswith("%") else unit


def _single(value: float) -> str | None:
    """The shortest text of ``value`` when it is a single-precision number written out in double
    precision (6.4878668785095215 is 6.487867 as the workbook's program held it), else None."""
    import struct

    single = struct.unpack("f", struct.pack("f", value))[0]
    if single == 0 or abs(single - value) > 1e-14 * abs(value):
        return None
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == single:
            return text if len(text) < len(repr(value)) else None
    return None


def plain_digits(value: float) -> str:
    """A float as its shortest true text: no binary noise (a single-precision number at its own
    precision; at most 15 significant digits, as a spreadsheet keeps), no exponent, no trailing '.0'."""
    if not math.isfinite(value):
        return repr(value)
    text = _single(value) or f"{value:.{_SIGNIFICANT}g}"
    if "e" in text:  # very large or very small: written out in full
        text = f"{float(text):.{max(0, _SIGNIFICANT - 1 - math.floor(math.log10(abs(value))))}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def printed_decimals(value: float, text: str | None) -> int | None:
    """The decimals ``text`` prints ``value`` with ('0,54' -> 2, '0.6110' -> 4, '2.587.362' -> 0), when
    ``text`` is that value as printed (its digits are the value's at some precision); else None."""
    if not text:
        return None
    digits = re.sub(r"\D", "", text).lstrip("0")
    for decimals in range(8):
        if f"{abs(value):.{decimals}f}".replace(".", "").lstrip("0") == digits:
            return decimals
    return None


# the most decimals a person is shown of a number (a 0-1 score's 4): more than 4 decimals are below
# what any published figure here prints, so they are a program's, not the source's (a value typed in
# a spreadsheet holds 76.2334082054024 where the sheet shows 76.23)
SHOWN_DECIMALS = 4


def shown_decimals(value: float) -> int:
    """The most decimals ``value`` is shown with: ``SHOWN_DECIMALS``, and below 1 as many more as it
    has zeros after the point (0.000123456 keeps 4 significant digits: 0.0001235)."""
    if value == 0 or not math.isfinite(value) or abs(value) >= 1:
        return SHOWN_DECIMALS
    return SHOWN_DECIMALS - 1 - math.floor(math.log10(abs(value)))


def _digits(value: float, decimals: int | None = None) -> str:
    """A float with thousands separators: at ``decimals`` (at most ``shown_decimals``), else as
    ``plain_digits`` up to ``shown_decimals`` decimals, trailing zeros left out."""
    most = shown_decimals(value)
    if decimals is not None:
        return f"{value:,.{min(decimals, most)}f}"
    plain = plain_digits(value)
    if len(plain.partition(".")[2]) > most:  # a program's digits, not the source's
        plain = f"{value:.{most}f}".rstrip("0").rstrip(".")
    whole, dot, fraction = plain.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-') or 0):,}" + (dot + fraction)


def number_for_people(value: Any, unit: str | None = None, text: str | None = None) -> str:
    """A number as a person reads it in a table, by unit ('.' decimals, ',' thousands).

    Counts with thousands separators and no '.0'; shares (a unit starting with '%') with their
    '%'; 0-1 scores with 4 decimals; a published value (``text``: as printed) at its printed
    precision (0.54 stays 0.54, 0.6110 stays 0.6110); never binary float noise, and never more
    than ``shown_decimals`` decimals (a user's 76.2334082054024 is 76.2334). A change takes the
    unit, so the precision, of its value; a change of a share is in percentage points (``POINTS``).
    """
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    unit = (unit or "").strip().lower()
    # a single-precision number in double precision (6.4878668785095215) shows at its own precision; one
    # whose short text is the value itself (65.0, 62.5) only when its text is the float's (a typed cell):
    # printed '65,00' beside '67,50' keeps its two decimals
    single = _single(float(value))
    noisy = single is not None and (float(single) != value or text == repr(float(value)))
    decimals = None if noisy else printed_decimals(float(value), text)
    if decimals is None and unit.startswith("score 0-1"):
        decimals = 4
    shown = _digits(float(value), decimals) if isinstance(value, float) or decimals else f"{value:,}"
    if unit == POINTS:
        return f"{shown} {POINTS}"
    return f"{shown}%" if unit.startswith("%") else shown


_VI_NUMBERS = str.maketrans({",": ".", ".": ","})


def people_number(value: Any, unit: str | None = None, lang: str = "en", text: str | None = None) -> str:
    """``number_for_people`` in ``lang``: Vietnamese writes 0,7111, 1.954.846 and 'điểm phần trăm'.

    The one way a number is written for a person: tables, charts, the map and the report."""
    shown = number_for_people(value, unit, text)
    if lang != "vi" or value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return shown
    if (unit or "").strip().lower() == POINTS:
        from dtikit.messages import unit_label

        return shown[: -len(POINTS)].translate(_VI_NUMBERS) + unit_label(POINTS, "vi")
    return shown.translate(_VI_NUMBERS)


def _people_cells(
    frame: pl.DataFrame,
    units: dict[str, str | None],
    decimal_comma: bool = False,
    texts: pl.DataFrame | None = None,
) -> dict[str, list[str]]:
    """Each column of ``frame`` as a table shows it (``units``: a unit per column, '@col' for a row's own
    unit read from column ``col``, or a list of one unit per row; ``texts``: the published text of
    numbers, a column of the same name and rows, for their printed precision, and shown as read where
    it is no number: a rank published as 'top-10', in the language's words, ``dtikit.labels.as_read``)."""
    lang = "vi" if decimal_comma else "en"
    cells = {}
    for name, dtype in frame.schema.items():
        values = frame[name].to_list()
        unit = units.get(name)
        if isinstance(unit, list):  # a unit per row
            row_units = unit
        elif unit is not None and unit.startswith("@") and unit[1:] in frame.columns:
            row_units = frame[unit[1:]].to_list()
        else:
            row_units = [unit] * frame.height
        printed = texts[name].to_list() if texts is not None and name in texts.columns else [None] * frame.height
        if dtype.is_numeric() and not _is_plain(name):  # a number not read as one: its text as read
            from dtikit.labels import as_read

            cells[name] = [
                as_read(t, lang) if v is None and t else people_number(v, u, lang, t)
                for v, u, t in zip(values, row_units, printed, strict=True)
            ]
        else:
            cells[name] = [MISSING if v is None else _cell(v) for v in values]
    return cells


def _md_cell(text: str) -> str:
    """A cell safe inside one Markdown table row: '|' escaped, a line break as <br>."""
    return re.sub(r"\r\n|\r|\n", "<br>", text.replace("|", "\\|"))


def to_markdown(frame: pl.DataFrame) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(_md_cell(c) for c in cells) + " |"

    lines = [row(frame.columns), row(["---"] * frame.width)]
    lines += [row([_cell(v) for v in values]) for values in frame.iter_rows()]
    return "\n".join(lines) + "\n"


def _longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


# columns of places climbed (positive) or lost: shown as ▲ 4 / ▼ 2 / = in green / red / dim
CHANGE_COLUMNS = ("rank_change",)
YES_NO = ("✓ yes", "✗ no")


def _change_cell(value: Any) -> tuple[str, str]:
    """A rank change as a person reads it, with its style: ('▲ 4', 'green'), ('▼ 2', 'red'), ('=', 'dim')."""
    if value is None:
        return MISSING, ""
    if value > 0:
        return f"▲ {value:,}", "green"
    if value < 0:
        return f"▼ {-value:,}", "red"
    return "=", "dim"


def to_rich_table(
    frame: pl.DataFrame,
    title: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    units: dict[str, str | None] | None = None,
    yes_no: tuple[str, str] = YES_NO,
    columns: list[str] | None = None,
    decimal_comma: bool = False,
    texts: pl.DataFrame | None = None,
    stacked: bool = False,
) -> Any:
    """A Rich table of ``frame`` for people: numbers by unit and never wrapped (text columns wrap),
    rank changes as ▲/▼/= (coloured where the console has colour), booleans as ✓/✗ with a word.
    ``columns``: the columns to show (default all; a row's unit is read from ``frame`` either way);
    ``texts``: numbers as published, for their printed precision (``_people_cells``); ``stacked``: the
    words of the headers of numbers one under another (to fit a narrow terminal)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    table.title = None  # printed above the table by ``render``, wrapped at the console's width
    shown: dict[str, list[Any]] = dict(_people_cells(frame, units or {}, decimal_comma, texts))
    for name, dtype in frame.schema.items():
        if name in CHANGE_COLUMNS and dtype.is_integer():
            shown[name] = [Text(*_change_cell(v)) for v in frame[name].to_list()]
        elif dtype == pl.Boolean:
            shown[name] = [MISSING if v is None else yes_no[0] if v else yes_no[1] for v in frame[name].to_list()]
    columns = list(frame.columns) if columns is None else columns
    for name in columns:
        dtype = frame.schema[name]
        header = (headers or {}).get(name) or name  # the CLI gives labels in the reader's language
        cells = [str(c) for c in shown[name]]
        if dtype.is_numeric() or dtype == pl.Boolean:
            if stacked:  # a narrow terminal: the header's words one under another, its figures whole
                header = "\n".join(header.split())
            width = max(max(map(len, cells), default=1), *map(len, header.split("\n")))  # no_wrap: header too
            table.add_column(header, justify="right", no_wrap=True, min_width=width)
        else:
            width = min(_longest_word([header, *cells]), 16)
            table.add_column(header, overflow="fold", min_width=width)
    for i in range(frame.height):
        table.add_row(*(shown[name][i] for name in columns))
    return table


def fit_table(
    console: Any,
    frame: pl.DataFrame,
    limit: int | None,
    drop_first: list[str] = (),
    columns: list[str] | None = None,
    keep: list[str] = (),
    **options: Any,
) -> tuple[Any, list[str]]:
    """The table of ``frame`` that fits ``limit`` columns, and the columns left out to fit.

    Text columns wrap first (at spaces; a word longer than 16 characters is folded); numbers are
    never broken. Columns are dropped, least important first: columns with no value in any row and
    then those of ``drop_first`` in its order before any text is wrapped; then, when wrapped text is
    not enough, from the right (tables list their columns most important first). The first two columns
    and those of ``keep`` (the answer: ``compare``'s provinces, ``gap``'s gap and met) are never dropped.
    """
    from rich.measure import Measurement

    columns = list(frame.columns if columns is None else columns)
    shown = list(columns)
    may_go = [c for c in columns[2:] if c not in keep]
    empty = [c for c in may_go if frame[c].null_count() == frame.height]
    first = empty + [c for c in drop_first if c in may_go and c not in empty]  # before any text is wrapped
    rest = [c for c in reversed(may_go) if c not in first]  # only when wrapped text is not enough
    hidden: list[str] = []
    while True:
        table = to_rich_table(frame, columns=columns, **options)
        wide = Measurement.get(console, console.options.update(max_width=10_000), table)
        if limit is None or wide.maximum <= limit or not (first or (wide.minimum > limit and rest)):
            if limit is not None and wide.minimum > limit and not options.get("stacked"):
                return fit_table(console, frame, limit, drop_first, shown, keep, stacked=True, **options)
            return table, [c for c in shown if c in hidden]
        hidden.append((first or rest).pop(0))
        columns.remove(hidden[-1])


def table_width(stream: IO[str]) -> int | None:
    """The width a table must fit: the terminal's, else ``COLUMNS`` when set, else none (a file)."""
    import os
    import shutil

    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def _closed() -> None:
    raise BrokenPipeError


def _least_width(console: Any, table: Any) -> int:
    """The narrowest the table can be without cutting a figure: each column at its least width (a
    number's whole, a text folded at 16 characters), with the padding and rules between them."""
    return sum(column.min_width or 1 for column in table.columns) + 3 * len(table.columns) + 1


def _natural_width(console: Any, table: Any) -> int:
    """The natural width of the table: below it Rich squeezes, folds and may drop columns."""
    from rich.measure import Measurement

    return Measurement.get(console, console.options.update(max_width=10_000), table).maximum


def _csv(frame: pl.DataFrame, stream: IO[str]) -> None:
    stream.write(neutralised(frame).write_csv())


def _tsv(frame: pl.DataFrame, stream: IO[str]) -> None:
    flat = neutralised(frame).with_columns(pl.col(pl.String).str.replace_all(r"[\t\r\n]+", " "))
    stream.write(flat.write_csv(separator="\t", quote_style="never"))


def write_csv(result: Any, stream: IO[str], words: Any = None) -> list[str]:
    _csv(result.table, stream)
    return []


def write_tsv(result: Any, stream: IO[str], words: Any = None) -> list[str]:
    _tsv(result.table, stream)
    return []


def write_json(result: Any, stream: IO[str], words: Any = None) -> list[str]:
    payload = result.table.to_dicts() if result.document is None else result.document
    stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return []


def write_ndjson(result: Any, stream: IO[str], words: Any = None) -> list[str]:
    stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in result.table.to_dicts())
    return []


def people_table(result: Any, words: Any) -> tuple[str | None, list[str], list[list[str]]]:
    """The main table as a person reads it in ``words``' language: its title, the labels of the columns
    its first view shows, and its rows of cells (numbers by unit, missing as '–', yes/no in words)."""
    view = next((v for v in result.shown() if v.table == (result.main or next(iter(result.tables)))), None)
    frame = result.table
    columns = (view.columns if view is not None and view.columns else None) or list(frame.columns)
    headers = {**words.headers, **((view.headers if view is not None else None) or {})}
    cells = _people_cells(
        frame,
        (view.units if view is not None else None) or {},
        words.decimal_comma,
        result.printed.get(view.table if view is not None else ""),
    )
    for name, dtype in frame.schema.items():
        if dtype == pl.Boolean:
            cells[name] = [MISSING if v is None else words.yes_no[v is False] for v in frame[name].to_list()]
    rows = [[cells[c][i] for c in columns] for i in range(frame.height)]
    return (view.title if view is not None else None), [headers.get(c) or c for c in columns], rows


def write_markdown(result: Any, stream: IO[str], words: Any) -> list[str]:
    """The main table in Markdown for a person's document, in the run's language: its title as a
    paragraph, column labels, numbers as that language writes them."""
    title, header, rows = people_table(result, words)

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(_md_cell(c) for c in cells) + " |"

    lines = ([_md_cell(title), ""] if title else []) + [row(header), row(["---"] * len(header))]
    stream.write("\n".join(lines + [row(r) for r in rows]) + "\n")
    return []


def _table(
    frame: pl.DataFrame,
    stream: IO[str],
    *,
    title: str | None = None,
    table_columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
    units: dict[str, str | None] | None = None,
    drop_first: list[str] = (),
    keep: list[str] = (),
    yes_no: tuple[str, str] = YES_NO,
    decimal_comma: bool = False,
    texts: pl.DataFrame | None = None,
) -> list[str]:
    import os

    from rich.console import Console

    shown = table_columns or list(frame.columns)
    plain = bool(os.environ.get("NO_COLOR"))
    limit = table_width(stream)
    console = Console(file=stream, no_color=plain, color_system=None if plain else "auto", width=limit or 10_000)
    table, hidden = fit_table(
        console,
        frame,
        limit,
        drop_first,
        shown,
        keep=keep,
        headers=headers,
        units=units,
        yes_no=yes_no,
        decimal_comma=decimal_comma,
        texts=texts,
    )
    if limit is None:  # a file: the table at its natural width
        console = Console(file=stream, no_color=True, color_system=None, width=_natural_width(console, table))
    elif _least_width(console, table) > limit:  # the answer's own columns do not fit: wider lines, no figure cut
        console = Console(
            file=stream, no_color=plain, color_system=None if plain else "auto", width=_least_width(console, table)
        )
    console.on_broken_pipe = _closed  # Rich's default exits 1; the CLI ends a closed pipe quietly with 0
    if title:
        from rich.text import Text

        console.print(Text(title, style="italic"), width=min(console.width, limit or 10_000))
    console.print(table)
    return hidden


def write_table(result: Any, stream: IO[str], words: Any) -> list[str]:
    """Each view of ``result`` as a Rich table in the reader's language; the columns left out to fit."""
    hidden: list[str] = []
    for view in result.shown():
        left_out = _table(
            result.tables[view.table],
            stream,
            title=view.title,
            table_columns=view.columns,
            headers={**words.headers, **(view.headers or {})},
            units=view.units,
            drop_first=view.drop_first,
            keep=view.keep,
            yes_no=words.yes_no,
            decimal_comma=words.decimal_comma,
            texts=result.printed.get(view.table),
        )
        hidden += [c for c in left_out if c not in hidden]
    return hidden


def render(
    frame: pl.DataFrame,
    fmt: str,
    stream: IO[str],
    *,
    document: Any = None,
    title: str | None = None,
    table_columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
    units: dict[str, str | None] | None = None,
    drop_first: list[str] = (),
    yes_no: tuple[str, str] = YES_NO,
    decimal_comma: bool = False,
    texts: pl.DataFrame | None = None,
) -> list[str]:
    """Write ``frame`` to ``stream`` in the text format ``fmt`` (``dtikit.writers``); return the columns a
    table left out to fit the terminal.

    ``document`` replaces the rows for ``json``; ``table_columns`` picks the columns a person
    sees in the ``table`` format (machine formats always carry every column), ``headers`` their
    headers, ``drop_first`` the columns a table too wide for the terminal leaves out first, and
    ``units`` the unit of each column's numbers ('@unit': each row's ``unit``), which only the
    formats for people use (``number_for_people``); machine formats keep full precision. ``yes_no`` and
    ``decimal_comma`` (0,7111 and 1.954.846) are how a table in the reader's language shows
    booleans and numbers; ``texts`` the published text of its numbers (their printed precision).
    """
    from dtikit.result import Result, View

    view = View("table", title, table_columns, headers, units, list(drop_first))
    result = Result("table", {"table": frame}, document=document, views=[view])
    if texts is not None:
        result.printed["table"] = texts
    return render_result(result, fmt, stream, headers=headers, yes_no=yes_no, decimal_comma=decimal_comma)


def render_result(
    result: Any,
    fmt: str,
    stream: IO[str],
    *,
    headers: dict[str, str] | None = None,
    yes_no: tuple[str, str] = YES_NO,
    decimal_comma: bool = False,
) -> list[str]:
    """Write a ``dtikit.result.Result`` in the text format ``fmt``: each of its views as a table, or its
    main table (or document). ``headers`` (the reader's language's column labels, under each view's
    own), ``yes_no`` and ``decimal_comma`` are as for ``render``; returns the columns the tables left out."""
    from dtikit.writers import WRITERS, Words, write

    if fmt in WRITERS and WRITERS[fmt].binary:
        raise ValueError(f"{fmt} is written to a binary stream: use dtikit.writers.write")
    words = Words("vi" if decimal_comma else "en", dict(headers or {}), yes_no)
    return write(result, fmt, stream, words)
