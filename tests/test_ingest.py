"""dtikit ingest / validate on ugly files: what is read, what is refused, and the store's safety."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def snapshot(root: Path) -> dict[str, str]:
    """Every file of a store folder with its sha256 (the lock file aside)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def held(root: Path, province: str, year: int, indicator: str) -> dict | None:
    values = (
        Store(root)
        .values()
        .filter((pl.col("province") == province) & (pl.col("year") == year) & (pl.col("indicator") == indicator))
    )
    return values.row(0, named=True) if values.height else None


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture(params=["in memory", "streamed"])
def reader(request, monkeypatch):
    """Run a test with both readers: whole files in memory, and the scan used for large files."""
    from dtikit.ingest import read

    monkeypatch.setattr(read, "STREAM_BYTES", 0 if request.param == "streamed" else read.STREAM_BYTES)
    return request.param


# -- files as people have them -------------------------------------------------------------

GOOD = {
    # file: (province, year, indicator, value) that must be read from it
    "dti2022_vi_bom_semicolon.csv": ("Thừa Thiên Huế", 2022, "dti", 0.6975),
    "dti2022_utf16_tab.txt": ("Trà Vinh", 2022, "dti_rank", 25),
    "dti2022_utf16_nobom.csv": ("Đắk Nông", 2022, "dti", 0.5266),
    "dti2022_cp1258.csv": ("Kon Tum", 2022, "dti", 0.54),
    "dti2022_nfd.csv": ("Thanh Hóa", 2022, "dti_rank", 15),
    "indicators_long_vi.csv": ("Đắk Lắk", 2023, "dossiers_received", 2587362),
    "indicators_long_en.csv": ("Đắk Lắk", 2023, "dossiers_received", 2587362),
    "ranks_wide_years.csv": ("Ninh Thuận", 2020, "dti_rank", 63),
    "pillars_wide_vi.csv": ("Quảng Ninh", 2022, "dti_gov_rank", 4),
    "dti2022.xlsx": ("Kon Tum", 2022, "dti_rank", 45),
    "dti2022.parquet": ("Cần Thơ", 2022, "dti", 0.6924),
    "headers_variants.csv": ("Kon Tum", 2022, "dti_rank", 45),
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_validate_and_ingest(cli, store_dir, name, reader):
    province, year, indicator, value = GOOD[name]
    checked = cli("validate", fixture(name))
    assert checked.code == 0, checked.err
    result = cli("ingest", fixture(name), "--data", str(store_dir))
    assert result.code == 0, result.err
    assert held(store_dir, province, year, indicator)["value"] == pytest.approx(value)
    assert "Traceback" not in result.err


def test_vietnamese_numbers(cli, store_dir):
    assert cli("ingest", fixture("indicators_long_vi.csv"), "--data", str(store_dir)).code == 0
    assert held(store_dir, "Kon Tum", 2022, "administrative_procedures")["value"] == 1753
    share = held(store_dir, "Kon Tum", 2023, "full_online_service_share")
    assert (share["value"], share["value_text"], share["source_kind"]) == (60.81, "60,81%", "user")
    assert held(store_dir, "Đắk Lắk", 2023, "bank_account_ratio")["value"] == 139.5  # over 100 %: not clipped
    # "-" is missing: no value is stored, not a zero
    assert held(store_dir, "Kon Tum", 2023, "ho_co_cap_quang") is None


def test_decision_is_said_on_stderr(cli):
    result = cli("validate", fixture("dti2022_vi_bom_semicolon.csv"))
    assert "decimal comma" in result.err and "'0,8002'" in result.err
    assert "utf-8-sig (byte-order mark), semicolon-separated" in result.err
    assert "header found on row 2" in result.err
    assert "'Cả nước' (row 8)" in result.err


@pytest.mark.parametrize(
    ("header", "given", "said"),
    [("Điểm", [], True), ("Xếp hạng", [], True), ("Score", [], True), ("Chỉ số DTI", [], False),
     ("Điểm", ["--indicator", "ict_index"], False)],
)  # fmt: skip
def test_a_column_read_as_the_headline_only_by_its_word_is_said(cli, tmp_path, header, given, said):
    """A table of another index whose value column says only 'Điểm' goes in as the headline's values
    unless --indicator says otherwise: the note says so, naming the column, whatever the word."""
    path = tmp_path / "other_index.csv"
    path.write_text(f"Tỉnh,Năm,{header}\nKon Tum,2019,3\nGia Lai,2019,4\n", encoding="utf-8")
    result = cli("validate", str(path), "--new-indicators", *given)
    assert (f"columns '{header}' say only score or rank: read as 'dti'" in result.err) is said


@pytest.mark.parametrize(
    ("given", "ident", "name_vi", "name_en"),
    [("Tỷ lệ hồ sơ nộp trực tuyến", "ty_le_ho_so_nop_truc_tuyen", "Tỷ lệ hồ sơ nộp trực tuyến", None),
     ("Share of dossiers", "share_of_dossiers", None, "Share of dossiers"), ("my_share", "my_share", None, None)],
)  # fmt: skip
def test_a_new_indicator_named_by_the_option_keeps_that_name(cli, tmp_path, given, ident, name_vi, name_en):
    """--indicator 'NAME' --new-indicators: the catalog keeps the name typed (tables show it, not its id)."""
    path = tmp_path / "years.csv"
    path.write_text("Tỉnh;Năm 2022;Năm 2023\nHa Noi;40,5;50,25\nBRVT;41,5;51,25\n", encoding="utf-8-sig")
    store = tmp_path / "store"
    result = cli("ingest", str(path), "--indicator", given, "--new-indicators", "--unit", "%", "--data", str(store))
    assert result.code == 0, result.err
    row = Store(store).indicators().filter(pl.col("indicator") == ident)
    assert row.select("name_vi", "name_en", "unit").rows() == [(name_vi, name_en, "%")]
    assert held(store, "Bà Rịa - Vũng Tàu", 2023, ident)["value"] == 51.25


@pytest.mark.parametrize("named_by", ["--data", "DTIKIT_DATA"])
@pytest.mark.parametrize("folder", ["empty", "missing"])
def test_validate_into_a_folder_without_a_store_compares_as_ingest_would(cli, tmp_path, monkeypatch, folder, named_by):
    """ingest --data DIR starts from the bundled figures when DIR holds no store yet; validate --data DIR
    checks the same way (a value differing from a bundled one is named), not 'not a dtikit store'; and
    so with the folder named by DTIKIT_DATA."""
    data = tmp_path / "new"
    if folder == "empty":
        data.mkdir()
    path = tmp_path / "dti.csv"
    path.write_text("Tỉnh,Năm,Điểm\nĐà Nẵng,2022,0.9\n", encoding="utf-8")
    given = ["--data", str(data)] if named_by == "--data" else []
    if named_by == "DTIKIT_DATA":
        monkeypatch.setenv("DTIKIT_DATA", str(data))
    result = cli("validate", str(path), *given)
    assert result.code == 1 and "not a dtikit store" not in result.err
    assert "Đà Nẵng 2022 dti is 0.9 here, but the store holds 0.8002" in result.err
    assert cli("ingest", str(path), *given).err.count("0.8002") == 1  # ingest says the same
    assert not data.exists() or not any(data.iterdir())  # and neither wrote anything


def test_cp1258_is_normalised_to_nfc(cli, store_dir):
    result = cli("ingest", fixture("dti2022_cp1258.csv"), "--data", str(store_dir))
    assert "cp1258" in result.err
    assert held(store_dir, "Đắk Nông", 2022, "dti_rank")["value"] == 49


def test_new_indicator_is_added_to_the_catalog(cli, store_dir):
    result = cli("ingest", fixture("indicators_long_en.csv"), "--data", str(store_dir))
    assert "new indicator 'fibre_households_count'" in result.err
    catalog = Store(store_dir).indicators()
    row = catalog.filter(pl.col("indicator") == "fibre_households_count").row(0, named=True)
    assert row["unit"] == "households"
    assert held(store_dir, "Kon Tum", 2022, "fibre_households_count")["value"] == 1200.5


def test_provenance_is_kept(cli, store_dir):
    cli("ingest", fixture("dti2022.parquet"), "--data", str(store_dir), "--source", "dti.gov.vn table, 2023")
    obs = Store(store_dir).observations().filter(pl.col("source_kind") == "user")
    row = obs.filter(pl.col("province") == "Trà Vinh").row(0, named=True)
    assert row["source"] == "dti.gov.vn table, 2023"
    assert row["raw_file"].endswith("dti2022.parquet")
    assert row["file_sha256"] == hashlib.sha256((FIXTURES / "dti2022.parquet").read_bytes()).hexdigest()
    assert row["ingested_at"].startswith("20")


def test_stdin(cli, store_dir, monkeypatch):
    import io
    import sys

    data = (FIXTURES / "pillars_wide_vi.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli("ingest", "-", "--data", str(store_dir)).code == 0
    assert held(store_dir, "Quảng Ninh", 2022, "dti_econ")["value"] == 0.7187


def test_sheet_option(cli):
    assert cli("validate", fixture("dti2022.xlsx"), "--sheet", "DTI 2022").code == 0
    bad = cli("validate", fixture("dti2022.xlsx"), "--sheet", "2023")
    assert bad.code == 1 and "no sheet '2023'; its sheets are 'DTI 2022', 'Ghi chú'" in bad.err


# -- bad files: every problem located, exit 1, the store untouched ---------------------------

BAD = {
    "bad_unknown_province.csv": [
        "row 2, column 'Tỉnh': unknown province 'Kon Tom'; did you mean 'Kon Tum'?",
        "row 3, column 'Tỉnh': unknown province 'Atlantis'",
    ],
    "bad_score_range.csv": ["row 2, column 'Điểm': score 593,4 is outside 0–1"],
    "bad_rank_range.csv": [
        "row 2, column 'Xếp hạng': rank 70 is outside 1..63",
        "row 3, column 'Xếp hạng': rank 31/34 is not of the 63 provinces",
        "row 4, column 'Xếp hạng': 4.5 is not a rank",
    ],
    "bad_duplicate.csv": [
        "row 3, column 'Điểm': Kon Tum 2022 dti appears again with another value (first on row 2: 0.54)"
    ],
    "bad_year.csv": ["row 2, column 'Năm': year 1996 is not a year", "row 3, column 'Năm': year năm ngoái"],
    "bad_mixed_decimals.csv": [
        "row 3, column 'Điểm': '0.7024' has a decimal point but column 'Điểm' row 2: '0,8002' has a decimal comma"
    ],
    "bad_ambiguous.csv": [
        "row 2, column 'Giá trị': '1.753' reads as a decimal in one convention",
        "give --decimal-comma or --decimal-point",
    ],
    "bad_header.csv": ["row 1: cannot map column 'Điểm thưởng'; --new-indicators adds each column of numbers"],
    "bad_no_province.csv": ["no column names a province"],
    "bad_not_number.csv": ["row 2, column 'Điểm': 0,5x4 is not a number"],
    "bad_no_year.csv": ["row 2, column 'Điểm': no year"],
    "bad_empty_province.csv": ["row 2, column 'Tỉnh': the province is empty"],
    "empty.csv": ["the file is empty"],
    "not_excel.xlsx": ["not an .xlsx workbook"],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_refused_with_located_errors(cli, tmp_path, name, reader):
    store_dir = tmp_path / "store"
    assert cli("ingest", fixture("dti2022.parquet"), "--data", str(store_dir)).code == 0
    before = snapshot(store_dir)
    for command in ("validate", "ingest"):
        args = [command, fixture(name)] + (["--data", str(store_dir)] if command == "ingest" else [])
        result = cli(*args)
        assert result.code == 1, result.err
        errors = [line for line in result.err.splitlines() if line.startswith("dtikit: error:")]
        for expected in BAD[name]:
            assert any(expected in line and name in line for line in errors), (expected, result.err)
        assert "Traceback" not in result.err and "internal error" not in result.err
    assert snapshot(store_dir) == before


def test_all_errors_at_once_with_a_limit(cli):
    result = cli("validate", fixture("bad_many.csv"))
    errors = [line for line in result.err.splitlines() if line.startswith("dtikit: error: ")]
    assert len(errors) == 22  # 20 shown, "... and N more", the summary
    assert "... and 35 more problems" in errors[20]
    assert errors[-1].endswith("55 problem(s) in " + fixture("bad_many.csv") + "; nothing was written")


def test_refused_ingest_into_a_new_folder_creates_nothing(cli, tmp_path):
    store_dir = tmp_path / "new"
    assert cli("ingest", fixture("bad_year.csv"), "--data", str(store_dir)).code == 1
    assert not store_dir.exists()


def test_a_bad_file_among_good_ones_refuses_all(cli, store_dir):
    result = cli("ingest", fixture("dti2022.parquet"), fixture("bad_year.csv"), "--data", str(store_dir))
    assert result.code == 1
    assert not store_dir.exists()


def test_map_option_names_a_column(cli):
    result = cli("validate", fixture("bad_header.csv"), "--map", "Điểm thưởng=ignore")
    assert result.code == 0, result.err
    assert cli("validate", fixture("bad_no_province.csv"), "--map", "name of place=province").code == 0


def test_decimal_options_decide_ambiguous_files(cli, store_dir):
    assert cli("ingest", fixture("bad_ambiguous.csv"), "--decimal-comma", "--data", str(store_dir)).code == 0
    assert held(store_dir, "Kon Tum", 2022, "administrative_procedures")["value"] == 1753
    wrong = cli("validate", fixture("bad_mixed_decimals.csv"), "--decimal-comma")
    assert wrong.code == 1 and "0.7024 is not a number with a decimal comma" in wrong.err
    both = cli("validate", fixture("bad_ambiguous.csv"), "--decimal-comma", "--decimal-point")
    assert both.code == 2


def test_ingest_without_data_writes_the_users_store(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("DTIKIT_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = cli("ingest", fixture("dti2022.parquet"))
    assert result.code == 0, result.err
    assert f"created the store {tmp_path / 'dtikit'} from the bundled figures" in result.err
    again = cli("ingest", fixture("pillars_wide_vi.csv"))
    assert again.code == 0 and "created the store" not in again.err  # said once


# -- the store: conflicts, replace, re-ingest, dry run -------------------------------------------

CONFLICT = "Tỉnh,Năm,Xếp hạng\nKon Tum,2022,44\n"


def test_conflict_is_refused_then_replaced_and_recorded(cli, store_dir, tmp_path):
    path = tmp_path / "kontum.csv"
    path.write_text(CONFLICT, encoding="utf-8")
    assert cli("ingest", fixture("dti2022.parquet"), "--data", str(store_dir)).code == 0
    before = snapshot(store_dir)
    refused = cli("ingest", str(path), "--data", str(store_dir))
    assert refused.code == 1
    assert "conflict: " in refused.err and "Kon Tum 2022 dti_rank = 44, held 45" in refused.err
    assert snapshot(store_dir) == before
    replaced = cli("ingest", str(path), "--data", str(store_dir), "--replace")
    assert replaced.code == 0
    assert held(store_dir, "Kon Tum", 2022, "dti_rank")["value"] == 44
    record = Store(store_dir).observations().filter(pl.col("replaced_value").is_not_null()).row(0, named=True)
    assert (record["value"], record["replaced_value"]) == (44, 45)
    assert "ictvietnam" in record["replaced_source"]
    conflicts = cli("sources", "--conflicts", "--province", "Kon Tum", "--data", str(store_dir), "-f", "csv").out
    assert "user" in conflicts


def test_reingest_changes_nothing(cli, store_dir):
    assert cli("ingest", fixture("indicators_long_vi.csv"), "--data", str(store_dir)).code == 0
    before = snapshot(store_dir)
    again = cli("ingest", fixture("indicators_long_vi.csv"), "--data", str(store_dir))
    assert again.code == 0
    assert "already ingested" in again.err and "store unchanged" in again.err
    assert snapshot(store_dir) == before


def test_dry_run_lists_actions_and_writes_nothing(cli, store_dir, tmp_path):
    path = tmp_path / "kontum.csv"
    path.write_text(CONFLICT + "Lạng Sơn,2022,6\n", encoding="utf-8")
    result = cli("ingest", str(path), "--data", str(store_dir), "--dry-run", "-f", "csv")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "file,row,province,year,indicator,held_value,value,action,held_source"
    assert any(",Kon Tum,2022,dti_rank,45.0,44.0,conflict," in line for line in lines)
    assert any(",Lạng Sơn,2022,dti_rank,6.0,6.0,same," in line for line in lines)
    assert not store_dir.exists()


def test_complete_score_table_gives_computed_ranks(cli, store_dir, tmp_path, store):
    """A complete (example) table for a year without ranks: ranks computed with competition ties."""
    provinces = store.provinces().filter(pl.col("geography") == 63)["province"].to_list()
    scores = [f"0,{9000 - 10 * i:04d}" for i in range(63)]
    scores[3] = scores[2]  # a tie for 3rd
    text = "Tỉnh;Năm;Điểm\n" + "".join(f"{p};2025;{s}\n" for p, s in zip(provinces, scores, strict=True))
    path = tmp_path / "dti2025.csv"
    path.write_text(text, encoding="utf-8")
    assert cli("ingest", str(path), "--data", str(store_dir)).code == 0
    table = pl.read_csv(cli("rank", "--year", "2025", "--data", str(store_dir), "-f", "csv").out.encode())
    assert table["rank"].to_list()[:5] == [1, 2, 3, 3, 5]
    assert set(table["rank_basis"]) == {"computed"}
    assert table["rank"].null_count() == 0
    # a published rank that disagrees is kept, and reported
    rank_file = tmp_path / "rank2025.csv"
    rank_file.write_text(f"Tỉnh,Năm,Xếp hạng\n{provinces[10]},2025,9\n", encoding="utf-8")
    assert cli("ingest", str(rank_file), "--data", str(store_dir)).code == 0
    result = cli("rank", "--year", "2025", "--data", str(store_dir), "-f", "csv")
    assert f"{provinces[10]} 2025: published rank 9 differs from rank 11" in result.err
    assert f"2025,9,{provinces[10]}," in result.out


def test_progress_steps_are_reported(store_dir):
    from dtikit.ingest.run import Options, ingest

    steps: list[str] = []
    ingest([fixture("dti2022.parquet")], str(store_dir), Options(), progress=steps.append)
    assert steps[0].startswith("reading and checking") and steps[-1].startswith("writing the store")


def test_no_progress_display_when_stderr_is_not_a_terminal(cli, store_dir):
    result = cli("ingest", fixture("dti2022.parquet"), "--data", str(store_dir))
    assert "\x1b[" not in result.err


def test_a_progress_bar_when_stderr_is_a_terminal(store_dir):
    import os
    import subprocess

    from tests.conftest import BIN

    main, tty = os.openpty()
    command = [str(BIN / "dtikit"), "ingest", fixture("indicators_long_vi.csv"), "--data", str(store_dir)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=tty, env={**os.environ, "COLUMNS": "120"})
    os.close(tty)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait() == 0
    text = shown.decode("utf-8", errors="replace")
    assert "━" in text and "0/3" in text  # a bar over the steps: read and check the file, compare, write
    assert "already held 4" in text  # the notes follow on the same stream


def test_many_new_indicators_are_named_then_counted(cli, tmp_path):
    rows = ["Tỉnh;Năm;Chỉ tiêu;Giá trị", *(f"Kon Tum;2024;chi_so_{k:02d};{k},5" for k in range(25))]
    file = tmp_path / "many.csv"
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    named = [line for line in result.err.splitlines() if line.startswith("dtikit: note: new indicator")]
    assert len(named) == 20
    assert "dtikit: note: and 5 more new indicators added to the catalog (25 in all; " in result.err


def test_a_replace_in_the_same_second_wins(cli, tmp_path, monkeypatch):
    """Two ingests of one script, the second with --replace, within one second: the replacing value is
    chosen (with times to the second, the older file won whenever its name sorted first)."""
    from datetime import UTC, datetime

    from dtikit.ingest import run

    class Clock:
        times = iter(
            [datetime(2026, 11, 30, 1, 2, 3, 100_000, tzinfo=UTC), datetime(2026, 11, 30, 1, 2, 3, 900_000, tzinfo=UTC)]
        )

        @staticmethod
        def now(tz=None):
            return next(Clock.times)

    monkeypatch.setattr(run, "datetime", Clock)
    root = tmp_path / "store"
    for name, value, extra in (("a.csv", "1,5", []), ("b.csv", "2,5", ["--replace"])):
        path = tmp_path / name
        path.write_text(f"Tỉnh;Năm;Chỉ tiêu;Giá trị\nKon Tum;2024;moi;{value}\n", encoding="utf-8")
        assert cli("ingest", str(path), "--data", str(root), *extra).code == 0
    assert Store(root).values().filter(pl.col("indicator") == "moi")["value"].to_list() == [2.5]
    assert Store(root).ingests()["ingested_at"].to_list()[-2:] == [
        "2026-11-30T01:02:03.100000+00:00",
        "2026-11-30T01:02:03.900000+00:00",
    ]


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        # a target column per year and no province column (as the shared folder's Decision 749 file)
        (["indicator,target_2025,target_2030,source", "Level 4 online services,80,,749/QĐ-TTg"], "who, comparator"),
        (["Tỉnh;Chỉ tiêu;Mục tiêu;Hạn", "Kon Tum;dti_rank;35;2025"], "comparator"),  # no comparator column
    ],
)
def test_a_table_of_targets_in_another_shape_is_told_what_it_lacks(cli, tmp_path, lines, missing):
    file = tmp_path / "targets.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 1 and "Traceback" not in result.err
    assert "it looks like a table of targets" in result.err and f"(missing here: {missing}" in result.err
    vi = cli("--lang", "vi", "ingest", str(file), "--data", str(tmp_path / "store"))
    assert "có vẻ đây là một bảng mục tiêu" in vi.err


def test_a_values_table_is_not_taken_for_targets(cli, tmp_path):
    file = tmp_path / "values.csv"
    file.write_text("Cột A;Năm;Chỉ tiêu;Giá trị\nNơi nào đó;2022;dti;0,5\n", encoding="utf-8")
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"))
    assert result.code == 1 and "no column names a province" in result.err
    assert "targets" not in result.err


def test_new_indicators_of_a_refused_file_are_not_said_to_be_added(cli, tmp_path):
    """A file refused for a problem writes nothing: its new indicators are named as ones that would be
    added, never as added to the catalog."""
    file = tmp_path / "no_year.csv"
    file.write_text("Tỉnh;Số doanh nghiệp\nKon Tum;1200\nGia Lai;3400\n", encoding="utf-8")
    store = tmp_path / "store"
    result = cli("ingest", str(file), "--new-indicators", "--data", str(store))
    assert result.code != 0
    assert "nothing was written" in result.err
    said_added = [line for line in result.err.splitlines() if "added to the catalog" in line and "would be" not in line]
    assert said_added == []
    assert "new indicator 'so_doanh_nghiep' (Số doanh nghiệp; unit not given) would be added" in result.err
    assert not (store / "CURRENT").exists()  # no version, so no catalog holding it


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_a_table_in_a_tcvn3_font_is_named_so(cli, tmp_path, encoding):
    """Vietnamese typed in the old '.Vn' fonts (TCVN3) reads as 'Hµ Néi', 'TØnh': one line says what it is
    and how to convert it, not that no column names a province."""
    path = tmp_path / "tcvn3.csv"
    path.write_bytes("TØnh;N¨m 2023\nHµ Néi;45,5\n§µ N½ng;60,25\n".encode(encoding))
    result = cli("validate", str(path))
    assert result.code == 1 and "TCVN3" in result.err and "no column names a province" not in result.err


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_provinces_across_the_header_are_told_to_be_transposed(cli, tmp_path, lang):
    """One column per province (an indicator a row) is not read: the line names the row and the provinces
    met across it, not 'name the province column with --map'."""
    path = tmp_path / "across.csv"
    path.write_text("Chỉ tiêu,Năm,Hà Nội,Đà Nẵng,TP. Hồ Chí Minh\nSố doanh nghiệp số,2023,1200,300,2500\n", "utf-8")
    result = cli("--lang", lang, "validate", str(path))
    assert result.code == 1 and "'Hà Nội', 'Đà Nẵng', 'TP. Hồ Chí Minh'" in result.err and "--map" not in result.err
    assert ("transpose" if lang == "en" else "chuyển vị") in result.err


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_footnote_mark_after_a_province_is_no_part_of_its_name(cli, store_dir, tmp_path, kind):
    """'Đà Nẵng(1)', 'Kon Tum 2/', 'Gia Lai [3]', 'Huế¹' are refused no more: the mark is a footnote's, the
    value the province's (as 'Hà Nội (*)' was read already); a mark that makes no footnote still refuses."""
    rows = [("Hà Nội (*)", 0.61), ("Đà Nẵng(1)", 0.72), ("Kon Tum 2/", 0.41), ("Gia Lai [3]", 0.45), ("Huế¹", 0.58)]
    path = tmp_path / f"marks.{kind}"
    frame = pl.DataFrame({"Tỉnh": [r[0] for r in rows], "Năm": [2022] * 5, "Điểm": [r[1] for r in rows]})
    frame.write_csv(path) if kind == "csv" else frame.write_excel(path)
    result = cli("ingest", str(path), "--data", str(store_dir), "--replace")
    assert result.code == 0, result.err
    expected = {"Hà Nội": 0.61, "Đà Nẵng": 0.72, "Kon Tum": 0.41, "Gia Lai": 0.45, "Thừa Thiên Huế": 0.58}
    assert {p: held(store_dir, p, 2022, "dti")["value"] for p in expected} == expected
    bad = tmp_path / f"bad.{kind}"
    frame = pl.DataFrame({"Tỉnh": ["Kon Tum 123/", "Gia Lai"], "Năm": [2022] * 2, "Điểm": [0.4, 0.5]})
    frame.write_csv(bad) if kind == "csv" else frame.write_excel(bad)
    refused = cli("validate", str(bad), "--data", str(store_dir))
    assert refused.code == 1 and "unknown province 'Kon Tum 123/'" in refused.err, refused.err


@pytest.mark.parametrize(
    ("header", "rows", "given"),
    [
        ("Điểm", ["Kon Tum,2019,0.3", "Gia Lai,2019,0.4"], []),  # a bare word read as the index
        ("Xếp hạng", ["Kon Tum,2019,12", "Gia Lai,2019,40"], []),  # its rank
        ("Chính quyền số", ["Kon Tum,2018,0.3"], []),  # a pillar named by its name
        ("Giá trị", ["Kon Tum,2019,0.3"], ["--indicator", "dti"]),  # even when the user names the index
    ],
)
def test_an_index_before_its_first_year_is_refused_by_both_routes(cli, tmp_path, reader, header, rows, given):
    """The headline index was first measured in the first year of its methodology (2020 for the DTI): a
    table of 2019 whose column says only 'Điểm' (an ICT index's) went in as DTI values with a note; it is
    refused with the column, the year and the fix, by the general checks and by the one-pass route alike."""
    path = tmp_path / "earlier.csv"
    path.write_text("\n".join([f"Tỉnh,Năm,{header}", *rows]) + "\n", encoding="utf-8")
    result = cli("ingest", str(path), *given, "--data", str(tmp_path / "store"))
    assert result.code == 1, result.err
    assert "was first measured for 2020" in result.err and f"column '{header}'" in result.err
    assert not (tmp_path / "store").exists()  # nothing written, not even a new store
    if header != "Chính quyền số":  # a column of a bare word measures what --indicator names
        named = cli("ingest", str(path), "--indicator", "ict_index", "--new-indicators", "--data", str(tmp_path / "s2"))
        assert named.code == 0, named.err
    later = tmp_path / "later.csv"
    later.write_text(
        f"Tỉnh,Năm,{header}\n"
        + "\n".join(r.replace(",2019,", ",2021,").replace(",2018,", ",2021,") for r in rows)
        + "\n"
    )
    assert "first measured" not in cli("validate", str(later), *given).err  # (held values may disagree)
