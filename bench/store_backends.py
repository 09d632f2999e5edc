"""The store of Parquet files and generations against the Delta Lake backend, on the same files.

For each backend (``DTIKIT_BACKEND=files``, the default, and ``DTIKIT_BACKEND=delta``), in fresh
processes: ingest the long CSV of ``store_queries.py`` into a new store; ``dtikit rank --year 2022
--indicator ind_N`` on it (cold start: a fresh process each run; median of ``--runs``); a small
ingest giving one held value again (``--replace``: on the files backend it moves that key out of the
big part); an undo of it; two small ingests started at the same moment (both must land: their values
are read back); the store's size on disk. Then the install size of the ``delta`` extra.

    python bench/store_backends.py [--rows 1000000] [--runs 5] [--dir /tmp]

Needs ``deltalake`` (``pip install -e '.[delta]'``). Results and their reading: docs/storage.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import compile_dtikit, measure

BIN = Path(sys.executable).parent
DTIKIT = str(BIN / "dtikit")
UNDO = {
    "files": [DTIKIT, "store", "undo", "--data"],
    "delta": [
        sys.executable,
        "-c",
        "import sys, pathlib; from dtikit.storage import delta; delta.undo(pathlib.Path(sys.argv[1]))",
    ],
}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _unique_size(path: Path) -> int:
    """Bytes on disk once per file (versions of the files store share files by hard links)."""
    seen, total = set(), 0
    for p in path.rglob("*"):
        if p.is_file():
            stat = p.stat()
            if (stat.st_dev, stat.st_ino) not in seen:
                seen.add((stat.st_dev, stat.st_ino))
                total += stat.st_size
    return total


def _small(path: Path, indicator: str, value: str, province: str = "Kon Tum") -> Path:
    path.write_text(f"Tỉnh;Năm;Chỉ tiêu;Giá trị\n{province};2022;{indicator};{value}\n", encoding="utf-8")
    return path


def _both(commands: list[list[str]], env: dict[str, str]) -> tuple[float, list[int]]:
    """Wall seconds until every command (started together) ended, and their exit codes."""
    start = time.perf_counter()
    running = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) for c in commands]
    codes = [p.wait() for p in running]
    for p in running:
        if p.returncode:
            print(p.stderr.read().decode(), file=sys.stderr)
    return time.perf_counter() - start, codes


def _read_back(store: Path, indicator: str, env: dict[str, str]) -> str:
    command = [DTIKIT, "rank", "--year", "2022", "--indicator", indicator, "--data", str(store), "--format", "csv"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        return f"exit {done.returncode}: {done.stderr.strip()}"
    return next((line for line in done.stdout.splitlines() if ",Kon Tum," in line), "")


def _env(backend: str, work: Path) -> dict[str, str]:
    env = {**os.environ, "DTIKIT_BACKEND": backend, "XDG_DATA_HOME": str(work / "home")}
    env.pop("DTIKIT_DATA", None)
    return env


def _rank(backend: str, work: Path, indicator: str) -> list[str]:
    store = str(work / f"store-{backend}")
    return [DTIKIT, "rank", "--year", "2022", "--indicator", indicator, "--data", store, "--format", "csv"]


def ranks(work: Path, indicator: str, runs: int) -> dict[str, list]:
    """``rank --indicator`` on each backend's store, fresh processes, the backends interleaved."""
    found: dict[str, list] = {"files": [], "delta": []}
    for backend in found:
        measure(_rank(backend, work, indicator), _env(backend, work))  # the file cache warm, as for every run after
    for _ in range(runs):
        for backend in found:
            found[backend].append(measure(_rank(backend, work, indicator), _env(backend, work)))
    return found


def run_backend(backend: str, csv: Path, work: Path, indicator: str) -> dict[str, object]:
    env = _env(backend, work)
    store = work / f"store-{backend}"
    found: dict[str, object] = {}
    found["ingest"] = measure([DTIKIT, "ingest", str(csv), "--data", str(store), "--new-indicators"], env)
    held = _small(work / f"held-{backend}.csv", indicator, "999,5")
    found["replace"] = measure([DTIKIT, "ingest", str(held), "--data", str(store), "--replace"], env)
    found["after replace"] = _read_back(store, indicator, env)
    found["disk after replace"] = _unique_size(store)
    found["undo"] = measure([*UNDO[backend], str(store)], env)
    found["after undo"] = _read_back(store, indicator, env)
    both = [
        [DTIKIT, "ingest", str(_small(work / f"c{k}-{backend}.csv", f"moi_{k}", f"{k + 1},25")), "--data", str(store)]
        for k in (1, 2)
    ]
    for command in both:
        command.append("--new-indicators")
    found["concurrent"] = _both(both, env)
    found["concurrent read back"] = [_read_back(store, f"moi_{k}", env) for k in (1, 2)]
    found["disk"] = _unique_size(store)
    print(backend, {k: v for k, v in found.items()}, file=sys.stderr, flush=True)  # kept if a later step fails
    return found


def install_size() -> dict[str, int]:
    """Bytes installed by the delta extra: deltalake and what it brings (arro3-core, deprecated, wrapt)."""
    sizes = {}
    for name in ("deltalake", "arro3", "deprecated", "wrapt"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            sizes[name] = _size(Path(next(iter(spec.submodule_search_locations))))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-backends-", dir=args.dir))
    try:
        csv = work / "long.csv"
        maker = Path(__file__).with_name("store_queries.py")
        subprocess.run([sys.executable, str(maker), "--make", str(csv), str(args.rows), "province"], check=True)
        indicator = f"ind_{min(5000, -(-args.rows // (63 * 16)) // 2):05d}"
        compile_dtikit()
        results = {b: run_backend(b, csv, work, indicator) for b in ("files", "delta")}
        for backend, runs in ranks(work, indicator, args.runs).items():
            results[backend]["rank"] = runs
        print(f"{args.rows:,} rows ({csv.stat().st_size / 1e6:,.0f} MB of CSV); rank: median of {args.runs} fresh runs")
        print("| step | files (today) | delta |\n|---|---|---|")
        for step in ("ingest", "replace", "undo"):
            cells = [
                f"{r[step][0]:.2f} s ({r[step][2]:.1f} s CPU), {r[step][1] / 1e6:,.0f} MB" for r in results.values()
            ]
            print(f"| {step} | {' | '.join(cells)} |")
        cells = [
            f"{statistics.median(t for t, _, _ in r['rank']):.2f} s "
            f"({statistics.median(c for _, _, c in r['rank']):.1f} s CPU), "
            f"{max(m for _, m, _ in r['rank']) / 1e6:,.0f} MB"
            for r in results.values()
        ]
        print(f"| rank --indicator (cold) | {' | '.join(cells)} |")
        cells = [f"{r['concurrent'][0]:.2f} s, exit {r['concurrent'][1]}" for r in results.values()]
        print(f"| two ingests at once | {' | '.join(cells)} |")
        cells = [f"{r['disk after replace'] / 1e6:,.1f} MB; {r['disk'] / 1e6:,.1f} MB" for r in results.values()]
        print(f"| store on disk (after the replace; at the end) | {' | '.join(cells)} |")
        for backend, r in results.items():
            print(f"{backend}: after replace {r['after replace']!r}; after undo {r['after undo']!r}")
            print(f"{backend}: concurrent read back {r['concurrent read back']}")
        sizes = install_size()
        each = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items())
        print(f"delta extra installed: {sum(sizes.values()) / 1e6:,.1f} MB ({each})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
