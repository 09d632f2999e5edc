"""A key of a part given again is masked in the part, or the part is written anew without it: the
store reads the same either way (two routes to one answer), and so do undo, a check and the readers
of the manifest's indicators.

A part of 63 provinces x 2 years x 3 indicators and one of 3 rows (381 rows) is made from a streamed file, then values
are given again with ``--replace``, in steps. The masked route is the default (up to a tenth of a
part's rows); the other is forced by letting no key be masked (``MASKED_KEYS`` 0).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from dtikit.ingest.run import Options, ingest
from dtikit.storage import Store, layout

HEADER = "Tỉnh;Năm;Chỉ tiêu;Giá trị"
PROVINCES = Store().provinces().filter(pl.col("geography") == 63)["province"].to_list()


def _file(folder: Path, name: str, rows: list[str]) -> str:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def _base(tmp_path: Path, monkeypatch) -> Path:
    rows = [
        f"{p};{y};chi_{i};{k + y - 2000 + n},5"
        for n, i in enumerate("abc")
        for y in (2021, 2022)
        for k, p in enumerate(PROVINCES)
    ]
    rows += [f"{p};2022;chi_d;{k},75" for k, p in enumerate(PROVINCES[:3])]  # an indicator of three rows
    monkeypatch.setenv("DTIKIT_STREAM_BYTES", "1000")  # a part
    root = tmp_path / "base"
    assert ingest([_file(tmp_path, "long.csv", rows)], str(root), Options(new_indicators=True)).written
    monkeypatch.delenv("DTIKIT_STREAM_BYTES")
    assert len(Store(root).parts()) == 1
    return root


# steps of values given again: (indicator, year, provinces by number, value)
ONE = [("a", 2022, [0], "99,25")]
AGAIN = [("a", 2022, [0], "99,25"), ("a", 2022, [0], "98,5")]  # the masked key given again: in the main tables
SOME = [("b", 2021, [1, 2, 3, 4, 5], "7,75"), ("a", 2022, [6], "1,5")]
MANY = [("b", 2021, list(range(20)), "7,75"), ("c", 2022, list(range(30)), "3,25")]  # 50 > 38: written anew
GONE = [("d", 2022, [0, 1], "2,5"), ("d", 2022, [2], "8,75"), ("a", 2021, [5], "4,5")]  # every row of d


def _steps(root: Path, folder: Path, steps: list) -> None:
    for n, (indicator, year, provinces, value) in enumerate(steps):
        rows = [f"{PROVINCES[k]};{year};chi_{indicator};{value}" for k in provinces]
        done = ingest([_file(folder, f"step{n}.csv", rows)], str(root), Options(), replace=True)
        assert done.written and done.counts["conflict"] == len(provinces), done.counts


def _read(root: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    store = Store(root)
    values = store.values().sort(pl.all())
    observations = store.observations().drop("ingested_at").sort(pl.all(), nulls_last=True)
    return values, observations


@pytest.mark.parametrize("steps", [ONE, AGAIN, SOME, MANY, GONE], ids=["one", "again", "some", "many", "gone"])
def test_a_masked_part_reads_as_the_part_written_anew(tmp_path, monkeypatch, steps):
    base = _base(tmp_path, monkeypatch)
    masked, rewritten = tmp_path / "masked", tmp_path / "rewritten"
    shutil.copytree(base, masked)
    shutil.copytree(base, rewritten)
    _steps(masked, tmp_path, steps)
    monkeypatch.setattr(layout, "MASKED_KEYS", 0)
    _steps(rewritten, tmp_path, steps)
    monkeypatch.undo()

    assert Store(rewritten).masks().height == 0
    assert all("-v" in p.name for p in Store(rewritten).parts())
    held = Store(masked)
    if steps is not MANY:  # kept as it was written, its keys given again masked
        assert [p.name for p in held.parts()] == [p.name for p in Store(base).parts()]
        assert held.masks().height == len({(i, y, k) for i, y, ks, _ in steps for k in ks})
    values, observations = _read(masked)
    assert values.equals(_read(rewritten)[0])
    assert observations.equals(_read(rewritten)[1])
    # every value given last is the one held, and no key is held twice
    last = {(f"chi_{i}", y, PROVINCES[k]): float(v.replace(",", ".")) for i, y, ks, v in steps for k in ks}
    got = {(i, y, p): v for i, y, p, v in values.select("indicator", "year", "province", "value").iter_rows()}
    assert {key: got[key] for key in last} == last
    assert values.height == values.unique(["geography", "province", "year", "indicator", "period"]).height
    # the manifest's indicators of the part: those it still holds a counted row of
    recorded = held.part_indicators()
    for part in held.parts():
        counted = set(held.part_rows(part).select("indicator").unique().collect()["indicator"])
        assert recorded[part.name] == frozenset(counted)


def test_a_mask_is_undone_checked_and_read_by_indicator(cli, tmp_path, monkeypatch):
    root = _base(tmp_path, monkeypatch)
    before, catalog = _read(root)[0], Store(root).tables / "indicators.parquet"
    _steps(root, tmp_path, SOME)
    store = Store(root)
    assert store.masks().height == 6
    assert (store.tables / "indicators.parquet").samefile(catalog)  # no indicator learnt: the catalog linked
    one = store.values(indicators=["chi_b"], years=[2021], geography=63)
    assert one.height == 63 and one.filter(pl.col("value") == 7.75).height == 5
    assert cli("store", "check", "--data", str(root)).code == 0
    assert cli("store", "undo", "--data", str(root)).code == 0
    assert cli("store", "undo", "--data", str(root)).code == 0
    assert Store(root).masks().height == 0
    assert _read(root)[0].equals(before)
