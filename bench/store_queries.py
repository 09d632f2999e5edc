"""Queries on a 10-million-row store against what a user would write instead, in one run.

A long CSV (63 provinces x 16 years x 9,921 indicators, decimal comma) is ingested into a new
store; the same CSV is copied to one Parquet file as ``scan_csv -> sink_parquet`` writes it.
Each query runs as a fresh process, interleaved with the others, ``--runs`` times:

- ``dtikit rank --year 2022 --indicator ind_05000`` on the store;
- the same ranking hand-written in Polars over the Parquet copy (scan, filter, parse, rank);
- the same in DuckDB SQL over the Parquet copy;
- ``dtikit rank --year 2022`` (the DTI) on the 10M store and on the bundled store;
- the floor of ``cold_start.py`` (a minimal Typer app importing Polars and Rich, no query): what
  the stack costs before any work, to tell it from the query's own cost; and the same app freezing
  what is left before it exits, as dtikit's command line does (``dtikit.cli.run``), which skips the
  exit's collections (50-100 ms) the floor still pays: the queries against it are dtikit's own work.

Printed: median wall time and peak resident memory (``wait4``) of each, and the ratios the
goals in bench/RESULTS.md name. The script never imports Polars itself (a child's peak includes its
parent's size at the fork).

    python bench/store_queries.py [--rows 10000000] [--runs 7] [--dir /tmp] [--order province|indicator]
        [--keep DIR]  (the file, its Parquet copy and the store kept in DIR, and reused by a later run)
        [--beside DIR]  (the --keep DIR of another size: rank, gap and trend on its store too, interleaved)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FLOOR, FROZEN_FLOOR, compile_dtikit, load, measure

BIN = Path(sys.executable).parent

POLARS = """
import sys, polars as pl
rows = (
    pl.scan_parquet(sys.argv[1])
    .filter((pl.col("Chỉ tiêu") == "{indicator}") & (pl.col("Năm") == 2022))
    .select(province="Tỉnh", score=pl.col("Giá trị").str.replace(",", ".", literal=True).cast(pl.Float64))
    .with_columns(rank=pl.col("score").rank("min", descending=True).cast(pl.Int32))
    .sort("rank", "province")
    .collect()
)
rows.write_csv(sys.stdout)
"""

DUCKDB = """
import sys, duckdb
duckdb.sql('''
    SELECT "Tỉnh" AS province, CAST(replace("Giá trị", ',', '.') AS DOUBLE) AS score,
           rank() OVER (ORDER BY CAST(replace("Giá trị", ',', '.') AS DOUBLE) DESC) AS rank
    FROM read_parquet('%s') WHERE "Chỉ tiêu" = '{indicator}' AND "Năm" = 2022 ORDER BY rank, province
''' % sys.argv[1]).write_csv('/dev/stdout')
"""


def make_file(path: Path, rows: int, order: str) -> None:
    """The long table of the benchmarks: 63 provinces x 16 years x as many indicators as ``rows`` needs."""
    import polars as pl

    from dtikit.storage import Store

    provinces = Store().provinces().filter(pl.col("geography") == 63)["province"]
    years = list(range(2009, 2025))
    indicators = -(-rows // (len(provinces) * len(years)))
    grid = (
        pl.DataFrame({"Tỉnh": provinces})
        .join(pl.DataFrame({"Năm": years}), how="cross")
        .join(pl.DataFrame({"k": range(indicators)}), how="cross")
    )
    if order == "indicator":
        grid = grid.sort("k", maintain_order=True)
    grid = grid.head(rows).with_columns(
        pl.format("ind_{}", pl.col("k").cast(pl.String).str.zfill(5)).alias("Chỉ tiêu"),
        pl.format("{},{}", (pl.col("k") * 7 + pl.col("Năm")) % 1000, pl.col("Năm") % 100).alias("Giá trị"),
    )
    grid.drop("k").write_csv(path, separator=";")
    pl.scan_csv(path, separator=";").sink_parquet(path.with_suffix(".parquet"))


def main() -> int:
    if sys.argv[1:2] == ["--make"]:
        make_file(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    parser.add_argument("--order", choices=["province", "indicator"], default="province")
    parser.add_argument("--keep", help="a folder to keep the file, its copy and the store in (and reuse them)")
    parser.add_argument("--beside", help="the --keep folder of another size: its store's queries run interleaved")
    args = parser.parse_args()
    print(load())
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="dtikit-bench-store-", dir=args.dir))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_DATA_HOME": str(work / "home")}  # the bundled store: no user store
    env.pop("DTIKIT_DATA", None)
    try:
        csv = work / "long.csv"
        if not csv.with_suffix(".parquet").exists():
            subprocess.run([sys.executable, __file__, "--make", str(csv), str(args.rows), args.order], check=True)
        store = work / "store"
        if not (store / "CURRENT").exists():
            ingest = [str(BIN / "dtikit"), "ingest", str(csv), "--data", str(store)]
            subprocess.run(ingest, check=True, stderr=subprocess.DEVNULL, env=env)
        copy = str(csv.with_suffix(".parquet"))
        indicator = f"ind_{min(5000, -(-args.rows // (63 * 16)) // 2):05d}"  # ind_05000 at 10M rows
        dtikit = [str(BIN / "dtikit"), "rank", "--year", "2022", "--format", "csv"]
        commands = {
            "dtikit rank --indicator": [*dtikit, "--indicator", indicator, "--data", str(store)],
            "Polars, hand-written": [sys.executable, "-c", POLARS.format(indicator=indicator), copy],
            "DuckDB SQL": [sys.executable, "-c", DUCKDB.format(indicator=indicator), copy],
            "dtikit rank (DTI), large store": [*dtikit, "--data", str(store)],
            "dtikit rank (DTI), bundled": dtikit,
            "dtikit gap --indicator --target-value": [
                *[str(BIN / "dtikit"), "gap", "--province", "Kon Tum", "--indicator", indicator],
                *["--target-value", "500", "--format", "csv", "--data", str(store)],
            ],
            "dtikit trend --indicator": [
                *[str(BIN / "dtikit"), "trend", "--indicator", indicator, "--format", "csv", "--data", str(store)]
            ],
            "Typer floor (no query)": FLOOR,
            "Typer floor, frozen at exit": FROZEN_FLOOR,
        }
        mine_three = ["dtikit rank --indicator", "dtikit gap --indicator --target-value", "dtikit trend --indicator"]
        if args.beside:  # the same three queries on the other store (goal: time and memory within 1.3)
            other = str(Path(args.beside) / "store")
            commands |= {f"{n}, --beside store": [*commands[n][:-1], other] for n in mine_three}
        compile_dtikit()
        for command in commands.values():  # warm the file cache and .pyc files
            measure(command, env)
        runs: dict[str, list[tuple[float, int, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                runs[name].append(measure(command, env))
        time_of = {n: statistics.median(t for t, _, _ in r) for n, r in runs.items()}
        peak_of = {n: max(m for _, m, _ in r) for n, r in runs.items()}
        cpu_of = {n: statistics.median(c for _, _, c in r) for n, r in runs.items()}
        print(f"{args.rows:,} rows ordered by {args.order}, median of {args.runs} interleaved runs:")
        print("| query | median | CPU (user + sys) | peak memory |\n|---|---|---|---|")
        for name in commands:
            print(f"| {name} | {time_of[name]:.2f} s | {cpu_of[name]:.2f} s | {peak_of[name] / 1e6:,.0f} MB |")
        mine = "dtikit rank --indicator"
        print(f"time vs Polars {time_of[mine] / time_of['Polars, hand-written']:.2f} (goal <= 1.5)")
        floor = time_of["Typer floor (no query)"]
        print(
            f"  of which the stack: the Typer floor alone is {floor / time_of['Polars, hand-written']:.2f} x the "
            f"Polars query; dtikit rank --indicator is {time_of[mine] / floor:.2f} x the floor"
        )
        print(f"time vs DuckDB {time_of[mine] / time_of['DuckDB SQL']:.2f} (goal <= 2.0)")
        print(f"memory vs DuckDB {peak_of[mine] / peak_of['DuckDB SQL']:.2f} (goal <= 2.0)")
        dti = time_of["dtikit rank (DTI), large store"] / time_of["dtikit rank (DTI), bundled"]
        print(f"DTI rank, large store vs bundled {dti:.2f} (goal <= 1.1)")
        goals = {mine: 1.15, "dtikit gap --indicator --target-value": 1.3, "dtikit trend --indicator": 1.3}
        frozen = time_of["Typer floor, frozen at exit"]
        for name, goal in goals.items():
            print(
                f"{name} vs the floor: time {time_of[name] / floor:.2f} (goal <= {goal}); "
                f"vs the floor frozen at exit, as dtikit exits: {time_of[name] / frozen:.2f}"
            )
        if args.beside:
            for name in mine_three:
                there = f"{name}, --beside store"
                print(
                    f"{name}: this store vs the --beside store: time {time_of[name] / time_of[there]:.2f}, "
                    f"memory {peak_of[name] / peak_of[there]:.2f} (goal <= 1.3 for 30M vs 10M)"
                )
        print(load())
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
