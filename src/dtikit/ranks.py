"""Ranks of every (year, province) of a geography: published where published, else computed.

The one place a rank is made (competition ranking: ties share the best rank, the next is skipped);
``dtikit.ranking`` builds the rank tables people read on it, ``dtikit.contradictions`` checks the
published ranks against the scores with it.
"""

from __future__ import annotations

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Indicator
from dtikit.storage import Store

# the rank basis of a rank computed on combined values of another map (``dtikit.combine``)
COMBINED = "computed from combined values"


def competition_rank(score: pl.Expr, descending: bool = True) -> pl.Expr:
    """Rank 1 for the best score (the highest, or the lowest when ``descending`` is false); ties share
    the best rank and the next is skipped."""
    return score.rank("min", descending=descending).cast(pl.Int32)


def geography_provinces(store: Store, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    return store.provinces().filter(pl.col("geography") == geography).select("province", "region")


def published_of(text: pl.Expr) -> pl.Expr:
    """The denominator a published rank states ('20/56' -> 56), else missing."""
    return text.str.extract(r"^\s*\d+\s*/\s*(\d+)", 1).cast(pl.Int32, strict=False)


def ranked_among(published: pl.Expr, n: int, by: list[str]) -> pl.Expr:
    """How many places a published rank printed alone ('2', not '2/64') is among, per ``by``: the ``n``
    units of the map where the published ranks held cover them all (a whole published table); else
    missing, as the count is not known: PCI 2005 ranked 42 provinces of the 64, and EBI 2022's ranks reach
    the store one by one from the press, a top three looking like a table of three."""
    return pl.when(published.is_not_null().sum().over(by) == n).then(pl.lit(n, pl.Int32))


def all_year_ranks(
    store: Store, indicator: Indicator, geography: int = geographies.DEFAULT, *, among_held: bool = False
) -> pl.DataFrame:
    """Every (year, province) of the geography: score, rank, rank_basis, published and computed rank, ranked_of.

    ``rank_basis`` is "published", "computed" (from a complete table of values, in the indicator's
    direction), "computed among held" (``among_held``, in a year without published ranks) or missing.
    ``ranked_of`` is how many places the rank is among.
    """
    return ranks_of(store, [indicator], geography, among_held=among_held).drop("indicator")


def ranks_of(
    store: Store, indicators: list[Indicator], geography: int = geographies.DEFAULT, *, among_held: bool = False
) -> pl.DataFrame:
    """``all_year_ranks`` of several indicators at once (one read of the store), with an ``indicator`` column.

    Kept for the store read (a command such as ``profile`` asks for the same ranks more than once)."""
    ids = tuple(i.id for i in indicators)
    key = (ids, geography, among_held)
    memo = store.__dict__.setdefault("_ranks", {})
    if key not in memo:
        # the ranks of an indicator do not depend on the others asked with it: when a wider ask holds
        # them all (``profile``: its index and parts, then each one for its contradictions), its rows
        wider = next((k for k in memo if k[1:] == key[1:] and set(ids) <= set(k[0])), None)
        if wider is not None:
            memo[key] = memo[wider].filter(pl.col("indicator").is_in(list(ids)))
        else:
            memo[key] = _ranks_of(store, indicators, geography, among_held)
    return memo[key]


def _ranks_of(store: Store, indicators: list[Indicator], geography: int, among_held: bool) -> pl.DataFrame:
    provinces = geography_provinces(store, geography)
    n = provinces.height
    rank_of = {i.rank_id: i.id for i in indicators if i.rank_id}
    ids = [i.id for i in indicators]
    values = store.values(indicators=list(dict.fromkeys([*ids, *rank_of])), geography=geography).filter(
        pl.col("year").is_not_null() & pl.col("province").is_in(provinces["province"].implode())
    )
    scores = values.filter(pl.col("indicator").is_in(ids)).select("indicator", "year", "province", score="value")
    published = values.filter(pl.col("indicator").is_in(list(rank_of))).select(
        pl.col("indicator").replace_strict(rank_of, return_dtype=pl.String),
        "year",
        "province",
        published=pl.col("value").cast(pl.Int32),
        published_of=published_of(pl.col("value_text")),
    )
    years = pl.concat([scores.select("indicator", "year"), published.select("indicator", "year")]).unique()
    wide = (
        years.sort("indicator", "year")
        .join(provinces, how="cross")
        .join(published, on=["indicator", "year", "province"], how="left")
        .join(scores, on=["indicator", "year", "province"], how="left")
    )
    by = ["indicator", "year"]
    held = pl.col("score").is_not_null()
    complete = held.all().over(by)
    any_published = pl.col("published").is_not_null().any().over(by)
    among = pl.lit(among_held) & ~complete & ~any_published & held
    lower_is_better = [i.id for i in indicators if not i.descending]

    def ranked(*keys: str | pl.Expr) -> pl.Expr:  # competition ranks in each indicator's direction
        best_high = competition_rank(pl.col("score"), True).over(*keys)
        return (
            pl.when(pl.col("indicator").is_in(lower_is_better))
            .then(competition_rank(pl.col("score"), False).over(*keys))
            .otherwise(best_high)
        )

    wide = wide.with_columns(
        computed=pl.when(complete).then(ranked(by)),
        among=pl.when(among).then(ranked([*by, among])),
        n_held=held.sum().over(by).cast(pl.Int32),
    )
    return wide.with_columns(
        rank=pl.coalesce("published", "computed", "among"),
        rank_basis=pl.when(pl.col("published").is_not_null())
        .then(pl.lit("published"))
        .when(pl.col("computed").is_not_null())
        .then(pl.lit("computed"))
        .when(pl.col("among").is_not_null())
        .then(pl.lit("computed among held")),
        ranked_of=pl.when(pl.col("published").is_not_null())
        .then(pl.coalesce("published_of", ranked_among(pl.col("published"), n, by)))
        .when(pl.col("computed").is_not_null())
        .then(pl.lit(n, pl.Int32))
        .when(pl.col("among").is_not_null())
        .then(pl.col("n_held")),
    ).drop("among", "published_of")
