"""What a small ingest pays beyond its work: modules it never needs, flushes and reads done twice.

``bench/small_ingest.py`` and ``bench/ingest_phases.py`` measure the time; these keep what they found
from coming back. Each ingest here makes a new store from the bundled one, as a first ``dtikit
ingest`` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# read only for a workbook (the cell scans and an XML parser) or for a large file (the one pass)
NOT_FOR_A_TEXT_FILE = (
    "dtikit.ingest.workbook",
    "dtikit.ingest.xlsx_cells",
    "dtikit.ingest.ods_cells",
    "dtikit.ingest.biff",
    "dtikit.ingest.cells",
    "dtikit.ingest.streamed",
    "xml.etree",
    "python_calamine",
)


def _imported(argv: list[str], home: Path) -> list[str]:
    code = (
        "import io, json, sys, contextlib\nfrom dtikit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]))"
    )
    env = {"XDG_DATA_HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}  # a new default store
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    code, modules = json.loads(found.stdout.strip().splitlines()[-1])
    assert code == 0, found.stderr
    return modules


def _unneeded(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(f"{p}.") for p in NOT_FOR_A_TEXT_FILE)]


@pytest.mark.parametrize("file", ["indicators_long_vi.csv", "dti2022_utf16_tab.txt", "dti2022_cp1258.csv"])
def test_a_text_file_is_ingested_without_the_workbook_readers_or_the_one_pass(file, tmp_path):
    modules = _imported(["ingest", str(FIXTURES / file)], tmp_path)
    assert (tmp_path / "dtikit" / "CURRENT").is_file()  # the run did its work
    assert _unneeded(modules) == []


def test_a_workbook_still_finds_its_readers(tmp_path):
    modules = _imported(["ingest", str(FIXTURES / "dti2022.xlsx")], tmp_path)
    assert "dtikit.ingest.workbook" in modules and "dtikit.ingest.xlsx_cells" in modules


STARTS = [b"", b"a,b\n", b"PK\x03", b"\xd0\xcf\x11", b"PAR1", b"\xef\xbb\xbfTinh;Nam", b"PK\x05\x06", b"\xff\xfeT\x00"]


@pytest.mark.parametrize("start", STARTS)
def test_only_bytes_that_start_like_a_workbook_are_read_as_one(start):
    """The text route never imports the workbook readers: it decides by the first bytes alone,
    which must say 'not a workbook' exactly when ``workbook_kind`` would."""
    from dtikit.ingest.read import WORKBOOK_MAGIC
    from dtikit.ingest.workbook import workbook_kind

    for data in (start, start + b"\x00" * 40, start + b"rest of a file"):
        assert (workbook_kind(data) is None) == (not data.startswith(WORKBOOK_MAGIC))
    for magic in WORKBOOK_MAGIC:
        assert workbook_kind(magic + b"\x00" * 40) is not None


# a file flushed under another name: written beside, flushed, then renamed into place
WRITTEN_BESIDE = {".manifest.json.tmp": "manifest.json"}


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names an open file by /proc/self/fd")
def test_each_file_of_a_new_version_is_flushed_to_disk_once(tmp_path, monkeypatch):
    """A new store's version: every file on disk before ``CURRENT`` names it, none flushed twice
    (the manifest was: by ``manifest.write``, then again by ``_seal``)."""
    from dtikit.ingest.run import Options, ingest

    flushed: Counter[str] = Counter()
    fsync = os.fsync

    def counted(fd: int) -> None:
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name
        flushed[WRITTEN_BESIDE.get(name, name)] += 1
        fsync(fd)

    monkeypatch.setattr(os, "fsync", counted)
    root = tmp_path / "store"
    result = ingest([str(FIXTURES / "indicators_long_vi.csv")], str(root), Options())
    assert result.written
    version = root / (root / "CURRENT").read_text().strip()
    files = sorted(p.name for p in version.iterdir())
    assert "manifest.json" in files and "values.parquet" in files
    assert {name: n for name, n in flushed.items() if n > 1} == {}
    assert [f for f in files if f not in flushed] == []
    assert [f for f in files if (version / f).stat().st_mode & 0o222] == []  # sealed read-only


def test_an_ingest_reads_each_table_once(tmp_path, monkeypatch):
    """The store is read by one ``Store`` (its tables cached) from the check to the commit when nothing
    changed meanwhile, and the bundled catalog (the ids an ingest never renames) by the same one when
    it is the store: each file is read once."""
    import polars as pl

    from dtikit.ingest.run import Options, ingest

    reads: Counter[str] = Counter()
    read_parquet = pl.read_parquet

    def counted(source, *args, **kwargs):
        reads[str(source)] += 1
        return read_parquet(source, *args, **kwargs)

    monkeypatch.setattr(pl, "read_parquet", counted)
    root = tmp_path / "store"
    for file in ("indicators_long_vi.csv", "indicators_long_en.csv"):  # a new store, then the one it made
        reads.clear()
        assert ingest([str(FIXTURES / file)], str(root), Options()).written
        assert "indicators.parquet" in {Path(r).name for r in reads}
        assert {r: n for r, n in reads.items() if n > 1} == {}


def _long_file(folder: Path, rows: int) -> Path:
    """The benchmark's long CSV of ``rows`` new values: provinces x years x new indicators."""
    file = folder / f"long-{rows}.csv"
    make = Path(__file__).parent.parent / "bench" / "store_queries.py"
    subprocess.run([sys.executable, str(make), "--make", str(file), str(rows), "province"], check=True)
    return file


def test_each_cell_text_is_keyed_once(tmp_path, monkeypatch):
    """A table's cells are keyed (``header_key``) to find a header repeated below the data and rows of
    statistics: 3,000 rows gave 12,600 keys of 1,100 texts, each folded anew. Each text is keyed once."""
    from dtikit.ingest import headers
    from dtikit.ingest.run import Options, ingest

    for cached in (headers.header_key, headers.is_aggregate):
        getattr(cached, "cache_clear", lambda: None)()
    keyed: Counter[str] = Counter()
    words = headers.words

    def counted(text: str) -> list[str]:
        keyed[text] += 1
        return words(text)

    monkeypatch.setattr(headers, "words", counted)
    file = _long_file(tmp_path, 3000)
    result = ingest([str(file)], str(tmp_path / "store"), Options(new_indicators=True), dry_run=True)
    assert result.counts["add"] > 0
    assert sum(keyed.values()) > 100  # the layout was found through the keys
    assert {text: n for text, n in keyed.items() if n > 1} == {}


def _counting_plans(monkeypatch) -> list[int]:
    from dtikit.ingest import run

    made = []
    plan = run.plan

    def counted(*args, **kwargs):
        made.append(1)
        return plan(*args, **kwargs)

    monkeypatch.setattr(run, "plan", counted)
    return made


def test_the_plan_is_made_once_when_the_store_is_as_checked(tmp_path, monkeypatch):
    from dtikit.ingest.run import Options, ingest

    made = _counting_plans(monkeypatch)
    result = ingest([str(_long_file(tmp_path, 300))], str(tmp_path / "store"), Options(new_indicators=True))
    assert result.written and result.counts["add"] > 0
    assert len(made) == 1


def test_a_store_changed_while_the_files_were_checked_is_planned_again(tmp_path, monkeypatch):
    """Another ingest commits the same values between the check and the lock: the commit plans against
    the store as it is then (every value already held), not the plan made before."""
    import shutil

    from dtikit.ingest import run

    root, file, other = tmp_path / "store", _long_file(tmp_path, 300), tmp_path / "again.csv"
    shutil.copyfile(file, other)
    fresh = run._fresh

    def meanwhile(store, checks, notes):
        monkeypatch.setattr(run, "_fresh", fresh)  # the other ingest checks as usual
        assert run.ingest([str(other)], str(root), run.Options(new_indicators=True)).written
        return fresh(store, checks, notes)

    monkeypatch.setattr(run, "_fresh", meanwhile)
    made = _counting_plans(monkeypatch)
    result = run.ingest([str(file)], str(root), run.Options(new_indicators=True))
    assert result.counts["add"] == 0 and result.counts["same"] > 0, result.counts
    values = run.Store(root).values()
    assert values.height == values.unique(["geography", "province", "year", "indicator", "period"]).height
    assert len(made) == 3  # the other ingest's, this one's before the lock, and again under it


@pytest.mark.parametrize("command", ["ingest", "validate"])
def test_the_imported_are_left_out_of_the_collector_s_passes(command, tmp_path):
    """An ingest's reading allocates enough to start a full collection, which walked every object
    of the modules imported (about 25 ms): they are frozen once imported, and no full pass runs."""
    file = _long_file(tmp_path, 3000)
    code = (
        "import gc, io, json, sys, contextlib\nfull = []\n"
        "gc.callbacks.append(lambda phase, info: full.append(phase == 'stop' and info['generation'] == 2))\n"
        "from dtikit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main([{command!r}, {str(file)!r}, '--new-indicators'])\n"
        "print(json.dumps([code, sum(full), gc.get_freeze_count()]))"
    )
    env = {"XDG_DATA_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    code, full, frozen = json.loads(found.stdout.strip().splitlines()[-1])
    assert code == 0, found.stderr
    assert frozen > 20_000 and full == 0  # about 49,000 objects frozen


def test_a_commit_counts_the_rows_of_its_new_files_in_one_query(tmp_path, monkeypatch):
    """The manifest records each new file's rows: read from the footers in one query, not one a file
    (ten for a new store), and the same counts as each file read whole."""
    import polars as pl

    from dtikit.ingest.run import Options, ingest
    from dtikit.storage import writing

    queries = []
    collect, collect_all = pl.LazyFrame.collect, pl.collect_all
    write_manifest = writing.write_manifest

    def counted(*args, **kwargs):
        monkeypatch.setattr(pl.LazyFrame, "collect", lambda self, **k: queries.append(1) or collect(self, **k))
        monkeypatch.setattr(
            pl, "collect_all", lambda frames, **k: queries.append(len(frames)) or collect_all(frames, **k)
        )
        try:
            return write_manifest(*args, **kwargs)
        finally:
            monkeypatch.setattr(pl.LazyFrame, "collect", collect)
            monkeypatch.setattr(pl, "collect_all", collect_all)

    monkeypatch.setattr(writing, "write_manifest", counted)
    root = tmp_path / "store"
    assert ingest([str(FIXTURES / "indicators_long_vi.csv")], str(root), Options()).written
    version = root / (root / "CURRENT").read_text().strip()
    recorded = json.loads((version / "manifest.json").read_text())["tables"]
    assert len(queries) == 1 and queries[0] == len(recorded) >= 9
    assert {name: entry["rows"] for name, entry in recorded.items()} == {
        name: pl.read_parquet(version / name).height for name in recorded
    }


def test_a_process_freezes_once(tmp_path, monkeypatch):
    """A process that runs many commands (this test session) freezes once: the garbage of the moment
    of a later command is left to the collector."""
    import gc

    from dtikit.cli.ingest_commands import _settled

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 0)
    _settled()
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 49_000)
    _settled()
    _settled()
    assert frozen == [1]


def _engines(monkeypatch) -> Counter[str | None]:
    """The engine affinity each query of the process ran under (``None``: Polars' default)."""
    import polars as pl

    seen: Counter[str | None] = Counter()
    collect, collect_all = pl.LazyFrame.collect, pl.collect_all

    def affinity() -> str | None:
        return os.environ.get("POLARS_ENGINE_AFFINITY")

    monkeypatch.setattr(pl.LazyFrame, "collect", lambda self, **k: seen.update([affinity()]) or collect(self, **k))
    monkeypatch.setattr(pl, "collect_all", lambda frames, **k: seen.update([affinity()]) or collect_all(frames, **k))
    return seen


def test_a_small_file_s_queries_run_in_memory_and_a_large_file_s_stream(tmp_path, monkeypatch):
    """A file read into memory is checked, planned and committed by the in-memory engine (the
    streaming engine's start cost a 3,000-row ingest 35-45 ms); a file streamed into a part keeps
    the default engine for every query, so that its memory does not grow with the file. Polars'
    setting is as it was after either, and after a refused ingest."""
    from dtikit.ingest.run import ConflictsRefused, Options, ingest

    monkeypatch.delenv("POLARS_ENGINE_AFFINITY", raising=False)
    file = _long_file(tmp_path, 3000)
    seen = _engines(monkeypatch)
    assert ingest([str(file)], str(tmp_path / "small"), Options(new_indicators=True)).counts["add"] == 3000
    assert seen["in-memory"] > 20 and seen["in-memory"] > 4 * seen[None], seen
    assert "POLARS_ENGINE_AFFINITY" not in os.environ

    changed = tmp_path / "changed.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    changed.write_text("\n".join([lines[0], lines[1].rsplit(";", 1)[0] + ";99,5", ""]), encoding="utf-8")
    with pytest.raises(ConflictsRefused):
        ingest([str(changed)], str(tmp_path / "small"), Options())
    assert "POLARS_ENGINE_AFFINITY" not in os.environ

    seen.clear()
    monkeypatch.setenv("DTIKIT_STREAM_BYTES", "0")  # the one pass, as for a file of 16 MB or more
    result = ingest([str(file)], str(tmp_path / "large"), Options(new_indicators=True))
    assert result.counts["add"] == 3000
    assert seen[None] > 0 and set(seen) == {None}, seen
