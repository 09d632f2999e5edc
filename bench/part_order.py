"""What a part written in order of indicator would save ``rank --indicator``, and what writing it costs.

Goal 1 (bench/RESULTS.md) asks ``rank --indicator`` on the 10M-row store for at most 1.15 x the
cold-start floor. Most of what it pays beyond the floor is one scan (``where_time_goes.py``): a part
keeps the rows in the order of the file (by province, in the benchmark's file), so the rows of one
indicator are spread over every row group and the whole indicator column, and every other column's
pages, are decompressed to find them. A part whose rows are grouped by indicator, with min/max
statistics in each row group, lets Polars skip all but a few row groups. This prints both sides of
that trade, in one run, each in fresh processes, interleaved:

- the ingest of the file as it is today (``dtikit ingest``, a new store each run);
- two ways to write the part again in order of indicator: a streaming sort on (indicator, year), and
  a concatenation of ``--ranges`` scans, each of one range of indicators (bounded memory, no sort);
- the first scan of one indicator in a fresh process (the filter and columns a ``rank`` reads) on
  the part as written and on the part in order of indicator.

    python bench/part_order.py --keep DIR [--runs 5] [--ranges 16]
        (DIR: a folder ``store_queries.py --keep DIR`` made: its long.csv and store)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import compile_dtikit, load, measure, table

BIN = Path(sys.executable).parent
# the columns and filter of a part's scan in ``rank --indicator`` (``Store._with_parts``)
COLUMNS = ["province", "year", "indicator", "period", "value", "value_text", "unit"]

SCAN = """
import hashlib, json, sys, time, polars as pl
pl.DataFrame({"a": [1]}).lazy().collect()  # the thread pool started, as in a command before its scan
began = time.perf_counter()
rows = pl.scan_parquet(sys.argv[1]).filter(pl.col("indicator") == sys.argv[2]).select(json.loads(sys.argv[3])).collect()
ms = (time.perf_counter() - began) * 1000
print(ms, rows.height, hashlib.sha256(rows.sort(["province", "year"]).write_csv().encode()).hexdigest())
"""

SORT = """
import sys, polars as pl
pl.scan_parquet(sys.argv[1]).sort("indicator", "year", maintain_order=True).sink_parquet(
    sys.argv[2], statistics=True, compression="lz4", row_group_size=1 << 18)
"""

RANGES = """
import sys, polars as pl
scan = pl.scan_parquet(sys.argv[1])
names = scan.select(pl.col("indicator").unique()).collect()["indicator"].sort().to_list()
step = -(-len(names) // int(sys.argv[3]))
ranges = [scan.filter(pl.col("indicator").is_in(names[i : i + step])) for i in range(0, len(names), step)]
pl.concat(ranges).sink_parquet(sys.argv[2], statistics=True, compression="lz4", row_group_size=1 << 18)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", required=True, help="a folder store_queries.py --keep made")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ranges", type=int, default=16)
    args = parser.parse_args()
    keep = Path(args.keep)
    csv, parts = keep / "long.csv", sorted((keep / "store").glob("gen-*/part-*.parquet"))
    if not csv.exists() or len(parts) != 1:
        raise SystemExit(f"{keep}: no long.csv, or not one part in its store (make it with store_queries.py --keep)")
    part = parts[0]
    print(load())
    compile_dtikit()
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-order-", dir=keep))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "home")}
    env.pop("DTIKIT_DATA", None)
    ordered = work / "ordered.parquet"
    rows = int(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, polars as pl; print(pl.scan_parquet(sys.argv[1]).select(pl.len()).collect().item())",
                str(part),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    indicator = f"ind_{min(5000, -(-rows // (63 * 16)) // 2):05d}"  # store_queries.py's indicator
    writes = {
        "dtikit ingest (the part in the file's order)": lambda: [
            str(BIN / "dtikit"),
            "ingest",
            str(csv),
            "--data",
            str(work / "store"),
        ],
        "the part again: streaming sort by indicator": lambda: [sys.executable, "-c", SORT, str(part), str(ordered)],
        f"the part again: {args.ranges} ranges of indicators": lambda: [
            sys.executable,
            "-c",
            RANGES,
            str(part),
            str(ordered),
            str(args.ranges),
        ],
    }
    found: dict[str, list[tuple[float, int, float]]] = {name: [] for name in writes}
    scans: dict[str, list[float]] = {"part as written": [], "part in order of indicator": []}
    same: dict[tuple[str, str], list[str]] = {}  # (rows, digest of the rows) -> the scans that found them
    try:
        for _ in range(args.runs):
            for name, command in writes.items():
                shutil.rmtree(work / "store", ignore_errors=True)
                found[name].append(measure(command(), env))
            for name, file in (("part as written", part), ("part in order of indicator", ordered)):
                out = subprocess.run(
                    [sys.executable, "-c", SCAN, str(file), indicator, json.dumps(COLUMNS)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                ms, height, total = out.stdout.split()
                same.setdefault((height, total), []).append(name)
                scans[name].append(float(ms))
        if len(same) != 1:  # the two parts must give the same rows
            raise SystemExit(f"the scans of {indicator} disagree (rows, digest of the rows): {same}")
        print(f"{rows:,} rows, median of {args.runs} interleaved runs:")
        time_of, _, _ = table(found, "write")
        ingest = time_of["dtikit ingest (the part in the file's order)"]
        for name in list(writes)[1:]:
            print(f"{name}: {time_of[name] / ingest:.2f} x the ingest's time, on top of it")
        print("| first scan of one indicator in a fresh process | median |\n|---|---|")
        for name, times in scans.items():
            print(f"| {name} | {statistics.median(times):.1f} ms |")
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
