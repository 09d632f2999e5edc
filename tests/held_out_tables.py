"""Tables made the way ministries publish them, for years of each map (written by code, not copied).

- ``pci_2007``: a PCI-like ranking of 2007, 64 provinces with Hà Tây: a title row, a blank row,
  Vietnamese headers, a "Cả nước" row above the provinces, names as the publisher writes them, a score
  and its published rank (with one tie, ranked as competitions are);
- ``budget_2003``: a budget-like table of 2003 in the 61 provinces of 1997–2003 (Đắk Lắk, Cần Thơ and
  Lai Châu undivided, Hà Tây), thousands written with a dot, a "Tổng số" row;
- ``units_2025``: a table of 2025 in the 34 units, under their new names, with ranks.

The lists of units are read from ``data/raw`` (the acts cited in data/raw/SOURCES.md), never from dtikit.
"""

from __future__ import annotations

import csv
from pathlib import Path

RAW = Path(__file__).parents[1] / "data" / "raw"


def _column(name: str, column: str) -> list[str]:
    with open(RAW / name, encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(r[column] for r in csv.DictReader(handle)))


PROVINCES_2008 = _column("province_codes.csv", "province")
FORMED_2004 = ["Đắk Nông", "Hậu Giang", "Điện Biên"]  # Nghị quyết 22/2003/QH11, from 1/1/2004
UNITS_2025 = _column("merger_2025.csv", "new_province")
OF_64 = [*PROVINCES_2008, "Hà Tây"]
OF_61 = [p for p in OF_64 if p not in FORMED_2004]

# as the publishers write them
WRITTEN = {
    "Hồ Chí Minh": "TP. Hồ Chí Minh",
    "Đắk Lắk": "Đắc Lắk",
    "Thừa Thiên Huế": "Thừa Thiên - Huế",
    "Bà Rịa - Vũng Tàu": "Bà Rịa-Vũng Tàu",
    "Hà Nội": "TP. Hà Nội",
    "Cần Thơ": "TP. Cần Thơ",
}


def _score(i: int) -> float:
    """A score per place in the list: all different but one pair (places 10 and 11 tie)."""
    return round(70.0 - 0.37 * (i - (i > 10)), 2)


def pci_2007() -> tuple[list[list[object]], dict[str, tuple[float, int]]]:
    """The sheet's rows and, per canonical name, (score, published rank)."""
    order = sorted(OF_64, key=lambda p: (p != "Bình Dương", p != "Hà Tây", p))  # Hà Tây near the top
    scores = {p: _score(i) for i, p in enumerate(order)}
    ranks = {p: 1 + sum(1 for w in scores.values() if w > v) for p, v in scores.items()}
    rows: list[list[object]] = [
        ["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH NĂM 2007", None, None, None],
        [None, None, None, None],
        ["STT", "Tỉnh, thành phố", "Điểm tổng hợp", "Xếp hạng"],
        [None, "Cả nước", round(sum(scores.values()) / len(scores), 2), None],
    ]
    for n, p in enumerate(order, start=1):
        rows.append([n, WRITTEN.get(p, p), scores[p], ranks[p]])
    return rows, {p: (scores[p], ranks[p]) for p in order}


def budget_2003() -> tuple[list[list[object]], dict[str, float]]:
    """A budget-like table of 2003 (million đồng), 61 units, Vietnamese thousands: rows and values."""
    return _budget(2003, OF_61)


def budget_2005() -> tuple[list[list[object]], dict[str, float]]:
    """The same table of 2005, in the 64 units of 2004 on."""
    return _budget(2005, OF_64)


def _budget(year: int, units: list[str]) -> tuple[list[list[object]], dict[str, float]]:
    values = {p: 1_000_000.0 + 137_113 * i + 1000 * (year - 2003) for i, p in enumerate(sorted(units))}
    rows: list[list[object]] = [
        [f"QUYẾT TOÁN THU NGÂN SÁCH NHÀ NƯỚC NĂM {year}", None, None],
        ["Đơn vị: triệu đồng", None, None],
        ["STT", "Tỉnh, thành phố", "Tổng thu NSNN trên địa bàn"],
        [None, "Tổng số", f"{sum(values.values()):,.0f}".replace(",", ".")],
    ]
    for n, p in enumerate(sorted(units), start=1):
        rows.append([n, WRITTEN.get(p, p), f"{values[p]:,.0f}".replace(",", ".")])
    return rows, values


def units_2025() -> tuple[list[list[object]], dict[str, tuple[float, int]]]:
    """A DTI table of 2025 in the 34 units: a score and its rank."""
    order = sorted(UNITS_2025)
    scores = {p: round(0.9 - 0.011 * i, 4) for i, p in enumerate(order)}
    rows: list[list[object]] = [
        ["CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP TỈNH NĂM 2025 (34 TỈNH, THÀNH PHỐ)", None, None, None],
        ["STT", "Tỉnh, thành phố", "Chỉ số DTI", "Xếp hạng"],
        [None, "Cả nước", round(sum(scores.values()) / len(scores), 4), None],
    ]
    for n, p in enumerate(order, start=1):
        rows.append([n, WRITTEN.get(p, p), scores[p], n])
    return rows, {p: (scores[p], n) for n, p in enumerate(order, start=1)}


def pci_2009() -> tuple[list[list[object]], dict[str, tuple[float, int]]]:
    """The same ranking two years later, in the 63 provinces of August 2008 on (Hà Tây now in Hà Nội)."""
    order = sorted(PROVINCES_2008, key=lambda p: (p != "Hà Nội", p))
    scores = {p: round(72.0 - 0.29 * i, 2) for i, p in enumerate(order)}
    rows: list[list[object]] = [
        ["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH NĂM 2009", None, None, None],
        [None, None, None, None],
        ["STT", "Tỉnh, thành phố", "Điểm tổng hợp", "Xếp hạng"],
    ]
    for n, p in enumerate(order, start=1):
        rows.append([n, WRITTEN.get(p, p), scores[p], n])
    return rows, {p: (scores[p], n) for n, p in enumerate(order, start=1)}
