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
    out = _run("ingest_throughput.py", "--rows", "3000", "6000", "--runs", "1", "--dir", str(tmp_path))
    for rows in ("3,000", "6,000"):
        for order in ("province", "indicator"):
            assert f"{rows} rows (0 MB) ordered by {order}, median of 1:" in out
    assert out.count("dtikit vs part floor") == 4 and out.count("part floor vs baseline") == 4
    assert out.count("throughput ratio to the baseline") == 4 and out.count("before: load average") == 4
    assert out.count("part floor (no checks)") == 4
    assert out.count("checked floor (command, sha256, lines, keys)") == 4
    assert out.count("checked floor vs part floor") == 4 and out.count("could reach at most that") == 4
    assert out.count("each command as fixed + per row (a line through 3,000 and 6,000 rows):") == 2
    assert out.count("at 3,000 rows the goal allows dtikit") == 2


def test_ingest_throughput_splits_a_time_into_fixed_and_per_row_parts(capsys):
    """The line through two sizes, and what the goal at the smaller one leaves dtikit's fixed work."""
    sys.path.insert(0, str(BENCH))
    try:
        import ingest_throughput
    finally:
        sys.path.remove(str(BENCH))
    small = (1_000_000, {"part floor": 0.5, "checked floor": 0.6, "dtikit": 0.9})
    large = (10_000_000, {"part floor": 2.3, "checked floor": 2.4, "dtikit": 3.6})
    ingest_throughput._split("province", small, large)
    out = capsys.readouterr().out
    assert "part floor       0.30 s +  0.20 s per million rows" in out
    assert "dtikit           0.60 s +  0.30 s per million rows" in out
    # 0.5 / 0.75 = 0.67 allowed; 1M rows at 0.30 s per million leave 0.37 s for the fixed part
    assert "allows dtikit 0.67 s; its rows at its own rate take 0.30 s, leaving 0.37 s for its fixed work" in out


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
