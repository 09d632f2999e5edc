"""Where a small ingest's time goes, phase by phase: CPU and wall time, or instructions.

A 3,000-row CSV (``small_ingest.py``'s) is ingested into a new default store (an empty
``XDG_DATA_HOME``: the store is made from the bundled one), in a harness that marks the phases:

- *start*: the interpreter and the harness's own imports;
- *floor imports*: the modules the cold-start floor imports too (Typer, Polars, Pydantic, ...);
- *dtikit imports*: every other module the ingest imports (found by a first plain run);
- *options*: ``dtikit.cli.main`` up to the library call: Typer parsing and coercing the options;
- *store*: the library call up to reading the file: the store found, its leftovers cleaned, the
  bundled store and its catalog read, the names and the catalog prepared;
- *reading and checks*: the file read, its layout found, every rule checked;
- *compare*: the values compared with the store's (the plan);
- *commit*: under the write lock: the tables of the new version written, its manifest, the rename;
- *report*: the rest (the notes said, the process's end).

The floor (``cold_start.py``'s) runs the same harness with its app as the command. Each run is a
fresh process; with ``--instructions`` each runs once under ``valgrind --tool=callgrind`` (slow, but
the count does not move with the machine's load; the phases marked as ``instructions.py`` marks them),
else ``--runs`` times interleaved, and the medians of CPU (user + system, the process's threads
included) and wall time are printed.

``--beside SRC`` also runs the ingest of another copy of dtikit's sources (as ``small_ingest.py``).

    python bench/ingest_phases.py [--runs 9] [--rows 3000] [--instructions] [--beside DIR/src]
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

from common import FLOOR_APP, compile_dtikit, load
from dtikit.cli import COLLECT_AFTER
from instructions import IMPORTS, _library, phases_of

PHASES = ["start", "floor imports", "dtikit imports", "options", "store", "reading and checks", "compare", "commit"]
PHASES += ["report"]

# run as ``python -c HARNESS LIB LISTING FLOOR_LISTING ARGS...`` (LIB "-": no callgrind marks; LISTING
# "-": a plain run that prints the modules it imported); prints the phases' (wall, CPU) as JSON
HARNESS = (
    """
import ctypes, io, json, importlib, contextlib, os, sys, time
lib = sys.argv[1]
mark = ctypes.CDLL(lib).mark if lib != "-" else (lambda name: None)
stamps = {}
last = [time.perf_counter(), 0.0]  # CPU from the process's start
def stamp(name):
    mark(name.encode())
    now = [time.perf_counter(), time.process_time()]
    stamps[name] = [stamps.get(name, [0, 0])[i] + now[i] - last[i] for i in (0, 1)]
    last[:] = now
stamp("start")
done = stamp
"""
    + IMPORTS
    + """if args:
    from dtikit.ingest import run
    def wrapped(function, ending):
        def call(*a, **k):
            stamp(ending)
            return function(*a, **k)
        return call
    run.ingest = wrapped(run.ingest, "options")
    run.check_paths = wrapped(run.check_paths, "store")
    run._fresh = wrapped(run._fresh, "reading and checks")
    held_transaction = run.transaction
    @contextlib.contextmanager
    def transaction(*a, **k):
        stamp("compare")
        with held_transaction(*a, **k) as tx:
            yield tx
        stamp("commit")
    run.transaction = transaction
    from dtikit.cli import main
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
else:
    exec(compile(FLOOR_APP, "floor", "exec"))
    code = 0
stamp("report")
if listing == "-":
    print(json.dumps([m for m in sys.modules if m not in before]), file=sys.stderr)
else:
    print(json.dumps(stamps), file=sys.stderr)
raise SystemExit(code)
"""
)


def _run(prefix: list[str], library: str, listings: tuple[str, str], args: list[str], env: dict) -> str:
    code = f"FLOOR_APP = {FLOOR_APP!r}\nCOLLECT_AFTER = {COLLECT_AFTER}\n{HARNESS}"
    command = [*prefix, sys.executable, "-c", code, library, *listings, *args]
    found = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if found.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{found.stderr[-2000:]}")
    return found.stderr.strip().splitlines()[-1]


def _counted(library: Path, listings: tuple[str, str], args: list[str], env: dict, work: Path) -> dict[str, int]:
    """Instructions of each phase of one run under callgrind (read as ``instructions.py`` reads them)."""
    out = work / "cg"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    prefix = ["valgrind", "--tool=callgrind", "--dump-line=no", "--compress-strings=no"]
    _run([*prefix, f"--callgrind-out-file={out}/cg.%p"], str(library), listings, args, env)
    return phases_of(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--instructions", action="store_true", help="one run each under callgrind")
    parser.add_argument("--beside", help="the src folder of another copy of dtikit, run as 'beside'")
    args = parser.parse_args()
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-phases-"))
    try:
        csv = work / "small.csv"
        make = Path(__file__).with_name("store_queries.py")
        subprocess.run([sys.executable, str(make), "--make", str(csv), str(args.rows), "province"], check=True)
        compile_dtikit()
        library = _library(work) if args.instructions else None
        home = work / "home"

        def env(name: str = "ingest") -> dict[str, str]:
            shutil.rmtree(home, ignore_errors=True)  # no store yet: the default one is made
            found = {**os.environ, "XDG_DATA_HOME": str(home)}
            found.pop("DTIKIT_DATA", None)
            if name == "beside":
                found["PYTHONPATH"] = args.beside
            return found

        ingest = ["ingest", str(csv)]
        names = {"floor": [], "ingest": ingest} | ({"beside": ingest} if args.beside else {})
        if args.beside:
            compile_dtikit(args.beside)
        listings = {}
        for name, argv in names.items():
            listings[name] = work / f"{name}.json"
            listings[name].write_text(_run([], "-", ("-", "-"), argv, env(name)), encoding="utf-8")
        floor = str(listings["floor"])
        runs = {name: (str(listings[name]), argv) for name, argv in names.items()}
        if args.instructions:
            print("millions of instructions (callgrind), one run each:")
            counts = {n: _counted(library, (listing, floor), argv, env(n), work) for n, (listing, argv) in runs.items()}
            _print(counts, lambda v: f"{v / 1e6:,.0f}")
        else:
            found: dict[str, list[dict]] = {name: [] for name in runs}
            for run in range(args.runs + 1):
                for name, (listing, argv) in runs.items():
                    stamps = json.loads(_run([], "-", (listing, floor), argv, env(name)))
                    if run:  # the first: the file cache and .pyc files warmed
                        found[name].append(stamps)
            for k, what in ((1, "CPU"), (0, "wall")):
                print(f"{what} milliseconds by phase, median of {args.runs} interleaved runs:")
                medians = {
                    n: {p: statistics.median(s.get(p, [0, 0])[k] for s in r) for p in PHASES} for n, r in found.items()
                }
                _print(medians, lambda v: f"{v * 1000:,.1f}")
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _print(rows: dict[str, dict[str, float]], shown) -> None:
    print(f"| run | {' | '.join(PHASES)} | total | ratio to the floor |")
    print(f"|---|{'---|' * len(PHASES)}---|---|")
    whole = sum(rows["floor"].get(p, 0) for p in PHASES)
    for name, phases in rows.items():
        total = sum(phases.get(p, 0) for p in PHASES)
        cells = " | ".join(shown(phases.get(p, 0)) for p in PHASES)
        print(f"| {name} | {cells} | {shown(total)} | {total / whole:.3f} |")


if __name__ == "__main__":
    raise SystemExit(main())
