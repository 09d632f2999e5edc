"""What the one-pass route (``dtikit.ingest.streamed``) does beside writing the part: each step that
reads the rows again is one the file needs, and says what the general checks say."""

from __future__ import annotations

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
def test_the_pass_streams_every_expression(cli, tmp_path, monkeypatch, head):
    """No step of the one-pass query falls back to the in-memory engine, which holds a whole column
    (``replace_strict`` did, once per lookup: 400 MB each at 10M rows). Ranks, indices with a first
    year and new indicators, with and without a learning pass (first rows of 100 bytes)."""
    from dtikit.ingest import read, streamed

    graphs = []
    real = streamed._written

    def written(sink, part, row_group):
        graphs.append(sink.show_graph(engine="streaming", plan_stage="physical", raw_output=True))
        return real(sink, part, row_group)

    monkeypatch.setattr(streamed, "_written", written)
    monkeypatch.setattr(streamed, "HEAD_BYTES", head)
    monkeypatch.setattr(read, "STREAM_BYTES", 0)
    rows = [*ROWS, ["Kon Tum", "2025", "dti_rank", "35"], ["Kon Tum", "2025", "dti", "0,5412"]]
    file = write(tmp_path / "file.csv", ";", HEADER, rows)
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert len(Store(tmp_path / "store").parts()) == 1
    assert len(graphs) == (1 if head > len(file.read_bytes()) else 2)  # stopped at a name, then learning
    assert all("csv" in g.lower() for g in graphs)  # each the query that reads the file
    for graph in graphs:
        nodes = [line for line in graph.splitlines() if "label=<" not in line]  # not the legend
        assert not [n for n in nodes if IN_MEMORY in n], graph
