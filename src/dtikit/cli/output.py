"""Writing results: notes to stderr, data to stdout in the chosen format."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from dtikit.cli.options import Format

if TYPE_CHECKING:
    import polars as pl

    from dtikit.result import Result


class OutputClosed(Exception):
    """The reader of stdout went away (``| head``). Not an OSError, so click does not turn it into exit 1."""


def note(message: str) -> None:
    from dtikit.errors import one_line

    print(f"dtikit: note: {one_line(message)}", file=sys.stderr)


def emit_result(result: Result, fmt: Format | None) -> None:
    """Notes to stderr, then the result to stdout: its views as tables, or its main table in ``fmt``."""
    from dtikit.render import default_format, render_result

    for message in result.notes:
        note(message)
    chosen = fmt.value if fmt is not None else default_format(sys.stdout)
    try:
        render_result(result, chosen, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


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
) -> None:
    """A single table as a result of its own (commands without a query of their own)."""
    from dtikit.result import Result, View

    view = View("table", title, table_columns, headers, units)
    emit_result(Result("table", {"table": frame}, notes=list(notes), document=document, views=[view]), fmt)
