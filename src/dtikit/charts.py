"""Charts of query results (``dtikit.result.Result``), drawn with matplotlib from the tables the CLI shows.

One function per kind of answer: ``rank`` (a ranked bar chart of the year), ``profile`` and
``compare`` (rank over the years, 1 at the top, pillars as thinner lines), ``trend`` (national
value, provincial mean and median, the min–max band, coverage), ``gap`` and ``value_gap`` (the
history, the target, the path needed and the pace so far). Every number drawn is a number of the
result's tables, written as a table writes it (``dtikit.render.people_number``: unit, printed
precision, the language's decimal comma); the line under a chart names what its ranks rest on and
where its figures come from (``dtikit.labels.provenance``). A missing value is never drawn as zero:
a line breaks (years are drawn on a continuous axis, so a year with no value is never bridged), and
a mark says 'no data'. Every mark carries an SVG id (``bar-N``, ``missing-N``, ``point-YEAR``, ...)
so that tests and people can find it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from dtikit import geography as geographies
from dtikit.labels import among, indicator_name, provenance, say
from dtikit.messages import unit_label
from dtikit.pictures import ACCENT, CONTEXT, MISSING_EDGE, MISSING_FILL, RAMP, SERIES, drawing, new_figure, save
from dtikit.render import difference_unit, people_number
from dtikit.result import Result


def draw(result: Result, path: Path | str, **options: Any) -> None:
    """Draw ``result`` into ``path`` (.svg or .png)."""
    save(figure(result, **options), path)


def chart_svg(result: Result, **options: Any) -> str:
    """The chart of ``result`` as SVG text (for a report)."""
    return save(figure(result, **options), None)


def chart_png(result: Result, **options: Any) -> bytes:
    """The chart of ``result`` as PNG bytes (for a Word report): the same figure as ``chart_svg``."""
    return figure_png(figure(result, **options))


def figure_png(fig: Any) -> bytes:
    """A figure as PNG bytes, as ``dtikit.pictures.save`` writes a .png file (150 dpi, no metadata)."""
    import io

    out = io.BytesIO()
    with drawing():
        fig.savefig(out, format="png", dpi=150, metadata={"Software": None})
    return out.getvalue()


# the chart of each kind of result: kind -> (function, the options of ``figure`` it takes)
CHARTS: dict[str, tuple[Any, tuple[str, ...]]] = {}


def chart(kind: str, *options: str) -> Any:
    """Register the decorated function as the chart of a ``kind`` result; it is called as
    ``function(result, lang, **{option: ...})`` with the ``options`` of ``figure`` it names."""

    def register(function: Any) -> Any:
        CHARTS[kind] = (function, options)
        return function

    return register


def figure(result: Result, *, lang: str = "en", highlight: list[str] | None = None, target: int | None = None) -> Any:
    """The matplotlib ``Figure`` of ``result`` (a figure of its own: pyplot and its settings are left alone)."""
    if result.kind not in CHARTS:
        raise ValueError(f"no chart for a {result.kind} result")
    function, options = CHARTS[result.kind]
    given = {"highlight": highlight or [], "target": target}
    with drawing():
        return _fitted(function(result, lang, **{name: given[name] for name in options}))


# the share of a figure's width its text may reach: what passes it is cut off when the figure is saved
EDGE = 0.99


def _fitted(fig: Any) -> Any:
    """``fig`` with nothing cut at its right edge: a title or subtitle longer than the width (a long
    Vietnamese name) drawn smaller, and the axes narrowed so that the legend beside them fits."""
    renderer = fig.canvas.get_renderer()
    edge = fig.bbox.width * EDGE
    for text in fig.texts:
        box = text.get_window_extent(renderer)
        while not text.get_wrap() and box.x1 > edge and text.get_fontsize() > 6:  # glyphs do not scale evenly
            text.set_fontsize(text.get_fontsize() * 0.98 * (edge - box.x0) / box.width)
            box = text.get_window_extent(renderer)
    for ax in fig.axes:
        legend = ax.get_legend()
        over = legend.get_window_extent(renderer).x1 - edge if legend is not None else 0
        if over > 0:
            place = ax.get_position()
            ax.set_position([place.x0, place.y0, place.width - over / fig.bbox.width, place.height])
    return fig


def _axes(width: float, height: float) -> tuple[Any, Any]:
    """A figure of its own and its one axes."""
    fig = new_figure(width, height)
    return fig, fig.add_subplot()


def _heading(fig: Any, title: str, subtitle: str, note: str) -> None:
    """Title and subtitle above the axes, the basis and source below, in figure inches from the top."""
    height = fig.get_figheight()
    fig.text(0.02, 1 - 0.18 / height, title, fontsize=12, fontweight="bold", va="top", ha="left")
    fig.text(0.02, 1 - 0.45 / height, subtitle, fontsize=9, color="#444444", va="top", ha="left")
    fig.text(0.02, 0.12 / height, note, fontsize=7.5, color="#555555", va="bottom", ha="left", wrap=True)


def _said_sources(about: dict, lang: str) -> str:
    """The line under a chart: 'Nguồn: <the indicator's publisher>' when its figures were published, then
    what its ranks rest on and where its figures come from (``provenance``)."""
    from dtikit.labels import PUBLISHED

    published = any(s["kind"] in PUBLISHED for s in about.get("sources") or [])
    if published and about.get("publisher"):
        sourced = say("chart_source", lang, publisher=about["publisher"])
        return sourced + ". " + provenance(about, lang, sourced=True)
    return provenance(about, lang)


def _nan(value: Any) -> float:
    return math.nan if value is None else float(value)


def _texts(result: Result, table: str, column: str, n: int) -> list[str | None]:
    """The published text of each number of a column (``Result.printed``), else None for each row."""
    printed = result.printed.get(table)
    return printed[column].to_list() if printed is not None and column in printed.columns else [None] * n


def _span(years: list[int]) -> list[int]:
    """Every year from the first to the last: a year without a value is a gap on the axis, never bridged."""
    held = [int(y) for y in years if y is not None]
    return list(range(min(held), max(held) + 1)) if held else []


def _year_axis(ax: Any, years: list[int]) -> None:
    """Years as ticks, every year or every few when there are many, without thousands separators."""
    step = max(1, math.ceil(len(years) / 12))
    shown = years[::step]
    ax.set_xticks(shown, [str(y) for y in shown])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)


def _value_axis(axis: Any, unit: str | None, lang: str) -> None:
    """Tick labels of a value axis written as a table writes numbers (2.587.362 in Vietnamese, never 2.58e6)."""
    from matplotlib.ticker import FuncFormatter

    tick_unit = unit if (unit or "").strip().startswith("%") else None
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: people_number(float(v), tick_unit, lang)))


def _unit_name(about: dict, lang: str) -> str:
    """An axis of values: its unit (the title names the indicator), or the indicator's name when the
    unit is not known."""
    return unit_label(about.get("unit"), lang) or indicator_name(about, lang)


@chart("rank", "highlight", "target")
def _rank(result: Result, lang: str, highlight: list[str], target: int | None) -> Any:
    table, about = result.table, result.about
    n = table.height
    height = 1.5 + 0.2 * max(n, 3)
    fig, ax = _axes(7.5, height)
    fig.subplots_adjust(left=0.3, right=0.95, top=1 - 0.85 / height, bottom=0.75 / height)
    scores = [s for s in table["score"].to_list() if s is not None]
    right = max([*scores, 0]) * 1.12 or 1.0
    left = min([*scores, 0]) * 1.12
    texts = _texts(result, "rank", "score", n)
    ranked = table["rank"].is_not_null().any()  # none ranked: the rows are in the order of their names
    labels = []
    for i, row in enumerate(table.iter_rows(named=True)):
        mark = "" if not ranked else "– " if row["rank"] is None else f"{row['rank']}. "
        labels.append(f"{mark}{row['province']}")
        if row["score"] is None:
            ax.barh(i, right - left, left=left, height=0.7, color=MISSING_FILL, edgecolor="none", gid=f"missing-{i}")
            ax.text(left + (right - left) * 0.01, i, say("no_score", lang), va="center", fontsize=6.5, color="#777777")
        else:
            color = ACCENT if row["province"] in highlight else RAMP[5]
            ax.barh(i, row["score"], height=0.7, color=color, gid=f"bar-{i}")
            shown = people_number(row["score"], about.get("unit"), lang, texts[i])
            ax.text(row["score"], i, f" {shown}", va="center", fontsize=7, color="#222222", gid=f"label-{i}")
    ax.set_yticks(range(n), labels, fontsize=7.5)
    for tick, row in zip(ax.get_yticklabels(), table.iter_rows(named=True), strict=True):
        if row["province"] in highlight:
            tick.set_fontweight("bold")
            tick.set_color(ACCENT)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(left, right)
    _value_axis(ax.xaxis, about.get("unit"), lang)
    ax.set_xlabel(_unit_name(about, lang), fontsize=8)
    if target is not None:
        _top_line(ax, table["rank"].to_list(), target, right, lang)
    _heading(
        fig,
        say("rank_title", lang, name=indicator_name(about, lang), year=about["year"]),
        say(
            "rank_sub" if ranked else "rank_sub_unranked",
            lang,
            geo=among(table["ranked_of"].to_list(), about["geography"], lang),
        )
        + (f" · {about['region']}" if about.get("region") else ""),
        _said_sources(about, lang),
    )
    return fig


def _top_line(ax: Any, ranks: list[int | None], target: int, right: float, lang: str) -> None:
    """A dashed line under the last bar within the top ``target``."""
    below = [i for i, r in enumerate(ranks) if r is not None and r <= target]
    if below:
        y = below[-1] + 0.5
        ax.axhline(y, color=ACCENT, linestyle="--", linewidth=1, gid="target-line")
        ax.text(right, y, say("top_n", lang, n=target), ha="right", va="bottom", fontsize=8, color=ACCENT)


def _series_by_year(rows: list[tuple[int, Any]], years: list[int]) -> list[float]:
    held = dict(rows)
    return [_nan(held.get(y)) for y in years]


def _rank_axis(ax: Any, years: list[int], ranked_of: int, lang: str) -> None:
    _year_axis(ax, years)
    ax.set_ylim(ranked_of + 4.5, -1)  # room at the foot for the marks of years with no rank
    ax.set_yticks([1, *range(10, ranked_of + 1, 10)])
    ax.set_ylabel(say("rank_axis", lang))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)


def _missing_years(
    ax: Any,
    years: list[int],
    values: list[float],
    ranked_of: int,
    lang: str,
    key: str,
    shift: tuple[float, str] | None = None,
) -> None:
    """A cross at the foot of each year without a value (a gap, never a zero), and 'no rank' under it; with
    ``shift`` (several provinces: an offset and a colour) the cross moves aside by that much and takes the
    province's colour, no text."""
    for year, value in zip(years, values, strict=True):
        if not math.isnan(value):
            continue
        color = MISSING_EDGE if shift is None else shift[1]
        x = year + (0 if shift is None else shift[0])
        ax.plot([x], [ranked_of + 1], marker="x", color=color, gid=f"missing-{key}-{year}")
        if shift is None:
            ax.text(year, ranked_of + 4, say("no_rank", lang), ha="center", va="bottom", fontsize=6.5, color="#777777")


def _rank_lines(ax: Any, years: list[int], ranks: list[float], color: str, key: str, width: float, below=False) -> None:
    """The rank line (broken at a missing year), a point and its rank at each year held."""
    ax.plot(years, ranks, color=color, linewidth=width, marker="o", markersize=5, gid=f"line-{key}")
    for year, value in zip(years, ranks, strict=True):
        if not math.isnan(value):
            ax.plot([year], [value], linestyle="none", marker="o", markersize=5, color=color, gid=f"point-{key}-{year}")
            ax.annotate(
                f"{value:.0f}",
                (year, value),
                textcoords="offset points",
                xytext=(0, -13 if below else 7),
                ha="center",
                fontsize=7.5,
                color=color,
                gid=f"rank-{key}-{year}",
            )


def _pillar_line(ax: Any, years: list[int], values: list[float], color: str, gid: str, label: str | None) -> None:
    """A pillar's ranks, thin and dotted, with a mark at each year held: a lone year is seen too."""
    ax.plot(years, values, color=color, linewidth=1, linestyle=":", marker=".", markersize=6, gid=gid, label=label)


@chart("profile")
def _profile(result: Result, lang: str) -> Any:
    about = result.about
    years_table = result.tables["years"]
    years = _span(about.get("years") or years_table["year"].to_list())
    ranked_of = about.get("ranked_of") or geographies.count(geographies.DEFAULT)
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.78, top=0.8, bottom=0.16)
    overall = _series_by_year(years_table.select("year", "rank").rows(), years)
    for i, (pillar, part) in enumerate(zip(about.get("pillars", []), about.get("parts", []), strict=False)):
        values = _series_by_year(years_table.select("year", f"{pillar}_rank").rows(), years)
        label = indicator_name(part, lang)  # the part's name in the catalog
        _pillar_line(ax, years, values, SERIES[i + 1], f"line-{pillar}", label)
    _rank_lines(ax, years, overall, SERIES[0], "overall", 2.4)
    ax.plot([], [], color=SERIES[0], linewidth=2.4, label=say("overall", lang))
    _missing_years(ax, years, overall, ranked_of, lang, "overall")
    _finish_rank_years(fig, ax, about, years, about["province"], lang)
    return fig


def _finish_rank_years(fig: Any, ax: Any, about: dict, years: list[int], who: str, lang: str) -> None:
    """Axis, legend and heading of a rank-over-the-years chart (profile and compare)."""
    _rank_axis(ax, years, about.get("ranked_of") or geographies.count(geographies.DEFAULT), lang)
    _legend(ax)
    title = say("rank_years_title", lang, who=who, name=indicator_name(about, lang), first=years[0], last=years[-1])
    geo = among(about.get("ranked_among") or [], about.get("geography", geographies.DEFAULT), lang)
    sub = say("rank_years_sub" if about.get("pillars") else "rank_years_sub_alone", lang, geo=geo)
    _heading(fig, title, sub, _said_sources(about, lang))


@chart("compare")
def _compare(result: Result, lang: str) -> Any:
    about, table = result.about, result.table
    years = _span(about.get("years") or table["year"].to_list())
    ranked_of = about.get("ranked_of") or geographies.count(geographies.DEFAULT)
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.74, top=0.8, bottom=0.16)
    provinces = about["provinces"]
    for i, province in enumerate(provinces):
        color, key = SERIES[i % len(SERIES)], f"p{i}"
        for pillar in about.get("pillars", []):
            rows = table.filter(table["measure"] == f"{pillar}_rank").select("year", province).rows()
            _pillar_line(ax, years, _series_by_year(rows, years), color, f"line-{key}-{pillar}", None)
        rows = table.filter(table["measure"] == f"{about['label']}_rank").select("year", province).rows()
        overall = _series_by_year(rows, years)
        _rank_lines(ax, years, overall, color, key, 2.2, below=i % 2 == 1)
        ax.plot([], [], color=color, linewidth=2.2, label=province)
        _missing_years(ax, years, overall, ranked_of, lang, key, shift=((i - (len(provinces) - 1) / 2) * 0.12, color))
    if about.get("pillars"):
        ax.plot([], [], color=CONTEXT, linewidth=1, linestyle=":", marker=".", label=say("pillars_line", lang))
    ax.plot([], [], color=CONTEXT, marker="x", linestyle="none", label=say("no_rank", lang))
    _finish_rank_years(fig, ax, about, years, ", ".join(provinces), lang)
    return fig


TREND_LINES = (
    # column, colour, width, marker, line style, label
    ("national_dti", "#111111", 2.4, "o", "-", "national"),
    ("provincial_average", ACCENT, 1.6, "s", "--", "provincial_average"),
    ("mean", RAMP[6], 1.2, ".", "-", "mean"),
    ("median", RAMP[4], 1.0, ".", ":", "median"),
)


@chart("trend")
def _trend(result: Result, lang: str) -> Any:
    about = result.about
    table = result.table.sort("year")
    years = _span(table["year"].to_list())
    col = {
        c: _series_by_year(table.select("year", c).rows(), years)
        for c in ("national_dti", "provincial_average", "mean", "median", "min", "max")
    }
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.12, right=0.7, top=0.8, bottom=0.2)
    ax.fill_between(
        years, col["min"], col["max"], color=RAMP[1], alpha=0.8, linewidth=0, gid="band-range", label=say("range", lang)
    )
    for column, color, width, marker, style, label in TREND_LINES:
        ax.plot(years, col[column], color=color, linewidth=width, marker=marker, linestyle=style, gid=f"line-{column}")
        if not all(math.isnan(v) for v in col[column]):  # the legend names only the lines drawn
            ax.plot([], [], color=color, linewidth=width, marker=marker, linestyle=style, label=say(label, lang))
    for year, n, of in table.select("year", "n_provinces", "of_provinces").rows():
        ax.annotate(
            f"n={n}/{of}",
            (year, 0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -26),
            textcoords="offset points",
            ha="center",
            fontsize=7,
            color="#555555",
            gid=f"coverage-{year}",
        )
    _year_axis(ax, years)
    _value_axis(ax.yaxis, about.get("unit"), lang)
    ax.set_ylabel(_unit_name(about, lang))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _legend(ax, 7.5)
    where = f" · {about['region']}" if about.get("region") else ""
    _heading(
        fig,
        say("trend_title", lang, name=indicator_name(about, lang)) + where,
        say("trend_sub", lang, of=table["of_provinces"].max()),
        _said_sources(about, lang),
    )
    return fig


def _paths(
    ax: Any, start: tuple[int, float], since: int, deadline: int | None, goal: float, pace: float | None, lang: str
) -> None:
    """The path needed from the value of ``start`` to the target at the deadline, and the pace so far carried
    on: both drawn only from ``since`` (the last year measured) on, so a past year is never drawn as a path."""
    if deadline is None or deadline <= max(start[0], since):
        return
    first = max(start[0], since)

    def at(slope: float) -> list[float]:
        return [start[1] + slope * (first - start[0]), start[1] + slope * (deadline - start[0])]

    needed = (goal - start[1]) / (deadline - start[0])
    ax.plot([first, deadline], at(needed), color=ACCENT, linestyle="--", linewidth=1.4, gid="path-needed")
    ax.plot([], [], color=ACCENT, linestyle="--", linewidth=1.4, label=say("path_needed", lang))
    if pace is not None:
        ax.plot([first, deadline], at(pace), color=CONTEXT, linestyle=":", linewidth=1.6, gid="pace-forward")
        ax.plot([], [], color=CONTEXT, linestyle=":", linewidth=1.6, label=say("pace_forward", lang))


@chart("gap")
def _gap(result: Result, lang: str) -> Any:
    about, doc = result.about, result.document
    history = result.tables["history"]
    measured = history["year"].to_list()  # every year of the measure held, the province ranked or not
    deadline = doc.get("deadline")
    span = _span([*measured, doc["year"], deadline])
    held = [y for y in span if y <= max(measured)]
    ranks = _series_by_year(history.select("year", "rank").rows(), held)
    ranked_of = history["ranked_of"].drop_nulls().max() or geographies.count(geographies.DEFAULT)
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.72, top=0.8, bottom=0.16)
    _rank_lines(ax, held, ranks, SERIES[0], "overall", 2.4)
    ax.plot([], [], color=SERIES[0], linewidth=2.4, label=say("history", lang))
    _missing_years(ax, held, ranks, ranked_of, lang, "overall")
    ax.axhline(doc["target_rank"], color=ACCENT, linewidth=1, gid="target-line", label=say("target", lang))
    pace = doc.get("pace_so_far")
    start = (doc["year"], doc["rank"])
    _paths(ax, start, max(measured), deadline, doc["target_rank"], None if pace is None else -pace, lang)
    _rank_axis(ax, span, ranked_of, lang)
    _legend(ax)
    shown = {
        "needed": people_number(doc.get("places_per_year_needed"), None, lang),
        "pace": people_number(pace, None, lang),
    }
    _gap_heading(fig, about, doc, say("top_n", lang, n=doc["target_rank"]), shown, lang, "gap_sub_places")
    return fig


@chart("value_gap")
def _value_gap(result: Result, lang: str) -> Any:
    about, doc = result.about, result.document
    history = result.tables["history"]  # one value a year: the ones the gap and its pace were computed from
    unit = doc.get("unit")
    texts = dict(zip(history["year"].to_list(), _texts(result, "history", "value", history.height), strict=True))
    measured = [y for y in history["year"].to_list() if y is not None]
    if not measured:
        return _undated_value(result, lang)
    deadline = doc.get("deadline")
    span = _span([*measured, doc["year"], deadline])
    held = [y for y in span if y <= max(measured)]
    values = _series_by_year(history.select("year", "value").rows(), held)
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.12, right=0.72, top=0.8, bottom=0.16)
    ax.plot(held, values, color=SERIES[0], linewidth=2.4, marker="o", gid="line-value", label=say("history", lang))
    for year, value in zip(held, values, strict=True):
        if math.isnan(value):  # at the foot of the axes, whatever the scale: a missing value is not a zero
            ax.plot(
                [year],
                [0.02],
                marker="x",
                color=MISSING_EDGE,
                transform=ax.get_xaxis_transform(),
                gid=f"missing-value-{year}",
            )
        else:
            ax.annotate(
                people_number(value, unit, lang, texts.get(year)),
                (year, value),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=7.5,
                color=SERIES[0],
                gid=f"value-{year}",
            )
    ax.axhline(doc["target_value"], color=ACCENT, linewidth=1, gid="target-line", label=say("target", lang))
    if doc["year"] is not None:
        start = (doc["year"], doc["value"])
        _paths(ax, start, max(measured), deadline, doc["target_value"], _signed_pace(doc), lang)
    _year_axis(ax, span)
    _value_axis(ax.yaxis, unit, lang)
    ax.set_ylabel(_unit_name(about, lang))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _legend(ax)
    step = difference_unit(unit)
    shown = {
        k: people_number(doc.get(f), step, lang) for k, f in (("needed", "needed_per_year"), ("pace", "pace_so_far"))
    }
    _gap_heading(fig, about, doc, people_number(doc["target_value"], unit, lang), shown, lang)
    return fig


def _undated_value(result: Result, lang: str) -> Any:
    """A value whose source states no year ('as of 2022-03'): one point over its period, and the target."""
    about, doc = result.about, result.document
    unit = doc.get("unit")
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.12, right=0.72, top=0.8, bottom=0.16)
    ax.plot(
        [0],
        [doc["value"]],
        color=SERIES[0],
        marker="o",
        linestyle="none",
        gid="point-value",
        label=say("history", lang),
    )
    shown = people_number(doc["value"], unit, lang, _texts(result, "gap", "value", 1)[0])
    ax.annotate(shown, (0, doc["value"]), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=7.5)
    ax.axhline(doc["target_value"], color=ACCENT, linewidth=1, gid="target-line", label=say("target", lang))
    ax.set_xticks([0], [doc.get("period") or ""])
    ax.set_xlim(-1, 1)
    _value_axis(ax.yaxis, unit, lang)
    ax.set_ylabel(_unit_name(about, lang))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _legend(ax)
    empty = dict.fromkeys(("needed", "pace"), people_number(None))
    _gap_heading(fig, about, doc, people_number(doc["target_value"], unit, lang), empty, lang)
    return fig


def _signed_pace(doc: dict) -> float | None:
    """The pace so far as a change of the value per year (the gap counts progress, in the indicator's direction)."""
    pace = doc.get("pace_so_far")
    return None if pace is None else (pace if doc.get("higher_is_better") is not False else -pace)


def _gap_heading(
    fig: Any, about: dict, doc: dict, target: str, shown: dict[str, str], lang: str, paced: str = "gap_sub_deadline"
) -> None:
    """The title of a gap chart, and the pace needed and so far when a deadline is known (``paced``:
    the words of a pace, 'gap_sub_places' for places a year)."""
    deadline = doc.get("deadline")
    sub = say(paced, lang, deadline=deadline, **shown) if deadline else say("gap_sub", lang)
    title = say("gap_title", lang, who=doc["province"], target=target, name=indicator_name(about, lang))
    _heading(fig, title, sub, _said_sources(about, lang))


def _legend(ax: Any, size: float = 8) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=size)
