"""What every picture shares: accepted file suffixes, matplotlib's settings for deterministic output
(in force only while a picture is drawn), and an SVG made fit to sit inside an HTML page.

matplotlib is imported only inside ``drawing``, ``new_figure`` and ``save``: importing this module is
cheap, and drawing never changes the user's matplotlib backend or ``rcParams``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dtikit.errors import UsageError
from dtikit.messages import say

# colours: one sequential ramp (light = worse, dark = better), an accent, greys for context and missing
RAMP = ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
ACCENT = "#d95f02"
CONTEXT = "#9e9e9e"
MISSING_FILL = "#f2f2f2"
MISSING_EDGE = "#9e9e9e"
SERIES = ["#1b6ca8", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666"]


def check_suffix(path: Path | str, allowed: tuple[str, ...], option: str) -> str:
    """The file's suffix when it is one of ``allowed``; else a usage error naming them."""
    suffix = Path(path).suffix.lower()
    if str(path) == "-":  # stdout, as tables take it: a picture has no format to be told by
        raise UsageError(say("error.picture_stdout", option=option, allowed=", ".join(allowed)))
    if suffix not in allowed:
        shown, choices = suffix or say("error.no_suffix"), ", ".join(allowed)
        raise UsageError(say("error.picture_format", option=option, path=path, suffix=shown, allowed=choices))
    return suffix


# matplotlib's settings for every picture, in force only while one is drawn (``drawing``): text kept
# as text in SVG, a fixed hash salt (the same bytes every run), one font, no top or right spine
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "dtikit",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}


@contextmanager
def drawing() -> Iterator[None]:
    """``STYLE`` for the time of one drawing: matplotlib's global settings are as they were after it.

    The user's backend is never touched: every figure is a private ``Figure`` on its own Agg canvas
    (``new_figure``), never one of pyplot's, so nothing is left in pyplot's list of open figures."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width: float, height: float, dpi: float | None = None) -> Any:
    """A figure of ``width`` x ``height`` inches of its own, drawn on an Agg canvas (no pyplot, no backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def save(fig: Any, path: Path | str | None) -> str | None:
    """Write ``fig`` to ``path`` (.svg or .png, no dates in the metadata), or return its SVG text when no path."""
    import io

    with drawing():
        if path is None:
            out = io.StringIO()
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
            return out.getvalue()
        if Path(path).suffix.lower() == ".png":
            fig.savefig(path, format="png", dpi=150, metadata={"Software": None})
        else:
            fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
        return None


def inline_svg(svg: str) -> str:
    """An SVG document as an element of an HTML page: no XML prolog, doctype, metadata or namespace URLs.

    The HTML parser puts ``<svg>`` in the SVG namespace by itself, so the page names no URL at all.
    """
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    return svg.replace("xlink:href", "href").strip()
