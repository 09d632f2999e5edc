"""What an indicator is, read once from the store's catalog, and the one resolver of its names.

An indicator is a record of the catalog (``data/raw/indicators.csv`` and
``data/raw/indicator_catalog.csv``, built into ``indicators.parquet``): its id, Vietnamese and
English names, unit, direction (``higher_is_better``: true, false or unknown), the id of its
published rank (``rank_id``) and of its published rank within a region (``region_rank_id``),
what it is part of (the DTI's pillars are ``part_of`` the DTI), publisher, definition, and the
methodology of each year, and its ``role``: ``headline`` for the index a command answers when no
indicator is named (``Catalog.headline``; the bundled catalog's is the provincial DTI). The parts of an
index are the indicators ``part_of`` it (``Catalog.parts``): one column says it, not the role. The DTI is
data in that catalog, not constants in code.

``Catalog.resolve`` accepts an id, a word of ``aliases`` ('overall', 'gov', 'cqs', ...: data, not
code) or any spelling of either name, folded (``name_key``: case, diacritics, spaces and punctuation do
not matter; unlike a province's name, a leading 'Tỉnh'/'Tính' is kept: 'Tính năng động' is not 'Năng
động'). An unknown name is a ``UsageError`` suggesting the closest ones; ``Catalog.lookup`` answers None instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from dtikit.errors import UsageError, did_you_mean
from dtikit.messages import say
from dtikit.names import words

if TYPE_CHECKING:
    import polars as pl

    from dtikit.storage import Store

# the columns ``dtikit indicators`` lists, in this order
LISTED = (
    "indicator",
    "name_vi",
    "name_en",
    "unit",
    "higher_is_better",
    "kind",
    "pillar",
    "rank_id",
    "part_of",
    "role",
    "methodology",
    "publisher",
    "definition",
    "codes",
)
_YEARS = re.compile(r"^\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*:\s*(.+?)\s*$")


def parse_methodology(text: str | None) -> dict[int, str]:
    """'2020: A; 2021-2023: B' -> {2020: 'A', 2021: 'B', 2022: 'B', 2023: 'B'}."""
    methods: dict[int, str] = {}
    for part in (text or "").split(";"):
        found = _YEARS.match(part)
        if found:
            first, last, method = int(found.group(1)), int(found.group(2) or found.group(1)), found.group(3)
            methods.update(dict.fromkeys(range(first, last + 1), method))
    return methods


class Indicator(NamedTuple):
    """One indicator of the catalog (a named tuple: a class made at import in a fraction of a dataclass's time)."""

    id: str
    name_vi: str | None = None
    name_en: str | None = None
    unit: str | None = None
    higher_is_better: bool | None = None
    kind: str = "value"
    rank_id: str | None = None
    region_rank_id: str | None = None
    part_of: str | None = None
    pillar: str | None = None
    publisher: str | None = None
    definition: str | None = None
    national: str | None = None
    provincial_average: str | None = None
    role: str | None = None  # 'headline': the index a command answers when none is named
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # codes of the files' columns ('sub7_proactivity', 'B2/8'): found, never names
    methods: tuple[tuple[int, str], ...] = ()  # (year, methodology), by year (``parse_methodology``)

    @property
    def label(self) -> str:
        """The short name in machine columns ('measure' of a gap, ``<label>_rank`` of a profile): the
        catalog's ``pillar`` word, else the id. Never in a message for people (``title`` is)."""
        return self.pillar or self.id

    @property
    def title(self) -> str:
        """The name a person reads in a table title, in this run's language: Vietnamese ``name_vi``, or
        English ``name_en`` (each else the other name, else the id)."""
        from dtikit.labels import indicator_name
        from dtikit.messages import language

        return indicator_name(self.to_dict(), language())

    def short(self, lang: str) -> str:
        """The abbreviation a title names the indicator by: 'DTI' of 'Chỉ số chuyển đổi số cấp tỉnh (DTI)'
        (an upper-case word in the last parentheses of its name in ``lang``, else of either name: not the
        '(overall)' of 'Provincial DTI (overall)'), else its name in ``lang``."""
        import re

        from dtikit.labels import indicator_name

        name = indicator_name(self.to_dict(), lang)
        for text in (name, self.name_vi, self.name_en):
            found = re.search(r"\(([A-ZĐ][A-ZĐ0-9&-]{1,15})\)\s*$", text or "")
            if found:
                return found.group(1)
        return name

    @property
    def descending(self) -> bool:
        """Whether rank 1 goes to the largest value (true unless the catalog says lower is better)."""
        return self.higher_is_better is not False

    def method(self, year: int | None) -> str | None:
        """The methodology of ``year``, when the catalog names one."""
        return None if year is None else dict(self.methods).get(int(year))

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.id,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "unit": self.unit,
            "higher_is_better": self.higher_is_better,
            "kind": self.kind,
            "rank_id": self.rank_id,
            "publisher": self.publisher,
            "definition": self.definition,
        }


def _record(row: dict) -> Indicator:
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    codes = tuple(c.strip() for c in (row.get("codes") or "").split("|") if c.strip())
    return Indicator(
        id=row["indicator"],
        name_vi=row.get("name_vi"),
        name_en=row.get("name_en"),
        unit=row.get("unit"),
        # a rank is better the smaller it is, whatever the catalog left unsaid (a file's new rank column)
        higher_is_better=False
        if row.get("higher_is_better") is None and (row.get("kind") == "rank" or row.get("unit") == "rank")
        else row.get("higher_is_better"),
        kind=row.get("kind") or "value",
        rank_id=row.get("rank_id"),
        region_rank_id=row.get("region_rank_id"),
        part_of=row.get("part_of"),
        pillar=row.get("pillar") if row.get("part_of") or row.get("rank_id") else None,
        publisher=row.get("publisher"),
        definition=row.get("definition"),
        national=row.get("national"),
        provincial_average=row.get("provincial_average"),
        role=row.get("role") or None,
        aliases=aliases,
        codes=codes,
        methods=tuple(sorted(parse_methodology(row.get("methodology")).items())),
    )


def name_key(text: str) -> str:
    """The comparison key of an indicator's name or id: its ASCII words, joined ('Tính năng động' -> 'tinhnangdong')."""
    return "".join(words(text))


def _names(text: str | None) -> list[str]:
    """The spellings a name cell offers: each '; '-separated variant."""
    return [variant for variant in (text or "").split(";") if name_key(variant)]


def _variants(text: str | None) -> list[str]:
    """Each name shortened: without a part in parentheses, and without the words saying it is an index
    ('Proactivity Sub-Index (New Indicator)' -> 'Proactivity Sub-Index', 'Proactivity'). Found only when
    no name as written is."""
    from dtikit.ingest.header_text import plain

    out = []
    for name in _names(text):
        bare = re.sub(r"\([^)]*\)", " ", name)
        out += [v for v in (bare, plain(name), plain(bare)) if v and name_key(v) and name_key(v) != name_key(name)]
    return out


def listing(table: pl.DataFrame) -> pl.DataFrame:
    """The catalog as ``dtikit indicators`` lists it: the ``LISTED`` columns (missing ones empty)."""
    import polars as pl

    return table.select(
        pl.col(c) if c in table.columns else pl.lit(None, pl.Boolean if c == "higher_is_better" else pl.String).alias(c)
        for c in LISTED
    )


# a level of keys with this many texts or more is folded and searched with Polars (``_Keys``); fewer
# are folded one by one into a dict, faster than starting Polars queries (a catalog as bundled)
MANY = 1000


def _folded(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with the ``key`` (``name_key``) of its ``text`` in place of it: the ASCII texts in one
    Polars query, the others (letters with marks) one by one."""
    import polars as pl

    text = pl.col("text")
    frame = frame.with_columns(
        key=text.str.to_lowercase().str.replace_all(r"[^0-9a-z]+", " ").str.replace_all(" ", "", literal=True),
        plain=text.str.contains(r"^[\x00-\x7F]*$"),
    )
    others = (~frame["plain"]).arg_true()
    if others.len():
        texts = frame["text"].gather(others).to_list()
        frame = frame.with_columns(key=frame["key"].scatter(others, [name_key(t) for t in texts]))
    return frame.drop("text", "plain")


class _Keys:
    """Folded keys of many (id, text) pairs and the ids each names, in the order first given, found by
    one comparison over the keys (a dict of a 10,000-indicator catalog's keys took 10-20 ms to build,
    more than the few lookups a command makes)."""

    # lookups made by comparison before the keys are put in a dict (an ingest resolves thousands of texts)
    FEW = 8

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        import polars as pl

        ids, texts = [ident for ident, _ in pairs], [text for _, text in pairs]
        self._frame = _folded(pl.DataFrame({"id": ids, "text": texts}, schema=dict.fromkeys(["id", "text"], pl.String)))
        self._asked = 0
        self._dict: dict[str, list[str]] | None = None

    def get(self, key: str) -> list[str] | None:
        import polars as pl

        if self._dict is not None:
            return self._dict.get(key)
        self._asked += 1
        if self._asked > self.FEW:
            self._dict = dict(self.items())
            return self._dict.get(key)
        found = self._frame.filter(pl.col("key") == key)["id"].unique(maintain_order=True).to_list() if key else []
        return found or None

    def items(self) -> Iterator[tuple[str, list[str]]]:
        import polars as pl

        grouped = self._frame.filter(pl.col("key") != "").group_by("key", maintain_order=True)
        return iter(grouped.agg(pl.col("id").unique(maintain_order=True)).iter_rows())


class _Records(Mapping):
    """The catalog's records by id, each made from its row the first time it is asked for."""

    def __init__(self, table: pl.DataFrame) -> None:
        self._table = table
        self._row = {ident: n for n, ident in enumerate(table["indicator"].to_list())}
        self._made: dict[str, Indicator] = {}

    def __getitem__(self, ident: str) -> Indicator:
        found = self._made.get(ident)
        if found is None:
            found = self._made[ident] = _record(self._table.row(self._row[ident], named=True))
        return found

    def __contains__(self, ident: object) -> bool:
        return ident in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def values(self) -> list[Indicator]:  # every record, made at once (faster than one by one)
        if len(self._made) < len(self._row):
            self._made = {
                row["indicator"]: self._made.get(row["indicator"]) or _record(row) for row in self._table.to_dicts()
            }
        return [self._made[ident] for ident in self._row]


class Catalog:
    """Every indicator of a store, found by id or by any spelling of its names.

    Records are made only for the ids asked for (a store can hold 10,000 indicators); names are
    resolved from the table's columns, folded only when a text is not an exact id.
    """

    def __init__(self, table: pl.DataFrame) -> None:
        self.table = table
        self.indicators = _Records(table)
        self._ids: list[str] = list(self.indicators)
        # keys by strength: an exact id, a folded id or alias word, then the names; the folded keys
        # are built at the first name that is not an exact id, the names' only when no id or alias matches
        self._levels: list[dict[str, list[str]] | _Keys] = [{}, {}, {}, {}, {}]
        self._folded = [False, False, False, False, False]

    def _column(self, name: str) -> list:
        return self.table[name].to_list() if name in self.table.columns else [None] * len(self._ids)

    def _fold(self, level: int) -> None:
        """Build the keys of ``level`` (0: ids in lower case, 1: ids and aliases folded, 2: names, 3: names
        shortened, ``_variants``): in a
        dict, folded one by one, or for ``MANY`` texts or more in a ``_Keys`` (a store of 10,000
        indicators took 0.06 s one text at a time; the bundled catalog's take 1 ms)."""
        self._folded[level] = True
        if level == 0:  # only ids not held in lower case without spaces need a key of their own
            for ident in self._ids:
                if ident != ident.strip().lower():
                    self._levels[0].setdefault(ident.strip().lower(), []).append(ident)
            return
        if level == 1:  # each id and each alias
            aliases = self._column("aliases")
            pairs = [(ident, ident) for ident in self._ids]
            held = zip(self._ids, aliases, strict=True)
            pairs += [(ident, alias) for ident, text in held if text for alias in text.split("|")]
        elif level == 4:  # the codes of the files' columns
            held = zip(self._ids, self._column("codes"), strict=True)
            pairs = [(ident, code) for ident, text in held if text for code in text.split("|")]
        else:
            spellings = _names if level == 2 else _variants
            rows = zip(self._ids, self._column("name_vi"), self._column("name_en"), strict=True)
            pairs = [(ident, t) for ident, *cells in rows for cell in cells if cell for t in spellings(cell)]
        if len(pairs) >= MANY:
            self._levels[level] = _Keys(pairs)
            return
        keys = self._levels[level]
        for ident, text in pairs:
            key = name_key(text)
            if key and ident not in keys.setdefault(key, []):
                keys[key].append(ident)

    @classmethod
    def of(cls, store: Store) -> Catalog:
        """The catalog of a store, built once per store read."""
        table = store.indicators()
        memo = store.__dict__.setdefault("_catalog", {})
        if id(table) not in memo:
            memo.clear()
            memo[id(table)] = (table, cls(table))
        return memo[id(table)][1]

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def units(self) -> dict[str, str | None]:
        """The unit of every id (without making the records)."""
        return dict(zip(self._ids, self._column("unit"), strict=True))

    def __contains__(self, ident: str) -> bool:
        return ident in self.indicators

    def get(self, ident: str) -> Indicator:
        """The record of a known id (KeyError when it is not in the catalog)."""
        return self.indicators[ident]

    def matches(self, text: str, *, codes: bool = True) -> list[Indicator]:
        """Every indicator ``text`` names at the strongest level it names any (several when ambiguous).

        ``codes``: also the codes of the files' columns, last (a person's query; never a file's header)."""
        found = self._named(text.strip().lower(), name_key(text), codes)
        if found:
            return found
        key = name_key(text)  # the rank of a named indicator: 'gov_rank', 'Xếp hạng Kinh tế số'
        stem = key.removeprefix("xephang") if key.startswith("xephang") else key.removesuffix("rank")
        if stem and stem != key:
            named = self._named(stem, stem, codes)
            return [self.indicators[i.rank_id] for i in named if i.rank_id in self.indicators]
        return []

    def _named(self, exact: str, key: str, codes: bool = True) -> list[Indicator]:
        if exact in self.indicators:  # an id as held (the keys of level 0 are only needed for other cases)
            return [self.indicators[exact]]
        for level, k in enumerate((exact, key, key, key, key)[: 5 if codes else 4]):
            if not self._folded[level]:
                self._fold(level)
            ids = self._levels[level].get(k)
            if ids:
                return [self.indicators[i] for i in ids]
        return []

    def lookup(self, text: str, *, codes: bool = True) -> Indicator | None:
        """The indicator ``text`` names (id, alias, or either name in any spelling, else a code of its
        columns unless ``codes`` is false); None when none or several."""
        found = self.matches(text, codes=codes)
        return found[0] if len(found) == 1 else None

    def resolve(self, text: str) -> Indicator:
        """Like ``lookup``; an unknown or ambiguous name is a ``UsageError`` (exit 2) with suggestions."""
        found = self.matches(text)
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(i.id for i in found)
            raise UsageError(say("error.indicator_several", text=text, ids=ids))
        raise UsageError(say("error.unknown_indicator", text=text, hint=self._hint(text)))

    def _hint(self, text: str) -> str:
        import difflib

        for level in (1, 2, 3):
            if not self._folded[level]:
                self._fold(level)
        keys = {k: ids[0] for level in self._levels[1:] for k, ids in level.items()}
        key = name_key(text)
        close = difflib.get_close_matches(key, list(keys), n=9, cutoff=0.6)
        if not close:
            close = [k for k in keys if key and len(key) > 2 and (key in k or k in key)]
        ids = list(dict.fromkeys(keys[k] for k in close))[:3]
        return did_you_mean(ids)

    def score_of(self, ind: Indicator) -> Indicator:
        """The indicator whose published rank ``ind`` is (its ``rank_id``), else ``ind`` itself."""
        import polars as pl

        if "rank_id" not in self.table.columns:
            return ind
        # a filter, not a loop over the ids: 10,000 of them took 1.7 ms a call, and a command makes three
        found = self.table.filter(pl.col("rank_id") == ind.id)["indicator"]
        return self.indicators[found[0]] if found.len() else ind

    def measure(self, text: str) -> Indicator:
        """What ``rank``, ``gap`` and ``trend`` rank: the indicator named, or the score of a rank named."""
        return self.score_of(self.resolve(text))

    def headline(self) -> Indicator:
        """The headline index (``role`` 'headline'): what a command answers when no indicator is named.
        A catalog without one (a store whose catalog has no ``role``) is a ``UsageError`` asking for one."""
        import polars as pl

        if "role" in self.table.columns:  # picked in Python: a filter is a query
            roles = zip(
                self.table.get_column("role").to_list(), self.table.get_column("indicator").to_list(), strict=True
            )
            found = [ident for role, ident in roles if role == "headline"]
        else:  # a store made before catalogs held roles: the bundled catalog's headline, when it holds it
            from dtikit.storage import Store, default_data_dir

            bundled = Store(default_data_dir()).indicators()
            found = [] if "role" not in bundled.columns else bundled.filter(pl.col("role") == "headline")["indicator"]
            found = [ident for ident in found if ident in self.indicators]
        if not found:
            raise UsageError(say("error.no_headline"))
        return self.indicators[found[0]]

    def asked(self, text: str | None) -> Indicator:
        """What a command's ``--indicator`` asks for (``measure``), or the headline index when it names none.
        The one place a command turns its option into an ``Indicator``."""
        return self.headline() if text is None else self.measure(text)

    def first_years(self) -> dict[str, int]:
        """The first year of the headline index and of its parts and ranks: the first year its methodology
        names (``methods``). A value of an earlier year is another measure's: a column headed only 'Điểm'
        in a table of 2019 is no DTI. Empty when the catalog names no headline, or no methodology for it."""
        try:
            head = self.headline()
        except UsageError:
            return {}
        if not head.methods:
            return {}
        family = [head, *self.parts(head)]
        ids = [i.id for i in family] + [r for i in family for r in (i.rank_id, i.region_rank_id) if r]
        return dict.fromkeys((ident for ident in ids if ident in self.indicators), head.methods[0][0])

    def parts(self, ind: Indicator) -> list[Indicator]:
        """The indicators that are part of ``ind`` (its ``part_of``: the DTI's pillars), in catalog order."""
        parts = zip(self._ids, self._column("part_of"), strict=True)
        return [self.indicators[ident] for ident, part_of in parts if part_of == ind.id]


def set_indicator(
    data: str | None,
    ident: str,
    *,
    name_vi: str | None = None,
    name_en: str | None = None,
    unit: str | None = None,
    higher_is_better: bool | None = None,
    combine: str | None = None,
    command: list[str] | None = None,
) -> Indicator:
    """Change a user's indicator in the store at ``data``: atomically, under the write lock, and
    recorded in the store's ``ingests`` table (and its log, with ``command``: see
    ``storage.transaction``). Indicators of the bundled catalog are read-only. ``combine`` is the rule
    ``dtikit.combine`` reads ('sum', 'mean:<weight>', '' for none)."""
    from datetime import UTC, datetime

    import polars as pl

    from dtikit.errors import DataError
    from dtikit.storage import Store, default_data_dir, is_store, record, transaction, writable_root

    root = writable_root(data)
    if not is_store(root):
        raise DataError(say("error.no_user_store", root=root))
    changes = {"name_vi": name_vi, "name_en": name_en, "unit": unit, "higher_is_better": higher_is_better}
    changes = {k: v for k, v in changes.items() if v is not None} | _combine_rule(combine)
    if not changes:
        raise UsageError(say("error.nothing_to_set"))
    with transaction(root, command=command) as tx:
        store = tx.store
        catalog = Catalog(store.indicators())
        ind = catalog.resolve(ident)
        if ind.id in Catalog(Store(default_data_dir()).indicators()):
            raise UsageError(say("error.bundled_indicator", id=ind.id))
        for column in ("name_vi", "name_en"):
            if column in changes:
                taken = [i.id for i in catalog.matches(changes[column]) if i.id != ind.id]
                if taken:
                    option = column.replace("_", "-")
                    raise UsageError(say("error.name_taken", option=option, value=changes[column], other=taken[0]))
        indicators = store.indicators()
        if "combine" not in indicators.columns:  # a store made before the rule was held
            indicators = indicators.with_columns(combine=pl.lit(None, pl.String))
        table = indicators.with_columns(
            pl.when(pl.col("indicator") == ind.id)
            .then(pl.lit(v))
            .otherwise(pl.col(k))
            .cast(indicators[k].dtype)
            .alias(k)
            for k, v in changes.items()
        )
        said = ", ".join(f"{k}={v}" for k, v in changes.items())
        change = {
            "file": f"indicators set {ind.id}",
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": said,
            "added": 0,
            "changed": 1,
            "unchanged": 0,
        }
        tx.write("indicators", table)
        tx.log_ingests(pl.DataFrame([change], schema=store.ingests().schema))
        tx.commit(record(f"indicators set {ind.id}: {said}"))
    return Catalog(Store(root).indicators()).get(ind.id)


def _combine_rule(text: str | None) -> dict[str, str | None]:
    """The ``combine`` change of ``set_indicator``: checked (``dtikit.combine.parse_rule``), '' for none."""
    if text is None:
        return {}
    from dtikit.combine import parse_rule

    rule = parse_rule(text)
    if rule is None:
        return {"combine": None}
    return {"combine": rule.text}
