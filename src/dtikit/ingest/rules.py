"""The rules a value cell keeps, each one named Polars expression that every ingest route evaluates.

A route (the general checks of ``dtikit.ingest.validate``, the one-pass route of
``dtikit.ingest.streamed``) brings its cells to the same columns, then evaluates ``RULES`` on them:

| column | what it holds |
|---|---|
| ``province_text``, ``province`` | the province as written, and the name it resolves to (null: unknown) |
| ``province_alt_text``, ``province_alt`` | the same in a second province column ("" and null when none) |
| ``year_text``, ``year``, ``year_from`` | the year as written, as a number, and where it came from |
| ``indicator`` | the catalog or new id (null: unknown) |
| ``clean``, ``value`` | the cell cleaned (``numbers.cleaned``) and its number |
| ``rank_like``, ``rank_of``, ``unit`` | whether it is a rank, the N of "45/N", its unit |

A cell breaks at most one rule: the first, in the order below. Where a rule's message is the same for
many cells (a file without a year), it is said once with the count (``Rule.once``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import polars as pl

from dtikit import geography as geographies
from dtikit.ingest import numbers
from dtikit.messages import say

FIRST_YEAR = geographies.geographies()[0].start.year  # the first year of the oldest map held (1997)


def units_of(geography: pl.Expr) -> pl.Expr:
    """How many units the geography of a row has (``dtikit.geography``): the N a rank is of, null for
    a geography not held. A lookup by position: ``replace_strict`` does not stream, and in the
    one-pass route each one took the ingest's peak up by 400 MB at 10M rows."""
    top = max(geographies.ids())
    held = pl.Series([geographies.count(g) if geographies.is_held(g) else None for g in range(top + 1)], dtype=pl.Int32)
    return pl.when(geography.is_between(0, top)).then(pl.lit(held).gather(geography.cast(pl.Int64).clip(0, top)))


def _n(r: dict) -> int | None:
    found = r.get("geography")
    return geographies.count(found) if found is not None and geographies.is_held(found) else None


def _none(r: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Rule:
    name: str
    broken: pl.Expr  # true where the cell breaks the rule (null counts as kept)
    column: str  # the column naming the file's column to point at
    fields: Callable[[dict], dict] = _none  # the message's fields, read only for the cells shown
    once: tuple[str, ...] | None = None  # cells alike in these columns share one problem, with their count
    variant: str = ""  # a message of its own for one case (``_comma``: with a decimal comma)

    @property
    def key(self) -> str:
        """The rule's message in ``dtikit.messages`` (area ``ingest``)."""
        return f"ingest.rule.{self.name}{self.variant}"


def shown(text: str | None, typed: bool = True) -> str:
    """A cell's text as a person wrote it: a typed number without its ``=`` mark (``typed``: the file
    may hold typed numbers; a text file does not, and its "=5" is shown as it is)."""
    return (text or "").removeprefix(numbers.CANONICAL_PREFIX) if typed else text or ""


def _value(r: dict) -> dict:
    return {"value": shown(r["value_text"], r.get("typed", True))}


def parse_value(
    clean: pl.Expr,
    rank_like: pl.Expr,
    convention: str | None,
    *,
    ranks: bool = True,
    typed: bool = True,
    bare: bool = False,
) -> dict[str, pl.Expr]:
    """The number of a cleaned cell (a rank read as a whole number, "45/63" too) and the N of a rank.

    ``ranks``: some cells may be ranks; ``typed``: some may be typed numbers (``numbers.parse_number``);
    ``bare``: every cell is bare (``numbers.is_bare``, checked by the caller), read without regexes.
    """
    if bare and typed:
        raise ValueError("a typed number is never bare")
    number = numbers.bare_number(clean, convention) if bare else numbers.parse_number(clean, convention, typed=typed)
    if not ranks:
        return {"value": number, "rank_of": pl.lit(None, pl.Int32)}
    rank, rank_of = numbers.parse_rank(clean, typed=typed)
    return {"value": pl.when(rank_like).then(rank).otherwise(number), "rank_of": rank_of}


def rules(
    convention: str | None,
    decided: bool = True,
    this_year: int | None = None,
    first_years: dict[str, int] | None = None,
) -> list[Rule]:
    """The rules in the order they are checked; ``decided``: the file's decimal convention is known;
    ``first_years``: the first year of the indicators that have one (``Catalog.first_years``)."""
    this_year = this_year or date.today().year
    first_years = first_years or {}
    first_of = pl.col("indicator").replace_strict(first_years, default=None, return_dtype=pl.Int32)
    before_first = (first_of > pl.col("year")) if first_years else pl.lit(False)  # none: nothing to look up
    unreadable = pl.col("clean").is_not_null() & pl.col("value").is_null() & pl.lit(decided)
    rank_like = pl.col("rank_like")
    score = (pl.col("unit") == "score 0-1").fill_null(False)
    whole = pl.col("value") == pl.col("value").round()
    return [
        Rule("empty_province", pl.col("province_text") == "", "province_column"),
        Rule(
            "province_columns_disagree",
            pl.col("province").is_not_null()
            & (pl.col("province_alt_text") != "")
            & (pl.col("province_alt") != pl.col("province")).fill_null(True),
            "province_alt_column",
            lambda r: {k: r[k] for k in ("province_alt_text", "province_column", "province_text")},
        ),
        Rule("no_year", pl.col("year_from") == "missing", "column", once=()),
        Rule(
            "year_out_of_range",
            pl.col("year").is_null() | ~pl.col("year").is_between(FIRST_YEAR, this_year),
            "year_column",
            lambda r: {"year": shown(r["year_text"], r.get("typed", True)), "first": FIRST_YEAR, "last": this_year},
            once=("year_text",),
        ),
        Rule("no_indicator", pl.col("indicator").is_null(), "column", once=("column",)),
        Rule(
            "before_first_year",
            before_first,
            "column",
            lambda r: {"indicator": r["indicator"], "year": r["year"], "first": first_years.get(r["indicator"])},
            once=("column", "year"),
        ),
        Rule("not_a_rank", unreadable & rank_like, "column", _value),
        Rule("not_a_number", unreadable & ~rank_like, "column", _value, variant=f"_{convention}" if convention else ""),
        Rule("not_finite", pl.col("value").is_nan() | pl.col("value").is_infinite(), "column", _value),
        Rule("score_out_of_range", score & ~rank_like & ~pl.col("value").is_between(0, 1), "column", _value),
        Rule(
            "rank_out_of_range",
            rank_like & (~pl.col("value").is_between(1, units_of(pl.col("geography"))) | ~whole),
            "column",
            lambda r: {**_value(r), "n": _n(r)},
        ),
        Rule(
            "rank_not_of_units",
            rank_like & (pl.col("rank_of") != units_of(pl.col("geography"))),
            "column",
            lambda r: {**_value(r), "n": _n(r)},
        ),
    ]


def keeps_all(checked: list[Rule]) -> pl.Expr:
    """True where a cell breaks none of the rules: ``first_broken(checked).is_null()``, without
    finding which (a chain of a dozen ``when`` on every row of a large file cost 0.5 CPU-s at 10M rows)."""
    return ~pl.any_horizontal(rule.broken.fill_null(False) for rule in checked)


def first_broken(checked: list[Rule]) -> pl.Expr:
    """The index in ``checked`` of the first rule a cell breaks (Int8), null when it keeps them all."""
    found = pl.lit(None, pl.Int8)
    for number, rule in reversed(list(enumerate(checked))):
        found = pl.when(rule.broken.fill_null(False)).then(pl.lit(number, pl.Int8)).otherwise(found)
    return found


class Evidence(NamedTuple):
    """Where a file shows its decimal convention: column, row and the text."""

    convention: str  # "comma" or "point"
    column: str
    row: int
    text: str


class Convention(NamedTuple):
    """A file's decimal convention, or why it cannot be known (``problem``: row, column, message key, fields)."""

    chosen: str | None
    note: str | None = None
    problem: tuple[int, str, str, dict] | None = None


def decide_convention(cells: pl.LazyFrame, option: str | None, name: str) -> Convention:
    """The decimal convention of a file's value cells (columns ``row``, ``column``, ``value_text``, ``clean``).

    The one rule of ``dtikit.ingest.numbers``: the convention the cells give evidence for; both is a
    contradiction; none leaves ambiguous cells ("1.753") unreadable. A given option is never overridden.
    """
    if option is not None:
        return Convention(option)
    kinds = {
        "comma": numbers.evidence(pl.col("clean"), "comma"),
        "point": numbers.evidence(pl.col("clean"), "point"),
        "ambiguous": numbers.ambiguous(pl.col("clean")),
    }

    # each kind's first cell (by row, then column) in one query: the cells are often a lazy frame of
    # joins, computed again by each query of them (two queries and a frame a cell cost 11-18 ms)
    def first(kind: str) -> pl.Expr:
        hit = pl.col(kind)
        cell = pl.struct("row", "column", "value_text").filter(hit)
        return cell.sort_by(pl.col("row").filter(hit), pl.col("column").filter(hit)).first()

    flagged = cells.with_columns(**{k: e.fill_null(False) for k, e in kinds.items()})
    firsts = flagged.select(**{k: first(k) for k in kinds}).collect()
    found = {
        kind: Evidence(kind, cell["column"], cell["row"], cell["value_text"])
        for kind, cell in firsts.row(0, named=True).items()
        if cell is not None
    }
    if "comma" in found and "point" in found:
        c, p = found["comma"], found["point"]
        fields = {"text": p.text, "column": c.column, "row": c.row, "comma": c.text}
        return Convention(None, problem=(p.row, p.column, "ingest.conventions_disagree", fields))
    for conv in ("comma", "point"):
        if conv in found:
            e = found[conv]
            note = say(f"ingest.note.decimal_{conv}", file=name, column=e.column, row=e.row, text=e.text)
            return Convention(conv, note=note)
    if "ambiguous" in found:
        a = found["ambiguous"]
        return Convention(None, problem=(a.row, a.column, "ingest.convention_unknown", {"text": a.text}))
    return Convention(None)
