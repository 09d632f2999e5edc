"""Where the time of ``dtikit rank --indicator`` on a large store goes, phase by phase.

The store is built as ``store_queries.py`` builds it (``--rows``, 10M by default), or given
(``--store``). Fresh processes, interleaved ``--runs`` times:

- ``python -c pass``: the interpreter's start (with ``site``), before any import of ours;
- a harness that imports the modules the command imports (the list found by a first run): first
  those the floor imports too (Polars, Typer, Rich, Pydantic, ...), then the others, then
  runs the command line (``dtikit.cli.main``) with timers around its phases: the *parsing* (Typer
  building the command and coercing its options, until the command's function starts), the
  *catalog* (the store's catalog read and the indicator resolved: ``Catalog`` and
  ``Store.indicators``), the *scan* (every read of values or observations: ``Store._collect``),
  and the *table* (the rest of the command: ranking, the table made and written);
- the command itself (``dtikit rank ...``), and the cold-start floor of ``cold_start.py``.

Printed: the median of each phase, their sum beside the command's own median (the harness runs
the same code, the phases one after the other), and the floor. The medians are of each column on
its own: they need not add up exactly.

    python bench/where_time_goes.py [--rows 10000000 | --store PATH] [--runs 7] [--dir /tmp]
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
import time
from pathlib import Path

BIN = Path(sys.executable).parent
PHASES = ["imports of the floor", "other imports", "parsing", "catalog", "scan", "table"]


def _child(args: list[str], modules_file: str, discover: bool) -> None:
    """Run the command line in this process, timing its phases (or, with ``discover``, list its imports)."""
    start = time.perf_counter()
    if discover:
        before = set(sys.modules)
        _command_line(args)
        found = [m for m in sys.modules if m not in before]
        Path(modules_file).write_text(json.dumps(found), encoding="utf-8")
        return
    import importlib

    spent: dict[str, float] = {}
    listed = json.loads(Path(modules_file).read_text(encoding="utf-8"))
    floor = set(json.loads(Path(modules_file).with_suffix(".floor.json").read_text(encoding="utf-8")))
    for group in ("imports of the floor", "other imports"):  # what the floor imports too, then the rest
        began = time.perf_counter()
        for module in listed:
            if (module in floor) == (group == "imports of the floor"):
                try:
                    importlib.import_module(module)
                except Exception:  # a module of another platform, or one only imported as a part of another
                    continue
        spent[group] = time.perf_counter() - began
    stack: list[list] = []  # [phase, start, time of phases inside it]

    def timed(phase: str, function):
        def run(*a, **k):
            stack.append([phase, time.perf_counter(), 0.0])
            try:
                return function(*a, **k)
            finally:
                name, began, inside = stack.pop()
                total = time.perf_counter() - began
                spent[name] = spent.get(name, 0.0) + total - inside  # what the inner phases took is theirs
                if stack:
                    stack[-1][2] += total

        return run

    from dtikit import catalog
    from dtikit.cli import commands
    from dtikit.storage import reading

    reached: list[float] = []
    rank = commands.rank

    def command(*a, **k):
        reached.append(time.perf_counter())
        return timed("table", rank)(*a, **k)

    command.__wrapped__ = rank  # Typer reads the options from the function's signature
    commands.rank = command
    reading.Store._collect = timed("scan", reading.Store._collect)
    reading.Store.indicators = timed("catalog", reading.Store.indicators)
    for name in ("of", "measure", "resolve", "get", "score_of", "parts"):
        if not hasattr(catalog.Catalog, name):  # the catalog's methods of another version
            continue
        if name == "of":
            catalog.Catalog.of = classmethod(timed("catalog", catalog.Catalog.of.__func__))
        else:
            setattr(catalog.Catalog, name, timed("catalog", getattr(catalog.Catalog, name)))
    began = time.perf_counter()
    _command_line(args)
    ended = time.perf_counter()
    spent["parsing"] = (reached[0] if reached else ended) - began
    spent["total"] = ended - start
    print(json.dumps(spent), file=sys.stderr)


def _command_line(args: list[str]) -> None:
    import io
    from contextlib import redirect_stdout

    from dtikit.cli import main

    with redirect_stdout(io.StringIO()):
        code = main(args)
    if code:
        raise SystemExit(f"dtikit {' '.join(args)} exited {code}")


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Wall seconds of one fresh run of ``command``, and the phases it printed (a harness run)."""
    start = time.perf_counter()
    found = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if found.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{found.stderr}")
    lines = found.stderr.strip().splitlines()
    phases = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return elapsed, phases


def main() -> int:
    if sys.argv[1:2] in (["--child"], ["--discover"]):
        _child(sys.argv[3:], sys.argv[2], sys.argv[1] == "--discover")
        return 0
    sys.path.insert(0, str(Path(__file__).parent))
    from common import FLOOR, compile_dtikit, load

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--store", help="a store holding the file store_queries.py makes (else built)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-split-", dir=args.dir))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "home")}
    env.pop("DTIKIT_DATA", None)
    try:
        store = Path(args.store) if args.store else work / "store"
        if not args.store:
            csv = work / "long.csv"
            make = Path(__file__).with_name("store_queries.py")
            subprocess.run([sys.executable, str(make), "--make", str(csv), str(args.rows), "province"], check=True)
            ingest = [str(BIN / "dtikit"), "ingest", str(csv), "--data", str(store)]
            subprocess.run(ingest, check=True, stderr=subprocess.DEVNULL, env=env)
        indicators = json.loads(
            subprocess.run(
                [sys.executable, "-c", f"import json, dtikit.storage as s; print(json.dumps(s.Store({str(store)!r})"
                 ".indicators()['indicator'].to_list()))"],
                capture_output=True, text=True, check=True, env=env,
            ).stdout
        )  # fmt: skip
        made = sorted(i for i in indicators if i.startswith("ind_"))
        indicator = made[len(made) // 2] if made else "overall"  # ind_04960 at 10M rows
        argv = ["rank", "--year", "2022", "--indicator", indicator, "--format", "csv", "--data", str(store)]
        modules = work / "modules.json"
        harness = [sys.executable, __file__, "--child", str(modules), *argv]
        compile_dtikit()
        discover = [sys.executable, __file__, "--discover", str(modules), *argv]
        subprocess.run(discover, check=True, env=env, stderr=subprocess.DEVNULL)
        floor_list = str(modules.with_suffix(".floor.json"))
        listing = f"\nimport json, sys; open({floor_list!r}, 'w').write(json.dumps(list(sys.modules)))"
        subprocess.run([*FLOOR[:2], FLOOR[2] + listing], check=True, env=env)
        commands = {
            "interpreter (python -c pass)": [sys.executable, "-c", "pass"],
            "harness": harness,
            f"dtikit {' '.join(argv[:5])}": [str(BIN / "dtikit"), *argv],
            "the cold-start floor": FLOOR,
        }
        for command in commands.values():  # warm the file cache and .pyc files
            _timed(command, env)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        phases: list[dict] = []
        for _ in range(args.runs):
            for name, command in commands.items():
                elapsed, found = _timed(command, env)
                walls[name].append(elapsed)
                if found:
                    phases.append(found)
        median = {name: statistics.median(times) for name, times in walls.items()}
        interpreter = median["interpreter (python -c pass)"]
        split = {p: statistics.median(f.get(p, 0.0) for f in phases) for p in PHASES}
        print(f"where the time of dtikit {' '.join(argv[:5])} goes ({store}), median of {args.runs}:")
        print("| phase | median | share |\n|---|---|---|")
        whole = interpreter + sum(split.values())
        print(f"| interpreter start | {interpreter * 1000:.0f} ms | {interpreter / whole:.0%} |")
        for phase in PHASES:
            print(f"| {phase} | {split[phase] * 1000:.0f} ms | {split[phase] / whole:.0%} |")
        print(f"| sum of the phases | {whole * 1000:.0f} ms | |")
        for name in list(commands)[2:]:
            print(f"| {name} (its own run) | {median[name] * 1000:.0f} ms | |")
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
