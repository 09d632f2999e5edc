"""Ranks of every (year, province) of a geography: published where published, else computed.

The one place a rank is made (competition ranking: ties share the best rank, the next is skipped);
``dtikit.ranking`` builds the rank tables people read on it, ``dtikit.contradictions`` checks the
published ranks against the scores with it.
"""

from __future__ import annotations

import re

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Indicator
from dtikit.frames import take, without
from dtikit.storage import Store

# the rank basis of a rank computed on combined values of another map (``dtikit.combine``)
COMBINED = "computed from combined values"


def competition_rank(score: pl.Expr, descending: bool = True) -> pl.Expr:
    """Rank 1 for the best score (the highest, or the lowest when ``descending`` is false); ties share
    the best rank and the next is skipped."""
    return score.rank("min", descending=descending).cast(pl.Int32)


def geography_provinces(store: Store, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    """The units of ``geography`` and their regions, in the store's order (picked in Python: no query)."""
    provinces = store.provinces()
    mine = [g == geography for g in provinces.get_column("geography").to_list()]
    columns = ("province", "region")
    return pl.DataFrame(
        {c: [v for v, m in zip(provinces.get_column(c).to_list(), mine, strict=True) if m] for c in columns},
        schema={c: provinces.schema[c] for c in columns},
    )


# the text of a published rank that states its denominator ('20/56'), the denominator captured
RANK_OF = r"^\s*\d+\s*/\s*(\d+)"


def published_of(text: pl.Expr) -> pl.Expr:
    """The denominator a published rank states ('20/56' -> 56), else missing."""
    return text.str.extract(RANK_OF, 1).cast(pl.Int32, strict=False)


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
    return without(ranks_of(store, [indicator], geography, among_held=among_held), "indicator")


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
            memo[key] = _rows_of(memo[wider], set(ids))
        else:
            memo[key] = _ranks_of(store, indicators, geography, among_held)
    return memo[key]


def _rows_of(ranks: pl.DataFrame, ids: set[str]) -> pl.DataFrame:
    """The rows of ``ids`` in ``ranks``, in their order: slices of the frame, not a Polars filter (a query
    of about 0.3 ms), as ``rank_rows`` gives the rows of an indicator together (sorted by indicator)."""
    indicators = ranks.get_column("indicator").to_list()
    pieces, start = [], 0
    for i in range(1, len(indicators) + 1):
        if i == len(indicators) or indicators[i] != indicators[start]:
            if indicators[start] in ids:
                pieces.append(ranks.slice(start, i - start))
            start = i
    if len(pieces) == 1:
        return pieces[0]
    return pl.concat(pieces) if pieces else ranks.clear()


def _ranks_of(store: Store, indicators: list[Indicator], geography: int, among_held: bool) -> pl.DataFrame:
    # the indicators' region ranks read with them: ``region_ranks`` asks for them next
    ids = [i.id for i in indicators] + [j for i in indicators for j in (i.rank_id, i.region_rank_id) if j]
    values = held_values(store, ids, geography)
    return rank_rows(values, geography_provinces(store, geography), indicators, among_held)


def held_values(store: Store, ids: list[str | None], geography: int) -> pl.DataFrame:
    """``store.values`` of the indicators ``ids`` (None: none) on ``geography``: the rows of a wider read
    made here before picked in Python (``ranks_of`` reads an index's scores, ranks and region ranks at
    once; its contradictions, region ranks and sources ask for some of them), else a read of the store.

    The same rows in the same order as the store's own filter of a wider read: a filter keeps the order,
    and a row is taken by its index (``frame[rows]``), not by a query of about 0.3 ms."""
    wanted = frozenset(i for i in ids if i)
    reads = store.__dict__.setdefault("_held_values", {})
    wider = next((k for k in reads if k[1] == geography and wanted <= k[0]), None)
    if wider is None:
        reads[(wanted, geography)] = store.values(indicators=sorted(wanted), geography=geography)
        return reads[(wanted, geography)]
    if wider[0] == wanted:
        return reads[wider]
    frame = reads[wider]
    return take(frame, [n for n, i in enumerate(frame.get_column("indicator").to_list()) if i in wanted])


# ``published_of`` in Python, for ``rank_rows`` (the digits as Polars reads them: ASCII)
_OF = re.compile(RANK_OF)
_INT32 = 2**31 - 1
# the columns of ``rank_rows`` (the year's type and the region's are those of the frames given)
RANK_ROW_SCHEMA = {
    "indicator": pl.String,
    "year": pl.Int16,
    "province": pl.String,
    "region": pl.String,
    "published": pl.Int32,
    "score": pl.Float64,
    "computed": pl.Int32,
    "n_held": pl.Int32,
    "rank": pl.Int32,
    "rank_basis": pl.String,
    "ranked_of": pl.Int32,
}
RANK_ROW_COLUMNS = tuple(RANK_ROW_SCHEMA)


def rank_rows(
    values: pl.DataFrame, provinces: pl.DataFrame, indicators: list[Indicator], among_held: bool = False
) -> pl.DataFrame:
    """The rows of ``ranks_of`` from the ``values`` held (``indicator``, ``year``, ``province``,
    ``value``, ``value_text``) of the indicators and their published ranks, for the ``provinces``
    (``province``, ``region``) of a geography.

    Each (indicator, year) holding a score or a published rank gets a row per province, in the
    provinces' order. Computed in Python: a year of a geography is a few dozen rows, and a Polars
    plan of joins and windows over them cost a dozen queries. Scores are ordered as Polars orders
    them (NaN above every number, -0.0 equal to 0.0, a missing score unranked)."""
    places = list(
        zip(provinces.get_column("province").to_list(), provinces.get_column("region").to_list(), strict=True)
    )
    n = len(places)
    known = {province for province, _ in places}
    ids = {i.id for i in indicators}
    rank_of = {i.rank_id: i.id for i in indicators if i.rank_id}
    lower_is_better = {i.id for i in indicators if not i.descending}
    scores: dict[tuple, float | None] = {}
    published: dict[tuple, tuple[int | None, int | None]] = {}
    pairs: set[tuple[str, int]] = set()
    columns = ("indicator", "year", "province", "value", "value_text")
    for indicator, year, province, value, text in zip(*(values.get_column(c).to_list() for c in columns), strict=True):
        if year is None or province not in known:
            continue
        if indicator in ids:
            scores[(indicator, year, province)] = value
            pairs.add((indicator, year))
        if indicator in rank_of:
            ranked = rank_of[indicator]
            published[(ranked, year, province)] = (None if value is None else int(value), _denominator(text))
            pairs.add((ranked, year))
    out: dict[str, list] = {c: [] for c in RANK_ROW_COLUMNS}  # filled a (indicator, year) at a time
    names, regions = [province for province, _ in places], [region for _, region in places]
    for indicator, year in sorted(pairs):
        given = [published.get((indicator, year, province), (None, None)) for province in names]
        held = [scores.get((indicator, year, province)) for province in names]
        n_held = sum(score is not None for score in held)
        n_published = sum(rank is not None for rank, _ in given)
        descending = indicator not in lower_is_better
        computed = competition_ranks(held, descending) if n_held == n else [None] * n
        among = [None] * n
        if among_held and n_held < n and not n_published:
            among = competition_ranks(held, descending)  # the provinces holding a score, among themselves
        ranks, bases, counts = [], [], []
        for (rank, of), by_all, by_held in zip(given, computed, among, strict=True):
            if rank is not None:
                ranks.append(rank)
                bases.append("published")
                counts.append(of if of is not None else (n if n_published == n else None))
            elif by_all is not None:
                ranks.append(by_all)
                bases.append("computed")
                counts.append(n)
            elif by_held is not None:
                ranks.append(by_held)
                bases.append("computed among held")
                counts.append(n_held)
            else:
                ranks.append(None)
                bases.append(None)
                counts.append(None)
        columns = (
            [indicator] * n,
            [year] * n,
            names,
            regions,
            [rank for rank, _ in given],
            held,
            computed,
            [n_held] * n,
            ranks,
            bases,
            counts,
        )
        for column, cells in zip(RANK_ROW_COLUMNS, columns, strict=True):
            out[column] += cells
    return pl.DataFrame(
        out, schema={**RANK_ROW_SCHEMA, "year": values.schema["year"], "region": provinces.schema["region"]}
    )


def _denominator(text: str | None) -> int | None:
    found = _OF.match(text or "")
    if found is None or not found.group(1).isascii() or int(found.group(1)) > _INT32:
        return None
    return int(found.group(1))


def _order(score: float) -> tuple[int, float]:
    """A score's place in Polars' order of floats: NaN above every number, -0.0 equal to 0.0."""
    return (1, 0.0) if score != score else (0, score + 0.0)


def competition_ranks(scores: list[float | None], descending: bool) -> list[int | None]:
    """Competition ranks of the scores held (1 for the best; ties share the best rank, the next is
    skipped), None for a missing score."""
    keys = [None if s is None else _order(s) for s in scores]
    best: dict[tuple[int, float], int] = {}
    for place, key in enumerate(sorted((k for k in keys if k is not None), reverse=descending), start=1):
        best.setdefault(key, place)
    return [None if k is None else best[k] for k in keys]
