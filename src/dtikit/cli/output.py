"""Writing results: notes to stderr, data to stdout in the chosen format."""

from __future__ import annotations

import sys
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
) -> None:
    from dtikit.render import default_format, render

    for message in notes:
        note(message)
    chosen = fmt.value if fmt is not None else default_format(sys.stdout)
    try:
        hidden = render(
            frame,
            chosen,
            sys.stdout,
            document=document,
            title=title,
            table_columns=table_columns,
            headers=headers,
            units=units,
            drop_first=drop_first,
        )
        sys.stdout.flush()
        if hidden:
            note(
                f"the table is wider than the terminal: {', '.join(hidden)} not shown; "
                f"--format {'csv'} shows every column"
            )
    except BrokenPipeError:
        raise OutputClosed from None
