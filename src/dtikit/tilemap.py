"""A tile-grid map of the provinces, written from a rank result (``dtikit.queries.rank_query``).

Each of the 63 provinces is one equal tile at the place ``data/raw/tile_grid_63.csv`` gives it (a
hand-made schematic layout, roughly where the province lies); each of the 34 units of 2025 is the
union of its predecessors' tiles (the merger table), drawn as one outline. Tiles are coloured by
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

from dtikit.labels import among, indicator_name, provenance, say
from dtikit.pictures import ACCENT, MISSING_EDGE, MISSING_FILL, RAMP
from dtikit.render import people_number
from dtikit.result import Result
from dtikit.storage import Store

CELL = 34  # px of one tile
LEFT, TOP = 16, 92  # px before the grid
COLUMNS, ROWS = 9, 25


def grid_file() -> Path:
    """The tile layout: inside the installed package, or the checkout's data/raw."""
    here = Path(__file__).resolve()
    packaged = here.parent / "_data" / "tile_grid_63.csv"
    return packaged if packaged.exists() else here.parents[2] / "data" / "raw" / "tile_grid_63.csv"


@dataclass
class Tile:
    province: str
    short: str
    cells: list[tuple[int, int]]  # (row, col) of each tile the province covers
    label: tuple[int, int]  # the tile its label sits on


def tiles(store: Store, geography: int = 63) -> list[Tile]:
    """The tiles of the 63 provinces, or of the 34 units (each the union of its predecessors' tiles)."""
    grid = pl.read_csv(grid_file(), schema_overrides={"row": pl.Int32, "col": pl.Int32})
    at = {r["province"]: r for r in grid.iter_rows(named=True)}
    if geography == 63:
        return [Tile(p, r["short"], [(r["row"], r["col"])], (r["row"], r["col"])) for p, r in at.items()]
    units = store.provinces().filter(pl.col("geography") == 34).select("province", "predecessors").sort("province")
    result = []
    for unit, predecessors in units.rows():
        old = [at[name] for name in (predecessors or unit).split("; ")]
        first = old[0]  # the namesake comes first in the merger table
        cells = [(r["row"], r["col"]) for r in old]
        result.append(Tile(unit, first["short"], cells, (first["row"], first["col"])))
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


def model(result: Result, store: Store, *, by: str = "rank", highlight: list[str] = (), lang: str = "en") -> dict:
    """What the map shows: one shape per province of the result's table, its colour, texts and the legend.

    Every figure is the table's, written as the table writes it (``people_number``: the unit, the
    printed precision, the language's decimal comma); a rank says how many it is among."""
    about = result.about
    table = result.table
    geography = about["geography"]
    n = about.get("ranked_of") or table.height
    unit = about.get("unit")
    printed = result.printed.get(result.main or "rank")
    texts = printed["score"].to_list() if printed is not None and "score" in printed.columns else [None] * table.height
    rows = {r["province"]: {**r, "text": t} for r, t in zip(table.iter_rows(named=True), texts, strict=True)}
    scored = [r for r in rows.values() if r["score"] is not None]
    low = min(scored, key=lambda r: r["score"]) if scored else None
    high = max(scored, key=lambda r: r["score"]) if scored else None
    better_high = about.get("higher_is_better") is not False

    def number(row: dict | None) -> str:
        return "–" if row is None else people_number(row["score"], unit, lang, row["text"])

    shapes = []
    for tile in tiles(store, geography):
        row = rows.get(tile.province)
        if row is None:
            continue  # outside the region asked for
        shapes.append(_shape(tile, row, by, n, (low, high), better_high, number, lang, tile.province in highlight))
    by_text = say("map_by_rank" if by == "rank" else "map_by_value", lang)
    best, worst = (high, low) if better_high else (low, high)
    ends = ("1", str(n)) if by == "rank" else (number(best), number(worst))
    return {
        "shapes": shapes,
        "title": say("map_title", lang, name=indicator_name(about, lang), year=about["year"], by=by_text),
        "subtitle": [*say("map_sub", lang).split("; "), among(table["ranked_of"].to_list(), geography, lang)]
        + ([about["region"]] if about.get("region") else []),
        "legend": {
            "best": ends[0],
            "worst": ends[1],
            "better": say("better", lang),
            "worse": say("worse", lang),
            "missing": say("missing", lang),
            "highlighted": say("highlighted", lang),
        },
        "any_missing": any(s.fill is None for s in shapes),
        "any_highlight": any(s.highlighted for s in shapes),
        "unit": unit,
        "note": provenance(about, lang),
    }


def _shape(tile: Tile, row: dict, by: str, n: int, ends: tuple, better_high: bool, number, lang, picked) -> Shape:
    """One province's shape: its colour on the ramp (darker = better), its figure and its <title>."""
    value, rank = row["score"], row["rank"]
    of = row.get("ranked_of") or n
    if by == "rank":
        t = None if rank is None else 1 - (rank - 1) / max(of - 1, 1)
    else:
        low, high = (None, None) if ends[0] is None else (ends[0]["score"], ends[1]["score"])
        t = None if value is None else ((value - low) / (high - low) if high > low else 1.0)
        t = t if t is None or better_high else 1 - t
    text = ("–" if rank is None else str(rank)) if by == "rank" else number(row if value is not None else None)
    rank_text = "–" if rank is None else f"{rank}/{of}"
    title = (
        f"{tile.province}: {say('rank', lang).lower()} {rank_text}, "
        f"{say('value', lang).lower()} {number(row if value is not None else None)}"
    )
    return Shape(tile, None if t is None else colour(t), text, title, picked)


def _d(loops: list[list[tuple[int, int]]]) -> str:
    parts = []
    for loop in loops:
        points = [(LEFT + x * CELL, TOP + y * CELL) for x, y in loop]
        parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return " ".join(parts)


WIDTH = LEFT + (COLUMNS + 6) * CELL
HEIGHT = TOP + ROWS * CELL + 24  # and a line of 13 px for each line of the note under the grid


def svg(m: dict) -> str:
    """The map as an SVG document (text as text, no URL)."""
    height = _height(m)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="map-title" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="map-title">{escape(m["title"])}</title>',
        '<defs><pattern id="missing-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{MISSING_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MISSING_EDGE}" stroke-width="1.2"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="26" font-size="15" font-weight="bold">{escape(m["title"])}</text>',
    ]
    for i, line in enumerate(m["subtitle"]):
        out.append(f'<text x="{LEFT}" y="{46 + 15 * i}" font-size="11" fill="#444444">{escape(line)}</text>')
    ordered = sorted(m["shapes"], key=lambda s: s.highlighted)  # outlines drawn last stay whole
    for shape in ordered:
        fill = shape.fill or "url(#missing-hatch)"
        stroke, width = (ACCENT, 3) if shape.highlighted else ("#ffffff", 2)
        out.append(
            f'<path class="province{" highlighted" if shape.highlighted else ""}" d="{_d(outline(shape.tile.cells))}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}" stroke-linejoin="round">'
            f"<title>{escape(shape.title)}</title></path>"
        )
    for shape in m["shapes"]:
        row, col = shape.tile.label
        x, y = LEFT + (col + 0.5) * CELL, TOP + row * CELL
        ink = _ink(shape.fill) if shape.fill else "#333333"
        out.append(
            f'<text x="{x}" y="{y + 14}" font-size="10" font-weight="bold" text-anchor="middle" fill="{ink}" '
            f'aria-hidden="true">{escape(shape.tile.short)}</text>'
            f'<text x="{x}" y="{y + 26}" font-size="8.5" text-anchor="middle" fill="{ink}" '
            f'aria-hidden="true">{escape(shape.text)}</text>'
        )
    out += _legend_svg(m)
    for i, line in enumerate(_note_lines(m)):
        y = TOP + ROWS * CELL + 18 + 13 * i
        out.append(f'<text class="note" x="{LEFT}" y="{y}" font-size="9.5" fill="#555555">{escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _note_lines(m: dict) -> list[str]:
    """The note under the map (what its ranks rest on, where its figures come from) in lines that fit."""
    import textwrap

    return textwrap.wrap(m.get("note") or "", 100)


def _height(m: dict) -> int:
    """The picture's height: the grid, then the note's lines."""
    return HEIGHT + 13 * len(_note_lines(m))


def _legend_svg(m: dict) -> list[str]:
    legend = m["legend"]
    x, y = LEFT + 7.4 * CELL, TOP + 6 * CELL
    out = ['<g class="legend" font-size="10">']
    steps = 6
    for i in range(steps):
        t = 1 - i / (steps - 1)
        out.append(f'<rect x="{x}" y="{y + i * 16}" width="22" height="16" fill="{colour(t)}"/>')
    out.append(f'<text x="{x + 28}" y="{y + 12}">{escape(legend["best"])} ({escape(legend["better"])})</text>')
    out.append(
        f'<text x="{x + 28}" y="{y + steps * 16 - 4}">{escape(legend["worst"])} ({escape(legend["worse"])})</text>'
    )
    y += steps * 16 + 14
    out.append(
        f'<rect x="{x}" y="{y}" width="22" height="16" fill="url(#missing-hatch)" stroke="{MISSING_EDGE}" '
        f'stroke-width="0.5"/><text x="{x + 28}" y="{y + 12}">{escape(legend["missing"])}</text>'
    )
    if m["any_highlight"]:
        y += 26
        out.append(
            f'<rect x="{x + 1.5}" y="{y + 1.5}" width="19" height="13" fill="none" stroke="{ACCENT}" stroke-width="3"/>'
            f'<text x="{x + 28}" y="{y + 12}">{escape(legend["highlighted"])}</text>'
        )
    out.append("</g>")
    return out


def html(m: dict, lang: str = "en") -> str:
    """A page holding the map and nothing else: inline SVG, inline CSS, no script, no URL."""
    body = svg(m).replace(' xmlns="http://www.w3.org/2000/svg"', "")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(m['title'])}</title>\n"
        "<style>body{margin:16px;font-family:'DejaVu Sans',Arial,sans-serif;background:#fff}</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def png(m: dict, path: Path | str) -> None:
    """The same map drawn with matplotlib (one patch per province)."""
    from dtikit.pictures import drawing, save

    with drawing():
        save(_png_figure(m), path)


def _png_figure(m: dict) -> Any:
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path as MplPath

    from dtikit.pictures import new_figure

    height = _height(m)
    fig = new_figure(WIDTH / 100, height / 100, dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)
    ax.axis("off")
    fig.text(LEFT / WIDTH, 1 - 26 / height, m["title"], fontsize=11, fontweight="bold", va="baseline")
    for i, line in enumerate(m["subtitle"]):
        fig.text(LEFT / WIDTH, 1 - (46 + 15 * i) / height, line, fontsize=8, color="#444444", va="baseline")
    for shape in sorted(m["shapes"], key=lambda s: s.highlighted):
        vertices, codes = [], []
        for loop in outline(shape.tile.cells):
            points = [(LEFT + x * CELL, TOP + y * CELL) for x, y in loop]
            vertices += [*points, points[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1) + [MplPath.CLOSEPOLY]
        stroke, width = (ACCENT, 2.2) if shape.highlighted else ("#ffffff", 1.5)
        ax.add_patch(
            PathPatch(
                MplPath(vertices, codes),
                facecolor=shape.fill or MISSING_FILL,
                edgecolor=stroke,
                linewidth=width,
                hatch=None if shape.fill else "///",
            )
        )
        row, col = shape.tile.label
        ink = _ink(shape.fill) if shape.fill else "#333333"
        x, y = LEFT + (col + 0.5) * CELL, TOP + row * CELL
        ax.text(x, y + 14, shape.tile.short, fontsize=7, fontweight="bold", ha="center", va="baseline", color=ink)
        ax.text(x, y + 26, shape.text, fontsize=6, ha="center", va="baseline", color=ink)
    legend = m["legend"]
    x, y = LEFT + 7.4 * CELL, TOP + 6 * CELL
    for i in range(6):
        ax.add_patch(Rectangle((x, y + i * 16), 22, 16, facecolor=colour(1 - i / 5), edgecolor="none"))
    ax.text(x + 28, y + 12, f"{legend['best']} ({legend['better']})", fontsize=7)
    ax.text(x + 28, y + 92, f"{legend['worst']} ({legend['worse']})", fontsize=7)
    ax.add_patch(Rectangle((x, y + 110), 22, 16, facecolor=MISSING_FILL, edgecolor=MISSING_EDGE, hatch="///"))
    ax.text(x + 28, y + 122, legend["missing"], fontsize=7)
    if m["any_highlight"]:  # as the SVG's legend: the outline of a province picked out
        ax.add_patch(Rectangle((x + 1.5, y + 137.5), 19, 13, facecolor="none", edgecolor=ACCENT, linewidth=2.2))
        ax.text(x + 28, y + 148, legend["highlighted"], fontsize=7)
    for i, line in enumerate(_note_lines(m)):
        ax.text(LEFT, TOP + ROWS * CELL + 18 + 13 * i, line, fontsize=6.5, color="#555555", va="baseline")
    return fig


def write(m: dict, path: Path | str, lang: str = "en") -> None:
    """Write the map to ``path``: .svg, .png or .html."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        png(m, path)
    else:
        Path(path).write_text(html(m, lang) if suffix == ".html" else svg(m), encoding="utf-8")
