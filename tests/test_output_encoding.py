"""Output any program opens: machine formats in UTF-8 on any console or code page, a byte-order mark
for Excel, ``-o -`` as stdout, and text a spreadsheet would run written so that it is not run.

A redirected stdout under Windows Python is in the ANSI code page (cp1252, or cp1258 on Vietnamese
Windows): ``PYTHONIOENCODING`` gives a Linux Python the same streams.
"""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import BIN, ROOT, shell

FIRST = "Đà Nẵng"  # the first province of the 2022 ranking: 'Đ' and 'ẵ' are in neither code page


def run(tmp_path: Path, *args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess[bytes]:
    """``dtikit ARGS`` with stdout and stderr redirected to files, in a code page's streams."""
    out, err = tmp_path / "out", tmp_path / "err"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        done = subprocess.run(
            [str(BIN / "dtikit"), *args],
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
    return subprocess.CompletedProcess(done.args, done.returncode, out.read_bytes(), err.read_bytes())


@pytest.mark.parametrize(
    ("encoding", "fmt"),
    [
        # one case in the fast tier (make test); every format under both code pages in make test-all
        (encoding, fmt) if (encoding, fmt) == ("cp1258", "csv") else pytest.param(encoding, fmt, marks=pytest.mark.slow)
        for encoding in ("cp1252", "cp1258")
        for fmt in ("csv", "tsv", "json", "ndjson", "markdown")
    ],
)
def test_a_machine_format_redirected_is_utf8_whatever_the_code_page(tmp_path, encoding, fmt):
    """'dtikit rank --format csv > rank.csv' exited 1 with UnicodeEncodeError and left an empty file."""
    done = run(tmp_path, "rank", "--year", "2022", "--top", "3", "--format", fmt, encoding=encoding)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert FIRST in text and not text.startswith("\ufeff")
    if fmt == "json":
        assert json.loads(text)[0]["province"] == FIRST


@pytest.mark.slow
def test_notes_redirected_are_utf8_too(tmp_path):
    (tmp_path / "t.csv").write_text("Tỉnh,Năm,Điểm\nĐắk Lắk,2022,0.5\nĐắk Lắk,2022,0.6\n", encoding="utf-8")
    done = run(tmp_path, "validate", "t.csv")
    assert done.returncode == 1
    assert "Đắk Lắk" in done.stderr.decode("utf-8")


@pytest.mark.slow
def test_a_table_on_a_terminal_shows_what_the_console_can_and_never_fails(tmp_path):
    """A table is for people: on a cp1252 console 'Đ' cannot be shown, so it is replaced, not an error."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "200"}
    args = [str(BIN / "dtikit"), "rank", "--year", "2022", "--top", "3", "--format", "table"]
    done = subprocess.run(args, stdout=slave, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert done.returncode == 0, done.stderr
    assert "?à N?ng" in shown.decode("cp1252") or "Da Nang" in shown.decode("cp1252")


@pytest.mark.slow
def test_a_closed_pipe_under_a_code_page_is_quiet(tmp_path):
    done = shell("dtikit rank --year 2022 --format csv | head -1", PYTHONIOENCODING="cp1252")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("year,rank,province")


@pytest.mark.slow
def test_a_csv_file_written_with_output_has_a_byte_order_mark_and_stdout_none(tmp_path):
    for name in ("rank.csv", "rank.tsv"):
        fmt = name.split(".")[1]
        done = run(tmp_path, "rank", "--year", "2022", "--top", "2", "--format", fmt, "-o", name)
        assert done.returncode == 0 and done.stdout == b""
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbfyear") and FIRST.encode() in data
    no_bom = run(tmp_path, "rank", "--year", "2022", "--top", "2", "-o", "plain.csv", "--no-bom")
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"year,rank"), no_bom.stderr
    assert run(tmp_path, "rank", "--year", "2022", "--top", "2", "--format", "csv").stdout.startswith(b"year,")


@pytest.mark.slow
def test_bom_puts_one_on_stdout_for_a_spreadsheet_format_only(tmp_path):
    done = run(tmp_path, "--bom", "rank", "--year", "2022", "--top", "2", "--format", "csv")
    assert done.returncode == 0 and done.stdout.startswith(b"\xef\xbb\xbfyear,rank")
    assert pl.read_csv(io.BytesIO(done.stdout))["province"][0] == FIRST  # Polars reads it as any CSV
    as_json = run(tmp_path, "rank", "--year", "2022", "--top", "2", "--format", "json", "--bom")
    assert as_json.stdout.startswith(b"[")  # JSON must not start with a BOM


@pytest.mark.slow
def test_output_dash_is_stdout(tmp_path):
    done = run(tmp_path, "rank", "--year", "2022", "--top", "2", "--format", "csv", "-o", "-")
    assert done.returncode == 0 and done.stdout.decode("utf-8").splitlines()[1].startswith(f"2022,1,{FIRST},")
    assert not (tmp_path / "-").exists()
    book = run(tmp_path, "rank", "--year", "2022", "--top", "2", "--format", "xlsx", "-o", "-")
    assert book.returncode == 0, book.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(book.stdout)).worksheets[0]
    assert sheet["C2"].value == FIRST


RUNNABLE = ['=HYPERLINK("http://example.com/x","bấm")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "- ghi chú", "=SUM(A1:A9)"]


def _store_with(tmp_path: Path, cli) -> Path:
    """A store holding one value per text that a spreadsheet would run, in the unit, period and source columns."""
    rows = ["Tỉnh,Năm,Chỉ tiêu,Giá trị,Đơn vị tính,Nguồn"]
    provinces = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"]
    for province, text in zip(provinces, RUNNABLE, strict=True):
        quoted = '"' + text.replace('"', '""') + '"'
        rows.append(f"{province},2022,Số liệu thử,-5,%,{quoted}")
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = cli("ingest", str(tmp_path / "t.csv"), "--new-indicators", "--data", str(store), "--source", "=1+1")
    assert result.code == 0, result.err
    assert "t.csv: row 2: the source '=HYPERLINK(" in result.err and "(5 such texts in all)" in result.err
    assert "--source '=1+1' starts with '='" in result.err
    return store


def test_text_a_spreadsheet_would_run_is_written_behind_an_apostrophe_in_csv_and_tsv(cli, tmp_path):
    store = _store_with(tmp_path, cli)
    args = ("sources", "--data", str(store), "--indicator", "so_lieu_thu")
    table = pl.read_csv(io.StringIO(cli(*args, "--format", "csv").out), infer_schema=False)
    assert sorted(table["source_note"].to_list()) == sorted("'" + t for t in RUNNABLE)
    assert set(table["source"]) == {"'=1+1"}
    assert set(table["value_text"]) == {"-5"} and set(table["value"]) == {"-5.0"}  # numbers are not text
    tsv = cli(*args, "--format", "tsv").out
    assert "\t'@SUM(1+1)\t" in tsv and "\t'=1+1\t" in tsv
    for line in tsv.splitlines()[1:]:
        assert all(not cell.startswith(("=", "+", "@")) for cell in line.split("\t"))


def test_json_and_the_store_keep_the_text_as_written(cli, tmp_path):
    store = _store_with(tmp_path, cli)
    rows = json.loads(cli("sources", "--data", str(store), "--indicator", "so_lieu_thu", "--format", "json").out)
    assert sorted(r["source_note"] for r in rows) == sorted(RUNNABLE)


def test_the_docs_say_what_is_escaped_and_where():
    pages = [(ROOT / "docs" / "reference" / "output.md"), (ROOT / "docs" / "guides" / "your-tables.md")]
    readme = " ".join(" ".join(page.read_text(encoding="utf-8").split()) for page in pages)
    assert "is written behind an apostrophe" in readme and "--bom" in readme and "DTIKIT_MAX_CELLS" in readme


def test_the_runnable_rule():
    from dtikit.runnable import is_runnable

    assert all(is_runnable(t) for t in [*RUNNABLE, "=1", "@x", "-e5", "=-5", "\t=1+1", "\r=1"])
    assert not any(is_runnable(t) for t in ["-5", "-0,5", "+3.2%", "- 1 234", "-1e5", "-", "--", "Kon Tum", ""])
