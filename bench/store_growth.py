"""What a store costs on disk after many tiny ingests: its size, and how much of it is manifests.

Each ingest gives one value of one indicator again, with another value (``--replace``), so every
version changes the main tables by one row. Before 2026-12-06 every version's ``manifest.json``
repeated the whole log: the manifests grew with the square of the number of versions.

    python bench/store_growth.py [--ingests 500] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _size(root: Path) -> tuple[int, int]:
    """Bytes of the store (each file once, however many versions link it) and of its manifests."""
    seen: set[tuple[int, int]] = set()
    total = manifests = 0
    for folder, _, files in os.walk(root):
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_size
            manifests += stat.st_size if name == "manifest.json" else 0
    return total, manifests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingests", type=int, default=500)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    from dtikit.cli import main as dtikit

    work = Path(tempfile.mkdtemp(prefix="dtikit-bench-growth-", dir=args.dir))
    root = work / "store"
    try:
        started = time.perf_counter()
        for k in range(args.ingests):
            file = work / f"tiny-{k}.csv"
            file.write_text(f"Tỉnh,Năm,Chỉ tiêu,Giá trị\nKon Tum,2022,so_lieu_nho,{k}.5\n", encoding="utf-8")
            options = ["--data", str(root), "--replace", "--new-indicators"]
            said = io.StringIO()
            with contextlib.redirect_stderr(said):  # the notes of 500 ingests
                code = dtikit(["ingest", str(file), *options])
            if code != 0:
                raise SystemExit(f"ingest {k} failed: {said.getvalue()}")
            file.unlink()
        seconds = time.perf_counter() - started
        total, manifests = _size(root)
        size = f"store {total / 1e6:.1f} MB, manifests {manifests / 1e6:.1f} MB"
        print(f"{args.ingests} ingests in {seconds:.0f} s: {size}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
