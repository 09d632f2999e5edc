"""Published ranks that contradict published scores, or each other: said, never silently chosen.

Three kinds, each within one indicator and year, over the provinces with a published rank:

- ``order``: a province ranked ahead of another holds the worse score (ICT Index 2023: Quảng Ninh
  3rd on 0.6514, Bắc Ninh 4th on 0.664). One number or the order is a misprint.
- ``same score``: provinces hold the same score as a ranked province but no rank (DTI institutions
  2022: Quảng Ninh 1st on 0.9; Đà Nẵng, Hồ Chí Minh and Thừa Thiên Huế hold 0.9 unranked). By the
  scores they share its rank, which the published rank does not say.
- ``shared rank``: provinces published at the same rank by different sources, none of which gives the
  tie, and no equal scores showing it (DTI 2021: Thanh Hóa 12th on 0.4880 in one article, Vĩnh Phúc
  12th in another). A tie or an error.

``contradictions`` lists them; ``contradiction_notes`` says them where the ranks are shown (``rank``,
``profile``) and ``dtikit sources --conflicts`` lists the source rows behind them.
"""

from __future__ import annotations

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog, Indicator
from dtikit.messages import language, say
from dtikit.ranks import held_values, ranks_of
from dtikit.storage import Store

COLUMNS = {
    "indicator": pl.String,
    "year": pl.Int16,
    "kind": pl.String,
    "rank": pl.Int32,
    "provinces": pl.List(pl.String),
    "scores": pl.List(pl.Float64),
    "ranks": pl.List(pl.Int32),
    "texts": pl.List(pl.String),
}


def _held(store: Store, measure: Indicator, geography: int) -> dict[int, list[dict]]:
    """Each (year, province) with a published rank or a score, with the rank's source and the score's
    text, by year (oldest first; in a year, in the order of ``ranks_of``). Read in Python: a year holds
    a few dozen rows, and a Polars join per column cost more than the comparisons."""
    ranks = ranks_of(store, [measure], geography)
    values = held_values(store, [measure.id, measure.rank_id], geography)
    sources: dict[tuple, str | None] = {}
    texts: dict[tuple, str | None] = {}
    held = zip(
        *(values.get_column(c).to_list() for c in ("indicator", "year", "province", "source", "value_text")),
        strict=True,
    )
    for indicator, year, province, source, text in held:  # one value per key of a geography
        if indicator == measure.rank_id:
            sources[(year, province)] = source
        elif indicator == measure.id:
            texts[(year, province)] = text
    by_year: dict[int, list[dict]] = {}
    rows = zip(*(ranks.get_column(c).to_list() for c in ("year", "province", "published", "score")), strict=True)
    for year, province, published, score in rows:
        if published is None and score is None:
            continue
        by_year.setdefault(year, []).append(
            {
                "year": year,
                "province": province,
                "published": published,
                "score": score,
                "score_text": texts.get((year, province)),
                "rank_source": sources.get((year, province)),
            }
        )
    return {year: by_year[year] for year in sorted(by_year, key=lambda y: (y is None, y))}


def _order(year: int, rows: list[dict], descending: bool) -> list[dict]:
    """Pairs ranked in one order whose scores are in the other."""
    found = []
    items = sorted((r for r in rows if r["published"] is not None and r["score"] is not None), key=_published)
    for i, ahead in enumerate(items):
        for behind in items[i + 1 :]:
            worse = behind["score"] > ahead["score"] if descending else behind["score"] < ahead["score"]
            if behind["published"] > ahead["published"] and worse:
                found.append(_record(year, "order", ahead["published"], [ahead, behind]))
    return found


def _same_score(year: int, rows: list[dict]) -> list[dict]:
    """A ranked province and the unranked ones holding its very score."""
    found = []
    unranked = [r for r in rows if r["published"] is None and r["score"] is not None]
    for ranked in rows:
        if ranked["published"] is None or ranked["score"] is None:
            continue
        same = sorted((r for r in unranked if _same(r["score"], ranked["score"])), key=_province)
        if same:
            found.append(_record(year, "same score", ranked["published"], [ranked, *same]))
    return found


def _shared(year: int, rows: list[dict]) -> list[dict]:
    """A rank published for several provinces, each by a different source, none of which gives the tie,
    and scores that do not show it (equal scores known for all of them are a tie the sources agree on)."""
    found = []
    groups: dict[int, list[dict]] = {}  # by published rank, in the order each rank first comes
    for row in rows:
        if row["published"] is not None:
            groups.setdefault(row["published"], []).append(row)
    for rank, group in groups.items():
        scores = [r["score"] for r in group]
        tie_shown = None not in scores and len({_score_key(s) for s in scores}) == 1
        if len(group) > 1 and len({r["rank_source"] for r in group}) == len(group) and not tie_shown:
            found.append(_record(year, "shared rank", rank, sorted(group, key=_province)))
    return found


# The rows of a year are compared in Python, not with a Polars filter per row (about 0.1 s of every
# profile). Scores compare as Polars compares them: NaN equals NaN, and -0.0 equals 0.0.
def _score_key(score: float) -> float | str:
    return "NaN" if score != score else score


def _same(a: float, b: float) -> bool:
    return _score_key(a) == _score_key(b)


def _published(row: dict) -> int:
    return row["published"]


def _province(row: dict) -> str:
    return row["province"]


def _record(year: int, kind: str, rank: int, rows: list[dict]) -> dict:
    return {
        "year": year,
        "kind": kind,
        "rank": rank,
        "provinces": [r["province"] for r in rows],
        "scores": [r["score"] for r in rows],
        "ranks": [r["published"] for r in rows],
        "texts": [r["score_text"] for r in rows],
    }


def contradictions(store: Store, measure: Indicator, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    """Every contradiction among ``measure``'s published ranks and scores, by year (``COLUMNS``)."""
    if not measure.rank_id:
        return pl.DataFrame(schema=COLUMNS)
    found = []
    for year, rows in _held(store, measure, geography).items():
        found += _order(year, rows, measure.descending) + _same_score(year, rows) + _shared(year, rows)
    return pl.DataFrame([{"indicator": measure.id, **f} for f in found], schema=COLUMNS)


def every_contradiction(store: Store, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    """``contradictions`` of every indicator with published ranks."""
    measures = [m for m in Catalog.of(store) if m.rank_id and m.kind != "rank"]
    frames = [contradictions(store, m, geography) for m in measures]
    return pl.concat([pl.DataFrame(schema=COLUMNS), *frames])


def contradiction_notes(
    store: Store,
    measure: Indicator,
    geography: int = geographies.DEFAULT,
    years: list[int | None] | None = None,
    provinces: list[str] | None = None,
) -> list[str]:
    """The notes of ``measure``'s contradictions in ``years`` (all when None) naming any of ``provinces``
    (any when None): those of the ranks a table shows."""
    found = contradictions(store, measure, geography)
    if years is not None:
        found = found.filter(pl.col("year").is_in([y for y in years if y is not None]))
    shown = None if provinces is None else set(provinces)
    rows = found.iter_rows(named=True)
    return [_said(measure, row) for row in rows if shown is None or shown & set(row["provinces"])]


def _said(measure: Indicator, row: dict) -> str:
    from dtikit.render import people_number

    lang = language()

    def score(i: int) -> str:
        return people_number(row["scores"][i], measure.unit, lang, row["texts"][i])

    names, common = row["provinces"], {"label": measure.title, "year": row["year"], "rank": row["rank"]}
    if row["kind"] == "order":
        a, b = names
        return say("note.contra_order", **common, a=a, sa=score(0), b=b, rb=row["ranks"][1], sb=score(1))
    if row["kind"] == "same score":
        return say("note.contra_same", **common, a=names[0], score=score(0), others=", ".join(names[1:]))
    return say("note.contra_shared", **common, names=", ".join(names))
