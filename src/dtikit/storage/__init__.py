"""The store: the one package that knows its files.

- ``layout``: the tables, their columns, and where a store's files are;
- ``reading``: ``Store``, read access to one version (scans filtered before they are collected);
- ``writing``: ``transaction()``, the one way to write (lock, stage, commit, manifest, numbers);
- ``versions``: log, check, undo and prune, on top of the transaction;
- ``manifest`` and ``files``: a version's record, and the files on disk;
- ``delta``: the same on Delta Lake tables, measured (``docs/storage.md``; ``DTIKIT_BACKEND=delta``).

Importing this package imports neither Polars nor anything outside ``dtikit.errors`` and
``dtikit.messages``: every other module of dtikit imports it, never the other way round.
"""

from __future__ import annotations

import os

from dtikit.storage.layout import (
    INGESTS_COLUMNS,
    OBSERVATION_COLUMNS,
    TABLES,
    VALUE_COLUMNS,
    choose_store,
    data_dir,
    default_data_dir,
    given_store,
    is_store,
    is_versioned,
    observation_schema,
    schema,
    user_store,
    writable_root,
)
from dtikit.storage.reading import Store, base_store, repair_hint

# the writing side, imported when first named: a query never writes (writing.py and shlex, 1-2 ms)
_WRITING = ("Transaction", "command_line", "record", "transaction")


def __getattr__(name: str) -> object:
    if name in _WRITING:
        from dtikit.storage import writing

        return getattr(writing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if os.environ.get("DTIKIT_BACKEND", "").strip().lower() == "delta":  # measured, not the default: docs/storage.md
    from dtikit.storage.delta import DeltaStore as Store
    from dtikit.storage.delta import base_store, transaction
    from dtikit.storage.delta import is_delta_store as is_store

__all__ = [
    "INGESTS_COLUMNS",
    "OBSERVATION_COLUMNS",
    "TABLES",
    "VALUE_COLUMNS",
    "Store",
    "Transaction",
    "base_store",
    "choose_store",
    "command_line",
    "data_dir",
    "default_data_dir",
    "given_store",
    "is_store",
    "is_versioned",
    "observation_schema",
    "record",
    "repair_hint",
    "schema",
    "transaction",
    "user_store",
    "writable_root",
]
