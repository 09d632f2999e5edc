"""One streaming pass for a large plain long table: read, check and write its rows at once.

A large text file (``read.Stream``) in the long layout (province, year, indicator and value
columns, and no others but ignored ones) is first tried in a single pass. Polars reads the
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

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from dtikit.ingest import numbers
from dtikit.ingest.headers import IndicatorNames, Layout
from dtikit.ingest.read import RawTable
from dtikit.ingest.tidy import roles_of
from dtikit.ingest.validate import FIRST_YEAR, N_PROVINCES, decide_convention, new_indicator_note
from dtikit.provinces import ProvinceNames
from dtikit.store import PART_COLUMNS, Store, scan_part

_HEAD_BYTES = 1 << 20
_NUMBER = {
    "comma": r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?%?$",
    "point": r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$",
    None: r"^-?\d+%?$",
}
_MISSING = sorted({v for m in numbers.MISSING if m for v in (m, m.upper(), m.title(), m.capitalize())})
# key = indicator * 2**20 + province * 2**12 + year: exact while years stay below 4096
_IND, _PROV = 1 << 20, 1 << 12


@dataclass(frozen=True)
class NotPlain:
    """Why a file needs the general checks."""

    reason: str


@dataclass
class PlainFile:
    """A file that passed in one pass: its rows in ``part`` and what the general checks would say."""

    part: Path
    count: int
    value_column: str
    notes: list[str] = field(default_factory=list)
    new_indicators: dict[str, str | None] = field(default_factory=dict)  # id -> unit


def _parse(value: pl.Expr, convention: str | None) -> pl.Expr:
    body = value.str.strip_suffix("%")
    if convention == "comma":
        body = body.str.replace_many([".", ","], ["", "."])
    elif convention == "point":
        body = body.str.replace_all(",", "", literal=True)
    return body.cast(pl.Float64, strict=False)


class _Spellings:
    """Texts of one column, as an enumeration, with the index of what each resolves to."""

    def __init__(self, resolved: dict[str, int]) -> None:
        self.texts = list(resolved)
        self.target = pl.Series(list(resolved.values()), dtype=pl.UInt32)

    def dtype(self) -> pl.Enum:
        return pl.Enum(self.texts)

    def index(self, column: str) -> pl.Expr:
        return pl.lit(self.target).gather(pl.col(column).to_physical())


def _head(table: RawTable, layout: Layout, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The first rows below the header, read by Polars as the scan will read them."""
    with open(table.stream.path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
    head = head[: head.rfind(b"\n") + 1] if len(head) == _HEAD_BYTES else head
    return pl.read_csv(
        io.BytesIO(head),
        has_header=False,
        separator=table.stream.separator,
        skip_rows=layout.header_row + 1,
        schema=schema,
        truncate_ragged_lines=True,
        raise_if_empty=False,
        missing_columns="insert",
    )


def check_plain(
    table: RawTable,
    layout: Layout,
    header: list[str],
    store: Store,
    *,
    unit: str | None,
    convention: str | None,
    workdir: Path,
) -> PlainFile | NotPlain:
    """Read, check and write a large long table in one pass, or say why it needs the general checks."""
    if table.stream is None:
        return NotPlain("not a large text file")
    by_role, measures = roles_of(layout, header)
    if measures or not {"province", "year", "indicator", "value"} <= set(by_role):
        return NotPlain("not the long layout")
    names = [f"c{i}" for i in range(len(header))]
    texts = dict.fromkeys(names, pl.String)
    p, y, i, v = (names[by_role[r]] for r in ("province", "year", "indicator", "value"))
    # optional columns: their text, stripped, or null when empty
    given = {
        r: pl.col(names[by_role[r]]).str.strip_chars().replace("", None) if r in by_role else pl.lit(None, pl.String)
        for r in ("unit", "period", "source")
    }
    head = _head(table, layout, texts)
    column = header[by_role["value"]].strip()

    provinces = ProvinceNames(store)
    canonical = provinces.canonical
    spelled = [*head[p].drop_nulls().unique().to_list(), *store.aliases().filter(pl.col("geography") == 63)["alias"]]
    province_of: dict[str, int] = {}
    for text in dict.fromkeys([*canonical, *spelled]):
        found = provinces.lookup(text)
        if found is None:
            return NotPlain("a province name the store does not know, or a country row, in the first rows")
        province_of[text] = canonical.index(found)

    catalog = store.indicators()
    indicator_names = IndicatorNames(catalog)
    shown = head[i].drop_nulls().unique().to_list()
    ids: dict[str, int] = {}
    indicator_of: dict[str, int] = {}
    new: dict[str, str] = {}
    for text in dict.fromkeys([*catalog["indicator"], *shown]):
        ident, is_new = indicator_names.resolve(text)
        if not ident:
            return NotPlain("an indicator without an id in the first rows")
        if is_new:
            new.setdefault(ident, text)
        indicator_of[text] = ids.setdefault(ident, len(ids))
    id_list = list(ids)
    units = [unit or indicator_names.units.get(ident) for ident in id_list]
    rank_ids = [n for n, ident in enumerate(id_list) if indicator_names.units.get(ident) == "rank"]

    # the convention, decided on the first rows as the general checks decide it on all
    rank_rows = head[i].replace_strict(indicator_of, default=None).is_in(rank_ids).fill_null(False)
    sample = head.with_row_index("row", layout.header_row + 2).filter(~rank_rows & pl.col(v).is_not_null())
    sample = sample.select(
        pl.col("row").cast(pl.Int64), column=pl.lit(column), value_text=pl.col(v), clean=numbers.cleaned(pl.col(v))
    )
    chosen, problems, note = decide_convention(sample.lazy(), convention, table.name)
    if problems:
        return NotPlain("the first rows do not decide the decimal convention")

    province_spellings = _Spellings(province_of)
    indicator_spellings = _Spellings(indicator_of)
    schema = {**texts, p: province_spellings.dtype(), y: pl.Int16, i: indicator_spellings.dtype()}
    scan = pl.scan_csv(
        table.stream.path,
        has_header=False,
        separator=table.stream.separator,
        skip_rows=layout.header_row + 1,
        schema=schema,
        truncate_ragged_lines=True,
        raise_if_empty=False,
        missing_columns="insert",
    )
    rows = scan.with_row_index("row", offset=layout.header_row + 2).filter(pl.col(v).is_not_null())
    text = pl.col(v)
    percent = text.str.ends_with("%")
    units_by_id = pl.Series(units, dtype=pl.String)
    computed = rows.with_columns(
        _province=province_spellings.index(p),
        _indicator=indicator_spellings.index(i),
        _value=_parse(text, chosen),
        _readable=text.str.contains(_NUMBER[chosen]),
    ).with_columns(
        _unit=pl.coalesce(
            given["unit"], pl.lit(units_by_id).gather(pl.col("_indicator")), pl.when(percent).then(pl.lit("%"))
        ),
        _where=(pl.col(p).is_not_null() & pl.col(y).is_between(FIRST_YEAR, date.today().year)).fill_null(False),
    )
    value = pl.col("_value")
    rank = pl.col("_indicator").is_in(rank_ids)
    # a rank is a whole number 1..63: in any convention, a readable text of at most two characters
    in_range = (
        pl.when(rank)
        .then(value.is_between(1, N_PROVINCES) & (text.str.len_bytes() <= 2) & ~percent)
        .when(pl.col("_unit") == "score 0-1")
        .then(value.is_between(0, 1))
        .otherwise(pl.lit(True))
    )
    computed = computed.with_columns(_ok=(pl.col("_where") & pl.col("_readable") & in_range).fill_null(False))
    ok = pl.col("_ok")

    part = workdir / "part.parquet"
    written = computed.filter(ok).select(
        province=pl.lit(pl.Series(canonical, dtype=pl.Enum(canonical))).gather(pl.col("_province")),
        year=pl.col(y),
        indicator=pl.lit(pl.Series(id_list, dtype=pl.Enum(id_list))).gather(pl.col("_indicator")),
        value=value,
        value_text=text,
        unit=pl.col("_unit"),
        period=given["period"],
        source_note=given["source"],
        raw_row=pl.col("row").cast(pl.Int32),
    )
    held = _held(store, canonical, ids)
    held_set = set(held["indicator_id"])
    held_ids = pl.Series([n in held_set for n in range(len(id_list))], dtype=pl.Boolean)
    summary = computed.select(
        rows=pl.len(),
        values=ok.sum(),
        missing=text.filter(pl.col("_where") & ~ok).is_in(_MISSING).sum(),
        percent=percent.any(),
        held=pl.lit(held_ids).gather(pl.col("_indicator").filter(ok)).any(),
    )
    # key: indicator, province (6 bits), year from 2000 (6 bits); a key repeated is a duplicate
    key = (
        pl.col("_indicator").cast(pl.UInt32) * 4096
        + pl.col("_province").cast(pl.UInt32) * 64
        + (pl.col(y) - FIRST_YEAR).cast(pl.UInt32)
    )
    keys = computed.filter(pl.col("_where")).select(key=key)
    try:
        _, found, keys = pl.collect_all(
            [written.select(PART_COLUMNS).sink_parquet(part, lazy=True, statistics=False), summary, keys],
            engine="streaming",
        )
    except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, pl.exceptions.NoDataError):
        part.unlink(missing_ok=True)
        return NotPlain("a cell is not what the first rows promise")
    found = found.row(0, named=True)
    reason = None
    if not found["values"] or found["values"] + found["missing"] != found["rows"]:
        reason = "a row breaks a rule"
    elif keys["key"].n_unique() != keys.height:
        reason = "a key repeats"
    elif found["held"] and _touches(part, held):
        reason = "a value of the store is given again"
    if reason:
        part.unlink(missing_ok=True)
        return NotPlain(reason)
    new_units = dict.fromkeys(new, unit)
    if new and not unit and ("unit" in by_role or found["percent"]):
        new_units = _first_units(part, list(new))
    notes = [note] if note else []
    if new:
        notes.append(new_indicator_note(table.name, new, new_units))
    return PlainFile(part, found["values"], column, notes, new_units)


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


def _held(store: Store, canonical: list[str], ids: dict[str, int]) -> pl.DataFrame:
    """The keys of the values held for these provinces and indicators, with the indicator's index."""
    held = store.values().filter((pl.col("geography") == 63) & pl.col("province").is_in(canonical))
    return held.select(
        "province", "year", "indicator", indicator_id=pl.col("indicator").replace_strict(ids, default=None)
    ).drop_nulls()


def _touches(part: Path, held: pl.DataFrame) -> bool:
    """Whether any row of ``part`` has the key of a held value."""
    keys = held.lazy().select("province", pl.col("year").cast(pl.Int16), "indicator")
    return (
        scan_part(part)
        .join(keys, on=["province", "year", "indicator"], how="semi")
        .select(pl.len())
        .collect()
        .item()
        > 0
    )
