"""One self-contained HTML page about a province, or about the country, for a department or a newsroom.

The page is built from the same queries as the commands (``dtikit.queries``) and their writers:
tables, charts (``dtikit.charts``) and the map (``dtikit.tilemap``). It holds everything inline —
SVG, CSS — and names no URL other than the links to the sources of its figures (nothing loads
from the network: no script, font, style sheet or image is fetched). Vietnamese by default; a
missing value is shown as missing ('–', with its meaning in a tooltip). Print CSS lays it on A4.
"""

from __future__ import annotations

from html import escape
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.catalog import Catalog
from dtikit.labels import (
    among,
    citation_text,
    comparator_text,
    geography_name,
    indicator_name,
    known,
    made_from,
    period_text,
    say,
)
from dtikit.messages import unit_label
from dtikit.pictures import inline_svg
from dtikit.render import difference_unit, people_number
from dtikit.result import Result
from dtikit.storage import Store

CSS = """
*{box-sizing:border-box}
body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:820px;margin:24px auto;
padding:0 16px;line-height:1.4;font-size:14px;overflow-wrap:anywhere}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #08519c;
padding-bottom:2px;break-after:avoid}h3{break-after:avoid}.made{color:#555;font-size:12px;margin:0 0 16px}
.note{background:#fff8e6;border-left:3px solid #d95f02;padding:4px 8px;font-size:12.5px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{flex:1 1 150px;border:1px solid #c6dbef;border-radius:6px;
padding:8px 12px;background:#f7fbff}.card .k{font-size:12px;color:#444}.card .v{font-size:26px;font-weight:bold;
color:#08306b}
.wide{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:12.5px;margin:4px 0 8px}th,td{text-align:left;
padding:3px 6px;border-bottom:1px solid #e0e0e0;vertical-align:top}th{background:#f0f4f8}th.n,td.n{text-align:right;
font-variant-numeric:tabular-nums}tr{break-inside:avoid}.missing{color:#888}figure{margin:10px 0;break-inside:avoid}
figure svg{max-width:100%;height:auto;display:block}a{color:#08519c;word-break:break-all}.mark{font-weight:bold}
.card sup{font-size:11px;font-weight:normal}
.figs{display:flex;flex-wrap:wrap;gap:8px}.figs figure{flex:1 1 320px;min-width:0;margin:4px 0}
.pair{display:flex;flex-wrap:wrap;gap:12px}.pair>div{flex:1 1 300px;min-width:0}
ol.sources{font-size:11.5px;padding-left:22px}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5px;line-height:1.3}h1{font-size:17px}
h2{font-size:12.5px;margin:9px 0 4px}h3{font-size:10.5px;margin:4px 0 2px}.made{margin:0 0 6px;font-size:9px}
.cards{gap:6px}.card{padding:3px 8px}.card .k{font-size:9px}.card .v{font-size:17px}
table{font-size:8.5px;margin:2px 0 4px}th,td{padding:1px 4px}.wide{overflow:visible}
figure{margin:4px 0}.figs figure{flex:0 1 49%}section.keep{break-inside:avoid}
figure.map svg{max-height:150mm;width:auto;margin:0 auto}
figure.tall svg{max-height:120mm;width:auto;margin:0 auto}
ol.sources{font-size:7.5px;columns:2;column-gap:18px;margin:2px 0}ol.sources li{break-inside:avoid}
a{color:#1a1a1a}.note{font-size:9px}}
"""


class Page:
    """The parts of a page in one language, the sources its figures cite (numbered links), and where
    its figures come from (each result's ``about['sources']``, for the line under the title)."""

    def __init__(self, lang: str) -> None:
        say("rank", lang)  # an unknown language is a usage error
        self.lang = lang
        self.parts: list[str] = []
        self.sources: list[str] = []
        self.provenance: list[dict[str, str]] = []
        self.method = ""  # the index's methodology of the year, said under the title
        self.index = ""  # the headline index by its short name ('DTI'), for headings
        self.releases = False  # whether the index's own releases (``citations.INDEX_RELEASES``) are cited

    def w(self, key: str, **params: Any) -> str:
        return say(key, self.lang, **params)

    def uses(self, result: Result) -> Result:
        """Note where the figures of ``result`` come from; return it."""
        for source in result.about.get("sources") or []:
            if source not in self.provenance:
                self.provenance.append(source)
        return result

    def cite(self, source: str | None) -> str:
        """A numbered link to a figure's source (listed at the end of the page)."""
        if not source:
            return ""
        if source not in self.sources:
            self.sources.append(source)
        n = self.sources.index(source) + 1
        return f'<sup><a href="#src-{n}">[{n}]</a></sup>'

    def missing(self) -> str:
        return f'<span class="missing" title="{escape(self.w("missing"))}">–</span>'

    def cell(self, value: Any, unit: str | None = None, text: str | None = None) -> str:
        """A value as a table writes it (``people_number``: unit, printed precision, the page's language)."""
        if value is None:
            return self.missing()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return escape(people_number(value, unit, self.lang, text))
        return escape(str(value))

    def table(self, headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> str:
        head = "".join(
            f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
            for i, h in enumerate(headers)
        )
        body = []
        for row in rows:
            cells = []
            for i, value in enumerate(row):
                shown = value if isinstance(value, Markup) else self.cell(value)
                cells.append(f'<td class="n">{shown}</td>' if i in numeric else f"<td>{shown}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        return f'<div class="wide"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'

    def section(self, title: str, *content: str, keep: bool = False) -> None:
        """A titled section; ``keep``: printed on one page with its heading (a section of pictures)."""
        opening = '<section class="keep">' if keep else "<section>"
        self.parts.append(f"{opening}<h2>{escape(title)}</h2>{''.join(content)}</section>")

    def figure(self, svg: str, kind: str = "") -> str:
        """A picture inline (its own title and notes say what it shows); ``kind`` 'map' or 'tall' keeps
        it to part of a printed page."""
        return f'<figure class="{kind}">{inline_svg(svg)}</figure>' if kind else f"<figure>{inline_svg(svg)}</figure>"

    def figures(self, *figures: str) -> str:
        """Pictures side by side where the page is wide enough (print: two to a row), one under another on a phone."""
        return f'<div class="figs">{"".join(figures)}</div>'

    def charts_and_map(self, charts: list[Any], map_figure: Any) -> None:
        """A province's charts, then its map: a section each, printed with its heading."""
        self.section(self.w("charts"), self.figures(*charts), keep=True)
        self.section(self.w("map"), map_figure, keep=True)

    def chart(self, result: Result, kind: str = "") -> str:
        """The chart of ``result`` (``dtikit.charts``) as a figure."""
        from dtikit.charts import chart_svg

        return self.figure(chart_svg(result, lang=self.lang), kind)

    def map(self, m: dict) -> str:
        """The map of a ``dtikit.tilemap.model`` as a figure."""
        from dtikit.tilemap import svg

        return self.figure(svg(m), "map")

    def note(self, text: str) -> None:
        """A note said high up, before the next section (the merger)."""
        self.parts.append(f'<p class="note">{escape(text)}</p>')

    def paragraph(self, text: str) -> str:
        return f"<p>{escape(text)}</p>"

    def subheading(self, text: str) -> str:
        return f"<h3>{escape(text)}</h3>"

    def cards(self, cards: list[tuple[str, str, str]]) -> str:
        """Headline figures: (what, the value as a table cell writes it, its citation)."""
        html = "".join(
            f'<div class="card"><div class="k">{escape(k)}</div><div class="v">{v}{src}</div></div>'
            for k, v, src in cards
        )
        return f'<div class="cards">{html}</div>'

    def pair(self, *parts: str) -> str:
        """Parts side by side where the page is wide enough (two tables, a table and its chart)."""
        return '<div class="pair">' + "".join(f"<div>{part}</div>" for part in parts) + "</div>"

    def cited(self, year: int | None) -> list[tuple[int, str, str | None]]:
        """The list of sources: (number, what, link): the index itself (publisher, year, when published;
        number 0), then each page or article cited, as numbered by ``cite``. Never a file path."""
        from dtikit.citations import INDEX_LINK, cite, index_citation

        items: list[tuple[int, str, str | None]] = []
        release = index_citation(year) if self.releases else None
        if release is not None:
            items.append((0, self.w("index_cite", publisher=release[0], y=year, when=release[1]), INDEX_LINK))
        for n, source in enumerate(self.sources, 1):
            found = cite(source)
            if found.link:
                items.append((n, self.w("read_on", host=found.text), found.link))
            else:
                items.append((n, citation_text(found.text, self.lang), None))
        return items

    def issued(self) -> str:
        """'Issued 7/12/2026. Made by dtikit from published figures …': the line under the title, and
        the methodology of the year's index ('Phương pháp đánh giá năm 2022: Quyết định 922/QĐ-BTTTT')."""
        said = f"{self.w('issued', date=_today())}. {made_from(self.provenance, self.lang)}"
        return f"{said} {self.method}." if self.method else said

    def method_of(self, store: Store, ranked: Result, year: int | None) -> None:
        """Say under the title which methodology the ranked index of ``year`` follows, when the catalog names one."""
        indicator = Catalog.of(store).lookup(ranked.about.get("indicator") or "")
        method = None if indicator is None else indicator.method(year)
        self.method = self.w("method", y=year, method=method) if method else ""

    def done(self, title: str, year: int | None = None) -> str:
        """The finished document (HTML text)."""
        return self.html(title, year)

    def html(self, title: str, year: int | None = None) -> str:
        """The page: title, the date of issue and what it is made from, the sections, then the sources:
        the index itself (publisher, year, when published, link), then each page or article cited."""
        items = []
        for n, said, link in self.cited(year):
            shown = escape(link or "")
            at = f' id="src-{n}"' if n else ""
            if not link:
                items.append(f'<li{at} value="{n}">{escape(said)}</li>')
            elif n:
                items.append(f'<li{at} value="{n}">{escape(said)}: <a href="{shown}">{shown}</a></li>')
            else:
                items.append(f'<li value="0">{escape(said)}. <a href="{shown}">{shown}</a></li>')
        if items:
            self.section(self.w("sources"), f'<ol class="sources">{"".join(items)}</ol>')
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<h1>{escape(title)}</h1>\n<p class="made">{escape(self.issued())}</p>\n'
            + "\n".join(self.parts)
            + "\n</body>\n</html>\n"
        )


def _today() -> str:
    """The date of issue, d/m/yyyy (SOURCE_DATE_EPOCH, when set, for a reproducible page)."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return f"{day.day}/{day.month}/{day.year}"


class Markup(str):
    """HTML already escaped (a cell with a link)."""


def _source_of(
    store: Store, province: str, year: int | None, indicator: str, geography: int = geographies.DEFAULT
) -> str | None:
    rows = store.values().filter(
        (pl.col("geography") == geography)
        & (pl.col("province") == province)
        & (pl.col("year") == year)
        & (pl.col("indicator") == indicator)
    )
    return rows["source"].first() if rows.height else None


def _map(page: Page, store: Store, result: Result, highlight: list[str]) -> str:
    from dtikit.tilemap import model

    return page.map(model(result, store, by="rank", highlight=highlight, lang=page.lang))


# the page of each report format, "module:class" imported only when used (dtikit.word imports this
# module: its WordPage is a Page)
PAGES = {"html": "dtikit.report:Page", "docx": "dtikit.word:WordPage"}


def _about_index(page: Page, store: Store) -> None:
    """The page's headline index: its short name, and whether its releases are the bundled index's (a
    store whose headline is another index cites only the pages its figures come from)."""
    from dtikit.storage import default_data_dir

    headline = Catalog.of(store).headline()
    page.index = headline.short(page.lang)
    page.releases = headline.id == Catalog.of(Store(default_data_dir())).headline().id


def _page(lang: str, format: str) -> Page:
    """An empty page in ``format``: 'html' (``Page``), or 'docx' (``dtikit.word.WordPage``)."""
    from importlib import import_module

    if format not in PAGES:
        raise ValueError(f"unknown report format {format!r}; choose one of {', '.join(PAGES)}")
    module, name = PAGES[format].split(":")
    return getattr(import_module(module), name)(lang)


def province_report(
    store: Store,
    province: str,
    *,
    year: int | None = None,
    target: int | None = None,
    lang: str = "vi",
    format: str = "html",
) -> Any:
    """The page about one province: headline, targets and pace, pillars, other indicators, charts, map, sources.

    ``format`` 'html' (text) or 'docx' (the bytes of a Word document with the same content)."""
    from dtikit.queries import profile_query, rank_query

    page = _page(lang, format)
    _about_index(page, store)
    profile = page.uses(profile_query(store, province))
    name = profile.about["province"]
    years = profile.tables["years"]
    if year is None:
        ranked_years = years.filter(pl.col("rank").is_not_null())["year"]
        year = ranked_years.max() if ranked_years.len() else profile.about["years"][-1]
    at = years["year"].to_list().index(year) if year in years["year"].to_list() else None
    row = {} if at is None else years.row(at, named=True)
    texts = {} if at is None else profile.printed["years"].row(at, named=True)
    ranked = page.uses(rank_query(store, year))
    page.method_of(store, ranked, year)
    catalog = Catalog.of(store)
    _headline(page, store, profile, ranked, row, texts, year)
    _merged(page, store, name)
    gap = _targets(page, store, name, year, target)
    _pillars(page, store, name, row, texts, year, catalog)
    _other_indicators(page, profile, catalog)
    figures = [page.chart(profile)]
    if gap is not None:
        figures.append(page.chart(gap))
    page.charts_and_map(figures, _map(page, store, ranked, [name]))
    return page.done(page.w("province_title", p=name) + f" — {page.index} {year}", year)


def _merged(page: Page, store: Store, name: str) -> None:
    """Where it matters, the 2025 merger: a province that is now part of another unit, said once, high up."""
    rows = store.provinces().filter((pl.col("geography") == geographies.DEFAULT) & (pl.col("province") == name))
    unit = rows["unit_2025"].item() if rows.height and "unit_2025" in rows.columns else None
    if unit and unit != name:
        page.note(page.w("merged_note", p=name, unit=unit))


def _headline(page: Page, store: Store, profile: Result, ranked: Result, row: dict, texts: dict, year: int) -> None:
    """Rank (of how many), change, score and rank in the region, each as the tables give it."""
    name = profile.about["province"]
    overall = Catalog.of(store).headline()
    previous = profile.tables["years"].filter(pl.col("year") < year)["year"].max()
    mine = ranked.table.filter(pl.col("province") == name)
    of = mine["ranked_of"].first() if mine.height else None
    rank_src = page.cite(_source_of(store, name, year, overall.rank_id or ""))
    score_src = page.cite(_source_of(store, name, year, overall.id))
    region_rank = row.get("region_rank")
    cards = [
        (
            page.w("rank_of", n=of or geography_name(geographies.DEFAULT, page.lang)),
            page.cell(row.get("rank")),
            rank_src,
        ),
        (
            page.w("change", y=previous) if previous else page.w("change_none"),
            _signed(page, row.get("rank_change")),
            "",
        ),
        (page.w("score"), page.cell(row.get("score"), overall.unit, texts.get("score")), score_src),
        (
            page.w("region_rank", r=profile.about.get("region") or ""),
            page.missing() if region_rank is None else f"{region_rank}/{row.get('region_size')}",
            "",
        ),
    ]
    page.section(page.w("headline", index=page.index, y=year), page.cards(cards))


def _signed(page: Page, change: int | None) -> str:
    """A rank change as the report writes it: +4 climbed, -2 fell, 0."""
    if change is None:
        return page.missing()
    return f"+{change}" if change > 0 else str(change)


def _targets(page: Page, store: Store, name: str, year: int, target: int | None) -> Result | None:
    """Each held target with its pace; a rank target (``--target``, else a held one) as a gap and chart."""
    from dtikit.queries import gap_query
    from dtikit.targets import target_table

    held = target_table(store, name).table
    catalog = Catalog.of(store)
    rows = []
    for t in held.iter_rows(named=True):
        ind = catalog.lookup(t["indicator"])
        unit = None if ind is None else ind.unit
        rows.append(
            [
                indicator_name(_names(catalog, t["indicator"]), page.lang),
                Markup(f"{escape(comparator_text(t['comparator']))} {page.cell(t['target'], unit)}"),
                _year(t["deadline"]),
                Markup(page.cell(t["latest_value"], unit)),
                _year(t["latest_year"]),
                Markup(page.cell(t["pace_per_year"], difference_unit(unit))),
                Markup(page.cell(t["needed_per_year"], difference_unit(unit))),
                page.w(t["status"]) if known(t["status"]) else t["status"],
                Markup(page.cite(t["source"])),
            ]
        )
    columns = ("c_indicator", "c_target", "c_deadline", "c_latest", "c_year", "c_pace", "c_needed", "c_status")
    content = [
        page.table([page.w(k) for k in (*columns, "c_source")], rows, numeric={2, 3, 4, 5, 6})
        if rows
        else page.paragraph(page.w("no_targets"))
    ]
    if target is None:
        ranks = held.filter(pl.col("indicator").eq(catalog.headline().rank_id or ""))
        target = int(ranks["target"].min()) if ranks.height else None
    gap = None
    if target is not None:
        gap = page.uses(gap_query(store, name, target, year=year))
        content.append(_gap_line(page, gap.document, target))
    page.section(page.w("targets"), *content)
    return gap


def _year(value: Any) -> str | None:
    """A year as text: never with a thousands separator."""
    return None if value is None else str(value)


def _gap_line(page: Page, d: dict, target: int) -> str:
    """'Target top 35: 10 places to go (2022); 3.33 places a year needed to 2025, pace so far 1.'"""
    said = page.w(
        "gap_line",
        t=target,
        p=d["places_to_target"],
        y=d["year"],
        need=people_number(d.get("places_per_year_needed"), None, page.lang),
        d=d.get("deadline") or "–",
        pace=people_number(d.get("pace_so_far"), None, page.lang),
    )
    return page.paragraph(said)


def _names(catalog: Catalog, indicator: str) -> dict[str, Any]:
    ind = catalog.lookup(indicator)
    return (
        {"indicator": indicator}
        if ind is None
        else {"name_vi": ind.name_vi, "name_en": ind.name_en, "indicator": ind.id}
    )


def _pillars(page: Page, store: Store, name: str, row: dict, texts: dict, year: int, catalog: Catalog) -> None:
    rows = []
    for part in catalog.parts(catalog.headline()):
        label = part.pillar or part.id
        src = _source_of(store, name, year, part.rank_id or "") or _source_of(store, name, year, part.id)
        rows.append(
            [
                indicator_name(_names(catalog, part.id), page.lang),
                row.get(f"{label}_rank"),
                Markup(page.cell(row.get(f"{label}_score"), part.unit, texts.get(f"{label}_score"))),
                Markup(page.cite(src) if src else ""),
            ]
        )
    page.section(
        page.w("pillars") + f" ({year})",
        page.table([page.w("c_pillar"), page.w("c_rank"), page.w("c_score"), page.w("c_source")], rows, {1, 2}),
    )


def _other_indicators(page: Page, profile: Result, catalog: Catalog) -> None:
    indicators = profile.tables["indicators"]
    texts = profile.printed["indicators"]["value"].to_list()
    rows = [
        [
            indicator_name(_names(catalog, r["indicator"]), page.lang),
            Markup(page.cell(r["value"], r["unit"], text)),
            unit_label(r["unit"], page.lang),
            period_text(r["period"], page.lang),
            None if r["rank"] is None else f"{r['rank']}" + (f"/{r['ranked_of']}" if r["ranked_of"] else ""),
            Markup(page.cite(r["source"])),
        ]
        for r, text in zip(indicators.iter_rows(named=True), texts, strict=True)
    ]
    headers = [page.w(k) for k in ("c_indicator", "c_value", "c_unit", "c_period", "c_rank", "c_source")]
    page.section(page.w("others"), page.table(headers, rows, {1, 4}))


def national_report(store: Store, year: int, *, lang: str = "vi", format: str = "html") -> Any:
    """The page about the country: the ranking, the biggest movers, the regions, the trend, chart and map.

    ``format`` 'html' (text) or 'docx' (the bytes of a Word document with the same content)."""
    from dtikit.queries import rank_query, trend_query

    page = _page(lang, format)
    _about_index(page, store)
    ranked = page.uses(rank_query(store, year))
    page.method_of(store, ranked, year)
    table = ranked.table
    _movers(page, table, ranked.about.get("prev_year"))
    _regions(page, table)
    _trend(page, page.uses(trend_query(store)))
    texts = ranked.printed["rank"]["score"].to_list()
    unit = ranked.about.get("unit")
    rank_id = Catalog.of(store).headline().rank_id or ""
    rows = [
        [
            r["rank"],
            r["province"],
            Markup(page.cell(r["score"], unit, text)),
            Markup(_signed(page, r["rank_change"])),
            Markup(page.cite(_source_of(store, r["province"], year, rank_id))),
        ]
        for r, text in zip(table.iter_rows(named=True), texts, strict=True)
    ]
    headers = [page.w(k) for k in ("c_rank", "c_province", "c_score", "c_change", "c_source")]
    among_who = among(table["ranked_of"].to_list(), ranked.about["geography"], lang)
    half = (len(rows) + 1) // 2  # printed: two tables side by side
    halves = [page.table(headers, part, {0, 2, 3}) for part in (rows[:half], rows[half:]) if part]
    page.section(page.w("ranking") + f" ({among_who})", page.pair(*halves))
    page.section(page.w("map"), _map(page, store, ranked, []), keep=True)
    page.section(page.w("charts"), page.chart(ranked, "tall"), keep=True)
    return page.done(page.w("national_title", index=page.index, y=year), year)


def _movers(page: Page, table: pl.DataFrame, prev_year: int | None) -> None:
    """The five that climbed most and the five that fell most since ``prev_year``: each by its sign."""
    if prev_year is None:
        return
    change = pl.col("rank_change")
    up = table.filter(change > 0).sort(change, pl.col("rank"), descending=[True, False]).head(5)
    down = table.filter(change < 0).sort(change, pl.col("rank")).head(5)
    headers = [page.w("c_province"), page.w("c_rank"), page.w("c_change")]
    content = []
    for key, frame in (("climbed", up), ("fell", down)):
        rows = [
            [r["province"], r["rank"], Markup(_signed(page, r["rank_change"]))] for r in frame.iter_rows(named=True)
        ]
        shown = page.table(headers, rows, {1, 2}) if rows else page.paragraph(page.w("none_" + key))
        content.append(page.subheading(page.w(key)))
        content.append(shown)
    page.section(page.w("movers", y=prev_year), *content)


def _regions(page: Page, table: pl.DataFrame) -> None:
    """Each region: how many of its provinces are ranked, the best ranked (none when none is) and the median rank."""
    by_region = (
        table.filter(pl.col("region").is_not_null())
        .sort("rank", nulls_last=True)
        .group_by("region", maintain_order=True)
        .agg(
            n=pl.len(),
            ranked=pl.col("rank").is_not_null().sum(),
            best=pl.col("province").filter(pl.col("rank").is_not_null()).first(),
            best_rank=pl.col("rank").drop_nulls().first(),
            median=pl.col("rank").median(),
        )
        .sort("median", nulls_last=True)
    )
    rows = [
        [
            r["region"],
            f"{r['ranked']}/{r['n']}",
            None if r["best"] is None else f"{r['best']} ({r['best_rank']})",
            r["median"],
        ]
        for r in by_region.iter_rows(named=True)
    ]
    headers = [page.w(k) for k in ("c_region", "c_ranked", "c_best", "c_median")]
    page.section(page.w("regions"), page.table(headers, rows, {3}))


def _trend(page: Page, trend: Result) -> None:
    unit = trend.about.get("unit")
    texts = trend.printed["trend"]
    rows = [
        [
            _year(r["year"]),
            Markup(page.cell(r["national_dti"], unit, national)),
            Markup(page.cell(r["provincial_average"], unit, average)),
            f"{r['n_provinces']}/{r['of_provinces']}",
        ]
        for r, national, average in zip(
            trend.table.iter_rows(named=True),
            texts["national_dti"].to_list(),
            texts["provincial_average"].to_list(),
            strict=True,
        )
    ]
    headers = [page.w(k) for k in ("c_year", "c_national", "c_average", "c_held")]
    page.section(
        page.w("trend"),
        page.pair(page.table(headers, rows, {1, 2, 3}), page.chart(trend)),
        keep=True,
    )
