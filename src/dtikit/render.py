"""The one place a DataFrame becomes output: a Rich table for people, or a machine format.

Machine formats (csv, tsv, json, ndjson, markdown) keep the frame's column order and names,
write ``.`` decimals, and write missing values as empty (csv, tsv, markdown) or ``null``
(json, ndjson). ``json`` is an array of objects unless the command gives one object.
"""

from __future__ import annotations

import json
from typing import IO, Any

import polars as pl

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
    """Columns of identifiers and years, written without thousands separators."""
    return any(word in column for word in _PLAIN)


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


def _people_cells(frame: pl.DataFrame, units: dict[str, str | None]) -> dict[str, list[str]]:
    """Each column of ``frame`` as a table shows it (``units``: a unit per column, '@col' for a row's own)."""
    cells = {}
    for name, dtype in frame.schema.items():
        values = frame[name].to_list()
        unit = units.get(name)
        if unit is not None and unit.startswith("@") and unit[1:] in frame.columns:
            row_units = frame[unit[1:]].to_list()
        else:
            row_units = [unit] * frame.height
        if dtype.is_numeric() and not _is_plain(name):
            cells[name] = [number_for_people(v, u) for v, u in zip(values, row_units, strict=True)]
        else:
            cells[name] = [MISSING if v is None else _cell(v) for v in values]
    return cells


def to_markdown(frame: pl.DataFrame) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    lines = [row(frame.columns), row(["---"] * frame.width)]
    lines += [row([_cell(v) for v in values]) for values in frame.iter_rows()]
    return "\n".join(lines) + "\n"


# Short headers for people; machine formats keep the documented column names.
TABLE_HEADERS = {
    "prev_rank": "prev rank",
    "rank_change": "± rank",
    "score_change": "± score",
    "region_rank": "in region",
    "rank_basis": "basis",
    "target_rank": "target",
    "places_to_target": "places",
    "target_holder": "holder",
    "target_holder_score": "holder score",
    "score_gap": "gap",
    "value_text": "value",
    "source_kind": "kind",
    "unit_2025": "2025 unit",
}


def _longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def to_rich_table(
    frame: pl.DataFrame,
    title: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    units: dict[str, str | None] | None = None,
) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    shown = _people_cells(frame, units or {})
    for name, dtype in frame.schema.items():
        header = (headers or {}).get(name) or TABLE_HEADERS.get(name, name)
        cells = shown[name]
        if dtype.is_numeric() or dtype == pl.Boolean:
            width = max(max(map(len, cells), default=1), _longest_word([header]))
            table.add_column(header, justify="right", no_wrap=True, min_width=width)
        else:
            width = min(_longest_word([header, *cells]), 16)
            table.add_column(header, overflow="fold", min_width=width)
    for i in range(frame.height):
        table.add_row(*(shown[name][i] for name in frame.columns))
    return table


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
) -> None:
    """Write ``frame`` to ``stream`` in ``fmt``.

    ``document`` replaces the rows for ``json``; ``table_columns`` picks the columns a person
    sees in the ``table`` format (machine formats always carry every column), ``headers`` their
    headers and ``units`` the unit of each column's numbers ('@unit': each row's ``unit``), which
    only the table uses (``number_for_people``); machine formats keep full precision.
    """
    if fmt == "csv":
        stream.write(frame.write_csv())
    elif fmt == "tsv":
        flat = frame.with_columns(pl.col(pl.String).str.replace_all(r"[\t\r\n]+", " "))
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

        shown = frame.select(table_columns) if table_columns else frame
        plain = bool(os.environ.get("NO_COLOR"))
        console = Console(file=stream, no_color=plain, color_system=None if plain else "auto")
        table = to_rich_table(shown, title, headers=headers, units=units)
        needed = _natural_width(console, table)
        if needed > console.width:  # never squeeze or drop a column: let the terminal wrap lines instead
            console = Console(file=stream, no_color=plain, color_system=None if plain else "auto", width=needed)
        console.print(table)
    else:  # the CLI validates formats; a library caller may not
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_result(result: Any, fmt: str, stream: IO[str]) -> None:
    """Write a ``dtikit.result.Result``: each of its views as a table, or its main table (or document)."""
    if fmt != "table":
        render(result.table, fmt, stream, document=result.document)
        return
    for view in result.shown():
        render(
            result.tables[view.table],
            fmt,
            stream,
            title=view.title,
            table_columns=view.columns,
            headers=view.headers,
            units=view.units,
        )
