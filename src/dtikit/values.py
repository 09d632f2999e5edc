"""Numbers in the store: parsing published text, and merging several sources of one value."""

from __future__ import annotations

import polars as pl

from dtikit.storage.layout import KEY  # a value's key is the store's

# Lower is stronger: the ministry's own site, then provincial portals, the press, compilations.
SOURCE_PRECEDENCE = {"user": -1, "official": 0, "government": 1, "press": 2, "secondary": 3}

_RANK_TEXT = r"^\s*(\d+)\s*(?:/\s*\d+)?\s*(?:\(.*)?$"


def parse_number_column(text: pl.Expr, rank: pl.Expr) -> pl.Expr:
    """The number in a published value written with a decimal point.

    A rank may be written "45", "45/63" or "1 (tied, 9 leaders)"; a rank that is only a
    bound ("top-10", "bottom-3") is not a number and stays missing. Anything that is not a
    number stays missing; the text is kept beside it.
    """
    as_rank = text.str.extract(_RANK_TEXT, 1).cast(pl.Float64, strict=False)
    as_number = text.str.strip_chars().cast(pl.Float64, strict=False)
    return pl.when(rank).then(as_rank).otherwise(as_number)


def decimals(text: pl.Expr, value: pl.Expr) -> pl.Expr:
    """The decimals a value was written with: the digits after its last "." or "," when that is its
    decimal separator (its digits, so divided, give the value: "60,81" and "61,00" have 2, "1.753"
    for 1753 and "2,587,362" have none), else 0. Spaces, a sign and a trailing "%" are allowed;
    anything else ("45/63", "1e-05") has none."""
    body = text.str.replace_all(r"[\s\u00a0\u202f]", "").str.strip_suffix("%").str.strip_chars_start("+-−")
    fraction = body.str.extract(r"^[\d.,]*[.,](\d+)$", 1)
    places = fraction.str.len_chars().cast(pl.Int32)
    digits = body.str.replace_all(r"[.,]", "").cast(pl.Float64, strict=False)
    written = digits / pl.lit(10.0).pow(places)
    is_decimal = (written - value.abs()).abs() <= 1e-9 * pl.max_horizontal(pl.lit(1.0), value.abs())
    return pl.when(is_decimal).then(places).otherwise(0).fill_null(0).cast(pl.Int32)


def agree(value: pl.Expr, text: pl.Expr, other: pl.Expr, other_text: pl.Expr) -> pl.Expr:
    """Whether two values are equal at the precision of the less precise, as written (0.54 agrees with
    0.5412, not with 0.5451; 60,81 not with 61,00)."""
    places = pl.min_horizontal(decimals(text, value), decimals(other_text, other))
    return (value - other).abs() <= 0.5 * pl.lit(10.0).pow(-places) + 1e-9


def merge_by_precedence(observations: pl.DataFrame) -> pl.DataFrame:
    """One value per key, taken from the strongest source.

    Values ingested by the user come first (the latest ingest first: an ingest that differs
    from a held value was refused unless ``--replace`` asked for it). Then precedence:
    official > government > press > secondary; among sources of one kind that
    disagree, the number more sources of any kind give, then the first in raw-file order.
    A figure whose source states no year (``year`` missing) is keyed by its period text too.
    Two numbers agree when they are equal at the precision of the less precise one (0.54
    agrees with 0.5412, not with 0.5451). ``conflict`` is true when
    any source of the key disagrees with the chosen value; ``n_sources`` counts the sources
    that gave a number.
    """
    ranked = (
        observations.filter(pl.col("value").is_not_null())
        .with_columns(
            _precedence=pl.col("source_kind").replace_strict(SOURCE_PRECEDENCE, default=len(SOURCE_PRECEDENCE)),
            _decimals=decimals(pl.col("value_text"), pl.col("value")),
            _support=pl.len().over([*KEY, pl.when(pl.col("year").is_null()).then(pl.col("period")), "value"]),
            _ingested=pl.col("ingested_at").fill_null(""),
            # a figure without a stated year is told apart from another by its period text
            _undated=pl.when(pl.col("year").is_null()).then(pl.col("period")),
        )
        .sort(
            [*KEY, "_undated", "_ingested", "_precedence", "_support", "raw_file", "raw_row"],
            descending=[False] * 5 + [True, False, True, False, False],
            nulls_last=True,
        )
    )
    tolerance = 0.5 * pl.lit(10.0).pow(-pl.min_horizontal(pl.col("_decimals"), pl.col("_decimals").first()))
    merged = ranked.group_by([*KEY, "_undated"], maintain_order=True).agg(
        pl.col("period", "value", "value_text", "unit", "source_kind", "source").first(),
        n_sources=pl.len().cast(pl.Int32),
        conflict=((pl.col("value") - pl.col("value").first()).abs() > tolerance + 1e-9).any(),
    )
    return merged.drop("_undated").sort(KEY, nulls_last=True)
