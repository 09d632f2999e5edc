"""The one place a DataFrame becomes output: a Rich table for people, or a machine format.

Machine formats (csv, tsv, json, ndjson, markdown) keep the frame's column order and names,
write ``.`` decimals, and write missing values as empty (csv, tsv, markdown) or ``null``
(json, ndjson). ``json`` is an array of objects unless the command gives one object. csv and
tsv, the formats a spreadsheet opens, write a text a spreadsheet would run as a formula
(``=...``, ``@...``, ``+...``, ``-...`` that is not a number) behind an apostrophe
(``dtikit.runnable``); the other formats write it as held.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

import polars as pl

from dtikit.runnable import neutralised

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "markdown")
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


def _digits(value: float) -> str:
    """A float as its shortest text, with thousands separators and without a trailing '.0'."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    whole, _, fraction = repr(value).partition(".")
    if "e" in repr(value):
        return repr(value)
    return f"{int(whole):,}.{fraction}" if whole.lstrip("-").isdigit() else repr(value)


def number_for_people(value: Any, unit: str | None = None) -> str:
    """A number as a person reads it in a table, by unit.

    Counts with thousands separators and no '.0'; shares (a unit starting with '%') with their
    '%'; 0-1 scores with 4 decimals. A change takes the unit, so the precision, of its value.
    """
    if value is None:
        return MISSING
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _cell(value)
    unit = (unit or "").strip().lower()
    if unit.startswith("score 0-1"):
        return f"{value:.4f}"
    text = _digits(float(value)) if isinstance(value, float) else f"{value:,}"
    return f"{text}%" if unit.startswith("%") else text


_VI_NUMBERS = str.maketrans({",": ".", ".": ","})


def _people_cells(
    frame: pl.DataFrame, units: dict[str, str | None], decimal_comma: bool = False
) -> dict[str, list[str]]:
    """Each column of ``frame`` as a table shows it (``units``: a unit per column, '@col' for a row's own
    unit read from column ``col``, or a list of one unit per row)."""
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
        if dtype.is_numeric() and not _is_plain(name):
            cells[name] = [number_for_people(v, u) for v, u in zip(values, row_units, strict=True)]
            if decimal_comma:  # the Vietnamese convention: 0,7111 and 1.954.846
                cells[name] = [c.translate(_VI_NUMBERS) for c in cells[name]]
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
) -> Any:
    """A Rich table of ``frame`` for people: numbers by unit and never wrapped (text columns wrap),
    rank changes as ▲/▼/= (coloured where the console has colour), booleans as ✓/✗ with a word.
    ``columns``: the columns to show (default all; a row's unit is read from ``frame`` either way)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    table.title = None  # printed above the table by ``render``, wrapped at the console's width
    shown: dict[str, list[Any]] = dict(_people_cells(frame, units or {}, decimal_comma))
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
            width = max(max(map(len, cells), default=1), len(header))  # no_wrap holds the header too
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
    **options: Any,
) -> tuple[Any, list[str]]:
    """The table of ``frame`` that fits ``limit`` columns, and the columns left out to fit.

    Text columns wrap first (at spaces; a word longer than 16 characters is folded); numbers are
    never broken. When even that is too wide, columns are dropped: those of ``drop_first`` in its
    order, then from the right (tables list their columns most important first), keeping at least
    the first two.
    """
    from rich.measure import Measurement

    columns = list(frame.columns if columns is None else columns)
    shown = list(columns)
    order = [c for c in drop_first if c in columns[2:]] + [c for c in reversed(columns[2:]) if c not in drop_first]
    hidden: list[str] = []
    while True:
        table = to_rich_table(frame, columns=columns, **options)
        wide = Measurement.get(console, console.options.update(max_width=10_000), table)
        if limit is None or wide.minimum <= limit or not order:
            return table, [c for c in shown if c in hidden]
        hidden.append(order.pop(0))
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


def _natural_width(console: Any, table: Any) -> int:
    """The natural width of the table: below it Rich squeezes, folds and may drop columns."""
    from rich.measure import Measurement

    return Measurement.get(console, console.options.update(max_width=10_000), table).maximum


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
) -> list[str]:
    """Write ``frame`` to ``stream`` in ``fmt``; return the columns a table left out to fit the terminal.

    ``document`` replaces the rows for ``json``; ``table_columns`` picks the columns a person
    sees in the ``table`` format (machine formats always carry every column), ``headers`` their
    headers, ``drop_first`` the columns a table too wide for the terminal leaves out first, and
    ``units`` the unit of each column's numbers ('@unit': each row's ``unit``), which only the
    table uses (``number_for_people``); machine formats keep full precision. ``yes_no`` and
    ``decimal_comma`` (0,7111 and 1.954.846) are how a table in the reader's language shows
    booleans and numbers.
    """
    if fmt == "csv":
        stream.write(neutralised(frame).write_csv())
    elif fmt == "tsv":
        flat = neutralised(frame).with_columns(pl.col(pl.String).str.replace_all(r"[\t\r\n]+", " "))
        stream.write(flat.write_csv(separator="\t", quote_style="never"))
    elif fmt == "json":
        payload = frame.to_dicts() if document is None else document
        stream.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "ndjson":
        stream.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in frame.to_dicts())
    elif fmt == "markdown":
        stream.write(to_markdown(frame))
    elif fmt == "table":
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
            headers=headers,
            units=units,
            yes_no=yes_no,
            decimal_comma=decimal_comma,
        )
        if limit is None:  # a file: the table at its natural width
            console = Console(file=stream, no_color=True, color_system=None, width=_natural_width(console, table))
        console.on_broken_pipe = _closed  # Rich's default exits 1; the CLI ends a closed pipe quietly with 0
        if title:
            from rich.text import Text

            console.print(Text(title, style="italic"), width=min(console.width, limit or 10_000))
        console.print(table)
        return hidden
    else:  # the CLI validates formats; a library caller may not
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return []


def render_result(
    result: Any,
    fmt: str,
    stream: IO[str],
    *,
    headers: dict[str, str] | None = None,
    yes_no: tuple[str, str] = YES_NO,
    decimal_comma: bool = False,
) -> list[str]:
    """Write a ``dtikit.result.Result``: each of its views as a table, or its main table (or document).

    ``headers`` (the reader's language's column labels, under each view's own), ``yes_no`` and
    ``decimal_comma`` are as for ``render``; returns the columns the tables left out to fit.
    """
    if fmt != "table":
        return render(result.table, fmt, stream, document=result.document)
    hidden: list[str] = []
    for view in result.shown():
        left_out = render(
            result.tables[view.table],
            fmt,
            stream,
            title=view.title,
            table_columns=view.columns,
            headers={**(headers or {}), **(view.headers or {})},
            units=view.units,
            drop_first=view.drop_first,
            yes_no=yes_no,
            decimal_comma=decimal_comma,
        )
        hidden += [c for c in left_out if c not in hidden]
    return hidden
