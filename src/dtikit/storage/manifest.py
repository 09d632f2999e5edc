"""The manifest of one version of a store (``gen-NNNNNN/manifest.json``): what it holds, and its record.

Format 2 (from 2026-12-06) holds **this version only**: for every file its row count, size and
sha256 (and a part's indicators), the log entry of the commit that made it, and ``digest``, the
sha256 of the rest of the document, so that a manifest edited, truncated or copied from another
version is told from the one committed. The log of the store is the entries of every kept version
(``dtikit.storage.versions.log``); a prune moves the entries of the versions it removes into the manifest of
the current one (``carried``). Format 1 repeated the whole log in every version (a store of 2,000
tiny ingests held 882 MB of manifests); it is still read.

Pure standard library: reading and writing the store both use it, and it imports neither.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = 2


def sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def number(folder: Path) -> int | None:
    """The number of a version folder ``gen-NNNNNN`` (None for any other name)."""
    digits = folder.name.removeprefix("gen-")
    return int(digits) if folder.name.startswith("gen-") and digits.isdigit() else None


def _digest(document: dict) -> str:
    rest = {k: v for k, v in document.items() if k != "digest"}
    text = json.dumps(rest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(folder: Path) -> tuple[dict | None, str | None]:
    """The manifest of a version folder, and None; or None and what is wrong with it, in the words
    of ``store check`` (``missing``, ``not readable``, ``changed since it was committed``, ``of another
    version``)."""
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, "missing"
    except (OSError, UnicodeDecodeError):
        return None, "not readable"
    try:
        document = json.loads(text)
    except ValueError:
        return None, "not readable"
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        return None, "not readable"
    if document.get("format", 1) >= 2 and document.get("digest") != _digest(document):
        return None, "changed since it was committed"
    if document.get("version") != number(folder):
        return None, "of another version"
    return document, None


def entries(document: dict) -> list[dict]:
    """The log entries a manifest holds: its own commit's, and those a prune carried into it (format
    2); the whole log up to its version (format 1)."""
    if document.get("format", 1) < 2:
        return list(document.get("log", []))
    own = [document["entry"]] if isinstance(document.get("entry"), dict) else []
    return [*document.get("carried", []), *own]


def write(folder: Path, document: dict, *, read_only: bool = False) -> None:
    """Write ``document`` as the manifest of ``folder`` with its digest: beside it, flushed to disk,
    then renamed into place (a reader sees the old manifest or the new one); ``read_only`` as the
    files of a committed version are."""
    document = {**document, "format": FORMAT}
    document["digest"] = _digest(document)
    target = folder / MANIFEST
    temporary = folder / f".{MANIFEST}.tmp"
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())  # a handle open for writing: fsync is allowed on every platform
    if target.exists():
        writable(target)  # Windows refuses to replace a read-only file
    os.replace(temporary, target)
    if read_only:
        os.chmod(target, target.stat().st_mode & ~0o222)


def writable(path: Path) -> None:
    """Give the owner back the right to write ``path`` (a committed file is read-only)."""
    mode = path.stat().st_mode
    if not mode & 0o200:
        os.chmod(path, mode | 0o200)
