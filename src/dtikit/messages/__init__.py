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


# the areas holding the keys of each prefix (the key's first word: 'label' of 'label.rank'): a message is
# looked up in those only, so that a run loads the areas it speaks from (a key of another prefix is
# looked for in every area). tests/test_languages.py holds this to the areas' keys.
PREFIXES = {
    "click": ("output",),
    "error": ("errors", "files", "queries"),
    "files": ("files",),
    "geo": ("geography",),
    "help": ("help",),
    "hidden": ("tables",),
    "ingest": ("ingest",),
    "interrupted": ("errors",),
    "label": ("output", "tables"),
    "no": ("tables",),
    "note": ("notes", "queries"),
    "output": ("output",),
    "period": ("output",),
    "pic": ("pictures",),
    "prefix": ("errors",),
    "store": ("store",),
    "term": ("notes",),
    "title": ("queries", "tables"),
    "unit": ("output", "tables"),
    "unit_of": ("output",),
    "unit_rank_of": ("output",),
    "word": ("output", "tables"),
    "xlsx": ("tables",),
    "yes": ("tables",),
}


@cache
def area(name: str, lang: str) -> dict[str, str]:
    """The messages of one area in ``lang``."""
    from importlib import import_module

    return getattr(import_module(f"dtikit.messages.{name}"), lang.upper())


def _text(key: str, lang: str) -> str | None:
    """The text of ``key`` in ``lang``, from the areas of its prefix (None when no area holds it)."""
    for name in PREFIXES.get(key.split(".", 1)[0], AREAS):
        found = area(name, lang).get(key)
        if found is not None:
            return found
    return None


def _prefixed(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose key starts with ``prefix`` + '.', by the rest of its key."""
    return {
        key[len(prefix) + 1 :]: text
        for name in PREFIXES[prefix]
        for key, text in area(name, lang).items()
        if key.startswith(prefix + ".")
    }


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every message of ``lang``, merged from the area modules (each key in exactly one area)."""
    merged: dict[str, str] = {}
    for name in AREAS:
        words = area(name, lang)
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
            return _text(f"term.{value}", self.lang) or str(value)
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


def say(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (default: this run's language), with ``params`` filled in."""
    lang = lang or language()
    text = _text(key, lang)
    if text is None:
        raise KeyError(key)
    return _Words(lang).vformat(text, (), params)


def has(key: str) -> bool:
    return _text(key, "en") is not None


def labels(lang: str | None = None) -> dict[str, str]:
    """Table column labels (``label.<column>``) by column name, in ``lang`` or this run's language."""
    return _prefixed("label", lang or language())


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
    return _prefixed("word", lang or language())
