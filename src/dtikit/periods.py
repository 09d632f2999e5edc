"""A period as a person reads it in the run's language: ``2023-H1`` is "6 tháng đầu năm 2023",
``2022-05-19`` is "19/5/2022", ``2022-01/2022-11`` is "từ tháng 1/2022 đến tháng 11/2022".

Machine formats keep the period as held (ISO dates); English keeps it as held too.
"""

from __future__ import annotations

import re

from dtikit.messages import say

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_HALF = re.compile(r"(\d{4})-H([12])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def _one(text: str, lang: str) -> str:
    """One point or span of time (no '/')."""
    found = _HALF.fullmatch(text)
    if found:
        return say(f"period.h{found.group(2)}", lang, year=found.group(1))
    found = _QUARTER.fullmatch(text)
    if found:
        return say("period.quarter", lang, year=found.group(1), quarter=found.group(2))
    found = _DATE.fullmatch(text)
    if found:
        year, month, day = found.groups()
        return say("period.date", lang, year=year, month=int(month), day=int(day))
    found = _MONTH.fullmatch(text)
    if found:
        return say("period.month", lang, year=found.group(1), month=int(found.group(2)))
    return text


# words of the periods sources give, each a key whose text replaces them ('as of 2022-03')
_PHRASES = (
    (re.compile(r"^as of publication\b"), "period.as_of_publication"),
    (re.compile(r"^as of "), "period.as_of"),
    (re.compile(r"^from "), "period.from"),
    (re.compile(r"^report "), "period.report"),
    (re.compile(r"\(preliminary\)"), "period.preliminary"),
    (re.compile(r"\(after end-(\d{4})\)"), "period.after_end"),
    (re.compile(r"\(article on (\d{4}) results\)"), "period.article_on"),
)


def period_words(text: str | None, lang: str) -> str | None:
    """``text`` (a period as held) in ``lang``; English and anything not a period: as held."""
    if text is None or lang == "en":
        return text
    span = text.split("/")
    if len(span) == 2 and all(_DATE.fullmatch(p) or _MONTH.fullmatch(p) for p in span):
        return say("period.span", lang, start=_one(span[0], lang), end=_one(span[1], lang))
    for pattern, key in _PHRASES:
        text = pattern.sub(lambda m, key=key: say(key, lang, year=m.group(1) if m.groups() else ""), text)
    return re.sub(r"\d{4}-(?:H[12]|Q[1-4]|\d{2}(?:-\d{2})?)\b", lambda m: _one(m.group(0), lang), text)
