"""Every output format, declared once: its name, file suffixes, text or bytes, for machines or for people,
and the function that writes a ``Result`` in it.

The CLI's ``--format`` choices, the format an ``--output FILE`` suffix selects, and the help that lists
them are all read from ``WRITERS``. A writer is named as ``module:function`` and imported only when used,
so ``dtikit --help`` loads none of them. Adding a format is one entry here and the module that writes it
(see CONTRIBUTING.md).

A writer is called as ``write(result, stream, words)``: ``stream`` is a text stream (UTF-8, ``\\n``) for a
text format and a binary one for a binary format; ``words`` (``Words``) is how a person's format speaks.
It returns the columns a table left out to fit the terminal (empty for every other format).

Formats **for machines** keep the result's English snake_case columns, ``.`` decimals and values as held,
whatever the language of the run (byte-identical in both). Formats **for people** use the run's language:
column labels, numbers as that language writes them, enumerated values in words.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import IO, Any, NamedTuple

MACHINES = "machines"
PEOPLE = "people"


class Writer(NamedTuple):
    name: str
    suffixes: tuple[str, ...]  # the ``--output`` suffixes that select it (lower case, with the dot)
    binary: bool  # bytes (a file, or stdout that is not a terminal), else text
    audience: str  # MACHINES or PEOPLE
    writes: str  # "module:function" that writes a Result
    package: str | None = None  # an optional package it needs (its install extra is the format's name)

    @property
    def for_people(self) -> bool:
        return self.audience == PEOPLE

    def function(self) -> Callable[..., list[str]]:
        module, name = self.writes.split(":")
        return getattr(import_module(module), name)


class Words(NamedTuple):
    """How a format for people speaks: the run's language, column labels, booleans, and the rows of the
    sources behind the figures (called only by a writer that cites them)."""

    lang: str = "en"
    headers: dict[str, str] = {}  # noqa: RUF012  (never changed: a run's labels are given whole)
    yes_no: tuple[str, str] = ("✓ yes", "✗ no")
    sources: Callable[[], Any] | None = None

    @property
    def decimal_comma(self) -> bool:
        return self.lang == "vi"


WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer("table", (".txt",), False, PEOPLE, "dtikit.render:write_table"),
        Writer("csv", (".csv",), False, MACHINES, "dtikit.render:write_csv"),
        Writer("tsv", (".tsv", ".tab"), False, MACHINES, "dtikit.render:write_tsv"),
        Writer("json", (".json",), False, MACHINES, "dtikit.render:write_json"),
        Writer("ndjson", (".ndjson", ".jsonl"), False, MACHINES, "dtikit.render:write_ndjson"),
        Writer("markdown", (".md", ".markdown"), False, PEOPLE, "dtikit.render:write_markdown"),
        Writer("xlsx", (".xlsx",), True, MACHINES, "dtikit.xlsx:write_result"),
        Writer("docx", (".docx",), True, PEOPLE, "dtikit.word:write_result", package="docx"),
    )
}
DEFAULT_FILE_FORMAT = "csv"  # an --output whose suffix names no format


def names() -> list[str]:
    return list(WRITERS)


def by_suffix(path: Path) -> Writer:
    """The writer an output file's suffix selects (``report.docx`` is docx); csv for any other suffix."""
    suffix = path.suffix.lower()
    return next((w for w in WRITERS.values() if suffix in w.suffixes), WRITERS[DEFAULT_FILE_FORMAT])


def suffixes() -> str:
    """'.txt table, .csv csv, ...': what ``--output`` suffixes select, for the help."""
    return ", ".join(f"{s} {w.name}" for w in WRITERS.values() for s in w.suffixes[:1] if w.name != "table")


def write(result: Any, name: str, stream: IO[Any], words: Words | None = None) -> list[str]:
    """Write ``result`` in the format ``name`` to ``stream``; the columns a table left out to fit."""
    if name not in WRITERS:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(WRITERS)}")
    return WRITERS[name].function()(result, stream, words or Words())
