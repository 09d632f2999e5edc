"""A tile-grid map of the provinces, written from a rank result (``dtikit.queries.rank_query``).

Each province of 2008–2025 is one equal tile at the place ``data/raw/tile_grid_63.csv`` gives it (a
hand-made schematic layout, roughly where the province lies); each unit of 2025 is the union of its
predecessors' tiles (the merger table), drawn as one outline; the units of earlier geographies are
placed by ``tiles`` (``dtikit.geography``). Tiles are coloured by
rank or value on one sequential scale in the indicator's direction (darker = better); a province
without a value is drawn as missing and said so in the legend. In SVG each province is one
``<path class="province">`` carrying its name in a ``<title>``; the highlighted ones are outlined.
Nothing is fetched: the SVG names no URL. matplotlib is imported only to write a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import polars as pl

from dtikit import geography as geographies
from dtikit.labels import among, indicator_name, provenance, say
from dtikit.messages import unit_label
from dtikit.pictures import ACCENT, MISSING_EDGE, MISSING_FILL, RAMP
from dtikit.provinces import alphabetical, in_alphabetical_order
from dtikit.render import people_number
from dtikit.result import Result
from dtikit.storage import Store

CELL = 34  # px of one tile on the map of the whole country
LEFT, TOP = 16, 92  # px before the grid
COLUMNS, ROWS = 9, 25
LEGEND_WIDTH = 190  # px right of the grid

# The two archipelagos of Việt Nam, drawn on every map of the whole country (and on a region's map when
# it holds their province), each as islets by the province it belongs to, labelled in the run's
# language. (row, col) is the top left corner on the tile grid; ``dots`` are islets in tile units.
ISLANDS = (
    {
        "key": "hoang_sa",
        "province": "Đà Nẵng",
        "at": (10.9, 7.3),
        "dots": ((0.1, 0.25), (0.35, 0.1), (0.6, 0.3), (0.3, 0.5), (0.85, 0.15), (1.1, 0.45), (0.72, 0.62)),
    },
    {
        "key": "truong_sa",
        "province": "Khánh Hòa",
        "at": (18.6, 7.3),
        "dots": ((0.1, 0.1), (0.4, 0.35), (0.2, 0.7), (0.8, 0.5), (1.1, 0.9), (0.6, 1.1), (1.3, 1.3), (0.9, 1.5)),
    },
)


def grid_file(name: str = "tile_grid_63.csv") -> Path:
    """A tile layout: inside the installed package, or the checkout's data/raw."""
    here = Path(__file__).resolve()
    packaged = here.parent / "_data" / name
    return packaged if packaged.exists() else here.parents[2] / "data" / "raw" / name


@dataclass
class Tile:
    province: str
    short: str
    cells: list[tuple[int, int]]  # (row, col) of each tile the province covers
    label: tuple[int, int]  # the tile its label sits on


def tiles(store: Store, geography: int = geographies.DEFAULT) -> list[Tile]:
    """The tiles of the units of a geography (``dtikit.geography``): the provinces of 2008–2025 each on
    its own tile; a unit of 2025 the union of its predecessors' tiles; an earlier unit its own tile where
    ``tile_grid_extra.csv`` gives one (Hà Tây beside Hà Nội), else the union of the tiles of what it
    became (the undivided Đắk Lắk of 1997–2003: Đắk Lắk's and Đắk Nông's)."""
    grid = pl.read_csv(grid_file(), schema_overrides={"row": pl.Int32, "col": pl.Int32})
    at = {r["province"]: r for r in grid.iter_rows(named=True)}
    if geography == geographies.DEFAULT:
        return [Tile(p, r["short"], [(r["row"], r["col"])], (r["row"], r["col"])) for p, r in at.items()]
    if geography != geographies.MERGED_2025:
        return _earlier_tiles(geography, at)
    units = in_alphabetical_order(
        store.provinces().filter(pl.col("geography") == geography).select("province", "predecessors")
    )
    own = _extra()  # a unit renamed has the label of its own name (Huế, not Thừa Thiên Huế's)
    result = []
    for unit, predecessors in units.sort("province").rows():
        old = [at[name] for name in (predecessors or unit).split("; ")]
        first = old[0]  # the namesake comes first in the merger table
        cells = [(r["row"], r["col"]) for r in old]
        short = own[unit]["short"] if unit in own else first["short"]
        result.append(Tile(unit, short, cells, (first["row"], first["col"])))
    return result


def _extra() -> dict[str, dict]:
    extra = pl.read_csv(grid_file("tile_grid_extra.csv"), schema_overrides={"row": pl.Int32, "col": pl.Int32})
    return {r["province"]: r for r in extra.iter_rows(named=True)}


def _earlier_tiles(geography: int, at: dict[str, dict]) -> list[Tile]:
    own = _extra()
    result = []
    for name in sorted(geographies.names(geography)):
        found = (
            [own[name]]
            if name in own
            else [at[n] for n in geographies.counterparts(geography, name, geographies.DEFAULT)]
        )
        named = next((r for r in found if r["province"] == name), found[0])
        cells = [(r["row"], r["col"]) for r in found]
        result.append(Tile(name, named["short"], cells, (named["row"], named["col"])))
    return result


def outline(cells: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The outer boundary of a union of grid cells, as closed loops of (x, y) grid corners (clockwise)."""
    edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
    directed = set()
    for row, col in cells:
        corners = [(col, row), (col + 1, row), (col + 1, row + 1), (col, row + 1)]
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
            directed.add((a, b))
    for a, b in sorted(directed):
        if (b, a) not in directed:  # an edge two cells share is inside the union
            edges.setdefault(a, []).append(b)
    loops = []
    while edges:
        start = min(edges)
        loop, point = [start], start
        while True:
            nxt = edges[point].pop()
            if not edges[point]:
                del edges[point]
            if nxt == start:
                break
            loop.append(nxt)
            point = nxt
        loops.append(_corners_only(loop))
    return loops


def _corners_only(loop: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop points in the middle of a straight side."""
    kept = []
    for i, point in enumerate(loop):
        before, after = loop[i - 1], loop[(i + 1) % len(loop)]
        if (before[0] == point[0] == after[0]) or (before[1] == point[1] == after[1]):
            continue
        kept.append(point)
    return kept


def _mix(low: str, high: str, t: float) -> str:
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def colour(t: float) -> str:
    """The sequential ramp at ``t`` in 0..1 (0 = worst, light; 1 = best, dark)."""
    t = min(max(t, 0.0), 1.0) * (len(RAMP) - 1)
    i = min(int(t), len(RAMP) - 2)
    return _mix(RAMP[i], RAMP[i + 1], t - i)


def _ink(fill: str) -> str:
    """Text colour readable on ``fill``."""
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else "#111111"


@dataclass
class Shape:
    tile: Tile
    fill: str | None  # None: missing
    text: str  # the figure under the label
    title: str  # the name and figures, for the <title>
    highlighted: bool
    group: int | None = None  # the legend class it is drawn in (0: the darkest)


@dataclass
class Frame:
    """Where the grid sits on the canvas: the tile size and the grid cell at the top left (a region's
    map is zoomed onto its own tiles)."""

    cell: float
    row0: float
    col0: float
    rows: float
    cols: float

    def xy(self, col: float, row: float) -> tuple[float, float]:
        return LEFT + (col - self.col0) * self.cell, TOP + (row - self.row0) * self.cell

    @property
    def right(self) -> float:
        return LEFT + self.cols * self.cell

    @property
    def bottom(self) -> float:
        return TOP + self.rows * self.cell


def frame_of(shapes: list[Shape], islands: list[dict], whole: bool) -> Frame:
    """The whole grid for a map of the country; else the box of the shapes (and islands) shown, zoomed."""
    if whole:
        return Frame(CELL, 0, 0, ROWS, COLUMNS)
    cells = [c for s in shapes for c in s.tile.cells]
    rows = [r for r, _ in cells] + [i["at"][0] + 2.2 for i in islands]
    cols = [c for _, c in cells] + [i["at"][1] + 2.6 for i in islands]
    row0, col0 = min(r for r, _ in cells), min(c for _, c in cells)
    for i in islands:
        row0, col0 = min(row0, i["at"][0]), min(col0, i["at"][1])
    height, width = max(rows) + 1 - row0, max(cols) + 1 - col0
    cell = max(CELL, min(2.5 * CELL, 9 * CELL / width, 16 * CELL / height))
    return Frame(cell, row0, col0, height, max(width, 4.0))


def model(
    result: Result,
    store: Store,
    *,
    by: str = "rank",
    highlight: list[str] = (),
    lang: str = "en",
    notes: list[str] = (),
) -> dict:
    """What the map shows: one shape per province of the result's table, its colour, texts and the legend.

    Every figure is the table's, written as the table writes it (``people_number``: the unit, the
    printed precision, the language's decimal comma); a rank says how many it is among. Shapes are
    coloured by class (``classes``: equal spans of rank, or quantiles of the values), each class's
    boundaries written in the legend. ``notes`` (what the highlight was read as) go under the map."""
    about = result.about
    table = result.table
    geography = about["geography"]
    n = about.get("ranked_of") or table.height
    unit = about.get("unit")
    printed = result.printed.get(result.main or "rank")
    texts = printed["score"].to_list() if printed is not None and "score" in printed.columns else [None] * table.height
    rows = {r["province"]: {**r, "text": t} for r, t in zip(table.iter_rows(named=True), texts, strict=True)}
    direction = about.get("higher_is_better")

    def number(row: dict | None) -> str:
        return "–" if row is None else people_number(row["score"], unit, lang, row["text"])

    classes = _rank_classes(rows, n) if by == "rank" else _value_classes(rows, direction is not False, number)
    shapes = []
    for tile in tiles(store, geography):
        row = rows.get(tile.province)
        if row is None:
            continue  # outside the region asked for
        shapes.append(_shape(tile, row, by, n, classes, number, lang, tile.province in highlight))
    drawn = {s.tile.province for s in shapes}
    owners = {cell: s.tile.province for s in shapes for cell in s.tile.cells}
    at = {t.province: t.cells[0] for t in tiles(store, geographies.DEFAULT)}
    islands = [
        {
            **i,
            "name": say(i["key"], lang),
            "owner": owners[at[i["province"]]],
            "of": say("islands_of", lang, province=owners[at[i["province"]]]),
        }
        for i in ISLANDS
        if at.get(i["province"]) in owners
    ]
    fills = {s.tile.province: s.fill for s in shapes}
    for island in islands:
        island["fill"] = fills.get(island["owner"])
    whole = not about.get("region")
    legend_title = (
        say("legend_rank", lang) if by == "rank" else say("legend_unit", lang, unit=unit_label(unit, lang) or "–")
    )
    return {
        "shapes": shapes,
        "islands": islands,
        "frame": frame_of(shapes, islands, whole),
        "title": say(
            "map_title", lang, name=indicator_name(about, lang), year=about["year"], by=say(f"map_by_{by}", lang)
        ),
        "subtitle": [say("map_sub_tiles", lang), among(table["ranked_of"].to_list(), geography, lang)]
        + ([say("region_zoom", lang, region=about["region"])] if about.get("region") else []),
        "legend": {
            "title": legend_title,
            "classes": classes,
            "direction": say("darker_better" if direction is not None else "darker_higher", lang),
            "kind": say("classes_rank" if by == "rank" else "classes_quantile", lang),
            "missing": say("missing", lang),
            "highlighted": say("highlighted", lang),
        },
        "any_missing": any(s.fill is None for s in shapes),
        "any_highlight": any(s.highlighted for s in shapes),
        "unit": unit,
        "key": say("key", lang, pairs=" · ".join(f"{s.tile.short} {s.tile.province}" for s in _by_name(shapes))),
        "source": (source := _source_line(store, about, lang)),
        "note": provenance(about, lang, sourced=bool(source)),
        "notes": list(notes),
        "drawn": drawn,
    }


def _by_name(shapes: list[Shape]) -> list[Shape]:
    return sorted(shapes, key=lambda s: alphabetical(s.tile.province))


def _source_line(store: Store, about: dict, lang: str) -> str:
    """'Source: <the indicator's publisher>; figures read from N published pages: host, host and M more'."""
    from urllib.parse import urlparse

    from dtikit.catalog import Catalog
    from dtikit.labels import PUBLISHED

    published = [s["source"] for s in about.get("sources") or [] if s["kind"] in PUBLISHED and s["source"]]
    if not published:
        return ""
    indicator = Catalog.of(store).lookup(about.get("indicator") or "")
    parts = [say("map_source", lang, publisher=indicator.publisher)] if indicator and indicator.publisher else []
    pages = sorted({p for p in published if p.startswith(("http://", "https://"))})
    hosts: dict[str, int] = {}
    for page in pages:
        host = urlparse(page).netloc.removeprefix("www.")
        hosts[host] = hosts.get(host, 0) + 1
    named = sorted(hosts, key=lambda h: (-hosts[h], h))
    if named:
        shown = ", ".join(named[:3])
        if len(named) > 3:
            shown = say("map_pages_more", lang, shown=shown, n=len(named) - 3)
        parts.append(say("map_pages", lang, n=len(pages), hosts=shown))
    return "; ".join(parts)


def _ramp_colour(i: int, k: int) -> str:
    """The fill of class ``i`` of ``k`` (0: the darkest)."""
    return colour(0.12 + 0.88 * (1 - i / max(k - 1, 1)))


def _rank_classes(rows: dict, n: int, k: int = 5) -> list[dict]:
    """``k`` classes of rank of (about) equal span: 1–13, 14–25, ... of 63 places; the first the darkest."""
    k = max(1, min(k, n))
    spans = [(1 + round(i * n / k), round((i + 1) * n / k)) for i in range(k)]
    return [
        {"low": lo, "high": hi, "low_text": str(lo), "high_text": str(hi), "fill": _ramp_colour(i, k)}
        for i, (lo, hi) in enumerate(spans)
    ]


def _value_classes(rows: dict, higher_first: bool, number, k: int = 5) -> list[dict]:
    """Up to ``k`` classes at the quantiles of the values shown, each from one held value to another
    (its boundaries written as the table writes them); the first, darkest, holds the best values
    (the highest, unless lower is better)."""
    scored = sorted((r for r in rows.values() if r["score"] is not None), key=lambda r: r["score"])
    if not scored:
        return []
    k = max(1, min(k, len({r["score"] for r in scored})))
    cuts = sorted({round(i * len(scored) / k) for i in range(1, k)})
    groups, start = [], 0
    for cut in [*cuts, len(scored)]:
        piece = scored[start:cut]
        if groups and piece and piece[0]["score"] == groups[-1][-1]["score"]:
            groups[-1] += piece  # a value is in one class only
        elif piece:
            groups.append(piece)
        start = cut
    classes = [
        {"low": g[0]["score"], "high": g[-1]["score"], "low_text": number(g[0]), "high_text": number(g[-1])}
        for g in groups
    ]
    if higher_first:
        classes.reverse()
    for i, c in enumerate(classes):
        c["fill"] = _ramp_colour(i, len(classes))
    return classes


def _class_of(classes: list[dict], value: float | None, by: str) -> int | None:
    """The class a rank (scaled to the ranks of the whole map) or a value is drawn in."""
    if value is None:
        return None
    if by == "rank":
        return next((i for i, c in enumerate(classes) if value <= c["high"]), len(classes) - 1)
    return next((i for i, c in enumerate(classes) if c["low"] <= value <= c["high"]), None)


def _shape(tile: Tile, row: dict, by: str, n: int, classes: list[dict], number, lang, picked) -> Shape:
    """One province's shape: its class's colour, its figure and its <title>."""
    value, rank = row["score"], row["rank"]
    of = row.get("ranked_of") or n
    group = _class_of(classes, (None if rank is None else rank * n / of) if by == "rank" else value, by)
    text = ("–" if rank is None else str(rank)) if by == "rank" else number(row if value is not None else None)
    rank_text = "–" if rank is None else f"{rank}/{of}"
    title = (
        f"{tile.province}: {say('rank', lang).lower()} {rank_text}, "
        f"{say('value', lang).lower()} {number(row if value is not None else None)}"
    )
    return Shape(tile, None if group is None else classes[group]["fill"], text, title, picked, group)


def _loops_px(frame: Frame, cells: list[tuple[int, int]]) -> list[list[tuple[float, float]]]:
    return [[frame.xy(x, y) for x, y in loop] for loop in outline(cells)]


def _wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines that fit ``width`` px at a font of ``size`` px (DejaVu Sans: about 0.58 em a letter)."""
    import textwrap

    return textwrap.wrap(text, max(20, int(width / (size * 0.58)))) if text else []


def layout(m: dict) -> tuple[float, float, list[dict]]:
    """The picture as a list of marks (text, paths, rectangles, islets) in px, for SVG and PNG alike."""
    f: Frame = m["frame"]
    marks: list[dict] = [{"kind": "text", "x": LEFT, "y": 26, "text": m["title"], "size": 15, "bold": True}]
    for i, line in enumerate(m["subtitle"]):
        marks.append({"kind": "text", "x": LEFT, "y": 46 + 15 * i, "text": line, "size": 11, "fill": "#444444"})
    for shape in sorted(m["shapes"], key=lambda s: s.highlighted):  # outlines drawn last stay whole
        stroke, width = (ACCENT, 3) if shape.highlighted else ("#ffffff", 2)
        marks.append(
            {
                "kind": "path",
                "loops": _loops_px(f, shape.tile.cells),
                "fill": shape.fill,
                "stroke": stroke,
                "width": width,
                "class": "province" + (" highlighted" if shape.highlighted else ""),
                "group": shape.group,
                "title": shape.title,
            }
        )
    for shape in m["shapes"]:
        row, col = shape.tile.label
        x, y = f.xy(col + 0.5, row)
        ink = _ink(shape.fill) if shape.fill else "#333333"
        grow = f.cell / CELL
        marks.append(
            {
                "kind": "text",
                "x": x,
                "y": y + 14 * grow,
                "text": shape.tile.short,
                "size": 10,
                "bold": True,
                "fill": ink,
                "anchor": "middle",
                "hidden": True,
            }
        )
        marks.append(
            {
                "kind": "text",
                "x": x,
                "y": y + 26 * grow,
                "text": shape.text,
                "size": 8.5,
                "fill": ink,
                "anchor": "middle",
                "hidden": True,
            }
        )
    marks += _island_marks(m, f)
    right, legend_bottom = _legend_marks(m, f, marks)
    width = max(right, f.right + LEGEND_WIDTH + 16)
    y = max(f.bottom, legend_bottom) + 10
    for cls, text, colour in (
        ("source", m.get("source"), "#333333"),
        ("note", ". ".join(t.rstrip(". ") for t in [*m.get("notes", []), m.get("note") or ""] if t), "#555555"),
        ("key", m.get("key"), "#555555"),
    ):
        for line in _wrap(text or "", width - 2 * LEFT, 9.5):
            y += 13
            marks.append({"kind": "text", "x": LEFT, "y": y, "text": line, "size": 9.5, "fill": colour, "class": cls})
    return width, y + 12, marks


def _island_marks(m: dict, f: Frame) -> list[dict]:
    marks = []
    for island in m["islands"]:
        row, col = island["at"]
        r = 2.6 * f.cell / CELL
        marks.append({"kind": "group", "class": "archipelago", "title": f"{island['name']} ({island['owner']})"})
        for dx, dy in island["dots"]:
            x, y = f.xy(col + dx, row + dy)
            marks.append(
                {"kind": "circle", "x": x, "y": y, "r": r, "fill": island["fill"] or MISSING_FILL, "stroke": "#555555"}
            )
        low = max(dy for _, dy in island["dots"])
        x, y = f.xy(col, row + low)
        marks.append(
            {
                "kind": "text",
                "x": x,
                "y": y + 14,
                "text": island["name"],
                "size": 9,
                "italic": True,
                "fill": "#333333",
                "class": "archipelago-name",
            }
        )
        marks.append(
            {
                "kind": "text",
                "x": x,
                "y": y + 25,
                "text": island["of"],
                "size": 9,
                "italic": True,
                "fill": "#333333",
                "class": "archipelago-name",
            }
        )
        marks.append({"kind": "end"})
    return marks


def _legend_marks(m: dict, f: Frame, marks: list[dict]) -> tuple[float, float]:
    """The legend right of the grid: its title (what and the unit), one swatch per class with its
    boundaries, the direction, missing and outlined; returns its right and bottom edges."""
    legend = m["legend"]
    x, y = f.right + 16, TOP + 4
    marks.append({"kind": "group", "class": "legend"})
    size = 10
    for line in _wrap(legend["title"], LEGEND_WIDTH, size):
        marks.append({"kind": "text", "x": x, "y": y + 10, "text": line, "size": size, "bold": True})
        y += 14
    y += 4
    for i, c in enumerate(legend["classes"]):
        text = c["low_text"] if c["low_text"] == c["high_text"] else f"{c['low_text']} – {c['high_text']}"
        marks.append({"kind": "rect", "x": x, "y": y, "w": 22, "h": 16, "fill": c["fill"], "class": f"class-{i}"})
        marks.append({"kind": "text", "x": x + 28, "y": y + 12, "text": text, "size": size, "class": f"class-{i}"})
        y += 18
    for line in _wrap(legend["direction"], LEGEND_WIDTH, 9) + _wrap(legend["kind"], LEGEND_WIDTH, 9):
        marks.append({"kind": "text", "x": x, "y": y + 11, "text": line, "size": 9, "fill": "#444444"})
        y += 13
    y += 6
    if m["any_missing"]:
        marks.append({"kind": "rect", "x": x, "y": y, "w": 22, "h": 16, "fill": None, "stroke": MISSING_EDGE})
        marks.append({"kind": "text", "x": x + 28, "y": y + 12, "text": legend["missing"], "size": size})
        y += 22
    if m["any_highlight"]:
        marks.append(
            {"kind": "rect", "x": x + 1.5, "y": y + 1.5, "w": 19, "h": 13, "fill": "none", "stroke": ACCENT, "width": 3}
        )
        marks.append({"kind": "text", "x": x + 28, "y": y + 12, "text": legend["highlighted"], "size": size})
        y += 22
    marks.append({"kind": "end"})
    return x + LEGEND_WIDTH, y


def svg(m: dict) -> str:
    """The map as an SVG document (text as text, no URL)."""
    width, height, marks = layout(m)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="map-title" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="map-title">{escape(m["title"])}</title>',
        '<defs><pattern id="missing-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{MISSING_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MISSING_EDGE}" stroke-width="1.2"/></pattern></defs>',
        f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>',
    ]
    out += [_svg_mark(mark) for mark in marks]
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _n(v: float) -> str:
    return f"{round(v, 2):g}"


def _svg_mark(mark: dict) -> str:
    kind = mark["kind"]
    cls = f' class="{mark["class"]}"' if mark.get("class") else ""
    if kind == "group":
        title = f"<title>{escape(mark['title'])}</title>" if mark.get("title") else ""
        return f"<g{cls}>{title}"
    if kind == "end":
        return "</g>"
    if kind == "text":
        style = (' font-weight="bold"' if mark.get("bold") else "") + (
            ' font-style="italic"' if mark.get("italic") else ""
        )
        anchor = f' text-anchor="{mark["anchor"]}"' if mark.get("anchor") else ""
        hidden = ' aria-hidden="true"' if mark.get("hidden") else ""
        return (
            f'<text{cls} x="{_n(mark["x"])}" y="{_n(mark["y"])}" font-size="{mark["size"]}"{style}{anchor} '
            f'fill="{mark.get("fill", "#111111")}"{hidden}>{escape(mark["text"])}</text>'
        )
    if kind == "circle":
        return (
            f'<circle cx="{_n(mark["x"])}" cy="{_n(mark["y"])}" r="{_n(mark["r"])}" fill="{mark["fill"]}" '
            f'stroke="{mark["stroke"]}" stroke-width="0.6"/>'
        )
    if kind == "rect":
        fill = "url(#missing-hatch)" if mark["fill"] is None else mark["fill"]
        stroke = f' stroke="{mark["stroke"]}" stroke-width="{mark.get("width", 0.5)}"' if mark.get("stroke") else ""
        return (
            f'<rect{cls} x="{_n(mark["x"])}" y="{_n(mark["y"])}" width="{mark["w"]}" height="{mark["h"]}" '
            f'fill="{fill}"{stroke}/>'
        )
    d = " ".join("M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in loop) + " Z" for loop in mark["loops"])
    group = "" if mark.get("group") is None else f' data-class="{mark["group"]}"'
    return (
        f'<path{cls}{group} d="{d}" fill="{mark["fill"] or "url(#missing-hatch)"}" stroke="{mark["stroke"]}" '
        f'stroke-width="{mark["width"]}" stroke-linejoin="round"><title>{escape(mark["title"])}</title></path>'
    )


def html(m: dict, lang: str = "en") -> str:
    """A page holding the map and nothing else: inline SVG, inline CSS, no script, no URL."""
    body = svg(m).replace(' xmlns="http://www.w3.org/2000/svg"', "")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(m['title'])}</title>\n"
        "<style>body{margin:16px;font-family:'DejaVu Sans',Arial,sans-serif;background:#fff}"
        "svg{max-width:100%;height:auto}</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def png(m: dict, path: Path | str) -> None:
    """The same map drawn with matplotlib, mark by mark."""
    from dtikit.pictures import drawing, save

    with drawing():
        save(_png_figure(m), path)


def png_bytes(m: dict) -> bytes:
    """The PNG of ``png`` as bytes (for a Word report)."""
    from dtikit.charts import figure_png
    from dtikit.pictures import drawing

    with drawing():
        return figure_png(_png_figure(m))


def _png_figure(m: dict) -> Any:
    from matplotlib.patches import Circle, PathPatch, Rectangle
    from matplotlib.path import Path as MplPath

    from dtikit.pictures import new_figure

    width, height, marks = layout(m)
    fig = new_figure(width / 100, height / 100, dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    pt = 0.72  # 1 px of the SVG in points at 100 dpi
    for mark in marks:
        kind = mark["kind"]
        if kind == "text":
            ax.text(
                mark["x"],
                mark["y"],
                mark["text"],
                fontsize=mark["size"] * pt,
                va="baseline",
                ha={"middle": "center"}.get(mark.get("anchor"), "left"),
                color=mark.get("fill", "#111111"),
                fontweight="bold" if mark.get("bold") else "normal",
                fontstyle="italic" if mark.get("italic") else "normal",
            )
        elif kind == "circle":
            ax.add_patch(
                Circle(
                    (mark["x"], mark["y"]), mark["r"], facecolor=mark["fill"], edgecolor=mark["stroke"], linewidth=0.5
                )
            )
        elif kind == "rect":
            none = mark["fill"] == "none"
            ax.add_patch(
                Rectangle(
                    (mark["x"], mark["y"]),
                    mark["w"],
                    mark["h"],
                    facecolor="none" if none else (mark["fill"] or MISSING_FILL),
                    edgecolor=mark.get("stroke") or "none",
                    linewidth=mark.get("width", 0.5) * pt,
                    hatch=None if mark["fill"] is not None else "///",
                )
            )
        elif kind == "path":
            vertices, codes = [], []
            for loop in mark["loops"]:
                vertices += [*loop, loop[0]]
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(loop) - 1) + [MplPath.CLOSEPOLY]
            ax.add_patch(
                PathPatch(
                    MplPath(vertices, codes),
                    facecolor=mark["fill"] or MISSING_FILL,
                    edgecolor=mark["stroke"],
                    linewidth=mark["width"] * pt,
                    hatch=None if mark["fill"] else "///",
                )
            )
    return fig


def write(m: dict, path: Path | str, lang: str = "en") -> None:
    """Write the map to ``path``: .svg, .png or .html."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        png(m, path)
    else:
        Path(path).write_text(html(m, lang) if suffix == ".html" else svg(m), encoding="utf-8")
