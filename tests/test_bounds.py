"""What a file may cost: small files that asked for gigabytes (or for ever) are refused with one line,
within a few hundred megabytes; wide tables cost in proportion to their columns.

Each case runs ``dtikit`` as its own process under an address-space cap (``RLIMIT_AS``; Polars
reserves about 1 GB of it up front) and a time limit, so that a regression fails the test instead
of taking the machine down; its peak memory is read from the kernel (``wait4``).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import BIN, shell
from tests.workbooks import ods_document

CAP = 2_500_000_000  # bytes of address space: about 1 GB reserved by Polars, the rest for the work


@dataclass
class Run:
    code: int
    err: str
    peak_mb: int  # the process's peak resident memory


# run in a small Python of its own, so that the peak it reads is dtikit's, not that of a copy of pytest
_WRAPPER = """
import resource, subprocess, sys
cap, timeout = int(sys.argv[1]), int(sys.argv[2])
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
try:
    code = subprocess.run(sys.argv[3:], preexec_fn=limit, timeout=timeout, stdout=subprocess.DEVNULL).returncode
except subprocess.TimeoutExpired:
    code = "timeout"
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def capped(tmp_path: Path, *args: str, timeout: int = 120, cap: int = CAP, **env: str) -> Run:
    """``dtikit ARGS`` in a process of its own, capped in address space (``cap`` bytes) and time."""
    found = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(cap), str(timeout), str(BIN / "dtikit"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **env},
        timeout=timeout + 60,
        check=False,
    )
    code, peak = found.stdout.split()[-2:]
    return Run(int(code) if code.lstrip("-").isdigit() else -1, found.stderr, int(peak) // 1024)


def refused(run: Run, text: str) -> None:
    """Exit 1 with one line on stderr holding ``text``, and no traceback or internal error."""
    assert run.code == 1, run
    assert text in run.err, run.err
    assert "Traceback" not in run.err and "internal error" not in run.err and "panicked" not in run.err
    assert all(line.startswith("dtikit: ") for line in run.err.splitlines()), run.err


def test_a_value_in_the_last_cell_of_an_xlsx_sheet_is_refused_before_calamine_reads_it(tmp_path):
    """A 5 KB workbook with a value in XFD1048576 made calamine ask for 512 GiB and abort (exit 134)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "DTI"
    sheet.append(["Tỉnh", "Năm", "Điểm"])
    sheet.append(["Kon Tum", 2022, 0.54])
    sheet["XFD1048576"] = 1
    book.save(tmp_path / "far.xlsx")
    run = capped(tmp_path, "validate", "far.xlsx")
    refused(run, "far.xlsx: sheet 'DTI' reaches cell XFD1048576: 17,179,869,184 cells from A1, more than 5,000,000")
    assert run.peak_mb < 400


def test_a_value_in_the_last_cell_of_an_xls_sheet_is_refused_before_calamine_opens_it(tmp_path):
    """calamine fills every sheet of an .xls when it opens it: IV65536 cost 1 GB."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("DTI")
    for c, text in enumerate(["Tỉnh", "Năm", "Điểm"]):
        sheet.write(0, c, text)
    sheet.write(65535, 255, 1)
    book.save(str(tmp_path / "far.xls"))
    run = capped(tmp_path, "validate", "far.xls")
    refused(run, "far.xls: sheet 'DTI' reaches cell IV65536: 16,777,216 cells from A1")
    assert run.peak_mb < 400


def test_a_repeated_ods_cell_counts_for_every_place_it_stands_for(tmp_path):
    """Two rows of XML stand for 40,000 rows of a thousand values each (under calamine's own limit of 100
    million cells for .ods: it aborted at 2.5 GB)."""
    far = (
        '<table:table-row table:number-rows-repeated="40000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>"
    )
    head = '<table:table-row><table:table-cell office:value-type="string"><text:p>Tỉnh</text:p></table:table-cell>'
    body = f'<table:table table:name="DTI">{head}</table:table-row>{far}</table:table>'
    (tmp_path / "far.ods").write_bytes(
        ods_document(f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>")
    )
    run = capped(tmp_path, "validate", "far.ods")
    refused(run, "far.ods: sheet 'DTI' reaches cell ALL40001: 40,001,000 cells from A1")
    assert run.peak_mb < 400


def _bomb(path: Path, rows: int) -> None:
    """An .xlsx whose sheet holds ``rows`` rows of 100 cells, compressed about 400 times."""
    from openpyxl import Workbook

    plain = io.BytesIO()
    Workbook().save(plain)
    row = b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData")[0], b"</sheetData>" + data.split(b"</sheetData>")[-1]
            with out.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                for _ in range(rows // 1000):
                    sheet.write(row * 1000)
                sheet.write(tail)


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    """A workbook of a few megabytes that unpacks to 302 MB (main: gigabytes, then killed)."""
    _bomb(tmp_path / "bomb.xlsx", 200_000)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 5_000_000
    run = capped(tmp_path, "validate", "bomb.xlsx")
    refused(run, "bomb.xlsx: the workbook unpacks to 302,2")
    assert "more than 268,435,456 (DTIKIT_MAX_BYTES)" in run.err
    assert run.peak_mb < 400


@pytest.mark.slow
def test_raising_the_byte_bound_leaves_the_cell_bound(tmp_path):
    """Cells without a reference (placed by counting) are bounded too, as soon as the bound is passed."""
    _bomb(tmp_path / "bomb.xlsx", 60_000)
    run = capped(tmp_path, "validate", "bomb.xlsx", DTIKIT_MAX_BYTES="1000000000", DTIKIT_MAX_CELLS="1000000")
    refused(run, "bomb.xlsx: sheet 'Sheet' reaches cell CV")
    assert "more than 1,000,000 (DTIKIT_MAX_CELLS)" in run.err


def test_the_bounds_are_read_from_the_environment_and_a_bad_value_is_a_usage_error(cli, tmp_path, monkeypatch):
    rows = "\n".join(["Tỉnh,Năm,Điểm", *[f"Kon Tum,{2000 + i},0.5" for i in range(20)]])
    (tmp_path / "t.csv").write_text(rows + "\n")
    monkeypatch.setenv("DTIKIT_MAX_CELLS", "30")
    result = cli("validate", str(tmp_path / "t.csv"))
    assert result.code == 1 and "t.csv: 11 rows of 3 columns, more than 30 cells to hold in memory" in result.err
    monkeypatch.setenv("DTIKIT_MAX_CELLS", "lots")
    result = cli("validate", str(tmp_path / "t.csv"))
    assert result.code == 2 and "DTIKIT_MAX_CELLS='lots': not a whole number" in result.err


def test_a_parquet_file_is_bounded_by_its_metadata(tmp_path):
    """A 200 KB Parquet file of 20 million rows passed 3.5 GB."""
    n = 20_000_000
    frame = pl.DataFrame({"Tỉnh": pl.repeat("Kon Tum", n, eager=True), "Điểm": pl.repeat(0.5, n, eager=True)})
    frame.write_parquet(tmp_path / "big.parquet")
    assert (tmp_path / "big.parquet").stat().st_size < 1_000_000
    run = capped(tmp_path, "validate", "big.parquet", "--year", "2022")
    refused(run, "big.parquet: 20000000 rows of 2 columns, more than 5,000,000 cells to hold in memory")
    assert run.peak_mb < 400


@pytest.mark.slow
def test_a_parquet_file_is_read_without_a_python_cell_per_value(tmp_path):
    """One million rows of a long table: 0.94 to 1.03 GB when every cell was a Python string, 0.60 to 0.80 GB
    since that was fixed, as much of it pages that Polars' allocator (jemalloc) has freed but not yet given
    back. So the peak is read with freed pages given back at once (what is held, not what is kept for later),
    and the address space is capped at 4 GB, not 2.5: jemalloc reserves more of it on some machines than on
    others (CI's stopped at 2.5 GB with 787 MB resident, where this machine needs 2.0 to 2.5 GB)."""
    n = 1_000_000
    provinces = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"]
    frame = pl.DataFrame(
        {
            "Tỉnh": [provinces[i % 5] for i in range(n)],
            "Năm": [2000 + (i // 5) % 25 for i in range(n)],
            "Chỉ tiêu": [f"chi_tieu_{i // 125}" for i in range(n)],
            "Giá trị": [(i % 1000) / 10 for i in range(n)],
        }
    )
    frame.write_parquet(tmp_path / "long.parquet")
    returned = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
    args = ("validate", "long.parquet", "--new-indicators", "--geography", "63")
    run = capped(tmp_path, *args, timeout=300, cap=4_000_000_000, **returned)
    assert run.code == 0, run.err
    assert "long.parquet: valid, 1000000 values" in run.err
    assert run.peak_mb < 800, run.peak_mb  # a Python string a cell: 300 MB more


def test_reading_a_device_without_end_stops_at_the_byte_bound(tmp_path):
    run = capped(tmp_path, "validate", "/dev/zero")
    refused(run, "/dev/zero: more than 268,435,456 bytes to read whole into memory (DTIKIT_MAX_BYTES)")
    assert run.peak_mb < 700


@pytest.mark.slow
def test_a_text_file_of_a_million_columns_is_refused_while_it_is_read(tmp_path):
    (tmp_path / "commas.csv").write_text("Tỉnh,Năm,Điểm" + "," * 10_000_000 + "\nKon Tum,2022,0.5\n")
    run = capped(tmp_path, "validate", "commas.csv")
    refused(run, "commas.csv: 1 row of 10000003 columns, more than 5,000,000 cells to hold in memory")
    assert run.peak_mb < 700


@pytest.mark.slow
@pytest.mark.parametrize("columns", [500, 4000])
def test_a_wide_table_costs_in_proportion_to_its_columns(tmp_path, columns):
    """One row of 2,000 new indicator columns took 1.34 GB and 4,000 more than 3.5 GB (one plan per
    column, joined); now one reshaping per province column."""
    header = ["Tỉnh", "Năm", *[f"Chỉ tiêu x{i:x}" for i in range(columns)]]  # in hexadecimal: never a year
    row = ["Kon Tum", "2022", *[str(i % 97) for i in range(columns)]]
    (tmp_path / "wide.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    run = capped(tmp_path, "validate", "wide.csv", "--new-indicators")
    assert run.code == 0, run.err
    assert f"wide.csv: valid, {columns} values" in run.err
    assert run.peak_mb < 300, run.peak_mb


def test_a_file_or_stdin_larger_than_the_byte_bound_is_refused_before_it_is_read(cli, tmp_path, monkeypatch):
    from tests.workbooks import xlsx

    (tmp_path / "book.xlsx").write_bytes(xlsx({"DTI": [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54]]}))
    monkeypatch.setenv("DTIKIT_MAX_BYTES", "1000")
    result = cli("validate", str(tmp_path / "book.xlsx"))
    size = (tmp_path / "book.xlsx").stat().st_size
    assert result.code == 1 and f"book.xlsx: {size:,} bytes, more than 1,000 to read whole into memory" in result.err
    piped = shell("head -c 5000 /dev/zero | dtikit validate -", DTIKIT_MAX_BYTES="1000")
    assert piped.returncode == 1
    assert piped.stderr == (
        "dtikit: error: <stdin>: more than 1,000 bytes to read whole into memory (DTIKIT_MAX_BYTES); save it as "
        "a file first (a text file of 16 MiB or more is streamed), or raise DTIKIT_MAX_BYTES\n"
    )
