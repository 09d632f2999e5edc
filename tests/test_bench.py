"""The benchmark scripts run, at the smallest size, and print the ratios bench/RESULTS.md quotes.

Their figures are not checked (a wall-clock limit in a unit test fails on a busy machine); this
only keeps the scripts that bench/RESULTS.md is measured with from breaking unseen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench  # make test-all, not make test

BENCH = Path(__file__).parent.parent / "bench"


def _run(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    found = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=600, check=False, env=env
    )
    assert found.returncode == 0, found.stderr
    return found.stdout


def test_ingest_throughput_prints_the_ratios_and_the_part_floor(tmp_path):
    out = _run("ingest_throughput.py", "--rows", "3000", "--runs", "1", "--dir", str(tmp_path))
    for order in ("province", "indicator"):
        assert f"3,000 rows (0 MB) ordered by {order}, median of 1:" in out
    assert out.count("dtikit vs part floor") == 2 and out.count("part floor vs baseline") == 2
    assert out.count("throughput ratio to the baseline") == 2 and out.count("before: load average") == 2
    assert out.count("part floor (no checks)") == 2
    assert out.count("checked floor (command, sha256, lines, keys)") == 2
    assert out.count("checked floor vs part floor") == 2 and out.count("could reach at most that") == 2


def test_part_order_prints_both_sides(tmp_path):
    """A store made by store_queries.py --keep, then both layouts of its part scanned and written."""
    streamed = {**os.environ, "DTIKIT_STREAM_BYTES": "100000"}  # the file of 5,000 rows becomes a part
    _run("store_queries.py", "--rows", "5000", "--runs", "1", "--keep", str(tmp_path), env=streamed)
    out = _run("part_order.py", "--keep", str(tmp_path), "--runs", "1", "--ranges", "3")
    assert "5,000 rows, median of 1 interleaved runs:" in out
    for line in ("| dtikit ingest (the part in the file's order) |", "| part as written |", "| part in order of"):
        assert line in out
    assert "3 ranges of indicators: " in out and "x the ingest's time" in out


@pytest.mark.parametrize(
    ("script", "args", "printed"),
    [
        ("store_queries.py", ["--rows", "5000", "--runs", "1"], ["vs DuckDB", "frozen at exit, as"]),
        (
            "cold_start.py",
            ["--runs", "1"],
            ["| gap |", "| the floor again |", "against the floor frozen at exit", "imports polars: False"],
        ),
        (
            "store_updates.py",
            ["--rows", "3000", "--runs", "1", "--again-rows", "3000"],
            [
                "| add, large store |",
                "replace: time",
                "writing the part anew would take at least",
                "| rewrite floor |",
                "again: time",
                "load average",
            ],
        ),
        ("small_ingest.py", ["--runs", "1"], ["| ingest |", "ingest vs the floor: time"]),
        ("ingest_phases.py", ["--runs", "1", "--rows", "300"], ["| reading and checks |", "| ingest |", "ratio"]),
        ("where_time_goes.py", ["--rows", "5000", "--runs", "1"], ["| imports of the floor |", "| scan |"]),
        ("store_growth.py", ["--ingests", "3"], ["3 ingests in", "manifests"]),
        ("instructions.py", ["--commands", "sources"], ["| floor |", "| sources |", "ratio to the floor"]),
    ],
)
def test_the_query_benchmarks_print_their_ratios(tmp_path, script, args, printed):
    if script == "instructions.py" and not (shutil.which("valgrind") and shutil.which("gcc")):
        pytest.skip("needs valgrind and gcc")
    if script in ("store_queries.py", "store_updates.py", "store_growth.py", "small_ingest.py", "where_time_goes.py"):
        args = [*args, "--dir", str(tmp_path)]
    out = _run(script, *args)
    for text in printed:
        assert text in out, out
