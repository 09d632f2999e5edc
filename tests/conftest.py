"""Shared fixtures: the bundled store, and running the CLI in-process or as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# the user's own store lives in the platform's data folder: tests get an empty one of their own
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="dtikit-test-home-")
os.environ.pop("DTIKIT_DATA", None)
# a table fits COLUMNS when it is set (pytest-xdist's workers set it to 80): tests that want a width say it
os.environ.pop("COLUMNS", None)

from dtikit.cli import main
from dtikit.storage import Store

HOME = os.environ["XDG_DATA_HOME"]
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def pytest_sessionfinish(session, exitstatus):
    """The tests' own data folder goes with the session: nothing is left in the temporary folder."""
    shutil.rmtree(HOME, ignore_errors=True)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def store() -> Store:
    return Store()


@pytest.fixture
def cli(capsys):
    """Run ``dtikit ARGS`` in this process; return exit code, stdout and stderr."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell command line with the venv's ``dtikit`` first on PATH."""
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
