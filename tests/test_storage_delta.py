"""The Delta Lake backend (``DTIKIT_BACKEND=delta``): the same answers as the default store.

Skipped where ``deltalake`` is not installed (it is the optional ``delta`` extra)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("deltalake")

BIN = Path(sys.executable).parent
KONTUM = "Tỉnh,Năm,Xếp hạng\nKon Tum,2022,44\n"
RANK = ["rank", "--year", "2022", "--format", "csv"]


def _dtikit(backend: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DTIKIT_BACKEND": backend}
    env.pop("DTIKIT_DATA", None)
    return subprocess.run([str(BIN / "dtikit"), *args], capture_output=True, text=True, env=env, timeout=120)


def test_an_ingest_then_an_undo_answer_the_same_on_delta_as_on_the_files_store(tmp_path):
    kontum = tmp_path / "kontum.csv"
    kontum.write_text(KONTUM, encoding="utf-8")
    bundled = _dtikit("files", *RANK)
    answers = {}
    for backend in ("files", "delta"):
        store = str(tmp_path / backend)
        done = _dtikit(backend, "ingest", str(kontum), "--data", store, "--replace")
        assert done.returncode == 0, done.stderr
        answers[backend] = _dtikit(backend, *RANK, "--data", store).stdout
    assert answers["delta"] == answers["files"] != bundled.stdout
    assert ",Kon Tum," in answers["delta"] and "\n2022,44,Kon Tum," in answers["delta"]
    assert (tmp_path / "delta" / "_commits" / "_delta_log").is_dir()  # the store is Delta tables
    undo = "import sys, pathlib; from dtikit.storage import delta; delta.undo(pathlib.Path(sys.argv[1]))"
    env = {**os.environ, "DTIKIT_BACKEND": "delta"}
    subprocess.run([sys.executable, "-c", undo, str(tmp_path / "delta")], check=True, env=env, timeout=120)
    assert _dtikit("delta", *RANK, "--data", str(tmp_path / "delta")).stdout == bundled.stdout


def test_the_delta_log_has_one_row_per_store_version_with_its_command(tmp_path):
    from dtikit.storage import delta

    kontum = tmp_path / "kontum.csv"
    kontum.write_text(KONTUM, encoding="utf-8")
    store = tmp_path / "store"
    assert _dtikit("delta", "ingest", str(kontum), "--data", str(store), "--replace").returncode == 0
    delta.undo(store, command=["store", "undo"])
    said = delta.log(store)
    assert said["version"].to_list() == [1, 2]
    assert said["action"].to_list() == ["ingest", "undo to 0"]
    assert said["command"].to_list() == [f"dtikit ingest {kontum} --data {store} --replace", "dtikit store undo"]
    assert said["current"].to_list() == [False, True]


def test_a_value_replaced_then_undone_answers_the_same_on_delta_as_on_the_files_store(tmp_path):
    """A second ingest replaces the rows of its keys only (a Delta merge), the undo goes back one version."""
    from dtikit.storage import delta

    first, second = tmp_path / "k44.csv", tmp_path / "k43.csv"
    first.write_text(KONTUM, encoding="utf-8")
    second.write_text(KONTUM.replace(",44", ",43"), encoding="utf-8")
    answers: dict[str, list[str]] = {"files": [], "delta": []}
    for backend, said in answers.items():
        store = str(tmp_path / backend)
        for path in (first, second):
            done = _dtikit(backend, "ingest", str(path), "--data", store, "--replace")
            assert done.returncode == 0, done.stderr
        said.append(_dtikit(backend, *RANK, "--data", store).stdout)
    assert _dtikit("files", "store", "undo", "--data", str(tmp_path / "files")).returncode == 0
    assert delta.undo(tmp_path / "delta") == 1
    for backend, said in answers.items():
        said.append(_dtikit(backend, *RANK, "--data", str(tmp_path / backend)).stdout)
    assert answers["delta"] == answers["files"]
    replaced, undone = answers["delta"]
    assert "\n2022,43,Kon Tum," in replaced and "\n2022,44,Kon Tum," in undone
