"""Checking tidy rows and turning them into observations, with every problem located.

Rules: the province resolves (an unknown name is an error with suggestions); the year is a
whole number from 2000 to this year; the value is a number in the file's decimal convention
(``dtikit.ingest.numbers``); a 0–1 score lies in 0..1; a rank is a whole number in 1..63 (a
rank "45/N" must be of N = 63); a (province, year, indicator) appears once per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from dtikit.errors import UsageError
from dtikit.ingest import numbers
from dtikit.ingest.headers import header_key, is_aggregate
from dtikit.names import words
from dtikit.provinces import ProvinceNames
from dtikit.store import Store

N_PROVINCES = 63
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{self.file}: {where}: {self.message}"


@dataclass
class Checked:
    """Observations ready for the store (no provenance yet), the problems and the notes."""

    observations: pl.LazyFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_indicators: dict[str, str] = field(default_factory=dict)  # id -> unit
    hidden_problems: int = 0  # found beyond the SHOWN kept in ``problems``


class IndicatorNames:
    """Indicator text in a file (id, Vietnamese or English name) to a catalog id, or a new id."""

    def __init__(self, catalog: pl.DataFrame) -> None:
        self.units = dict(zip(catalog["indicator"], catalog["unit"], strict=True))
        self.by_key: dict[str, str] = {}
        for row in catalog.iter_rows(named=True):
            for text in (row["indicator"], row["name_vi"], row["name_en"]):
                if text:
                    self.by_key.setdefault(header_key(text), row["indicator"])

    def resolve(self, text: str) -> tuple[str, bool]:
        """(id, is_new)."""
        if text in self.units:
            return text, False
        known = self.by_key.get(header_key(text))
        if known is not None:
            return known, False
        if re.fullmatch(r"[a-z][a-z0-9_]*", text):
            return text, True
        return "_".join(words(text)), True


def decide_convention(
    cells: pl.LazyFrame, option: str | None, name: str
) -> tuple[str | None, list[Problem], str | None]:
    """The decimal convention of a file's value cells (``clean`` column): (convention, problems, note)."""
    if option is not None:
        return option, [], None
    cols = ["row", "column", "value_text"]
    first = {}
    for conv in ("comma", "point"):
        found = cells.filter(numbers.evidence(pl.col("clean"), conv)).select(cols).head(1).collect()
        if found.height:
            r = found.row(0, named=True)
            first[conv] = numbers.Evidence(conv, r["column"], r["row"], r["value_text"])
    if len(first) == 2:
        c, p = first["comma"], first["point"]
        message = (
            f"{p.text!r} has a decimal point but {c.describe()} has a decimal comma; the file contradicts "
            "itself: make them agree, or give --decimal-comma or --decimal-point"
        )
        return None, [Problem(name, p.row, p.column, message)], None
    if len(first) == 1:
        ((conv, ev),) = first.items()
        label = "decimal comma (0,7111 and 1.753)" if conv == "comma" else "decimal point (0.7111 and 1,753)"
        return conv, [], f"{name}: numbers read with a {label}, from {ev.describe()}"
    unsure = cells.filter(numbers.ambiguous(pl.col("clean"))).select(cols).head(1).collect()
    if unsure.height:
        r = unsure.row(0, named=True)
        message = (
            f"{r['value_text']!r} reads as a decimal in one convention and as thousands in the other, and no "
            "cell of the file decides: give --decimal-comma or --decimal-point"
        )
        return None, [Problem(name, r["row"], r["column"], message)], None
    return None, [], None


def _distinct(frame: pl.LazyFrame, column: str) -> list[str]:
    return frame.select(pl.col(column).unique()).collect()[column].to_list()


SHOWN = 1000  # problems kept per file (the CLI shows 20 and counts the rest)


def check(tidy: pl.LazyFrame, store: Store, name: str, *, unit: str | None, convention: str | None) -> Checked:
    """Validate tidy rows (``dtikit.ingest.tidy``) and build observations.

    ``tidy`` should be cheap to scan again (in memory, or a Parquet file): it is read a few times.
    """
    problems: list[Problem] = []
    notes: list[str] = []

    # provinces: resolve each distinct text once
    names = ProvinceNames(store)
    texts = [t for t in _distinct(tidy, "province_text") if t]
    aggregate = [t for t in texts if is_aggregate(t) and names.lookup(t) is None]
    resolved = {t: names.lookup(t) for t in texts if t not in aggregate}
    if aggregate:
        rows = (
            tidy.filter(pl.col("province_text").is_in(aggregate))
            .group_by("province_text")
            .agg(pl.col("row").min())
            .collect()
            .sort("row")
        )
        listed = ", ".join(f"{t!r} (row {r})" for t, r in rows.iter_rows())
        notes.append(f"{name}: skipped rows that are not provinces: {listed}")
    unknown = sorted(t for t, p in resolved.items() if p is None)
    if unknown:
        firsts = (
            tidy.filter(pl.col("province_text").is_in(unknown))
            .group_by("province_text")
            .agg(pl.col("row").min().alias("first"), pl.col("row").n_unique().alias("rows"))
            .collect()
        )
        for text, first, count in firsts.sort("first").iter_rows():
            try:
                names.resolve(text)
            except UsageError as exc:
                message = str(exc).replace(" ('dtikit provinces' lists the names)", "")
            more = f" (and {count - 1} more rows)" if count > 1 else ""
            problems.append(Problem(name, first, "", f"{message}{more}"))

    # indicators: each distinct text to a catalog id, or a new one
    catalog = IndicatorNames(store.indicators())
    mapping = {t: catalog.resolve(t) for t in _distinct(tidy, "indicator_text") if t}
    new = {ident: text for text, (ident, is_new) in mapping.items() if is_new}

    this_year = date.today().year
    frame = (
        tidy.filter(~pl.col("province_text").is_in(aggregate))
        .with_columns(
            province=pl.col("province_text").replace_strict(resolved, default=None, return_dtype=pl.String),
            year=pl.col("year_text")
            .str.strip_prefix(numbers.CANONICAL_PREFIX)
            .str.strip_suffix(".0")
            .cast(pl.Int32, strict=False),
            indicator=pl.col("indicator_text").replace_strict(
                {t: i for t, (i, _) in mapping.items()}, default=None, return_dtype=pl.String
            ),
            clean=numbers.cleaned(pl.col("value_text")),
        )
        .with_columns(
            indicator=pl.when(pl.col("is_rank") & ~pl.col("indicator").str.ends_with("_rank"))
            .then(pl.col("indicator") + "_rank")
            .otherwise(pl.col("indicator")),
        )
        .with_columns(
            catalog_unit=pl.col("indicator").replace_strict(catalog.units, default=None, return_dtype=pl.String),
        )
    )
    rank_like = (pl.col("catalog_unit") == "rank").fill_null(False) | pl.col("is_rank")

    # numbers: one convention for the file, then every cell read with it
    chosen, convention_problems, note = decide_convention(frame.filter(~rank_like), convention, name)
    problems += convention_problems
    if note:
        notes.append(note)
    rank_text, rank_of = numbers.rank_parts(pl.col("clean"))
    frame = (
        frame.with_columns(rank_text=rank_text, rank_of=rank_of)
        .with_columns(
            value=pl.when(rank_like)
            .then(numbers.parse_number(pl.col("rank_text"), None))
            .otherwise(numbers.parse_number(pl.col("clean"), chosen)),
            percent=numbers.is_percent(pl.col("clean")),
        )
        .with_columns(
            unit=pl.coalesce(
                pl.when(pl.col("unit_text") != "").then(pl.col("unit_text")),
                pl.lit(unit, pl.String),
                pl.col("catalog_unit"),
                pl.when(pl.col("percent")).then(pl.lit("%")),
                pl.when(rank_like).then(pl.lit("rank")),
            ),
            first_row=pl.col("row").min().over("province", "year", "indicator"),
        )
    )

    # one problem per row: the first rule it breaks, and the column to look at
    convention_text = {"comma": " with a decimal comma", "point": " with a decimal point", None: ""}[chosen]
    unreadable = pl.col("clean").is_not_null() & pl.col("value").is_null()
    score = (pl.col("unit") == "score 0-1").fill_null(False)
    keyed = pl.col("province").is_not_null() & pl.col("year").is_not_null() & pl.col("indicator").is_not_null()
    rules = [
        (
            pl.col("province_text") == "",
            "province_column",
            pl.lit("the province is empty; fill it in or delete the row"),
        ),
        (
            pl.col("year_from") == "missing",
            "column",
            pl.lit("no year: add a year column (Năm/Year), name the year in the header (DTI 2022), or give --year"),
        ),
        (
            pl.col("year").is_null() | ~pl.col("year").is_between(FIRST_YEAR, this_year),
            "year_column",
            pl.format(
                "year {} is not a year from {} to {}", pl.col("year_text"), pl.lit(FIRST_YEAR), pl.lit(this_year)
            ),
        ),
        (
            pl.col("indicator").is_null(),
            "column",
            pl.lit("which indicator do these values measure? give --indicator ID (dtikit indicators lists them)"),
        ),
        (
            unreadable & rank_like & pl.lit(not convention_problems),
            "column",
            pl.format("{} is not a rank (a whole number such as 45 or 45/63)", pl.col("value_text")),
        ),
        (
            unreadable & ~rank_like & pl.lit(not convention_problems),
            "column",
            pl.format(
                "{} is not a number{}; leave missing values empty or write -",
                pl.col("value_text"),
                pl.lit(convention_text),
            ),
        ),
        (
            score & ~rank_like & ~pl.col("value").is_between(0, 1),
            "column",
            pl.format(
                "score {} is outside 0–1 (DTI scores are published on a 0–1 scale; divide 1000-point values by 1000)",
                pl.col("value_text"),
            ),
        ),
        (
            rank_like & (~pl.col("value").is_between(1, N_PROVINCES) | (pl.col("value") != pl.col("value").round())),
            "column",
            pl.format("rank {} is outside 1..{}", pl.col("value_text"), pl.lit(N_PROVINCES)),
        ),
        (
            rank_like & (pl.col("rank_of") != N_PROVINCES),
            "column",
            pl.format("rank {} is not of the {} provinces", pl.col("value_text"), pl.lit(N_PROVINCES)),
        ),
        (
            keyed & (pl.col("row") != pl.col("first_row")),
            "column",
            pl.format(
                "{} {} {} appears again (first on row {}); keep one",
                pl.col("province"),
                pl.col("year"),
                pl.col("indicator"),
                pl.col("first_row"),
            ),
        ),
    ]
    message = pl.lit(None, pl.String)
    where = pl.lit(None, pl.String)
    for condition, column, text in reversed(rules):
        hit = condition.fill_null(False)
        message = pl.when(hit).then(text).otherwise(message)
        where = pl.when(hit).then(pl.col(column)).otherwise(where)
    frame = frame.with_columns(problem=message, problem_column=where)
    bad = frame.filter(pl.col("problem").is_not_null())
    counted = bad.select(pl.len()).collect().item()
    shown = bad.sort("row").head(SHOWN).select("row", "problem_column", "problem").collect()
    problems += [Problem(name, r, c or "", m) for r, c, m in shown.iter_rows()]
    hidden = counted - shown.height

    new_units = {}
    if new:
        units = (
            frame.filter(pl.col("indicator").is_in(list(new)))
            .group_by("indicator")
            .agg(pl.col("unit").drop_nulls().first())
            .collect()
        )
        new_units = {ident: u for ident, u in units.iter_rows()}
        for ident, text in new.items():
            notes.append(
                f"{name}: new indicator {ident!r} (from {text!r}, unit {new_units.get(ident) or 'not given'}) "
                "added to the catalog"
            )
    observations = frame.filter(
        pl.col("problem").is_null() & pl.col("province").is_not_null() & pl.col("value").is_not_null()
    ).select(
        "province",
        "year",
        "indicator",
        "value",
        value_text=pl.col("value_text").str.strip_prefix(numbers.CANONICAL_PREFIX),
        unit="unit",
        period=pl.when(pl.col("period_text") != "")
        .then(pl.col("period_text"))
        .otherwise(pl.col("year").cast(pl.String)),
        source_note=pl.when(pl.col("source_text") != "").then(pl.col("source_text")),
        raw_row=pl.col("row"),
        column="column",
    )
    problems.sort(key=lambda p: (p.row, p.column))
    return Checked(observations, problems, notes, new_units, hidden)
