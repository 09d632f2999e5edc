"""Store writes that work where users work: a colleague can read a shared store, a URL is refused, a
full disk is one line and leaves the store as it was, an ingest left behind is told from a live one
without signals, fsync only as Windows allows it, and no registry keeps every Store alive."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store
from tests.conftest import BIN

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@contextlib.contextmanager
def _umask(mask: int):
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def test_versions_follow_the_umask(cli, tmp_path):
    """Every gen-NNNNNN was mode 700 (tempfile.mkdtemp): a colleague got Permission denied."""
    root = tmp_path / "store"
    with _umask(0o022):
        assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)).code == 0
        assert cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(root)).code == 0
    for version in root.glob("gen-*"):
        assert stat.S_IMODE(version.stat().st_mode) == 0o755, version
        for file in version.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) == 0o444, file  # readable by all, written by none


RUN_AS_NOBODY = """
import site, sys
site.addsitedir(sys.argv.pop(1))  # the test's packages, for an interpreter of the same version
from dtikit.cli import run
sys.argv[0] = "dtikit"
run()
"""


def _python_for_nobody() -> list[str] | None:
    """An interpreter the user nobody may run with this venv's packages (the venv's own python may live
    in root's home, mode 700), or None."""
    import sysconfig

    if os.geteuid() != 0 or not shutil.which("runuser"):
        return None
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, shutil.which(f"python{version}"), "/usr/bin/python3"):
        if python is None:
            continue
        probe = "import sys; print(f'{sys.version_info.major}.{sys.version_info.minor}')"
        found = subprocess.run(["runuser", "-u", "nobody", "--", python, "-c", probe], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip() == version:
            return [python, "-c", RUN_AS_NOBODY, sysconfig.get_paths()["purelib"]]
    return None


def test_a_colleague_reads_a_shared_store():
    """As another user (nobody): a store written with the usual umask is read and checked."""
    python = _python_for_nobody()
    if python is None:
        pytest.skip("needs root, runuser and a Python the user nobody can run")
    shared = Path(tempfile.mkdtemp(prefix="dtikit-shared-"))  # outside pytest's folder, which is mode 700
    try:
        shared.chmod(0o755)
        root = shared / "store"
        with _umask(0o022):
            done = subprocess.run(
                [str(BIN / "dtikit"), "ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(root)],
                capture_output=True,
                text=True,
            )
        assert done.returncode == 0, done.stderr
        env = {"PATH": os.environ["PATH"], "HOME": str(shared), "XDG_DATA_HOME": str(shared / "home")}
        nobody = ["runuser", "-u", "nobody", "--", *python]
        rank = ["rank", "--year", "2022", "--data", str(root), "--format", "csv"]
        read = subprocess.run([*nobody, *rank], capture_output=True, text=True, env=env)
        assert read.returncode == 0, read.stderr
        assert read.stdout.count("\n") == 64
        check = subprocess.run(
            [*nobody, "store", "check", "--data", str(root)], capture_output=True, text=True, env=env
        )
        assert check.returncode == 0, check.stderr
    finally:
        shutil.rmtree(shared)


@pytest.mark.parametrize("command", [["ingest", str(FIXTURES / "pillars_wide_vi.csv")], ["rank", "--year", "2022"]])
@pytest.mark.parametrize("url", ["s3://bucket/store", "gs://b/s", "https://example.org/store", "file:///tmp/s"])
def test_a_url_is_refused_and_no_folder_made(cli, tmp_path, monkeypatch, command, url):
    """--data s3://bucket/store created ./s3:/bucket/store and exited 0."""
    monkeypatch.chdir(tmp_path)
    result = cli(*command, "--data", url)
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and "a URL; dtikit keeps a store in a local folder only" in result.err
    assert f"--data {url}: a URL" in result.err  # as typed (a path type once folded 's3://' into 's3:/')
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("DTIKIT_DATA", url)
    result = cli(*command)
    assert result.code == 2 and f"DTIKIT_DATA {url}: a URL" in result.err  # named where it was given
    assert list(tmp_path.iterdir()) == []


def test_a_windows_drive_is_not_a_url(tmp_path):
    from dtikit.storage import given_store

    assert given_store("C:/Users/an/dtikit")[0] == Path("C:/Users/an/dtikit")
    assert given_store(r"D:\store")[0] == Path(r"D:\store")


HOLD = """
import sys, time
from pathlib import Path
from dtikit.storage.files import work_folder
with work_folder(Path(sys.argv[1])) as folder:
    print(folder, flush=True)
    if sys.argv[2] == "die":
        import os
        os._exit(9)  # killed midway: its folder stays, its lock goes with the process
    sys.stdin.readline()
"""


def test_a_work_folder_is_removed_only_when_its_process_is_gone(tmp_path, monkeypatch):
    """os.kill(pid, 0) is no liveness check on Windows (and any other signal ends the process):
    each work folder has a lock its process holds while it lives."""
    from dtikit.storage.files import clean_leftovers

    root = tmp_path / "store"
    root.mkdir()

    def no_signals(*args):
        raise AssertionError("a signal sent to decide liveness")

    monkeypatch.setattr(os, "kill", no_signals)
    live = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root), "live"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    live_folder = Path(live.stdout.readline().strip())
    dead = subprocess.run([sys.executable, "-c", HOLD, str(root), "die"], capture_output=True, text=True)
    dead_folder = Path(dead.stdout.strip())
    assert dead.returncode == 9 and dead_folder.is_dir() and live_folder.is_dir()
    clean_leftovers(root)
    assert live_folder.is_dir() and not dead_folder.exists()
    assert sorted(p.name for p in root.iterdir()) == sorted([live_folder.name, f"{live_folder.name}.lock"])
    live.communicate("\n", timeout=60)
    assert live.returncode == 0
    assert list(root.iterdir()) == []  # its folder and its lock removed as it ended


def test_writes_fsync_only_handles_open_for_writing(cli, tmp_path, monkeypatch):
    """On Windows, os.fsync of a file opened read-only raises PermissionError: emulated here."""
    import fcntl

    fsync = os.fsync

    def as_windows(fd):
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise PermissionError(13, "Permission denied (fsync of a read-only handle)")
        return fsync(fd)

    monkeypatch.setattr(os, "fsync", as_windows)
    monkeypatch.setattr(os, "open", _no_folders(os.open))  # and no handle on a folder
    root = tmp_path / "store"
    result = cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root))
    assert result.code == 0, result.err
    assert cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(root)).code == 0
    assert cli("store", "undo", "--data", str(root)).code == 0
    assert cli("store", "prune", "--keep", "1", "--data", str(root)).code == 0
    assert cli("store", "check", "--data", str(root)).code == 0


def _no_folders(open_):
    """os.open as on Windows for dtikit's own calls: no handle on a folder (shutil.rmtree keeps its own)."""

    def refuse(path, *args, **kwargs):
        if sys._getframe(1).f_globals.get("__name__", "").startswith("dtikit") and os.path.isdir(path):
            raise PermissionError(13, "Permission denied (a folder)", path)
        return open_(path, *args, **kwargs)

    return refuse


def test_stores_are_not_kept_alive(cli, tmp_path):
    """store.OPENED kept every Store ever made: 301 stores created and dropped stayed alive."""
    root = tmp_path / "store"
    assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)).code == 0
    refs = []
    for _ in range(20):
        store = Store(root)
        store.values(indicators=["dti_rank"])
        refs.append(weakref.ref(store))
        del store
    gc.collect()
    assert [r for r in refs if r() is not None] == []


def test_a_damaged_file_is_named_when_the_error_comes_from_outside_the_store(cli, tmp_path, monkeypatch):
    """Without a registry of open stores, an error raised while reading a damaged table still names it."""
    root = tmp_path / "store"
    assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)).code == 0
    values = root / "gen-000001" / "values.parquet"
    from dtikit import ranking

    def broken(*args, **kwargs):
        values.write_bytes(b"not parquet")  # damaged while the command runs
        raise pl.exceptions.ComputeError("parquet: cannot read")

    monkeypatch.setattr(ranking, "rank_table", broken)
    result = cli("rank", "--year", "2022", "--data", str(root))
    assert result.code == 1 and result.err.count("\n") == 1
    assert str(values) in result.err and "internal error" not in result.err


def test_a_table_of_the_wrong_schema_is_one_line_naming_it(cli, tmp_path):
    """A store table of another schema gave 'internal error' without the file."""
    root = tmp_path / "plain"
    shutil.copytree(Store().tables, root)  # a store without versions: its tables at the top
    (root / "provinces.parquet").unlink()
    pl.DataFrame({"tinh": ["Kon Tum"], "ma": [62]}).write_parquet(root / "provinces.parquet")
    for command in (["rank", "--year", "2022"], ["provinces"], ["gap", "--province", "Kon Tum", "--target", "30"]):
        result = cli(*command, "--data", str(root))
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1 and "internal error" not in result.err
        assert f"{root / 'provinces.parquet'}: not a provinces table of a dtikit store" in result.err
        assert "geography, province, region" in result.err


def _mount_small_disk(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize("route", ["general checks", "one pass"])
def test_a_full_disk_is_one_line_and_leaves_the_store_as_it_was(tmp_path, route):
    """Disk full gave 'internal error: ComputeError: parquet: ... No space left on device' 70 times of 72.
    A small disk is filled to leave less and less room, then more, and an ingest tried each time."""
    disk = tmp_path / "disk"
    if not _mount_small_disk(disk, "3m"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        root = disk / "store"
        env = {**os.environ, "DTIKIT_STREAM_BYTES": "0" if route == "one pass" else str(1 << 30)}
        dtikit = [str(BIN / "dtikit"), "ingest", "--data", str(root)]
        assert subprocess.run([*dtikit, str(FIXTURES / "pillars_wide_vi.csv")], capture_output=True).returncode == 0
        before = sorted(p.name for p in root.iterdir())
        said = set()
        for room in range(0, 400_000, 20_000):
            filler = disk / "filler"
            filler.unlink(missing_ok=True)
            free = shutil.disk_usage(disk).free
            with open(filler, "wb") as handle:
                handle.write(b"\0" * max(free - room, 0))
            done = subprocess.run(
                [*dtikit, str(FIXTURES / "indicators_long_vi.csv")], capture_output=True, text=True, env=env
            )
            if done.returncode == 0:
                break
            assert done.returncode == 1, done.stderr
            assert done.stderr.count("\n") == 1, done.stderr
            assert f"{root}: the disk is full" in done.stderr and "the store is as it was" in done.stderr
            assert sorted(p.name for p in root.iterdir()) == before  # nothing new, nothing left over
            said.add(done.stderr)
        else:
            pytest.fail("no room was enough for the ingest")
        assert said, "the disk was never full"
        (disk / "filler").unlink()
        check = subprocess.run([str(BIN / "dtikit"), "store", "check", "--data", str(root)], capture_output=True)
        assert check.returncode == 0, check.stderr
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_an_internal_error_is_not_hidden_behind_the_store_it_was_creating(cli, tmp_path, monkeypatch):
    """An unexpected error during the first ingest into a new folder was reported as "--data …: no
    such folder" (the store named to find damage did not exist yet), hiding what went wrong."""
    import dtikit.ingest.run

    def broken(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'filelock'")

    monkeypatch.setattr(dtikit.ingest.run, "clean_leftovers", broken)
    result = cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(tmp_path / "new"))
    assert result.code == 1
    assert "ModuleNotFoundError" in result.err and "filelock" in result.err, result.err
    assert "no such folder" not in result.err
