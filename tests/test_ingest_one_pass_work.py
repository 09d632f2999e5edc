"""What the one-pass route (``dtikit.ingest.streamed``) does beside writing the part: each step that
reads the rows again is one the file needs, and says what the general checks say."""

from __future__ import annotations

import contextlib

import pytest

from dtikit.storage import Store
from tests.test_ingest_streamed import _comparable, write

HEADER = ["Tỉnh", "Năm", "Chỉ tiêu", "Giá trị"]
ROWS = [
    ["Hà Nội", "2024", "chi_so_a", "1,5"],
    ["Kon Tum", "2024", "chi_so_a", "2,5"],
    ["Hà Nội", "2024", "chi_so_b", "3"],
]


@pytest.fixture
def cli(cli):
    def run(*args: str):
        return cli(*args, "--geography", "63") if args[0] == "ingest" else cli(*args)

    return run


def _notes(err: str) -> list[str]:
    return [n for n in err.splitlines() if "read as" not in n]


def test_a_part_without_a_text_of_its_own_is_not_read_again_for_runnable_texts(cli, tmp_path, monkeypatch):
    """Its units, periods and column header can only be texts checked before the pass: no scan."""
    from dtikit.ingest import read, run

    scanned = []
    real = run.runnable_note
    monkeypatch.setattr(run, "runnable_note", lambda *a: scanned.append(a[1]) or real(*a))
    monkeypatch.setattr(read, "STREAM_BYTES", 0)
    file = write(tmp_path / "plain.csv", ";", HEADER, ROWS)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert len(Store(tmp_path / "store").parts()) == 1  # the one-pass route
    assert scanned == []


# a header, rows, the options given, and whether a text a spreadsheet would run is said
RUNNABLE = {
    "unit column": (
        [*HEADER, "Đơn vị"],
        [[*ROWS[0], "=HYPERLINK(1)"], [*ROWS[1], "%"], [*ROWS[2], "@SUM(1)"]],
        [],
        True,
    ),
    "source column": ([*HEADER, "Nguồn"], [[*ROWS[0], ""], [*ROWS[1], "+cmd|x"], [*ROWS[2], "báo cáo"]], [], True),
    "period column": ([*HEADER, "Kỳ"], [[*ROWS[0], "=1+1"], *ROWS[1:]], [], True),
    "unit given": (HEADER, ROWS, ["--unit", "@unit"], True),
    "plain unit given": (HEADER, ROWS, ["--unit", "hồ sơ"], False),
    "plain unit column": ([*HEADER, "Đơn vị"], [[*r, "hồ sơ"] for r in ROWS], [], False),
    "no text": (HEADER, ROWS, [], False),
}


@pytest.mark.parametrize("case", sorted(RUNNABLE))
def test_texts_a_spreadsheet_would_run_are_said_by_both_routes_alike(cli, tmp_path, monkeypatch, case):
    from dtikit.ingest import read

    header, rows, options, runnable = RUNNABLE[case]
    file = write(tmp_path / "file.csv", ";", header, rows)
    general = cli("ingest", str(file), "--data", str(tmp_path / "general"), *options)
    assert general.code == 0, general.err
    monkeypatch.setattr(read, "STREAM_BYTES", 0)
    one_pass = cli("ingest", str(file), "--data", str(tmp_path / "one_pass"), *options)
    assert one_pass.code == 0, one_pass.err
    assert len(Store(tmp_path / "one_pass").parts()) == 1  # the one-pass route
    assert _notes(one_pass.err) == _notes(general.err)
    assert ("spreadsheet would run" in general.err) == runnable, general.err
    for table in ("observations", "values", "indicators"):
        stored = (_comparable(Store(tmp_path / n).table(table)) for n in ("one_pass", "general"))
        assert next(stored).equals(next(stored)), table


# the legend's colour for a node of the in-memory engine (``LazyFrame.show_graph``)
IN_MEMORY = 'fillcolor="0.0 0.3 1.0"'


@pytest.mark.parametrize("head", [1 << 20, 100], ids=["names_known", "names_learnt"])
def test_the_pass_reads_the_file_once_and_streams_every_expression(cli, tmp_path, monkeypatch, head):
    """The part and the keys of its rows come from one scan of the file, and no step of that query
    falls back to the in-memory engine, which holds a whole column (``replace_strict`` did, once per
    lookup: 400 MB each at 10M rows). Ranks, indices with a first year and new indicators, with and
    without a learning pass (first rows of 100 bytes), whose keys are read back from the part."""
    import polars as pl

    from dtikit.ingest import read, streamed

    graphs = []
    real = pl.collect_all

    def collect_all(frames, **options):
        frames = list(frames)  # a part's sink, then queries to collect (as sinks, to be drawn with it)
        sinks = [
            frames[0],
            *(f.sink_parquet(tmp_path / f"drawn{n}.parquet", lazy=True) for n, f in enumerate(frames[1:])),
        ]
        with contextlib.suppress(ValueError):  # no sink first: not a pass (the texts of a part, ``_met``)
            graph = real(sinks, lazy=True).show_graph(engine="streaming", plan_stage="physical", raw_output=True)
            graphs.append(graph)
        return real(frames, **options)

    monkeypatch.setattr(pl, "collect_all", collect_all)
    monkeypatch.setattr(streamed, "HEAD_BYTES", head)
    monkeypatch.setattr(read, "STREAM_BYTES", 0)
    rows = [*ROWS, ["Kon Tum", "2025", "dti_rank", "35"], ["Kon Tum", "2025", "dti", "0,5412"]]
    file = write(tmp_path / "file.csv", ";", HEADER, rows)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert len(Store(tmp_path / "store").parts()) == 1
    known = head > len(file.read_bytes())
    assert len(graphs) == (1 if known else 2)  # else stopped at a name not known, then learning
    for n, graph in enumerate(graphs):
        nodes = [line for line in graph.splitlines() if "label=<" not in line]  # not the legend
        assert not [node for node in nodes if IN_MEMORY in node], graph
        assert len([node for node in nodes if "multi-scan[csv]" in node]) == 1, graph
        assert len([node for node in nodes if "parquet-sink" in node]) == (2 if known or n == 0 else 1), graph


def test_a_cell_beyond_the_header_is_one_with_a_character_strip_would_keep():
    """``is_beyond`` reads a regular expression: it agrees with stripping every cell, for every code point."""
    import polars as pl

    from dtikit.ingest.ragged import is_beyond

    points = [chr(n) for n in range(0x110000) if not 0xD800 <= n < 0xE000]
    cells = pl.DataFrame({"c4": [*points, *(f" {c} " for c in points[:300]), "", None, " \u00a0\u3000 "]})
    stripped = cells.select(pl.col("c4").fill_null("").str.strip_chars() != "")["c4"]
    assert cells.select(is_beyond(4))["c4"].equals(stripped)


def test_keys_are_held_in_32_bits_only_when_every_key_fits():
    from types import SimpleNamespace

    import polars as pl

    from dtikit.ingest.streamed import YEARS, _key, _narrow

    provinces = [f"p{n}" for n in range(70)]
    for indicators, dtype in ((1 << 32) // (70 * YEARS), pl.UInt32), ((1 << 32) // (70 * YEARS) + 1, pl.UInt64):
        names = SimpleNamespace(canonical=provinces, ids=dict.fromkeys(range(indicators)))
        last = pl.DataFrame({"i": [indicators - 1], "p": [69], "y": [1900 + YEARS - 1]})
        keys = last.select(key=_narrow(_key(pl.col("i"), pl.col("p"), pl.col("y"), names), names))["key"]
        assert keys.dtype == dtype and keys.item() == indicators * 70 * YEARS - 1
