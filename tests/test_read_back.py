"""Every picture and page says what the query says: its numbers are read back (SVG text and titles,
mark coordinates scaled back through the axis ticks, HTML tables) and compared with the CSV of the
same query, run by the same command line, on the bundled data and on a store of a user's own
workbook, in English and in Vietnamese (``tests/readback.py`` reads as a person does).
"""

from __future__ import annotations

import io
import itertools
import json
import math
import re
from pathlib import Path

import polars as pl
import pytest

from dtikit.catalog import Catalog
from dtikit.cli import main
from tests.conftest import ROOT
from tests.published_shapes import PROVINCES
from tests.readback import box, element, html_tables, ids, marker, number, parse, period, scale, text, vertices

WORKBOOK = ROOT / "tests" / "fixtures" / "governance_2016_2017.xlsx"
LANGS = ["en", "vi"]
PUBLISHED_WORD = {"en": "published", "vi": "công bố"}


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> str:
    """A store holding a user's governance workbook (2016, 2017, every province), a count of every
    province (millions of dossiers) and a share held for 12 provinces only."""
    folder = tmp_path_factory.mktemp("own")
    rows = ["Province,Year,Indicator,Value,Unit"]
    rows += [f"{p},2023,Online dossiers,{2_587_362 + 1_000 * i},dossiers" for i, p in enumerate(PROVINCES)]
    rows += [f"{p},2023,Pilot share,{10 + 3.5 * i:.2f},%" for i, p in enumerate(PROVINCES[:12])]
    table = folder / "own.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = str(folder / "store")
    for args in ([str(WORKBOOK), "--sheet", "all"], [str(table)]):
        assert main(["ingest", *args, "--new-indicators", "--data", store]) == 0
    return store


def csv_of(out: str) -> pl.DataFrame:
    return pl.read_csv(io.StringIO(out), infer_schema_length=None)


def drawn(cli, tmp_path: Path, lang: str, *args: str) -> tuple[pl.DataFrame, str]:
    """The CSV and the chart of one run of a command."""
    path = tmp_path / f"chart-{lang}.svg"
    run = cli("--lang", lang, *args, "--format", "csv", "--chart", str(path))
    assert run.code == 0, run.err
    return csv_of(run.out), path.read_text(encoding="utf-8")


def sources_said(words: str, lang: str, data: str | None) -> None:
    """The line under a picture: a user's file named and 'published' not said, or published sources."""
    if data is None:
        assert PUBLISHED_WORD[lang] in words
    else:
        assert "governance_2016_2017.xlsx" in words or "own.csv" in words
        assert PUBLISHED_WORD[lang] not in words and "SOURCES.md" not in words


RANKS = {
    "bundled-region": (None, ["rank", "--year", "2022", "--region", "Tây Nguyên"]),
    "bundled-top": (None, ["rank", "--year", "2021", "--top", "12"]),
    "own": ("own", ["rank", "--year", "2017", "--indicator", "transparency", "--top", "12"]),
    "own-among-held": ("own", ["rank", "--year", "2023", "--indicator", "pilot_share", "--among-held"]),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(RANKS))
def test_rank_chart_reads_back_as_its_csv(cli, tmp_path, request, lang, case):
    store, args = RANKS[case]
    data = request.getfixturevalue(store) if store else None
    table, svg = drawn(cli, tmp_path, lang, *args, *(["--data", data] if data else []))
    root = parse(svg)
    x_value = scale(root, "x", lang)
    labels = [text(element(root, f"ytick_{i + 1}")) for i in range(table.height)]
    ranked = table["rank"].is_not_null().any()  # with no rank at all, the names alone (in their order)
    for i, row in enumerate(table.iter_rows(named=True)):
        mark = "" if not ranked else "– " if row["rank"] is None else f"{row['rank']}. "
        assert labels[i] == f"{mark}{row['province']}"
        if row["score"] is None:
            assert element(root, f"missing-{i}") is not None
            continue
        assert number(text(element(root, f"label-{i}")), lang) == row["score"]
        x0, _, x1, _ = box(element(root, f"bar-{i}"))
        assert x_value(x1) - x_value(x0) == pytest.approx(row["score"], abs=0.005 * max(table["score"].drop_nulls()))
    words = text(root)
    among = sorted(set(table["ranked_of"].drop_nulls()) - {63})
    assert all(f"{n} " in words for n in among), words  # 'ranked among 12 provinces with a value', as the CSV
    if not among:
        assert "63" in words
    sources_said(words, lang, data)


def test_profile_chart_reads_back_as_its_csv(cli, tmp_path):
    for lang, province in (("en", "Kon Tum"), ("vi", "Quảng Ninh")):
        table, svg = drawn(cli, tmp_path, lang, "profile", "--province", province)
        root = parse(svg)
        y_rank = scale(root, "y", lang)
        for row in table.iter_rows(named=True):
            year = row["year"]
            if row["rank"] is None:
                assert element(root, f"missing-overall-{year}") is not None
                continue
            assert number(text(element(root, f"rank-overall-{year}"))) == row["rank"]
            assert y_rank(marker(element(root, f"point-overall-{year}"))[1]) == pytest.approx(row["rank"], abs=0.3)
        sources_said(text(root), lang, None)


COMPARES = {
    "bundled": (None, ["compare", "Quảng Ninh", "Hà Nội", "Bình Dương"], "overall_rank"),
    "own": ("own", ["compare", "Kon Tum", "Gia Lai", "Hà Nội", "--indicator", "transparency"], "transparency_rank"),
}


@pytest.mark.parametrize("case", sorted(COMPARES))
def test_compare_chart_reads_back_as_its_csv(cli, tmp_path, request, case):
    store, args, measure = COMPARES[case]
    data = request.getfixturevalue(store) if store else None
    table, svg = drawn(cli, tmp_path, "vi", *args, *(["--data", data] if data else []))
    root = parse(svg)
    y_rank = scale(root, "y", "vi")
    ranks = table.filter(pl.col("measure") == measure)
    provinces = table.columns[2:]
    for i, province in enumerate(provinces):
        for year, rank in ranks.select("year", province).iter_rows():
            if rank is None:
                continue
            assert number(text(element(root, f"rank-p{i}-{year}"))) == rank
            assert y_rank(marker(element(root, f"point-p{i}-{year}"))[1]) == pytest.approx(rank, abs=0.3)
        # one line piece per run of consecutive years held: a year with no rank is never bridged
        years = sorted(y for y, r in ranks.select("year", province).iter_rows() if r is not None)
        runs = 1 + sum(1 for a, b in itertools.pairwise(years) if b != a + 1) if years else 0
        pieces = [p for p in vertices(element(root, f"line-p{i}")) if len(p) > 1]
        assert len(pieces) == runs - sum(1 for k in range(len(years)) if _alone(years, k))
    sources_said(text(root), "vi", data)


def _alone(years: list[int], k: int) -> bool:
    """Whether the k-th year held has no held neighbour (a lone point, drawn as a point, not a line)."""
    return (k == 0 or years[k - 1] != years[k] - 1) and (k == len(years) - 1 or years[k + 1] != years[k] + 1)


def test_compare_chart_draws_pillar_years_that_are_not_consecutive(cli, tmp_path):
    """Quảng Ninh's pillar ranks are held for 2020 and 2022, not 2021: each is drawn (a line with no
    neighbour to join was drawn as nothing, while the legend named the pillars)."""
    table, svg = drawn(cli, tmp_path, "en", "compare", "Quảng Ninh", "Hà Nội")
    root = parse(svg)
    y_rank = scale(root, "y")
    for pillar in ("gov", "econ", "society"):
        held = table.filter(pl.col("measure") == f"{pillar}_rank").select("year", "Quảng Ninh").drop_nulls()
        assert held["year"].to_list() == [2020, 2022]
        seen = [y_rank(y) for piece in vertices(element(root, f"line-p0-{pillar}")) for _, y in piece]
        assert sorted(round(v) for v in seen) == sorted(held["Quảng Ninh"].to_list())
        marks = element(root, f"line-p0-{pillar}").iter("{http://www.w3.org/2000/svg}use")
        assert len(list(marks)) == held.height  # a mark at each year held: a lone year is seen


TRENDS = {"bundled": (None, []), "own": ("own", ["--indicator", "transparency"])}


@pytest.mark.parametrize("case", sorted(TRENDS))
def test_trend_chart_reads_back_as_its_csv(cli, tmp_path, request, case):
    store, args = TRENDS[case]
    data = request.getfixturevalue(store) if store else None
    table, svg = drawn(cli, tmp_path, "vi", "trend", *args, *(["--data", data] if data else []))
    root = parse(svg)
    x_year, y_value = scale(root, "x", "vi"), scale(root, "y", "vi")
    for row in table.iter_rows(named=True):
        assert text(element(root, f"coverage-{row['year']}")) == f"n={row['n_provinces']}/{row['of_provinces']}"
    for column in ("national_dti", "mean", "median"):
        expected = {y: v for y, v in table.select("year", column).iter_rows() if v is not None}
        seen = {round(x_year(x)): y_value(y) for piece in vertices(element(root, f"line-{column}")) for x, y in piece}
        assert set(seen) == set(expected), column
        for year, value in expected.items():
            assert seen[year] == pytest.approx(value, abs=0.01 * max(expected.values()))
    sources_said(text(root), "vi", data)


def test_gap_chart_reads_back_as_its_json_and_draws_no_past_year_as_the_path(cli, tmp_path):
    path = tmp_path / "gap.svg"
    run = cli("gap", "--province", "Kon Tum", "--target", "35", "--format", "json", "--chart", str(path))
    doc = json.loads(run.out)
    root = parse(path.read_text(encoding="utf-8"))
    years = csv_of(cli("profile", "--province", "Kon Tum", "--format", "csv").out)
    x_year, y_rank = scale(root, "x"), scale(root, "y")
    for year, rank in years.select("year", "rank").iter_rows():
        assert y_rank(marker(element(root, f"point-overall-{year}"))[1]) == pytest.approx(rank, abs=0.3)
    assert y_rank(vertices(element(root, "target-line"))[0][0][1]) == pytest.approx(doc["target_rank"], abs=0.3)
    words = text(root)
    assert f"{doc['places_per_year_needed']:g}" in words and f"pace so far {doc['pace_so_far']:g}" in words
    # ranks are held for 2023 and 2024 (for other provinces), none for Kon Tum: marked, and the path
    # needed is drawn only after them, never over them
    assert ids(root, "missing-overall-") == ["missing-overall-2023", "missing-overall-2024"]
    start, end = vertices(element(root, "path-needed"))[0][0], vertices(element(root, "path-needed"))[0][-1]
    assert round(x_year(start[0])) == 2024 and round(x_year(end[0])) == doc["deadline"]
    assert y_rank(end[1]) == pytest.approx(doc["target_rank"], abs=0.3)
    slope = (doc["target_rank"] - doc["rank"]) / (doc["deadline"] - doc["year"])
    assert y_rank(start[1]) == pytest.approx(doc["rank"] + slope * (2024 - doc["year"]), abs=0.3)


@pytest.mark.parametrize("lang", LANGS)
def test_value_gap_chart_draws_each_years_own_value(cli, tmp_path, own, lang):
    path = tmp_path / "vgap.svg"
    args = ["gap", "--province", "Kon Tum", "--indicator", "transparency", "--target-value", "9", "--data", own]
    doc = json.loads(cli("--lang", lang, *args, "--format", "json", "--chart", str(path)).out)
    root = parse(path.read_text(encoding="utf-8"))
    x_year, y_value = scale(root, "x", lang), scale(root, "y", lang)
    seen = {round(x_year(x)): y_value(y) for piece in vertices(element(root, "line-value")) for x, y in piece}
    for year in (2016, 2017):
        ranked = csv_of(cli("rank", "--year", str(year), "--indicator", "transparency", "--data", own).out)
        value = ranked.filter(pl.col("province") == "Kon Tum")["score"].item()
        assert number(text(element(root, f"value-{year}")), lang) == value
        assert seen[year] == pytest.approx(value, abs=0.02)
    assert doc["value"] == number(text(element(root, f"value-{doc['year']}")), lang)
    assert doc["higher_is_better"] is None  # the catalog does not know the direction of a user's column
    sources_said(text(root), lang, own)


MAPS = {
    "bundled-rank": (None, ["map", "--year", "2022"], "rank"),
    "bundled-value": (None, ["map", "--year", "2022", "--by", "value"], "value"),
    "own-count": ("own", ["map", "--year", "2023", "--indicator", "online_dossiers", "--by", "value"], "value"),
    "own-among-held": ("own", ["map", "--year", "2023", "--indicator", "pilot_share", "--by", "value"], "value"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(MAPS))
def test_map_reads_back_as_the_csv_of_its_ranking(cli, tmp_path, request, lang, case):
    store, args, by = MAPS[case]
    data = ["--data", request.getfixturevalue(store)] if store else []
    path = tmp_path / "m.svg"
    assert cli("--lang", lang, *args, "-o", str(path), *data).code == 0
    ranking = csv_of(cli("rank", *args[1:3], *args[3:5][: 2 if "--indicator" in args else 0], *data).out)
    rows = {r["province"]: r for r in ranking.iter_rows(named=True)}
    svg = path.read_text(encoding="utf-8")
    root = parse(svg)
    shapes = [e for e in root.iter() if "province" in (e.get("class") or "").split()]
    assert len(shapes) == len(rows)
    for shape in shapes:
        title = "".join(shape.find("{http://www.w3.org/2000/svg}title").itertext())
        name, figures = title.split(": ", 1)
        row = rows[name]
        rank, value = figures.split(", ")
        if row["rank"] is None:
            assert "–" in rank
        else:
            assert re.search(rf"\b{row['rank']}/{row['ranked_of']}\b", rank), title
        if row["score"] is None:
            assert "–" in value
        else:
            assert number(value, lang) == row["score"], title
    said = " ".join("".join(e.itertext()) for e in root.iter() if e.tag.endswith(("}text", "}title")))
    assert not re.search(r"\d[eE][+-]?\d", said)  # never 2.58736e+06
    classes = legend_classes(root, lang)
    if by == "value":  # the classes' boundaries, read back, hold every value shown, each in its colour
        scores = ranking["score"].drop_nulls()
        bounds = [b for _, low, high in classes for b in (low, high)]
        assert max(bounds) == scores.max() and min(bounds) == scores.min()
    for shape in shapes:
        row = rows["".join(shape.find("{http://www.w3.org/2000/svg}title").itertext()).split(": ")[0]]
        figure = row["score"] if by == "value" else row["rank"] and row["rank"] * 63 / row["ranked_of"]
        if figure is None:
            assert shape.get("fill").startswith("url("), row
            continue
        held = [fill for fill, low, high in classes if low <= figure <= high + (0.99 if by == "rank" else 0)]
        assert held and shape.get("fill") == held[0], (row, classes)
    sources_said(text(root), lang, data[1] if data else None)


def legend_classes(root, lang: str) -> list[tuple[str, float, float]]:
    """(fill, low, high) of each class of a map's legend, read from its swatches and their texts."""
    legend = next(e for e in root.iter() if e.get("class") == "legend")
    fills = {e.get("class"): e.get("fill") for e in legend if e.tag.endswith("rect") and e.get("class")}
    found = []
    for e in legend:
        if e.tag.endswith("text") and (e.get("class") or "").startswith("class-"):
            parts = "".join(e.itertext()).split(" – ")
            found.append((fills[e.get("class")], number(parts[0], lang), number(parts[-1], lang)))
    return found


@pytest.mark.parametrize("geography", [63, 34])
@pytest.mark.parametrize("lang", LANGS)
def test_every_map_shows_hoang_sa_and_truong_sa_with_the_province_they_belong_to(cli, tmp_path, lang, geography):
    path = tmp_path / "m.svg"
    year = "2024" if geography == 34 else "2022"
    assert cli("--lang", lang, "map", "--year", year, "--geography", str(geography), "-o", str(path)).code == 0
    root = parse(path.read_text(encoding="utf-8"))
    islands = {
        "".join(e.find("{http://www.w3.org/2000/svg}title").itertext()): text(e)
        for e in root.iter()
        if e.get("class") == "archipelago"
    }
    assert len(islands) == 2, islands
    said = " ".join(islands)
    assert "Hoàng Sa" in said and "(Đà Nẵng)" in said and "Trường Sa" in said and "(Khánh Hòa)" in said
    assert ("Quần đảo" in said) == (lang == "vi")
    assert all(
        len(list(e.iter("{http://www.w3.org/2000/svg}circle"))) >= 5
        for e in root.iter()
        if e.get("class") == "archipelago"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_names_its_publisher_unit_direction_and_every_abbreviation(cli, tmp_path, lang):
    path = tmp_path / "m.svg"
    assert cli("--lang", lang, "map", "--year", "2022", "--by", "value", "-o", str(path)).code == 0
    root = parse(path.read_text(encoding="utf-8"))
    lines = {c: " ".join(text(e) for e in root.iter() if e.get("class") == c) for c in ("source", "key")}
    assert "Bộ Thông tin và Truyền thông" in lines["source"] and "dti.gov.vn" in lines["source"]
    shapes = [e for e in root.iter() if "province" in (e.get("class") or "").split()]
    shorts = [t for t in (text(e) for e in root.iter() if e.tag.endswith("text") and e.get("aria-hidden"))][::2]
    for short, shape in zip(shorts, shapes, strict=False):
        name = "".join(shape.find("{http://www.w3.org/2000/svg}title").itertext()).split(": ")[0]
        assert f"{short} {name}" in lines["key"], (short, name)
    legend = text(next(e for e in root.iter() if e.get("class") == "legend"))
    assert ("điểm 0-1" if lang == "vi" else "score 0-1") in legend
    assert ("màu đậm = tốt hơn" if lang == "vi" else "darker = better") in legend


def test_darker_is_better_only_when_the_direction_is_known(store):
    from dtikit.queries import rank_query
    from dtikit.tilemap import model

    m = model(
        rank_query(store, 2022, Catalog.of(store).measure("administrative_procedures")), store, by="value", lang="en"
    )
    assert "not known" in m["legend"]["direction"]
    assert model(rank_query(store, 2022), store, lang="en")["legend"]["direction"] == "darker = better"


def test_a_63_province_is_highlighted_on_the_34_unit_map_as_its_unit(cli, tmp_path):
    path = tmp_path / "m.svg"
    run = cli("--lang", "vi", "map", "--year", "2024", "--geography", "34", "--highlight", "Kon Tum", "-o", str(path))
    assert run.code == 0 and "Quảng Ngãi" in run.err
    root = parse(path.read_text(encoding="utf-8"))
    outlined = [e for e in root.iter() if "highlighted" in (e.get("class") or "").split()]
    assert ["".join(e.find("{http://www.w3.org/2000/svg}title").itertext()).split(":")[0] for e in outlined] == [
        "Quảng Ngãi"
    ]
    assert "Kon Tum" in " ".join(text(e) for e in root.iter() if e.get("class") == "note")


def test_a_regions_map_is_zoomed_onto_its_provinces(cli, tmp_path):
    whole, region = tmp_path / "all.svg", tmp_path / "r.svg"
    assert cli("map", "--year", "2022", "-o", str(whole)).code == 0
    assert cli("map", "--year", "2022", "--region", "Tây Nguyên", "-o", str(region)).code == 0

    def tile_width(path):
        root = parse(path.read_text(encoding="utf-8"))
        shape = next(e for e in root.iter() if "province" in (e.get("class") or "").split())
        xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", shape.get("d"))]
        return max(xs) - min(xs), root

    small, _ = tile_width(whole)
    big, root = tile_width(region)
    assert big >= 1.8 * small
    assert not [e for e in root.iter() if e.get("class") == "archipelago"]  # Tây Nguyên has no sea


def test_counts_on_the_map_are_written_as_the_table_writes_them(cli, tmp_path, own):
    for lang, shown in (("vi", "2.587.362"), ("en", "2,587,362")):
        path = tmp_path / f"count-{lang}.svg"
        args = ["map", "--year", "2023", "--indicator", "online_dossiers", "--by", "value", "--data", own]
        assert cli("--lang", lang, *args, "-o", str(path)).code == 0
        assert shown in path.read_text(encoding="utf-8")
        rank = ["rank", "--year", "2023", "--indicator", "online_dossiers", "--data", own, "--format", "table"]
        assert shown in cli("--lang", lang, *rank).out


def test_the_png_map_says_what_the_svg_map_says(store):
    from dtikit.queries import rank_query
    from dtikit.tilemap import _png_figure, model

    m = model(rank_query(store, 2022), store, by="value", lang="vi")
    figure = _png_figure(m)
    said = [t.get_text() for t in figure.texts] + [t.get_text() for ax in figure.axes for t in ax.texts]
    for shape in m["shapes"]:
        assert shape.text in said
    assert m["title"] in said and m["legend"]["highlighted"] not in said
    for c in m["legend"]["classes"]:
        assert f"{c['low_text']} – {c['high_text']}" in said or c["low_text"] in said
    for words in (m["key"][:40], m["islands"][0]["name"], m["islands"][1]["name"], m["legend"]["direction"]):
        assert any(words in s for s in said), words
    outlined = model(rank_query(store, 2022), store, highlight=["Kon Tum"], lang="vi")
    figure = _png_figure(outlined)
    assert outlined["legend"]["highlighted"] in [t.get_text() for ax in figure.axes for t in ax.texts]


def report(cli, tmp_path, lang: str, *args: str):
    path = tmp_path / f"report-{lang}.html"
    run = cli("--lang", lang, "report", *args, "-o", str(path))
    assert run.code == 0, run.err
    return html_tables(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", [2022, pytest.param(2024, marks=pytest.mark.slow)])
def test_national_report_reads_back_as_the_csv_of_its_ranking(cli, tmp_path, lang, year):
    page = report(cli, tmp_path, lang, "--year", str(year))
    ranking = csv_of(cli("rank", "--year", str(year)).out)
    movers, fell, regions, _trend = page.tables[:4]
    halves = [t for t in page.tables[4:] if t[0] == page.tables[-1][0]]  # printed side by side: two tables
    table = halves[0] + [row for half in halves[1:] for row in half[1:]]
    assert len(halves) == 2
    for cells, row in zip(table[1:], ranking.iter_rows(named=True), strict=True):
        assert cells[0] == ("–" if row["rank"] is None else str(row["rank"])) and cells[1] == row["province"]
        assert (cells[2] == "–") if row["score"] is None else number(cells[2], lang) == row["score"]
        change = row["rank_change"]
        assert cells[3] == ("–" if change is None else f"+{change}" if change > 0 else str(change))
    climbed = ranking.filter(pl.col("rank_change") > 0).sort("rank_change", "rank", descending=[True, False])
    fallen = ranking.filter(pl.col("rank_change") < 0).sort("rank_change", "rank")
    assert [r[0] for r in movers[1:]] == climbed["province"].head(5).to_list()
    assert [r[0] for r in fell[1:]] == fallen["province"].head(5).to_list()
    assert all(number(r[2]) > 0 for r in movers[1:]) and all(number(r[2]) < 0 for r in fell[1:])
    for region, ranked, best, _median in regions[1:]:
        members = ranking.filter((pl.col("region") == region) & pl.col("rank").is_not_null()).sort("rank")
        assert ranked.split("/")[0] == str(members.height)
        assert best == ("–" if members.is_empty() else f"{members['province'][0]} ({members['rank'][0]})")
        assert "None" not in best
    assert PUBLISHED_WORD[lang] in page.made


@pytest.mark.parametrize("lang", LANGS)
def test_province_report_reads_back_as_the_csv_of_its_queries(cli, tmp_path, lang):
    page = report(cli, tmp_path, lang, "--province", "Kon Tum")
    years = csv_of(cli("profile", "--province", "Kon Tum").out)
    latest = years.filter(pl.col("rank").is_not_null()).sort("year").row(-1, named=True)
    ranking = csv_of(cli("rank", "--year", str(latest["year"])).out).filter(pl.col("province") == "Kon Tum")
    cards = dict(page.cards)
    rank_card = next(k for k in cards if str(ranking["ranked_of"].item()) in k)
    assert number(cards[rank_card]) == latest["rank"]
    score_card = next(v for k, v in cards.items() if k in ("Score", "Điểm"))
    assert number(score_card, lang) == latest["score"] and score_card.startswith("0,54" if lang == "vi" else "0.54")
    others = csv_of(cli("profile", "--province", "Kon Tum", "--indicators").out)
    shown = page.tables[2][1:]
    assert len(shown) == others.height
    for cells, row in zip(shown, others.iter_rows(named=True), strict=True):
        assert number(cells[1], lang) == pytest.approx(row["value"], rel=1e-12)
        assert period(cells[3], lang) == row["period"]


def test_province_report_of_a_users_store_names_its_file(cli, tmp_path, own):
    page = report(cli, tmp_path, "en", "--province", "Kon Tum", "--data", own)
    assert "own.csv" in page.made or "governance_2016_2017.xlsx" in page.made
    others = csv_of(cli("profile", "--province", "Kon Tum", "--indicators", "--data", own).out)
    values = {r[0]: r[1] for r in page.tables[2][1:]}
    transparency = others.filter(pl.col("indicator") == "transparency")["value"].item()
    assert number(values["Transparency"]) == transparency
    assert math.isfinite(transparency)


def test_a_value_with_no_stated_year_is_drawn_over_its_period(cli, tmp_path):
    """Hải Phòng's smartphone share is 'as of 2022-03', no year: the chart drew nothing (an error)."""
    path = tmp_path / "undated.svg"
    args = ["gap", "--province", "Hải Phòng", "--indicator", "adult_smartphone_share", "--target-value", "90"]
    run = cli("--lang", "vi", *args, "--format", "csv", "--chart", str(path))
    assert run.code == 0, run.err
    row = csv_of(run.out).row(0, named=True)
    root = parse(path.read_text(encoding="utf-8"))
    words = text(root)
    assert row["period"] in words and "78,4%" in words
    y_value = scale(root, "y", "vi")
    assert y_value(marker(element(root, "point-value"))[1]) == pytest.approx(row["value"], abs=0.05)
    assert y_value(vertices(element(root, "target-line"))[0][0][1]) == pytest.approx(row["target_value"], abs=0.05)
    sources_said(words, "vi", None)
