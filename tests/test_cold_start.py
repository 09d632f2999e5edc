"""What a command pays before its work: only the modules it needs, and no annotation parsed at run time.

Each run is a fresh process (``sys.modules`` inspected after ``dtikit.cli.main``): a module imported at
the top of a shared one would otherwise be paid by every command (bench/cold_start.py measures the
time; these keep what it found from coming back).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# needed only by the commands that draw, write Word or Excel files, ingest, or show rich output
NOT_FOR_QUERIES = (
    "matplotlib",
    "docx",
    "openpyxl",
    "rich",
    "xml.sax",
    "urllib.request",
    "http",
    "ssl",
    "dtikit.ingest",
    "dtikit.report",
    "dtikit.word",
    "dtikit.charts",
    "dtikit.pictures",
    "dtikit.tilemap",
    "dtikit.build",
    "dtikit.storage.versions",
    "dtikit.storage.writing",
    "dtikit.cli.ingest_commands",
    "dtikit.cli.store_commands",
)
QUERIES = {
    "rank": ["rank", "--year", "2022"],
    "gap": ["gap", "--province", "Kon Tum", "--target", "30", "--year", "2022"],
    "profile": ["profile", "--province", "Kon Tum"],
    "compare": ["compare", "Kon Tum", "Gia Lai"],
    "trend": ["trend"],
    "targets": ["targets"],
    "sources": ["sources", "--province", "Kon Tum"],
}


def _imported(argv: list[str], tmp_path) -> list[str]:
    code = (
        "import io, json, sys, contextlib\nfrom dtikit.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    code = main({argv!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]))"
    )
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}  # the bundled store
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    code, modules = json.loads(found.stdout.strip().splitlines()[-1])
    assert code == 0, found.stderr
    return modules


def _unneeded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(f"{p}.") for p in prefixes)]


@pytest.mark.parametrize("command", sorted(QUERIES))
def test_a_query_imports_only_what_it_needs(command, tmp_path):
    modules = _imported([*QUERIES[command], "--format", "csv"], tmp_path)
    assert "polars" in modules  # the run did its work
    assert _unneeded(modules, NOT_FOR_QUERIES) == []


@pytest.mark.parametrize("argv", [["--help"], ["rank", "--help"], ["store", "--help"], ["ingest", "--help"]])
def test_help_imports_neither_polars_nor_what_queries_need_not(argv, tmp_path):
    unneeded = ("polars", "numpy", "pyarrow", *NOT_FOR_QUERIES[:-2])  # help lists every command
    assert _unneeded(_imported(argv, tmp_path), unneeded) == []


def test_the_unneeded_are_found_where_imported():
    assert _unneeded(
        ["matplotlib.pyplot", "dtikit.ingest", "dtikit.ingestx", "http"], ("matplotlib", "dtikit.ingest", "http")
    ) == [
        "matplotlib.pyplot",
        "dtikit.ingest",
        "http",
    ]


def test_typer_reads_the_commands_annotations_as_objects():
    """An annotation held as text (``from __future__ import annotations``) is parsed and evaluated by
    ``typing.get_type_hints`` in every run of the command (about 3 ms each)."""
    from dtikit.cli import app, commands, ingest_commands, store_commands

    texts = []
    for module in (app, commands, ingest_commands, store_commands):
        for name, function in vars(module).items():
            if callable(function) and getattr(function, "__module__", None) == module.__name__:
                texts += [
                    f"{module.__name__}.{name}"
                    for a in getattr(function, "__annotations__", {}).values()
                    if isinstance(a, str)
                ]
    assert texts == []


@pytest.mark.parametrize("command", ["rank", "gap", "profile", "compare", "targets"])
def test_a_query_computes_its_ranks_once(command, monkeypatch, tmp_path, capsys):
    """``profile`` asks for the ranks of its index and parts, then of each one (its contradictions), ``gap``
    for the index's, then the parts': the narrower asks are rows of the wider one, not computed again."""
    from dtikit import ranks
    from dtikit.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("DTIKIT_DATA", raising=False)
    computed = []
    ranks_of = ranks._ranks_of
    monkeypatch.setattr(ranks, "_ranks_of", lambda *a: computed.append([i.id for i in a[1]]) or ranks_of(*a))
    assert main([*QUERIES[command], "--format", "csv"]) == 0
    assert len(computed) == 1, computed


def test_a_narrower_ask_gives_what_a_fresh_store_gives(monkeypatch, tmp_path):
    from polars.testing import assert_frame_equal

    from dtikit.profile import index_measures
    from dtikit.ranks import ranks_of
    from dtikit.storage import Store

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("DTIKIT_DATA", raising=False)
    measures = index_measures(Store(None))
    for geography in sorted(set(Store(None).provinces()["geography"])):
        wide = Store(None)
        ranks_of(wide, measures, geography)
        for measure in measures:
            assert_frame_equal(ranks_of(wide, [measure], geography), ranks_of(Store(None), [measure], geography))
            ids = [measure.id, measure.rank_id or ""]
            fresh = Store(None).values(indicators=ids, geography=geography)
            assert_frame_equal(wide.values(indicators=ids, geography=geography), fresh)


COLLECTIONS = """
import atexit, gc, sys
passes = []
gc.callbacks.append(lambda phase, info: phase == "stop" and passes.append(info["generation"]))
atexit.register(lambda: print("passes", len(passes), "threshold", gc.get_threshold()[0], file=sys.stderr))
sys.argv = ["dtikit", *sys.argv[1:]]
from dtikit.cli import run
passes.clear()  # those of importing dtikit.cli itself (the standard library's modules) are before run
run()
"""


@pytest.mark.parametrize("name", ["rank", "profile"])
def test_a_command_line_starts_without_passes_of_the_collector(name):
    """The imports of a command line leave objects that live until it ends: the console entry collects
    after ``COLLECT_AFTER`` allocations, so a query's process runs no pass over them (about 110 before)."""
    found = subprocess.run(
        [sys.executable, "-c", COLLECTIONS, *QUERIES[name], "--format", "csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert found.stdout.count("\n") > 3  # the table was written
    assert "passes 0 threshold 100000" in found.stderr, found.stderr


LEFT_AT_EXIT = """
import atexit, gc, sys
# atexit handlers run before the exit's collections: what they would walk is what is not frozen
atexit.register(lambda: print("left for the collector", len(gc.get_objects()), file=sys.stderr))
sys.argv = ["dtikit", *sys.argv[1:]]
from dtikit.cli import run
run()
"""


@pytest.mark.parametrize("case", ["query", "ingest", "usage error"])
def test_a_command_line_leaves_nothing_for_the_collector_at_exit(case, tmp_path):
    """Python's exit runs full collections over every object alive (about 80,000 after a query, 50-100 ms):
    the console entry freezes them once the command is done, whatever its exit code, and its output is
    all there."""
    table = tmp_path / "one.csv"
    table.write_text("Tỉnh,Năm,Chỉ tiêu,Giá trị\nKon Tum,2022,chi_moi,4\n", encoding="utf-8")
    args, code = {
        "query": ([*QUERIES["rank"], "--format", "csv"], 0),
        "ingest": (["ingest", str(table), "--data", str(tmp_path / "store"), "--new-indicators"], 0),
        "usage error": (["rank", "--year", "twenty"], 2),
    }[case]
    found = subprocess.run(
        [sys.executable, "-c", LEFT_AT_EXIT, *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert found.returncode == code, found.stderr
    assert found.stderr.rstrip().endswith("left for the collector 0"), found.stderr
    if case == "query":
        assert found.stdout.count("\n") == 64  # the header and the 63 provinces
    if case == "ingest":
        assert "added 1" in found.stderr


def test_the_library_keeps_python_s_collector_settings():
    import gc

    from dtikit.cli import main

    before = gc.get_threshold()
    assert main(["rank", "--year", "2022", "--format", "csv"]) == 0
    assert gc.get_threshold() == before
