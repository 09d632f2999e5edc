"""Writing results: notes to stderr, data to stdout in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtikit.cli.options import Format

if TYPE_CHECKING:
    import polars as pl

    from dtikit.result import Result


class OutputClosed(Exception):
    """The reader of stdout went away (``| head``). Not an OSError, so click does not turn it into exit 1."""


def note(message: str) -> None:
    _stderr("prefix.note", message)


def warning(message: str) -> None:
    """Something the user should look at, though the command succeeded (stderr)."""
    _stderr("prefix.warning", message)


def _stderr(prefix: str, message: str) -> None:
    """'dtikit: note: ...' on one line of stderr, the prefix in this run's language."""
    from dtikit.errors import one_line
    from dtikit.messages import say

    print(f"dtikit: {say(prefix)}: {one_line(message)}", file=sys.stderr)


def emit_result(
    result: Result,
    fmt: Format | None,
    *,
    output: Path | None = None,
    sources: Callable[[], pl.DataFrame] | None = None,
) -> None:
    """Notes to stderr, then the result to stdout, or to ``output``: its views as tables, or its main
    table in ``fmt``.

    Without ``fmt``, an ``output`` ending in ``.xlsx`` is xlsx, another csv; stdout is a table on a
    terminal, else csv. ``sources`` gives the rows of ``dtikit sources`` behind the figures, for the
    sources sheet of an xlsx workbook (called only then).
    """
    from dtikit.messages import labels, language, say
    from dtikit.render import default_format, render_result

    people = {
        "headers": labels(),
        "yes_no": (say("yes"), say("no")),
        "decimal_comma": language() == "vi",
    }
    for message in result.notes:
        note(message)
    if fmt is not None:
        chosen = fmt.value
    elif output is not None:
        chosen = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
    else:
        chosen = default_format(sys.stdout)
    if chosen == "table":
        result = _in_words(result)
    if chosen == "xlsx":
        from dtikit.errors import UsageError
        from dtikit.xlsx import write_xlsx

        if output is None:
            raise UsageError(say("error.xlsx_output"))
        write_xlsx(result.table, output, sources() if sources is not None else None)
        return
    if output is not None:
        with output.open("w", encoding="utf-8", newline="") as stream:
            render_result(result, chosen, stream, **people)
        return
    try:
        hidden = render_result(result, chosen, sys.stdout, **people)
        sys.stdout.flush()
        if hidden:
            note(say("hidden", columns=", ".join(people["headers"].get(c, c) for c in hidden)))
    except BrokenPipeError:
        raise OutputClosed from None


# columns of enumerated values a table shows in the reader's words (machine formats keep the values)
WORD_COLUMNS = ("rank_basis", "status", "source_kind", "kind", "basis")


def _in_words(result: Result) -> Result:
    """``result`` with the enumerated values of its tables in the reader's language ('công bố', 'đã đạt')."""
    from dataclasses import replace

    import polars as pl

    from dtikit.messages import words

    known = words()
    tables = {
        name: table.with_columns(
            pl.col(c).replace(known) for c in WORD_COLUMNS if c in table.columns and table.schema[c] == pl.String
        )
        for name, table in result.tables.items()
    }
    return replace(result, tables=tables)


def emit(
    frame: pl.DataFrame,
    fmt: Format | None,
    *,
    notes: list[str] = (),
    document: Any = None,
    title: str | None = None,
    table_columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
    units: dict[str, str | None] | None = None,
    drop_first: list[str] = (),
    output: Path | None = None,
    sources: Callable[[], pl.DataFrame] | None = None,
) -> None:
    """A single table as a result of its own (commands without a query of their own), to stdout or
    ``output``, as ``emit_result`` writes it."""
    from dtikit.result import Result, View

    view = View("table", title, table_columns, headers, units, list(drop_first))
    result = Result("table", {"table": frame}, notes=list(notes), document=document, views=[view])
    emit_result(result, fmt, output=output, sources=sources)
