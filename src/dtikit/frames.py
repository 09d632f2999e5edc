"""Rows and columns of small frames picked in Python.

A rank table, a province's years or the store's targets hold a few dozen to a few thousand rows. A
Polars ``filter``, ``drop`` or ``sort`` of such a frame is a query of about 0.3 ms that may wake the
engine's threads; a command made dozens of them. These give what those would give, in the same order.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

import polars as pl


def in_memory(when: bool = True) -> AbstractContextManager[object]:
    """Polars' in-memory engine for the queries run inside (when ``when``), instead of its default
    streaming engine: for frames already held in memory. Each streaming query starts its pipeline,
    0.2-0.8 ms more than the in-memory engine for a few thousand rows, and a small file's ingest
    runs about 70 (40 ms of a 0.45 s command). A scan of a large file keeps the streaming engine,
    whose memory does not grow with the file."""
    return pl.Config(engine_affinity="in-memory") if when else nullcontext()


def take(frame: pl.DataFrame, rows: list[int]) -> pl.DataFrame:
    """The ``rows`` of ``frame`` (indices, ascending), as a filter keeping them would give them: a slice when
    they follow each other (no copy), else a gather (which, like a query, may wake Polars' threads)."""
    if not rows:
        return frame.clear()
    if rows[-1] - rows[0] == len(rows) - 1:
        return frame.slice(rows[0], len(rows))
    return frame[rows]


def rows_where(frame: pl.DataFrame, **equal: object) -> pl.DataFrame:
    """The rows of ``frame`` whose columns equal the values given (a missing cell equals nothing), in
    their order (``take``): what ``filter`` keeps, without a query of about 0.3 ms."""
    rows: list[int] | None = None
    for column, wanted in equal.items():
        cells = frame.get_column(column).to_list()
        found = [n for n, cell in enumerate(cells) if cell is not None and cell == wanted]
        rows = found if rows is None else sorted(set(rows) & set(found))
    return take(frame, list(range(frame.height)) if rows is None else rows)


def without(frame: pl.DataFrame, *names: str) -> pl.DataFrame:
    """``frame`` less the columns named (``drop``, without its query)."""
    return pl.DataFrame([column for column in frame.iter_columns() if column.name not in names])


def nulls_first(value: Any) -> tuple[bool, Any]:
    """A sort key putting a missing value first, as Polars sorts (``sorted(years, key=nulls_first)``)."""
    return (value is not None, value if value is not None else 0)
