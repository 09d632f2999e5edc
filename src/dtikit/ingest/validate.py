"""The general checks: tidy rows to observations, with every problem located.

In named steps: the provinces resolve (an unknown name is an error with suggestions; statistics
rows such as "Cả nước" or "Median" are skipped with a note); the indicators resolve through the
catalog (or are new); one decimal convention for the file (``rules.decide_convention``); then
every cell is held to ``dtikit.ingest.rules`` (the rules the one-pass route keeps too); last, a
(province, year, indicator) given twice is an error naming both places, unless a row repeats an
earlier row's value exactly (a reference row below a table), which is read once with a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog
from dtikit.ingest import numbers
from dtikit.ingest.accounting import general_counts
from dtikit.ingest.header_text import languages
from dtikit.ingest.headers import IndicatorNames, is_aggregate
from dtikit.ingest.rules import Rule, decide_convention, first_broken, parse_value, rules
from dtikit.ingest.units import COUNTRY, COUNTRY_GEOGRAPHY, REGION_GEOGRAPHY, is_country
from dtikit.messages import in_each_language, language, say
from dtikit.provinces import ProvinceNames, alphabetical
from dtikit.storage import Store


class Problem(NamedTuple):
    """A cell (or row) that breaks a rule; what is wrong is kept as message keys, said at the edge.

    ``parts``: keys of ``dtikit.messages`` (area ``ingest``) with their fields, joined when said, so
    that a problem reads in the run's language on stderr and in tables, and in English in machine
    formats (``message``); a part said by another module is kept said in each language (``said``).
    """

    file: str
    row: int
    column: str
    parts: tuple[tuple[str, dict] | dict[str, str], ...]
    rule: str = ""  # the rule's name (``dtikit.ingest.rules``), for machine formats

    def text(self, lang: str | None = None) -> str:
        """What is wrong, in ``lang`` (default: the run's language)."""
        lang = lang or language()
        return "".join(part[lang] if isinstance(part, dict) else say(part[0], lang, **part[1]) for part in self.parts)

    @property
    def message(self) -> str:
        """What is wrong in English, as machine formats give it."""
        return self.text("en")

    def also(self, key: str, **params: object) -> Problem:
        """The problem with one more part said after it (a count of cells or rows alike)."""
        return self._replace(parts=(*self.parts, (key, params)))

    def __str__(self) -> str:
        where = say("ingest.at_row", row=self.row) + (
            say("ingest.at_column", column=self.column) if self.column else ""
        )
        return f"{self.file}: {where}: {self.text()}"


def problem(file: str, row: int, column: str, rule: str, key: str, /, **params: object) -> Problem:
    """A problem of ``rule`` said by the message ``key`` with its fields."""
    return Problem(file, row, column, ((key, params),), rule)


def said(file: str, row: int, column: str, rule: str, make: Callable[[], str]) -> Problem:
    """A problem said by another module (``make()``, in the run's language), kept in each language."""
    return Problem(file, row, column, (in_each_language(make),), rule)


def convention_problem(file: str, found: tuple[int, str, str, dict]) -> Problem:
    """The problem of a file whose decimal convention cannot be known (``Convention.problem``)."""
    row, column, key, params = found
    return problem(file, row, column, "decimal_convention", key, **params)


@dataclass
class Checked:
    """Observations ready for the store (no provenance yet), the problems and the notes."""

    observations: pl.LazyFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_indicators: dict[str, str] = field(default_factory=dict)  # id -> unit
    new_texts: dict[str, str] = field(default_factory=dict)  # id -> the text it was read from
    hidden_problems: int = 0  # found beyond the SHOWN kept in ``problems``
    units_left_out: set[str] = field(default_factory=set)  # new ids whose header unit disagreed with the values


def _distinct(frame: pl.LazyFrame, *columns: str) -> list[list[str]]:
    """The distinct values of each column, in one pass."""
    found = frame.select(pl.col(c).unique().implode() for c in columns).collect()
    return [found[c][0].to_list() for c in columns]


def _again(r: dict, name: str) -> Problem:
    """A key given again with another value: in the same row, or on a later one."""
    key = "ingest.repeated_in_row" if r["row"] == r["first_row"] else "ingest.repeated_again"
    fields = ("province", "year", "indicator", "first_column", "first_row", "first_value")
    return problem(name, r["row"], r["column"], "repeated_key", key, **{f: r[f] for f in fields})


SHOWN = 1000  # problems kept per file (the CLI shows 20 and counts the rest)


CHECKED_COLUMNS = [
    "geography",
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
    "typed",
    "unit_text",
    "catalog_unit",
]


def _frame(rows: dict[str, list], schema: dict[str, pl.DataType]) -> pl.LazyFrame:
    return pl.LazyFrame(rows, schema=schema)


class _Geographies:
    """The province names of every geography held (``dtikit.geography``), each read once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._names: dict[int, ProvinceNames] = {}

    def names(self, ident: int) -> ProvinceNames:
        if ident not in self._names:
            self._names[ident] = ProvinceNames(self._store, ident)
        return self._names[ident]

    def lookup(self, text: str, ident: int | None) -> str | None:
        return self.names(ident).lookup(text) if ident is not None else None

    def any(self, text: str) -> str | None:
        """The name in the first geography that knows ``text`` (the default one first)."""
        order = [geographies.DEFAULT, *(g for g in geographies.ids() if g != geographies.DEFAULT)]
        return next((found for g in order if (found := self.names(g).lookup(text)) is not None), None)

    def of_year(self, year: int | None, texts: list[str], given: int | None) -> int | None:
        """The geography of the rows of ``year`` naming ``texts`` (``dtikit.geography.choose``)."""
        if given is not None:
            return given
        if year is None:  # refused for its year: read its names in a map that holds them all, if one does,
            # so a table of 2006 without --year is told of the year alone, not also of Hà Tây
            fits = [g for g in geographies.ids() if all(self.names(g).lookup(t) is not None for t in texts)]
            return geographies.DEFAULT if geographies.DEFAULT in fits or not fits else fits[-1]
        found = geographies.in_force(year)
        if len(found) < 2:
            return found[0] if found else None
        earlier, later = self.names(found[0]), self.names(found[-1])
        only_earlier = any(earlier.lookup(t) is not None and later.lookup(t) is None for t in texts)
        return geographies.choose(year, only_earlier)


def _year(typed: bool) -> pl.Expr:
    """A row's year as a number (null where its text is none), as the rules read it."""
    year = pl.col("year_text").str.strip_prefix(numbers.CANONICAL_PREFIX) if typed else pl.col("year_text")
    return year.str.strip_suffix(".0").cast(pl.Int32, strict=False)


def _resolved(
    plain: pl.LazyFrame, known: _Geographies, texts: list[str], typed: bool, given: int | None
) -> tuple[pl.DataFrame, set[tuple[str, int]]]:
    """Each (``province_text``, ``year``) of the rows with its ``province`` and ``geography``, and why a
    name is no unit of its year's geography when it is one of another period."""
    pairs = (
        plain.filter(pl.col("province_text").is_in(texts))
        .select("province_text", year=_year(typed))
        .unique()
        .collect()
        .sort("year", "province_text", nulls_last=True)
    )
    rows, why = [], set()
    for (year,), group in pairs.group_by("year", maintain_order=True):
        names = group["province_text"].to_list()
        # a year before every geography held is refused by the year rule: its names are read as the default's
        chosen = known.of_year(year, names, given) or geographies.DEFAULT
        for text in names:
            found = known.lookup(text, chosen)
            if found is None and year is not None and given is None and geographies.not_in_year(text, year):
                why.add((text, year))
            rows.append((text, year, found, chosen))
    schema = {"province_text": pl.String, "year": pl.Int32, "province": pl.String, "geography": pl.Int16}
    return pl.DataFrame(rows, schema=schema, orient="row"), why


def _earlier_map_notes(resolved: pl.DataFrame, name: str) -> list[str]:
    """A note for each year whose rows name exactly the units of the map before its own (a table of 2004
    naming the 61 provinces of 1997-2003): read on the year's map, unless ``--geography`` says otherwise."""
    notes = []
    for (year, ident), group in resolved.drop_nulls(["year", "province"]).group_by("year", "geography"):
        earlier = geographies.earlier_map_named(ident, set(group["province"]))
        if earlier is not None:
            missing = sorted(set(geographies.names(ident)) - set(geographies.names(earlier)), key=alphabetical)
            held = geographies.geography(earlier)
            notes.append(
                say(
                    "geo.earlier_map",
                    file=name,
                    year=year,
                    n=geographies.count(earlier),
                    earlier=held.name_vi if language() == "vi" else held.name_en,
                    missing=", ".join(missing),
                    earlier_id=earlier,
                )
            )
    return sorted(notes)


def _provinces(
    tidy: pl.LazyFrame,
    store: Store,
    name: str,
    keep: dict[int, str] | None = None,
    *,
    typed: bool = True,
    geography: int | None = None,
) -> tuple[pl.LazyFrame, list[Problem], list[str]]:
    """Tidy rows without statistics rows, with ``province`` and ``province_alt`` resolved and ``geography``;
    problems; notes. A row is read in the geography of its year (``dtikit.geography``), or in ``geography``
    when one is given. ``keep`` (``--regions keep``): the rows of regions, each with its region, whose
    values are kept as the region's, as are the country's rows (``dtikit.ingest.units``)."""
    known = _Geographies(store)
    plain = tidy.filter(~pl.col("row").is_in(list(keep))) if keep else tidy
    texts, alt_texts = _distinct(plain, "province_text", "province_alt_text")
    aggregate = [t for t in texts if t and is_aggregate(t) and known.any(t) is None]
    country = [t for t in aggregate if is_country(t)] if keep is not None else []
    aggregate = [t for t in aggregate if t not in country]
    regional = _region_rows(tidy, store, [t for t in texts if t and t not in aggregate and known.any(t) is None])
    regional_texts = {t for _, t, _ in regional}
    notes, problems = [], []
    if aggregate and (rows := _first_rows(tidy, aggregate)):
        listed = ", ".join(say("ingest.text_at_row", text=t, row=r) for t, r in rows)
        notes.append(say("ingest.note.not_provinces", file=name, listed=listed))
    if regional and keep is None:  # a region's own row ('Tây Nguyên'), unnumbered: skipped, as a subtotal is
        listed = ", ".join(say("ingest.text_at_row", text=t, row=r) for r, t, _ in regional)
        notes.append(say("ingest.note.regions_skipped", file=name, listed=listed))
        aggregate += sorted(regional_texts)
    elif regional:
        keep = {**keep, **{r: region for r, _, region in regional}}
    named = [t for t in texts if t and t not in aggregate and t not in country and t not in regional_texts]
    resolved, why = _resolved(plain, known, named, typed, geography)
    if geography is None:
        notes += _earlier_map_notes(resolved, name)
    unknown = resolved.filter(pl.col("province").is_null()).select("province_text", "year")
    if unknown.height:
        firsts = (
            tidy.with_columns(year=_year(typed))
            .join(unknown.lazy(), on=["province_text", "year"], how="semi", nulls_equal=True)
            .sort("row")
            .group_by("province_text")
            .agg(
                pl.col("row").min().alias("first"),
                pl.col("row").n_unique().alias("rows"),
                pl.col("province_column").first(),
                pl.col("year").first(),
            )
            .collect()
        )
        default = known.names(geography or geographies.DEFAULT)  # the map given, else the names of today's
        for text, first, count, column, year in firsts.sort("first").iter_rows():
            other_period = (text, year) in why  # said in each language: ``said`` calls ``make`` in each
            make = (
                (lambda text=text, year=year: geographies.not_in_year(text, year) + geographies.hint())
                if other_period
                else (lambda text=text: default.unknown(text))
            )
            rule = "not_in_geography" if other_period else "unknown_province"
            found = said(name, first, column, rule, make)
            problems.append(found.also("ingest.more_rows", n=count - 1) if count > 1 else found)
    used = resolved["geography"].drop_nulls().unique().to_list() or [geographies.DEFAULT]
    alts = [(t, g, known.lookup(t, g)) for t in alt_texts if t for g in used]
    alt_schema = {"province_alt_text": pl.String, "geography": pl.Int16, "province_alt": pl.String}
    frame = (
        tidy.filter(~pl.col("province_text").is_in(aggregate))
        .with_columns(year_key=_year(typed))
        .join(
            resolved.lazy().rename({"year": "year_key"}),
            on=["province_text", "year_key"],
            how="left",
            nulls_equal=True,
        )
        .drop("year_key")
        .with_columns(pl.col("geography").fill_null(geographies.DEFAULT))
        .join(pl.LazyFrame(alts, schema=alt_schema, orient="row"), on=["province_alt_text", "geography"], how="left")
    )
    if keep is None:
        return frame, problems, notes
    frame, kept = _units(frame, keep, country)
    return frame, problems, notes + _kept_notes(kept, name)


def _first_rows(tidy: pl.LazyFrame, texts: list[str]) -> list[tuple[str, int]]:
    """Each text with the first row holding it, in the order of those rows."""
    if not texts:
        return []
    rows = tidy.filter(pl.col("province_text").is_in(texts)).group_by("province_text").agg(pl.col("row").min())
    return rows.collect().sort("row").rows()


def _region_rows(tidy: pl.LazyFrame, store: Store, unknown: list[str]) -> list[tuple[int, str, str]]:
    """The rows (row, text, region) whose name, no province's, is a socio-economic region's ('Tây Nguyên',
    'Đồng bằng sông Hồng'), in the order of the file."""
    if not unknown:
        return []
    from dtikit.ingest.units import Regions

    regions = Regions.of(store)
    named = {t: r for t in unknown if (r := regions.named(t)) is not None}
    if not named:
        return []
    rows = tidy.filter(pl.col("province_text").is_in(list(named))).select("row", "province_text").unique()
    return [(r, t, named[t]) for r, t in rows.collect().sort("row").rows()]


def _units(frame: pl.LazyFrame, keep: dict[int, str], country: list[str]) -> tuple[pl.LazyFrame, pl.DataFrame]:
    """Rows of regions (``keep``: row -> region) and of the country (``country``: their texts) as the values of
    those units, in geographies of their own; a rank in such a row is not kept. Also the rows kept."""
    units = _frame({"row": list(keep), "unit": list(keep.values())}, {"row": pl.Int64, "unit": pl.String})
    is_country = pl.col("province_text").is_in(country)
    unit = pl.when(is_country).then(pl.lit(COUNTRY)).otherwise(pl.col("unit"))
    geography = pl.when(is_country).then(COUNTRY_GEOGRAPHY).when(pl.col("unit").is_not_null()).then(REGION_GEOGRAPHY)
    frame = (
        frame.join(units, on="row", how="left")
        .with_columns(unit=unit)
        .with_columns(
            geography=geography.otherwise(pl.col("geography")).cast(pl.Int16),
            province=pl.coalesce("unit", "province"),
            province_alt=pl.when(pl.col("unit").is_not_null()).then(pl.col("unit")).otherwise(pl.col("province_alt")),
        )
        .filter(~(pl.col("is_rank") & pl.col("unit").is_not_null()))
    )
    kept = frame.filter(pl.col("unit").is_not_null()).group_by("row", "province_text", "unit", "geography").len()
    return frame.drop("unit"), kept.collect().sort("row")


def _kept_notes(kept: pl.DataFrame, name: str) -> list[str]:
    """What was kept as whose value (the regions', the country's)."""
    notes = []
    for geography, key in (
        (REGION_GEOGRAPHY, "ingest.note.regions_kept"),
        (COUNTRY_GEOGRAPHY, "ingest.note.country_kept"),
    ):
        rows = kept.filter(pl.col("geography") == geography)
        if rows.height:
            listed = ", ".join(
                say("ingest.unit_at_row", text=languages(t)[0] if languages(t) else t, row=r, unit=u)
                for r, t, u in rows.select("row", "province_text", "unit").iter_rows()
            )
            notes.append(say(key, file=name, listed=listed, geography=geography))
    return notes


def _indicators(
    frame: pl.LazyFrame, tidy: pl.LazyFrame, catalog: IndicatorNames
) -> tuple[pl.LazyFrame, dict[str, str], list[str]]:
    """``indicator`` (a rank column's is its score's rank id) and ``catalog_unit``; the new ids with their
    texts, and the ids of the catalog the file names."""
    (texts,) = _distinct(tidy, "indicator_text")
    mapping = {t: catalog.resolve(t) for t in texts if t}
    mapping = {t: found for t, found in mapping.items() if found[0]}
    new = {ident: text for text, (ident, is_new) in mapping.items() if is_new}
    ids = [i for i, _ in mapping.values()]
    indicators = _frame(
        {"indicator_text": list(mapping), "indicator": ids, "rank_indicator": [catalog.rank_of(i) for i in ids]},
        {"indicator_text": pl.String, "indicator": pl.String, "rank_indicator": pl.String},
    )
    units = _frame(
        {"indicator": list(catalog.units), "catalog_unit": list(catalog.units.values())},
        {"indicator": pl.String, "catalog_unit": pl.String},
    )
    frame = (
        frame.join(indicators, on="indicator_text", how="left")
        .with_columns(
            indicator=pl.when(pl.col("is_rank")).then(pl.col("rank_indicator")).otherwise(pl.col("indicator"))
        )
        .join(units, on="indicator", how="left")
    )
    return frame, new, [i for i, is_new in mapping.values() if not is_new]


def _values(frame: pl.LazyFrame, unit: str | None, chosen: str | None, typed: bool) -> pl.LazyFrame:
    """The columns the rules read: year, clean text, number, rank or not, N of a rank, unit
    (``typed``: the file may hold typed numbers, ``=<repr>``; a text file holds none)."""
    return (
        frame.with_columns(
            year=_year(typed),
            clean=numbers.cleaned(pl.col("value_text")),
            rank_like=(pl.col("catalog_unit") == "rank").fill_null(False) | pl.col("is_rank"),
            typed=pl.lit(typed),
        )
        .with_columns(**parse_value(pl.col("clean"), pl.col("rank_like"), chosen, typed=typed))
        .with_columns(
            unit=pl.coalesce(
                pl.when(pl.col("unit_text") != "").then(pl.col("unit_text")),
                pl.lit(unit, pl.String),
                pl.col("catalog_unit"),
                pl.when(numbers.is_percent(pl.col("clean"))).then(pl.lit("%")),
                pl.when(pl.col("rank_like")).then(pl.lit("rank")),
            ),
        )
    )


def _broken(frame: pl.LazyFrame, checked: list[Rule], name: str) -> tuple[list[Problem], int]:
    """A problem for each cell that breaks a rule (those of a ``once`` rule grouped), and how many in all."""
    bad = frame.filter(pl.col("rule").is_not_null())
    once = [(rule, number) for number, rule in enumerate(checked) if rule.once is not None]
    queries = [
        bad.filter(pl.col("rule") == number)
        .sort("row", "cell")
        .group_by(list(rule.once) or pl.lit(True), maintain_order=True)
        .agg(pl.all().first(), n=pl.len())
        .filter(pl.col("row").is_not_null())  # no cell breaks it
        for rule, number in once
    ]
    single = bad.filter(~pl.col("rule").is_in([number for _, number in once]))
    # every query at once (one run of the engine, not one each: a file's first check ran six)
    *grouped, count, shown = pl.collect_all([*queries, single.select(pl.len()), single.sort("row", "cell").head(SHOWN)])
    problems: list[Problem] = []
    counted = count.item()
    for (rule, _), groups in zip(once, grouped, strict=True):
        for r in groups.iter_rows(named=True):
            found = _problem(rule, r, name)
            problems.append(found.also("ingest.cells", n=r["n"]) if r["n"] > 1 else found)
            counted += 1
    for r in shown.iter_rows(named=True):
        problems.append(_problem(checked[r["rule"]], r, name))
    return problems, counted


def _problem(rule: Rule, r: dict, name: str) -> Problem:
    return problem(name, r["row"], r[rule.column] or "", rule.name, rule.key, **rule.fields(r))


def _repeats(frame: pl.LazyFrame, name: str) -> tuple[list[Problem], int, pl.DataFrame, list[str]]:
    """Keys given twice: problems (other values), their count, cells to drop (same value again), notes."""
    key = ["province", "year", "indicator"]
    # a missing value ("-") is no value: it repeats nothing and nothing repeats it
    keyed = frame.filter(pl.col("rule").is_null() & pl.col("province").is_not_null() & pl.col("value").is_not_null())
    hashes = keyed.select(pl.struct(key).hash()).collect().to_series()
    repeated = pl.DataFrame(schema={"row": pl.Int64, "cell": pl.Int32})
    if hashes.n_unique() == hashes.len():  # most files repeat no key: no group-by
        return [], 0, repeated, []
    firsts = keyed.group_by(key).agg(n=pl.len()).filter(pl.col("n") > 1).select(key)
    again = (
        keyed.join(firsts, on=key)
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
    notes = []
    if repeated.height:
        pairs = again.filter(same).group_by("row", "first_row").agg(pl.col("province").first()).sort("row")
        shown = ", ".join(
            say("ingest.row_repeats", row=r, first=f, province=p) for r, f, p in pairs.head(10).iter_rows()
        )
        more = say("ingest.and_more", n=pairs.height - 10) if pairs.height > 10 else ""
        notes.append(say("ingest.note.repeated_rows", file=name, shown=shown, more=more))
    again = again.filter(~same)
    problems = [_again(r, name) for r in again.head(SHOWN).iter_rows(named=True)]
    return problems, again.height, repeated, notes


def _unit_scale(
    frame: pl.LazyFrame, name: str, given: str | None
) -> tuple[pl.LazyFrame, list[Problem], list[str], set[str]]:
    """Columns whose unit is a percent while every value is a fraction (0.71: 71 %, or 0.71 %?): the unit
    and the values disagree in scale, and storing both would say 0.71 %. For an indicator the catalog
    holds in percent it is an error; a unit only the file's header or unit column gives is left out, with
    a note asking for ``--unit``. A unit given with ``--unit`` is the user's word, and cells written with
    their own '%' say their scale."""
    if given is not None:
        return frame, [], [], set()

    def percent(column: str) -> pl.Expr:
        unit = pl.col(column).fill_null("")
        return unit.str.contains("%") | unit.str.to_lowercase().str.contains("phần trăm|percent")

    columns = (
        frame.filter(pl.col("rule").is_null() & pl.col("value").is_not_null())
        .group_by("cell")
        .agg(
            pl.col("column", "unit", "unit_text", "catalog_unit", "indicator").sort_by("row").first(),
            pl.col("value_text").sort_by("row").first(),
            pl.col("row").min(),
            units=pl.col("unit").n_unique(),
            marked=pl.col("value_text").str.contains("%").any(),
            n=pl.len(),
            fractions=((pl.col("value") >= 0) & (pl.col("value") <= 1)).all(),
            inside=((pl.col("value") > 0) & (pl.col("value") < 1)).any(),
        )
        .filter((percent("unit") | percent("catalog_unit")) & (pl.col("units") == 1) & ~pl.col("marked"))
        .filter((pl.col("n") >= 3) & pl.col("fractions") & pl.col("inside"))
        .with_columns(held=percent("catalog_unit"))
        .sort("cell")
        .collect()
    )
    problems, left, dropped = [], [], {}
    for r in columns.iter_rows(named=True):
        shown = r["value_text"].removeprefix(numbers.CANONICAL_PREFIX)
        if r["held"]:  # the catalog's unit: the values must be in it
            params = {"unit": r["catalog_unit"], "value": shown, "indicator": r["indicator"]}
            problems.append(problem(name, r["row"], r["column"], "unit_scale", "ingest.unit_scale", **params))
        else:  # the file's word for the unit (its header or unit column): left out
            dropped[r["cell"]] = r["indicator"]
            left.append(say("ingest.unit_column", column=r["column"], unit=r["unit"], value=shown))
    notes = [_unit_scale_note(name, left)] if left else []
    if dropped:
        left_out = pl.col("cell").is_in(list(dropped))
        frame = frame.with_columns(unit=pl.when(left_out).then(None).otherwise(pl.col("unit")))
    return frame, problems, notes, set(dropped.values())


UNIT_COLUMNS_SHOWN = 3  # columns named in the note on percent units over fractions; the others counted


def _unit_scale_note(name: str, left: list[str]) -> str:
    """One note for a table's columns whose percent unit was left out (a PCI sheet has a dozen)."""
    more = say("ingest.and_more_columns", n=len(left) - UNIT_COLUMNS_SHOWN) if len(left) > UNIT_COLUMNS_SHOWN else ""
    listed = "; ".join(left[:UNIT_COLUMNS_SHOWN]) + more
    return say("ingest.note.unit_scale", file=name, n=len(left), listed=listed)


def _new_units(
    frame: pl.LazyFrame, new: dict[str, str], catalog: IndicatorNames, known: list[str]
) -> tuple[dict, dict]:
    """The new ids (and the ranks of new ids, and of ``known`` ids whose rank the catalog has no row for yet)
    with the first unit the file gives each, and their texts (a rank's: its score's)."""
    ranks = {catalog.rank_of(i): i for i in [*new, *known] if catalog.rank_of(i) not in catalog.units}
    if not new and not ranks:
        return {}, new
    units = (
        frame.filter(pl.col("indicator").is_in([*new, *ranks]))
        .group_by("indicator")
        .agg(pl.col("unit").sort_by("row", "cell").drop_nulls().first())
        .collect()
    )
    found = dict(units.iter_rows())
    return found, {**new, **{r: new.get(score, score) for r, score in ranks.items() if r in found}}


def _observations(frame: pl.LazyFrame, repeated: pl.DataFrame, typed: bool) -> pl.LazyFrame:
    kept = frame.filter(pl.col("rule").is_null() & pl.col("province").is_not_null() & pl.col("value").is_not_null())
    if repeated.height:
        kept = kept.join(repeated.lazy(), on=["row", "cell"], how="anti")
    return kept.select(
        "geography",
        "province",
        "year",
        "indicator",
        "value",
        value_text=pl.col("value_text").str.strip_prefix(numbers.CANONICAL_PREFIX) if typed else "value_text",
        unit="unit",
        period=pl.when(pl.col("period_text") != "")
        .then(pl.col("period_text"))
        .otherwise(pl.col("year").cast(pl.String)),
        source_note=pl.when(pl.col("source_text") != "").then(pl.col("source_text")),
        raw_row=pl.col("row"),
        column="column",
    )


def check(
    tidy: pl.LazyFrame,
    store: Store,
    name: str,
    *,
    unit: str | None,
    convention: str | None,
    materialize: Callable[[pl.LazyFrame, str], pl.LazyFrame] = lambda frame, _: frame.collect().lazy(),
    rows: pl.LazyFrame | None = None,
    typed: bool = True,
    keep: dict[int, str] | None = None,
    geography: int | None = None,
) -> Checked:
    """Validate tidy rows (``dtikit.ingest.tidy``) and build observations.

    ``tidy`` should be cheap to scan again (in memory, or a Parquet file): it is read a few times.
    ``materialize`` computes the checked rows once (in memory, or into a file for a large input).
    ``rows``: the table's data rows (``row``, ``blank``), for a note on those that give no value.
    ``typed``: the file may hold typed numbers (a workbook, Parquet); a text file holds none.
    ``keep``: the rows of regions to keep as the regions' values, with the country's (``--regions keep``).
    ``geography``: the geography the file is in (``--geography``), else each row's year's.
    """
    frame, problems, notes = _provinces(tidy, store, name, keep, typed=typed, geography=geography)
    catalog = IndicatorNames(store.indicators())
    frame, new, known = _indicators(frame, tidy, catalog)
    rank_like = (pl.col("catalog_unit") == "rank").fill_null(False) | pl.col("is_rank")
    found = decide_convention(
        frame.filter(~rank_like).with_columns(clean=numbers.cleaned(pl.col("value_text"))), convention, name
    )
    if found.problem is not None:
        problems.append(convention_problem(name, found.problem))
    if found.note:
        notes.append(found.note)
    checked = rules(found.chosen, decided=found.problem is None, first_years=Catalog.of(store).first_years())
    frame = materialize(
        _values(frame, unit, found.chosen, typed).with_columns(rule=first_broken(checked)).select(CHECKED_COLUMNS),
        "checked",
    )
    frame, scale_problems, scale_notes, left_out = _unit_scale(frame, name, unit)
    problems += scale_problems
    notes += scale_notes
    broken, counted = _broken(frame, checked, name)
    repeats, repeat_count, repeated, repeat_notes = _repeats(frame, name)
    total = len(problems) + counted + repeat_count
    problems = sorted([*problems, *broken, *repeats], key=lambda p: (p.row, p.column))[:SHOWN]
    new_units, new = _new_units(frame, new, catalog, known)
    notes += repeat_notes
    observations = _observations(frame, repeated, typed)
    if rows is not None and total == 0:
        counted = general_counts(rows, tidy, frame, observations.select(row="raw_row"))
        notes += [note] if (note := counted.note(name)) else []
    hidden = total - len(problems)
    return Checked(observations, problems, notes, new_units, new, hidden, left_out & new_units.keys())
