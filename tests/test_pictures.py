"""Charts, the map and the report, drawn from the bundled published figures and read back.

SVGs are parsed (names, marks, missing drawn as missing, one shape per province); the report is
opened in real headless Chromium (``tests/browser.py``): no console error, no request beyond the
file itself, a screenshot of the expected width and a plausible height.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import polars as pl
import pytest

from dtikit.catalog import Catalog
from dtikit.charts import chart_svg
from dtikit.queries import compare_query, gap_query, profile_query, rank_query, trend_query
from dtikit.tilemap import model, svg, tiles
from tests.browser import chromium, visit

NS = {"s": "http://www.w3.org/2000/svg"}


def ids(root: ET.Element, prefix: str) -> list[str]:
    return [e.get("id") for e in root.iter() if (e.get("id") or "").startswith(prefix)]


def texts(root: ET.Element) -> str:
    return " ".join("".join(e.itertext()) for e in root.iter(f"{{{NS['s']}}}text"))


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode())


@pytest.mark.slow
def test_rank_chart_has_a_bar_per_score_and_a_missing_mark_per_unscored_province(store):
    result = rank_query(store, 2022)
    root = parse(chart_svg(result, highlight=["Kon Tum"], target=35))
    held = result.table["score"].is_not_null().sum()
    assert len(ids(root, "bar-")) == held == 10
    assert len(ids(root, "missing-")) == 63 - held
    assert ids(root, "target-line") == ["target-line"]
    words = texts(root)
    assert "45. Kon Tum" in words and "1. Đà Nẵng" in words and "Thừa Thiên Huế" in words
    assert "Provincial DTI (overall), 2022" in words and "63 provinces" in words and "published" in words


def test_a_rank_chart_with_no_rank_says_its_order_is_by_name(store):
    """Held for one province of 63 and published unranked: the rows are in the order of their names, and
    the chart says so rather than 'ordered by rank' with a '–.' before every name."""
    result = rank_query(store, 2022, Catalog.of(store).measure("administrative_procedures"))
    assert result.table["rank"].is_null().all()
    words = texts(parse(chart_svg(result)))
    assert "No rank among 63 provinces: ordered by name" in words and "Ordered by rank" not in words
    assert "–." not in words and "– " not in words
    partly = rank_query(store, 2024, geography=34)  # a ranked chart marks its unranked rows with a dash
    unranked = partly.table.filter(pl.col("rank").is_null())["province"].to_list()
    ranked = texts(parse(chart_svg(partly)))
    assert unranked and "Ordered by rank" in ranked and all(f"– {p}" in ranked for p in unranked)


def test_profile_chart_draws_missing_years_as_gaps(store):
    result = profile_query(store, "Kon Tum")
    root = parse(chart_svg(result))
    assert sorted(ids(root, "point-overall-")) == ["point-overall-2020", "point-overall-2021", "point-overall-2022"]
    assert sorted(ids(root, "missing-overall-")) == ["missing-overall-2023", "missing-overall-2024"]
    assert "Provincial DTI (overall) rank of Kon Tum, 2020–2024" in texts(root)


def test_no_chart_text_is_cut_at_the_right_edge(store):
    """The Vietnamese title 'Xếp hạng Chỉ số chuyển đổi số cấp tỉnh (DTI) của Kon Tum giai đoạn 2020–2024'
    and the legend's 'Trụ cột Chính quyền số' ran past the picture's edge and were cut when saved."""
    from dtikit.charts import EDGE, figure
    from dtikit.messages import speaking

    with speaking("vi"):
        results = [profile_query(store, "Kon Tum"), gap_query(store, "Kon Tum", 35, year=2022), trend_query(store)]
        results.append(compare_query(store, ["Kon Tum", "Đắk Lắk"]))
    for result in results:
        fig = figure(result, lang="vi")
        renderer, edge = fig.canvas.get_renderer(), fig.bbox.width * EDGE + 0.5
        shown = [t for t in fig.texts if not t.get_wrap()] + [a.get_legend() for a in fig.axes if a.get_legend()]
        assert all(artist.get_window_extent(renderer).x1 <= edge for artist in shown), result.kind


@pytest.mark.slow
@pytest.mark.slow
def test_compare_chart_has_a_line_per_province(store):
    result = compare_query(store, ["Kon Tum", "Đắk Lắk", "Gia Lai"])
    root = parse(chart_svg(result, lang="vi"))
    assert {i for i in ids(root, "line-p") if i.count("-") == 1} == {"line-p0", "line-p1", "line-p2"}
    words = texts(root)
    assert "Đắk Lắk" in words and "Gia Lai" in words and "xếp hạng" in words.lower()
    # Gia Lai holds a 2022 rank only among the years drawn: one point, the other years missing
    assert len(ids(root, "point-p2-")) == result.table.filter(pl.col("measure") == "overall_rank")["Gia Lai"].count()


def test_trend_chart_writes_coverage_under_each_year(store):
    result = trend_query(store)
    root = parse(chart_svg(result))
    years = result.table["year"].to_list()
    assert sorted(ids(root, "coverage-")) == [f"coverage-{y}" for y in years]
    assert "n=10/63" in texts(root)
    assert ids(root, "line-national") and ids(root, "band-range")


def test_gap_chart_draws_target_path_needed_and_pace(store):
    root = parse(chart_svg(gap_query(store, "Kon Tum", 35, year=2022)))
    for mark in ("target-line", "path-needed", "pace-forward"):
        assert ids(root, mark) == [mark]
    assert "Kon Tum: target top 35" in texts(root)


def test_value_gap_chart(store):
    result = gap_query(
        store, "Kon Tum", indicator=Catalog.of(store).measure("full_online_service_share"), target_value=80
    )
    root = parse(chart_svg(result))
    assert ids(root, "target-line") == ["target-line"] and ids(root, "line-value")


@pytest.mark.slow
def test_charts_are_deterministic_and_keep_text_as_text(store):
    result = rank_query(store, 2022, top=5)
    first, second = chart_svg(result), chart_svg(result)
    assert first == second
    assert "<text" in first and "Đà Nẵng" in first
    assert "Date" not in first and "<dc:date>" not in first


@pytest.mark.parametrize(("year", "geography"), [(2022, 63), (2024, 34)])
def test_map_has_one_named_shape_per_province(store, year, geography):
    result = rank_query(store, year, geography=geography)
    root = parse(svg(model(result, store, highlight=[result.table["province"][0]])))
    shapes = [e for e in root.iter(f"{{{NS['s']}}}path") if "province" in (e.get("class") or "").split()]
    assert len(shapes) == geography
    names = {e.find("s:title", NS).text.split(":")[0] for e in shapes}
    assert names == set(result.table["province"].to_list())
    assert len([e for e in shapes if "highlighted" in e.get("class")]) == 1
    missing = [e for e in shapes if e.get("fill") == "url(#missing-hatch)"]
    assert len(missing) == result.table["rank"].null_count()
    if missing:
        assert "no data" in texts(root)


def test_34_units_are_the_unions_of_their_predecessors_tiles(store):
    units = {t.province: t for t in tiles(store, 34)}
    assert len(units) == 34
    assert sum(len(t.cells) for t in units.values()) == 63
    assert len(units["Quảng Ngãi"].cells) == 2 and len(units["Hồ Chí Minh"].cells) == 3
    old = {t.province: t.cells[0] for t in tiles(store, 63)}
    assert set(units["Quảng Ngãi"].cells) == {old["Quảng Ngãi"], old["Kon Tum"]}


def test_every_merged_unit_is_one_outline(store):
    from dtikit.tilemap import outline

    for tile in tiles(store, 34):
        assert len(outline(tile.cells)) == 1, tile.province  # predecessors sit on touching tiles


def test_map_of_a_region_draws_its_provinces_only(store):
    result = rank_query(store, 2022, region="Tây Nguyên")
    root = parse(svg(model(result, store)))
    assert len([e for e in root.iter(f"{{{NS['s']}}}path") if e.get("class") == "province"]) == 5


@pytest.mark.slow
def test_chart_and_map_from_the_cli(cli, tmp_path):
    chart = tmp_path / "r.svg"
    plain = cli("rank", "--year", "2022", "--top", "3", "--format", "csv")
    drawn = cli(
        "rank", "--year", "2022", "--top", "3", "--format", "csv", "--chart", str(chart), "--highlight", "kon tum"
    )
    assert drawn.code == 0 and drawn.out == plain.out  # stdout: the table, as without --chart
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    made = cli("map", "--year", "2022", "-o", str(tmp_path / "m.png"), "--highlight", "Kontum")
    assert made.code == 0 and made.out == ""
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_lang_anywhere_reaches_the_map_and_the_charts(cli, tmp_path):
    """--lang, taken from anywhere on the line for tables, is still map's and report's own --lang."""
    for args, words in [([], "Rank (1 = first)"), (["--lang", "vi"], "Xếp hạng (1 = cao nhất)")]:
        path = tmp_path / f"m{len(args)}.svg"
        assert cli(*args, "map", "--year", "2022", "-o", str(path)).code == 0
        assert words in path.read_text(encoding="utf-8")
    chart = tmp_path / "r.svg"
    assert cli("rank", "--year", "2022", "--chart", str(chart), "--format", "csv", "--lang", "vi").code == 0
    assert "Xếp theo hạng" in chart.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--year", "2022", "--chart", "r.pdf"],
        ["map", "--year", "2022", "-o", "m.jpg"],
        ["report", "--year", "2022", "-o", "r.svg"],
        ["report", "-o", "r.html"],
        ["report", "--year", "2022", "-o", "r.html", "--lang", "fr"],
    ],
)
def test_unknown_picture_formats_are_usage_errors(cli, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [["rank", "--year", "2022", "--chart", "-"], ["map", "--year", "2022", "-o", "-"], ["report", "-o", "-"],
     ["profile", "--province", "Kon Tum", "--chart", "-"]],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_picture_asked_on_stdout_is_told_to_go_to_a_file(cli, args, lang):
    """'-o -' is stdout for tables; a picture has no format to be told by there: one line says it goes to a
    file, not 'unknown picture format (none)'."""
    result = cli("--lang", lang, *args)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert "stdout" in result.err and "(none)" not in result.err and "(không có)" not in result.err


NETWORK = re.compile(
    r"""(\bsrc\s*=|url\(\s*['"]?(?!#)|@import|<script|<link|<iframe|<object|<embed|xlink:href|https?://)""", re.I
)


def network_references(page: str) -> list[str]:
    """Everything in a page that could make a browser fetch: only the source links (<a href>) and references
    inside the page (``url(#id)``) are allowed."""
    page = re.sub(r'<a href="https?://[^"]*">[^<]*</a>', "", page)
    return NETWORK.findall(page)


@pytest.fixture(scope="module")
def reports(tmp_path_factory, store):
    from dtikit.report import national_report, province_report

    folder = tmp_path_factory.mktemp("reports")
    pages = {
        "province": province_report(store, "Kon Tum"),
        "province_en": province_report(store, "Quảng Ninh", lang="en"),
        "national": national_report(store, 2022),
    }
    for name, page in pages.items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
    return folder, pages


@pytest.mark.slow
def test_reports_name_no_url_but_their_sources(reports):
    _, pages = reports
    for page in pages.values():
        assert network_references(page) == []
    kon_tum = pages["province"]
    assert '<html lang="vi">' in kon_tum and "Chuyển đổi số của Kon Tum — DTI 2022" in kon_tum
    assert kon_tum.count("<svg") == 3  # rank over the years, the gap to top 35, the map
    assert "https://dttg.ictvietnam.vn/" in kon_tum  # the source of the headline rank, as a link
    assert 'title="không có số liệu">–</span>' in kon_tum  # pillars not published: missing, not zero
    assert "@page{size:A4" in kon_tum


@pytest.mark.slow
def test_national_report(reports):
    _, pages = reports
    page = pages["national"]
    for words in ("Thay đổi lớn nhất so với 2021", "Các vùng", "Xu hướng", "Bảng xếp hạng", "Đà Nẵng"):
        assert words in page


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None and not os.environ.get("CI"), reason="chromium not installed (CI installs it)")
@pytest.mark.parametrize("name", ["province", "national"])
def test_report_in_headless_chromium(reports, name):
    folder, _ = reports
    seen = visit(folder / f"{name}.html", width=900)
    assert seen.errors == []
    assert seen.requests == [(folder / f"{name}.html").resolve().as_uri()]
    width, height = seen.size
    assert width == 900
    assert 2000 < height < 20000  # every section laid out, nothing collapsed or runaway
