"""The versions of a store written by ``dtikit ingest``: their record, log, check, undo and prune.

Each version is a folder ``gen-NNNNNN`` holding its tables and ``manifest.json`` (``dtikit.storage.manifest``):
for every file its row count, size and sha256 (taken when the version was committed), and the log
entry of that commit (when, what action, the files with their sha256, the values added, replaced and
already held, the command line). ``CURRENT`` names the current version. Versions are kept until
``dtikit store prune --keep N``; an unchanged table is a hard link, so a version costs only the tables
it changed. ``undo`` makes an earlier version current by committing a new version that links its
files: the undo is itself a version in the log, and can be undone.

A version is **sound** when its manifest is the one committed and every file it records is there
with the sha256 recorded. Versions share the files they did not change, so a file damaged in place
damages every version holding it: ``check`` says which versions are sound, and ``undo`` makes only a
sound version current.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError, UsageError
from dtikit.messages import say
from dtikit.storage import manifest
from dtikit.storage.files import remove_tree, write_lock
from dtikit.storage.layout import CURRENT, TABLES, default_data_dir, schema, tables_dir
from dtikit.storage.manifest import MANIFEST
from dtikit.storage.reading import Store, say_status
from dtikit.storage.writing import _rows, command_line, read_manifest, record, transaction

if TYPE_CHECKING:
    import polars as pl

LOG_COLUMNS = ["version", "committed_at", "action", "files", "file_sha256", "added", "replaced", "held", "command"]
LOG_COLUMNS += ["current"]


def _user_store(root: Path) -> Path:
    """``root`` when it is a store written by ingest (with versions), even one whose current version is
    damaged (log, check and undo work on those); else a one-line error."""
    if (root / CURRENT).is_file():
        return root
    Store(root)  # a missing folder, a file, no store: the same one-line errors as every command
    raise DataError(say("store.no_versions", root=root))


def versions(root: Path) -> list[int]:
    """The version numbers kept in the store, oldest first."""
    return sorted(int(p.name[4:]) for p in root.glob("gen-*") if p.name[4:].isdigit() and p.is_dir())


def _current(root: Path) -> int | None:
    """The number of the version ``CURRENT`` names, None when it names none that is kept."""
    folder = tables_dir(root)
    return manifest.number(folder) if folder.is_dir() else None


def log(root: Path) -> pl.DataFrame:
    """One row per version committed (``LOG_COLUMNS``), oldest first; ``current`` marks the current one.

    The entries are those of every kept version's manifest, with those a prune carried; a version
    whose manifest is damaged is listed with what its folder says (its number)."""
    import polars as pl

    root = _user_store(root)
    current = _current(root)
    found: dict[tuple, dict] = {}
    for number in versions(root):
        document, problem = manifest.read(root / f"gen-{number:06d}")
        if document is None:
            found[(number, 0, "")] = {"version": number, "action": f"unknown (manifest.json {problem})"}
            continue
        for e in manifest.entries(document):
            pruned = str(e.get("action", "")).startswith("prune")
            found.setdefault((e["version"], int(pruned), e.get("committed_at") or ""), e)
    rows = [
        {
            "version": e["version"],
            "committed_at": e.get("committed_at"),
            "action": e.get("action", "") + (f" to {e['undo_to']}" if e.get("undo_to") is not None else ""),
            "files": "; ".join(f["file"] for f in e.get("files", [])) or None,
            "file_sha256": "; ".join(f.get("sha256") or "" for f in e.get("files", [])) or None,
            "added": e.get("added", 0),
            "replaced": e.get("replaced", 0),
            "held": e.get("held", 0),
            "command": e.get("command"),
            "current": e["version"] == current,
        }
        for _, e in sorted(found.items(), key=lambda item: item[0])
    ]
    schema = {c: pl.String for c in LOG_COLUMNS}
    schema |= {"version": pl.Int64, "added": pl.Int64, "replaced": pl.Int64, "held": pl.Int64, "current": pl.Boolean}
    return pl.DataFrame(rows, schema=schema, orient="row")


CHECK_COLUMNS = {"version": "Int64", "file": "String", "rows": "Int64", "bytes": "Int64", "status": "String"}


@dataclass
class Checked:
    """What ``check`` found: one row per file of each version checked, the problems (one line each,
    naming the file and the fix), the versions checked and those of them that are sound."""

    rows: pl.DataFrame
    problems: list[str]
    checked: list[int]
    sound: list[int]
    current: int | None
    damaged: dict[int, list[str]] = field(default_factory=dict)


class _Sums:
    """The sha256 of each file, computed once for the files versions share (one inode)."""

    def __init__(self) -> None:
        self.known: dict[tuple, str] = {}

    def of(self, path: Path) -> str:
        stat = path.stat()
        key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if key not in self.known:
            self.known[key] = manifest.sha256(path)
        return self.known[key]


def check(root: Path, *, every_version: bool = True) -> Checked:
    """Every file of every kept version (or of the current one only): the manifest the one committed,
    and every file it records there with its size and sha256. Says which versions are sound, and for
    each problem the fix, naming only sound versions."""
    import polars as pl

    root = _user_store(root)
    current = _current(root)
    kept = versions(root)
    numbers = kept if every_version or current is None else [current]
    sums = _Sums()
    rows: list[dict] = []
    damaged: dict[int, list[str]] = {}
    for number in numbers:
        found = _check_version(root / f"gen-{number:06d}", sums)
        rows += found
        bad = [r for r in found if r["status"] != "ok"]
        if bad:
            damaged[number] = [f"{root / f'gen-{number:06d}' / r['file']}: {say_status(r['status'])}" for r in bad]
    sound = [n for n in numbers if n not in damaged]
    if current is None:  # CURRENT damaged: every version is checked, and one of them is advised
        pointer = root / CURRENT
        rows.insert(
            0,
            {
                "version": None,
                "file": CURRENT,
                "rows": None,
                "bytes": _size(pointer),
                "status": "names no kept version",
            },
        )
    problems = _problems(root, current, kept, sound, damaged)
    return Checked(
        pl.DataFrame(rows, schema=schema(CHECK_COLUMNS), orient="row"), problems, numbers, sound, current, damaged
    )


def _size(path: Path) -> int | None:
    return path.stat().st_size if path.is_file() else None


def _problems(root: Path, current: int | None, kept: list[int], sound: list[int], damaged: dict) -> list[str]:
    """One line per problem: what is wrong, and what makes a sound version current (only sound ones named)."""
    problems = []
    if current is None:
        problems.append(say("store.current_names_none", pointer=root / CURRENT, fix=_undo_advice(sound)))
    for number, found in damaged.items():
        newer = [n for n in kept if n > number]
        if number != current and current in sound and current in newer:
            fix = say("store.old_damaged", n=number, keep=len(newer))
        else:
            fix = _undo_advice([n for n in sound if n != current])
        problems += [f"{problem}; {fix}" for problem in found]
    return problems


def _undo_advice(sound: list[int]) -> str:
    """'undo --to N' for the newest sound version, or --to 0 (the bundled figures) when none is sound."""
    if sound:
        return say("store.fix_undo_sound", n=sound[-1], sound=", ".join(map(str, sound)))
    return say("store.fix_undo_none")


def _check_version(folder: Path, sums: _Sums) -> list[dict]:
    """One row per file of a version: ``ok``, or what is wrong with it."""
    number = manifest.number(folder)
    document, problem = manifest.read(folder)
    rows = [
        {
            "version": number,
            "file": MANIFEST,
            "rows": None,
            "bytes": _size(folder / MANIFEST),
            "status": problem or "ok",
        }
    ]
    recorded = (document or {}).get("tables", {})
    names = sorted({*recorded, *(f"{t}.parquet" for t in TABLES), *(p.name for p in folder.glob("*.parquet"))})
    for name in names:
        path = folder / name
        status = _file_status(path, recorded.get(name), sums) if document is not None else _unrecorded(path)
        rows.append(
            {"version": number, "file": name, "rows": _rows_or_none(path), "bytes": _size(path), "status": status}
        )
    return rows


def _unrecorded(path: Path) -> str:
    """The status of a file whose version's manifest cannot be trusted: only whether it reads."""
    return "missing" if not path.is_file() else ("ok" if _rows_or_none(path) is not None else "not readable as Parquet")


def _file_status(path: Path, want: dict | None, sums: _Sums) -> str:
    if not path.is_file():
        return "missing"
    if want is None:
        return "not recorded in manifest.json"
    if path.stat().st_size == want.get("bytes") and sums.of(path) == want.get("sha256"):
        return "ok"
    count = _rows_or_none(path)
    if count is None:
        return "not readable as Parquet"
    if count != want.get("rows"):
        return f"{count} rows, {want.get('rows')} recorded"
    return "changed since it was committed (sha256 differs)"


def _rows_or_none(path: Path) -> int | None:
    try:
        return _rows(path) if path.is_file() else None
    except Exception:  # any reader error: truncated, overwritten, not Parquet
        return None


def undo(
    root: Path, to: int | None = None, *, dry_run: bool = False, command: list[str] | None = None
) -> tuple[int, pl.DataFrame | None]:
    """Make version ``to`` (default: the one before the current one's changes) current again, by
    committing a new version that links its files. Works whatever is damaged in the current version;
    refuses a version that is not sound. Returns the version made current and what disappears: the
    ingests of the current version that the target does not hold (None when the current version is
    too damaged to tell); ``command`` is the command line the log records (see ``transaction``)."""
    root = _user_store(root)
    with transaction(root, command=command) as tx:
        current = _current(root)
        here = read_manifest(root / f"gen-{current:06d}") if current is not None else None
        if to is None:
            to = _parent(here)
            if to is None:
                raise UsageError(say("store.no_earlier", current=root / CURRENT, fix=_undo_advice(_sound(root))))
        source = default_data_dir() if to == 0 else root / f"gen-{to:06d}"
        if to < 0 or not source.is_dir():
            kept = ", ".join(map(str, versions(root))) or "none"
            raise UsageError(say("store.not_kept", to=to, root=root, kept=kept))
        if to:
            damage = _check_version(source, _Sums())
            bad = [r for r in damage if r["status"] != "ok"]
            if bad:
                others = [n for n in _sound(root) if n != to]
                file = source / bad[0]["file"]
                raise DataError(
                    say(
                        "store.undo_damaged",
                        to=to,
                        file=file,
                        status=say_status(bad[0]["status"]),
                        fix=_undo_advice(others),
                    )
                )
        if to == current and here is not None:
            raise UsageError(say("store.already_current", to=to))
        gone = _disappearing(root, current, here, source)
        if dry_run:
            return to, gone
        target = read_manifest(source) if to else None
        parent = _parent(target) if to else None
        tx.restore(source)
        tx.commit(record("undo", undo_to=to, parent=parent))
    return to, gone


def _parent(document: dict | None) -> int | None:
    """The version a version was made from (its log entry's ``parent``)."""
    if document is None:
        return None
    own = [e for e in manifest.entries(document) if e.get("version") == document["version"]]
    own = [e for e in own if not str(e.get("action", "")).startswith("prune")]
    return own[-1].get("parent") if own else None


def _sound(root: Path) -> list[int]:
    sums = _Sums()
    found = []
    for number in versions(root):
        if all(r["status"] == "ok" for r in _check_version(root / f"gen-{number:06d}", sums)):
            found.append(number)
    return found


def _disappearing(root: Path, current: int | None, here: dict | None, source: Path) -> pl.DataFrame | None:
    """The ingests of the current version that ``source`` does not hold; None when the current
    version's ``ingests.parquet`` is not the one committed (what it lists cannot be trusted)."""
    import polars as pl

    if current is None or here is None:
        return None
    folder = root / f"gen-{current:06d}"
    ingests = folder / "ingests.parquet"
    if not ingests.is_file():
        return pl.DataFrame(
            schema={
                "file": pl.String,
                "file_sha256": pl.String,
                "ingested_at": pl.String,
                "added": pl.Int64,
                "changed": pl.Int64,
            }
        )
    if _file_status(ingests, here.get("tables", {}).get(ingests.name), _Sums()) != "ok":
        return None
    before = pl.read_parquet(ingests).select("file", "file_sha256", "ingested_at", "added", "changed")
    if not (source / "ingests.parquet").exists():
        return before
    after = pl.read_parquet(source / "ingests.parquet").select("file_sha256", "ingested_at")
    return before.join(after, on=["file_sha256", "ingested_at"], how="anti", nulls_equal=True)


def prune(root: Path, keep: int, *, command: list[str] | None = None) -> list[int]:
    """Remove every version but the ``keep`` newest (the current one always kept); recorded in the log
    (with ``command``, as ``transaction`` records it): the entries of the versions removed move into the
    current version's manifest."""
    if keep < 1:
        raise UsageError(say("store.keep_one", keep=keep))
    root = _user_store(root)
    with write_lock(root):
        current = _current(root)
        folder = root / f"gen-{current:06d}" if current is not None else None
        document = read_manifest(folder) if folder is not None else None
        if document is None:
            raise DataError(say("store.prune_damaged", pointer=root / CURRENT, fix=_undo_advice(_sound(root))))
        kept = versions(root)
        newest = set(kept[-keep:]) | {current}
        removed = [n for n in kept if n not in newest]
        if not removed:
            return []
        carried = [e for e in manifest.entries(document) if e.get("version") != current or _is_prune(e)]
        for n in removed:
            gone = read_manifest(root / f"gen-{n:06d}")
            carried += manifest.entries(gone) if gone is not None else []
        carried.append(
            {
                "version": current,
                "committed_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "action": f"prune (removed {', '.join(map(str, removed))})",
                "files": [],
                "command": command_line(command),
            }
        )
        own = [e for e in manifest.entries(document) if e.get("version") == current and not _is_prune(e)]
        unique = {(e["version"], _is_prune(e), e.get("committed_at") or ""): e for e in carried}
        manifest.write(
            folder,
            read_only=True,
            document={
                "version": current,
                "tables": document["tables"],
                "entry": own[-1] if own else {"version": current},
                "carried": [unique[k] for k in sorted(unique)],
            },
        )
        for n in removed:
            remove_tree(root / f"gen-{n:06d}")
    return removed


def _is_prune(entry: dict) -> bool:
    return str(entry.get("action", "")).startswith("prune")
