"""A small file into the default store against the cold-start floor, in one run.

A long CSV of ``--rows`` rows (3,000 by default; 63 provinces x 16 years x a few indicators, as
``store_queries.py`` makes it) is ingested into the default store (a new one each run: an empty
``XDG_DATA_HOME``, so that the ingest makes the user store from the bundled one), as a fresh
process, interleaved ``--runs`` times with the floor of ``cold_start.py`` (a minimal Typer app
importing Polars and Rich). Printed: the medians, the ratio (goal <= 1.3), peak memory, the load.
``--beside SRC`` also runs the ingest of another copy of dtikit's sources (the ``src`` folder of
an earlier commit, with its ``data``: ``git archive COMMIT src data | tar -x -C DIR``), through
``PYTHONPATH``, interleaved with the others: a before and after measured in one run.

    python bench/small_ingest.py [--rows 3000] [--runs 9] [--dir /tmp] [--beside DIR/src]
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
    parser.add_argument("--beside", help="the src folder of another copy of dtikit, run as 'beside'")
    args = parser.parse_args()
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-small-", dir=args.dir))
    try:
        csv = work / "small.csv"
        make = Path(__file__).with_name("store_queries.py")
        subprocess.run([sys.executable, str(make), "--make", str(csv), str(args.rows), "province"], check=True)
        compile_dtikit()

        def ingest(run: int, source: str | None = None) -> tuple[float, int, float]:
            env = {**os.environ, "XDG_DATA_HOME": str(work / f"home-{run}")}  # no store yet: the default one is made
            env.pop("DTIKIT_DATA", None)
            if source is not None:
                env["PYTHONPATH"] = source
            found = measure([str(BIN / "dtikit"), "ingest", str(csv)], env)
            shutil.rmtree(work / f"home-{run}")
            return found

        ingest(-1)  # warm the file cache and .pyc files
        measure(FLOOR)
        found: dict[str, list[tuple[float, int, float]]] = {"floor": [], "ingest": []}
        if args.beside:
            compile_dtikit(args.beside)
            ingest(-1, args.beside)
            found["beside"] = []
        for run in range(args.runs):
            found["floor"].append(measure(FLOOR))
            found["ingest"].append(ingest(run))
            if args.beside:
                found["beside"].append(ingest(run, args.beside))
        print(f"a {args.rows:,}-row CSV into the default store, median of {args.runs} interleaved runs:")
        time_of, cpu_of, _ = table(found, "run")
        print(
            f"ingest vs the floor: time {time_of['ingest'] / time_of['floor']:.2f} (goal <= 1.3), "
            f"CPU {cpu_of['ingest'] / cpu_of['floor']:.2f}"
        )
        if args.beside:
            print(
                f"beside ({args.beside}) vs the floor: time {time_of['beside'] / time_of['floor']:.2f}, "
                f"CPU {cpu_of['beside'] / cpu_of['floor']:.2f}"
            )
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
