"""Instructions of each query command against the cold-start floor, phase by phase: a measure of load.

Wall time on a shared machine moves with its load (``cold_start.py``'s ratios by +-0.1 or more); the
number of instructions a process executes does not. Each command of ``cold_start.py`` and the floor
run once under ``valgrind --tool=callgrind`` (slow: about 30 s each), in a harness that marks the
phases (``CALLGRIND_DUMP_STATS_AT`` from a small C library compiled here with gcc):

- *start*: the interpreter and the harness's own imports (``ctypes``), the same in every run;
- *floor imports*: what the floor's run imports (Typer, Polars, Rich, Pydantic for Typer's coercion,
  ...); for a command, those of them it imports too (dtikit writes without Rich);
- *dtikit imports*: every other module the command imports (found by a first plain run);
- *command*: ``dtikit.cli.main`` with the command line: Typer building and coercing the options, the
  store read, the query, the table written (for the floor: its app run, its modules imported).

Printed: millions of instructions by phase and the ratio of each command's total to the floor's
(goal of ``cold_start.py``: 1.1 in wall time). The same binary and inputs give the same count within
about 1 % (Polars' threads), whatever else the machine is doing.

    python bench/instructions.py [--commands rank profile ...] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cold_start import COMMANDS
from common import FLOOR_APP, compile_dtikit, load
from dtikit.cli import COLLECT_AFTER

PHASES = ["start", "floor imports", "dtikit imports", "command"]
MARK_C = "#include <valgrind/callgrind.h>\nvoid mark(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }\n"

# the harnesses' imports, group by group (``done(group)`` ends each): the modules of LISTING that
# FLOOR_LISTING holds, then the others; and the collector as the command line has it
IMPORTS = """
listing, floor, args = sys.argv[2], sys.argv[3], sys.argv[4:]
if args:  # the collector as a command line's process has it (dtikit.cli.run)
    import gc
    gc.set_threshold(COLLECT_AFTER)
before = set(sys.modules)
if listing != "-":
    wanted, held = json.load(open(listing)), set(json.load(open(floor)))
    for group in ("floor imports", "dtikit imports"):
        for module in wanted:
            if (module in held) == (group == "floor imports"):
                try:
                    importlib.import_module(module)
                except Exception:  # a module of another platform, or one imported only as part of another
                    pass
        done(group)
"""

# the harness, run as ``python -c HARNESS LIB LISTING FLOOR_LISTING ARGS...``: the modules of LISTING
# that FLOOR_LISTING holds, then the others, then the command line (no ARGS: the floor's app). A
# LISTING "-" runs the command line alone and prints the modules it imported (a first, plain run).
HARNESS = (
    """
import ctypes, io, json, importlib, contextlib, sys
mark = ctypes.CDLL(sys.argv[1]).mark
mark(b"start")
done = lambda group: mark(group.encode())
"""
    + IMPORTS
    + """if args:
    from dtikit.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
else:
    exec(compile(FLOOR_APP, "floor", "exec"))
    code = 0
mark(b"command")
if listing == "-":
    print(json.dumps([m for m in sys.modules if m not in before]), file=sys.stderr)
raise SystemExit(code)
"""
)


def _library(work: Path) -> Path:
    source, library = work / "mark.c", work / "libmark.so"
    source.write_text(MARK_C, encoding="utf-8")
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def _listing(library: Path, args: list[str], env: dict[str, str], to: Path) -> Path:
    """The modules a plain run of ``args`` (none: the floor's app) imports, written to ``to``."""
    code = f"FLOOR_APP = {FLOOR_APP!r}\nCOLLECT_AFTER = {COLLECT_AFTER}\n{HARNESS}"
    found = subprocess.run(
        [sys.executable, "-c", code, str(library), "-", "-", *args], capture_output=True, text=True, env=env
    )
    if found.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{found.stderr[-2000:]}")
    to.write_text(found.stderr.strip().splitlines()[-1], encoding="utf-8")
    return to


def counted(library: Path, listings: tuple[Path, Path], args: list[str], env: dict[str, str], work: Path) -> dict:
    """Instructions of each phase of one run of the harness under callgrind."""
    out = work / "cg"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    code = f"FLOOR_APP = {FLOOR_APP!r}\nCOLLECT_AFTER = {COLLECT_AFTER}\n{HARNESS}"
    command = [
        "valgrind", "--tool=callgrind", "--dump-line=no", "--compress-strings=no",
        f"--callgrind-out-file={out}/cg.%p", sys.executable, "-c", code, str(library), *map(str, listings), *args,
    ]  # fmt: skip
    found = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if found.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{found.stderr[-2000:]}")
    return phases_of(out)


def phases_of(out: Path) -> dict[str, int]:
    """Instructions of each phase in the callgrind dumps of ``out``, by the name of the mark ending it."""
    phases: dict[str, int] = {}
    for dump in out.iterdir():  # one file a mark (cg.PID.N), and the rest of the process (cg.PID)
        text = dump.read_text(encoding="utf-8", errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (.+)$", text, re.M)
        totals = re.search(r"^(?:totals|summary): (\d+)", text, re.M)
        if trigger and totals:
            phases[trigger.group(1).strip()] = int(totals.group(1))
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", nargs="*", default=list(COMMANDS), choices=list(COMMANDS))
    parser.add_argument("--store", help="a store to query (--data); default: the bundled one")
    args = parser.parse_args()
    if not shutil.which("valgrind") or not shutil.which("gcc"):
        raise SystemExit("needs valgrind (with its headers) and gcc")
    print(load())
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-instructions-"))
    env = {**os.environ, "XDG_DATA_HOME": str(work / "home")}  # the bundled store, unless --store
    env.pop("DTIKIT_DATA", None)
    try:
        library = _library(work)
        compile_dtikit()
        floor = _listing(library, [], env, work / "floor.json")
        rows: dict[str, dict[str, int]] = {"floor": counted(library, (floor, floor), [], env, work)}
        for name in args.commands:
            argv = [*COMMANDS[name], "--format", "csv", *(["--data", args.store] if args.store else [])]
            listing = _listing(library, argv, env, work / f"{name}.json")
            rows[name] = counted(library, (listing, floor), argv, env, work)
        whole = sum(rows["floor"].get(p, 0) for p in PHASES)
        print("millions of instructions (callgrind), one run each:")
        print(f"| run | {' | '.join(PHASES)} | total | ratio to the floor |")
        print(f"|---|{'---|' * len(PHASES)}---|---|")
        for name, phases in rows.items():
            total = sum(phases.get(p, 0) for p in PHASES)
            cells = " | ".join(f"{phases.get(p, 0) / 1e6:,.0f}" for p in PHASES)
            print(f"| {name} | {cells} | {total / 1e6:,.0f} | {total / whole:.3f} |")
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
