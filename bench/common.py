"""What the benchmark scripts share."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

# the honest floor of the stack: a minimal Typer app in the same virtualenv with one int and one str
# option, parsing ``--year 2022``, that imports ``polars`` and ``rich.console`` (goal: a command within 1.1x)
FLOOR_APP = """
import typer, polars, rich.console
app = typer.Typer()
@app.command()
def main(year: int = typer.Option(...), name: str = typer.Option("x")) -> None:
    rich.console.Console(stderr=True)
app(["--year", "2022"], standalone_mode=False)
"""
FLOOR = [sys.executable, "-c", FLOOR_APP]
# the floor's app freezing what is left before it exits, as dtikit's command line does
# (``dtikit.cli.run``): Python's exit then skips its collections over what the imports left
FROZEN_FLOOR = [sys.executable, "-c", FLOOR_APP + "import gc\ngc.freeze()\n"]


def compile_dtikit(source: str | None = None) -> None:
    """Write dtikit's .pyc files, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 compiles every module from source on each run, which the floor's
    packages (compiled by pip) never pay. ``source``: the src folder of another copy of dtikit."""
    code = "import compileall, dtikit, pathlib; compileall.compile_dir(pathlib.Path(dtikit.__file__).parent, quiet=1)"
    env = {**os.environ, "PYTHONPATH": source} if source else None
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (bytes) and CPU seconds (user + system) of one fresh run of
    ``command``; a failed run stops the benchmark with its stderr. (A child's peak counts from its
    parent's size at the fork: keep the benchmark's own process small.)"""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def load() -> str:
    """The machine's load (1, 5 and 15 minutes), to print beside a run's figures."""
    return "load average " + ", ".join(f"{n:.2f}" for n in os.getloadavg())


def table(found: dict[str, list[tuple[float, int, float]]], what: str) -> tuple[dict, dict, dict]:
    """Print the runs of each command (``measure``'s figures) as a table, first column ``what``:
    median wall time, median CPU and peak memory; return those three by name."""
    time_of = {n: statistics.median(t for t, _, _ in r) for n, r in found.items()}
    cpu_of = {n: statistics.median(c for _, _, c in r) for n, r in found.items()}
    peak_of = {n: max(m for _, m, _ in r) for n, r in found.items()}
    print(f"| {what} | median | CPU (user + sys) | peak memory |\n|---|---|---|---|")
    for name in found:
        print(f"| {name} | {time_of[name]:.2f} s | {cpu_of[name]:.2f} s | {peak_of[name] / 1e6:,.0f} MB |")
    return time_of, cpu_of, peak_of
