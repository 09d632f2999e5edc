"""Writing results: notes to stderr, data to stdout in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtikit.cli.options import Format

if TYPE_CHECKING:
    import polars as pl


class OutputClosed(Exception):
    """The reader of stdout went away (``| head``). Not an OSError, so click does not turn it into exit 1."""


def note(message: str) -> None:
    from dtikit.errors import one_line

    print(f"dtikit: note: {one_line(message)}", file=sys.stderr)


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
    """Write a result: ``frame`` in the chosen format to stdout, or to ``output``; the notes to stderr.

    ``sources`` gives the rows of ``dtikit sources`` behind the figures, for the sources sheet of
    an xlsx workbook (called only then).
    """
    from dtikit.cli.messages import labels, language, say
    from dtikit.render import default_format

    people = {
        "headers": {**labels(), **(headers or {})},
        "yes_no": (say("yes"), say("no")),
        "decimal_comma": language() == "vi",
    }

    for message in notes:
        note(message)
    if fmt is not None:
        chosen = fmt.value
    elif output is not None:
        chosen = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
    else:
        chosen = default_format(sys.stdout)
    if chosen == "xlsx":
        from dtikit.errors import UsageError
        from dtikit.xlsx import write_xlsx

        if output is None:
            raise UsageError("--format xlsx writes a file: give --output FILE.xlsx")
        write_xlsx(frame, output, sources() if sources is not None else None)
        return
    if output is not None:
        with output.open("w", encoding="utf-8", newline="") as stream:
            _render(frame, chosen, stream, document, title, table_columns, units, drop_first, people)
        return
    try:
        hidden = _render(frame, chosen, sys.stdout, document, title, table_columns, units, drop_first, people)
        sys.stdout.flush()
        if hidden:
            note(say("hidden", columns=", ".join(hidden)))
    except BrokenPipeError:
        raise OutputClosed from None


def _render(frame, chosen, stream, document, title, table_columns, units, drop_first, people) -> list[str]:
    from dtikit.render import render

    return render(
        frame,
        chosen,
        stream,
        document=document,
        title=title,
        table_columns=table_columns,
        units=units,
        drop_first=drop_first,
        **people,
    )
