"""The words of pictures and reports: the ``pic.*`` keys of ``dtikit.messages``, looked up at the edge.

``say(key, lang, **params)`` formats the text of ``pic.<key>`` in ``lang``; an unknown language is
a usage error. Names of indicators come from the indicator catalog (``name_vi``, ``name_en``).
"""

from __future__ import annotations

from typing import Any

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
    return say("geo_34" if geography == 34 else "geo_63", lang)


def basis_text(kinds: list[str], lang: str = "en") -> str:
    """'Basis: published, computed from published scores' for a chart's note."""
    named = [say(k, lang) if known(k) else k for k in kinds] or [say("missing", lang)]
    return say("basis", lang, kinds=", ".join(named))
