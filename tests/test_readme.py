"""Every example in README.md and in the pages of docs/ runs, and prints what its page says it prints;
the documentation site builds with warnings as errors; its command reference is the commands' help."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli_reference
from tests.conftest import BIN, ROOT, shell

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
}
SETUP = re.search(r"\*\*From a checkout, for development\*\*.*?```sh\n(.*?)```", README, flags=re.S).group(1)
WINDOWS = re.search(r"\*\*Windows\*\*.*?```sh\n(.*?)```", README, flags=re.S).group(1)


def blocks(language: str) -> list[tuple[str, str]]:
    """(page, code) of every fenced block of that language, README first, then docs/ by path."""
    return [
        (page, code) for page, text in PAGES.items() for code in re.findall(rf"```{language}\n(.*?)```", text, re.S)
    ]


def examples() -> list[tuple[str, str, str]]:
    """(page, command, expected stdout): a '$ ' line, then the lines up to the next '$ ' line."""
    found = []
    for page, block in blocks("console"):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((page, command, output))
    return found


def test_the_pages_have_examples_of_every_command():
    commands = " ".join(command for _, command, _ in examples())
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


def test_readme_is_short_and_has_five_examples():
    assert len(README.splitlines()) <= 200
    in_readme = [command for page, command, _ in examples() if page == "README.md"]
    assert len(in_readme) + len([code for page, code in blocks("python") if page == "README.md"]) == 5


def _tiered(cases: list[tuple[str, str, str]]) -> list:
    """README's examples in the fast tier; the guides' (which repeat the same commands on other
    provinces and options) in the slow tier, run by ``make test-all`` and CI."""
    return [case if case[0] == "README.md" else pytest.param(*case, marks=pytest.mark.slow) for case in cases]


@pytest.mark.parametrize(
    ("page", "command", "expected"), _tiered(examples()), ids=[f"{p}: {c}" for p, c, _ in examples()]
)
def test_console_example(page, command, expected, tmp_path):
    """Run as a user would, from the repository's folder; files an example makes (mktemp) land in the
    test's own folder, removed with it."""
    result = shell(command, TMPDIR=str(tmp_path))
    assert "Traceback" not in result.stderr
    assert result.stdout == expected, f"{page}: {result.stderr}"


@pytest.mark.parametrize(("page", "code"), blocks("python"), ids=[page for page, _ in blocks("python")])
def test_python_example(page, code, monkeypatch):
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")  # as installed: dtikit on PATH
    exec(compile(code, page, "exec"), {})


def test_the_polars_example_reads_the_store_the_cli_reads_without_dtikit(cli, tmp_path, monkeypatch):
    """After an ingest the command line reads the user's store: so does the example (it read the
    bundled figures: Kon Tum 45 where dtikit said 44), and it imports nothing of dtikit."""
    page, code = next((page, code) for page, code in blocks("python") if "scan_parquet" in code)
    assert not re.search(r"^\s*(from|import) dtikit", code, flags=re.M)
    table = tmp_path / "kon_tum.csv"
    table.write_text("Province,Year,Indicator,Value\nKon Tum,2022,dti_rank,44\n", encoding="utf-8")
    store = tmp_path / "store"
    assert cli("ingest", str(table), "--replace", "--data", str(store)).code == 0
    monkeypatch.setenv("DTIKIT_DATA", str(store))
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    said = {}
    exec(compile(code, page, "exec"), said)
    mine = dict(said["ranks"].iter_rows())
    ranked = cli("rank", "--year", "2022", "--format", "csv").out
    assert "2022,44,Kon Tum," in ranked and mine["Kon Tum"] == 44


def test_the_development_set_up_is_make_targets_that_exist_and_ci_runs_every_test():
    commands = [line.split("#")[0].strip() for line in SETUP.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:.*\n\t\$\(BIN\)/dtikit rank --year 2022$", makefile, flags=re.M)
    fast = re.search(r'^test:.*\n\t\$\(BIN\)/python -m pytest -n auto -m "(.*)"$', makefile, flags=re.M)
    assert fast and all(f"not {mark}" in fast.group(1) for mark in ("slow", "kill", "load", "bench"))
    assert re.search(r"^test-all:.*\n\t\$\(BIN\)/python -m pytest$", makefile, flags=re.M)
    assert re.search(r"^make test-all$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), flags=re.M)


def test_the_windows_quick_start_needs_no_make_and_its_commands_exist():
    lines = [line.split("#")[0].strip() for line in WINDOWS.splitlines() if line.strip()]
    assert not any(line.startswith("make") for line in lines)
    assert "pipx install ." in lines and "dtikit store path" in lines
    said = shell("dtikit store path")
    assert said.returncode == 0 and Path(said.stdout.strip()).is_dir(), said.stderr


INSTALL = re.compile(r"\bpipx? install\b(?P<args>[^\n#]*)")


def test_every_page_installs_dtikit_as_the_readme_does_from_a_copy_not_by_name():
    """dtikit is not on a package index: a block that says 'pipx install dtikit' fails for whoever
    types it. Install lines in code blocks (any language) name a folder or a wheel file."""
    by_name = []
    for page, text in PAGES.items():
        for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
            for found in INSTALL.finditer(block):
                words = [w.strip("'\"") for w in found.group("args").split() if not w.startswith("-")]
                if any(re.fullmatch(r"dtikit(\[[^\]]*\])?", w) for w in words):
                    by_name.append(f"{page}: {found.group(0).strip()}")
    assert not by_name, by_name
    assert INSTALL.search("pipx install dtikit") and INSTALL.search("py -m pip install --user .")


def test_readme_images_are_absolute_links_to_files_of_the_repository():
    """The README is shown on package indexes too, where a relative image is broken."""
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert images
    for url in images:
        prefix = "https://raw.githubusercontent.com/dtikit/dtikit/main/"
        assert url.startswith(prefix), url
        assert (ROOT / url.removeprefix(prefix)).is_file(), url
    urls = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'Source = "https://github.com/dtikit/dtikit"' in urls


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_name_only_files_that_exist(page):
    for path in re.findall(r"`((?:data|src|tests|bench|docs)/[\w./-]+)`", PAGES[page]):
        assert (ROOT / path).exists() or Path(ROOT / path.rstrip("/")).exists(), path
    for link in re.findall(r"\]\(((?!https?:)[^)#]+)[^)]*\)", PAGES[page]):
        assert ((ROOT / page).parent / link).exists(), link


def test_the_documentation_site_builds_with_warnings_as_errors(tmp_path):
    built = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "reference" / "cli-vi" / "index.html").is_file()
    assert (tmp_path / "site" / "guides" / "pipelines" / "index.html").is_file()


@pytest.mark.parametrize("lang", sorted(cli_reference.PAGES))
def test_the_command_reference_is_the_help_of_every_command(lang):
    path = cli_reference.PAGES[lang]
    assert path.read_text(encoding="utf-8") == cli_reference.page(lang), (
        f"{path.relative_to(ROOT)} differs from the help: run make docs (python -m tests.cli_reference)"
    )
    for command in ("rank", "ingest", "store undo", "indicators set"):
        assert f"## dtikit {command}\n" in path.read_text(encoding="utf-8")


def test_the_reference_generator_runs_as_make_docs_runs_it(tmp_path):
    """``python -m tests.cli_reference`` from the repository's folder (not only imported by a test)."""
    done = subprocess.run(
        [sys.executable, "-c", "import tests.cli_reference as r; print(len(r.page('en')))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0 and int(done.stdout) > 1000, done.stderr
