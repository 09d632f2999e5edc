"""The store people can trust: a default store, versions kept, log, check, undo, prune, and broken
stores answered in one line naming the file and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KONTUM_44 = "Tỉnh,Năm,Xếp hạng\nKon Tum,2022,44\n"
QUERIES = [
    ["rank", "--year", "2022"],
    ["gap", "--province", "Kon Tum", "--target", "30", "--year", "2022"],
    ["sources", "--province", "Kon Tum"],
    ["profile", "--province", "Kon Tum"],
    ["compare", "Kon Tum", "Gia Lai"],
    ["trend"],
    ["targets"],
    ["provinces"],
    ["indicators"],
]


@pytest.fixture
def home(monkeypatch, tmp_path) -> Path:
    """An empty platform data folder: the user's store is ``home / 'dtikit'``."""
    monkeypatch.delenv("DTIKIT_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path / "share" / "dtikit"


def _kontum(tmp_path: Path) -> str:
    path = tmp_path / "kontum.csv"
    path.write_text(KONTUM_44, encoding="utf-8")
    return str(path)


def _kontum_rank(cli, *data: str) -> str:
    out = cli("rank", "--year", "2022", "--format", "csv", *data).out
    return next(line for line in out.splitlines() if ",Kon Tum," in line).split(",")[1]


def test_the_default_store_is_created_read_logged_undone_and_checked(cli, home, tmp_path):
    assert cli("store", "path").out.strip() == str(Store().path)  # the bundled figures, before any ingest
    assert _kontum_rank(cli) == "45"
    result = cli("ingest", _kontum(tmp_path), "--replace")
    assert result.code == 0, result.err
    assert result.err.count("created the store") == 1
    assert cli("store", "path").out.strip() == str(home)
    assert _kontum_rank(cli) == "44"  # read without --data
    log = pl.read_csv(cli("store", "log", "--format", "csv").out.encode())
    assert log.select("version", "action", "replaced", "current").rows() == [(1, "ingest", 1, True)]
    assert log["files"][0].endswith("kontum.csv") and len(log["file_sha256"][0]) == 64
    assert "dtikit ingest" in log["command"][0]
    dry = cli("store", "undo", "--dry-run", "--format", "csv")
    assert dry.code == 0 and "kontum.csv" in dry.out and _kontum_rank(cli) == "44"
    assert cli("store", "undo").code == 0
    assert _kontum_rank(cli) == "45"
    log = pl.read_csv(cli("store", "log", "--format", "csv").out.encode())
    assert log["action"].to_list() == ["ingest", "undo to 0"]
    check = cli("store", "check")
    assert check.code == 0, check.err
    assert cli("store", "undo", "--to", "1").code == 0  # the undo undone
    assert _kontum_rank(cli) == "44"


def test_bundled_figures_are_never_linked_into_a_store(cli, tmp_path):
    root = tmp_path / "store"
    assert cli("ingest", _kontum(tmp_path), "--replace", "--data", str(root)).code == 0
    bundled = Store(None).tables if not (Path(Store(None).path) / "CURRENT").exists() else None
    for file in (root / "gen-000001").glob("*.parquet"):
        if bundled is not None and (bundled / file.name).exists():
            assert not file.samefile(bundled / file.name)


def test_versions_are_kept_and_pruned(cli, tmp_path):
    root = tmp_path / "store"
    data = ["--data", str(root)]
    assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), *data).code == 0
    assert cli("ingest", _kontum(tmp_path), "--replace", *data).code == 0
    assert cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), *data).code == 0
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000001", "gen-000002", "gen-000003"]
    assert cli("store", "undo", "--to", "1", *data).code == 0
    assert _kontum_rank(cli, *data) == "45"
    assert cli("store", "prune", "--keep", "2", *data).code == 0
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000003", "gen-000004"]
    log = cli("store", "log", "--format", "csv", *data).out
    assert "prune (removed 1, 2)" in log
    gone = cli("store", "undo", "--to", "1", *data)
    assert gone.code == 2 and "version 1 is not kept" in gone.err
    assert cli("store", "check", "--all", *data).code == 0


def test_a_file_that_cannot_be_hashed_fails_the_ingest(cli, tmp_path, monkeypatch):
    from dtikit.ingest import read

    monkeypatch.setattr(read, "STREAM_BYTES", 0)  # the streamed route hashes beside the read

    def refuse(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(read.hashlib, "file_digest", refuse)
    root = tmp_path / "store"
    result = cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(root))
    assert result.code == 1
    assert "cannot be read to compute its sha256" in result.err
    assert not (root / "CURRENT").exists()


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """A store with one ingest, kept pristine: each test damages a copy."""
    from dtikit.cli import main

    root = tmp_path_factory.mktemp("written") / "store"
    assert main(["ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)]) == 0
    return root


@pytest.mark.parametrize("damage", ["truncate", "delete", "not parquet"])
@pytest.mark.parametrize("table", ["values", "observations", "provinces", "aliases", "indicators", "ingests"])
def test_a_damaged_table_is_one_line_naming_it_on_every_command(cli, written, tmp_path, table, damage):
    root = tmp_path / "store"
    shutil.copytree(written, root)
    file = Store(root).tables / f"{table}.parquet"
    if damage == "truncate":
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    elif damage == "delete":
        file.unlink()
    else:
        file.write_text("province,value\nKon Tum,1\n", encoding="utf-8")
    failed = 0
    for command in [*QUERIES, ["store", "check"]]:
        result = cli(*command, "--data", str(root), "--format", "csv")
        assert "internal error" not in result.err and "Traceback" not in result.err, (command, result.err)
        errors = [line for line in result.err.splitlines() if line.startswith("dtikit: error:")]
        if result.code != 0:
            assert result.code == 1, (command, result.err)
            assert len(errors) == 1 and str(file) in errors[0], (command, result.err)
            assert "dtikit store" in errors[0]
            failed += 1
    assert failed >= 2  # store check, and at least one query, read every table


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such folder"),
        (lambda p: p.mkdir() or (p / "notes.txt").write_text("x"), "not a dtikit store"),
        (lambda p: p.mkdir() or (p / "CURRENT").write_text("gen-000009\n"), "names no version"),
    ],
)
def test_a_data_folder_that_is_no_store_is_one_line(cli, tmp_path, make, message):
    folder = tmp_path / "folder"
    make(folder)
    for command in QUERIES[:3]:
        result = cli(*command, "--data", str(folder))
        assert result.code == 1 and message in result.err and "make data" not in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1


def test_a_bad_environment_value_is_a_usage_error(cli, monkeypatch):
    monkeypatch.setenv("DTIKIT_STREAM_BYTES", "abc")
    result = cli("rank", "--year", "2022")
    assert result.code == 2 and "DTIKIT_STREAM_BYTES='abc'" in result.err
    assert "internal error" not in result.err


def test_duckdb_reads_the_current_version_as_dtikit_does(cli, tmp_path):
    """The store's files are an interface: the store guide's DuckDB and Polars examples give dtikit's answer."""
    duckdb = pytest.importorskip("duckdb")
    root = tmp_path / "store"
    assert cli("ingest", _kontum(tmp_path), "--replace", "--data", str(root)).code == 0
    version = (root / "CURRENT").read_text().strip()
    sql = (
        f"SELECT province, value FROM read_parquet('{root}/{version}/values.parquet') "
        "WHERE indicator = 'dti_rank' AND year = 2022 AND geography = 63 ORDER BY value, province"
    )
    by_duckdb = duckdb.sql(sql).fetchall()
    by_polars = (
        pl.scan_parquet(root / version / "values.parquet")
        .filter((pl.col("indicator") == "dti_rank") & (pl.col("year") == 2022) & (pl.col("geography") == 63))
        .select("province", "value")
        .collect()
        .sort("value", "province")
        .rows()
    )
    by_dtikit = (
        Store(root)
        .values(indicators=["dti_rank"], years=[2022], geography=63)
        .select("province", "value")
        .sort("value", "province")
        .rows()
    )
    assert by_duckdb == by_polars == by_dtikit
    assert ("Kon Tum", 44.0) in by_duckdb


def test_store_commands_without_a_store_and_a_damaged_one_in_both_languages(cli, home, tmp_path):
    result = cli("store", "check")
    assert result.code == 1
    expected = f"dtikit: error: no store of yours yet at {home}; 'dtikit ingest FILE' creates it (or give --data DIR)"
    assert result.err == expected + "\n"
    assert cli("store", "log", "--lang", "vi").err.startswith(f"dtikit: lỗi: bạn chưa có kho tại {home}; ")
    assert cli("ingest", _kontum(tmp_path), "--replace").code == 0
    (home / "gen-000001" / "targets.parquet").unlink()
    english = cli("store", "check", "--format", "csv")
    assert english.code == 1 and ",targets.parquet,,,missing" in english.out
    missing = f"{home / 'gen-000001' / 'targets.parquet'}: missing; no version kept is sound: "
    assert missing + "'dtikit store undo --to 0'" in english.err
    vietnamese = cli("store", "check", "--format", "csv", "--lang", "vi")
    assert vietnamese.out == english.out  # machine formats keep the words
    said = "targets.parquet: không còn; không phiên bản nào còn nguyên vẹn: 'dtikit store undo --to 0'"
    assert said in vietnamese.err


def test_duckdb_reads_a_part_as_the_store_guide_says(cli, tmp_path, monkeypatch):
    """The store guide's second query: values of an indicator held in a part, read by DuckDB as dtikit reads them."""
    duckdb = pytest.importorskip("duckdb")
    from dtikit.ingest import read

    monkeypatch.setattr(read, "STREAM_BYTES", 0)  # every text file is large: one pass, a part
    provinces = Store().provinces().filter(pl.col("geography") == 63)["province"].to_list()
    rows = [f"{p};{year};ind_05000;{n + year - 2000},5" for n, p in enumerate(provinces) for year in (2021, 2022)]
    file = tmp_path / "long.csv"
    file.write_text("\n".join(["Tỉnh;Năm;Chỉ tiêu;Giá trị", *rows]) + "\n", encoding="utf-8")
    root = tmp_path / "store"
    assert cli("ingest", str(file), "--data", str(root)).code == 0
    assert len(Store(root).parts()) == 1
    version = root / (root / "CURRENT").read_text().strip()
    sql = (
        f"SELECT province, value FROM read_parquet('{version}/values.parquet') "
        "WHERE indicator = 'ind_05000' AND year = 2022 AND geography = 63 UNION ALL "
        f"SELECT province, value FROM read_parquet('{version}/part-*.parquet') "
        "WHERE indicator = 'ind_05000' AND year = 2022 ORDER BY value DESC, province"
    )
    by_duckdb = duckdb.sql(sql).fetchall()
    by_dtikit = (
        Store(root)
        .values(indicators=["ind_05000"], years=[2022], geography=63)
        .select("province", "value")
        .sort(["value", "province"], descending=[True, False])
        .rows()
    )
    assert by_duckdb == by_dtikit and len(by_duckdb) == 63
    assert by_duckdb[0] == (provinces[-1], 62 + 22 + 0.5)
