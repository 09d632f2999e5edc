"""What an ingest would do to the store, and the values table after it."""

from __future__ import annotations

import polars as pl

from dtikit.storage import Store, observation_schema
from dtikit.values import KEY, agree, merge_by_precedence

OBSERVATION_SCHEMA = observation_schema()


def plan(store: Store, new: pl.LazyFrame, indicators: list[str]) -> pl.LazyFrame:
    """The new observations (of ``indicators``) with the value held for their key and an ``action``.

    add: nothing held; same: the held value agrees (``values.agree``: at the precision of the less
    precise, as each was written);
    conflict: the held value differs. Only the held values of ``indicators`` are read (a part
    holding none of them is not opened).
    """
    held = store.values(indicators=indicators).lazy()
    held = held.select(*KEY, held_value="value", held_text="value_text", held_source="source")
    same = agree(pl.col("value"), pl.col("value_text"), pl.col("held_value"), pl.col("held_text"))
    return new.join(held, on=KEY, how="left").with_columns(
        action=pl.when(pl.col("held_value").is_null())
        .then(pl.lit("add"))
        .when(same)
        .then(pl.lit("same"))
        .otherwise(pl.lit("conflict"))
    )


def plan_view(planned: pl.LazyFrame) -> pl.DataFrame:
    """The plan as printed by ``--dry-run``."""
    return (
        planned.select(
            file="raw_file",
            row="raw_row",
            province="province",
            year="year",
            indicator="indicator",
            held_value="held_value",
            value="value",
            action="action",
            held_source="held_source",
        )
        .collect()
        .sort("file", "row", "indicator", "year", "province")
    )


def counts_of(planned: pl.LazyFrame) -> dict[str, int]:
    """Keys by action: a key that several files of one command give (with one value, else they are
    refused) is added, held or replaced once."""
    found = dict(planned.select(*KEY, "action").unique().group_by("action").len().collect().iter_rows())
    return {a: found.get(a, 0) for a in ("add", "same", "conflict")}


def touched_keys(planned: pl.LazyFrame) -> pl.DataFrame:
    """The keys an ingest gives a value again (held the same or replaced)."""
    return planned.filter(pl.col("action") != "add").select(KEY).unique().collect()


def new_values(
    values: pl.LazyFrame,
    observations: pl.LazyFrame,
    planned: pl.LazyFrame,
    touched: pl.DataFrame,
    several_files: bool,
) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """The values table after the ingest, from the ``values`` and ``observations`` held and the
    ``touched_keys`` of ``planned``: held values of untouched keys, merged touched ones, added ones;
    and the held keys whose chosen value is now another that agrees with it (``rewritten``)."""
    value_columns = ["period", "value", "value_text", "unit", "source_kind", "source"]
    new = planned.select(OBSERVATION_SCHEMA.keys())
    merged = merge_by_precedence(
        pl.concat(
            [
                observations.join(touched.lazy(), on=KEY, how="semi").collect(),
                new.join(touched.lazy(), on=KEY, how="semi").collect(),
            ],
            how="vertical_relaxed",
        )
    )
    added_rows = planned.filter(pl.col("action") == "add").select(OBSERVATION_SCHEMA.keys())
    if several_files:
        added = merge_by_precedence(added_rows.collect()).lazy()
    else:
        added = added_rows.select(*KEY, *value_columns, n_sources=pl.lit(1, pl.Int32), conflict=pl.lit(False))
    untouched = values.join(touched.lazy(), on=KEY, how="anti")
    return pl.concat([untouched, merged.lazy(), added], how="vertical_relaxed"), rewritten(planned, merged)


def rewritten(planned: pl.LazyFrame, merged: pl.DataFrame) -> pl.DataFrame:
    """Keys given a value that agrees with the one held (``same``) whose chosen value is now the new
    one (0,5412 for 0,54): the value, the one held and their texts, in key order."""
    same = planned.filter(pl.col("action") == "same").select(*KEY, "held_value", "held_text").unique(KEY)
    changed = merged.lazy().join(same, on=KEY).filter(pl.col("value") != pl.col("held_value"))
    return changed.select(*KEY, "value", "value_text", "held_value", "held_text").collect().sort(KEY)
