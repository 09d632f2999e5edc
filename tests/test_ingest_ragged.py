"""A row with more cells than its header is refused by both ingest routes, never cut to the header."""

from __future__ import annotations

from pathlib import Path

import pytest

HEADER = "Tỉnh/Thành phố,Năm,Chỉ tiêu,Giá trị"


def _ingest(cli, tmp_path: Path, text: str, streamed: bool, monkeypatch, suffix: str = ".csv"):
    file = tmp_path / f"table{suffix}"
    file.write_text(text, encoding="utf-8")
    if streamed:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", "0")
    store = tmp_path / "store"
    return cli("ingest", str(file), "--new-indicators", "--data", str(store)), store


@pytest.mark.parametrize("streamed", [False, True], ids=["general", "one pass"])
def test_a_decimal_comma_split_by_the_separator_is_refused(cli, tmp_path, monkeypatch, streamed):
    """'1,5%' unquoted in a comma-separated file is two cells: the row was cut to the header and 1 stored."""
    text = f"{HEADER}\nGia Lai,2022,ty_le_moi,2\nKon Tum,2022,ty_le_moi,1,5%\n"
    result, store = _ingest(cli, tmp_path, text, streamed, monkeypatch)
    assert result.code == 1, result.err
    assert "row 3, column 'E'" in result.err and "'5%'" in result.err and '"1,5"' in result.err
    assert not store.exists() or not any(store.glob("gen-*")), "nothing is written"


@pytest.mark.parametrize("streamed", [False, True], ids=["general", "one pass"])
def test_a_trailing_separator_is_no_cell(cli, tmp_path, monkeypatch, streamed):
    text = f"{HEADER}\nGia Lai,2022,ty_le_moi,2,\nKon Tum,2022,ty_le_moi,1.5, \n"
    result, store = _ingest(cli, tmp_path, text, streamed, monkeypatch)
    assert result.code == 0, result.err
    out = cli("sources", "--indicator", "ty_le_moi", "--data", str(store), "--format", "csv").out
    assert ",Kon Tum,2022,ty_le_moi,1.5," in out and ",Gia Lai,2022,ty_le_moi,2.0," in out
