"""Cold start: `dtikit rank --year 2022 --format csv` against importing its stack.

Both commands run as fresh processes, interleaved, in the same run; the ratio of their median
wall times is the figure to watch (goal: <= 1.2). Machines are noisy: compare ratios, not seconds.

    python bench/cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
BASELINE = [sys.executable, "-c", "import typer, rich.console, polars"]
TARGET = [str(BIN / "dtikit"), "rank", "--year", "2022", "--format", "csv"]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    for _ in range(3):  # warm the file cache and .pyc files
        wall(BASELINE)
        wall(TARGET)
    baseline, target = [], []
    for _ in range(args.runs):
        baseline.append(wall(BASELINE))
        target.append(wall(TARGET))
    b, t = statistics.median(baseline), statistics.median(target)
    print(f"baseline  {' '.join(BASELINE[1:])!s:<48} median {b * 1000:7.1f} ms")
    print(f"dtikit    {' '.join(TARGET[1:])!s:<48} median {t * 1000:7.1f} ms")
    print(f"ratio     {t / b:.2f}  (goal <= 1.2, {args.runs} interleaved runs each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
