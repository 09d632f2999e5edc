"""Every example in README.md runs, and prints what README says it prints."""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT, shell

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE_BLOCKS = re.findall(r"```console\n(.*?)```", README, flags=re.S)
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
SETUP = re.search(r"## Quick start.*?```sh\n(.*?)```", README, flags=re.S).group(1)


def examples() -> list[tuple[str, str]]:
    """(command, expected stdout) pairs: a '$ ' line, then the lines up to the next '$ ' line."""
    pairs = []
    for block in CONSOLE_BLOCKS:
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output))
    return pairs


def test_readme_has_examples_of_every_command():
    commands = " ".join(command for command, _ in examples())
    for name in (
        "rank",
        "gap",
        "sources",
        "provinces",
        "indicators",
        "ingest",
        "validate",
        "profile",
        "compare",
        "trend",
        "targets",
        "map",
        "report",
    ):
        assert f"dtikit {name}" in commands


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_console_example(command, expected):
    result = shell(command)
    assert "Traceback" not in result.stderr
    assert result.stdout == expected, result.stderr


@pytest.mark.parametrize("code", PYTHON_BLOCKS)
def test_python_example(code, monkeypatch):
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")  # as installed: dtikit on PATH
    exec(compile(code, "README.md", "exec"), {})


def test_the_polars_example_reads_the_store_the_cli_reads_without_dtikit(cli, tmp_path, monkeypatch):
    """After an ingest the command line reads the user's store: so does the example (it read the
    bundled figures: Kon Tum 45 where dtikit said 44), and it imports nothing of dtikit."""
    code = next(block for block in PYTHON_BLOCKS if "scan_parquet" in block)
    assert not re.search(r"^\s*(from|import) dtikit", code, flags=re.M)
    table = tmp_path / "kon_tum.csv"
    table.write_text("Province,Year,Indicator,Value\nKon Tum,2022,dti_rank,44\n", encoding="utf-8")
    store = tmp_path / "store"
    assert cli("ingest", str(table), "--replace", "--data", str(store)).code == 0
    monkeypatch.setenv("DTIKIT_DATA", str(store))
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    said = {}
    exec(compile(code, "README.md", "exec"), said)
    mine = dict(said["ranks"].iter_rows())
    ranked = cli("rank", "--year", "2022", "--format", "csv").out
    assert "2022,44,Kon Tum," in ranked and mine["Kon Tum"] == 44


def test_quick_start_is_two_make_targets_that_exist():
    commands = [line.split("#")[0].strip() for line in SETUP.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:.*\n\t\$\(BIN\)/dtikit rank --year 2022$", makefile, flags=re.M)
    assert re.search(r"^test:.*\n\t\$\(BIN\)/python -m pytest$", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_names_only_files_that_exist():
    for path in re.findall(r"`((?:data|src|tests|bench)/[\w./-]+)`", README):
        assert (ROOT / path).exists() or Path(ROOT / path.rstrip("/")).exists(), path
