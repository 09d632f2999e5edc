"""Province and region names: every way people write them, resolved to the canonical name.

Canonical names are those of the units of each geography (``dtikit.geography``: the provinces of
``data/raw/regions.csv``, the units of 2025 of ``data/raw/merger_2025.csv``, the earlier ones of
``data/raw/units.csv``). A name resolves when its folded key (``dtikit.names.fold``) is the key of a
canonical name or of an alias in ``data/raw/province_aliases.csv``. An unknown name is an error: an
older province's says what became of it ('Hà Tây' became part of Hà Nội on 1/8/2008), any other
suggests the closest names.
"""

from __future__ import annotations

import difflib
import re

import polars as pl

from dtikit import geography as geographies
from dtikit.errors import UsageError, did_you_mean
from dtikit.messages import language, say
from dtikit.names import fold
from dtikit.storage import Store

# a footnote's mark after a name in a published table: 'Đà Nẵng(1)', 'Kon Tum 2/', 'Hà Giang [3]', 'Huế¹'
# ('Hà Nội (*)' folds to its name already: a mark of no letter or digit is no part of a key)
_FOOTNOTE = re.compile(r"\s*(?:\(\s*\d{1,2}\s*\)|\[\s*\d{1,2}\s*\]|\d{1,2}\s*/|[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s*$")


def _suggest(key: str, candidates: dict[str, str], limit: int = 3) -> list[str]:
    """Canonical names whose keys are closest to ``key``, best first, without repeats."""
    close = difflib.get_close_matches(key, list(candidates), n=limit * 3, cutoff=0.6)
    if not close:
        close = [k for k in candidates if key and (key in k or k in key)]
    names: list[str] = []
    for k in close:
        if candidates[k] not in names:
            names.append(candidates[k])
    return names[:limit]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with exactly one letter changed, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _unknown(
    name: str, key: str, candidates: dict[str, str], listing: bool = True, geography: int | None = None
) -> UsageError:
    # a unit formed after the map asked for ('Đắk Nông' among the 61) is said to be one, not an older one
    older = (geographies.not_yet(name, geography) if geography is not None else None) or geographies.what_became(name)
    if older is not None:  # never read as its nearest spelling ('Hà Tây' is not 'Hà Nam')
        maps = geographies.maps_of(name)  # where its own values are read: the maps it was a unit of
        return UsageError(older + (say("geo.own_map", ids=say("geo.or").join(map(str, maps))) if maps else ""))
    suggestions = _suggest(key, candidates)
    listed = say("error.provinces_listed") if listing else ""
    return UsageError(say("error.unknown_province", name=name, hint=did_you_mean(suggestions), listed=listed))


class ProvinceNames:
    """Resolves province names of one geography (``dtikit.geography``: by default the provinces of
    August 2008 – June 2025)."""

    def __init__(self, store: Store, geography: int = geographies.DEFAULT) -> None:
        aliases = store.aliases()  # the rows of ``geography``, picked in Python (a filter is a query)
        keyed = zip(*(aliases.get_column(c).to_list() for c in ("geography", "key", "province")), strict=True)
        self.geography = geography
        self._by_key: dict[str, str] = {key: province for g, key, province in keyed if g == geography}
        provinces = store.provinces()
        listed = zip(
            provinces.get_column("geography").to_list(), provinces.get_column("province").to_list(), strict=True
        )
        self.canonical: list[str] = [province for g, province in listed if g == geography]

        self.notes: list[str] = []  # what ``find`` read generously, for the reader to see
        self._store = store

    def resolve(self, name: str) -> str:
        """The canonical name for ``name``; ``UsageError`` (exit 2) when it is not a province."""
        key = fold(name)
        found = self._by_key.get(key)
        if found is None:
            raise _unknown(name, key, self._by_key, geography=self.geography)
        return found

    def find(self, name: str) -> str:
        """Like ``resolve``, for a query, with two generous readings each said in ``notes``:

        - among the 34 units of 2025, a province of before 2025 ('Kon Tum') is the unit it is part of;
        - a name one letter away (one letter changed, added or dropped) from the key of exactly one
          province ('Dak Lac') is that province.
        """
        key = fold(name)
        found = self._by_key.get(key)
        if found is not None:
            return found
        if self.geography == geographies.MERGED_2025:
            older = ProvinceNames(self._store, geographies.DEFAULT).lookup(name)
            unit = self._unit_2025(older) if older else None
            if unit is not None:
                self.notes.append(say("note.part_of_unit", older=older, unit=unit))
                return unit
        if geographies.what_became(name) is not None or geographies.not_yet(name, self.geography):
            # 'Vĩnh Phú' is no misspelt 'Vĩnh Phúc', nor 'Đắk Nông' among the 61 a near name
            raise _unknown(name, key, self._by_key, geography=self.geography)
        near = {self._by_key[k] for k in self._by_key if one_edit_apart(key, k)}
        if len(near) == 1 and len(key) >= 4:
            (province,) = near
            self.notes.append(say("note.read_as", name=name, province=province))
            return province
        raise _unknown(name, key, self._by_key, geography=self.geography)

    def _unit_2025(self, province: str) -> str | None:
        rows = self._store.provinces().filter(
            (pl.col("geography") == geographies.DEFAULT) & (pl.col("province") == province)
        )
        return rows["unit_2025"].item() if rows.height else None

    def unknown(self, name: str) -> str:
        """What to say of a name that is no province: 'unknown province ...; did you mean ...?'."""
        return _unknown(name, fold(name), self._by_key, listing=False, geography=self.geography).args[0]

    def lookup(self, name: str) -> str | None:
        """The canonical name, or None when ``name`` is not a province (a footnote's mark after it is no
        part of it: 'Đà Nẵng(1)' is Đà Nẵng; the text as read is kept with its value)."""
        found = self._by_key.get(fold(name))
        if found is None and (bare := _FOOTNOTE.sub("", name)) != name:
            found = self._by_key.get(fold(bare))
        return found


def resolve_region(store: Store, name: str) -> str:
    """The canonical name of a socio-economic region ('Tây Nguyên', 'Central Highlands', 'tay nguyen')."""
    regions = store.regions()
    by_key = {key: row["region"] for row in regions.iter_rows(named=True) for key in row["keys"]}
    key = fold(name)
    if key not in by_key:
        known = "; ".join(f"{r} ({e})" for r, e in regions.select("region", "name_en").iter_rows())
        raise UsageError(say("error.unknown_region", name=name, known=known))
    return by_key[key]


def province_table(store: Store, geography: int = geographies.DEFAULT) -> pl.DataFrame:
    """The provinces of a geography with code, region, 2025 unit, predecessors and the aliases accepted."""
    return province_listing(store, geography)[0]


def province_listing(store: Store, geography: int = geographies.DEFAULT) -> tuple[pl.DataFrame, list[str]]:
    """``province_table`` and what to say of it: a geography without a code list of its time (the 61 of
    1997–2003, the 34 of 2025) has no code column, and a note says why."""
    if not geographies.is_held(geography):
        raise UsageError(geographies.refused(geography))
    aliases = (
        store.aliases()
        .filter((pl.col("geography") == geography) & (pl.col("alias") != pl.col("province")))
        .group_by("province")
        .agg(aliases=pl.col("alias").sort().str.join("; "))
    )
    provinces = store.provinces().filter(pl.col("geography") == geography)
    table = provinces.join(aliases, on="province", how="left")
    coded = bool(geographies.geography(geography).codes)
    notes = [] if coded else [_no_codes(geography)]
    if geography == geographies.MERGED_2025:
        return in_alphabetical_order(table).select("province", "predecessors", "aliases"), notes
    if not coded:
        return in_alphabetical_order(table).select("province", "region", "unit_2025", "aliases"), notes
    return table.sort("code", "province").select("code", "province", "region", "unit_2025", "aliases"), notes


def _no_codes(geography: int) -> str:
    """Why a geography's table has no code column: the code list held is of another period."""
    listed = next((g.codes for g in geographies.geographies() if g.codes), "")
    held = geographies.geography(geography)
    return say("geo.no_codes", act=listed, name=held.name_vi if language() == "vi" else held.name_en)


# Vietnamese alphabetical order (as a Vietnamese dictionary or an official list sorts names): the 29
# letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z where Latin puts them),
# a space or hyphen before any letter ('Cà Mau' before 'Cao Bằng'), tones only to break ties, in the
# order ngang, huyền, hỏi, ngã, sắc, nặng. Python's code-point order puts 'Đ' after 'Z'; folding puts
# it among the D's: both are wrong for a reader.
_LETTERS = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_PLACE = {letter: i for i, letter in enumerate(_LETTERS)}
_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: letters
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def _letters(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    import unicodedata

    primary: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", name.casefold()):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        if letter in _PLACE:
            primary.append(100 + _PLACE[letter])
        elif base.isdigit():
            primary.append(50 + int(base) if base in "0123456789" else 60)
        elif base.isalpha():
            primary.append(200 + ord(base))
        else:
            primary.append(0)  # space, hyphen, dot: before any letter
        tones.append(tone)
    return tuple(primary), tuple(tones)


def alphabetical(name: str | None) -> tuple:
    """The key that sorts place names in Vietnamese alphabetical order (None last)."""
    if name is None:
        return ((10**6,), ())
    return _letters(name)


def alphabetical_places(names: list[str | None]) -> pl.Series:
    """Each name's place in Vietnamese alphabetical order (0 first; equal names share a place): a key
    to sort a frame by, beside other keys."""
    keys = [alphabetical(n) for n in names]
    place = {key: i for i, key in enumerate(sorted(set(keys)))}
    return pl.Series([place[k] for k in keys], dtype=pl.UInt32)


def in_alphabetical_order(frame: pl.DataFrame, column: str = "province") -> pl.DataFrame:
    """``frame`` with its rows in the Vietnamese alphabetical order of ``column``."""
    return frame.sort(alphabetical_places(frame[column].to_list()), maintain_order=True)
