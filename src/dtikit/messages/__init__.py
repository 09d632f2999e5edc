"""Everything dtikit says to people, in English and Vietnamese: one catalog per language.

The catalogs are merged from one module per area (``tables``, ``pictures``, ...), each holding
an ``EN`` and a ``VI`` dict with the same keys (a test checks every key and every ``{field}``
exists in both). Pure Python: the core and the CLI both look words up here, at the edge.

The language of a run is ``--lang vi|en`` (anywhere on the command line, see ``choose``), else
``DTIKIT_LANG``, else ``LC_ALL``/``LANG`` (``vi*`` is Vietnamese), else English; a run speaks it
for its own duration (``speaking``). It changes only what a person reads: the formats for people
(table, markdown, docx: labels, titles, indicator names, units, periods), notes, warnings, errors and
help (Click's words too, ``dtikit.cli.words``). Machine formats (csv, tsv, json, ndjson, xlsx) keep
their English snake_case columns and ``.`` decimals whatever the language. Province names are data
and shown as held.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

LANGUAGES = ("en", "vi")
AREAS = ("tables", "pictures", "queries", "notes", "errors", "help", "store", "ingest", "files", "geography", "output")

# the language of the run under way (``speaking``): held for that run's context, not for the process
_chosen: ContextVar[str | None] = ContextVar("dtikit_language", default=None)


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every message of ``lang``, merged from the area modules (each key in exactly one area)."""
    from importlib import import_module

    merged: dict[str, str] = {}
    for area in AREAS:
        words = getattr(import_module(f"dtikit.messages.{area}"), lang.upper())
        clash = merged.keys() & words.keys()
        if clash:
            raise RuntimeError(f"message keys in two areas: {sorted(clash)}")
        merged.update(words)
    return merged


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Speak ``lang`` inside the block (a run's ``--lang``; None: the environment's), then what was before."""
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def choose(lang: str | None) -> None:
    """Speak ``lang`` from now on in this context (a notebook's choice); None: the environment's.
    A run of the CLI uses ``speaking``, which ends with the run."""
    _chosen.set(lang)


def language() -> str:
    """``--lang``, else DTIKIT_LANG, else LC_ALL/LANG (``vi*``: Vietnamese), else English."""
    chosen = _chosen.get()
    if chosen in LANGUAGES:
        return chosen
    for name in ("DTIKIT_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "vi" if value.startswith("vi") else "en"
    return "en"


class _Words(string.Formatter):
    """``str.format`` plus counted words: ``{n:place|places}`` is '1 place', '2 places'; and official
    terms held as data: ``{method:term}`` is the text of ``term.<value>`` in the language when it has
    one ('Decision 922/QĐ-BTTTT' is 'Quyết định 922/QĐ-BTTTT'), else the value as held."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "term":
            return catalog(self.lang).get(f"term.{value}", str(value))
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


def say(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: this run's language), with ``params`` filled in."""
    lang = lang or language()
    return _Words(lang).vformat(catalog(lang)[key], (), params)


def has(key: str) -> bool:
    return key in catalog("en")


def labels(lang: str | None = None) -> dict[str, str]:
    """Table column labels (``label.<column>``) by column name, in ``lang`` or this run's language."""
    words = catalog(lang or language())
    return {key[6:]: text for key, text in words.items() if key.startswith("label.")}


def in_each_language(make) -> dict[str, str]:
    """What ``make()`` says in each language: a text another module says in the run's language, kept
    to be shown in either (e.g. in English in a machine format of a run in Vietnamese)."""
    said = {}
    for lang in LANGUAGES:
        with speaking(lang):
            said[lang] = make()
    return said


def unit_label(unit: str | None, lang: str | None = None) -> str | None:
    """A unit as a person reads it in ``lang`` ('score 0-1' is 'điểm 0-1'), also as a source writes a
    known unit with a count ('of 21 services', '% of population (1399044)'); other units as held."""
    import re

    if unit is None or has(f"unit.{unit}"):
        return None if unit is None else say(f"unit.{unit}", lang)
    counted = re.fullmatch(r"(.+) \((\d[\d.,]*)\)", unit)
    if counted and has(f"unit.{counted[1]}"):
        return f"{say(f'unit.{counted[1]}', lang)} ({counted[2]})"
    counted = re.fullmatch(r"of (\d[\d.,]*) (.+)", unit)
    if counted and has(f"unit.{counted[2]}"):
        return say("unit_of", lang, n=counted[1], unit=say(f"unit.{counted[2]}", lang))
    counted = re.fullmatch(r"rank of (\d+) \((.+)\)", unit)  # 'rank of 5 (Tây Nguyên)': a region's name is data
    if counted:
        return say("unit_rank_of", lang, n=counted[1], among=counted[2])
    return unit


def words(lang: str | None = None) -> dict[str, str]:
    """The words a table shows for the enumerated values of its cells ('published', 'met', ...)."""
    found = catalog(lang or language())
    return {key[5:]: text for key, text in found.items() if key.startswith("word.")}
