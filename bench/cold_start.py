"""Cold start: each query command against the honest floor of its stack, and --help without Polars.

The floor is a minimal Typer app in the same virtualenv with one int and one str option,
parsing ``--year 2022``, that imports ``polars`` and ``rich.console`` (what any Typer + Polars
+ Rich tool pays, Typer's Pydantic coercion included). Every command runs as a fresh process,
interleaved with the floor, on the bundled store; the ratio of medians is the figure to watch
(goal <= 1.1). ``--help`` must not import polars. Machines are noisy: compare ratios, not seconds.

A second reference, *the floor with rank's query by hand*, is the floor's app that also reads the
bundled store's values and ranks 2022's index as ``rank`` does (scan, filter, rank, sort, CSV to
stdout): what a query costs on this stack beyond starting. What ``rank`` takes above it is dtikit's.

A control, *the floor again*: the floor's own app run as one more command, its median of ``--runs``
against the floor's median over every run, as each command's is. It differs from 1.00 only by the
machine's noise: a command's ratio within that distance of the goal is not a verdict either way.

And *the floor, frozen at exit*: the floor's app calling ``gc.freeze()`` before it exits, as dtikit's
command line does (``dtikit.cli.run``): Python's exit then skips its collections over the objects
the imports left (50-100 ms). A command's time against it is dtikit's work beyond what any Typer +
Polars + Rich tool must pay, once both leave out that collection.

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

from common import FLOOR, FLOOR_APP, FROZEN_FLOOR, compile_dtikit, measure

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


def query_floor() -> list[str]:
    """The floor's app that also ranks 2022's headline index over the bundled store's values, by hand."""
    from dtikit import geography
    from dtikit.catalog import Catalog
    from dtikit.storage import Store, default_data_dir

    headline = Catalog.of(Store(default_data_dir())).headline().id
    query = (
        "    import sys\n"
        f"    (polars.scan_parquet({str(default_data_dir() / 'values.parquet')!r})\n"
        f"     .filter((polars.col('indicator') == {headline!r}) & (polars.col('year') == year))\n"
        f"     .filter(polars.col('geography') == {geography.DEFAULT})\n"
        "     .select('province', 'value')\n"
        "     .with_columns(rank=polars.col('value').rank('min', descending=True).cast(polars.Int32))\n"
        "     .sort('rank', 'province').collect().write_csv(sys.stdout))\n"
    )
    marker = "    rich.console.Console(stderr=True)\n"
    assert marker in FLOOR_APP
    return [sys.executable, "-c", FLOOR_APP.replace(marker, marker + query)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "XDG_DATA_HOME": tempfile.mkdtemp(prefix="dtikit-cold-")}  # the bundled store
    env.pop("DTIKIT_DATA", None)
    targets = {name: [DTIKIT, *argv, "--format", "csv"] for name, argv in COMMANDS.items()}
    targets["the floor again"] = FLOOR  # the control: the same program, measured as a command
    targets["the floor, frozen at exit"] = FROZEN_FLOOR
    compile_dtikit()
    by_hand = query_floor()
    for command in [FLOOR, by_hand, *targets.values()]:  # warm the file cache and .pyc files
        wall(command, env)
    floor: list[tuple[float, float]] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    hand: list[tuple[float, float]] = []
    names = list(targets)
    for run in range(args.runs):
        hand.append(wall(by_hand, env))
        # each round starts with another command: no command always runs at the same place in a round
        for name in names[run % len(names) :] + names[: run % len(names)]:
            floor.append(wall(FLOOR, env))
            times[name].append(wall(targets[name], env))
    f, fc = (statistics.median(r[k] for r in floor) for k in (0, 1))
    print(
        "floor (Typer app, int + str option, imports polars and rich.console): "
        f"median {f * 1000:.0f} ms, CPU {fc * 1000:.0f} ms"
    )
    print("| command | median | ratio to the floor | CPU (user + sys) | CPU ratio |\n|---|---|---|---|---|")
    for name, values in times.items():
        t, c = (statistics.median(r[k] for r in values) for k in (0, 1))
        print(f"| {name} | {t * 1000:.0f} ms | {t / f:.2f} | {c * 1000:.0f} ms | {c / fc:.2f} |")
    frozen = statistics.median(r[0] for r in times["the floor, frozen at exit"])
    mine = list(COMMANDS)
    print(
        "against the floor frozen at exit: "
        + ", ".join(f"{name} {statistics.median(r[0] for r in times[name]) / frozen:.2f}" for name in mine)
    )
    h = statistics.median(r[0] for r in hand)
    print(
        f"the floor with rank's query by hand: median {h * 1000:.0f} ms, {h / f:.2f} x the floor "
        f"(rank: {statistics.median(r[0] for r in times['rank']) / h:.2f} x it)"
    )
    for argv in (["--help"], ["rank", "--help"], ["store", "--help"]):
        print(f"dtikit {' '.join(argv)} imports polars: {help_imports_polars(argv)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
