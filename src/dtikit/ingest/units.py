"""Rows of a region or of the whole country, kept as their values when asked (``ingest --regions keep``).

A published table of provinces often gives the country's total (``TỔNG SỐ - TOTAL``, ``Cả nước``) and
subtotals of regions (``I  MIỀN NÚI PHÍA BẮC``, a Roman numeral before it). They are skipped with a
note by default. With ``--regions keep`` they are stored as the values of other units, each in a
geography of its own so that nothing reading provinces (a rank, a region's mean, a profile) ever
meets them:

- the **country** (geography ``1``, the unit ``Việt Nam``): a row naming the country or its total
  (``Cả nước``, ``Toàn quốc``, ``Tổng số``, ``Tổng cộng``, ``Total``); statistics of the provinces
  (``Trung bình``, ``Median``, ``Max``) are no unit's value and stay skipped;
- a **socio-economic region** (geography ``6``, the regions of ``dtikit provinces``): a numbered
  subtotal row whose name is a region's and whose provinces (the rows below it, to the next such
  row) are exactly that region's; a row whose provinces are exactly one region's is that region
  whatever its name (``Miền núi phía Bắc``, the older name of ``Trung du và miền núi phía Bắc``). A
  row named as a region over other provinces is refused: its number is not that region's value.

A published rank in such a row is not kept: ranks are among provinces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from dtikit import geography as geographies
from dtikit.ingest.header_text import languages
from dtikit.names import fold

if TYPE_CHECKING:
    from dtikit.storage import Store

COUNTRY = "Việt Nam"
COUNTRY_GEOGRAPHY = 1
REGION_GEOGRAPHY = 6
_COUNTRY_KEYS = {"canuoc", "toanquoc", "vietnam", "tong", "tongso", "tongcong", "total", "grandtotal"}
_COUNTRY_KEYS |= {"national", "nationwide", "wholecountry", "country", "canuocwholecountry"}


def is_country(text: str) -> bool:
    """Whether a row label names the country or its total (each language of a cell in two)."""
    parts = languages(text) or [text]
    return all(fold(part) in _COUNTRY_KEYS for part in parts)


class Regions(NamedTuple):
    """The socio-economic regions: the keys of their names, and the provinces of each (geography 63)."""

    by_key: dict[str, str]
    members: dict[str, frozenset[str]]

    @classmethod
    def of(cls, store: Store) -> Regions:
        import polars as pl

        regions = store.regions()
        by_key = {key: row["region"] for row in regions.iter_rows(named=True) for key in row["keys"]}
        provinces = store.provinces().filter(pl.col("geography") == geographies.DEFAULT)
        members: dict[str, set[str]] = {}
        for province, region in provinces.select("province", "region").iter_rows():
            members.setdefault(region, set()).add(province)
        return cls(by_key, {r: frozenset(m) for r, m in members.items()})

    def named(self, label: str) -> str | None:
        """The region a row label names (any language of the cell), else None."""
        for part in languages(label) or [label]:
            found = self.by_key.get(fold(part))
            if found is not None:
                return found
        return None

    def of_provinces(self, provinces: frozenset[str]) -> str | None:
        """The region whose provinces are exactly these, else None."""
        return next((r for r, m in self.members.items() if m == provinces), None)
