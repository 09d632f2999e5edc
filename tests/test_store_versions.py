"""Versions that tell the truth about themselves: a manifest per version with the digest of every
file, a check of every version that says which are sound, an undo that works to any sound version
whatever is damaged, and writes that leave no version that was never current."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from dtikit.storage import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLES = ["values", "observations", "provinces", "aliases", "regions", "indicators", "national", "targets", "ingests"]


def _long_file(path: Path) -> Path:
    """A long table of two new indicators for the 63 provinces: ingested in one pass, it is a part."""
    provinces = Store().provinces().filter(pl.col("geography") == 63)["province"].to_list()
    rows = [f"{p};{year};ind_part;{n + year - 2000},5" for n, p in enumerate(provinces) for year in (2021, 2022)]
    path.write_text("\n".join(["Tỉnh;Năm;Chỉ tiêu;Giá trị", *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Path:
    """A store of four versions sharing files: 1 an ingest, 2 a part, 3 another ingest (the part linked),
    4 an undo to 2 (every file of 2 linked). Kept pristine: each test damages a copy."""
    from dtikit.cli import main
    from dtikit.ingest import read

    work = tmp_path_factory.mktemp("versions")
    root = work / "store"
    kontum = work / "kontum.csv"
    kontum.write_text("Tỉnh,Năm,Xếp hạng\nKon Tum,2022,44\n", encoding="utf-8")
    data = ["--data", str(root)]
    assert main(["ingest", str(FIXTURES / "pillars_wide_vi.csv"), *data]) == 0
    threshold, read.STREAM_BYTES = read.STREAM_BYTES, 0
    try:
        assert main(["ingest", str(_long_file(work / "long.csv")), *data, "--new-indicators"]) == 0
    finally:
        read.STREAM_BYTES = threshold
    assert main(["ingest", str(kontum), "--replace", *data]) == 0
    assert main(["store", "undo", "--to", "2", *data]) == 0
    assert len(Store(root).parts()) == 1
    return root


def _sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _sound_said(err: str) -> list[int]:
    """The versions `store check` says are sound (its note on stderr)."""
    line = next(line for line in err.splitlines() if "checked versions" in line)
    said = line.split("sound: ")[1].split(";")[0]
    return [] if said == "none" else [int(n) for n in said.split(", ")]


def _overwrite(file: Path) -> None:
    """Write over ``file`` in place with another valid Parquet file of the same table (a row fewer)."""
    import io

    table = pl.read_parquet(file)
    buffer = io.BytesIO()
    table.head(max(table.height - 1, 0)).write_parquet(buffer)
    file.write_bytes(buffer.getvalue())  # the same inode: every version linking it sees the change


def _damage(root: Path, target: str, kind: str) -> Path:
    current = root / (root / "CURRENT").read_text().strip()
    if target == "CURRENT":
        file = root / "CURRENT"
        file.write_bytes(b"\x00garbage\xff\n")
        return file
    if target == "part":
        file = next(current.glob("part-*.parquet"))
    elif target == "manifest":
        file = current / "manifest.json"
    elif target == "old values":
        file = root / "gen-000001" / "values.parquet"
    else:
        file = current / f"{target}.parquet"
    if kind == "truncate":
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    elif kind == "delete":
        file.unlink()
    elif target == "manifest":  # overwritten with another version's manifest: valid JSON, wrong version
        file.write_bytes((root / "gen-000001" / "manifest.json").read_bytes())
    else:
        _overwrite(file)
    return file


CASES = [(t, k) for t in [*TABLES, "part", "manifest"] for k in ("truncate", "overwrite", "delete")]
CASES += [("CURRENT", "garbage"), ("old values", "overwrite")]


@pytest.mark.parametrize(("target", "kind"), CASES, ids=[f"{t}-{k}" for t, k in CASES])
def test_check_names_the_sound_versions_and_undo_makes_one_current(cli, versions, tmp_path, target, kind):
    root = tmp_path / "store"
    shutil.copytree(versions, root)  # copies: the damage stays in this store
    pristine = {p.name: _sums(p) for p in versions.glob("gen-*")}
    query = ["rank", "--indicator", "ind_part", "--year", "2022", "--data", str(root), "--format", "csv"]
    answer = cli(*query).out
    damaged = _damage(root, target, kind)

    check = cli("store", "check", "--data", str(root), "--format", "csv")
    assert check.code == 1, check.err
    assert "internal error" not in check.err and "Traceback" not in check.err
    assert all(line.startswith("dtikit: ") for line in check.err.splitlines()), check.err
    assert "checked versions 1, 2, 3, 4" in check.err
    errors = [line for line in check.err.splitlines() if line.startswith("dtikit: error: ")]
    assert any(str(damaged) in line for line in errors), check.err
    sound = _sound_said(check.err)
    for version, sums in pristine.items():  # the truth: sound means every file as committed
        intact = _sums(root / version) == sums
        assert (int(version[4:]) in sound) == intact, (version, sound)

    # a query never answers from a damaged file: the answer it gave, or one line naming the file
    result = cli(*query)
    assert result.out == answer or (result.code == 1 and result.err.count("\n") == 1), result.err
    assert "internal error" not in result.err

    if target == "old values":  # the current version is sound: the damaged one can be pruned
        assert "version 1 cannot be made current again (the current version is sound)" in check.err
        assert cli("store", "prune", "--keep", "3", "--data", str(root)).code == 0
        assert cli("store", "check", "--data", str(root)).code == 0
        return
    advised = [line.split("undo --to ")[1].split("'")[0] for line in errors if "undo --to " in line]
    assert advised, check.err
    assert all(int(n) in sound for n in advised if n != "0")  # advice names only sound versions
    undo = cli("store", "undo", "--to", advised[-1], "--data", str(root))
    assert undo.code == 0, undo.err
    after = cli("store", "check", "--current", "--data", str(root), "--format", "csv")
    assert after.code == 0, after.err
    if advised[-1] != "0":
        assert cli(*query).out == answer


def test_undo_refuses_a_damaged_version_naming_the_sound_ones(cli, versions, tmp_path):
    root = tmp_path / "store"
    shutil.copytree(versions, root)
    (root / "gen-000003" / "values.parquet").write_bytes(b"PAR1 not any more")
    result = cli("store", "undo", "--to", "3", "--data", str(root))
    assert result.code == 1
    assert f"cannot make version 3 current: {root / 'gen-000003' / 'values.parquet'}" in result.err
    assert "'dtikit store undo --to 4' makes version 4 current (sound versions: 1, 2, 4)" in result.err
    assert (root / "CURRENT").read_text() == "gen-000004\n"


def test_a_damaged_version_after_an_undo_is_found_by_check(cli, versions, tmp_path):
    """`store check` checks every kept version: a damaged gen-000002 after an undo passed as ok."""
    root = tmp_path / "store"
    shutil.copytree(versions, root)
    shutil.rmtree(root / "gen-000004")
    (root / "CURRENT").write_text("gen-000003\n")
    (root / "gen-000002" / "indicators.parquet").unlink()
    result = cli("store", "check", "--data", str(root), "--format", "csv")
    assert result.code == 1
    assert f"{root / 'gen-000002' / 'indicators.parquet'}: missing" in result.err
    assert "checked versions 1, 2, 3 (current: 3); sound: 1, 3; damaged: 2" in result.err
    assert "version 2 cannot be made current again" in result.err
    assert cli("store", "check", "--current", "--data", str(root)).code == 0


def test_a_manifest_holds_its_own_version_not_the_whole_log(cli, tmp_path):
    """2,000 tiny ingests made a 1.34 GB store, 882 MB of it manifests: each repeated the whole log."""
    root = tmp_path / "store"
    sizes = []
    for k in range(6):
        file = tmp_path / f"tiny{k}.csv"
        file.write_text(f"Tỉnh,Năm,Chỉ tiêu,Giá trị\nKon Tum,2022,so_lieu_nho,{k}.5\n", encoding="utf-8")
        assert cli("ingest", str(file), "--data", str(root), "--replace", "--new-indicators").code == 0
        sizes.append((root / f"gen-{k + 1:06d}" / "manifest.json").stat().st_size)
    document = json.loads((root / "gen-000006" / "manifest.json").read_text())
    assert "log" not in document and document["entry"]["version"] == 6
    assert max(sizes[1:]) - min(sizes[1:]) < 100  # the same size, however many versions came before
    log = pl.read_csv(cli("store", "log", "--data", str(root), "--format", "csv").out.encode())
    assert log["version"].to_list() == [1, 2, 3, 4, 5, 6]
    assert log["current"].to_list() == [False] * 5 + [True]
    assert cli("store", "prune", "--keep", "2", "--data", str(root)).code == 0
    log = pl.read_csv(cli("store", "log", "--data", str(root), "--format", "csv").out.encode())
    assert log["version"].to_list() == [1, 2, 3, 4, 5, 6, 6]  # the pruned versions' entries carried
    assert log["action"][-1] == "prune (removed 1, 2, 3, 4)"
    assert (root / "gen-000006" / "manifest.json").stat().st_mode & 0o222 == 0  # read-only as committed
    assert cli("store", "check", "--data", str(root)).code == 0


def test_a_store_of_format_1_manifests_is_read_logged_and_written(cli, tmp_path):
    """Manifests written before 2026-12-06 repeat the whole log: read as they are."""
    root = tmp_path / "store"
    for k in range(2):
        file = tmp_path / f"tiny{k}.csv"
        file.write_text(f"Tỉnh,Năm,Chỉ tiêu,Giá trị\nKon Tum,2022,so_lieu_nho,{k}.5\n", encoding="utf-8")
        assert cli("ingest", str(file), "--data", str(root), "--replace", "--new-indicators").code == 0
    entries = []
    for k in (1, 2):  # as the earlier dtikit wrote them
        path = root / f"gen-{k:06d}" / "manifest.json"
        document = json.loads(path.read_text())
        entries.append(document["entry"])
        path.chmod(0o644)
        path.write_text(json.dumps({"format": 1, "version": k, "tables": document["tables"], "log": entries}))
    file = tmp_path / "tiny2.csv"
    file.write_text("Tỉnh,Năm,Chỉ tiêu,Giá trị\nKon Tum,2022,so_lieu_nho,7.5\n", encoding="utf-8")
    assert cli("ingest", str(file), "--data", str(root), "--replace").code == 0
    log = pl.read_csv(cli("store", "log", "--data", str(root), "--format", "csv").out.encode())
    assert log["version"].to_list() == [1, 2, 3]
    assert cli("store", "check", "--data", str(root)).code == 0
    assert cli("store", "undo", "--data", str(root)).code == 0


def test_a_full_disk_while_writing_current_leaves_no_version_to_revive(cli, tmp_path, monkeypatch):
    import os

    root = tmp_path / "store"
    assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)).code == 0
    replace = os.replace

    def full(source, target, *args, **kwargs):
        if Path(target).name == "CURRENT":
            raise OSError(errno.ENOSPC, "No space left on device", str(source))
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    result = cli("ingest", str(FIXTURES / "indicators_long_vi.csv"), "--data", str(root))
    monkeypatch.setattr(os, "replace", replace)
    assert result.code == 1
    assert result.err == (
        f"dtikit: error: {root}: the disk is full (no space left on the device); nothing was written, the store "
        "is as it was; free some space and run the command again\n"
    )
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == ["CURRENT", "gen-000001"]
    assert cli("store", "undo", "--to", "2", "--data", str(root)).code == 2  # not kept: nothing to revive
    assert cli("store", "check", "--data", str(root)).code == 0


def test_a_damaged_file_is_never_carried_into_a_new_version_as_sound(cli, tmp_path, monkeypatch):
    """A commit links the files it does not change: one damaged in place must not be recorded anew."""
    from dtikit.ingest import read

    root = tmp_path / "store"
    assert cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(root)).code == 0
    values = root / "gen-000001" / "values.parquet"
    values.write_bytes(values.read_bytes()[:-100])  # in place
    monkeypatch.setattr(read, "STREAM_BYTES", 0)  # a part: every other file of the version linked
    result = cli("ingest", str(_long_file(tmp_path / "long.csv")), "--data", str(root), "--new-indicators")
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert f"{values}: changed since version 1 was committed" in result.err
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000001"]
    assert "sound: none; damaged: 1" in cli("store", "check", "--data", str(root)).err
