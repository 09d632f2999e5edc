"""Rows naming a socio-economic region without a row number ('Tây Nguyên' in a long table): skipped with a
note, or kept as the region's value with --regions keep; never 'unknown province'."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from dtikit.storage import Store

ROWS = [
    ("Đồng bằng sông Hồng", "5,5"),
    ("Hà Nội", "3,25"),
    ("Tây Nguyên", "4,75"),
    ("Kon Tum", "2,5"),
    ("Cả nước", "9,5"),
]


@pytest.mark.parametrize("threshold", [None, "1"], ids=["general", "one_pass"])
@pytest.mark.parametrize("regions", ["skip", "keep"])
def test_a_region_named_in_a_long_table_is_skipped_or_kept(cli, tmp_path, monkeypatch, threshold, regions):
    if threshold is not None:
        monkeypatch.setenv("DTIKIT_STREAM_BYTES", threshold)
    file = tmp_path / "vung.csv"
    lines = ["Tỉnh;Năm;Chỉ tiêu;Giá trị", *(f"{p};2022;chi_so_v;{v}" for p, v in ROWS)]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "store"
    result = cli("ingest", str(file), "--data", str(root), "--new-indicators", "--regions", regions)
    assert result.code == 0, result.err
    assert "unknown province" not in result.err
    held = Store(root).values().filter(pl.col("indicator") == "chi_so_v")
    got = {(r["province"], r["geography"]): r["value"] for r in held.iter_rows(named=True)}
    provinces = {("Hà Nội", 63): 3.25, ("Kon Tum", 63): 2.5}
    if regions == "skip":
        assert got == provinces
        assert (
            "skipped rows of regions, not provinces: 'Đồng bằng sông Hồng' (row 2), 'Tây Nguyên' (row 4)" in result.err
        )
        assert "skipped rows that are not provinces: 'Cả nước' (row 6)" in result.err
    else:
        assert got == provinces | {("Đồng bằng sông Hồng", 6): 5.5, ("Tây Nguyên", 6): 4.75, ("Việt Nam", 1): 9.5}
        assert "rows kept as the values of regions (geography 6)" in result.err
    # a rank among provinces is never a region's
    ranked = cli("rank", "--indicator", "chi_so_v", "--year", "2022", "--data", str(root), "--format", "csv")
    assert ranked.code == 0, ranked.err
    ranked_provinces = {r["province"]: r for r in csv.DictReader(io.StringIO(ranked.out)) if r["score"]}
    assert set(ranked_provinces) == {"Hà Nội", "Kon Tum"}
