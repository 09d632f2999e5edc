"""The ``DTIKIT_*`` environment variables, read in one place; a bad value is a usage error naming it.

- ``DTIKIT_DATA``: the store folder every command reads (and ``ingest`` writes), as ``--data``.
- ``DTIKIT_STREAM_BYTES``: text files this large or larger are streamed (default 16 MiB).
"""

from __future__ import annotations

import os

from dtikit.errors import UsageError
from dtikit.messages import say

KNOWN = ("DTIKIT_DATA", "DTIKIT_STREAM_BYTES")


def stream_bytes(default: int) -> int:
    """``DTIKIT_STREAM_BYTES`` as a whole number of bytes, else ``default``."""
    text = os.environ.get("DTIKIT_STREAM_BYTES", "").strip()
    if not text:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise UsageError(say("error.stream_bytes", text=text))
    return value


def check() -> None:
    """Refuse a bad value in any variable dtikit reads, before a command runs."""
    stream_bytes(0)
    data = os.environ.get("DTIKIT_DATA")
    if data is not None and data.strip() != data:
        raise UsageError(say("error.data_spaces", data=data))
