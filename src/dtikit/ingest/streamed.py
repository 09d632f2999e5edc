"""One streaming pass for a large plain long table: read, check and write its rows at once.

A large text file (``read.Stream``) in the long layout (province, year, indicator and value
columns; unit, period and source columns allowed) is first tried in a single pass. Polars reads the
columns already typed: province and indicator as enumerations of the spellings the store knows
and the file's first rows show, the year as a whole number. Values are read with the decimal
convention its first rows decide (the rule of ``dtikit.ingest.numbers``), every rule of
``dtikit.ingest.validate`` is checked, and the rows are written to a Parquet *part* while
counting what would need a closer look.

The pass is taken only when nothing needs that look: every cell plain (a number in the file's
convention, or a missing marker), no key repeated, no key already held. Otherwise, or when a
cell cannot be read as typed, the caller runs the general checks, which name every problem:
this pass never decides that a file is wrong, only that it is plain.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog
from dtikit.ingest import numbers
from dtikit.ingest.accounting import RowCounts, is_blank
from dtikit.ingest.headers import IndicatorNames
from dtikit.ingest.layout import Layout
from dtikit.ingest.ragged import is_beyond
from dtikit.ingest.read import HEAD_BYTES, RawTable
from dtikit.ingest.rules import decide_convention, keeps_all, parse_value, rules
from dtikit.ingest.tidy import roles_of
from dtikit.provinces import ProvinceNames
from dtikit.runnable import is_runnable
from dtikit.storage import Store
from dtikit.storage.layout import PART_COLUMNS, scan_part, write_part

# a key as one number, (indicator * provinces + province) * YEARS + (year - KEY_FIRST_YEAR): exact for any
# number of provinces, any year from 1900 to 2411 and keys below 2**64 (``_key``)
KEY_FIRST_YEAR = 1900
YEARS = 512
# rows per row group of a part: every row group repeats the dictionary of the indicators it holds, and
# a scan of one indicator reads them all (10M rows of 9,921 indicators: 0.06 s in groups of 80,000
# rows, 0.024 s in groups of a million). The pass holds a group in memory before writing it: at 10M
# rows of 6,105 indicators, groups of 2**18 rows took the ingest's peak from 680-700 MB to 555-577 MB,
# and a scan of one indicator from 0.032 s to 0.044 s. A smaller file gets smaller groups, a sixteenth
# of its rows but at least 2**16 (``_row_group``): at 1M rows, 2**16 took the peak from 240-263 MB to
# 212-219 MB.
PART_ROW_GROUP = 1 << 18
_SMALLEST_ROW_GROUP = 1 << 16


def _row_group(size: int, head_rows: int) -> int:
    """Rows per row group of the part of a file of ``size`` bytes whose first megabyte holds ``head_rows``."""
    rows = size * head_rows // HEAD_BYTES
    return min(PART_ROW_GROUP, max(_SMALLEST_ROW_GROUP, rows // 16))


_ATTEMPTS = itertools.count()  # numbers the files of the passes (``_written``)
_BROKEN = "a row breaks a rule"
_PROMISE = "a cell is not what the first rows promise"
_UNKNOWN = "a province or indicator the first rows did not show"


class NotPlain(NamedTuple):
    """Why a file needs the general checks (``unknown``: only a name the first rows did not show)."""

    reason: str
    unknown: bool = False


@dataclass
class PlainFile:
    """A file that passed in one pass: its rows in ``part`` and what the general checks would say."""

    part: Path
    count: int
    value_column: str
    notes: list[str] = field(default_factory=list)
    new_indicators: dict[str, str | None] = field(default_factory=dict)  # id -> unit
    new_texts: dict[str, str] = field(default_factory=dict)  # id -> the text it was read from
    indicators: list[str] = field(default_factory=list)  # the ids the part holds (for the store's manifest)
    repeats: str | None = None  # the store's part whose every key and value this file gives again
    # whether a text of its rows may be one a spreadsheet would run (``dtikit.runnable``): False when
    # every unit, period, source and column header can only be a text checked here (``_may_run``)
    may_run: bool = True


class _Spellings:
    """Texts of one column, as an enumeration, with the index of what each resolves to."""

    def __init__(self, resolved: dict[str, int]) -> None:
        self.texts = list(resolved)
        self.target = pl.Series(list(resolved.values()), dtype=pl.UInt32)

    def dtype(self) -> pl.Enum:
        return pl.Enum(self.texts)

    def index(self, column: str) -> pl.Expr:
        """The index of each cell of an enumeration column."""
        return pl.lit(self.target).gather(pl.col(column).to_physical())

    def resolved(self, texts: list[str]) -> dict[str, int]:
        """The index each of ``texts`` resolves to."""
        target = dict(zip(self.texts, self.target.to_list(), strict=True))
        return {t: target[t] for t in texts}

    def known(self, column: str) -> pl.Expr:
        """The index of each cell of a text column, null for a text not known (a cast, which streams:
        a join took 0.26 s on 10M rows, this 0.15 s; ``replace_strict`` held the whole column)."""
        return pl.lit(self.target).gather(pl.col(column).cast(self.dtype(), strict=False).to_physical())


@dataclass
class _Names:
    """Province and indicator texts a pass accepts, and what each resolves to."""

    canonical: list[str]
    provinces: _Spellings
    ids: dict[str, int]  # indicator id -> index
    indicators: _Spellings
    new: dict[str, str]  # new indicator id -> text as written
    units: list[str | None]  # by indicator index: the unit given, or the catalog's
    ranks: list[int]  # indicator indices measured in ranks
    file_ranks: bool  # whether the file's own indicator texts (those seen so far) name a rank
    unit: str | None  # the unit given (``--unit``): also that of an indicator not known yet
    any_year: bool = False  # the file is said to be of the default geography (``--geography``): any year is
    # indicator index -> its first year (``Catalog.first_years``): an earlier year is for the general checks
    first_years: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, store: Store, provinces: list[str], indicators: list[str], unit: str | None) -> _Names | NotPlain:
        names = ProvinceNames(store)
        canonical = names.canonical
        aliases = store.aliases().filter(pl.col("geography") == geographies.DEFAULT)["alias"].to_list()
        province_of: dict[str, int] = {}
        for text in dict.fromkeys([*canonical, *aliases, *provinces]):
            found = names.lookup(text)
            if found is None:
                return NotPlain(f"{text!r} is not a province the store knows (or is a country row)")
            province_of[text] = canonical.index(found)
        catalog = IndicatorNames(store.indicators())
        ids: dict[str, int] = {}
        indicator_of: dict[str, int] = {}
        new: dict[str, str] = {}
        for text in dict.fromkeys([*catalog.units, *indicators]):
            ident, is_new = catalog.resolve(text)
            if not ident:
                return NotPlain(f"indicator {text!r} has no id")
            if is_new:
                new.setdefault(ident, text)
            indicator_of[text] = ids.setdefault(ident, len(ids))
        if len(ids) * max(len(canonical), 1) * YEARS >= 1 << 63:
            return NotPlain("too many indicators for a 64-bit key")
        units = [unit or catalog.units.get(ident) for ident in ids]
        ranks = [n for n, ident in enumerate(ids) if catalog.units.get(ident) == "rank"]
        file_ranks = not set(ranks).isdisjoint(indicator_of[text] for text in dict.fromkeys(indicators))
        spellings = _Spellings(province_of), _Spellings(indicator_of)
        firsts = {ids[ident]: year for ident, year in Catalog.of(store).first_years().items() if ident in ids}
        return cls(canonical, spellings[0], ids, spellings[1], new, units, ranks, file_ranks, unit, first_years=firsts)


class _Columns(NamedTuple):
    """Where a long table keeps each role (``c0``, ``c1``, ... as scanned)."""

    province: str
    year: str
    indicator: str
    value: str
    optional: dict[str, pl.Expr]  # unit, period, source: text stripped, null when empty
    width: int
    has_unit: bool
    value_header: str
    given: frozenset[str] = frozenset()  # the optional roles the file has a column for

    @classmethod
    def of(cls, layout: Layout, header: list[str]) -> _Columns | None:
        by_role, measures = roles_of(layout, header)
        if measures or not {"province", "year", "indicator", "value"} <= set(by_role):
            return None
        names = [f"c{i}" for i in range(len(header))]
        optional = {
            r: pl.col(names[by_role[r]]).str.strip_chars().replace("", None)
            if r in by_role
            else pl.lit(None, pl.String)
            for r in ("unit", "period", "source")
        }
        p, y, i, v = (names[by_role[r]] for r in ("province", "year", "indicator", "value"))
        given = frozenset(r for r in optional if r in by_role)
        return cls(p, y, i, v, optional, len(header), "unit" in by_role, header[by_role["value"]].strip(), given)

    def texts(self) -> dict[str, pl.DataType]:
        """Every column as text, and one more: a row's first cell beyond the header (``ragged``)."""
        return {f"c{i}": pl.String for i in range(self.width + 1)}


def _csv(table: RawTable, layout: Layout, schema: dict[str, pl.DataType]) -> dict:
    """How the scan and the first-rows sample read the file: alike, so that they see the same texts."""
    return {
        "has_header": False,
        "separator": table.stream.separator,
        "skip_rows": layout.header_row + 1,
        "schema": schema,
        "truncate_ragged_lines": True,
        "extra_columns": "ignore",  # the first row's too, as every later row's and the general reader's
        "raise_if_empty": False,
        "missing_columns": "insert",
    }


def _scan(table: RawTable, layout: Layout, schema: dict[str, pl.DataType]) -> pl.LazyFrame:
    return pl.scan_csv(table.stream.path, **_csv(table, layout, schema))


def _head(table: RawTable, layout: Layout, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The first rows below the header (whole lines of the first megabyte)."""
    with open(table.stream.path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    head = head[: head.rfind(b"\n") + 1] if len(head) == HEAD_BYTES else head
    return pl.read_csv(io.BytesIO(head), **_csv(table, layout, schema))


def check_plain(
    table: RawTable,
    layout: Layout,
    header: list[str],
    store: Store,
    *,
    unit: str | None,
    convention: str | None,
    workdir: Path,
    geography: int | None = None,
) -> PlainFile | NotPlain:
    """Read, check and write a large long table in one pass, or say why it needs the general checks.
    ``geography``: the file's, when given (only the default one's provinces are read here)."""
    if table.stream is None:
        return NotPlain("not a large text file")
    columns = _Columns.of(layout, header)
    if columns is None:
        return NotPlain("not the long layout")
    try:
        head = _head(table, layout, columns.texts())
    except pl.exceptions.PolarsError:
        return NotPlain("the first rows cannot be read as the scan reads them")
    names = _Names.build(
        store, head[columns.province].drop_nulls().to_list(), head[columns.indicator].drop_nulls().to_list(), unit
    )
    if isinstance(names, NotPlain):
        return names
    names.any_year = geography == geographies.DEFAULT
    value_column = columns.value_header

    # the convention, decided on the first rows as the general checks decide it on all
    ranks = head[columns.indicator].replace_strict(names.indicators.texts, names.indicators.target, default=None)
    sample = head.with_row_index("row", layout.header_row + 2).filter(
        ~ranks.is_in(names.ranks).fill_null(False) & pl.col(columns.value).is_not_null()
    )
    sample = sample.select(
        pl.col("row").cast(pl.Int64),
        column=pl.lit(value_column),
        value_text=pl.col(columns.value),
        clean=numbers.cleaned(pl.col(columns.value)),
    )
    found = decide_convention(sample.lazy(), convention, table.name)
    if found.problem is not None:
        return NotPlain("the first rows do not decide the decimal convention")
    chosen, note = found.chosen, found.note

    part = workdir / "part.parquet"
    row_group = _row_group(Path(table.stream.path).stat().st_size, head.height)
    # values read as bare cells when the first rows hold only those (``numbers.is_bare``); a later cell
    # that is not stops that pass as a broken rule does, and the exact expressions read the file again
    # (after any stop but a name the first rows did not show: the exact pass says why, as before)
    bare = bool(head.select(numbers.is_bare(pl.col(columns.value), chosen).all()).item())

    def read(names: _Names, *, learning: bool = False) -> NotPlain | _Written:
        found = _pass(table, layout, columns, names, chosen, part, row_group=row_group, learning=learning, bare=bare)
        if bare and isinstance(found, NotPlain) and not found.unknown:
            found = _pass(table, layout, columns, names, chosen, part, row_group=row_group, learning=learning)
        return found

    lines = _Lines(table.stream.path)
    found = read(names)
    if isinstance(found, NotPlain) and found.unknown:  # a name the first rows did not show: read them as they come
        found = read(names, learning=True)
        if isinstance(found, _Written):
            learned = _learn(part, names, store, unit, row_group)
            if isinstance(learned, NotPlain):
                found = learned
            elif isinstance(learned, _Late):  # a catalog indicator: its rules were not applied; read again knowing it
                names = learned.names
                found = read(names)
            else:
                names, found = learned.names, _Written(learned.keys)
    if isinstance(found, _Written):
        found = _verify(part, names, store, found.keys)
    if isinstance(found, NotPlain):
        part.unlink(missing_ok=True)
        return found
    new_units = dict.fromkeys(names.new, unit)
    if names.new and not unit:
        new_units = _first_units(part, list(names.new))
    notes = [note] if note else []
    notes += [said] if (said := _row_counts(table, layout, columns, found["values"], lines).note(table.name)) else []
    return PlainFile(
        part,
        found["values"],
        value_column,
        notes,
        new_units,
        dict(names.new),
        found["indicators"],
        found["repeats"],
        may_run=_may_run(columns, names),
    )


def _may_run(columns: _Columns, names: _Names) -> bool:
    """Whether a text of the part may be one a spreadsheet would run: the file has a unit, period or
    source column, or a text the rows take whole (the value column's header, a unit of the catalog
    or ``--unit``) is one. A period is otherwise its year, and a unit "%" or "rank": no scan needed
    (``runnable_note`` over a part of 10M rows took 1.1 s, 2.2 CPU-s)."""
    if columns.given:
        return True
    return any(is_runnable(text) for text in [columns.value_header, names.unit, *names.units])


def _pass(
    table: RawTable,
    layout: Layout,
    columns: _Columns,
    names: _Names,
    chosen: str | None,
    part: Path,
    *,
    row_group: int,
    learning: bool = False,
    bare: bool = False,
) -> NotPlain | _Written:
    """Write the plain rows into ``part`` (and, knowing every name, compute the keys of its rows in the
    same run), or say why the file is not plain.

    Province and indicator are read as enumerations of ``names`` (a text not among them stops the
    pass: ``NotPlain`` with ``unknown`` set), or with ``learning`` as texts: one the names do not
    know is written as it is, to be learned from the part (``_learn``) without reading the file again.
    The rules see such an indicator as what it is unless it names one of the catalog: new, no rank,
    of the unit given (else ``_learn`` has the file read again knowing it), and its row is written
    even without a value, so that every name of the file is learned (``_learn`` drops those rows).
    With ``bare``, values are read as bare cells (``numbers.is_bare``): a cell that is not stops the
    pass as a broken rule does (``_BROKEN``).
    """
    p, y, i, v = columns.province, columns.year, columns.indicator, columns.value
    # a learning pass reads the indicator as a category (its texts repeat: 10M rows of 9,900 indicators
    # peaked 30-50 MB lower than as text, in the same time); the province as text
    kinds = (pl.String, pl.Categorical) if learning else (names.provinces.dtype(), names.indicators.dtype())
    schema = {**columns.texts(), p: kinds[0], y: pl.Int16, i: kinds[1]}
    rows = _scan(table, layout, schema).with_row_index("row", offset=layout.header_row + 2)
    computed = _ruled(rows.filter(pl.col(v).is_not_null()), columns, names, chosen, learning=learning, bare=bare)
    ok, text = pl.col("_ok"), pl.col(v)
    # province and indicator as text (a Parquet dictionary on disk): a scan filtered on an enumeration
    # maps every row group's dictionary to its categories, four times slower than on text.
    # One query: a row that breaks a rule stops the pass (its row number, made negative, fails a strict
    # cast), so nothing is computed twice. The keys of the rows are its second output (one scan of the
    # file for both; at 10M rows reading them back from the part took 0.75 CPU-s more, and a whole
    # column of keys in memory after the pass as now during it). A learning pass's keys are read back
    # (``_learn``): a name it meets has no index yet.
    kept = pl.col("value").is_not_null() | ~ok
    if learning:  # an empty name breaks a rule: a null index is a name not known yet
        kept = kept | pl.col("_province").is_null() | pl.col("_indicator").is_null()
    written = computed.filter(kept).select(
        province=_named(names.canonical, "_province", p if learning else None),
        year=pl.col(y),
        indicator=_named(list(names.ids), "_indicator", i if learning else None),
        value=pl.col("value"),
        value_text=text if bare else text.str.strip_chars(),  # a bare cell has no spaces
        unit=pl.col("unit"),
        period=columns.optional["period"],
        source_note=columns.optional["source"],
        raw_row=pl.when(ok).then(pl.col("row").cast(pl.Int64)).otherwise(-1).cast(pl.UInt32, strict=True),
    )
    sink = written.select(PART_COLUMNS).with_columns(pl.col("raw_row").cast(pl.Int32))
    keys = (
        None
        if learning
        else computed.filter(kept).select(
            key=_narrow(_key(pl.col("_indicator"), pl.col("_province"), pl.col(y), names), names)
        )
    )
    return _written(sink, part, row_group, keys)


def _ruled(
    rows: pl.LazyFrame, columns: _Columns, names: _Names, chosen: str | None, *, learning: bool, bare: bool
) -> pl.LazyFrame:
    """The rows with the columns the rules read (``dtikit.ingest.rules``), as the general checks give
    them, and ``_ok``: the row keeps every rule (and, with ``bare``, its value cell is bare)."""
    p, y, i, text = columns.province, columns.year, columns.indicator, pl.col(columns.value)
    spellings = {"_province": (names.provinces, p), "_indicator": (names.indicators, i)}
    indices = {k: s.known(c) if learning else s.index(c) for k, (s, c) in spellings.items()}
    rank_like = pl.col("_indicator").is_in(names.ranks).fill_null(False)  # null: not known yet, so new
    clean = numbers.bare_cleaned(text) if bare else numbers.cleaned(text)
    computed = rows.with_columns(**indices, clean=clean).with_columns(
        # a cell of the enumerations is a known province and indicator; texts only matter for messages,
        # which this route never writes (the general checks do)
        province_text=pl.when(pl.col(p).is_null()).then(pl.lit("")).otherwise(pl.lit("known")),
        province=pl.when(pl.col(p).is_not_null()).then(pl.lit("known")),
        province_alt_text=pl.lit(""),
        province_alt=pl.lit(None, pl.String),
        year_text=pl.lit(""),
        year=pl.col(y),
        year_from=pl.lit("column"),
        geography=pl.lit(geographies.DEFAULT, pl.Int16),  # a part holds the default geography's provinces
        indicator=pl.when(pl.col(i).is_not_null()).then(pl.lit("known")),  # an empty cell has none
        rank_like=rank_like,
        **parse_value(
            # a rank the first rows did not show is read as a plain number: "45" passes the same rules,
            # "45/63" does not and goes to the general checks
            pl.col("clean"),
            rank_like,
            chosen,
            ranks=names.file_ranks,
            typed=False,
            bare=bare,
        ),
        unit=_unit(columns, names, bare),
    )
    ok = keeps_all(rules(chosen)) & ~is_beyond(columns.width)  # a cell beyond the header: the general checks name it
    if names.first_years:  # a year before its indicator's first: the general checks refuse it
        # looked up by index (``replace_strict`` does not stream: 400 MB more at 10M rows)
        firsts = pl.Series([names.first_years.get(n) for n in range(len(names.ids))], dtype=pl.Int32)
        first = pl.lit(firsts).gather(pl.col("_indicator"))
        ok = ok & ~(first > pl.col(y).cast(pl.Int32, strict=False)).fill_null(False)
    if not names.any_year:  # a year of another geography: the general checks read it
        ok = ok & _in_default_geography(pl.col(y))
    if bare:
        ok = ok & numbers.is_bare(text, chosen)
    return computed.with_columns(_ok=ok)  # once: the filter and ``raw_row`` read it


def _in_default_geography(year: pl.Expr) -> pl.Expr:
    """True for a year whose only geography is the default one (``dtikit.geography``): this pass reads
    its provinces; a year of another geography, or of two (2008, 2025), goes to the general checks."""
    held = geographies.geography(geographies.DEFAULT)
    first = held.start.year + ((held.start.month, held.start.day) != (1, 1))
    last = None if held.end is None else held.end.year - ((held.end.month, held.end.day) != (12, 31))
    return year.is_between(first, last) if last is not None else year >= first


class _Written(NamedTuple):
    """A part written, and the keys of its rows when computed with it."""

    keys: pl.Series | None = None


def _written(sink: pl.LazyFrame, part: Path, row_group: int, keys: pl.LazyFrame | None = None) -> NotPlain | _Written:
    """Stream ``sink`` into ``part``, and compute ``keys`` with it: what was written, else why the file
    is not plain.

    Each attempt writes a file of its own, renamed to ``part`` once complete: a query that stops on an
    error may still create its file a moment after Polars has raised (seen in 32 of 200 attempts), and
    once truncated the part a later pass had written under the same name."""
    attempt = part.with_name(f"{part.stem}-{next(_ATTEMPTS)}{part.suffix}")
    try:
        found = write_part(sink, attempt, row_group, () if keys is None else (keys,))
        attempt.replace(part)
        return _Written(found[0]["key"] if found else None)
    except pl.exceptions.InvalidOperationError as exc:
        # the strict cast of ``raw_row`` (Polars names the column "row")
        found = NotPlain(_BROKEN if "to `u32` failed" in str(exc) else _PROMISE)
    except pl.exceptions.ComputeError as exc:
        unknown = "as dtype `enum`" in str(exc)
        found = NotPlain(_UNKNOWN, unknown=True) if unknown else NotPlain(_PROMISE)
    except (pl.exceptions.SchemaError, pl.exceptions.NoDataError):
        found = NotPlain(_PROMISE)
    attempt.unlink(missing_ok=True)  # as written so far (it may come back: the work folder goes at the end)
    return found


def _row_counts(table: RawTable, layout: Layout, columns: _Columns, written: int, lines: _Lines) -> RowCounts:
    """The file's data rows, and why those not written were not: blank, or without a value (a plain
    file has no other kind). Its ``lines`` are counted first (a quoted line break only adds lines): when
    they are the rows written, every row was; else the file is read again to count each kind.
    (Polars' count of rows held the whole file in memory: 40 MB more at 1M rows.)"""
    if lines.count() - (layout.header_row + 1) <= written:
        return RowCounts(written, written)
    blank = is_blank(list(columns.texts()))
    no_value = ~blank & numbers.cleaned(pl.col(columns.value)).is_null()
    found = _scan(table, layout, columns.texts()).select(n=pl.len(), blank=blank.sum(), no_value=no_value.sum())
    n, blanks, no_values = found.collect().row(0)
    return RowCounts(n, written, blank=blanks, no_value=no_values)


def _lines(path: str) -> int:
    """The lines of a text file, the last one counted without its line break."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            lines, last = lines + chunk.count(b"\n"), chunk[-1:]
    return lines + (last != b"\n")


class _Lines(threading.Thread):
    """The lines of a text file (``_lines``), counted beside the pass: Polars leaves the interpreter
    free while it works (0.2 s at 10M rows, no longer waited for after the pass)."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.found: int | None = None
        self.start()

    def run(self) -> None:
        with contextlib.suppress(OSError):  # then counted again by ``count``, which raises it as before
            self.found = _lines(self.path)

    def count(self) -> int:
        self.join()
        return _lines(self.path) if self.found is None else self.found


def _unit(columns: _Columns, names: _Names, bare: bool) -> pl.Expr:
    """Each row's unit: the file's, the indicator's, "%" for a percent cell, "rank" for a rank.

    Only the terms that can give one are computed (0.2-0.4 CPU-s at 10M rows for a file of new
    indicators without units): a bare cell is never a percent."""
    terms = [columns.optional["unit"]] if columns.has_unit else []
    if names.unit is not None:  # every indicator's, a name not known yet's too
        terms.append(pl.lit(names.unit, pl.String))
    elif any(u is not None for u in names.units):
        terms.append(pl.lit(pl.Series(names.units, dtype=pl.String)).gather(pl.col("_indicator")))
    if not bare:
        terms.append(pl.when(numbers.is_percent(pl.col("clean"))).then(pl.lit("%")))
    if names.ranks:
        terms.append(pl.when(pl.col("_indicator").is_in(names.ranks)).then(pl.lit("rank")))
    return pl.coalesce(terms) if terms else pl.lit(None, pl.String)


def _named(texts: list[str], index: str, met: str | None) -> pl.Expr:
    """The text of each row's index; a text ``met`` that has none is written as it is."""
    named = pl.lit(pl.Series(texts, dtype=pl.String)).gather(pl.col(index))
    return named if met is None else pl.coalesce(named, pl.col(met).cast(pl.String))


def _verify(part: Path, names: _Names, store: Store, keys: pl.Series | None = None) -> dict | NotPlain:
    """What the part holds (its count, indicators, and the part of ``store`` it repeats), or why it is
    not plain: a key twice, a held value (unless the file gives again every key and value of one part,
    and no rank: ``Store.repeated_part``). ``keys``: the part's keys when already computed (by the
    pass, or by ``_learn``)."""
    keys = _part_keys(part, names) if keys is None else keys
    if keys.len() == 0:
        return NotPlain("a row breaks a rule")
    if _repeats(keys, _space(names)):
        return NotPlain("a key repeats")
    id_list = list(names.ids)
    # the indicators present, by marking their indices (a hash of 10M keys took 0.19 CPU-s, this 0.05)
    per_indicator = max(len(names.canonical), 1) * YEARS
    marked = pl.repeat(False, len(id_list), eager=True).scatter(keys // per_indicator, True)
    present = sorted(id_list[n] for n in marked.arg_true())
    touched, repeats = store.repeated_part(part, present)
    if touched and (repeats is None or _ranks(store, present)):
        return NotPlain("a value of the store is given again")
    return {"values": keys.len(), "indicators": present, "repeats": repeats}


def _ranks(store: Store, indicators: list[str]) -> bool:
    """Whether any of ``indicators`` is a rank (whose ties the general comparison looks at)."""
    catalog = store.indicators().filter(pl.col("indicator").is_in(indicators))
    return catalog.filter((pl.col("kind") == "rank") | (pl.col("unit") == "rank")).height > 0


def _met(part: Path) -> tuple[list[str], list[str], bool]:
    """The province and indicator texts of a part, and whether a row has no value (a learning pass
    writes a name's rows without one too): one read of three columns, nothing of them kept.

    The keys are then read from the part with the names learnt (``_part_keys``). Reading the texts of
    every row once as categories kept a frame of 10M rows beside the keys made from it: 60 MB more
    at the peak of an ingest whose first rows show few of its indicators, for 0.1-0.2 s less."""
    rows = pl.scan_parquet(part)
    found = pl.collect_all(
        [
            rows.select(pl.col("province").unique()),
            rows.select(pl.col("indicator").unique()),
            rows.select(unvalued=pl.col("value").null_count() > 0),
        ]
    )
    return found[0]["province"].to_list(), found[1]["indicator"].to_list(), bool(found[2].item())


class _Late(NamedTuple):
    """The names, with a catalog indicator met after the first rows (its rules were not applied)."""

    names: _Names


class _Learned(NamedTuple):
    """The names with those a learning pass met, and the keys of the part's rows."""

    names: _Names
    keys: pl.Series


def _learn(part: Path, names: _Names, store: Store, unit: str | None, row_group: int) -> _Learned | _Late | NotPlain:
    """The names with those a learning pass met, the part rewritten with what they resolve to."""
    provinces, indicators, unvalued = _met(part)
    met_provinces = [t for t in provinces if t not in set(names.canonical)]
    met_indicators = [t for t in indicators if t not in names.ids]
    learned = _Names.build(
        store, [*names.provinces.texts, *met_provinces], [*names.indicators.texts, *met_indicators], unit
    )
    if isinstance(learned, NotPlain):
        return learned
    ids = list(learned.ids)
    resolved = {t: ids[n] for t, n in learned.indicators.resolved(met_indicators).items()}
    if any(ident not in learned.new for ident in resolved.values()):
        return _Late(learned)
    canonical = {t: learned.canonical[n] for t, n in learned.provinces.resolved(met_provinces).items()}
    renamed = {c: {t: r for t, r in m.items() if t != r} for c, m in (("province", canonical), ("indicator", resolved))}
    if any(renamed.values()) or unvalued:
        fixed = part.with_suffix(".learned.parquet")
        rows_of = pl.scan_parquet(part).with_columns(pl.col(c).replace(m) for c, m in renamed.items() if m)
        write_part(rows_of.filter(pl.col("value").is_not_null()), fixed, row_group)
        fixed.replace(part)
    # the part now holds canonical names and ids only: its keys as those of a pass that knew them
    return _Learned(learned, _part_keys(part, learned))


def _key(indicator: pl.Expr, province: pl.Expr, year: pl.Expr, names: _Names) -> pl.Expr:
    """A key as one number from the indices of indicator and province and the year (UInt64)."""
    provinces = max(len(names.canonical), 1)
    return (indicator.cast(pl.UInt64) * provinces + province.cast(pl.UInt64)) * YEARS + (
        year.cast(pl.Int64) - KEY_FIRST_YEAR
    ).cast(pl.UInt64)


def _narrow(key: pl.Expr, names: _Names) -> pl.Expr:
    """A column of keys as UInt32 when every key fits (10M keys held: 40 MB, not 80)."""
    return key.cast(pl.UInt32) if _space(names) <= 1 << 32 else key


def _space(names: _Names) -> int:
    """How many keys there can be: every indicator, province and year."""
    return len(names.ids) * max(len(names.canonical), 1) * YEARS


def _part_keys(part: Path, names: _Names) -> pl.Series:
    """The keys of ``part`` from its texts."""
    index = {
        column: pl.col(column).cast(pl.Enum(texts)).to_physical().cast(pl.UInt32)
        for column, texts in (("province", names.canonical), ("indicator", list(names.ids)))
    }
    key = _narrow(_key(index["indicator"], index["province"], pl.col("year"), names), names)
    return pl.scan_parquet(part).select(key=key).collect()["key"]


# the largest bitmap ``_repeats`` makes (bits: 32 MB)
_BITMAP = 1 << 28


def _repeats(keys: pl.Series, space: int) -> bool:
    """Whether a key occurs twice: a bitmap of the key space when it is small, else a hash count.

    A key's last part is its year among ``YEARS`` (``_key``), of which a file holds a few: when the
    space is too large for a bitmap, the keys are first renumbered over the years present, which keeps
    them apart (10M keys of 9,921 indicators and 16 years, in a fresh process: 0.12 s, against 0.19 s for
    the hash count)."""
    if keys.len() == 0:
        return False
    if space <= _BITMAP:
        return _set_twice(keys, space)
    years = keys % YEARS
    first, last = years.min(), years.max()
    span = last - first + 1
    dense_space = (space // YEARS) * span
    if dense_space > _BITMAP:
        return keys.n_unique() != keys.len()
    return _set_twice((keys // YEARS) * span + (years - first), dense_space)


def _set_twice(keys: pl.Series, space: int) -> bool:
    """Whether a key of ``keys``, each below ``space``, occurs twice (a bitmap of the space)."""
    seen = pl.repeat(False, space, eager=True).scatter(keys, True)
    return seen.sum() != keys.len()


def _first_units(part: Path, idents: list[str]) -> dict[str, str | None]:
    """The unit of each new indicator: the first one its rows give, in file order."""
    firsts = (
        scan_part(part)
        .filter(pl.col("indicator").is_in(idents) & pl.col("unit").is_not_null())
        .group_by("indicator")
        .agg(pl.col("unit").sort_by("raw_row").first())
        .collect()
    )
    found = dict(firsts.iter_rows())
    return {ident: found.get(ident) for ident in idents}
