"""A small file into the default store against the cold-start floor, in one run.

A long CSV of ``--rows`` rows (3,000 by default; 63 provinces x 16 years x a few indicators, as
``store_queries.py`` makes it) is ingested into the default store (a new one each run: an empty
``XDG_DATA_HOME``, so that the ingest makes the user store from the bundled one), as a fresh
process, interleaved ``--runs`` times with the floor of ``cold_start.py`` (a minimal Typer app
importing Polars and Rich). Printed: the medians, the ratio (goal <= 1.3), peak memory, the load.

    python bench/small_ingest.py [--rows 3000] [--runs 9] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FLOOR, compile_dtikit, load, measure, table

BIN = Path(sys.executable).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-small-", dir=args.dir))
    try:
        csv = work / "small.csv"
        make = Path(__file__).with_name("store_queries.py")
        subprocess.run([sys.executable, str(make), "--make", str(csv), str(args.rows), "province"], check=True)
        compile_dtikit()

        def ingest(run: int) -> tuple[float, int, float]:
            env = {**os.environ, "XDG_DATA_HOME": str(work / f"home-{run}")}  # no store yet: the default one is made
            env.pop("DTIKIT_DATA", None)
            found = measure([str(BIN / "dtikit"), "ingest", str(csv)], env)
            shutil.rmtree(work / f"home-{run}")
            return found

        ingest(-1)  # warm the file cache and .pyc files
        measure(FLOOR)
        found: dict[str, list[tuple[float, int, float]]] = {"floor": [], "ingest": []}
        for run in range(args.runs):
            found["floor"].append(measure(FLOOR))
            found["ingest"].append(ingest(run))
        print(f"a {args.rows:,}-row CSV into the default store, median of {args.runs} interleaved runs:")
        time_of, cpu_of, _ = table(found, "run")
        print(
            f"ingest vs the floor: time {time_of['ingest'] / time_of['floor']:.2f} (goal <= 1.3), "
            f"CPU {cpu_of['ingest'] / cpu_of['floor']:.2f}"
        )
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
