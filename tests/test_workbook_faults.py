"""A workbook that cannot be read says what it is, in one line naming the file: damaged, encrypted,
or not a workbook at all. Each file is a valid one built here, then broken the way it is in the wild."""

from __future__ import annotations

import contextlib
import io
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtikit.errors import DtiError
from tests.test_ingest_robustness import mutate, mutation
from tests.workbooks import xls, xlsx

ROWS = {"DTI": [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.54]]}


def one_line(result, text: str) -> None:
    assert result.code == 1, result.err
    assert text in result.err, result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert len(result.err.splitlines()) == 1, result.err


def _flag_encrypted(data: bytes, part: bytes) -> bytes:
    """The archive with the 'encrypted' flag set on ``part``'s central directory entry (as a damaged byte does)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", out, at + 28)[0]
        if bytes(out[at + 46 : at + 46 + length]) == part:
            struct.pack_into("<H", out, at + 8, struct.unpack_from("<H", out, at + 8)[0] | 1)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_an_xlsx_whose_sheet_says_it_is_encrypted_is_one_line(cli, tmp_path):
    """Found by the fuzz campaign: 'internal error: RuntimeError: ... is encrypted'."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(_flag_encrypted(xlsx(ROWS), b"xl/worksheets/sheet1.xml"))
    one_line(cli("validate", str(path)), "book.xlsx: the workbook is damaged or encrypted (its archive asks for a")


def test_an_xlsx_whose_shared_part_says_it_is_encrypted_is_one_line(cli, tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(_flag_encrypted(xlsx(ROWS), b"xl/styles.xml"))
    one_line(cli("validate", str(path)), "book.xlsx: the workbook is damaged or encrypted")


def test_an_xlsx_part_longer_than_it_says_is_damaged(cli, tmp_path):
    """A part that unpacks to more than its declared size: refused, never unpacked further."""
    data = bytearray(xlsx(ROWS))
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == b"xl/styles.xml":
            struct.pack_into("<I", data, at + 24, 10)  # the declared uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path = tmp_path / "book.xlsx"
    path.write_bytes(bytes(data))
    one_line(cli("validate", str(path)), "book.xlsx: the workbook is damaged (")


def _renamed_stream(data: bytes, name: str) -> bytes:
    """An .xls compound file whose 'Workbook' stream is named ``name`` in its directory."""
    out = bytearray(data)
    old = "Workbook\x00".encode("utf-16-le")
    at = out.find(old)
    assert at >= 0
    new = f"{name}\x00".encode("utf-16-le")
    out[at : at + 64] = new + b"\x00" * (64 - len(new))
    struct.pack_into("<H", out, at + 0x40, len(new))
    return bytes(out)


def test_an_encrypted_xlsx_is_said_to_be_encrypted(cli, tmp_path):
    """Excel encrypts a password-protected .xlsx into a compound file holding 'EncryptedPackage'."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(_renamed_stream(xls(ROWS), "EncryptedPackage"))
    one_line(cli("validate", str(path)), "book.xlsx: the workbook is encrypted (protected by a password)")


def test_a_password_protected_xls_is_said_to_be_encrypted(cli, tmp_path):
    """A FILEPASS record in the workbook's globals: its records are encrypted."""
    data = bytearray(xls(ROWS))
    at = data.find(b"\x5c\x00\x70\x00")  # WRITEACCESS, 112 bytes: made a FILEPASS
    assert at > 0
    data[at : at + 2] = b"\x2f\x00"
    path = tmp_path / "book.xls"
    path.write_bytes(bytes(data))
    one_line(cli("validate", str(path)), "book.xls: the workbook is encrypted (protected by a password)")


def test_a_compound_document_that_is_no_workbook_says_so(cli, tmp_path):
    path = tmp_path / "report.xls"
    path.write_bytes(_renamed_stream(xls(ROWS), "WordDocument"))
    one_line(cli("validate", str(path)), "report.xls: a compound document (as Word, Excel and Outlook write) but not")


@pytest.mark.parametrize("cut", [600, 1500, 4000])
def test_a_truncated_xls_is_one_line(cli, tmp_path, cut):
    path = tmp_path / "book.xls"
    path.write_bytes(xls(ROWS)[:cut])
    result = cli("validate", str(path))
    assert result.code == 1 and len(result.err.splitlines()) == 1, result.err
    assert "book.xls" in result.err and "internal error" not in result.err


def test_every_byte_of_an_xls_header_damaged_is_one_line(cli, tmp_path):
    """Each of the compound file's header fields set to an absurd value: a line, never a crash or a hang."""
    good = xls(ROWS)
    for at in range(0x1E, 0x4C + 16, 2):
        data = bytearray(good)
        data[at : at + 2] = b"\xff\x7f"
        path = Path(tmp_path / f"b{at}.xls")
        path.write_bytes(bytes(data))
        result = cli("validate", str(path))
        assert result.code in (0, 1), (at, result.err)
        assert "internal error" not in result.err and "Traceback" not in result.err, (at, result.err)


def test_xls_reader_reads_the_published_workbooks_as_calamine_does():
    """The farthest cell of every sheet of the five published workbooks, as calamine finds it (or farther)."""
    from python_calamine import CalamineWorkbook

    from dtikit.ingest.biff import scan_xls

    real = Path(__file__).parent / "fixtures" / "real"
    for path in sorted(real.glob("*.xls")):
        scans = scan_xls(path.name, path.read_bytes())
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        assert sorted(scans) == sorted(book.sheet_names), path
        for name, scan in scans.items():
            end = book.get_sheet_by_name(name).end
            if end is not None:
                assert (scan.rows, scan.columns) == (end[0] + 1, end[1] + 1), (path.name, name)


def _seed(kind: str) -> bytes:
    """A workbook with a percent cell, an error cell and a formula, for the scans to meet."""
    from tests.test_workbook_cells import BUILDERS

    rows = [["Tỉnh", "Năm", "Điểm"], ["Kon Tum", 2022, 0.6081], ["Gia Lai", 2022, ("error", "#N/A")]]
    return BUILDERS[kind](rows, {(1, 2): "0.00%"})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(kind=st.sampled_from(["xls", "xlsx", "ods"]), edits=st.lists(mutation, min_size=1, max_size=6))
def test_a_damaged_workbook_is_read_or_refused_by_the_scans(kind, edits):
    """The scans read untrusted bytes before calamine does: any damage is a DtiError or a reading."""
    from dtikit.ingest.workbook import read_sheets, workbook_kind

    data = mutate(_seed(kind), edits)
    with contextlib.suppress(DtiError):
        read_sheets("book", data, workbook_kind(data) or kind, ["all"])
