"""Cold start: each query command against the honest floor of its stack, and --help without Polars.

The floor is a minimal Typer app in the same virtualenv with one int and one str option,
parsing ``--year 2022``, that imports ``polars`` and ``rich.console`` (what any Typer + Polars
+ Rich tool pays, Typer's Pydantic coercion included). Every command runs as a fresh process,
interleaved with the floor, on the bundled store; the ratio of medians is the figure to watch
(goal <= 1.1). ``--help`` must not import polars. Machines are noisy: compare ratios, not seconds.

    python bench/cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FLOOR, compile_dtikit, measure

BIN = Path(sys.executable).parent
DTIKIT = str(BIN / "dtikit")
COMMANDS = {
    "rank": ["rank", "--year", "2022"],
    "gap": ["gap", "--province", "Kon Tum", "--target", "30", "--year", "2022"],
    "profile": ["profile", "--province", "Kon Tum"],
    "compare": ["compare", "Kon Tum", "Gia Lai"],
    "trend": ["trend"],
    "targets": ["targets"],
    "sources": ["sources", "--province", "Kon Tum"],
}


def wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    elapsed, _, cpu = measure(command, env)
    return elapsed, cpu


def help_imports_polars(args: list[str]) -> bool:
    code = (
        "import sys, io, contextlib; from dtikit.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main({args!r})\n"
        "print('polars' in sys.modules)"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "True"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "XDG_DATA_HOME": tempfile.mkdtemp(prefix="dtikit-cold-")}  # the bundled store
    env.pop("DTIKIT_DATA", None)
    targets = {name: [DTIKIT, *argv, "--format", "csv"] for name, argv in COMMANDS.items()}
    compile_dtikit()
    for command in [FLOOR, *targets.values()]:  # warm the file cache and .pyc files
        wall(command, env)
    floor: list[tuple[float, float]] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    for _ in range(args.runs):
        for name, command in targets.items():
            floor.append(wall(FLOOR, env))
            times[name].append(wall(command, env))
    f, fc = (statistics.median(r[k] for r in floor) for k in (0, 1))
    print(
        "floor (Typer app, int + str option, imports polars and rich.console): "
        f"median {f * 1000:.0f} ms, CPU {fc * 1000:.0f} ms"
    )
    print("| command | median | ratio to the floor | CPU (user + sys) | CPU ratio |\n|---|---|---|---|---|")
    for name, values in times.items():
        t, c = (statistics.median(r[k] for r in values) for k in (0, 1))
        print(f"| {name} | {t * 1000:.0f} ms | {t / f:.2f} | {c * 1000:.0f} ms | {c / fc:.2f} |")
    for argv in (["--help"], ["rank", "--help"], ["store", "--help"]):
        print(f"dtikit {' '.join(argv)} imports polars: {help_imports_polars(argv)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
