"""The ``DTIKIT_*`` environment variables, read in one place; a bad value is a usage error naming it.

- ``DTIKIT_DATA``: the store folder every command reads (and ``ingest`` writes), as ``--data``.
- ``DTIKIT_STREAM_BYTES``: text files this large or larger are streamed (default 16 MiB).
- ``DTIKIT_MAX_CELLS``: the most cells one table read into memory may hold (default 5,000,000):
  a workbook sheet (its rows times its columns, from cell A1), a Parquet file, a text file read whole.
- ``DTIKIT_MAX_BYTES``: the most bytes a file read whole into memory may have (default 256 MiB): a
  workbook, a Parquet file, stdin or a pipe; and the most a workbook's parts may hold uncompressed.
"""

from __future__ import annotations

import os

from dtikit.errors import UsageError
from dtikit.messages import say

KNOWN = ("DTIKIT_DATA", "DTIKIT_STREAM_BYTES", "DTIKIT_MAX_CELLS", "DTIKIT_MAX_BYTES")
MAX_CELLS = 5_000_000
MAX_BYTES = 256 * 1024 * 1024


def _whole_number(name: str, default: int, key: str) -> int:
    """The variable ``name`` as a whole number (``_`` allowed between digits), else ``default``."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise UsageError(say(key, name=name, text=text))
    return value


def stream_bytes(default: int) -> int:
    """``DTIKIT_STREAM_BYTES`` as a whole number of bytes, else ``default``."""
    return _whole_number("DTIKIT_STREAM_BYTES", default, "error.stream_bytes")


def max_cells() -> int:
    """``DTIKIT_MAX_CELLS``, else ``MAX_CELLS``: the most cells of one table read into memory."""
    return _whole_number("DTIKIT_MAX_CELLS", MAX_CELLS, "error.bound_env")


def max_bytes() -> int:
    """``DTIKIT_MAX_BYTES``, else ``MAX_BYTES``: the most bytes of a file read whole (or unpacked)."""
    return _whole_number("DTIKIT_MAX_BYTES", MAX_BYTES, "error.bound_env")


def check() -> None:
    """Refuse a bad value in any variable dtikit reads, before a command runs."""
    stream_bytes(0)
    max_cells()
    max_bytes()
    data = os.environ.get("DTIKIT_DATA")
    if data is not None and data.strip() != data:
        raise UsageError(say("error.data_spaces", data=data))
