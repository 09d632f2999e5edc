"""The wheel alone runs every command: built from the checkout, unpacked outside it, and run with
the checkout out of reach (``python -S``: no site-packages, so not the editable install's path
either; the dependencies come from this venv's site-packages, named on PYTHONPATH after the wheel).

It also holds what a published package must: ``py.typed``, the bundled figures, both licence
texts, and no article text or other file of ``data/raw``."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# builds a wheel and runs every command from it: the slow tier (make test-all, CI)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if built.returncode != 0:  # the build backend comes from the package registry
        pytest.skip(f"no wheel could be built here: {built.stderr.strip().splitlines()[-1:]}")
    return next(out.glob("dtikit-*.whl"))


def test_the_wheel_holds_what_is_published_and_no_article(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "dtikit/py.typed" in names
    assert "dtikit/_data/values.parquet" in names and "dtikit/_data/tile_grid_63.csv" in names
    licences = [n for n in names if "/licenses/" in n]
    assert any(n.endswith("/LICENSE") for n in licences) and any(n.endswith("data/LICENSE.md") for n in licences)
    assert not [n for n in names if n.endswith(".txt") and "dist-info" not in n]
    assert not [n for n in names if "seeds" in n or "data/raw" in n]
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata


def _run(unpacked: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DTIKIT_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(unpacked), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]),
        XDG_DATA_HOME=str(cwd / "home"),
        DTIKIT_LANG="en",
    )
    return subprocess.run(
        [sys.executable, "-S", "-m", "dtikit", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_the_wheel_alone_runs_every_command(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run(unpacked, work, "store", "path")
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip() == str(unpacked / "dtikit" / "_data")  # the bundled figures of the wheel
    fixture = ROOT / "tests" / "fixtures" / "indicators_long_vi.csv"
    store = work / "kho"
    runs = {
        "rank": ["rank", "--year", "2022", "--format", "csv"],
        "gap": ["gap", "-p", "kon tum", "-t", "35", "--year", "2022", "--format", "json"],
        "trend": ["trend", "--format", "csv"],
        "profile": ["profile", "-p", "Đắk Lắk", "--format", "csv"],
        "sources": ["sources", "-p", "Kon Tum", "--format", "csv"],
        "ingest": ["ingest", str(fixture), "--data", str(store)],
        "store log": ["store", "log", "--data", str(store), "--format", "csv"],
        "map": ["map", "--year", "2022", "-o", str(work / "map.svg")],
        "report": ["report", "-p", "Kon Tum", "-o", str(work / "report.html")],
    }
    done = {name: _run(unpacked, work, *args) for name, args in runs.items()}
    for name, result in done.items():
        assert result.returncode == 0, (name, result.stderr[-400:])
    assert done["rank"].stdout.splitlines()[1].startswith("2022,1,Đà Nẵng,0.8002,")
    assert '"places_to_target": 10' in done["gap"].stdout
    assert "Báo Kon Tum" in done["sources"].stdout
    assert len(done["store log"].stdout.splitlines()) == 2
    assert "Kon Tum" in (work / "report.html").read_text(encoding="utf-8")
