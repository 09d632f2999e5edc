"""No input makes dtikit crash; no kill leaves the store half-written; writers take turns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtikit.errors import DataError
from dtikit.storage import Store
from dtikit.storage.files import write_lock
from tests.conftest import BIN, shell

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = [
    "dti2022_vi_bom_semicolon.csv",
    "indicators_long_vi.csv",
    "dti2022_utf16_tab.txt",
    "ranks_wide_years.csv",
    "dti2022_cp1258.csv",
    "pillars_wide_vi.csv",
    "dti2022.xlsx",
    "dti2022.parquet",
]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10_000), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 20)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 10_000),
        st.sampled_from(
            [
                b";",
                b",",
                b"\t",
                b'"',
                b"\n",
                b"\r",
                b"\x00",
                b"%",
                b"-",
                b"/",
                b"1.753",
                b"0,5",
                "Tỉnh".encode(),
                b"\xff\xfe",
                b"\xef\xbb\xbf",
                b"2022",
                b"=",
                b"N/A",
            ]
        ),
    ),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
)


def mutate(data: bytes, edits: list[tuple]) -> bytes:
    out = bytearray(data)
    for kind, at, arg in edits:
        at = at % (len(out) + 1)
        if kind == "flip" and out:
            out[at % len(out)] = arg
        elif kind == "delete":
            del out[at : at + arg]
        elif kind == "insert":
            out[at:at] = arg
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.sampled_from(SEEDS), edits=st.lists(mutation, min_size=1, max_size=6))
def test_corrupted_files_never_crash(cli, tmp_path, seed, edits):
    path = tmp_path / f"corrupt{Path(seed).suffix}"
    path.write_bytes(mutate((FIXTURES / seed).read_bytes(), edits))
    result = cli("validate", str(path))
    assert result.code in (0, 1), result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    for line in result.err.splitlines():
        assert line.startswith("dtikit: "), line


def _big_file(path: Path, store: Store, indicators: int) -> int:
    provinces = store.provinces().filter(pl.col("geography") == 63)["province"].to_list()
    lines = ["Tỉnh,Năm,Chỉ tiêu,Giá trị"]
    for k in range(indicators):
        for year in range(2006, 2026):
            lines += [f"{p},{year},so_lieu_{k},{(k * 31 + year + i) % 997}.5" for i, p in enumerate(provinces)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _tables(root: Path) -> dict[str, int]:
    store = Store(root)
    return {name: store.table(name).height for name in ("observations", "values", "indicators")}


@pytest.mark.kill
@pytest.mark.parametrize("route", ["general checks", "one pass"])
def test_a_killed_ingest_leaves_the_store_as_it_was_or_as_it_will_be(tmp_path, store, monkeypatch, route):
    if route == "one pass":  # the file counts as large: checked and written in one pass, kept as a part
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", "0")
    big = tmp_path / "big.csv"
    rows = _big_file(big, store, indicators=150)
    root = tmp_path / "store"
    small = FIXTURES / "pillars_wide_vi.csv"
    command = [str(BIN / "dtikit"), "ingest", "--geography", "63", "--data", str(root)]  # years 2006-2025 alike
    assert subprocess.run([*command, str(small)], capture_output=True).returncode == 0
    before = _tables(root)
    # how long the ingest takes, timed on a copy of the store, so that the kills fall inside it
    timing = tmp_path / "timing"
    assert subprocess.run([*command[:-1], str(timing), str(small)], capture_output=True).returncode == 0
    started = time.perf_counter()
    finished = subprocess.run([*command[:-1], str(timing), str(big)], capture_output=True)
    assert finished.returncode == 0
    duration = time.perf_counter() - started
    for fraction in (0.2, 0.4, 0.6, 0.75, 0.85, 0.95):
        process = subprocess.Popen([*command, str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = _tables(root)  # always readable
        if now != before:
            assert now["observations"] == before["observations"] + rows
            break
    completed = subprocess.run([*command, str(big)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    after = _tables(root)
    assert after["observations"] == before["observations"] + rows
    assert after["indicators"] == before["indicators"] + 150
    leftovers = [p.name for p in root.iterdir() if p.name.startswith((".staging-", ".work-"))]
    assert leftovers == []
    assert len(Store(root).parts()) == (1 if route == "one pass" else 0)


def test_writers_take_turns(tmp_path):
    root = tmp_path / "store"
    with write_lock(root), pytest.raises(DataError, match="another dtikit ingest is writing"):
        code = (
            "import sys; from pathlib import Path; from dtikit.storage.files import write_lock\n"
            f"with write_lock(Path({str(root)!r}), wait=0.2): pass\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if "another dtikit ingest is writing" in result.stderr:
            raise DataError("another dtikit ingest is writing (in the child)")
    assert not os.path.exists(root / "CURRENT")


def test_a_header_split_by_a_stray_carriage_return_is_a_located_error(cli, tmp_path):
    """Found by the fuzz campaign: a lone CR inside the province header split it over two rows, and the
    column listing provinces was left without the province role (an internal KeyError)."""
    file = tmp_path / "cr.csv"
    file.write_bytes(
        "STT;Tỉnh/Th\rành phố;Điểm DTI 2022;Xếp hạng 2022\r\n1;TP. Đà Nẵng;0,8002;1\r\n".encode()
        + "2;TP. Hồ Chí Minh;0,7163;2\r\n3;Quảng Ninh;0,7024;3\r\n4;Cần Thơ;0,6924;5\r\n".encode()
    )
    result = cli("validate", str(file))
    assert result.code == 1 and "internal error" not in result.err
    assert "names no province column" in result.err and "--map 'HEADER=province'" in result.err


def test_a_damaged_parquet_that_makes_polars_panic_is_one_line(tmp_path):
    """Found by the fuzz campaign: one flipped bit made Polars' Parquet reader panic ('internal error in
    Polars', and a Rust backtrace on stderr). It is a one-line data error, exit 1."""
    file = tmp_path / "damaged.parquet"
    file.write_bytes(mutate((FIXTURES / "dti2022.parquet").read_bytes(), [("flip", 110, 0)]))
    result = shell(f"dtikit validate {file}")
    assert result.returncode == 1
    assert result.stderr == f"dtikit: error: {file}: cannot be read as Parquet (damaged); export it again or give CSV\n"


def test_a_workbook_whose_sheet_cannot_be_decompressed_is_one_line(cli, tmp_path):
    """Found by the fuzz campaign: a damaged .xlsx whose sheet XML fails to decompress gave 'internal error'."""
    edits = [("flip", 2410, 87), ("insert", 796, b"="), ("insert", 205, b'"')]
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(mutate((FIXTURES / "dti2022.xlsx").read_bytes(), edits))
    result = cli("validate", str(path))
    assert result.code == 1 and "internal error" not in result.err
    assert "the workbook is damaged" in result.err


def test_indicator_cells_with_nan_and_1e308_inside_are_ingested(cli, tmp_path):
    """Found by the fuzz campaign: with these indicator cells, pl.format("column {}", ...) over the checked
    rows made Polars 2.1 panic during ingest ('internal error in Polars'); the text is now joined with +."""
    path = tmp_path / "long.csv"
    edits = [("insert", 129, b"NaN"), ("insert", 1562, b"1e308")]
    path.write_bytes(mutate((FIXTURES / "indicators_long_vi.csv").read_bytes(), edits))
    result = cli("ingest", str(path), "--data", str(tmp_path / "store"))
    assert result.code == 0, result.err
    assert "added 2, replaced 0, already held 2" in result.err
