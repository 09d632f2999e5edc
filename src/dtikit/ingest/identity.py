"""One measure, one indicator: what a command settles once every table of its files is read.

Each table names its columns on its own (``dtikit.ingest.layout``); some links are only seen across
the tables of a command:

- **names**: a column whose names are an indicator of the catalog and a new one of the command (a
  sub-index sheet's 'Chỉ số 1_ gia nhập thị trường' under the sheet 'Chi phi gia nhap thi truong', read
  after the summary's 'Gia nhập thị trường') says the two are one measure (``NewIndicators``);
- **values**: the measure a sheet's name names (its sub-index score) holding, for one year, the very
  values of a column of another sheet of the same workbook (the summary's), for at least ``LINKED``
  provinces and ``DISTINCT`` different values, is the same measure (two columns of components that
  happen to hold the same numbers are not: only a sheet's own measure is linked so);

A new indicator found to be another measure is merged into it: its values and names go to it. Two
indicators the catalog already held are never joined: a note names both. A new index-level measure
(a sheet's own, or a ranked pair's) whose name or code is close to one held, in another workbook, is
said in a note naming the likely match and the ``--map`` that would join them: dtikit never guesses.

Afterwards the catalog learns what the files said (``update_catalog``): the new names of an indicator
it held are its aliases, the codes of its columns (``sub7_proactivity``, ``B2/8``) its ``codes`` (found
by ``rank --indicator``, never by ingest, since editions reuse codes for other measures), and its
``rank_id`` when its published rank first arrives. Indicators of the bundled catalog learn no names.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

import polars as pl

from dtikit.ingest.header_text import plain
from dtikit.ingest.headers import IndicatorNames
from dtikit.ingest.title import kind_of, unqualified
from dtikit.messages import say
from dtikit.names import words

if TYPE_CHECKING:
    from dtikit.ingest.naming import NewIndicators

LINKED = 10  # provinces two columns must share, value for value, to be one measure
DISTINCT = 3  # different values among them (a column of zeros links nothing)
LIKELY = 10  # notes naming a likely match, then a count


def settle(checks: list[Any], new: NewIndicators | None, catalog: IndicatorNames, fixed: set[str]) -> list[str]:
    """Merge the new indicators the command's tables show to be another measure; rename their values in
    ``checks`` (``run.FileCheck``); the notes (``fixed``: the bundled catalog's ids, which learn nothing)."""
    if new is None:
        return []
    tables = [c for c in checks if c.targets is None and c.plain is None and not c.skipped]
    notes = _link_by_values(tables, new, catalog)
    notes += _likely_matches(new, catalog, fixed)
    notes += _kind_unsaid(new, catalog)
    _rename(tables, new, catalog)
    return notes + _learnt_note(new, catalog, fixed)


def held_names(catalog: IndicatorNames, score: str | None) -> tuple[str | None, str | None] | None:
    """The names of an indicator the catalog holds (for its published rank's row), else None."""
    if score is None or score not in catalog.units:
        return None
    held = catalog.catalog.get(score)
    return held.name_vi, held.name_en


LEARNT_SHOWN = 5


def _learnt_note(new: NewIndicators, catalog: IndicatorNames, fixed: set[str]) -> list[str]:
    """One note naming the indicators held that learn names or codes (the first few)."""
    said = []
    for ident, learnt in new.learnt.items():
        if ident in fixed or ident not in catalog.units:
            continue
        codes = [c for c in learnt.codes if c not in catalog.catalog.get(ident).codes]
        if learnt.aliases or codes:
            said.append(f"{ident} ({', '.join(repr(t) for t in [*learnt.aliases, *codes])})")
    if not said:
        return []
    more = say("ingest.and_more_indicators", n=len(said) - LEARNT_SHOWN) if len(said) > LEARNT_SHOWN else ""
    return [say("ingest.note.learnt", n=len(said), listed="; ".join(said[:LEARNT_SHOWN]) + more)]


def _signatures(tables: list[Any]) -> pl.DataFrame:
    """Per (file, table, indicator, year): its (province, value) pairs as one text, their count, distinct values."""
    frames = [
        c.observations.select("province", "year", "indicator", "value").with_columns(
            file=pl.lit(c.sha256), table=pl.lit(c.name)
        )
        for c in tables
    ]
    if not frames:
        return pl.DataFrame()
    pairs = pl.concat_str(["province", pl.col("value").cast(pl.String)], separator="=")
    return (
        pl.concat(frames)
        .group_by("file", "table", "indicator", "year")
        .agg(sig=pairs.sort().str.join("|"), n=pl.len(), distinct=pl.col("value").n_unique())
        .filter((pl.col("n") >= LINKED) & (pl.col("distinct") >= DISTINCT))
        .collect()
    )


def _link_by_values(tables: list[Any], new: NewIndicators, catalog: IndicatorNames) -> list[str]:
    """Merge a sheet's own measure and a column of another sheet of its workbook holding its values."""
    if not new.sheet_measures:
        return []
    found = _signatures(tables)
    if found.height == 0:
        return []
    measures = found.join(
        pl.DataFrame(list(new.sheet_measures), schema=["table", "indicator"], orient="row"), on=["table", "indicator"]
    )
    others = found.rename({"table": "other_table", "indicator": "other"})
    pairs = measures.join(others, on=["file", "year", "sig"]).filter(pl.col("table") != pl.col("other_table"))
    notes, seen = [], set()
    summaries = set(pairs["other_table"])  # a table repeating sheets' own measures: its columns are indices
    new.index_measures |= {(table, ident) for table, ident in new.where if table in summaries}
    for r in pairs.sort("table", "other_table").iter_rows(named=True):
        one, other = new.final(r["indicator"]), new.final(r["other"])
        if one == other or _is_rank(one, catalog) or _is_rank(other, catalog):
            continue
        if other in new.added:  # a new indicator is the other measure (the sheet's name wins)
            new.merge(other, one)
        elif one in new.added:
            new.merge(one, other)
        elif (one, other) not in seen:
            seen.add((one, other))
            letter, header = new.where.get((r["other_table"], r["other"]), ("?", ""))
            how = _map_hint(r["other_table"], letter, header, one)
            params = {"file": r["other_table"], "one": one, "other": other, "year": r["year"], "sheet": r["table"]}
            notes.append(say("ingest.note.held_twice", **params, letter=letter, how=how))
    return notes


def _map_hint(table: str, letter: str, name: str, target: str) -> str:
    """The --map that reads a column as ``target``: by its name (a sheet of the file may repeat it, a
    sheet's own measure joins it by its values), else by its letter in its sheet alone."""
    if name:
        return f"--map '{name}={target}'"
    sheet = table.rsplit(" [", 1)[-1].removesuffix("]") if table.endswith("]") else None
    if sheet is None:
        return f"--map '{letter}={target}'"
    return f"--sheet '{sheet}' --map '{letter}={target}'" + say("ingest.hint.sheet_alone")


def _is_rank(ident: str, catalog: IndicatorNames) -> bool:
    return ident.endswith("_rank") or catalog.units.get(ident) == "rank"


def _rename(tables: list[Any], new: NewIndicators, catalog: IndicatorNames) -> None:
    """The values and catalog rows of merged new indicators given to the indicator each was merged into."""
    if not new.merged:
        return
    mapping, scores = {}, {}
    for ident in new.merged:
        into = new.final(ident)
        mapping[ident] = into
        mapping[f"{ident}_rank"] = rank = catalog.rank_of(into) if into in catalog.units else f"{into}_rank"
        scores[rank] = into
    for c in tables:
        checked = c.checked
        checked.observations = checked.observations.with_columns(pl.col("indicator").replace(mapping))
        units, texts = checked.new_indicators, checked.new_texts
        for old, into in mapping.items():
            if old not in units:
                continue
            unit, text = units.pop(old), texts.pop(old, None)
            if into not in catalog.units:  # new to the catalog: its row comes with these values
                units.setdefault(into, unit)
                texts.setdefault(into, scores.get(into, text))  # a rank's text: its score
        checked.units_left_out = {mapping.get(i, i) for i in checked.units_left_out}


# abbreviations published tables use in names ('CP thời gian', 'Dịch vụ hỗ trợ DN'), spelled out to compare
_SHORT = {"cp": ("chi", "phi"), "dn": ("doanh", "nghiep"), "dnnn": ("doanh", "nghiep", "nha", "nuoc")}
_SHORT |= {"nsnn": ("ngan", "sach", "nha", "nuoc"), "ns": ("ngan", "sach")}


def _spelled_out(name: str) -> list[str]:
    return [w for word in words(name) for w in _SHORT.get(word, (word,))]


def _forms(names: list[str]) -> list[str]:
    """Names and their plain forms, without remarks in parentheses or index words ('Chỉ số PCI (đã có
    trọng số)' -> 'PCI')."""
    return list(dict.fromkeys(f for n in names for f in (n, plain(n)) if f))


def _closeness(one: list[str], other: list[str]) -> float:
    """How close two lists of names are, 0 to 1 (each name also in its plain form, abbreviations spelled
    out): 1 for the same words; the share of words in common when one's words are within the other's (two
    words at least), or how alike they are spelled; 0 below 0.6 and 0.9."""
    best = 0.0
    for a in _forms(one):
        for b in _forms(other):
            wa, wb = set(_spelled_out(a)), set(_spelled_out(b))
            if wa == wb:
                return 1.0
            if min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa):
                shared = len(wa & wb) / len(wa | wb)
                best = max(best, shared if shared >= 0.6 else 0.0)
            alike = difflib.SequenceMatcher(None, "".join(_spelled_out(a)), "".join(_spelled_out(b)))
            if alike.real_quick_ratio() >= 0.9 and alike.ratio() >= 0.9:
                best = max(best, alike.ratio())
    return best


def _likely_matches(new: NewIndicators, catalog: IndicatorNames, fixed: set[str]) -> list[str]:
    """A note for each new index-level measure (a sheet's own, a ranked pair's) whose code is one of a held
    indicator's, or whose names are close to its (the closest; never one of another kind of figures, nor
    one of the bundled catalog: folded, 'Cơ sở hạ tầng' is close to 'Hạ tầng số')."""
    held = [i for i in catalog.catalog if i.kind != "rank" and not i.id.endswith("_rank") and i.id not in fixed]
    notes, said = [], set()
    for table, ident in sorted(new.index_measures):
        if ident not in new.added or ident in new.merged or ident in said:
            continue
        said.add(ident)
        entry = new.added[ident]
        names = [n for n in (entry.name_vi, entry.name_en, *entry.aliases) if n]
        scored = []
        for other in held:
            theirs = [n for n in (other.name_vi, other.name_en, *other.aliases) if n]
            if kind_of(theirs) != kind_of(names):
                continue
            score = 1.0 if set(entry.codes) & set(other.codes) else _closeness(names, theirs)
            if score > 0:
                scored.append((score, other.id, theirs[0] if theirs else other.id))
        if scored:
            _, match, match_name = max(scored)
            letter, header = new.where.get((table, ident), ("?", ""))
            how = _map_hint(table, letter, names[0] if header or (table, ident) in new.sheet_measures else "", match)
            params = {"file": table, "new": ident, "name": names[0], "held": match, "held_name": match_name}
            notes.append(say("ingest.note.likely_match", **params, letter=letter, how=how))
    if len(notes) > LIKELY:
        notes = [*notes[:LIKELY], say("ingest.note.more_likely", n=len(notes) - LIKELY)]
    return notes


def _kind_unsaid(new: NewIndicators, catalog: IndicatorNames) -> list[str]:
    """A note for each new indicator whose names are those of held ones of a kind (a plan, an outturn)
    without it: its table's title says no kind, and which one it is cannot be known."""
    kinded: dict[str, list[str]] = {}
    for held in catalog.catalog:
        names = [n for n in (held.name_vi, held.name_en) if n]
        if kind_of(names) is not None:
            for name in names:
                kinded.setdefault("".join(words(unqualified(name))), []).append(held.id)
    if not kinded:
        return []
    notes, said = [], set()
    for (table, ident), (letter, _) in sorted(new.where.items()):
        entry = new.added.get(ident)
        if entry is None or ident in new.merged or kind_of([entry.name_vi, entry.name_en]) is not None:
            continue
        names = [n for n in (entry.name_vi, entry.name_en) if n]
        held = sorted({i for n in names for i in kinded.get("".join(words(n)), [])})
        if held and ident not in said:
            said.add(ident)
            listed = ", ".join(held)
            notes.append(
                say(
                    "ingest.note.kind_unsaid",
                    file=table,
                    new=ident,
                    name=names[0],
                    held=listed,
                    how=_map_hint(table, letter, names[0], "ID"),
                )
            )
    return notes


def update_catalog(
    catalog: pl.DataFrame, rows: dict[str, dict], new: NewIndicators | None, fixed: set[str]
) -> pl.DataFrame:
    """The catalog with what the command learnt of the indicators it held: aliases and codes (not of the
    bundled catalog's), and the rank id of a score whose published rank the command adds."""
    learnt = new.learnt if new is not None else {}
    coded = any(r.get("codes") for r in rows.values()) or any(s.codes for i, s in learnt.items() if i not in fixed)
    if "codes" not in catalog.columns and coded:  # a column the bundled catalog has not
        catalog = catalog.with_columns(codes=pl.lit(None, pl.String))
    ranks = {r.removesuffix("_rank"): r for r in rows if r.endswith("_rank")}
    if not ranks and all(i in fixed for i in learnt):  # nothing to learn: the catalog as it is (not
        return catalog  # made anew row by row: 23 ms for a store of 9,941 indicators)
    records = catalog.to_dicts()
    changed = False
    for record in records:
        ident = record["indicator"]
        if ident in rows:
            continue
        if ident in ranks and not record.get("rank_id"):
            record["rank_id"], changed = ranks[ident], True
        said = learnt.get(ident)
        if said is None or ident in fixed:
            continue
        for column, more in (("aliases", said.aliases), ("codes", said.codes)):
            if column not in record:
                continue
            joined = _joined(record.get(column), more)
            if joined != record.get(column):
                record[column], changed = joined, True
    return pl.DataFrame(records, schema=catalog.schema) if changed else catalog


def _joined(held: str | None, more: list[str]) -> str | None:
    """'a|b' with the texts of ``more`` it does not hold yet (a '|' in a text read as a space)."""
    parts = [p for p in (held or "").split("|") if p]
    keys = {"".join(words(p)) for p in parts}
    for text in more:
        text = text.replace("|", " ")
        if "".join(words(text)) not in keys:
            parts.append(text)
            keys.add("".join(words(text)))
    return "|".join(parts) or None
