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

from dtikit.ingest import numbers
from dtikit.ingest.headers import header_key
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

    observations: pl.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_indicators: dict[str, str] = field(default_factory=dict)  # id -> unit


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
    cells: pl.DataFrame, option: str | None, name: str
) -> tuple[str | None, list[Problem], str | None]:
    """The decimal convention of a file's value cells: (convention, problems, note)."""
    clean = cells.with_columns(clean=numbers.cleaned(pl.col("value_text")))
    marked = clean.with_columns(
        comma=numbers.evidence(pl.col("clean"), "comma"),
        point=numbers.evidence(pl.col("clean"), "point"),
        ambiguous=numbers.ambiguous(pl.col("clean")),
    )
    comma = marked.filter(pl.col("comma")).head(1)
    point = marked.filter(pl.col("point")).head(1)
    first = {
        conv: numbers.Evidence(conv, r["column"], r["row"], r["value_text"])
        for conv, frame in (("comma", comma), ("point", point))
        for r in frame.iter_rows(named=True)
    }
    if option is not None:
        return option, [], None
    if len(first) == 2:
        c, p = first["comma"], first["point"]
        return (
            None,
            [
                Problem(
                    name,
                    p.row,
                    p.column,
                    f"{p.text!r} has a decimal point but {c.describe()} has a decimal comma; the file "
                    "contradicts itself: make them agree, or give --decimal-comma or --decimal-point",
                )
            ],
            None,
        )
    if len(first) == 1:
        ((conv, ev),) = first.items()
        label = (
            "decimal comma (Vietnamese: 0,7111 and 1.753)" if conv == "comma" else "decimal point (0.7111 and 1,753)"
        )
        return conv, [], f"{name}: numbers read with a {label}, from {ev.describe()}"
    unsure = marked.filter(pl.col("ambiguous")).head(1)
    if unsure.height:
        r = unsure.row(0, named=True)
        return (
            None,
            [
                Problem(
                    name,
                    r["row"],
                    r["column"],
                    f"{r['value_text']!r} reads as a decimal in one convention and as thousands in the "
                    "other, and no cell of the file decides: give --decimal-comma or --decimal-point",
                )
            ],
            None,
        )
    return None, [], None


def check(tidy: pl.DataFrame, store: Store, name: str, *, unit: str | None, convention: str | None) -> Checked:
    """Validate tidy rows (``dtikit.ingest.tidy``) and build observations."""
    problems: list[Problem] = []
    notes: list[str] = []

    def problem_rows(frame: pl.DataFrame, message: str | pl.Expr) -> None:
        if isinstance(message, str):
            texts = [message] * frame.height
        else:
            texts = frame.select(message.alias("message"))["message"].to_list()
        for row, column, text in zip(frame["row"], frame["column"], texts, strict=True):
            problems.append(Problem(name, row, column, text))

    # provinces
    names = ProvinceNames(store)
    resolved: dict[str, str | None] = {}
    for text in tidy["province_text"].unique().to_list():
        resolved[text] = names.lookup(text)
    frame = tidy.with_columns(
        province=pl.col("province_text").replace_strict(resolved, default=None, return_dtype=pl.String)
    )
    for text in sorted(t for t, p in resolved.items() if p is None):
        rows = frame.filter(pl.col("province_text") == text)
        try:
            names.resolve(text)
        except Exception as exc:  # UsageError with suggestions
            message = str(exc).replace(" ('dtikit provinces' lists the names)", "")
        first = rows.row(0, named=True)
        more = f" (and {rows.height - 1} more rows)" if rows.height > 1 else ""
        problems.append(Problem(name, first["row"], "", f"{message}{more}"))

    # years
    this_year = date.today().year
    frame = frame.with_columns(
        year=pl.col("year_text").str.strip_suffix(".0").str.strip_prefix("=").cast(pl.Int32, strict=False)
    )
    bad_year = frame.filter(pl.col("year").is_null() | ~pl.col("year").is_between(FIRST_YEAR, this_year))
    problem_rows(
        bad_year.filter(pl.col("year_from") == "missing"),
        "no year: add a year column (Năm/Year), name the year in the header (DTI 2022), or give --year",
    )
    problem_rows(
        bad_year.filter(pl.col("year_from") != "missing").with_columns(column="year_column"),
        pl.format("year {} is not a year from {} to {}", pl.col("year_text"), pl.lit(FIRST_YEAR), pl.lit(this_year)),
    )

    # indicators
    catalog = IndicatorNames(store.indicators())
    texts = frame["indicator_text"].unique().to_list()
    mapping = {t: catalog.resolve(t) for t in texts if t}
    problem_rows(
        frame.filter(pl.col("indicator_text") == ""),
        "which indicator do these values measure? give --indicator ID (dtikit indicators lists them)",
    )
    new = {}
    for text, (ident, is_new) in mapping.items():
        if is_new:
            new[ident] = text
    frame = frame.with_columns(
        indicator=pl.col("indicator_text").replace_strict(
            {t: i for t, (i, _) in mapping.items()}, default=None, return_dtype=pl.String
        )
    ).with_columns(
        indicator=pl.when(pl.col("is_rank") & ~pl.col("indicator").str.ends_with("_rank"))
        .then(pl.col("indicator") + "_rank")
        .otherwise(pl.col("indicator"))
    )
    units = catalog.units
    frame = frame.with_columns(
        catalog_unit=pl.col("indicator").replace_strict(units, default=None, return_dtype=pl.String),
        clean=numbers.cleaned(pl.col("value_text")),
    )
    rank_like = (pl.col("catalog_unit") == "rank").fill_null(False) | pl.col("is_rank")

    # numbers
    chosen, convention_problems, note = decide_convention(frame.filter(~rank_like), convention, name)
    problems += convention_problems
    if note:
        notes.append(note)
    rank_text, rank_of = numbers.rank_parts(pl.col("clean"))
    frame = frame.with_columns(rank_text=rank_text, rank_of=rank_of)
    frame = frame.with_columns(
        value=pl.when(rank_like)
        .then(numbers.parse_number(pl.col("rank_text"), None))
        .otherwise(numbers.parse_number(pl.col("clean"), chosen)),
        percent=numbers.is_percent(pl.col("clean")),
    )
    if not convention_problems:
        unreadable = frame.filter(pl.col("clean").is_not_null() & pl.col("value").is_null())
        convention_text = {"comma": "with a decimal comma", "point": "with a decimal point", None: ""}[chosen]
        problem_rows(
            unreadable.filter(rank_like),
            pl.format("{} is not a rank (a whole number such as 45 or 45/63)", pl.col("value_text")),
        )
        problem_rows(
            unreadable.filter(~rank_like),
            pl.format(
                "{} is not a number{}; leave missing values empty or write -",
                pl.col("value_text"),
                pl.lit(" " + convention_text if convention_text else ""),
            ),
        )
    frame = frame.filter(pl.col("value").is_not_null() | pl.col("clean").is_not_null())
    unit_expr = pl.coalesce(
        pl.when(pl.col("unit_text") != "").then(pl.col("unit_text")),
        pl.lit(unit, pl.String),
        pl.col("catalog_unit"),
        pl.when(pl.col("percent")).then(pl.lit("%")),
        pl.when(rank_like).then(pl.lit("rank")),
    )
    frame = frame.with_columns(unit=unit_expr)
    score = (pl.col("unit") == "score 0-1").fill_null(False)
    problem_rows(
        frame.filter(score & ~rank_like & ~pl.col("value").is_between(0, 1)),
        pl.format(
            "score {} is outside 0–1 (DTI scores are published on a 0–1 scale; divide 1000-point values by 1000)",
            pl.col("value_text"),
        ),
    )
    problem_rows(
        frame.filter(
            rank_like
            & pl.col("value").is_not_null()
            & (~pl.col("value").is_between(1, N_PROVINCES) | (pl.col("value") != pl.col("value").round()))
        ),
        pl.format("rank {} is outside 1..{}", pl.col("value_text"), pl.lit(N_PROVINCES)),
    )
    problem_rows(
        frame.filter(rank_like & pl.col("rank_of").is_not_null() & (pl.col("rank_of") != N_PROVINCES)),
        pl.format("rank {} is not of the {} provinces", pl.col("value_text"), pl.lit(N_PROVINCES)),
    )

    # duplicates inside the file
    keyed = frame.filter(
        pl.col("province").is_not_null() & pl.col("year").is_not_null() & pl.col("indicator").is_not_null()
    )
    keyed = keyed.with_columns(first_row=pl.col("row").min().over("province", "year", "indicator"))
    problem_rows(
        keyed.filter(pl.col("row") != pl.col("first_row")),
        pl.format(
            "{} {} {} appears again (first on row {}); keep one",
            pl.col("province"),
            pl.col("year"),
            pl.col("indicator"),
            pl.col("first_row"),
        ),
    )
    for ident, text in new.items():
        shown_unit = frame.filter(pl.col("indicator") == ident)["unit"].drop_nulls().first()
        notes.append(
            f"{name}: new indicator {ident!r} (from {text!r}, unit {shown_unit or 'not given'}) added to the catalog"
        )
    new_units = {ident: frame.filter(pl.col("indicator") == ident)["unit"].drop_nulls().first() for ident in new}
    observations = frame.filter(pl.col("value").is_not_null()).select(
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
    return Checked(observations, problems, notes, new_units)
