"""Numbers as they were published: the text each number of a result's table was printed with.

A published score printed "0,54" is read as 0.54 and shown as 0.54, not 0.5400; "0,6110" is shown as
0.6110, not 0.611. The store keeps each value's ``value_text``; ``texts_of`` finds it for the numbers
of a table (a frame of the same rows, one text column per number column), and every writer for people
(``dtikit.render.people_number``: tables, charts, the map, the report) writes the number at the
precision of its text. Machine formats keep the number itself.
"""

from __future__ import annotations

import polars as pl

KEYS = ("province", "year", "indicator", "period", "value")


def texts_of(values: pl.DataFrame, frame: pl.DataFrame, keys: dict[str, dict[str, pl.Expr]]) -> pl.DataFrame:
    """For each column of ``keys``, the ``value_text`` of the value each row of ``frame`` shows there.

    ``values``: held values (``province``, ``year``, ``indicator``, ``period``, ``value_text``) of one
    geography; ``keys[column]``: expressions over ``frame`` naming the value of each row (some of
    ``KEYS``; a missing year matches a missing year; ``value``: the value itself, for a figure such as
    a year's minimum, whichever province holds it). The first held row of a key gives its text.

    The frames are a table's rows and one indicator's values: looked up in Python, after one Polars
    selection of every key (a join per column cost four queries of about 0.3 ms each)."""
    if not keys:
        return pl.DataFrame()
    named = {column: [k for k in KEYS if k in key] for column, key in keys.items()}
    # with_columns, not select: a key that is a literal is one per row too
    wanted = frame.with_columns(
        key[k].cast(values.schema[k]).alias(f"\0{i}:{k}")
        for i, (column, key) in enumerate(keys.items())
        for k in named[column]
    )
    held = {k: values.get_column(k).to_list() for k in {k for names in named.values() for k in names}}
    texts = values.get_column("value_text").to_list()
    out: dict[str, list[str | None]] = {}
    for i, (column, names) in enumerate(named.items()):
        if not names:
            out[column] = [None] * frame.height
            continue
        found: dict[tuple, str | None] = {}
        for key, text in zip(zip(*(held[k] for k in names), strict=True), texts, strict=True):
            found.setdefault(_same(key), text)
        asked = zip(*(wanted.get_column(f"\0{i}:{k}").to_list() for k in names), strict=True)
        out[column] = [found.get(_same(key)) for key in asked]
    return pl.DataFrame(out, schema=dict.fromkeys(keys, pl.String))


def _same(key: tuple) -> tuple:
    """A key as a join compares it: NaN equals NaN (Python's NaN equals nothing)."""
    return tuple("NaN" if isinstance(v, float) and v != v else v for v in key)


def change_texts(
    changes: pl.Series, before: pl.Series | list, after: pl.Series, texts: tuple[pl.Series | list, pl.Series]
) -> pl.Series:
    """The change between two published numbers at the precision of the less precise: 0.54 - 0.33 is
    0.21, not 0.2100. None where either number has no printed text (then the unit decides)."""
    from dtikit.render import printed_decimals

    out = []
    for change, a, b, text_a, text_b in zip(changes, before, after, *texts, strict=True):
        decimals = [printed_decimals(v, t) for v, t in ((a, text_a), (b, text_b)) if v is not None]
        known = len(decimals) == 2 and None not in decimals and change is not None
        out.append(f"{change:.{min(decimals)}f}" if known else None)
    return pl.Series(changes.name, out, dtype=pl.String)
