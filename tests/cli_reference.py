"""The CLI reference of the docs, generated from the commands' own help in English and in Vietnamese.

``python -m tests.cli_reference`` (``make docs``) writes ``docs/reference/cli.md`` and
``docs/reference/cli-vi.md``; ``tests/test_readme.py`` checks that the committed pages are what the
help says today. The commands are found by walking the help itself ("Commands:" sections), so a new
command or group appears without an edit here.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"en": ROOT / "docs" / "reference" / "cli.md", "vi": ROOT / "docs" / "reference" / "cli-vi.md"}
WIDTH = "100"  # the help is wrapped to the terminal's width: fixed, so the page is the same everywhere
INTRO = {
    "en": (
        "# Command reference\n\n"
        "Generated from the help of each command (`dtikit COMMAND --help`) by `python -m tests.cli_reference`"
        " (`make docs`); a test fails when this page and the help differ. In Vietnamese:"
        " [Tham chiếu lệnh](cli-vi.md).\n"
    ),
    "vi": (
        "# Tham chiếu lệnh\n\n"
        "Sinh tự động từ phần trợ giúp của từng lệnh (`dtikit COMMAND --help --lang vi`) bằng"
        " `python -m tests.cli_reference` (`make docs`); một kiểm thử báo lỗi khi trang này khác phần trợ"
        " giúp. Bằng tiếng Anh: [Command reference](cli.md).\n"
    ),
}


def help_text(words: list[str], lang: str) -> str:
    """What ``dtikit WORDS --help --lang LANG`` prints, run in this process (stdout captured)."""
    from dtikit.cli import main

    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR", "TERM")}
    os.environ.update(COLUMNS=WIDTH, NO_COLOR="1", TERM="dumb")
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = main([*words, "--help", "--lang", lang])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    if code != 0:
        raise RuntimeError(f"dtikit {' '.join(words)} --help exited {code}")
    return "\n".join(line.rstrip() for line in out.getvalue().strip("\n").splitlines())


def subcommands(text: str) -> list[str]:
    """The names listed in the last section of a help text ("Commands:" in any language): lines of a
    lower-case word, two spaces or more, and its description."""
    headings = [i for i, line in enumerate(text.splitlines()) if line and not line[0].isspace()]
    last = text.splitlines()[headings[-1] + 1 :] if headings else []
    found = [re.match(r"  ([a-z][\w-]*)  +\S", line) for line in last]
    return [m.group(1) for m in found if m]


def page(lang: str) -> str:
    sections = [INTRO[lang]]
    queue: list[list[str]] = [[]]
    while queue:
        words = queue.pop(0)
        text = help_text(words, lang)
        title = " ".join(["dtikit", *words])
        sections.append(f"## {title}\n\n```text\n{text}\n```\n")
        queue.extend([*words, name] for name in subcommands(text) if name != "help")
    return "\n".join(sections)


def main() -> int:
    for lang, path in PAGES.items():
        path.write_text(page(lang), encoding="utf-8")
        print(path.relative_to(ROOT), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
