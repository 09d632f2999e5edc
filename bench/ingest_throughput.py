"""Ingest throughput and peak memory against the least any ingest must do.

The baseline is a bare ``polars.scan_csv(path).sink_parquet(tmp)`` of the same file, run as
its own process in the same run; dtikit is ``dtikit ingest FILE --data NEW_STORE``. Both are
timed by wall clock and their peak resident memory read from the kernel (``wait4``), for the rows
ordered by province and by indicator (a file's first rows then show few of its indicators). Goals
(bench/RESULTS.md): throughput at least 0.85 of the part floor's (below) at 10M rows and 0.75 at 1M,
peak memory at most 1.5 times the baseline's. The machine's load is printed before and after each
size and order: the runs share its cores with whatever else runs.

A third row, the *part floor*, is the least that writing dtikit's part takes on this stack, timed in
the same run: a Polars script that reads the file as the one-pass route reads it (province and
indicator as enumerations of the names, which it is given; the year as a number), parses the values
and writes the part's columns with the part's settings, and checks nothing (no rule, no repeated
key, no held value, no file digest, no store, no command line). What dtikit adds to it is the price
of those checks; the floor's own ratio to the baseline bounds any throughput ratio dtikit can reach.

A fourth row, the *checked floor*, is the part floor as the least an ingest that may be trusted
does, timed in the same run: a Typer command of the cold-start floor's stack (``common.FLOOR_APP``),
exiting frozen as dtikit does, that writes the part as the part floor does and meanwhile takes the
file's sha256 (a store names every file it read) and counts its lines (no line dropped without a
word), then refuses a repeated key (two values for one province, year and indicator). Each is done
the cheapest way measured here. It has no rule, no name resolution, no store and no commit: its
ratio to the part floor is the most dtikit could reach if all of those were free.

With two sizes (the default), each command's time is then split into a fixed part and a part per
row, by a straight line through its medians at both sizes: the fixed part of dtikit is its start-up
and the work that does not grow with the rows (layout, names, convention, the check against the
store, the commit), and the goal at the smaller size, less dtikit's rows at its own rate, is what
that fixed part may take.

A child's peak as ``wait4`` reports it starts from its parent's size at the fork, so this
script keeps itself small: it never imports Polars, and writes the test file in a child. dtikit's
.pyc files are written first (``common.compile_dtikit``), as the other benchmarks do.

    python bench/ingest_throughput.py [--rows 1000000 10000000] [--order province indicator] [--runs 7] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import compile_dtikit, load, measure

BIN = Path(sys.executable).parent


def make_file(path: Path, rows: int, order: str = "province") -> None:
    """A long table as a department would export it: Vietnamese headers, decimal comma, new indicators."""
    import polars as pl

    from dtikit.storage import Store

    provinces = Store().provinces().filter(pl.col("geography") == 63)["province"]
    years = list(range(2000, 2026))
    per_indicator = len(provinces) * len(years)
    indicators = -(-rows // per_indicator)
    grid = (
        pl.DataFrame({"Tỉnh": provinces})
        .join(pl.DataFrame({"Năm": years}), how="cross")
        .join(pl.DataFrame({"k": range(indicators)}), how="cross")
        .head(rows)
    )
    if order == "indicator":
        grid = grid.sort("k", maintain_order=True)
    grid = grid.with_columns(
        pl.format("chi_tieu_{}", pl.col("k")).alias("Chỉ tiêu"),
        pl.format("{},{}", (pl.col("k") * 7 + pl.col("Năm")) % 1000, pl.col("Năm") % 100).alias("Giá trị"),
    ).drop("k")
    grid.write_csv(path, separator=";")
    names = {"provinces": provinces.to_list(), "indicators": grid["Chỉ tiêu"].unique(maintain_order=True).to_list()}
    path.with_suffix(".names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")


# the least that writing the part takes (see the docstring), as a function of the file, its names
# (JSON), the output and its rows; row groups as dtikit sizes them for the file (``streamed._row_group``).
# With ``years`` (the first and how many), the keys of the rows are a second output of the same scan,
# as in dtikit's pass (0.10 s more at 10M rows in a warm process; read back from the part, 0.18 s).
WRITE_PART = """
import json, polars as pl
def write_part(src, names, out, rows, years=None):
    row_group = min(1 << 18, max(1 << 16, int(rows) // 16))
    names = json.loads(open(names, encoding="utf-8").read())
    kinds = {k: pl.Enum(v) for k, v in names.items()}
    schema = {"c0": kinds["provinces"], "c1": pl.Int16, "c2": kinds["indicators"], "c3": pl.String}
    rows = pl.scan_csv(src, separator=";", has_header=False, skip_rows=1, schema=schema).with_row_index("row", offset=2)
    text = lambda k, c: pl.lit(pl.Series(names[k], dtype=pl.String)).gather(pl.col(c).to_physical())
    if years is not None:  # the indices the keys are made of, shared by both outputs
        index = lambda c: pl.col(c).to_physical().cast(pl.UInt32)
        rows = rows.with_columns(_p=index("c0"), _i=index("c2"))
    part = rows.select(
        province=text("provinces", "c0"),
        year="c1",
        indicator=text("indicators", "c2"),
        value=pl.col("c3").str.replace(",", ".", literal=True, n=1).cast(pl.Float64, strict=False),
        value_text="c3",
        unit=pl.lit(None, pl.String),
        period=pl.lit(None, pl.String),
        source_note=pl.lit(None, pl.String),
        raw_row=pl.col("row").cast(pl.Int32),
    ).sink_parquet(out, statistics=False, compression="lz4", row_group_size=row_group, lazy=years is not None)
    if years is None:
        return None
    first, span = years
    year = (pl.col("c1").cast(pl.Int32) - first).cast(pl.UInt32)
    key = (pl.col("_i") * len(names["provinces"]) + pl.col("_p")) * span + year
    keys = pl.collect_all([part, rows.select(key=key)])[1]["key"]
    return keys, len(names["indicators"]) * len(names["provinces"]) * span
"""
# argv = file, names (JSON), output, rows
PART_FLOOR = WRITE_PART + "import sys\nwrite_part(*sys.argv[1:5])\n"

# the part floor as a command that does what no ingest may skip (see the docstring): a Typer command
# of the cold-start floor's stack that writes the part as the part floor does and meanwhile takes the
# file's sha256 and counts its lines (threads, as dtikit does), computes the keys with the part and
# refuses a repeated one by a bitmap; it exits frozen, as dtikit does (``common.FROZEN_FLOOR``). Years
# from 1997 to this year (dtikit's rule). argv as the part floor's.
CHECKED_FLOOR = (
    WRITE_PART
    + """
import datetime, gc, hashlib, sys, threading, typer, rich.console
def digest(path, found):
    with open(path, "rb") as handle:
        found["sha256"] = hashlib.file_digest(handle, "sha256").hexdigest()
def lines(path, found):
    count = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            count += chunk.count(b"\\n")
    found["lines"] = count
app = typer.Typer()
@app.command()
def main(src: str, names: str, out: str, rows: int) -> None:
    rich.console.Console(stderr=True)
    found = {}
    checks = [threading.Thread(target=f, args=(src, found)) for f in (digest, lines)]
    for check in checks:
        check.start()
    keys, space = write_part(src, names, out, rows, (1997, datetime.date.today().year - 1997 + 1))
    if pl.repeat(False, space, eager=True).scatter(keys, True).sum() != keys.len():
        raise SystemExit("a key repeats")
    for check in checks:
        check.join()
    if found["lines"] - 1 != keys.len() or len(found["sha256"]) != 64:
        raise SystemExit(f"{found['lines'] - 1} lines, {keys.len()} rows")
app(sys.argv[1:], standalone_mode=False)
gc.freeze()
"""
)


def _goal(rows: int) -> float:
    """The throughput goal against the part floor at ``rows`` rows."""
    return 0.85 if rows >= 10_000_000 else 0.75


def _compare(work: Path, rows: int, order: str, runs: int) -> dict[str, float]:
    csv = work / f"long_{rows}_{order}.csv"
    subprocess.run([sys.executable, __file__, "--make", str(csv), str(rows), order], check=True)
    size = csv.stat().st_size
    before = load()
    base, floor, checked, mine = [], [], [], []
    for run in range(runs):  # interleaved
        out = work / f"baseline_{run}.parquet"
        code = f"import polars as pl; pl.scan_csv({str(csv)!r}, separator=';').sink_parquet({str(out)!r})"
        base.append(measure([sys.executable, "-c", code]))
        out.unlink()
        names = csv.with_suffix(".names.json")
        floor.append(measure([sys.executable, "-c", PART_FLOOR, str(csv), str(names), str(out), str(rows)]))
        out.unlink()
        checked.append(measure([sys.executable, "-c", CHECKED_FLOOR, str(csv), str(names), str(out), str(rows)]))
        out.unlink()
        store = work / f"store_{run}"
        # provinces of 2008-2025 in every year from 2000: the file says its map, or 2000-2007 read as 61/64
        mine.append(measure([str(BIN / "dtikit"), "ingest", str(csv), "--data", str(store), "--geography", "63"]))
        shutil.rmtree(store)
    goal = _goal(rows)
    print(f"{rows:>11,} rows ({size / 1e6:,.0f} MB) ordered by {order}, median of {runs}:")
    print(f"  before: {before}; after: {load()}")
    figures = {}
    rows_of = (
        ("baseline scan_csv -> sink_parquet", base),
        ("part floor (no checks)", floor),
        ("checked floor (command, sha256, lines, keys)", checked),
        ("dtikit ingest", mine),
    )
    for label, found in rows_of:
        t, m, c = (
            statistics.median(r[0] for r in found),
            max(r[1] for r in found),
            statistics.median(r[2] for r in found),
        )
        figures[label] = (t, m)
        print(f"  {label:<46} {t:7.2f} s  CPU {c:6.2f} s  {rows / t / 1e6:6.2f} M rows/s  peak {m / 1e6:7.0f} MB")
    (bt, bm), (ft, _), (ct, _), (mt, mm) = figures.values()
    print(f"  dtikit vs part floor {ft / mt:.2f} (goal >= {goal})   memory ratio {mm / bm:.2f} (goal <= 1.5)")
    print(
        f"  checked floor vs part floor {ft / ct:.2f}: with no rule, name, store or commit, dtikit could reach"
        f" at most that (goal >= {goal})"
    )
    print(f"  throughput ratio to the baseline {bt / mt:.2f}   part floor vs baseline {bt / ft:.2f}")
    return {"part floor": ft, "checked floor": ct, "dtikit": mt}


def _split(order: str, small: tuple[int, dict[str, float]], large: tuple[int, dict[str, float]]) -> None:
    """Each command's time as a fixed part and a part per row, from its medians at two sizes of one run
    (a straight line through both): what the goal at the smaller size leaves dtikit, and what its fixed
    work (start-up, layout, names, convention, the check against the store, the commit) takes of it."""
    (r1, t1), (r2, t2) = small, large
    print(f"  ordered by {order}, each command as fixed + per row (a line through {r1:,} and {r2:,} rows):")
    per_row = {label: (t2[label] - t1[label]) / (r2 - r1) for label in t1}
    for label, rate in per_row.items():
        print(f"    {label:<14} {t1[label] - rate * r1:6.2f} s + {rate * 1e6:5.2f} s per million rows")
    allowed = t1["part floor"] / _goal(r1)
    rows_take = per_row["dtikit"] * r1
    print(
        f"    at {r1:,} rows the goal allows dtikit {allowed:.2f} s; its rows at its own rate take"
        f" {rows_take:.2f} s, leaving {allowed - rows_take:.2f} s for its fixed work"
    )


def main() -> int:
    if sys.argv[1:2] == ["--make"]:
        make_file(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--order", nargs="+", choices=["province", "indicator"], default=["province", "indicator"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-", dir=args.dir))
    compile_dtikit()  # as an installed wheel has them: else each run compiles dtikit's modules (0.15 s)
    try:
        found = {(rows, order): _compare(work, rows, order, args.runs) for rows in args.rows for order in args.order}
        sizes = sorted(set(args.rows))
        if len(sizes) >= 2:
            for order in args.order:
                _split(order, (sizes[0], found[sizes[0], order]), (sizes[-1], found[sizes[-1], order]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
