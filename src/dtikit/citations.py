"""How a page cites where its figures come from: publisher, title, date and link — never a file path.

A figure's source is held as a URL, as one of the seed articles (``data/raw/seeds/<id>.txt``) or as
a user's file. A URL is cited by its site and link; a seed article by what is known of it (publisher,
title, date, as read in the article itself; ``data/raw/SOURCES.md`` lists them); a user's file by its
name alone. The index itself is cited first, with its publisher and when it was published
(``shared/DOMAIN.md``: DTI Y is published in Y+1; the month where a source gives it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

MINISTRY_MIC = "Bộ Thông tin và Truyền thông"
MINISTRY_MOST = "Bộ Khoa học và Công nghệ"

# year of the index -> (publisher, when published); a month only where a source states it
INDEX_RELEASES: dict[int, tuple[str, str]] = {
    2020: (MINISTRY_MIC, "10/2021"),
    2021: (MINISTRY_MIC, "2022"),
    2022: (MINISTRY_MIC, "7/2023"),
    2023: (MINISTRY_MIC, "2024"),
    2024: (MINISTRY_MOST, "21/10/2025"),
}
INDEX_LINK = "https://dti.gov.vn"

# the seed articles, as each names itself (a part not stated in the article is left out)
SEEDS: dict[str, dict[str, str | None]] = {
    "000_8357f3f054d3b5ed": {"publisher": "Báo Kon Tum", "title": "Chuyển đổi số để phát triển bền vững", "date": None},
    "001_e8a7a9af1f76e45e": {"publisher": None, "title": "Thực hiện nhanh và hiệu quả chuyển đổi số", "date": None},
    "002_beea989bd59edccf": {"publisher": "Vietnam Business Forum (VCCI)", "title": None, "date": None},
    "003_5cff5225281921e5": {
        "publisher": None,
        "title": "Đắk Lắk: Kinh tế số bước đầu đóng góp vào sự phát triển của tỉnh",
        "date": "21/09/2023",
    },
    "004_f05d0e653e277a38": {"publisher": None, "title": "Đẩy mạnh chuyển đổi số", "date": "13/10/2022"},
}


@dataclass
class Citation:
    text: str  # publisher, title, date as a reader reads them
    link: str | None = None


def cite(source: str) -> Citation:
    """How ``source`` (a URL, a seed article's path, a user's file) is cited: never a file path."""
    if source.startswith(("http://", "https://")):
        return Citation(urlparse(source).netloc.removeprefix("www."), source)
    seed = re.search(r"seeds[/\\]([0-9a-f_]+)\.txt", source)
    if seed and seed.group(1) in SEEDS:
        known = SEEDS[seed.group(1)]
        parts = [known["publisher"], f"“{known['title']}”" if known["title"] else None, known["date"]]
        return Citation(", ".join(p for p in parts if p))
    return Citation(re.sub(r"(?:[A-Za-z]:)?(?:[^\s\[\]/\\]*[/\\])+", "", source))  # a file by its name alone


def index_citation(year: int | None) -> tuple[str, str] | None:
    """(publisher, when published) of the DTI of ``year``, when known."""
    return None if year is None else INDEX_RELEASES.get(int(year))
