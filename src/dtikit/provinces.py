"""Province and region names: every way people write them, resolved to the canonical name.

Canonical names are those of ``data/raw/regions.csv`` (63 provinces) and
``data/raw/merger_2025.csv`` (34 units of 2025). A name resolves when its folded key
(``dtikit.names.fold``) is the key of a canonical name or of an alias in
``data/raw/province_aliases.csv``. An unknown name is an error suggesting the closest names.
"""

from __future__ import annotations

import difflib

import polars as pl

from dtikit.errors import UsageError, did_you_mean
from dtikit.messages import say
from dtikit.names import fold
from dtikit.storage import Store


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


def _unknown(name: str, key: str, candidates: dict[str, str], listing: bool = True) -> UsageError:
    suggestions = _suggest(key, candidates)
    listed = say("error.provinces_listed") if listing else ""
    return UsageError(say("error.unknown_province", name=name, hint=did_you_mean(suggestions), listed=listed))


class ProvinceNames:
    """Resolves province names of one geography (63 provinces, or the 34 units of 2025)."""

    def __init__(self, store: Store, geography: int = 63) -> None:
        aliases = store.aliases().filter(pl.col("geography") == geography)
        self.geography = geography
        self._by_key: dict[str, str] = dict(zip(aliases["key"], aliases["province"], strict=True))
        provinces = store.provinces().filter(pl.col("geography") == geography)
        self.canonical: list[str] = provinces["province"].to_list()

        self.notes: list[str] = []  # what ``find`` read generously, for the reader to see
        self._store = store

    def resolve(self, name: str) -> str:
        """The canonical name for ``name``; ``UsageError`` (exit 2) when it is not a province."""
        key = fold(name)
        found = self._by_key.get(key)
        if found is None:
            raise _unknown(name, key, self._by_key)
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
        if self.geography == 34:
            older = ProvinceNames(self._store, 63).lookup(name)
            unit = self._unit_2025(older) if older else None
            if unit is not None:
                self.notes.append(say("note.part_of_unit", older=older, unit=unit))
                return unit
        near = {self._by_key[k] for k in self._by_key if one_edit_apart(key, k)}
        if len(near) == 1 and len(key) >= 4:
            (province,) = near
            self.notes.append(say("note.read_as", name=name, province=province))
            return province
        raise _unknown(name, key, self._by_key)

    def _unit_2025(self, province: str) -> str | None:
        rows = self._store.provinces().filter((pl.col("geography") == 63) & (pl.col("province") == province))
        return rows["unit_2025"].item() if rows.height else None

    def unknown(self, name: str) -> str:
        """What to say of a name that is no province: 'unknown province ...; did you mean ...?'."""
        return _unknown(name, fold(name), self._by_key, listing=False).args[0]

    def lookup(self, name: str) -> str | None:
        """The canonical name, or None when ``name`` is not a province."""
        return self._by_key.get(fold(name))


def resolve_region(store: Store, name: str) -> str:
    """The canonical name of a socio-economic region ('Tây Nguyên', 'Central Highlands', 'tay nguyen')."""
    regions = store.regions()
    by_key = {key: row["region"] for row in regions.iter_rows(named=True) for key in row["keys"]}
    key = fold(name)
    if key not in by_key:
        known = "; ".join(f"{r} ({e})" for r, e in regions.select("region", "name_en").iter_rows())
        raise UsageError(say("error.unknown_region", name=name, known=known))
    return by_key[key]


def province_table(store: Store, geography: int = 63) -> pl.DataFrame:
    """The provinces of a geography with code, region, 2025 unit, predecessors and the aliases accepted."""
    if geography not in (63, 34):
        raise UsageError(say("error.geography", geography=geography))
    aliases = (
        store.aliases()
        .filter((pl.col("geography") == geography) & (pl.col("alias") != pl.col("province")))
        .group_by("province")
        .agg(aliases=pl.col("alias").sort().str.join("; "))
    )
    provinces = store.provinces().filter(pl.col("geography") == geography)
    table = provinces.join(aliases, on="province", how="left")
    if geography == 34:
        return table.sort("province").select("province", "predecessors", "aliases")
    return table.sort("code", "province").select("code", "province", "region", "unit_2025", "aliases")
