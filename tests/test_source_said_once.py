"""A picture says where its figures come from once: 'Nguồn' ('Source') stands once in the text of a
map or a chart, with the publisher, and the published pages are still said (read from the SVG)."""

from __future__ import annotations

import pytest

from dtikit.cli import main
from tests.readback import parse, text

WORD = {"vi": ("Nguồn", "đã công bố"), "en": ("Source", "Published figures")}
PICTURES = [
    ["map", "-y", "2022"],
    ["map", "-y", "2024", "--geography", "34"],
    ["rank", "-y", "2022", "--chart"],
    ["profile", "-p", "Kon Tum", "--chart"],
    ["trend", "--chart"],
    ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "--chart"],
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("args", PICTURES, ids=lambda a: " ".join(a[:2]))
def test_a_picture_names_its_source_once(tmp_path, capsys, args, lang):
    out = tmp_path / "picture.svg"
    chart = args[-1] == "--chart"
    line = [*args, str(out), "--lang", lang] if chart else [*args, "-o", str(out), "--lang", lang]
    assert main(line) == 0, capsys.readouterr().err
    said = text(parse(out.read_text(encoding="utf-8")))
    source, published = WORD[lang]
    assert said.count(source) == 1, said
    assert published.casefold() in said.casefold() and "Bộ Thông tin và Truyền thông" in said


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Cần tăng 3,33 bậc/năm đến năm 2025; thực tế 1 bậc/năm"),
        ("en", "3.33 places a year needed to 2025; pace so far 1 a year"),
    ],
)
def test_a_rank_gap_chart_says_its_pace_in_places(tmp_path, capsys, lang, said):
    """The pace of a rank target is in places a year, said as the report's gap line says it."""
    out = tmp_path / "gap.svg"
    assert main(["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "--chart", str(out), "--lang", lang]) == 0
    assert said in text(parse(out.read_text(encoding="utf-8")))
