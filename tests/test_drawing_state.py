"""Drawing from a notebook leaves matplotlib as it was: the user's backend, every ``rcParams`` value,
no figure kept open in pyplot, and memory that does not grow call after call.

Run in a process of its own, as a notebook would: the backend is chosen before dtikit draws.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = r"""
import gc, json, sys
import matplotlib
matplotlib.use("pdf")  # the user's choice, e.g. an inline backend in a notebook
matplotlib.rcParams["font.size"] = 13.0
before = {key: repr(value) for key, value in matplotlib.rcParams.items()}

from dtikit.charts import chart_svg, draw
from dtikit.queries import rank_query
from dtikit.storage import Store
from dtikit.tilemap import model, png

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

store = Store()
result = rank_query(store, 2022, top=3)
folder = sys.argv[1]
draw(result, folder + "/chart.png")
png(model(rank_query(store, 2022), store), folder + "/map.png")
calls = int(sys.argv[2])
for i in range(30):
    chart_svg(result)
gc.collect()
start = rss_mb()
for i in range(calls):
    chart_svg(result)
gc.collect()
after = {key: repr(value) for key, value in matplotlib.rcParams.items()}
print(json.dumps({
    "backend": matplotlib.get_backend(),
    "changed": sorted(k for k in before if before[k] != after.get(k)),
    "pyplot": "matplotlib.pyplot" in sys.modules,
    "grew_mb": rss_mb() - start,
}))
"""


@pytest.mark.slow
def test_drawing_leaves_backend_rcparams_and_memory_alone(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), "300"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["backend"] == "pdf"
    assert seen["changed"] == []
    assert seen["pyplot"] is False  # no pyplot: no list of open figures holding them
    assert seen["grew_mb"] < 20, seen  # 300 charts drawn and dropped
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"
