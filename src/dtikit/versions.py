"""The versions of a store written by ``dtikit ingest``: their record, log, check, undo and prune.

Each version is a folder ``gen-NNNNNN`` holding its tables and ``manifest.json``: for every
file its row count, size and sha256 (taken when the version was committed), and the log, one
entry per version up to this one (when, what action, the files with their sha256, the values
added, replaced and already held, the command line). ``CURRENT`` names the current version.
Versions are kept until ``dtikit store prune --keep N``; an unchanged table is a hard link,
so a version costs only the tables it changed. ``undo`` makes an earlier version current by
committing a new version that links its files: the undo is itself a version in the log, and
can be undone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError, UsageError
from dtikit.messages import say
from dtikit.store import CURRENT, MANIFEST, Store, default_data_dir, tables_dir, write_lock

if TYPE_CHECKING:
    import polars as pl

FORMAT = 1
LOG_COLUMNS = ["version", "committed_at", "action", "files", "file_sha256", "added", "replaced", "held", "command"]
LOG_COLUMNS += ["current"]
# the command line recorded in the log; the CLI sets it to what the user typed
COMMAND: list[str] | None = None


def record(action: str, files: list[dict] = (), **counts: int) -> dict:
    """What the log says of a commit: ``files`` as dicts with ``file`` and ``sha256``; counts
    ``added``, ``replaced`` and ``held``."""
    return {"action": action, "files": [dict(f) for f in files], **counts}


def command_line() -> str:
    args = COMMAND if COMMAND is not None else ["python", *sys.argv]
    return shlex.join(["dtikit", *args] if COMMAND is not None else args)


def next_number(root: Path) -> int:
    numbers = [int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit()]
    return max(numbers, default=0) + 1


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _rows(path: Path) -> int:
    import polars as pl

    return pl.scan_parquet(path).select(pl.len()).collect().item()


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a version folder; None for a folder written before manifests (or unreadable)."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _file_entry(path: Path, parts: dict[str, list[str]]) -> dict:
    """Row count, size and sha256 of a file of a version: from the manifest of the version it is
    linked from when that one recorded it (same inode, same bytes), else computed. ``parts``: the
    indicators of parts written by this commit, as the ingest found them."""
    for source in _linked_from.get(path.name, []):
        known = (read_manifest(source.parent) or {}).get("tables", {}).get(path.name)
        if known and os.path.samefile(source, path) and known.get("bytes") == path.stat().st_size:
            return known
    entry = {"rows": _rows(path), "bytes": path.stat().st_size, "sha256": _sha256(path)}
    if path.name.startswith("part-"):  # which indicators it holds: a query of others skips it unread
        entry["indicators"] = parts[path.name] if path.name in parts else _indicators_of(path)
    return entry


def _indicators_of(part: Path) -> list[str]:
    import polars as pl

    from dtikit.store import scan_part

    found = scan_part(part).select(pl.col("indicator").unique()).collect()
    return sorted(found["indicator"].drop_nulls().to_list())


_linked_from: dict[str, list[Path]] = {}


def write_manifest(folder: Path, number: int, previous: Path | None, linked: list[Path], what: dict) -> None:
    """Record a version being committed in ``folder``: its files' counts and sums, and the log."""
    before = read_manifest(previous) if previous is not None else None
    _linked_from.clear()
    for file in linked:
        _linked_from.setdefault(file.name, []).append(file)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".parquet")
    tables = {p.name: _file_entry(p, what.get("parts", {})) for p in files}
    _linked_from.clear()
    parent = (before or {}).get("version", _number(previous)) if previous is not None else 0
    entry = {
        "version": number,
        "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "action": what.get("action", "commit"),
        "files": what.get("files", []),
        "added": what.get("added", 0),
        "replaced": what.get("replaced", 0),
        "held": what.get("held", 0),
        "command": command_line(),
        "parent": what.get("parent", parent),
    }
    if "undo_to" in what:
        entry["undo_to"] = what["undo_to"]
    log = [*(before or {}).get("log", []), entry]
    manifest = {"format": FORMAT, "version": number, "tables": tables, "log": log}
    _write_json(folder / MANIFEST, manifest)


def _write_json(path: Path, document: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _number(folder: Path | None) -> int:
    return int(folder.name[4:]) if folder is not None and folder.name[4:].isdigit() else 0


def _user_store(root: Path) -> Path:
    """``root`` when it is a store written by ingest (with versions); else a one-line error."""
    Store(root)  # a missing folder, a file, a damaged pointer: the same one-line errors as every command
    if not (root / CURRENT).is_file():
        raise DataError(say("store.no_versions", root=root))
    return root


def versions(root: Path) -> list[int]:
    """The version numbers kept in the store, oldest first."""
    return sorted(int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit() and p.is_dir())


def log(root: Path) -> pl.DataFrame:
    """One row per version committed (``LOG_COLUMNS``), oldest first; ``current`` marks the current one."""
    import polars as pl

    root = _user_store(root)
    current = tables_dir(root)
    manifest = read_manifest(current)
    if manifest is None:
        raise DataError(say("store.no_manifest", current=current))
    rows = [
        {
            "version": e["version"],
            "committed_at": e["committed_at"],
            "action": e["action"] + (f" to {e['undo_to']}" if e.get("undo_to") is not None else ""),
            "files": "; ".join(f["file"] for f in e.get("files", [])) or None,
            "file_sha256": "; ".join(f.get("sha256") or "" for f in e.get("files", [])) or None,
            "added": e.get("added", 0),
            "replaced": e.get("replaced", 0),
            "held": e.get("held", 0),
            "command": e.get("command"),
            "current": e["version"] == _number(current),
        }
        for e in manifest.get("log", [])
    ]
    schema = {c: pl.String for c in LOG_COLUMNS}
    schema |= {"version": pl.Int64, "added": pl.Int64, "replaced": pl.Int64, "held": pl.Int64, "current": pl.Boolean}
    return pl.DataFrame(rows, schema=schema, orient="row")


def check(root: Path, *, every_version: bool = False) -> tuple[pl.DataFrame, list[str]]:
    """Every file of the current version (or of every version kept): readable, and its row count and
    sha256 those recorded at commit time; every part present. Returns one row per file and the problems,
    each one line naming the file and the fix."""
    import polars as pl

    from dtikit.store import schema

    check_schema = schema(CHECK_COLUMNS)
    problems: list[str] = []
    if not (root / CURRENT).is_file():
        Store(root)  # not a store at all: its one-line error
        raise DataError(say("store.no_versions_check", root=root))
    current = tables_dir(root)
    if not current.is_dir():
        return pl.DataFrame(schema=check_schema), [
            say("store.current_missing", pointer=root / CURRENT, name=current.name, fix=_fix(root))
        ]
    folders = [root / f"gen-{n:06d}" for n in versions(root)] if every_version else [current]
    rows: list[dict] = []
    for folder in folders:
        rows += _check_version(root, folder, problems)
    return pl.DataFrame(rows, schema=check_schema, orient="row"), problems


CHECK_COLUMNS = {"version": "Int64", "file": "String", "rows": "Int64", "bytes": "Int64", "status": "String"}


def _fix(root: Path) -> str:
    kept = versions(root)
    earlier = [n for n in kept if n < _number(tables_dir(root))]
    if earlier:
        return say("store.fix_undo_to", n=earlier[-1])
    return say("store.fix_undo_0")


def _status_words(status: str) -> str:
    """A file's status in the run's language ('missing', '12 rows, 10 recorded')."""
    from dtikit.messages import words

    counted = status.split(" rows, ")
    if len(counted) == 2:
        return say("store.status_rows", count=counted[0], recorded=counted[1].removesuffix(" recorded"))
    return words().get(status, status)


def _check_version(root: Path, folder: Path, problems: list[str]) -> list[dict]:
    import polars as pl

    from dtikit.store import TABLES

    number = _number(folder)
    manifest = read_manifest(folder)
    recorded = (manifest or {}).get("tables", {})
    if manifest is None:
        problems.append(say("store.manifest_unreadable", file=folder / MANIFEST, fix=_fix(root)))
    names = sorted({*recorded, *(f"{t}.parquet" for t in TABLES), *(p.name for p in folder.glob("*.parquet"))})
    rows = []
    for name in names:
        path = folder / name
        status = "ok"
        size = path.stat().st_size if path.is_file() else None
        count = None
        if not path.is_file():
            status = "missing"
        else:
            try:
                count = pl.read_parquet(path).height
            except Exception:  # any reader error: truncated, overwritten, not Parquet
                status = "not readable as Parquet"
        want = recorded.get(name)
        if status == "ok" and want is not None:
            if count != want["rows"]:
                status = f"{count} rows, {want['rows']} recorded"
            elif size != want["bytes"] or _sha256(path) != want["sha256"]:
                status = "changed since it was committed (sha256 differs)"
        elif status == "ok" and manifest is not None and name != "ingests.parquet":
            status = "not recorded in manifest.json"
        if status != "ok" and (name in recorded or name.removesuffix(".parquet") in TABLES):
            fix = _fix(root) if folder == tables_dir(root) else say("store.old_version")
            problems.append(say("store.check_problem", path=path, status=_status_words(status), fix=fix))
        rows.append({"version": number, "file": name, "rows": count, "bytes": size, "status": status})
    return rows


def undo(root: Path, to: int | None = None, *, dry_run: bool = False) -> tuple[int, pl.DataFrame]:
    """Make version ``to`` (default: the one before the current one's changes) current again, by
    committing a new version that links its files. Returns the version made current and what
    disappears: the ingests of the current version that the target does not hold."""

    from dtikit.store import commit

    root = _user_store(root)
    with write_lock(root):
        current = tables_dir(root)
        manifest = read_manifest(current)
        if to is None:
            entry = (manifest or {}).get("log", [{}])[-1]
            to = entry.get("parent")
            if to is None:
                raise UsageError(say("store.no_earlier", current=current))
        if to == _number(current):
            raise UsageError(say("store.already_current", to=to))
        source = default_data_dir() if to == 0 else root / f"gen-{to:06d}"
        if to < 0 or not source.is_dir():
            kept = ", ".join(map(str, versions(root))) or "none"
            raise UsageError(say("store.not_kept", to=to, root=root, kept=kept))
        gone = _disappearing(Store(root), source)
        if dry_run:
            return to, gone
        target = read_manifest(source) if to else None
        parent = ((target or {}).get("log") or [{}])[-1].get("parent") if to else None
        files = sorted(p for p in source.glob("*.parquet"))
        commit(root, {}, unchanged=files, record=record("undo", undo_to=to, parent=parent))
    return to, gone


def _disappearing(current: Store, source: Path) -> pl.DataFrame:
    import polars as pl

    before = current.ingests().select("file", "file_sha256", "ingested_at", "added", "changed")
    if not (source / "ingests.parquet").exists():
        return before
    after = pl.read_parquet(source / "ingests.parquet").select("file_sha256", "ingested_at")
    return before.join(after, on=["file_sha256", "ingested_at"], how="anti", nulls_equal=True)


def prune(root: Path, keep: int) -> list[int]:
    """Remove every version but the ``keep`` newest (the current one always kept); recorded in the log."""
    if keep < 1:
        raise UsageError(say("store.keep_one", keep=keep))
    root = _user_store(root)
    with write_lock(root):
        current = tables_dir(root)
        kept = versions(root)
        newest = set(kept[-keep:]) | {_number(current)}
        removed = [n for n in kept if n not in newest]
        for n in removed:
            shutil.rmtree(root / f"gen-{n:06d}")
        manifest = read_manifest(current)
        if removed and manifest is not None:
            manifest["log"].append(
                {
                    "version": _number(current),
                    "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "action": f"prune (removed {', '.join(map(str, removed))})",
                    "files": [],
                    "command": command_line(),
                }
            )
            _write_json(current / MANIFEST, manifest)
    return removed
