"""Writing results: notes to stderr, data to stdout in the chosen format.

**Encodings.** The machine formats (csv, tsv, json, ndjson, markdown) are written in UTF-8
whatever the console or code page: a redirected stdout under Windows Python is cp1252 (cp1258 on
Vietnamese Windows), which cannot hold 'Đ', so ``utf8_streams`` sets stdout and stderr to UTF-8
for the run when they go to a file or a pipe, and ``emit_result`` sets stdout to UTF-8 for a machine
format on a terminal too. Lines end with ``\n`` alone there (Windows would write ``\r\n``), so
that output is the same bytes on every system. A table for people uses what the console can
show: on a terminal its own encoding, a character it cannot show replaced, never an error.

**Byte-order mark.** A CSV or TSV file written with ``-o FILE`` starts with a UTF-8 byte-order
mark, so that Excel on Windows opens Vietnamese names as they are; stdout gets none. ``--bom``
(anywhere on the line) puts one on stdout too, ``--no-bom`` leaves it out of the file. ``-o -``
is stdout.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtikit.cli.options import Format

if TYPE_CHECKING:
    import polars as pl

    from dtikit.result import Result

SPREADSHEET_FORMATS = ("csv", "tsv")  # the formats a spreadsheet opens: the ones a BOM is for
STDOUT = Path("-")


def _reconfigure(stream: Any, **settings: str) -> Callable[[], None]:
    """Set a text stream's encoding or errors; what puts them back (nothing for a stream that cannot)."""
    if not isinstance(stream, io.TextIOWrapper):
        return lambda: None
    before = {"encoding": stream.encoding, "errors": stream.errors}
    if "newline" in settings:  # TextIOWrapper does not say its newline: None, the default, translates \n
        before["newline"] = None
    stream.reconfigure(**settings)
    return lambda: stream.reconfigure(**before) if not stream.closed else None


def _on_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed
        return False


def utf8_streams() -> Callable[[], None]:
    """stdout and stderr in UTF-8 when they go to a file or a pipe; on a terminal, its own encoding with
    what it cannot show replaced. Returns what puts both back as they were (for a caller in-process)."""
    undo = []
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if _on_terminal(stream):
            undo.append(_reconfigure(stream, errors="replace"))
        else:
            undo.append(_reconfigure(stream, encoding="utf-8", errors=errors, newline="\n"))
    return lambda: [restore() for restore in reversed(undo)]


def _bom(chosen: str, to_file: bool) -> str:
    """The byte-order mark to write before output in ``chosen`` format (see the module's docstring)."""
    from dtikit.cli.context import current

    bom = current().bom  # --bom / --no-bom of this run; None: a BOM in a CSV or TSV file, none on stdout
    wanted = bom if bom is not None else to_file
    return "\ufeff" if wanted and chosen in SPREADSHEET_FORMATS else ""


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
    """Notes to stderr, then the result to stdout, or to ``output``, by the writer of ``fmt``
    (``dtikit.writers``).

    Without ``fmt``, an ``output`` is written in the format its suffix names (csv for another); stdout
    is a table on a terminal, else csv. A format for people is written in the run's language (its
    enumerated values in words). ``sources`` gives the rows of ``dtikit sources`` behind the figures,
    for a writer that cites them (xlsx's sources sheet, docx's source line; called only then).
    """
    from dtikit import writers
    from dtikit.messages import labels, language, say
    from dtikit.render import default_format

    for message in result.notes:
        note(message)
    to_file = output is not None and output != STDOUT
    if fmt is not None:
        writer = writers.WRITERS[fmt.value]
    elif to_file:
        writer = writers.by_suffix(output)
    else:
        writer = writers.WRITERS[default_format(sys.stdout)]
    words = writers.Words(language(), labels(), (say("yes"), say("no")), sources)
    if writer.for_people:
        result = _in_words(result)
    if writer.binary:
        _write_binary(writer, result, output, words)
        return
    if to_file:
        with output.open("w", encoding="utf-8", newline="") as stream:
            stream.write(_bom(writer.name, to_file=True))
            writers.write(result, writer.name, stream, words)
        return
    if writer.name != "table":  # a text format is UTF-8 on a terminal too, its lines ended by \n alone
        _reconfigure(sys.stdout, encoding="utf-8", newline="\n")
    try:
        sys.stdout.write(_bom(writer.name, to_file=False))
        hidden = writers.write(result, writer.name, sys.stdout, words)
        sys.stdout.flush()
        if hidden:
            note(say("hidden", columns=", ".join(words.headers.get(c, c) for c in hidden)))
    except BrokenPipeError:
        raise OutputClosed from None


def _write_binary(writer: Any, result: Result, output: Path | None, words: Any) -> None:
    """A binary format (xlsx, docx): to the file ``output``, or to stdout for ``-o -`` (not a terminal)."""
    from dtikit import writers
    from dtikit.errors import UsageError
    from dtikit.messages import say

    if output is None or (output == STDOUT and _on_terminal(sys.stdout)):
        raise UsageError(say("output.binary_to_terminal", format=writer.name, suffix=writer.suffixes[0]))
    book = io.BytesIO()
    writers.write(result, writer.name, book, words)
    if output is not None and output != STDOUT:
        output.write_bytes(book.getvalue())
        return
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(book.getvalue())
        sys.stdout.buffer.flush()
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
