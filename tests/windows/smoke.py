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

    def run(self, where: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        command = (self.windows if where == "windows" else LINUX) + list(args)
        return subprocess.run(command, capture_output=True, env=self.env, timeout=600, check=False)

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """``test`` returns None when it passed, else what went wrong."""
        try:
            problem = test()
        except Exception as error:  # the driver reports, it does not stop
            problem = f"{type(error).__name__}: {error}"
        print(f"{'PASS' if problem is None else 'FAIL'} {name}" + ("" if problem is None else f": {problem}"))
        if problem is not None:
            self.failed.append(name)

    def ok(self, where: str, *args: str) -> bytes:
        done = self.run(where, *args)
        if done.returncode != 0:
            last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["(no stderr)"]
            raise RuntimeError(f"{where}: dtikit {' '.join(args)} exited {done.returncode}: {last[0]}")
        return done.stdout

    def same(self, *args: str) -> str | None:
        """None when Windows and Linux print the same bytes for ``dtikit ARGS``."""
        windows, linux = self.ok("windows", *args), self.ok("linux", *args)
        if windows == linux:
            return None
        return f"dtikit {' '.join(args)}: Windows printed {len(windows)} bytes, Linux {len(linux)}: {windows[:80]!r}"


def main(workdir: Path) -> int:
    s = Session(workdir)
    s.check("a Vietnamese Windows (cp1258)", lambda: _code_page(workdir, s.env))
    tmp = Path(tempfile.mkdtemp(prefix="dtikit-win-smoke-"))
    win_store, linux_store = tmp / "kho dữ liệu", tmp / "linux-store"
    small, workbook = FIXTURES / "indicators_long_vi.csv", FIXTURES / "governance_2016_2017.xlsx"
    try:
        s.check("version", lambda: None if s.ok("windows", "--version").startswith(b"dtikit ") else "no version")
        s.check("rank csv redirected, as on Linux", lambda: s.same("rank", "--year", "2022", "--format", "csv"))
        s.check(
            "rank json, as on Linux",
            lambda: s.same("gap", "--province", "kon tum", "--target", "35", "--format", "json"),
        )
        s.check(
            "a Vietnamese error on stderr",
            lambda: _usage_error(s.run("windows", "--lang", "vi", "gap", "--province", "Kom Tom", "--target", "35")),
        )
        s.check(
            "a Vietnamese table",
            lambda: (s.ok("windows", "--lang", "vi", "rank", "--year", "2022", "--format", "table"), None)[1],
        )
        s.check("validate", lambda: (s.ok("windows", "validate", str(small)), None)[1])
        s.check(
            "ingest csv into a new store",
            lambda: (s.ok("windows", "ingest", str(small), "--data", str(win_store)), None)[1],
        )
        s.check(
            "a second ingest (xlsx, every sheet)",
            lambda: (
                s.ok(
                    "windows", "ingest", str(workbook), "--sheet", "all", "--new-indicators", "--data", str(win_store)
                ),
                None,
            )[1],
        )
        s.check(
            "store log",
            lambda: _log_has(s.ok("windows", "store", "log", "--data", str(win_store), "--format", "csv"), 2),
        )
        s.check("store check", lambda: (s.ok("windows", "store", "check", "--data", str(win_store)), None)[1])
        s.check("a Windows store read on Linux", lambda: s.same("sources", "--data", str(win_store), "--format", "csv"))
        s.check("store undo", lambda: (s.ok("windows", "store", "undo", "--data", str(win_store)), None)[1])
        s.check(
            "store log after undo",
            lambda: _log_has(s.ok("linux", "store", "log", "--data", str(win_store), "--format", "csv"), 1),
        )
        s.ok("linux", "ingest", str(small), "--data", str(linux_store))
        s.check(
            "a Linux store read on Windows", lambda: s.same("sources", "--data", str(linux_store), "--format", "csv")
        )
        s.check(
            "a Linux store written on Windows",
            lambda: (
                s.ok(
                    "windows", "ingest", str(workbook), "--sheet", "all", "--new-indicators", "--data", str(linux_store)
                ),
                None,
            )[1],
        )
        s.check("then checked on Linux", lambda: (s.ok("linux", "store", "check", "--data", str(linux_store)), None)[1])
        s.check("and read alike", lambda: s.same("sources", "--data", str(linux_store), "--format", "csv"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(s.env["XDG_DATA_HOME"], ignore_errors=True)
    print(f"{len(s.failed)} failed" if s.failed else "all passed")
    return 1 if s.failed else 0


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
