"""The files of a store on disk: atomic writes, the write lock, work folders, a full disk told apart.

Nothing here knows what the tables mean; ``dtikit.storage.writing`` puts them together.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dtikit.errors import DataError
from dtikit.messages import say
from dtikit.storage.layout import CURRENT, LOCK, POINTER, ROW_GROUP_ROWS, SORT_KEY, STAGING_PREFIX, WORK_PREFIX

if TYPE_CHECKING:
    import polars as pl


def atomic_write_parquet(frame: pl.DataFrame, target: Path) -> None:
    """Write ``frame`` next to ``target`` and rename it into place: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        frame.write_parquet(tmp, statistics=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def write_lock(root: Path, wait: float = 10.0) -> Iterator[None]:
    """Hold the store's exclusive write lock (waits up to ``wait`` seconds for another writer).

    ``filelock``: the platform's own file lock (``fcntl.flock``, ``msvcrt.locking`` on Windows), released
    by the system when the process ends, however it ends."""
    from filelock import FileLock, Timeout

    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(root / LOCK, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(say("store.locked", root=root)) from None
    try:
        yield
    finally:
        lock.release()


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk is full (an OSError, or a Polars error quoting the system's words)."""
    import errno

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc)
    return any(
        words in text
        for words in ("No space left on device", "os error 28", "not enough space on the disk", "os error 112")
    )


FULL = 2**20  # a disk with less room than this after a failed write is full


def refuse_disk_full(exc: BaseException, root: Path, *also: Path) -> None:
    """A one-line error for a full disk (the store is left as it was); nothing for any other error.

    Full: the error says so, or it came from Polars (which has been seen to leave a truncated file
    without saying why, then fail reading it back) while the disk of ``root`` (or of ``also``, the
    work folder) has less than ``FULL`` bytes free."""
    if not isinstance(exc, Exception):
        return
    if disk_full(exc) or (_from_polars(exc) and any(_room(p) < FULL for p in (root, *also))):
        raise DataError(say("store.disk_full", root=root)) from None


def _from_polars(exc: Exception) -> bool:
    return type(exc).__module__.startswith("polars")


def _room(path: Path) -> int:
    """Bytes free on the disk holding ``path`` (or its nearest existing folder)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return FULL


def _point(root: Path, name: str) -> None:
    """Make version ``name`` current: ``CURRENT`` written beside, flushed to disk and renamed into place."""
    with open(root / POINTER, "wb") as handle:
        handle.write(f"{name}\n".encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(root / POINTER, root / CURRENT)


def _seal(folder: Path) -> None:
    """Flush every new file of a version to disk and make it read-only (a file linked from an earlier
    version is read-only and on disk already; one a user of a shared store cannot change is left).

    The files are flushed together, from a pool of threads (``SEAL_THREADS``): a file system commits
    flushes that wait at the same time in one go (ten small files of a new store, one after the other:
    15-45 ms on a shared disk; together: 7-17 ms). Every file is on disk before this returns, as before."""
    from concurrent.futures import ThreadPoolExecutor

    new = [(path, mode) for path in folder.iterdir() if (mode := path.stat().st_mode) & 0o222]
    if not new:
        return
    with ThreadPoolExecutor(max_workers=min(len(new), SEAL_THREADS)) as pool:
        flushed = list(pool.map(_flush, [path for path, _ in new]))  # the first error is raised here
    for (path, mode), done in zip(new, flushed, strict=True):
        if done:
            with contextlib.suppress(PermissionError):  # a colleague's file in a shared store
                os.chmod(path, mode & ~0o222)


SEAL_THREADS = 16  # files of a version flushed at once (``_seal``)


def _flush(path: Path) -> bool:
    """Flush ``path`` to disk; False when this user may not open it to write (a colleague's file)."""
    try:
        with open(path, "r+b") as handle:  # fsync needs a handle open for writing on Windows
            os.fsync(handle.fileno())
    except PermissionError:
        return False
    return True


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk where the platform allows it (not on Windows: no handle on a folder)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except PermissionError:  # a file system that gives no handle on a folder
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _take_over(file: Path, target: Path, root: Path) -> None:
    """Hard-link a file of an earlier version into a new one (free); copy a file from outside the store
    at ``root`` (resolved: links followed) — the bundled figures stay read-only: a link would let a
    damaged store damage them — or across file systems."""
    if file.resolve().is_relative_to(root):
        try:
            os.link(file, target)
            return
        except OSError:  # links not allowed here
            pass
    shutil.copyfile(file, target)


def write_table(frame: pl.DataFrame | pl.LazyFrame, path: Path, *, ordered: bool = False) -> None:
    """Write one table of a version; ``values`` and ``observations`` in the store's layout.

    The layout: rows sorted by (indicator, year, geography, province), in row groups of
    ``ROW_GROUP_ROWS`` rows with min/max statistics, so a scan filtered by indicator and year
    reads the few row groups that hold them (docs/guides/store.md, "The store's files").
    """
    import polars as pl

    if ordered:
        frame = frame.sort(SORT_KEY, nulls_last=True)
    if isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(path, statistics=True, row_group_size=ROW_GROUP_ROWS)
    else:
        frame.write_parquet(path, statistics=True, row_group_size=ROW_GROUP_ROWS)


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it, read-only files too (Windows refuses to delete those)."""

    def writable_again(function, name, *_) -> None:
        try:
            os.chmod(name, 0o700 if os.path.isdir(name) else 0o600)
            function(name)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=writable_again)
    else:  # pragma: no cover - Python 3.11
        shutil.rmtree(path, onerror=writable_again)


def new_folder(parent: Path, prefix: str) -> Path:
    """A new folder of a unique name in ``parent``, made as any folder the user makes (the umask holds:
    ``tempfile.mkdtemp`` gave mode 700, and a colleague could not read a shared store)."""
    while True:
        path = parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


@contextmanager
def work_folder(root: Path) -> Iterator[Path]:
    """A folder for an ingest's intermediate files, removed at the end: inside the store when it can be
    (a part is then renamed into place), else in the system's temporary folder.

    Beside it, ``.work-….lock`` is locked for as long as it exists: ``clean_leftovers`` removes only
    the folders whose lock it can take, those of a process that is gone (killed midway)."""
    from filelock import FileLock, Timeout

    try:
        if not root.is_dir():
            raise FileNotFoundError(root)
        while True:  # a lock before its folder: a folder without a held lock is never in use
            name = f"{WORK_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
            lock = FileLock(root / f"{name}.lock", timeout=0)
            try:
                lock.acquire()
                break
            except Timeout:  # a cleaner took this new lock for a moment: another name
                continue
        folder = root / name
        folder.mkdir()
    except OSError:  # no store folder yet, or one this user cannot write
        # errors of its removal ignored: a Polars query stopped by an error may create its file late
        with tempfile.TemporaryDirectory(prefix="dtikit-ingest-", ignore_cleanup_errors=True) as elsewhere:
            yield Path(elsewhere)
        return
    try:
        yield folder
    finally:
        remove_tree(folder)
        lock.release()
        Path(lock.lock_file).unlink(missing_ok=True)


def clean_leftovers(root: Path) -> None:
    """Remove the work folders of ingests that are gone (killed midway): those whose lock is free."""
    from filelock import FileLock, Timeout

    if not root.is_dir():
        return
    for path in root.iterdir():
        if not path.name.startswith(WORK_PREFIX):
            continue
        lock_file = path if path.suffix == ".lock" else path.with_name(f"{path.name}.lock")
        lock = FileLock(lock_file, timeout=0)
        try:
            lock.acquire()
        except (Timeout, OSError):  # in use (or not ours to take)
            continue
        try:
            folder = lock_file.with_name(lock_file.name.removesuffix(".lock"))
            if folder.is_dir():
                remove_tree(folder)
        finally:
            lock.release()
            lock_file.unlink(missing_ok=True)


def _clean_staging(root: Path) -> None:
    """Remove the staging folders of commits that were killed (the caller holds the write lock, so no
    commit is under way) and the pointer they may have left half-written."""
    if not root.is_dir():
        return
    for path in root.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            remove_tree(path)
    (root / POINTER).unlink(missing_ok=True)
