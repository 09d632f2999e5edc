"""Workbooks shaped like published provincial-index workbooks, with invented values.

The shapes are those of real governance and competitiveness index workbooks (PAPI, PCI):
one sheet per year named like ``2016_PAPI`` with English headers above Vietnamese ones, a
province code and the province in both languages, a statistics row at the end and trailing
blank rows; sub-index sheets whose header is followed by a row of short codes and a blank row,
``Tp.HCM``-style names, a repeated reference row and Median/Min/Max rows below the table; a
summary sheet of rank-ordered (province, score) column pairs whose value columns have no header.
The values are invented for tests (a formula of the province's position): not published data.
"""

from __future__ import annotations

from dtikit.names import strip_marks
from dtikit.storage import Store

PROVINCES = Store().provinces().filter(Store().provinces()["geography"] == 63).sort("code")["province"].to_list()
SHORT = {"Hồ Chí Minh": "Tp.HCM", "Hà Nội": "TP. Hà Nội", "Đà Nẵng": "Tp. Đà Nẵng", "Thừa Thiên Huế": "TT-Huế"}


def value(i: int, k: int, scale: float = 10.0) -> float:
    """An invented value for province ``i`` and column ``k``, two decimals, with ties now and then."""
    return round(((i * 37 + k * 11) % 61) / 61 * scale, 2)


PAPI_EN = [
    "tinhid",
    "Province",
    "Province name",
    "Participation at local levels",
    "Transparency",
    "Control of corruption (%)",
]
PAPI_VI = [
    "Mã tỉnh",
    "Tỉnh (EN)",
    "Tỉnh",
    "Tham gia của người dân ở cấp cơ sở",
    "Công khai, minh bạch",
    "Kiểm soát tham nhũng (%)",
]


def papi_sheet(year: int) -> list[list[object]]:
    rows: list[list[object]] = [PAPI_EN, PAPI_VI]
    for i, name in enumerate(PROVINCES):
        rows.append([i + 1, strip_marks(name), name, value(i, year), value(i, year + 1), value(i, year + 2, 100)])
    rows.append([999, "Highest", "Điểm cao nhất", 10.0, 10.0, 100.0])
    rows += [[None] * 6, [None] * 6]
    return rows


PCI_SUB = {
    "Gia nhập thị trường": (
        ["Số ngày chờ thành lập (ngày)", "Tỷ lệ cần thêm giấy phép (%)", "Chỉ số Gia nhập thị trường"],
        ["c1", "c2", "sub1_entry"],
    ),
    "Tiep can dat dai": (
        ["Tỷ lệ có giấy chứng nhận (%)", "Rủi ro bị thu hồi đất (1-5)", "Chỉ số Tiếp cận đất đai"],
        ["c1", "c2", "sub2_land"],
    ),
}


def pci_sheet(sheet: str, k: int) -> list[list[object]]:
    names, codes = PCI_SUB[sheet]
    rows: list[list[object]] = [["Mã PCI", "Tỉnh, thành phố", *names], ["pci_id", "prov", *codes], [None] * 5]
    for i, name in enumerate(PROVINCES):
        rows.append([100 + i, SHORT.get(name, name), value(i, k), value(i, k + 1, 100), value(i, k + 2)])
    rows.append([None] * 5)
    rows.append(rows[3 + 5])  # a province's row again, as a reference
    for label in ("Median", "Min", "Max"):
        rows.append([None, label, 5.0, 50.0, 5.0])
    return rows


def pci_summary() -> list[list[object]]:
    """(province, score) pairs per sub-index, each ordered by its own score, value columns unnamed."""
    pairs = []
    for k, sheet in enumerate(PCI_SUB):
        scored = sorted(((value(i, k + 2), name) for i, name in enumerate(PROVINCES)), key=lambda p: -p[0])
        pairs.append((PCI_SUB[sheet][0][2], scored))
    rows: list[list[object]] = [[cell for title, _ in pairs for cell in (title, None)]]
    for r in range(len(PROVINCES)):
        rows.append([cell for _, scored in pairs for cell in (scored[r][1], scored[r][0])])
    return rows


def papi_workbook() -> dict[str, list[list[object]]]:
    return {"2016_PAPI": papi_sheet(2016), "2017_PAPI": papi_sheet(2017), "Ghi chú": [["Nguồn: ví dụ"]]}


def pci_workbook() -> dict[str, list[list[object]]]:
    return {**{s: pci_sheet(s, k) for k, s in enumerate(PCI_SUB)}, "Tổng hợp": pci_summary()}
