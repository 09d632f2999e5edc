"""Load and faults together: 10 ingests of different files into one store at once, queries in a loop,
a few ingests SIGKILLed at random points; afterwards every value of each ingest that exited 0 is held,
none of a killed one is half-present, every query saw one consistent version, and the store checks."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store
from tests.conftest import BIN

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROWS_PER_FILE = 63 * 16 * 4  # 4 new indicators per file

QUERY = """
import json, sys, time
import polars as pl
from dtikit.storage import Store
from dtikit.errors import DtiError
root, names, until = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3])
while time.time() < until:
    try:
        store = Store(root)
        held = store.values(indicators=names).group_by("indicator").len()
        logged = store.ingests()["file"].to_list()
        print(json.dumps({"held": dict(held.iter_rows()), "logged": logged}), flush=True)
    except DtiError as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
"""


def _file(path: Path, n: int, provinces: list[str]) -> list[str]:
    names = [f"tai_{n}_{k}" for k in range(4)]
    lines = ["Tỉnh,Năm,Chỉ tiêu,Giá trị"]
    lines += [
        f"{p},{y},{i},{(n * 7 + y + k) % 97}.5"
        for k, i in enumerate(names)
        for p in provinces
        for y in range(2009, 2025)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


@pytest.mark.load
def test_concurrent_ingests_queries_and_kills(tmp_path, store):
    provinces = store.provinces().filter(pl.col("geography") == 63)["province"].to_list()
    root = tmp_path / "store"
    seed = subprocess.run([str(BIN / "dtikit"), "ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)])
    assert seed.returncode == 0
    files = {}
    for n in range(10):
        files[n] = (tmp_path / f"t{n}.csv", _file(tmp_path / f"t{n}.csv", n, provinces))
    every = [name for _, names in files.values() for name in names]
    until = time.time() + 20
    query = subprocess.Popen(
        [sys.executable, "-c", QUERY, str(root), ",".join(every), str(until)], stdout=subprocess.PIPE, text=True
    )
    random.seed(11)
    env = {"DTIKIT_STREAM_BYTES": "0"}  # half of them as one-pass parts, half by the general checks
    processes = {}
    for n, (path, _) in files.items():
        extra = env if n % 2 else {}
        command = [str(BIN / "dtikit"), "ingest", str(path), "--data", str(root), "--new-indicators"]
        processes[n] = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**__import__("os").environ, **extra}
        )
    doomed = random.sample(sorted(processes), 3)
    for n in doomed:
        time.sleep(random.uniform(0.1, 1.5))
        processes[n].send_signal(signal.SIGKILL)
    codes = {n: p.wait(timeout=120) for n, p in processes.items()}
    answers = [json.loads(line) for line in query.communicate(timeout=60)[0].splitlines()]
    assert answers, "no query answered"
    for answer in answers:
        assert "error" not in answer, answer
        for n, (path, names) in files.items():
            counts = [answer["held"].get(name, 0) for name in names]
            assert set(counts) <= {0, ROWS_PER_FILE // 4}, (n, counts)  # never half an ingest
            assert len(set(counts)) == 1, (n, counts)
            assert (counts[0] > 0) == (str(path) in answer["logged"]), (n, answer["logged"])  # one version
    final = Store(root)
    held = final.values(indicators=every).group_by("indicator").len()
    held = dict(held.iter_rows())
    for n, (_path, names) in files.items():
        counts = {held.get(name, 0) for name in names}
        if codes[n] == 0:
            assert counts == {ROWS_PER_FILE // 4}, (n, processes[n].stderr.read())
        else:
            assert len(counts) == 1, n  # killed or refused: all or nothing
    assert sum(code == 0 for code in codes.values()) >= 5, codes
    check = subprocess.run([str(BIN / "dtikit"), "store", "check", "--all", "--data", str(root)], capture_output=True)
    assert check.returncode == 0, check.stderr
