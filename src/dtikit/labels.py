"""The words of pictures and reports: the ``pic.*`` keys of ``dtikit.messages``, looked up at the edge.

``say(key, lang, **params)`` formats the text of ``pic.<key>`` in ``lang``; an unknown language is
a usage error. Names of indicators come from the indicator catalog (``name_vi``, ``name_en``).
"""

from __future__ import annotations

import re
from typing import Any

from dtikit import geography as geographies
from dtikit import messages
from dtikit.errors import UsageError


def say(key: str, lang: str = "en", **params: Any) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in."""
    if lang not in messages.LANGUAGES:
        raise UsageError(messages.say("error.lang_of", lang=lang, choices=", ".join(messages.LANGUAGES)))
    return messages.say(f"pic.{key}", lang, **params)


def known(key: str) -> bool:
    """Whether ``key`` is a word of pictures (a status or kind that has a translation)."""
    return messages.has(f"pic.{key}")


def indicator_name(about: dict[str, Any], lang: str = "en") -> str:
    """The indicator's name in ``lang`` (the other language's name, else its id, when not held)."""
    first, second = ("name_vi", "name_en") if lang == "vi" else ("name_en", "name_vi")
    return about.get(first) or about.get(second) or about.get("indicator") or ""


def geography_name(geography: int, lang: str = "en") -> str:
    """The units of a geography as a picture's subtitle says them: '64 provinces' for the map of 2004 to
    July 2008, the 34 units of 2025 by their own words."""
    if geography == geographies.MERGED_2025:
        return say("geo_34", lang)
    return say("geo_n", lang, n=geographies.count(geography))


# kinds of source whose figures were published (``--source-kind``); ``user``: a user's own data
PUBLISHED = ("official", "government", "press", "secondary")


def _own_files(sources: list[dict[str, str]], lang: str) -> str | None:
    """The user's own sources of an answer (files ingested, their --source), two named and the count of
    the others; None when every figure was published."""
    sheets: dict[str, list[str]] = {}  # 'file F.xlsx [2016]' and 'file F.xlsx [2017]' are 'file F.xlsx [2016, 2017]'
    for s in sources:
        if s["kind"] not in PUBLISHED:
            found = re.fullmatch(r"(.+?) \[(.+)\]", s["source"] or say("missing", lang))
            file, sheet = (found.group(1), found.group(2)) if found else (s["source"] or say("missing", lang), None)
            sheets.setdefault(file, [])
            if sheet is not None and sheet not in sheets[file]:
                sheets[file].append(sheet)
    from dtikit.citations import own_file

    own = [own_file(f"{file} [{', '.join(names)}]" if names else file, lang) for file, names in sheets.items()]
    if not own:
        return None
    shown = ", ".join(own[:2])
    return shown + (say("and_more", lang, n=len(own) - 2) if len(own) > 2 else "")


def provenance(about: dict[str, Any], lang: str = "en", sourced: bool = False) -> str:
    """The line under a picture: what its ranks rest on and where its figures come from, as held
    (``about['basis']``: kinds of rank; ``about['sources']``: each (kind, source) behind the figures).

    'published' is said only of published figures; a user's data is named by its file or --source.
    ``sourced``: the picture already has its 'Source: <publisher>' line, so 'Source' is not said again."""
    sources = about.get("sources") or []
    own = _own_files(sources, lang)
    published = sorted({s["kind"] for s in sources if s["kind"] in PUBLISHED})
    words = []
    for kind in about.get("basis") or []:
        if kind == "computed" and own:
            words.append(say("computed_own", lang, files=own))
        elif kind == "published" and own and not published:
            words.append(say("given_own", lang, files=own))
        else:
            words.append(say(kind, lang) if known(kind) else kind)
    parts = [say("basis", lang, kinds=", ".join(words))] if words else []
    if published:
        key = "sources_published_also" if sourced else "sources_published"
        parts.append(say(key, lang, kinds=", ".join(say(k, lang) for k in published)))
    if own and not any(own in word for word in words):  # named once: in the basis, else here
        parts.append(say("sources_own", lang, files=own))
    return ". ".join(parts or [say("sources_none", lang)])


def made_from(sources: list[dict[str, str]], lang: str = "en") -> str:
    """What a report is made from: published figures, a user's files, or both."""
    own = _own_files(sources, lang)
    published = any(s["kind"] in PUBLISHED for s in sources)
    if own and published:
        return say("made_both", lang, files=own)
    return say("made_own", lang, files=own) if own else say("made", lang)


def among(ranked_of: list[int], geography: int, lang: str = "en") -> str:
    """Who a rank is among, as the table says it: the geography's provinces, else 'N provinces with a
    value' (ranks among those held, or published as 'of N')."""
    full = geographies.count(geography)
    counts = sorted({n for n in ranked_of if n is not None and n != full})
    if not counts:
        return geography_name(geography, lang)
    return say("among_n", lang, n="/".join(map(str, counts)))


_PERIOD_WORDS = {
    "vi": {
        "as of publication": "tính đến ngày công bố",
        "after end-": "sau cuối năm ",
        "as of": "tính đến",
        "from": "từ",
        "report": "báo cáo",
        "preliminary": "sơ bộ",
    },
    "en": {},
}


def period_text(period: str | None, lang: str = "en") -> str | None:
    """A period as a person writes it in ``lang``: ISO dates as d/m/yyyy in Vietnamese ('2022-05-19' ->
    '19/5/2022', '2022-05' -> '5/2022', '2023-H1' -> '6 tháng đầu năm 2023', a range 'a/b' -> 'a–b',
    'as of 2022-03' -> 'tính đến 3/2022'); English keeps the ISO form. Other words as held."""
    if period is None or lang != "vi":
        return period

    def date(found: re.Match) -> str:
        year, month, day = found.group(1), found.group(2), found.group(3)
        if day:
            return f"{int(day)}/{int(month)}/{year}"
        return f"{int(month)}/{year}"

    text = re.sub(r"\b(\d{4})-H1\b", r"6 tháng đầu năm \1", period)
    text = re.sub(r"\b(\d{4})-H2\b", r"6 tháng cuối năm \1", text)
    text = re.sub(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", date, text)
    text = re.sub(r"(\d)/(\d{1,2}/)?(\d{4})/(\d)", r"\1/\2\3–\4", text)  # a range a/b: a–b
    text = re.sub(r"article on (\d{4}) results", r"bài viết về kết quả năm \1", text)
    for english, vietnamese in _PERIOD_WORDS["vi"].items():
        text = re.sub(rf"\b{re.escape(english)}", vietnamese, text)
    return text


# a target's comparator as an official writes it: 'top 35' is '≤ 35' (of ranks), never '<= 35'
_COMPARATORS = {"<=": "≤", ">=": "≥"}


def comparator_text(comparator: str | None) -> str | None:
    """A comparator as people write it ('<=' is '≤', '>=' is '≥'; '<', '>', '=' as they are)."""
    return None if comparator is None else _COMPARATORS.get(comparator, comparator)


def reported_text(basis: str | None, lang: str = "en") -> str | None:
    """A province's own report of its targets as a summary's basis says it in ``lang`` ('reported by
    Đắk Lắk (2023-09)' is 'Đắk Lắk tự báo cáo (9/2023)'); any other basis as held."""
    found = re.fullmatch(r"reported by (.+) \((.+)\)", basis or "")
    if found is None:
        return basis
    from dtikit.periods import period_words

    return messages.say("word.reported by", lang, name=found[1], period=period_words(found[2], lang))


def as_read(text: str, lang: str = "en") -> str:
    """A value's text where it is no number, as a person reads it in ``lang``: a rank published only
    as a bound ('top-10', 'bottom-3', 'top-9 (tied)') in the language's words; a statement held as an
    English gloss of the source's own words ('below 10% ("thấp dưới 10%")'): those words in
    Vietnamese; any other text as held."""
    quoted = re.fullmatch(r'.+? \("(.+)"\)', text.strip())
    if quoted is not None and lang == "vi":
        return quoted[1]
    found = re.fullmatch(r"(top|bottom)-(\d+)( \(tied\))?", text.strip())
    if found is None:
        return text
    said = say(f"rank_{found[1]}", lang, n=int(found[2]))
    return said + (" " + say("rank_tied", lang) if found[3] else "")


def citation_text(text: str, lang: str = "en") -> str:
    """A press article's citation as the bundled data holds it ('press article "T", Báo X (date, URL
    not recorded)', ``dtikit.build.seed_citations``) in ``lang``; any other citation as held."""
    found = re.fullmatch(
        r"press article (.+?)(?: \(((?:publisher|date|URL)(?:, (?:publisher|date|URL))*) not recorded\))?", text
    )
    if found is None:
        return text
    said = say("press_article", lang, said=found[1])
    if found[2]:
        what = ", ".join(say(f"cite_{k}", lang) for k in found[2].split(", "))
        said += " " + say("not_recorded", lang, what=what)
    return said
