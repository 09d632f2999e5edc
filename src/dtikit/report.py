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

from dtikit.catalog import Catalog
from dtikit.labels import geography_name, indicator_name, known, say
from dtikit.pictures import inline_svg
from dtikit.result import Result
from dtikit.store import Store

CSS = """
body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:820px;margin:24px auto;
padding:0 16px;line-height:1.4;font-size:14px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #08519c;
padding-bottom:2px}.made{color:#555;font-size:12px;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{flex:1 1 150px;border:1px solid #c6dbef;border-radius:6px;
padding:8px 12px;background:#f7fbff}.card .k{font-size:12px;color:#444}.card .v{font-size:26px;font-weight:bold;
color:#08306b}
table{border-collapse:collapse;width:100%;font-size:12.5px;margin:4px 0 8px}th,td{text-align:left;
padding:3px 6px;border-bottom:1px solid #e0e0e0;vertical-align:top}th{background:#f0f4f8}td.n{text-align:right;
font-variant-numeric:tabular-nums}.missing{color:#888}figure{margin:10px 0;break-inside:avoid}
figure svg{max-width:100%;height:auto}a{color:#08519c;word-break:break-all}.mark{font-weight:bold}
.card sup{font-size:11px;font-weight:normal}
ol.sources{font-size:11.5px;padding-left:22px}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11px}h2{break-after:avoid}
section,figure,table{break-inside:avoid}.cards{gap:6px}a{color:#1a1a1a}}
"""


class Page:
    """The parts of a page in one language, and the sources its figures cite (numbered links)."""

    def __init__(self, lang: str) -> None:
        say("rank", lang)  # an unknown language is a usage error
        self.lang = lang
        self.parts: list[str] = []
        self.sources: list[str] = []

    def w(self, key: str, **params: Any) -> str:
        return say(key, self.lang, **params)

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

    def cell(self, value: Any) -> str:
        if value is None:
            return self.missing()
        if isinstance(value, float):
            return f"{value:g}"
        return escape(str(value))

    def table(self, headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in headers)
        body = []
        for row in rows:
            cells = []
            for i, value in enumerate(row):
                shown = value if isinstance(value, Markup) else self.cell(value)
                cells.append(f'<td class="n">{shown}</td>' if i in numeric else f"<td>{shown}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def section(self, title: str, *content: str) -> None:
        self.parts.append(f"<section><h2>{escape(title)}</h2>{''.join(content)}</section>")

    def figure(self, svg: str) -> str:
        """A picture inline (its own title and notes say what it shows)."""
        return f"<figure>{inline_svg(svg)}</figure>"

    def html(self, title: str) -> str:
        links = []
        for n, source in enumerate(self.sources, 1):
            shown = escape(source)
            link = f'<a href="{shown}">{shown}</a>' if source.startswith(("http://", "https://")) else shown
            links.append(f'<li id="src-{n}">{link}</li>')
        if links:
            self.section(self.w("sources"), f'<ol class="sources">{"".join(links)}</ol>')
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<h1>{escape(title)}</h1>\n<p class="made">{escape(self.w("made"))}</p>\n'
            + "\n".join(self.parts)
            + "\n</body>\n</html>\n"
        )


class Markup(str):
    """HTML already escaped (a cell with a link)."""


def _source_of(store: Store, province: str, year: int | None, indicator: str, geography: int = 63) -> str | None:
    rows = store.values().filter(
        (pl.col("geography") == geography)
        & (pl.col("province") == province)
        & (pl.col("year") == year)
        & (pl.col("indicator") == indicator)
    )
    return rows["source"].first() if rows.height else None


def _map_svg(store: Store, result: Result, highlight: list[str], lang: str) -> str:
    from dtikit.tilemap import model, svg

    return svg(model(result, store, by="rank", highlight=highlight, lang=lang))


def province_report(
    store: Store, province: str, *, year: int | None = None, target: int | None = None, lang: str = "vi"
) -> str:
    """The page about one province: headline, targets and pace, pillars, other indicators, charts, map, sources."""
    from dtikit.charts import chart_svg
    from dtikit.queries import profile_query, rank_query

    page = Page(lang)
    profile = profile_query(store, province)
    name = profile.about["province"]
    years = profile.tables["years"].filter(pl.col("rank").is_not_null())
    if year is None:
        year = years["year"].max() if years.height else profile.about["years"][-1]
    row = profile.tables["years"].filter(pl.col("year") == year)
    row = row.row(0, named=True) if row.height else {}
    catalog = Catalog.of(store)
    overall = catalog.resolve("overall")
    _headline(page, store, profile, row, year, overall)
    gap = _targets(page, store, name, year, target)
    _pillars(page, store, name, row, year, catalog)
    _other_indicators(page, profile.tables["indicators"], catalog)
    figures = [page.figure(chart_svg(profile, lang=lang))]
    if gap is not None:
        figures.append(page.figure(chart_svg(gap, lang=lang)))
    page.section(page.w("charts"), *figures)
    ranked = rank_query(store, year)
    page.section(page.w("map"), page.figure(_map_svg(store, ranked, [name], lang)))
    return page.html(page.w("province_title", p=name) + f" — DTI {year}")


def _headline(page: Page, store: Store, profile: Result, row: dict, year: int, overall: Any) -> None:
    name = profile.about["province"]
    previous = profile.tables["years"].filter(pl.col("year") < year)["year"].max()
    rank_src = page.cite(_source_of(store, name, year, overall.rank_id or ""))
    score_src = page.cite(_source_of(store, name, year, overall.id))
    change = row.get("rank_change")
    change_text = None if change is None else (f"+{change}" if change > 0 else str(change))
    region = profile.about.get("region") or ""
    region_rank = row.get("region_rank")
    cards = [
        (page.w("rank_of", n=profile.about.get("ranked_of") or 63), row.get("rank"), rank_src),
        (page.w("change", y=previous) if previous else page.w("change_none"), change_text, ""),
        (page.w("score"), row.get("score"), score_src),
        (
            page.w("region_rank", r=region),
            None if region_rank is None else f"{region_rank}/{row.get('region_size')}",
            "",
        ),
    ]
    html = "".join(
        f'<div class="card"><div class="k">{escape(k)}</div><div class="v">{page.cell(v)}{src}</div></div>'
        for k, v, src in cards
    )
    page.section(page.w("headline", y=year), f'<div class="cards">{html}</div>')


def _targets(page: Page, store: Store, name: str, year: int, target: int | None) -> Result | None:
    """Each held target with its pace; a rank target (``--target``, else a held one) as a gap and chart."""
    from dtikit.queries import gap_query
    from dtikit.targets import target_table

    held = target_table(store, name).table
    catalog = Catalog.of(store)
    rows = []
    for t in held.iter_rows(named=True):
        label = indicator_name(_names(catalog, t["indicator"]), page.lang)
        rows.append(
            [
                label,
                f"{t['comparator']} {t['target']:g}",
                t["deadline"],
                t["latest_value"],
                t["latest_year"],
                t["pace_per_year"],
                t["needed_per_year"],
                page.w(t["status"]) if known(t["status"]) else t["status"],
                Markup(page.cite(t["source"])),
            ]
        )
    content = [
        page.table(
            [
                page.w(k)
                for k in (
                    "c_indicator",
                    "c_target",
                    "c_deadline",
                    "c_latest",
                    "c_year",
                    "c_pace",
                    "c_needed",
                    "c_status",
                    "c_source",
                )
            ],
            rows,
            numeric={2, 3, 4, 5, 6},
        )
        if rows
        else f"<p>{escape(page.w('no_targets'))}</p>"
    ]
    if target is None:
        ranks = held.filter(pl.col("indicator") == "dti_rank")
        target = int(ranks["target"].min()) if ranks.height else None
    gap = None
    if target is not None:
        gap = gap_query(store, name, target, year=year)
        d = gap.document
        fmt = lambda v: "–" if v is None else f"{v:g}"  # noqa: E731
        content.append(
            "<p>"
            + escape(
                page.w(
                    "gap_line",
                    t=target,
                    p=d["places_to_target"],
                    y=d["year"],
                    need=fmt(d.get("places_per_year_needed")),
                    d=d.get("deadline") or "–",
                    pace=fmt(d.get("pace_so_far")),
                )
            )
            + "</p>"
        )
    page.section(page.w("targets"), *content)
    return gap


def _names(catalog: Catalog, indicator: str) -> dict[str, Any]:
    ind = catalog.lookup(indicator)
    return (
        {"indicator": indicator}
        if ind is None
        else {"name_vi": ind.name_vi, "name_en": ind.name_en, "indicator": ind.id}
    )


def _pillars(page: Page, store: Store, name: str, row: dict, year: int, catalog: Catalog) -> None:
    rows = []
    for part in catalog.parts(catalog.resolve("overall")):
        label = part.pillar or part.id
        src = _source_of(store, name, year, part.rank_id or "") or _source_of(store, name, year, part.id)
        rows.append(
            [
                indicator_name(_names(catalog, part.id), page.lang),
                row.get(f"{label}_rank"),
                row.get(f"{label}_score"),
                Markup(page.cite(src) if src else ""),
            ]
        )
    page.section(
        page.w("pillars") + f" ({year})",
        page.table([page.w("c_pillar"), page.w("c_rank"), page.w("c_score"), page.w("c_source")], rows, {1, 2}),
    )


def _other_indicators(page: Page, indicators: pl.DataFrame, catalog: Catalog) -> None:
    rows = [
        [
            indicator_name(_names(catalog, r["indicator"]), page.lang),
            r["value"],
            r["unit"],
            r["period"],
            None if r["rank"] is None else f"{r['rank']}" + (f"/{r['ranked_of']}" if r["ranked_of"] else ""),
            Markup(page.cite(r["source"])),
        ]
        for r in indicators.iter_rows(named=True)
    ]
    headers = [page.w(k) for k in ("c_indicator", "c_value", "c_unit", "c_period", "c_rank", "c_source")]
    page.section(page.w("others"), page.table(headers, rows, {1, 4}))


def national_report(store: Store, year: int, *, lang: str = "vi") -> str:
    """The page about the country: the ranking, the biggest movers, the regions, the trend, chart and map."""
    from dtikit.charts import chart_svg
    from dtikit.queries import rank_query, trend_query

    page = Page(lang)
    ranked = rank_query(store, year)
    table = ranked.table
    about = ranked.about
    _movers(page, table, about.get("prev_year"))
    _regions(page, table)
    trend = trend_query(store)
    _trend(page, trend)
    page.section(
        page.w("map"),
        page.figure(_map_svg(store, ranked, [], lang)),
    )
    page.section(page.w("charts"), page.figure(chart_svg(ranked, lang=lang)))
    rows = [
        [
            r["rank"],
            r["province"],
            r["score"],
            r["rank_change"],
            Markup(page.cite(_source_of(store, r["province"], year, "dti_rank"))),
        ]
        for r in table.iter_rows(named=True)
    ]
    headers = [page.w(k) for k in ("c_rank", "c_province", "c_score", "c_change", "c_source")]
    page.section(page.w("ranking") + f" ({geography_name(63, lang)})", page.table(headers, rows, {0, 2, 3}))
    return page.html(page.w("national_title", y=year))


def _movers(page: Page, table: pl.DataFrame, prev_year: int | None) -> None:
    if prev_year is None:
        return
    moved = table.filter(pl.col("rank_change").is_not_null())
    up = moved.sort(pl.col("rank_change"), pl.col("rank"), descending=[True, False]).head(5)
    down = moved.sort(pl.col("rank_change"), pl.col("rank")).head(5)
    headers = [page.w("c_province"), page.w("c_rank"), page.w("c_change")]
    content = []
    for key, frame in (("climbed", up), ("fell", down)):
        rows = [[r["province"], r["rank"], r["rank_change"]] for r in frame.iter_rows(named=True)]
        content.append(f"<h3>{escape(page.w(key))}</h3>" + page.table(headers, rows, {1, 2}))
    page.section(page.w("movers", y=prev_year), *content)


def _regions(page: Page, table: pl.DataFrame) -> None:
    by_region = (
        table.filter(pl.col("region").is_not_null())
        .sort("rank", nulls_last=True)
        .group_by("region", maintain_order=True)
        .agg(
            n=pl.len(),
            ranked=pl.col("rank").is_not_null().sum(),
            best=pl.col("province").first(),
            best_rank=pl.col("rank").first(),
            median=pl.col("rank").median(),
        )
        .sort("median", nulls_last=True)
    )
    rows = [
        [r["region"], f"{r['ranked']}/{r['n']}", f"{r['best']} ({r['best_rank']})", r["median"]]
        for r in by_region.iter_rows(named=True)
    ]
    headers = [page.w(k) for k in ("c_region", "c_ranked", "c_best", "c_median")]
    page.section(page.w("regions"), page.table(headers, rows, {3}))


def _trend(page: Page, trend: Result) -> None:
    from dtikit.charts import chart_svg

    rows = [
        [r["year"], r["national_dti"], r["provincial_average"], f"{r['n_provinces']}/{r['of_provinces']}"]
        for r in trend.table.iter_rows(named=True)
    ]
    headers = [page.w(k) for k in ("c_year", "c_national", "c_average", "c_held")]
    page.section(
        page.w("trend"),
        page.table(headers, rows, {1, 2, 3}),
        page.figure(chart_svg(trend, lang=page.lang)),
    )
