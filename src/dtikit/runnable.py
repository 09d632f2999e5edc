"""Text a spreadsheet would run: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or a
carriage return) and is not a number.

Opened in Excel or LibreOffice, such a cell of a CSV file is a formula (``=HYPERLINK(...)``,
``@SUM(...)``, ``+cmd|...``): it may fetch a web address or run a program. dtikit keeps such text as
it was given (the store, JSON, NDJSON and Markdown hold it as is), says so when a file or
``--source`` brings it in, and writes it in CSV and TSV output with a leading apostrophe (``'``),
as OWASP advises for CSV files: a spreadsheet then shows the text (the apostrophe too) and does
not run it. Numbers are not text: ``-5``, ``-0,5``, ``+3.2%``
and ``- 1 234`` are written as they are, and so are ``-`` and ``--`` alone (missing markers). The
xlsx writer stores every text as text already.
"""

from __future__ import annotations

import re

import polars as pl

MARK = "'"
_LEADS = r"^[=+\-@\t\r]"
_LEAD_CHARACTERS = "=+-@\t\r"  # the characters of _LEADS
_NUMBER = r"^[+\-]?[\s\u00a0\u202f]*\d[\d\s\u00a0\u202f.,]*(?:[eE][+\-]?\d+)?%?$"
_DASHES = r"^[+\-\s]+$"


def runnable(text: pl.Expr) -> pl.Expr:
    """True where a text cell would be run by a spreadsheet (see the module's docstring)."""
    return text.str.contains(_LEADS) & ~text.str.contains(_NUMBER) & ~text.str.contains(_DASHES)


def is_runnable(text: str | None) -> bool:
    """``runnable`` for one text."""
    return bool(text and re.match(_LEADS, text) and not re.match(_NUMBER + r"\Z", text) and not re.match(_DASHES, text))


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every runnable text cell behind a leading apostrophe (numbers and other cells as they are)."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if texts and frame.height:  # only the columns with a cell that starts as a formula could: the rest are
        # left without compiling the patterns (most tables have none)
        led = frame.select(pl.col(texts).str.slice(0, 1).is_in(list(_LEAD_CHARACTERS)).any()).row(0)
        texts = [name for name, any_led in zip(texts, led, strict=True) if any_led]
    if not texts:
        return frame
    return frame.with_columns(
        pl.when(runnable(pl.col(name))).then(pl.lit(MARK) + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in texts
    )


_ROLES = {"unit": "files.role.unit", "period": "files.role.period", "source_note": "files.role.source", "column": None}


def runnable_note(observations: pl.LazyFrame, file: str) -> str | None:
    """One note naming the first text of ``observations`` a spreadsheet would run (a unit, a period, a
    source, a column's header) and how many there are; None when there is none."""
    from dtikit.messages import say

    present = [c for c in _ROLES if c in observations.collect_schema().names()]
    found = (
        observations.select("raw_row", *present)
        .unpivot(on=present, index="raw_row", variable_name="role", value_name="text")
        .filter(runnable(pl.col("text")))
        .group_by("role", "text")
        .agg(pl.col("raw_row").min())  # each text's first row (``unique`` kept any of its rows)
        .sort("raw_row", "role")
        .collect()
    )
    if found.height == 0:
        return None
    role, text, row = found.row(0)
    more = say("files.and_n_more_texts", n=found.height) if found.height > 1 else ""
    what = say(_ROLES[role]) if _ROLES[role] else say("files.role.header")
    return say("files.note.runnable", file=file, row=row, what=what, text=text, lead=text[:1], more=more)
