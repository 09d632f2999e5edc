"""``dtikit.storage.transaction``: the one way to write a store, and the command line its log records."""

from __future__ import annotations

import os

import polars as pl
import pytest

from dtikit.storage import Store, transaction
from dtikit.storage.versions import log
from tests.conftest import BIN


def _catalog_with_note(store: Store, note: str) -> pl.DataFrame:
    return store.indicators().with_columns(pl.lit(note).alias("name_en"))


def test_a_transaction_left_without_commit_writes_no_version(tmp_path):
    root = tmp_path / "store"
    with transaction(root) as tx:
        tx.write("indicators", _catalog_with_note(tx.store, "never"))
    assert not (root / "CURRENT").exists()
    assert sorted(p.name for p in root.iterdir()) == [".lock"]


def test_a_transaction_stopped_by_an_error_leaves_the_store_as_it_was(tmp_path):
    root = tmp_path / "store"
    with transaction(root) as tx:
        tx.write("indicators", _catalog_with_note(tx.store, "first"))
        tx.commit({"action": "first"})
    with pytest.raises(RuntimeError), transaction(root) as tx:
        tx.write("indicators", _catalog_with_note(tx.store, "second"))
        raise RuntimeError("stopped")
    assert Store(root).version == 1
    assert set(Store(root).indicators()["name_en"]) == {"first"}


def test_a_commit_links_the_tables_it_does_not_write_and_records_the_command_given(tmp_path):
    root = tmp_path / "store"
    with transaction(root, command=["indicators", "set", "x"]) as tx:
        tx.write("indicators", _catalog_with_note(tx.store, "first"))
        tx.commit({"action": "first"})
    with transaction(root, command=["ingest", "a b.csv"]) as tx:
        tx.write("indicators", _catalog_with_note(tx.store, "second"))
        tx.commit({"action": "second", "added": 3})
    one, two = root / "gen-000001", root / "gen-000002"
    assert (one / "values.parquet").stat().st_ino == (two / "values.parquet").stat().st_ino  # linked, not copied
    assert (one / "indicators.parquet").stat().st_ino != (two / "indicators.parquet").stat().st_ino
    assert Store(root).values().equals(Store().values())
    said = log(root)
    assert said["command"].to_list() == ["dtikit indicators set x", "dtikit ingest 'a b.csv'"]
    assert said["added"].to_list() == [0, 3]


def test_the_cli_records_the_command_line_it_was_given(cli, tmp_path):
    from tests.test_store import KONTUM_44

    path = tmp_path / "kontum.csv"
    path.write_text(KONTUM_44, encoding="utf-8")
    root = tmp_path / "store"
    assert cli("ingest", str(path), "--data", str(root), "--replace").code == 0
    assert cli("store", "undo", "--data", str(root)).code == 0
    commands = log(root)["command"].to_list()
    assert commands == [f"dtikit ingest {path} --data {root} --replace", f"dtikit store undo --data {root}"]


# the section of each page that reads a store without dtikit
PAGES = {
    "storage": ("docs/storage.md", "## Reading it without dtikit"),
    "guide": ("docs/guides/store.md", "## The store's files, as an interface"),
}


def _blocks(page: str, kind: str) -> list[str]:
    """The ``kind`` code blocks of a page's section on reading the store without dtikit."""
    from pathlib import Path

    name, heading = PAGES[page]
    text = (Path(__file__).resolve().parents[1] / name).read_text(encoding="utf-8")
    section = text.split(heading)[1].split("\n## ")[0]
    return [block.split("```")[0] for block in section.split(f"```{kind}\n")[1:]]


def _store_with_a_part(cli, tmp_path, monkeypatch, how: str = "one part"):
    """A store holding the bundled values and a part (a plain long file, streamed); ``how``: then the
    same rows given again in another order (the first part superseded), and then one of the part's
    values given again with another value (masked in both parts, the value in the main tables), or
    ten of them (more than a tenth of the part's rows: the parts written anew without them)."""
    provinces = Store().provinces().filter(pl.col("geography") == 63)["province"].to_list()
    rows = [f"{p};2022;chi_moi;{k},5" for k, p in enumerate(provinces)]
    monkeypatch.setenv("DTIKIT_STREAM_BYTES", "1000")
    root = tmp_path / "store"
    steps = [("long.csv", rows, ["--new-indicators"])]
    if how in ("given again", "replaced", "replaced many"):
        steps.append(("again.csv", rows[::-1], []))
    if how == "replaced":
        steps.append(("one.csv", [f"{provinces[0]};2022;chi_moi;99,25"], ["--replace"]))
    if how == "replaced many":
        steps.append(("ten.csv", [f"{p};2022;chi_moi;9{k},25" for k, p in enumerate(provinces[:10])], ["--replace"]))
    for name, lines, options in steps:
        path = tmp_path / name
        path.write_text("\n".join(["Tỉnh;Năm;Chỉ tiêu;Giá trị", *lines]) + "\n", encoding="utf-8")
        done = cli("ingest", str(path), "--data", str(root), *options)
        assert done.code == 0, done.err
    store = Store(root)
    assert store.parts(), "the file was meant to be kept as a part"
    log = store.ingests().filter(pl.col("part").is_not_null())
    assert log["superseded"].fill_null(False).any() == (how != "one part")
    assert any("-v" in p for p in log["part"]) == (how == "replaced many")
    masked = store.masks()
    assert masked.height == (2 if how == "replaced" else 0)  # the key, in the part and the one it repeats
    assert (store.tables / "masks.parquet").is_file()  # a version with parts has the table readers join
    return root


HOWS = ["one part", "given again", "replaced", "replaced many"]


def _held(store: Store, indicator: str) -> list[tuple]:
    rows = store.values(indicators=[indicator], years=[2022], geography=63)
    return list(rows.sort(["value", "province"], descending=[True, False]).select("province", "value").iter_rows())


@pytest.mark.parametrize("how", HOWS)
def test_the_docs_read_the_current_version_as_dtikit_reads_it_in_polars_and_duckdb(cli, tmp_path, monkeypatch, how):
    """The examples of docs/storage.md, over a store with a part, a part given again (superseded:
    reading every part-*.parquet would count each value twice) and a part written anew."""
    import duckdb

    root = _store_with_a_part(cli, tmp_path, monkeypatch, how)
    store = Store(root)
    (python,) = _blocks("storage", "python")[:1]
    # the example reads the store the command line reads (dtikit store path): this one, with dtikit on PATH
    monkeypatch.setenv("DTIKIT_DATA", str(root))
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    code = python.replace("print(", "found = (")
    scope: dict = {}
    exec(compile(code, "docs/storage.md", "exec"), scope)
    want = store.values(geography=63).select("province", "year", "indicator", "value").sort(pl.all())
    got = scope["values"].collect().sort(pl.all())
    assert got.equals(want)
    (sql,) = _blocks("storage", "sql")
    version = str(store.tables).replace("'", "''")
    for indicator in ("dti", "chi_moi"):
        query = sql.replace("STORE/gen-000003", version).replace("'dti'", f"'{indicator}'")
        rows = duckdb.sql(query).fetchall()
        assert rows == _held(store, indicator) and rows


@pytest.mark.parametrize("how", HOWS)
def test_the_store_guide_reads_the_current_version_as_dtikit_reads_it(cli, tmp_path, monkeypatch, how):
    """The examples of docs/guides/store.md (the main table alone, then with the parts, in DuckDB;
    the same in Polars), over the stores of the test above."""
    import duckdb

    root = _store_with_a_part(cli, tmp_path, monkeypatch, how)
    store = Store(root)
    version = str(store.tables).replace("'", "''")
    alone, both = _blocks("guide", "sql")
    rows = duckdb.sql(alone.replace("STORE/gen-000001", version)).fetchall()
    held = store.values(indicators=["dti_rank"], years=[2022], geography=63).sort("value", "province")
    assert rows == list(held.select("province", "value").iter_rows()) and rows
    rows = duckdb.sql(both.replace("STORE/gen-000001", version).replace("'ind_05000'", "'chi_moi'")).fetchall()
    assert rows == _held(store, "chi_moi") and len(rows) == 63
    (python,) = _blocks("guide", "python")
    monkeypatch.setenv("DTIKIT_DATA", str(root))
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    scope: dict = {}
    exec(compile(python.replace('"dti_rank"', '"chi_moi"'), "docs/guides/store.md", "exec"), scope)
    got = scope["ranks"].sort("value", "province", descending=[True, False])
    assert list(got.iter_rows()) == _held(store, "chi_moi")


def test_the_logged_command_line_is_quoted_as_the_systems_shell_reads_it_back():
    """On Windows the log's command is pasted into cmd or PowerShell, which read double quotes,
    not the single quotes of a POSIX shell ('S:\\kho' would keep its quotes in cmd)."""
    import shlex
    import subprocess

    from dtikit.storage.writing import command_line

    args = ["ingest", r"C:\Kho dữ liệu\số liệu 2024.csv", "--data", r"S:\Phòng CĐS\kho"]
    windows = command_line(args, windows=True)
    assert windows == r'dtikit ingest "C:\Kho dữ liệu\số liệu 2024.csv" --data "S:\Phòng CĐS\kho"'
    assert "'" not in windows
    posix = command_line(args, windows=False)
    assert shlex.split(posix) == ["dtikit", *args]
    assert command_line(args) == (subprocess.list2cmdline if os.name == "nt" else shlex.join)(["dtikit", *args])
