"""Checking tidy rows and turning them into observations, with every problem located.

Rules: the province resolves (an unknown name is an error with suggestions); the year is a
whole number from 2000 to this year; the value is a number in the file's decimal convention
(``dtikit.ingest.numbers``); a 0–1 score lies in 0..1; a rank is a whole number in 1..63 (a
rank "45/N" must be of N = 63); a (province, year, indicator) appears once per file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from dtikit.errors import UsageError
from dtikit.ingest import numbers
from dtikit.ingest.headers import IndicatorNames, is_aggregate
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
    new_texts: dict[str, str] = field(default_factory=dict)  # id -> the text it was read from
    hidden_problems: int = 0  # found beyond the SHOWN kept in ``problems``


def decide_convention(
    cells: pl.LazyFrame, option: str | None, name: str
) -> tuple[str | None, list[Problem], str | None]:
    """The decimal convention of a file's value cells (``clean`` column): (convention, problems, note)."""
    if option is not None:
        return option, [], None
    kinds = {
        "comma": numbers.evidence(pl.col("clean"), "comma"),
        "point": numbers.evidence(pl.col("clean"), "point"),
        "ambiguous": numbers.ambiguous(pl.col("clean")),
    }
    # one pass: the first row showing each kind of cell
    firsts = cells.select(**{k: pl.col("row").filter(e.fill_null(False)).min() for k, e in kinds.items()}).collect()
    rows = {k: v for k, v in firsts.row(0, named=True).items() if v is not None}
    found = {}
    if rows:
        wanted = cells.filter(pl.col("row").is_in(list(rows.values()))).select("row", "column", "value_text", "clean")
        for r in wanted.collect().iter_rows(named=True):
            for kind, expr in kinds.items():
                if rows.get(kind) == r["row"] and kind not in found:
                    hit = pl.DataFrame({"clean": [r["clean"]]}).select(expr.fill_null(False)).item()
                    if hit:
                        found[kind] = numbers.Evidence(kind, r["column"], r["row"], r["value_text"])
    if "comma" in found and "point" in found:
        c, p = found["comma"], found["point"]
        message = (
            f"{p.text!r} has a decimal point but {c.describe()} has a decimal comma; the file contradicts "
            "itself: make them agree, or give --decimal-comma or --decimal-point"
        )
        return None, [Problem(name, p.row, p.column, message)], None
    for conv in ("comma", "point"):
        if conv in found:
            label = "decimal comma (0,7111 and 1.753)" if conv == "comma" else "decimal point (0.7111 and 1,753)"
            return conv, [], f"{name}: numbers read with a {label}, from {found[conv].describe()}"
    if "ambiguous" in found:
        a = found["ambiguous"]
        message = (
            f"{a.text!r} reads as a decimal in one convention and as thousands in the other, and no "
            "cell of the file decides: give --decimal-comma or --decimal-point"
        )
        return None, [Problem(name, a.row, a.column, message)], None
    return None, [], None


def _distinct(frame: pl.LazyFrame, *columns: str) -> list[list[str]]:
    """The distinct values of each column, in one pass."""
    found = frame.select(pl.col(c).unique().implode() for c in columns).collect()
    return [found[c][0].to_list() for c in columns]


def _again(r: dict) -> str:
    if r["row"] == r["first_row"]:
        return f"appears twice in this row (also under {r['first_column']!r})"
    return f"appears again with another value (first on row {r['first_row']}: {r['first_value']:g})"


SHOWN = 1000  # problems kept per file (the CLI shows 20 and counts the rest)


def check(
    tidy: pl.LazyFrame,
    store: Store,
    name: str,
    *,
    unit: str | None,
    convention: str | None,
    materialize: Callable[[pl.LazyFrame, str], pl.LazyFrame] = lambda frame, _: frame.collect().lazy(),
) -> Checked:
    """Validate tidy rows (``dtikit.ingest.tidy``) and build observations.

    ``tidy`` should be cheap to scan again (in memory, or a Parquet file): it is read a few times.
    ``materialize`` computes the checked rows once (in memory, or into a file for a large input).
    """
    problems: list[Problem] = []
    notes: list[str] = []

    # provinces: resolve each distinct text once
    names = ProvinceNames(store)
    province_texts, indicator_texts, alt_texts = _distinct(tidy, "province_text", "indicator_text", "province_alt_text")
    texts = [t for t in province_texts if t]
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
            .agg(
                pl.col("row").min().alias("first"),
                pl.col("row").n_unique().alias("rows"),
                pl.col("province_column").first(),
            )
            .collect()
        )
        for text, first, count, column in firsts.sort("first").iter_rows():
            try:
                names.resolve(text)
            except UsageError as exc:
                message = str(exc).replace(" ('dtikit provinces' lists the names)", "")
            more = f" (and {count - 1} more rows)" if count > 1 else ""
            problems.append(Problem(name, first, column, f"{message}{more}"))
    alts = {t: names.lookup(t) for t in alt_texts if t}

    # indicators: each distinct text to a catalog id, or a new one
    catalog = IndicatorNames(store.indicators())
    mapping = {t: catalog.resolve(t) for t in indicator_texts if t}
    mapping = {t: found for t, found in mapping.items() if found[0]}
    new = {ident: text for text, (ident, is_new) in mapping.items() if is_new}

    this_year = date.today().year
    # small lookup tables joined in (streams, unlike a large replace mapping)
    provinces = pl.LazyFrame(
        {"province_text": list(resolved), "province": list(resolved.values())},
        schema={"province_text": pl.String, "province": pl.String},
    )
    indicators = pl.LazyFrame(
        {
            "indicator_text": list(mapping),
            "indicator": [i for i, _ in mapping.values()],
            "rank_indicator": [catalog.rank_of(i) for i, _ in mapping.values()],
        },
        schema={"indicator_text": pl.String, "indicator": pl.String, "rank_indicator": pl.String},
    )
    units = pl.LazyFrame(
        {"indicator": list(catalog.units), "catalog_unit": list(catalog.units.values())},
        schema={"indicator": pl.String, "catalog_unit": pl.String},
    )
    alt_provinces = pl.LazyFrame(
        {"province_alt_text": list(alts), "province_alt": list(alts.values())},
        schema={"province_alt_text": pl.String, "province_alt": pl.String},
    )
    frame = (
        tidy.filter(~pl.col("province_text").is_in(aggregate))
        .join(provinces, on="province_text", how="left")
        .join(alt_provinces, on="province_alt_text", how="left")
        .join(indicators, on="indicator_text", how="left")
        .with_columns(
            year=pl.col("year_text")
            .str.strip_prefix(numbers.CANONICAL_PREFIX)
            .str.strip_suffix(".0")
            .cast(pl.Int32, strict=False),
            clean=numbers.cleaned(pl.col("value_text")),
            indicator=pl.when(pl.col("is_rank")).then(pl.col("rank_indicator")).otherwise(pl.col("indicator")),
        )
        .join(units, on="indicator", how="left")
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
        )
    )

    # one problem per row: the first rule it breaks, and the column to look at
    convention_text = {"comma": " with a decimal comma", "point": " with a decimal point", None: ""}[chosen]
    unreadable = pl.col("clean").is_not_null() & pl.col("value").is_null()
    score = (pl.col("unit") == "score 0-1").fill_null(False)
    # (condition, column to name, message): messages are written in Python for the rows shown only
    rules: list[tuple[pl.Expr, str, Callable[[dict], str]]] = [
        (
            pl.col("province_text") == "",
            "province_column",
            lambda r: "the province is empty; fill it in or delete the row",
        ),
        (
            pl.col("province").is_not_null()
            & (pl.col("province_alt_text") != "")
            & (pl.col("province_alt") != pl.col("province")).fill_null(True),
            "province_alt_column",
            lambda r: (
                f"{r['province_alt_text']!r} is not the province of column {r['province_column']!r} on this row "
                f"({r['province_text']!r}); the two province columns must name the same province"
            ),
        ),
        (
            pl.col("year_from") == "missing",
            "column",
            lambda r: "no year: add a year column (Năm/Year), name the year in the header (DTI 2022), or give --year",
        ),
        (
            pl.col("year").is_null() | ~pl.col("year").is_between(FIRST_YEAR, this_year),
            "year_column",
            lambda r: f"year {r['year_text']} is not a year from {FIRST_YEAR} to {this_year}",
        ),
        (
            pl.col("indicator").is_null(),
            "column",
            lambda r: "which indicator do these values measure? give --indicator ID (dtikit indicators lists them)",
        ),
        (
            unreadable & rank_like & pl.lit(not convention_problems),
            "column",
            lambda r: f"{r['value_text']} is not a rank (a whole number such as 45 or 45/63)",
        ),
        (
            unreadable & ~rank_like & pl.lit(not convention_problems),
            "column",
            lambda r: f"{r['value_text']} is not a number{convention_text}; leave missing values empty or write -",
        ),
        (
            pl.col("value").is_nan() | pl.col("value").is_infinite(),
            "column",
            lambda r: (
                f"{r['value_text'].removeprefix(numbers.CANONICAL_PREFIX)} is not a finite number; leave the cell "
                "empty for a missing value"
            ),
        ),
        (
            score & ~rank_like & ~pl.col("value").is_between(0, 1),
            "column",
            lambda r: (
                f"score {r['value_text']} is outside 0–1 (DTI scores are published on a 0–1 scale; divide "
                "1000-point values by 1000)"
            ),
        ),
        (
            rank_like & (~pl.col("value").is_between(1, N_PROVINCES) | (pl.col("value") != pl.col("value").round())),
            "column",
            lambda r: f"rank {r['value_text']} is outside 1..{N_PROVINCES}",
        ),
        (
            rank_like & (pl.col("rank_of") != N_PROVINCES),
            "column",
            lambda r: f"rank {r['value_text']} is not of the {N_PROVINCES} provinces",
        ),
    ]
    # the number of the first rule broken, computed for every row; messages only for the rows shown
    rule = pl.lit(None, pl.Int8)
    for number, (condition, _, _) in reversed(list(enumerate(rules))):
        rule = pl.when(condition.fill_null(False)).then(pl.lit(number, pl.Int8)).otherwise(rule)
    frame = materialize(
        frame.with_columns(rule=rule).select(
            "row",
            "cell",
            "column",
            "province",
            "year",
            "indicator",
            "value",
            "value_text",
            "unit",
            "period_text",
            "source_text",
            "rule",
            "province_column",
            "province_text",
            "province_alt_column",
            "province_alt_text",
            "year_column",
            "year_text",
            "rank_of",
        ),
        "checked",
    )
    bad = frame.filter(pl.col("rule").is_not_null())
    counted = len(problems) + bad.select(pl.len()).collect().item()
    shown = bad.sort("row", "cell").head(SHOWN).collect()
    for r in shown.iter_rows(named=True):
        _, column, message = rules[r["rule"]]
        problems.append(Problem(name, r["row"], r[column] or "", message(r)))

    # a (province, year, indicator) twice: a streaming group-by, then only the repeated keys
    key = ["province", "year", "indicator"]
    keyed = frame.filter(pl.col("rule").is_null() & pl.col("province").is_not_null())
    hashes = keyed.select(pl.struct(key).hash()).collect().to_series()
    firsts = (  # only when two keys hash alike: most files repeat none
        keyed.group_by(key).agg(first_row=pl.col("row").min(), n=pl.len()).filter(pl.col("n") > 1).collect()
        if hashes.n_unique() != hashes.len()
        else pl.DataFrame()
    )
    repeated = pl.DataFrame(schema={"row": pl.Int64, "cell": pl.Int32})
    if firsts.height:
        again = (
            keyed.join(firsts.lazy().select(key), on=key)
            .collect()
            .sort("row", "cell")
            .with_columns(
                first_row=pl.col("row").first().over(key),
                first_column=pl.col("column").first().over(key),
                first_value=pl.col("value").first().over(key),
                nth=pl.int_range(pl.len()).over(key),
            )
            .filter(pl.col("nth") > 0)
        )
        same = pl.col("value").eq_missing(pl.col("first_value")) & (pl.col("row") != pl.col("first_row"))
        repeated = again.filter(same).select("row", "cell")
        if repeated.height:
            pairs = again.filter(same).group_by("row", "first_row").agg(pl.col("province").first()).sort("row")
            shown = ", ".join(f"row {r} (= row {f}, {p})" for r, f, p in pairs.head(10).iter_rows())
            more = f" and {pairs.height - 10} more" if pairs.height > 10 else ""
            notes.append(f"{name}: rows repeating an earlier row's values read once: {shown}{more}")
        again = again.filter(~same)
        counted += again.height
        problems += [
            Problem(name, r["row"], r["column"], f"{r['province']} {r['year']} {r['indicator']} {_again(r)}; keep one")
            for r in again.head(SHOWN).iter_rows(named=True)
        ]
    problems.sort(key=lambda p: (p.row, p.column))
    del problems[SHOWN:]
    hidden = counted - len(problems)

    new_units = {}
    if new:  # the new ids, and the ranks of new ids, with the first unit the file gives each
        ranks = [catalog.rank_of(ident) for ident in new if catalog.rank_of(ident) not in catalog.units]
        units = (
            frame.filter(pl.col("indicator").is_in([*new, *ranks]))
            .group_by("indicator")
            .agg(pl.col("unit").sort_by("row", "cell").drop_nulls().first())
            .collect()
        )
        new_units = {ident: u for ident, u in units.iter_rows()}
        new = {**new, **{r: new[r.removesuffix("_rank")] for r in ranks if r in new_units}}
    kept = frame.filter(pl.col("rule").is_null() & pl.col("province").is_not_null() & pl.col("value").is_not_null())
    if repeated.height:
        kept = kept.join(repeated.lazy(), on=["row", "cell"], how="anti")
    observations = kept.select(
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
    return Checked(observations, problems, notes, new_units, new, hidden)
