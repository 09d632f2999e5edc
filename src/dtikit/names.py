"""Folding Vietnamese names to a comparison key.

Every way of writing a province ("Tỉnh Đắk Lắk", "Đăk Lăk", "dak lak", NFD from macOS or
code page 1258, "Hoà"/"Hòa") folds to the same key: NFC, lower case, no tone or vowel marks,
``đ`` as ``d``, administrative prefixes dropped, letters and digits only.
"""

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[0-9a-z]+")
# Leading words that say what kind of unit a name is, not which one.
_PREFIXES = (("thanh", "pho"), ("tinh",), ("tp",))
_SUFFIXES = (("city",), ("province",))


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics: 'Đắk Lắk' -> 'Dak Lak'."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def words(text: str) -> list[str]:
    """The lower-case ASCII words of a name."""
    return list(_words(text))


# a file names a few provinces and headers thousands of times: each text is folded once (a 3,000-row
# file's layout and province checks folded 28,000 texts, 1,100 of them distinct)
@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    if text.isascii():  # nothing to normalise or strip (most ids): the same words, 10 times faster
        return tuple(_WORD.findall(text.lower()))
    return tuple(_WORD.findall(strip_marks(unicodedata.normalize("NFC", text)).lower()))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The comparison key of a place name: 'TP. Hồ Chí Minh' -> 'hochiminh'."""
    parts = words(text)
    for prefix in _PREFIXES:
        if len(parts) > len(prefix) and tuple(parts[: len(prefix)]) == prefix:
            parts = parts[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if len(parts) > len(suffix) and tuple(parts[-len(suffix) :]) == suffix:
            parts = parts[: -len(suffix)]
            break
    return "".join(parts)
