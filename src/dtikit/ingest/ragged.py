"""Cells beyond the header of a text table: a row longer than its header is refused, never cut.

A CSV row with more cells than the header names is almost always a value split by the separator:
``Kon Tum,2022,x,1,5%`` in a comma-separated file with a decimal comma (``1,5%`` unquoted). Cutting
the row at the header's width stored 1 for 1.5 without a word; both ingest routes now refuse it,
naming the row and the first cell beyond the header. An empty cell there (a trailing separator, as
many exports write) is no cell. A workbook's sheet is a rectangle: a cell beyond the header there is
an unnamed column, which the layout refuses already (``--map`` names or ignores it).
"""

from __future__ import annotations

import polars as pl

# problems said for one table: the first ones, as the general checks name a broken rule's first cells
FIRST = 20


def beyond(width: int) -> str:
    """The column that holds a row's first cell beyond a header of ``width`` columns (``c{width}``)."""
    return f"c{width}"


def is_beyond(width: int) -> pl.Expr:
    """True where a row has a cell beyond the header that is not empty (or only spaces): one that holds
    a character ``strip_chars`` would keep (the same test over every code point; a null cell costs
    nothing, where filling 10M of them with "" to strip them took 0.15 CPU-s)."""
    return pl.col(beyond(width)).str.contains(r"\S").fill_null(False)


def rows_beyond(cells: pl.LazyFrame, width: int, aside: pl.Expr) -> pl.DataFrame:
    """The first rows (``row``, ``cell``) of ``cells`` (``c0``..``c{width}``) with a cell beyond the header,
    leaving out the rows the layout sets aside (a title, notes below the table)."""
    found = cells.filter(is_beyond(width) & ~aside).select("row", cell=pl.col(beyond(width)).str.strip_chars())
    return found.head(FIRST).collect()
