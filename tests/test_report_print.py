"""The report as an office prints it and a phone shows it: printed to PDF by headless
Chromium (its DevTools ``Page.printToPDF``), pages counted, each page's text read with poppler's
``pdftotext`` where installed; laid out 375 px wide; its sources cited, never by a file path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.browser import chromium, overflow, pdf_pages, print_pdf

needs_chromium = pytest.mark.skipif(
    chromium() is None and not os.environ.get("CI"), reason="chromium not installed (CI installs it)"
)

PROVINCES = [("Kon Tum", "vi"), ("Đắk Lắk", "vi"), ("Quảng Ninh", "en"), ("Đà Nẵng", "vi")]
YEARS = [2020, 2022, 2024]


@pytest.fixture(scope="module")
def pages(tmp_path_factory, store):
    from dtikit.report import national_report, province_report

    folder = tmp_path_factory.mktemp("printed")
    made = {}
    for province, lang in PROVINCES:
        made[(province, lang)] = province_report(store, province, lang=lang)
    for year in YEARS:
        made[(year, "vi")] = national_report(store, year, lang="vi")
    paths = {}
    for (what, lang), html in made.items():
        path = folder / f"{what}-{lang}.html".replace(" ", "_")
        path.write_text(html, encoding="utf-8")
        paths[(what, lang)] = path
    return paths, made


def _page_texts(pdf: bytes, tmp_path) -> list[str] | None:
    """The text of each page (poppler's pdftotext), or None where it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[: pdf_pages(pdf)]


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2>(.*?)</h2>", html)]


@needs_chromium
# one province and one year in the fast tier; the others in the slow one
@pytest.mark.parametrize(
    "what",
    [
        "Kon Tum",
        2024,
        *(pytest.param(w, marks=pytest.mark.slow) for w in ["Đắk Lắk", "Quảng Ninh", "Đà Nẵng", 2020, 2022]),
    ],
)
def test_a_report_prints_on_few_a4_pages_with_no_heading_alone_and_no_picture_split(pages, tmp_path, what):
    paths, made = pages
    key = next(k for k in paths if k[0] == what)
    pdf = print_pdf(paths[key])
    limit = 4 if isinstance(what, int) else 2
    n = pdf_pages(pdf)
    assert 1 <= n <= limit, f"{what}: {n} pages"
    texts = _page_texts(pdf, tmp_path)
    if texts is None:
        return
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in texts]
    assert len(lines[0]) >= 30, "a near-empty first page"
    headings = set(_headings(made[key]))
    for page in lines[:-1]:
        assert page[-1] not in headings, f"heading {page[-1]!r} alone at the foot of a page"
    # a picture is never split: the map's heading, its title and the key under it are on one page
    map_heading = "Bản đồ" if key[1] == "vi" else "Map"
    key_words = "Chữ viết tắt:" if key[1] == "vi" else "Key:"
    on = [i for i, page in enumerate(lines) if map_heading in page]
    assert on and any(line.startswith(key_words) for line in lines[on[0]]), "the map is split from its heading"


@needs_chromium
@pytest.mark.parametrize("which", [("Kon Tum", "vi"), (2022, "vi")])
def test_a_report_fits_a_375_px_phone_without_sideways_scrolling(pages, which):
    paths, _ = pages
    seen = overflow(paths[which], 375)
    assert seen["scroll"] <= 375 and seen["wide"] == [], seen


def test_numbers_have_their_headers_aligned_with_them(pages):
    _, made = pages
    for html in made.values():
        for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
            heads = re.findall(r"<th( class=\"n\")?>", table)
            for row in re.findall(r"<tr>(<td.*?)</tr>", table):
                cells = re.findall(r"<td( class=\"n\")?>", row)
                assert [bool(c) for c in cells] == [bool(h) for h in heads]


def test_a_report_says_its_date_of_issue_the_merger_and_cites_without_file_paths(pages):
    _, made = pages
    kon_tum = made[("Kon Tum", "vi")]
    assert re.search(r"Ngày phát hành: \d{1,2}/\d{1,2}/20\d\d", kon_tum)
    assert "Từ ngày 1/7/2025 Kon Tum là một phần của Quảng Ngãi" in kon_tum
    assert "Đà Nẵng là một phần" not in made[("Đà Nẵng", "vi")]  # the namesake of its unit: nothing to say
    assert (
        "Xếp hạng Chỉ số chuyển đổi số cấp tỉnh (DTI) của Kon Tum giai đoạn 2020–2024" in kon_tum
    )  # as the ministry titles it
    assert "Nguồn: Bộ Thông tin và Truyền thông" in kon_tum  # under the charts
    for (what, _lang), html in made.items():
        sources = re.search(r'<ol class="sources">(.*?)</ol>', html, flags=re.S).group(1)
        assert not re.search(r"seeds/|\.txt\b|data/raw|[A-Za-z]:\\\\", sources), what
        items = re.findall(r"<li[^>]*>(.*?)</li>", sources)
        year = int(re.search(r"<h1>[^<]*?(20\d\d)</h1>", html).group(1))
        publisher = "Bộ Khoa học và Công nghệ" if year == 2024 else "Bộ Thông tin và Truyền thông"
        assert publisher in items[0] and str(year) in items[0] and "dti.gov.vn" in items[0]
        for item in items[1:]:
            link = re.search(r'href="([^"]+)"', item)
            if link:  # a page read: its site named before its link
                host = re.sub(r"^www\.", "", link.group(1).split("/")[2])
                assert host in re.sub(r"<a .*", "", item), item
            else:  # an article: its title in quotes, or its publisher, never its file
                assert re.search(r"&quot;[^&]+&quot;|“[^”]+”", item) or "Báo" in item or "Forum" in item, item
