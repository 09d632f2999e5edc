"""How a page cites where its figures come from: publisher, title, date and link — never a file path.

A figure's source is held as a URL, as a press article's citation (title, author, publisher, date as
far as known: the bundled data is built with them, ``dtikit.build.seed_citations``) or as a user's
file. A URL is cited by its site and link; a citation as it is; a user's file by its name alone.
The index itself is cited first, with its publisher and when it was published
(the DTI of year Y is published in Y+1; the month where a source gives it).
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


@dataclass
class Citation:
    text: str  # publisher, title, date as a reader reads them
    link: str | None = None


def own_file(source: str, lang: str | None = None) -> str:
    """A user's file as ingest records it ('file F.xlsx [sheet]'), in the reader's words ('tệp F.xlsx
    [sheet]' in Vietnamese); any other source as it is."""
    from dtikit.messages import say

    return say("label.file", lang) + source[4:] if source.startswith("file ") else source


def cite(source: str) -> Citation:
    """How ``source`` (a URL, an article's citation, a user's file) is cited: never a file path."""
    if source.startswith(("http://", "https://")):
        return Citation(urlparse(source).netloc.removeprefix("www."), source)
    return Citation(own_file(re.sub(r"(?:[A-Za-z]:)?(?:[^\s\[\]/\\]*[/\\])+", "", source)))  # a file by its name


def index_citation(year: int | None) -> tuple[str, str] | None:
    """(publisher, when published) of the DTI of ``year``, when known."""
    return None if year is None else INDEX_RELEASES.get(int(year))
