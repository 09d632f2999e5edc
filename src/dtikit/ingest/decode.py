"""Text files as spreadsheets export them: encoding and separator, decided by a stated rule.

Encoding (unless ``--encoding`` is given): a byte-order mark decides (UTF-8 with BOM,
UTF-16 LE/BE as Excel's "Unicode text"); else UTF-16 without a mark when the start holds NUL
bytes beside its characters, as UTF-16 writes a NUL beside each ASCII character (at least a
quarter of its first 400 bytes of one parity; LE or BE by where they fall); else any NUL byte is
an error naming it (UTF-8 and code-page text never hold one); else UTF-8 when the bytes are valid
UTF-8; else Windows-1258, the Vietnamese code page (whose decomposed tone marks are composed to
NFC). Text is always normalised to NFC.

Separator: the one of tab, ``;`` and ``,`` that splits the first lines into the same number
of fields (more than one) most consistently, quotes respected; ties go to tab, then ``;``.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from dtikit.errors import DataError
from dtikit.messages import say

SEPARATORS = ("\t", ";", ",")
_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma"}


class DecodedText(NamedTuple):
    text: str
    encoding: str
    how: str  # why this encoding was chosen, for the note on stderr (in the run's language)
    guessed: bool = False  # the Vietnamese code page, because the text is not UTF-8


def check_encoding(encoding: str, name: str) -> str:
    """The codec's name for ``--encoding``; a usage error naming the file when it is unknown."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise DataError(say("ingest.unknown_encoding", file=name, encoding=encoding)) from None


def detect(sample: bytes, name: str = "") -> tuple[str, str]:
    """The encoding the rule gives to text starting with ``sample`` (whole lines) of the file ``name``,
    and why."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", say("ingest.how.bom")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", say("ingest.how.bom")
    head = sample[:400]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) * 4 >= len(head) // 2 > 0:  # a NUL beside most characters: UTF-16 without a mark
        return ("utf-16-le" if odd >= even else "utf-16-be"), say("ingest.how.nul")
    nul = sample.find(b"\x00")
    if nul >= 0:  # UTF-8 and code pages never hold one
        raise DataError(say("ingest.nul_byte", file=name, byte=nul, row=sample.count(b"\n", 0, nul) + 1))
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "cp1258", say("ingest.how.not_utf8", byte=exc.start)
    return "utf-8", say("ingest.how.utf8")


def decode(data: bytes, name: str, encoding: str | None = None) -> DecodedText:
    """The file's text in NFC, and the encoding used."""
    if encoding:
        check_encoding(encoding, name)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DataError(say("ingest.not_valid_given", file=name, encoding=encoding, byte=exc.start)) from None
        return DecodedText(_nfc(text.removeprefix("\ufeff")), encoding, say("ingest.how.given"))
    chosen, how = detect(data, name)
    if chosen == "cp1258":
        return DecodedText(_nfc(data.decode("cp1258", errors="replace")), "cp1258", how, guessed=True)
    return _try(data, chosen, name, how)


def _try(data: bytes, encoding: str, name: str, how: str) -> DecodedText:
    try:
        return DecodedText(_nfc(data.decode(encoding).removeprefix("\ufeff")), encoding, how)
    except UnicodeDecodeError as exc:
        raise DataError(say("ingest.looks_like", file=name, encoding=encoding, how=how, byte=exc.start)) from None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


FIELD_LIMIT = 1 << 24  # characters in one cell: Python's csv stops at 131,072 by default


@contextmanager
def long_fields() -> Iterator[None]:
    """Let Python's csv module read cells up to ``FIELD_LIMIT`` characters, then restore its limit."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, FIELD_LIMIT))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def sniff_separator(text: str) -> str:
    """The separator that splits the first lines most consistently into several fields."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", (-1, -1)
    for separator in SEPARATORS:
        try:
            with long_fields():
                rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))
        except csv.Error:
            continue
        widths = [len(r) for r in rows if len(r) > 1]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common), common)
        if score > best_score:
            best, best_score = separator, score
    return best


def separated(separator: str) -> str:
    """'comma-separated' (in the run's language)."""
    return say(f"ingest.separated.{_NAMES[separator]}")
