"""Writing results: notes to stderr, data to stdout in the chosen format.

**Encodings.** The text formats other than a table (csv, tsv, json, ndjson, markdown) are written in UTF-8
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
    from dataclasses import replace

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
    elif writer.binary and any(c in result.table.columns for c in NAME_COLUMNS):  # xlsx's sheet for an office
        result = replace(result, about={**result.about, "indicator_names": _indicator_names(language())})
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
WORD_COLUMNS = ("rank_basis", "status", "source_kind", "kind", "basis", "action")


# columns naming an indicator (an id, or a label of the catalog's ``pillar`` such as 'gov_rank'), shown by its name
NAME_COLUMNS = ("indicator", "measure")


def _in_words(result: Result) -> Result:
    """``result`` as a person reads it in the run's language: enumerated values in words ('công bố',
    'đã đạt'), indicators by their name, units and periods as the language writes them, sources as
    cited (a press article's citation, a user's 'tệp F.xlsx [sheet]'). The units
    a view reads its numbers by stay the units as held."""
    from dataclasses import replace

    import polars as pl

    from dtikit.citations import own_file
    from dtikit.labels import _COMPARATORS, citation_text, reported_text
    from dtikit.messages import language, unit_label, words
    from dtikit.periods import period_words

    lang = language()
    known = words()
    names = _indicator_names(lang) if any(c in t.columns for t in result.tables.values() for c in NAME_COLUMNS) else {}
    # a view of a table the result does not hold (profile's other indicators, when there are none) stays
    views = [
        _units_held(view, result.tables[view.table]) if view.table in result.tables else view for view in result.shown()
    ]

    def spoken(table: pl.DataFrame) -> pl.DataFrame:
        text = [c for c, dtype in table.schema.items() if dtype == pl.String]
        listed = "name_vi" in table.columns  # the catalog's own listing: its ids are what one types
        return table.with_columns(
            *(pl.col(c).replace(known) for c in WORD_COLUMNS if c in text and c != "basis"),
            *(  # a province's own report: 'Đắk Lắk tự báo cáo (9/2023)'
                pl.col(c).replace(known).map_elements(lambda b: reported_text(b, lang), return_dtype=pl.String)
                for c in ("basis",)
                if c in text
            ),
            *(pl.col(c).replace(names) for c in NAME_COLUMNS if c in text and not listed),
            *(
                pl.col(c).map_elements(lambda u: unit_label(u, lang), return_dtype=pl.String)
                for c in ("unit",)
                if c in text
            ),
            *(
                pl.col(c).map_elements(lambda p: period_words(p, lang), return_dtype=pl.String)
                for c in ("period", "previous_period")
                if c in text and lang != "en"
            ),
            *(_moment(c) for c in ("committed_at", "ingested_at") if c in text and lang == "vi"),
            *(
                pl.col(c).map_elements(lambda s: own_file(citation_text(s, lang), lang), return_dtype=pl.String)
                for c in ("source",)
                if c in text
            ),
            *(pl.col(c).replace_strict(_COMPARATORS, default=pl.col(c)) for c in ("comparator",) if c in text),
        )

    return replace(result, tables={name: spoken(table) for name, table in result.tables.items()}, views=views)


def _moment(column: str) -> Any:
    """An ISO time ('2026-12-07T00:43:00+00:00') as Vietnamese writes it: '7/12/2026 00:43 (UTC)'."""
    import polars as pl

    iso = pl.col(column).str.extract_groups(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})")
    day = iso.struct.field("3").cast(pl.Int32, strict=False).cast(pl.String)
    month = iso.struct.field("2").cast(pl.Int32, strict=False).cast(pl.String)
    year, time = iso.struct.field("1"), iso.struct.field("4")
    said = pl.concat_str([day, pl.lit("/"), month, pl.lit("/"), year, pl.lit(" "), time])
    return pl.coalesce(said, pl.col(column)).alias(column)


def _units_held(view: Any, table: pl.DataFrame) -> Any:
    """``view`` with each unit it reads from a column ('@unit') as the list of that column's values,
    so that numbers keep their precision when the column is put in words."""

    units = {
        column: table[unit[1:]].to_list()
        if isinstance(unit, str) and unit[1:] in table.columns and unit[0] == "@"
        else unit
        for column, unit in (view.units or {}).items()
    }
    return view._replace(units=units or view.units)


def _indicator_names(lang: str) -> dict[str, str]:
    """The name in ``lang`` of every indicator of the run's store, by id and by the labels tables use
    (``Indicator.label``: the catalog's short word, with '_rank', '_score' or '_value')."""
    from dtikit.catalog import Catalog
    from dtikit.cli.context import current
    from dtikit.errors import DtiError
    from dtikit.labels import indicator_name
    from dtikit.storage import Store

    try:
        catalog = Catalog.of(Store(current().data))
    except DtiError:  # a store that cannot be read: its error is said by the command; names as held
        return {}
    names: dict[str, str] = {}
    for ind in catalog:
        name = indicator_name(ind.to_dict(), lang)
        names[ind.id] = name
        for label in (ind.label, f"{ind.label}_score", f"{ind.label}_value"):
            names.setdefault(label, name)
        if ind.rank_id and ind.rank_id in catalog:
            names.setdefault(f"{ind.label}_rank", indicator_name(catalog.get(ind.rank_id).to_dict(), lang))
    return names


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
    keep: list[str] = (),
    output: Path | None = None,
    sources: Callable[[], pl.DataFrame] | None = None,
    printed: pl.DataFrame | None = None,
) -> None:
    """A single table as a result of its own (commands without a query of their own), to stdout or
    ``output``, as ``emit_result`` writes it (``printed``: the text its numbers were read from, a
    column of the same name and rows, for their printed precision)."""
    from dtikit.result import Result, View

    view = View("table", title, table_columns, headers, units, list(drop_first), list(keep))
    result = Result("table", {"table": frame}, notes=list(notes), document=document, views=[view])
    if printed is not None:
        result.printed["table"] = printed
    emit_result(result, fmt, output=output, sources=sources)
