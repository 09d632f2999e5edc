"""A small ingest into a store holding a large part, against the same ingest into a store without it.

A long CSV (as ``store_queries.py`` makes it, 10M rows by default) is ingested once into a store,
whose large file becomes a *part*. Then, fresh processes interleaved ``--runs`` times, each into its
own copy of that store (hard links: an ingest never changes a file of an earlier version):

- ``add``: one value of a new indicator;
- ``replace``: one value the part holds, given again with another value and ``--replace``;

and the same two ingests into a store that holds only that one value (the baseline: what the
ingest itself costs). The replace masks the key in the part (``masks.parquet``): the part's file
is linked unchanged. Beside them, the *rewrite floor*: a bare Polars script that writes the part
anew without the replaced key (scan, filter, sink with the part's settings; no check, no store),
less its start-up (``python -c "import polars"``), both timed in the same runs: what a replace
would cost at least if it wrote the part anew (as it still does when the masks would pass a tenth
of the part's rows), and what it cost before 2026-12-08. Printed: median wall time and peak memory
of each, and the ratio of the large store's to the baseline's. Before 2026-11-30 every such ingest
rewrote the part's rows into the main tables (one value added to a 10M-row store: 41 s and 9.2 GB).

Then a pipeline run again (``--again-rows``, 1M by default; 0 skips it): a long CSV is ingested
into a store, and the same rows in another order (other bytes, every key and value held) are
ingested again, interleaved with the first ingest of that file into an empty store (what the
re-ingest is measured against: goal at most 2x its time and memory).

    python bench/store_updates.py [--rows 10000000] [--runs 7] [--again-rows 1000000] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import compile_dtikit, load, measure, table

BIN = Path(sys.executable).parent
HEADER = "Tỉnh;Năm;Chỉ tiêu;Giá trị\n"

# the least a replace of one key would do if it wrote the part anew without it (the route for many keys)
REWRITE = """
import sys, polars as pl
part, out, province, year, indicator = sys.argv[1:6]
key = (pl.col("province") == province) & (pl.col("year") == int(year)) & (pl.col("indicator") == indicator)
rows = pl.scan_parquet(part).filter(~key)
rows.sink_parquet(out, statistics=False, compression="lz4", row_group_size=1 << 18)  # a part's settings
"""


def _copy(store: Path, target: Path) -> Path:
    shutil.copytree(store, target, copy_function=os.link)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--again-rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-updates-", dir=args.dir))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "home")}
    env.pop("DTIKIT_DATA", None)
    dtikit = str(BIN / "dtikit")
    try:
        csv = work / "long.csv"
        make = Path(__file__).with_name("store_queries.py")
        subprocess.run([sys.executable, str(make), "--make", str(csv), str(args.rows), "province"], check=True)
        big = work / "big"
        setup = {**env, "DTIKIT_STREAM_BYTES": "0"}  # a part at any size (one-pass route)
        ingest = [dtikit, "ingest", str(csv), "--data", str(big)]
        subprocess.run(ingest, check=True, stderr=subprocess.DEVNULL, env=setup)
        if not list(big.glob("gen-*/part-*.parquet")):
            raise SystemExit(f"the ingest of {csv} wrote no part")
        with open(csv, encoding="utf-8") as lines:  # the first value of the part (this process stays
            next(lines)  # small: a child's peak memory counts from its parent's size at the fork)
            held = next(lines).rstrip("\n")
        province, year, indicator, _ = held.split(";")
        files = {
            "held": f"{HEADER}{held}\n",
            "add": f"{HEADER}{province};{year};chi_tieu_moi;7,5\n",
            "replace": f"{HEADER}{province};{year};{indicator};123,5\n",
        }
        for name, text in files.items():
            (work / f"{name}.csv").write_text(text, encoding="utf-8")
        small = work / "small"  # only the value the replace changes
        ingest = [dtikit, "ingest", str(work / "held.csv"), "--data", str(small)]
        subprocess.run(ingest, check=True, stderr=subprocess.DEVNULL, env=env)
        compile_dtikit()
        found: dict[str, list[tuple[float, int, float]]] = {}
        (part,) = big.glob("gen-*/part-*.parquet")
        rewrite = [sys.executable, "-c", REWRITE, str(part), str(work / "rewritten.parquet"), province, year, indicator]
        for run in range(args.runs):
            found.setdefault("rewrite floor", []).append(measure(rewrite, env))
            found.setdefault("import polars", []).append(measure([sys.executable, "-c", "import polars"], env))
            for action in ("add", "replace"):
                extra = ["--replace"] if action == "replace" else []
                for kind, store in (("large store", big), ("baseline", small)):
                    copy = _copy(store, work / f"{kind[0]}-{action}-{run}")
                    command = [dtikit, "ingest", str(work / f"{action}.csv"), "--data", str(copy), *extra]
                    found.setdefault(f"{action}, {kind}", []).append(measure(command, env))
                    if run == 0 and (action, kind) == ("replace", "large store"):
                        _masked_one(copy)
                    shutil.rmtree(copy)
        print(f"one value into a store holding a {args.rows:,}-row part, median of {args.runs} interleaved runs:")
        time_of, _, peak_of = table(found, "ingest")
        for action in ("add", "replace"):
            large, base = f"{action}, large store", f"{action}, baseline"
            print(
                f"{action}: time {time_of[large] / time_of[base]:.2f} x the baseline, "
                f"memory {peak_of[large] / peak_of[base]:.2f} x (goal <= 2)"
            )
        least = time_of["replace, baseline"] + time_of["rewrite floor"] - time_of["import polars"]
        print(
            f"replace: writing the part anew would take at least (baseline + the rewrite floor less its "
            f"start-up) {least:.2f} s, {least / time_of['replace, baseline']:.2f} x the baseline; "
            f"the rewrite floor's peak alone {peak_of['rewrite floor'] / peak_of['replace, baseline']:.2f} x "
            "the baseline's"
        )
        if args.again_rows:
            _again(work, env, args.again_rows, args.runs)
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _masked_one(store: Path) -> None:
    """Stop unless the replace masked its key in the part, the route this benchmark times (counted in
    a child process: this one stays small, see ``measure``)."""
    current = store / (store / "CURRENT").read_text().strip()
    code = "import sys, polars as pl; print(pl.read_parquet(sys.argv[1]).height)"
    masks = subprocess.run([sys.executable, "-c", code, str(current / "masks.parquet")], capture_output=True, text=True)
    if masks.stdout.strip() != "1":
        raise SystemExit(f"the replace did not mask one key in {current}: {masks.stdout}{masks.stderr}")


def _again(work: Path, env: dict[str, str], rows: int, runs: int) -> None:
    """A file whose every value the store holds, ingested again, against its first ingest."""
    dtikit = str(BIN / "dtikit")
    first, again = work / "again-first.csv", work / "again.csv"
    make = Path(__file__).with_name("store_queries.py")
    subprocess.run([sys.executable, str(make), "--make", str(first), str(rows), "province"], check=True)
    with open(first, encoding="utf-8") as source, open(again, "w", encoding="utf-8") as target:
        target.write(next(source))
        target.writelines(reversed(source.readlines()))  # the same rows, last first
    held = work / "held"
    subprocess.run([dtikit, "ingest", str(first), "--data", str(held)], check=True, stderr=subprocess.DEVNULL, env=env)
    found: dict[str, list[tuple[float, int, float]]] = {"first ingest": [], "again": []}
    for run in range(runs):
        for name in found:
            store = work / f"again-{run}" if name == "first ingest" else _copy(held, work / f"held-{run}")
            command = [dtikit, "ingest", str(again), "--data", str(store)]
            found[name].append(measure(command, env))
            shutil.rmtree(store)
    print(f"a {rows:,}-row file given again (every value held), median of {runs} interleaved runs:")
    time_of, _, peak_of = table(found, "ingest")
    print(
        f"again: time {time_of['again'] / time_of['first ingest']:.2f} x the first ingest, "
        f"memory {peak_of['again'] / peak_of['first ingest']:.2f} x (goal <= 2)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
