"""The report as a Word document (``report -o FILE.docx``), read back with python-docx.

Two routes, one answer: every number in the document's tables and its gap line is compared with the
``--format csv`` of the query it comes from (rank, gap, trend, profile, targets). The sources are
cited as publisher, title, date and link in the run's language, never as a file path; the charts and
the map are embedded pictures; the page is A4 with a provincial report's margins."""

from __future__ import annotations

import csv
import io
import math
import re

import pytest

from dtikit.cli import main
from tests.readback import number
from tests.test_no_english import leftover

docx = pytest.importorskip("docx")

EMU_PER_CM = 360000
REPORTS = {
    "province_vi": (["report", "-p", "Kon Tum", "--lang", "vi"], "vi"),
    "province_en": (["report", "-p", "Kon Tum", "--lang", "en"], "en"),
    "national_vi": (["report", "-y", "2022", "--lang", "vi"], "vi"),
    "national_en": (["report", "-y", "2022", "--format", "docx", "--lang", "en"], "en"),
}


def _csv(capsys, *args: str) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main([*args, "-f", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _blocks(path) -> list[tuple[str, object]]:
    """The document in reading order: ('h1'/'h2'/'h3', text), ('p', text), ('table', rows of cell
    texts), ('picture', content type). A table that only lays out others side by side (its cells
    hold tables or pictures) is read as what its cells hold, left to right."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[tuple[str, object]] = []

    def read(container) -> None:
        for element in container.iterchildren():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "tbl" and element.xpath("./w:tr/w:tc/w:tbl | ./w:tr/w:tc/w:p//a:blip"):
                for cell in element.xpath("./w:tr/w:tc"):
                    read(cell)
            elif tag == "tbl":
                blocks.append(("table", [[c.text for c in row.cells] for row in Table(element, document).rows]))
            elif tag == "p":
                paragraph = Paragraph(element, document)
                for blip in element.xpath(".//a:blip"):
                    rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
                    blocks.append(("picture", document.part.related_parts[rid].content_type))
                text = "".join(node.text or "" for node in element.iter() if node.tag.endswith("}t"))
                if text.strip():
                    level = re.fullmatch(r"Heading (\d)", paragraph.style.name)
                    blocks.append((f"h{level[1]}" if level else "p", text))

    read(document.element.body)
    return blocks


class _Written(dict):
    """Each report written once, when a test first asks for it: (path, language, blocks)."""

    def __init__(self, folder) -> None:
        super().__init__()
        self.folder = folder

    def __missing__(self, name: str):
        args, lang = REPORTS[name]
        path = self.folder / f"{name}.docx"
        assert main([*args, "-o", str(path)]) == 0
        self[name] = (path, lang, _blocks(path))
        return self[name]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return _Written(tmp_path_factory.mktemp("docx"))


def _reports(*names: str) -> list:
    """Each report takes seconds to write: these tests are slow (``test_a_word_page`` is the fast one)."""
    return [pytest.param(n, marks=pytest.mark.slow) for n in names]


def test_a_word_page_holds_its_title_tables_citations_and_sources_on_a4():
    """The Word page itself, on a table of its own (fast): the cells as the HTML page writes them,
    a citation as a superscript number, the sources numbered, A4 with a provincial report's margins."""
    import io

    from dtikit.report import Markup, _page

    page = _page("vi", "docx")
    page.releases = True  # the bundled index's releases are cited (a report on a store whose headline it is)
    cited = page.cite("https://example.org/a")
    page.section("Bảng", page.table(["Tỉnh", "Điểm"], [["Kon Tum", Markup("0,54" + cited)], ["Gia Lai", None]], {1}))
    document = docx.Document(io.BytesIO(page.done("Tiêu đề", 2022)))
    assert [p.style.name for p in document.paragraphs[:2]] == ["Heading 1", "Normal"]
    assert document.paragraphs[0].text == "Tiêu đề" and document.paragraphs[1].text.startswith("Ngày phát hành: ")
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["Tỉnh", "Điểm"], ["Kon Tum", "0,54[1]"], ["Gia Lai", "–"]]
    runs = document.tables[0].rows[1].cells[1].paragraphs[0].runs
    assert [(r.text, bool(r.font.superscript)) for r in runs] == [("0,54", False), ("[1]", True)]
    said = [p.text for p in document.paragraphs if p.text.startswith("[")]
    assert said[0].startswith("[0] Bộ Thông tin và Truyền thông: Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022")
    assert said[1] == "[1] trang đọc số liệu: example.org. https://example.org/a"
    section = document.sections[0]
    assert (round(section.page_width / EMU_PER_CM, 1), round(section.page_height / EMU_PER_CM, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m / EMU_PER_CM, 1) for m in margins] == [2.0, 2.0, 3.0, 2.0]


def _section(blocks, title: str) -> list[tuple[str, object]]:
    """The blocks under the level-2 heading that starts with ``title``, to the next level-2 heading."""
    at = next(i for i, (kind, text) in enumerate(blocks) if kind == "h2" and str(text).startswith(title))
    end = next((i for i in range(at + 1, len(blocks)) if blocks[i][0] == "h2"), len(blocks))
    return blocks[at + 1 : end]


def _tables(blocks) -> list[list[list[str]]]:
    return [rows for kind, rows in blocks if kind == "table"]


def _uncited(text: str) -> str:
    """A cell without its citation mark ('0,54[1]' is 0,54)."""
    return re.sub(r"\[\d+\]$", "", text).strip()


def _same(shown: str, held: str | None, lang: str) -> bool:
    """The cell says the CSV's figure: '–' for none, else the same number at the precision shown."""
    shown = _uncited(shown)
    if held in (None, ""):
        return shown == "–"
    value = number(shown, lang)
    figure = re.search(r"[-−]?\d[\d.,]*", shown).group().rstrip(".,")
    separator = "," if lang == "vi" else "."
    decimals = len(figure.rsplit(separator, 1)[1]) if separator in figure else 0
    return math.isclose(value, round(float(held), decimals), abs_tol=10**-decimals / 2 + 1e-9)


WORDS = {
    "vi": {"headline": "Tóm tắt", "targets": "Mục tiêu", "others": "Các chỉ số khác", "sources": "Nguồn"},
    "en": {"headline": "DTI 2022 at", "targets": "Targets", "others": "Other indicators", "sources": "Sources"},
}


@pytest.mark.parametrize("name", _reports("province_vi", "province_en"))
def test_province_tables_say_the_figures_of_the_queries(written, capsys, name):
    _, lang, blocks = written[name]
    words = WORDS[lang]
    rank = {r["province"]: r for r in _csv(capsys, "rank", "-y", "2022")}["Kon Tum"]
    (cards,) = _tables(_section(blocks, words["headline"]))
    shown_rank, change, score, region = cards[1]
    assert _same(shown_rank, rank["rank"], lang) and re.search(rf"\b{rank['ranked_of']}\)", cards[0][0])
    assert _same(score, rank["score"], lang)
    assert change == f"+{rank['rank_change']}" if int(rank["rank_change"]) > 0 else rank["rank_change"]
    profile = {r["year"]: r for r in _csv(capsys, "profile", "-p", "Kon Tum")}["2022"]
    assert region == f"{profile['region_rank']}/{profile['region_size']}"

    # targets: the row of the rank target against `targets`, the gap line against `gap`
    (targets,) = _tables(_section(blocks, words["targets"]))
    held = {r["indicator"]: r for r in _csv(capsys, "targets", "-p", "Kon Tum")}["dti_rank"]
    row = targets[1]
    assert row[1].split()[-1] == "35" and _same(row[1], held["target"], lang)
    for at, column in ((2, "deadline"), (3, "latest_value"), (4, "latest_year")):
        assert _same(row[at], held[column], lang), (row[at], held[column])
    for at, column in ((5, "pace_per_year"), (6, "needed_per_year")):
        assert _same(row[at], held[column], lang), (row[at], held[column])
    gap = _csv(capsys, "gap", "-p", "Kon Tum", "-t", "35", "-y", "2022")[0]
    (line,) = [text for kind, text in _section(blocks, words["targets"]) if kind == "p"]
    found = re.findall(r"\d+(?:[.,]\d+)?", line)
    expected = [gap["target_rank"], gap["places_to_target"], gap["year"]]
    expected += [gap["places_per_year_needed"], gap["deadline"], gap["pace_so_far"]]
    assert len(found) == len(expected), line
    assert all(_same(f, e, lang) for f, e in zip(found, expected, strict=True)), (line, gap)
    if lang == "vi":
        assert "Cần tăng 3,33 bậc/năm đến năm 2025; thực tế 1 bậc/năm." in line

    # other indicators: every value, in the order of `profile --indicators`
    (others,) = _tables(_section(blocks, words["others"]))
    indicators = _csv(capsys, "profile", "-p", "Kon Tum", "--indicators")
    assert len(others) - 1 == len(indicators)
    for row, held in zip(others[1:], indicators, strict=True):
        assert _same(row[1], held["value"], lang), (row, held["value"])


@pytest.mark.parametrize("name", _reports("national_vi", "national_en"))
def test_national_tables_say_the_figures_of_the_queries(written, capsys, name):
    _, lang, blocks = written[name]
    ranked = _csv(capsys, "rank", "-y", "2022")
    title = "Bảng xếp hạng" if lang == "vi" else "Ranking"
    (table,) = _tables(_section(blocks, title))  # in two halves side by side: the header said twice
    width = len(table[0]) // 2
    assert table[0][:width] == table[0][width:]
    rows = [row[:width] for row in table[1:]] + [row[width:] for row in table[1:] if any(row[width:])]
    assert len(rows) == len(ranked)
    for row, held in zip(rows, ranked, strict=True):
        assert row[1] == held["province"]
        assert _same(row[0], held["rank"], lang) and _same(row[2], held["score"], lang), (row, held)
        assert _uncited(row[3]).lstrip("+") == (held["rank_change"] or "–"), (row, held)
    trend = _csv(capsys, "trend")
    (table,) = _tables(_section(blocks, "Xu hướng" if lang == "vi" else "Trend"))
    assert len(table) - 1 == len(trend)
    for row, held in zip(table[1:], trend, strict=True):
        assert row[0] == held["year"] and row[3] == f"{held['n_provinces']}/{held['of_provinces']}"
        assert _same(row[1], held["national_dti"], lang) and _same(row[2], held["provincial_average"], lang)


@pytest.mark.parametrize("name", _reports(*REPORTS))
def test_sources_are_cited_as_publisher_title_date_link_in_the_language(written, name):
    _, lang, blocks = written[name]
    lines = [text for kind, text in _section(blocks, WORDS[lang]["sources"]) if kind == "p"]
    assert lines[0].startswith("[0] Bộ Thông tin và Truyền thông: ")
    assert lines[0].endswith("https://dti.gov.vn") and "2022" in lines[0] and "7/2023" in lines[0]
    cited = {int(n) for _, text in blocks for n in re.findall(r"\[(\d+)\]", str(text))}
    assert {int(re.match(r"\[(\d+)\]", line)[1]) for line in lines} == cited | {0}
    for line in lines:
        assert not re.search(r"\.(csv|md|xlsx|txt)\b|data/raw|[A-Za-z]:\\", line), line
        links = re.findall(r"https?://\S+", line)
        assert len(links) <= 1 and (not links or line.endswith(links[0])), line
    if lang == "vi":
        assert not [line for line in lines if "press article" in line or "not recorded" in line], lines
    if name == "province_vi":  # its articles cited in Vietnamese words
        assert any("bài báo" in line and "(chưa ghi" in line for line in lines), lines


@pytest.mark.parametrize("name", _reports(*REPORTS))
def test_pictures_page_and_title(written, name):
    path, lang, blocks = written[name]
    assert [kind for kind, _ in blocks].count("picture") == 3  # two charts and the map
    assert {content for kind, content in blocks if kind == "picture"} == {"image/png"}
    section = docx.Document(str(path)).sections[0]
    assert round(section.page_width / EMU_PER_CM, 1) == 21.0 and round(section.page_height / EMU_PER_CM, 1) == 29.7
    assert round(section.left_margin / EMU_PER_CM, 1) == 3.0 and round(section.right_margin / EMU_PER_CM, 1) == 2.0
    assert blocks[0][0] == "h1"
    issued = "Ngày phát hành: " if lang == "vi" else "Issued "
    assert blocks[1][0] == "p" and str(blocks[1][1]).startswith(issued)
    method = "Phương pháp đánh giá năm 2022: Quyết định 922/QĐ-BTTTT." if lang == "vi" else "Decision 922/QĐ-BTTTT."
    assert str(blocks[1][1]).endswith(method), blocks[1]


@pytest.mark.slow
def test_the_merger_is_said_in_the_province_report(written):
    _, _, blocks = written["province_vi"]
    notes = [text for kind, text in blocks if kind == "p" and "1/7/2025" in str(text)]
    assert notes and "Kon Tum là một phần của Quảng Ngãi" in notes[0]


@pytest.mark.parametrize("name", _reports("province_vi", "national_vi"))
def test_a_vietnamese_report_has_no_english(written, name):
    _, _, blocks = written[name]
    said = [str(text) for kind, text in blocks if kind != "picture"]
    sources = [str(text) for kind, text in _section(blocks, "Nguồn") if kind == "p"]
    # the titles and publishers of the articles cited are data, as the publisher wrote them
    found = {line: leftover(line) for line in said if line not in sources and leftover(line)}
    assert not found, found


@pytest.mark.slow
def test_html_and_docx_tell_the_same(written, tmp_path):
    """The HTML page of the same report holds every text of the Word document's tables."""
    from html import unescape

    page = tmp_path / "r.html"
    assert main(["report", "-p", "Kon Tum", "--lang", "vi", "-o", str(page)]) == 0
    html = unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    _, _, blocks = written["province_vi"]
    for rows in _tables(blocks):
        for row in rows:
            for cell in row:
                assert _uncited(cell) in html, cell


def test_the_format_and_the_suffix_agree(capsys, tmp_path):
    assert main(["report", "-y", "2022", "-f", "docx", "-o", str(tmp_path / "r.html"), "--lang", "vi"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dtikit: lỗi cách dùng: --output ") and "r.html: báo cáo docx được ghi ra tệp .docx" in err
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_docx_table_with_a_unit_column_claims_no_single_unit(tmp_path, lang):
    """profile --indicators holds a unit on each row: no 'Unit:' line says one unit for all of them,
    and its sources (press articles) are cited in the run's language."""
    out = tmp_path / "p.docx"
    assert main(["profile", "-p", "Kon Tum", "--indicators", "-f", "docx", "-o", str(out), "--lang", lang]) == 0
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert not [p for p in paragraphs if p.startswith(("Đơn vị tính:", "Unit:"))], paragraphs
    (source,) = [p for p in paragraphs if p.startswith(("Nguồn: ", "Source: "))]
    assert ("bài báo" in source and "press article" not in source) if lang == "vi" else "press article" in source


@pytest.mark.parametrize("name", _reports("province_vi", "province_en"))
def test_a_province_report_sets_its_map_beside_its_charts_each_picture_within_its_column(written, name):
    """The charts one under another and the map beside them, each column under its heading, so that a
    province's report is two A4 pages; no picture is wider than its column (Word and LibreOffice lay a
    table out by its grid's widths)."""
    from docx.table import Table

    path, lang, _ = written[name]
    document = docx.Document(str(path))
    layouts = [t for t in document.tables if len(t.columns) == 2 and t._tbl.xpath(".//a:blip")]
    assert len(layouts) == 1
    layout = layouts[0]
    charts, maps = layout.rows[0].cells
    assert [charts.paragraphs[0].text, maps.paragraphs[0].text] == (
        ["Biểu đồ", "Bản đồ"] if lang == "vi" else ["Charts", "Map"]
    )
    assert (len(charts._tc.xpath(".//a:blip")), len(maps._tc.xpath(".//a:blip"))) == (2, 1)
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    grid = [column.width for column in Table(layout._tbl, document).columns]
    assert abs(sum(grid) - text_width) < EMU_PER_CM / 10
    for cell, width in zip((charts, maps), grid, strict=True):
        for shape in cell._tc.xpath(".//wp:extent"):
            assert int(shape.get("cx")) <= width, (int(shape.get("cx")) / EMU_PER_CM, width / EMU_PER_CM)


@pytest.mark.slow
@pytest.mark.parametrize("province", ["Kon Tum", "Đà Nẵng"])
def test_a_province_report_prints_on_two_a4_pages_at_most(tmp_path, province):
    """Printed by LibreOffice (where it is installed), a province's Word report is at most 2 pages."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "r.docx"
    assert main(["report", "-p", province, "--lang", "vi", "-o", str(path)]) == 0
    done = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "r.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages
