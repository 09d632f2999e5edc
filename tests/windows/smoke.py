"""A Windows user's session, under a real Windows CPython (Wine), compared with Linux.

Usage: python tests/windows/smoke.py WORKDIR   (after tests/windows/setup.sh WORKDIR .)

Every command runs as a Windows user runs it: no PYTHONUTF8, stdout redirected (so Python
writes to it in the ANSI code page unless dtikit says otherwise). What a command prints must
be what the same command prints on Linux, byte for byte, and a store written on one system is
read and written on the other. Prints PASS/FAIL per check; exits 1 if any failed.

Not covered: charts, PNG maps and ``report`` (Wine 8.0 cannot import numpy, so matplotlib does
not load there).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
LINUX = [sys.executable, "-m", "dtikit"]
# what Wine prints when a process loses its link to the wine server (seen once in CI, on a run that
# started as the server of the previous one was going away): the command is run once more
WINE_LOST = b"wine client error"


def _environment() -> dict[str, str]:
    """No PYTHON* variable (PYTHONUTF8 would hide what a Windows user meets); a Vietnamese locale,
    which Wine turns into a Vietnamese Windows (ANSI code page cp1258, what Python writes a
    redirected stdout in) and which also passes non-ASCII arguments through intact."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DTIKIT_", "LC_", "LANG"))}
    env["LANG"] = "vi_VN.UTF-8"
    env["DTIKIT_LANG"] = "en"
    env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="dtikit-win-home-")
    return env


class Session:
    def __init__(self, workdir: Path) -> None:
        self.windows = [str(workdir / "wpy"), "-m", "dtikit"]
        self.env = _environment()
        self.failed: list[str] = []

    def run(self, where: str, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
        command = (self.windows if where == "windows" else LINUX) + list(args)
        environment = {**self.env, **env}
        done = subprocess.run(command, capture_output=True, env=environment, timeout=600, check=False)
        if where == "windows" and WINE_LOST in done.stderr:  # Wine's own client-server link, not dtikit:
            done = subprocess.run(command, capture_output=True, env=environment, timeout=600, check=False)
        return done

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """``test`` returns None when it passed, else what went wrong."""
        try:
            problem = test()
        except Exception as error:  # the driver reports, it does not stop
            problem = f"{type(error).__name__}: {error}"
        print(f"{'PASS' if problem is None else 'FAIL'} {name}" + ("" if problem is None else f": {problem}"))
        if problem is not None:
            self.failed.append(name)

    def ok(self, where: str, *args: object, **env: str) -> bytes:
        """What ``dtikit ARGS`` prints on ``where``; an exception when it fails."""
        done = self.run(where, *map(str, args), **env)
        if done.returncode != 0:
            last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["(no stderr)"]
            raise RuntimeError(f"{where}: dtikit {' '.join(map(str, args))} exited {done.returncode}: {last[0]}")
        return done.stdout

    def passes(self, where: str, *args: object, **env: str) -> None:
        self.ok(where, *args, **env)

    def same(self, *args: object) -> str | None:
        """None when Windows and Linux print the same bytes for ``dtikit ARGS``."""
        windows, linux = self.ok("windows", *args), self.ok("linux", *args)
        if windows == linux:
            return None
        return f"Windows printed {len(windows)} bytes, Linux {len(linux)}: {windows[:80]!r} / {linux[:80]!r}"


def _long_csv(folder: Path) -> Path:
    """A small long table that an ingest with DTIKIT_STREAM_BYTES=0 keeps as a part."""
    provinces = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"]
    rows = [f"{p};{y};so_lieu_lon;{n + y - 2000},5" for n, p in enumerate(provinces) for y in range(2010, 2025)]
    path = folder / "long.csv"
    path.write_text("\n".join(["Tỉnh;Năm;Chỉ tiêu;Giá trị", *rows]) + "\n", encoding="utf-8")
    return path


def _replacing(folder: Path) -> Path:
    """One value of ``_long_csv``'s part (Kon Tum 2012: 12,5) given again with another."""
    path = folder / "replace.csv"
    path.write_text("Tỉnh;Năm;Chỉ tiêu;Giá trị\nKon Tum;2012;so_lieu_lon;99,5\n", encoding="utf-8")
    return path


def _replaced_read(s: Session, store: Path) -> str | None:
    """The replaced value is masked in the part (not written anew), and read on Windows as on Linux."""
    if not (store / "gen-000004" / "masks.parquet").is_file():
        return "no masks.parquet in the version of the replace"
    args = ("rank", "--year", "2012", "--indicator", "so_lieu_lon", "--format", "csv", "--data", store)
    differs = s.same(*args)
    if differs:
        return differs
    read = s.ok("windows", *args)
    return None if b"99.5" in read and b"12.5" not in read else f"not the value given last: {read[:200]!r}"


def _wineserver(workdir: Path, option: str) -> None:
    """Start the wine server for the whole session (``-p``: it stays between commands, instead of
    going away three seconds after each), or stop it (``-k``)."""
    subprocess.run(["bash", "-c", f'. "{workdir}/env.sh" && wineserver {option}'], check=False, timeout=120)


def main(workdir: Path) -> int:
    _wineserver(workdir, "-p")
    try:
        return _session(workdir)
    finally:
        _wineserver(workdir, "-k")


def _session(workdir: Path) -> int:
    s = Session(workdir)
    tmp = Path(tempfile.mkdtemp(prefix="dtikit-win-smoke-"))
    win, linux = tmp / "kho dữ liệu", tmp / "linux-store"  # a folder name in Vietnamese, as users name them
    small, book, long = FIXTURES / "indicators_long_vi.csv", FIXTURES / "governance_2016_2017.xlsx", _long_csv(tmp)
    steps: list[tuple[str, Callable[[], str | None]]] = [
        ("a Vietnamese Windows (cp1258)", lambda: _code_page(workdir, s.env)),
        ("version", lambda: None if s.ok("windows", "--version").startswith(b"dtikit ") else "no version"),
        ("rank csv redirected, as on Linux", lambda: s.same("rank", "--year", "2022", "--format", "csv")),
        ("gap json, as on Linux", lambda: s.same("gap", "--province", "kon tum", "--target", "35", "--format", "json")),
        ("a Vietnamese usage error on stderr", lambda: _usage_error(s.run("windows", *VI_USAGE_ERROR))),
        # stdout is a pipe here, so without --format the step would print CSV, not a table
        (
            "a Vietnamese table, as on Linux",
            lambda: s.same("--lang", "vi", "rank", "--year", "2022", "--format", "table"),
        ),
        ("validate", lambda: s.passes("windows", "validate", small)),
        ("ingest csv into a new store", lambda: s.passes("windows", "ingest", small, "--data", win)),
        (
            "ingest xlsx, every sheet",
            lambda: s.passes("windows", "ingest", book, "--sheet", "all", "--new-indicators", "--data", win),
        ),
        (
            "ingest kept as a part",
            lambda: s.passes("windows", "ingest", long, "--new-indicators", "--data", win, DTIKIT_STREAM_BYTES="0"),
        ),
        ("the part is kept", lambda: None if list((win / "gen-000003").glob("part-*.parquet")) else "no part file"),
        (
            "a value of the part replaced",
            lambda: s.passes("windows", "ingest", _replacing(tmp), "--replace", "--data", win),
        ),
        ("masked in the part, read as on Linux", lambda: _replaced_read(s, win)),
        ("store log", lambda: _log_has(s.ok("windows", "store", "log", "--data", win, "--format", "csv"), 4)),
        ("store check", lambda: s.passes("windows", "store", "check", "--data", win)),
        (
            "the log's command quoted for cmd",
            lambda: _quoted_for_cmd(s.ok("windows", "store", "log", "--data", win, "--format", "json"), win),
        ),
        ("a Windows store read on Linux", lambda: s.same("sources", "--data", win, "--format", "csv")),
        ("store undo", lambda: s.passes("windows", "store", "undo", "--data", win)),
        ("undo undone", lambda: s.passes("windows", "store", "undo", "--to", "4", "--data", win)),
        ("store prune", lambda: s.passes("windows", "store", "prune", "--keep", "2", "--data", win)),
        ("store check after prune", lambda: s.passes("linux", "store", "check", "--data", win)),
        ("no work folders left", lambda: _no_leftovers(win)),
        ("a Linux store", lambda: s.passes("linux", "ingest", small, "--data", linux)),
        ("read on Windows, as on Linux", lambda: s.same("sources", "--data", linux, "--format", "csv")),
        (
            "written on Windows",
            lambda: s.passes("windows", "ingest", book, "--sheet", "all", "--new-indicators", "--data", linux),
        ),
        ("then checked on Linux", lambda: s.passes("linux", "store", "check", "--data", linux)),
        (
            "written on Linux again",
            lambda: s.passes("linux", "ingest", long, "--new-indicators", "--data", linux, DTIKIT_STREAM_BYTES="0"),
        ),
        ("undone on Linux", lambda: s.passes("linux", "store", "undo", "--to", "2", "--data", linux)),
        ("checked on Windows", lambda: s.passes("windows", "store", "check", "--data", linux)),
        ("and read alike", lambda: s.same("sources", "--data", linux, "--format", "csv")),
    ]
    try:
        for name, test in steps:
            s.check(name, test)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(s.env["XDG_DATA_HOME"], ignore_errors=True)
    print(f"{len(s.failed)} of {len(steps)} failed" if s.failed else f"all {len(steps)} passed")
    return 1 if s.failed else 0


VI_USAGE_ERROR = ("--lang", "vi", "gap", "--province", "Kom Tom", "--target", "35")


def _no_leftovers(store: Path) -> str | None:
    left = [p.name for p in store.iterdir() if p.name.startswith((".work-", ".staging-"))]
    return f"left behind: {left}" if left else None


def _quoted_for_cmd(log: bytes, store: Path) -> str | None:
    """The log's command line is one a Windows user can paste into cmd or PowerShell: a folder with
    a space in double quotes, not a POSIX shell's single quotes."""
    commands = [row["command"] for row in json.loads(log.decode("utf-8"))]
    wanted = f'--data "{store}"'
    return None if all(wanted in c for c in commands) else f"{commands[0]!r} has no {wanted!r}"


def _code_page(workdir: Path, env: dict[str, str]) -> str | None:
    script = "import locale; print(locale.getpreferredencoding())"
    done = subprocess.run([str(workdir / "wpy"), "-c", script], capture_output=True, env=env, timeout=120, check=False)
    found = done.stdout.decode("ascii", "replace").strip()
    return None if found == "cp1258" else f"the code page is {found!r} (is the vi_VN.UTF-8 locale generated?)"


def _usage_error(done: subprocess.CompletedProcess[bytes]) -> str | None:
    err = done.stderr.decode("utf-8", "replace")
    # the Vietnamese words of the message, in UTF-8 ("lỗi cách dùng"), not escaped as '\\u1ed7'
    if done.returncode == 2 and "Kon Tum" in err and "lỗi cách dùng" in err:
        return None
    return f"exit {done.returncode}: {err.strip()[-160:]}"


def _log_has(log: bytes, versions: int) -> str | None:
    rows = log.decode("utf-8").strip().splitlines()[1:]
    return None if len(rows) == versions else f"{len(rows)} versions in the log, expected {versions}"


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
