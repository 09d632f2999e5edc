"""The repository stands on its own: no file points a reader at a document outside it (a planning
note, an issue tracker's number), which a reader of the repository cannot open."""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

OUTSIDE = re.compile(r"\b(?:DOMAIN|STYLE)\.md\b|\.\./shared/|\bissues? (?:#)?\d+\b", re.IGNORECASE)
FILES = sorted(
    path
    for folder in ("src", "tests", "bench", "docs", ".ci")
    for path in (ROOT / folder).rglob("*")
    if path.is_file() and path.suffix in {".py", ".md", ".sh", ".toml", ".yml", ""} and path != Path(__file__)
) + [ROOT / name for name in ("README.md", "Makefile", "pyproject.toml", "mkdocs.yml")]


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_no_file_names_a_document_outside_the_repository(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    found = [f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert not found, f"{path.relative_to(ROOT)} names what the repository does not hold: {found}"


def test_the_rule_catches_what_it_is_for():
    assert OUTSIDE.search("as issue 19 said") and OUTSIDE.search("see DOMAIN.md") and OUTSIDE.search("../shared/x")
    assert not OUTSIDE.search("the issues of a file") and not OUTSIDE.search("tissue 5")
