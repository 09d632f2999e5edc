"""Charts of query results (``dtikit.result.Result``), drawn with matplotlib from the tables the CLI shows.

One function per kind of answer: ``rank`` (a ranked bar chart of the year), ``profile`` and
``compare`` (rank over the years, 1 at the top, pillars as thinner lines), ``trend`` (national
value, provincial mean and median, the min–max band, coverage), ``gap`` and ``value_gap`` (the
history, the target, the path needed and the pace so far). A missing value is never drawn as
zero: a line breaks, and a mark says 'no data'. Every mark carries an SVG id (``bar-N``,
``missing-N``, ``point-YEAR``, ...) so that tests and people can find it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from dtikit.labels import basis_text, geography_name, indicator_name, say
from dtikit.pictures import ACCENT, CONTEXT, MISSING_EDGE, MISSING_FILL, RAMP, SERIES, drawing, new_figure, save
from dtikit.result import Result


def draw(result: Result, path: Path | str, **options: Any) -> None:
    """Draw ``result`` into ``path`` (.svg or .png)."""
    save(figure(result, **options), path)


def chart_svg(result: Result, **options: Any) -> str:
    """The chart of ``result`` as SVG text (for a report)."""
    return save(figure(result, **options), None)


def figure(result: Result, *, lang: str = "en", highlight: list[str] | None = None, target: int | None = None) -> Any:
    """The matplotlib ``Figure`` of ``result`` (a figure of its own: pyplot and its settings are left alone)."""
    with drawing():
        if result.kind == "rank":
            return _rank(result, lang, highlight or [], target)
        kinds = {
            "profile": _profile,
            "compare": _compare,
            "trend": _trend,
            "gap": _gap,
            "value_gap": _value_gap,
        }
        if result.kind not in kinds:
            raise ValueError(f"no chart for a {result.kind} result")
        return kinds[result.kind](result, lang)


def _axes(width: float, height: float) -> tuple[Any, Any]:
    """A figure of its own and its one axes."""
    fig = new_figure(width, height)
    return fig, fig.add_subplot()


def _heading(fig: Any, title: str, subtitle: str, note: str) -> None:
    """Title and subtitle above the axes, the basis and source below, in figure inches from the top."""
    height = fig.get_figheight()
    fig.text(0.02, 1 - 0.18 / height, title, fontsize=12, fontweight="bold", va="top", ha="left")
    fig.text(0.02, 1 - 0.45 / height, subtitle, fontsize=9, color="#444444", va="top", ha="left")
    fig.text(0.02, 0.12 / height, note, fontsize=7.5, color="#555555", va="bottom", ha="left")


def _nan(value: Any) -> float:
    return math.nan if value is None else float(value)


def _rank(result: Result, lang: str, highlight: list[str], target: int | None) -> Any:
    table = result.table
    about = result.about
    n = table.height
    height = 1.5 + 0.2 * max(n, 3)
    fig, ax = _axes(7.5, height)
    fig.subplots_adjust(left=0.3, right=0.95, top=1 - 0.85 / height, bottom=0.75 / height)
    scores = [s for s in table["score"].to_list() if s is not None]
    right = max(scores) * 1.12 if scores else 1.0
    labels = []
    for i, row in enumerate(table.iter_rows(named=True)):
        rank = "–" if row["rank"] is None else str(row["rank"])
        labels.append(f"{rank}. {row['province']}")
        picked = row["province"] in highlight
        if row["score"] is None:
            ax.barh(i, right, height=0.7, color=MISSING_FILL, edgecolor="none", gid=f"missing-{i}")
            ax.text(right * 0.01, i, say("no_score", lang), va="center", fontsize=6.5, color="#777777")
        else:
            color = ACCENT if picked else RAMP[5]
            ax.barh(i, row["score"], height=0.7, color=color, gid=f"bar-{i}")
            ax.text(row["score"], i, f" {row['score']:g}", va="center", fontsize=7, color="#222222")
    ax.set_yticks(range(n), labels, fontsize=7.5)
    for tick, row in zip(ax.get_yticklabels(), table.iter_rows(named=True), strict=True):
        if row["province"] in highlight:
            tick.set_fontweight("bold")
            tick.set_color(ACCENT)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, right)
    ax.set_xlabel(f"{say('score', lang)} ({about.get('unit') or ''})", fontsize=8)
    if target is not None:
        below = [i for i, r in enumerate(table["rank"].to_list()) if r is not None and r <= target]
        if below:
            y = below[-1] + 0.5
            ax.axhline(y, color=ACCENT, linestyle="--", linewidth=1, gid="target-line")
            ax.text(right, y, say("top_n", lang, n=target), ha="right", va="bottom", fontsize=8, color=ACCENT)
    name = indicator_name(about, lang)
    _heading(
        fig,
        say("rank_title", lang, name=name, year=about["year"]),
        say("rank_sub", lang, geo=geography_name(about["geography"], lang))
        + (f" · {about['region']}" if about.get("region") else ""),
        _note(about.get("basis", []), lang),
    )
    return fig


def _series_by_year(rows: list[tuple[int, Any]], years: list[int]) -> list[float]:
    held = dict(rows)
    return [_nan(held.get(y)) for y in years]


def _rank_axis(ax: Any, years: list[int], ranked_of: int, lang: str) -> None:
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_ylim(ranked_of + 2, -1)
    ax.set_yticks([1, *range(10, ranked_of + 1, 10)])
    ax.set_ylabel(say("rank_axis", lang))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)


def _missing_years(
    ax: Any, years: list[int], values: list[float], ranked_of: int, lang: str, key: str, shift: float | None = None
) -> None:
    """A cross at the foot of each year without a value (a gap, never a zero), and 'no rank' under it; with
    ``shift`` (several provinces) the cross moves aside by that much and takes the province's colour, no text."""
    for year, value in zip(years, values, strict=True):
        if not math.isnan(value):
            continue
        color = MISSING_EDGE if shift is None else None
        x = year + (shift or 0)
        ax.plot([x], [ranked_of + 0.5], marker="x", color=color, gid=f"missing-{key}-{year}")
        if shift is None:
            ax.text(year, ranked_of + 1.6, say("no_rank", lang), ha="center", fontsize=6.5, color="#777777")


def _rank_lines(
    ax: Any, years: list[int], series: dict[str, list[float]], color: str, key: str, width: float, below: bool = False
) -> None:
    ax.plot(years, series["overall"], color=color, linewidth=width, marker="o", markersize=5, gid=f"line-{key}")
    for year, value in zip(years, series["overall"], strict=True):
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
            )


def _profile(result: Result, lang: str) -> Any:
    about = result.about
    years_table = result.tables["years"]
    years = about.get("years") or years_table["year"].to_list()
    ranked_of = about.get("ranked_of") or 63
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.78, top=0.8, bottom=0.16)
    rows = years_table.select("year", "rank").rows()
    overall = _series_by_year(rows, years)
    for i, pillar in enumerate(about.get("pillars", [])):
        values = _series_by_year(years_table.select("year", f"{pillar}_rank").rows(), years)
        ax.plot(
            years,
            values,
            color=SERIES[i + 1],
            linewidth=1,
            marker=".",
            gid=f"line-{pillar}",
            label=say(pillar, lang) if pillar in ("gov", "econ", "society") else pillar,
        )
    _rank_lines(ax, years, {"overall": overall}, SERIES[0], "overall", 2.4)
    ax.plot([], [], color=SERIES[0], linewidth=2.4, label=say("overall", lang))
    _missing_years(ax, years, overall, ranked_of, lang, "overall")
    _finish_rank_years(fig, ax, about, years, about["province"], lang)
    return fig


def _finish_rank_years(fig: Any, ax: Any, about: dict, years: list[int], who: str, lang: str) -> None:
    """Axis, legend and heading of a rank-over-the-years chart (profile and compare)."""
    _rank_axis(ax, years, about.get("ranked_of") or 63, lang)
    _legend(ax)
    title = say("rank_years_title", lang, who=who, name=indicator_name(about, lang), first=years[0], last=years[-1])
    geo = geography_name(about.get("geography", 63), lang)
    _heading(fig, title, say("rank_years_sub", lang, geo=geo), _note(about.get("basis", []), lang))


def _compare(result: Result, lang: str) -> Any:
    about = result.about
    table = result.table
    years = about.get("years") or sorted(table["year"].unique().to_list())
    ranked_of = about.get("ranked_of") or 63
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.74, top=0.8, bottom=0.16)
    for i, province in enumerate(about["provinces"]):
        color = SERIES[i % len(SERIES)]
        key = f"p{i}"
        for pillar in about.get("pillars", []):
            rows = table.filter(table["measure"] == f"{pillar}_rank").select("year", province).rows()
            ax.plot(
                years,
                _series_by_year(rows, years),
                color=color,
                linewidth=0.8,
                linestyle=":",
                gid=f"line-{key}-{pillar}",
            )
        rows = table.filter(table["measure"] == f"{about.get('label', 'overall')}_rank").select("year", province).rows()
        overall = _series_by_year(rows, years)
        _rank_lines(ax, years, {"overall": overall}, color, key, 2.2, below=i % 2 == 1)
        ax.plot([], [], color=color, linewidth=2.2, label=province)
        ax.set_prop_cycle(color=[color])
        _missing_years(ax, years, overall, ranked_of, lang, key, shift=(i - (len(about["provinces"]) - 1) / 2) * 0.12)
    ax.plot([], [], color=CONTEXT, linewidth=0.8, linestyle=":", label=say("pillars_line", lang))
    ax.plot([], [], color=CONTEXT, marker="x", linestyle="none", label=say("no_rank", lang))
    _finish_rank_years(fig, ax, about, years, ", ".join(about["provinces"]), lang)
    return fig


def _trend(result: Result, lang: str) -> Any:
    about = result.about
    table = result.table.sort("year")
    years = table["year"].to_list()
    col = {
        c: [_nan(v) for v in table[c].to_list()]
        for c in ("national_dti", "provincial_average", "mean", "median", "min", "max")
    }
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.7, top=0.8, bottom=0.2)
    ax.fill_between(
        years, col["min"], col["max"], color=RAMP[1], alpha=0.8, linewidth=0, gid="band-range", label=say("range", lang)
    )
    ax.plot(
        years,
        col["national_dti"],
        color="#111111",
        linewidth=2.4,
        marker="o",
        gid="line-national",
        label=say("national", lang),
    )
    ax.plot(
        years,
        col["provincial_average"],
        color=ACCENT,
        linewidth=1.6,
        marker="s",
        linestyle="--",
        gid="line-provincial_average",
        label=say("provincial_average", lang),
    )
    ax.plot(years, col["mean"], color=RAMP[6], linewidth=1.2, marker=".", gid="line-mean", label=say("mean", lang))
    ax.plot(
        years,
        col["median"],
        color=RAMP[4],
        linewidth=1,
        linestyle=":",
        marker=".",
        gid="line-median",
        label=say("median", lang),
    )
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
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(f"{indicator_name(about, lang)} ({about.get('unit') or ''})")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _legend(ax, 7.5)
    where = f" · {about['region']}" if about.get("region") else ""
    _heading(
        fig,
        say("trend_title", lang, name=indicator_name(about, lang)) + where,
        say("trend_sub", lang, of=table["of_provinces"].max()),
        _note(["published"], lang),
    )
    return fig


def _paths(ax: Any, start: tuple[int, float], deadline: int | None, goal: float, pace: float | None, lang: str) -> None:
    """The path needed from the latest value to the target at the deadline, and the pace so far carried on."""
    if deadline is None or deadline <= start[0]:
        return
    ax.plot(
        [start[0], deadline],
        [start[1], goal],
        color=ACCENT,
        linestyle="--",
        linewidth=1.4,
        gid="path-needed",
        label=say("path_needed", lang),
    )
    if pace is not None:
        end = start[1] + pace * (deadline - start[0])
        ax.plot(
            [start[0], deadline],
            [start[1], end],
            color=CONTEXT,
            linestyle=":",
            linewidth=1.6,
            gid="pace-forward",
            label=say("pace_forward", lang),
        )


def _gap(result: Result, lang: str) -> Any:
    about, doc = result.about, result.document
    history = result.tables["history"].filter(result.tables["history"]["year"] <= doc["year"])
    years = history["year"].to_list()
    deadline = doc.get("deadline")
    span = list(range(years[0], max(years[-1], deadline or years[-1]) + 1))
    ranks = _series_by_year(history.select("year", "rank").rows(), span)
    ranked_of = history["ranked_of"].drop_nulls().max() or 63
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.72, top=0.8, bottom=0.16)
    held = [y for y in span if y <= years[-1]]
    _rank_lines(ax, held, {"overall": ranks[: len(held)]}, SERIES[0], "overall", 2.4)
    ax.plot([], [], color=SERIES[0], linewidth=2.4, label=say("history", lang))
    _missing_years(ax, held, ranks[: len(held)], ranked_of, lang, "overall")
    ax.axhline(doc["target_rank"], color=ACCENT, linewidth=1, gid="target-line", label=say("target", lang))
    pace = doc.get("pace_so_far")
    _paths(ax, (doc["year"], doc["rank"]), deadline, doc["target_rank"], None if pace is None else -pace, lang)
    _rank_axis(ax, span, ranked_of, lang)
    _legend(ax)
    _gap_heading(fig, about, doc, f"top {doc['target_rank']}", doc.get("places_per_year_needed"), pace, lang)
    return fig


def _value_gap(result: Result, lang: str) -> Any:
    about, doc = result.about, result.document
    history = result.tables["history"]
    years = sorted(set(history["year"].to_list()) | {doc["year"]} - {None})
    deadline = doc.get("deadline")
    span = list(range(years[0], max(years[-1], deadline or years[-1]) + 1))
    values = _series_by_year(history.group_by("year").agg(history["value"].last()).rows(), span)
    held = [y for y in span if y <= years[-1]]
    fig, ax = _axes(7.5, 4.6)
    fig.subplots_adjust(left=0.1, right=0.72, top=0.8, bottom=0.16)
    ax.plot(
        held,
        values[: len(held)],
        color=SERIES[0],
        linewidth=2.4,
        marker="o",
        gid="line-value",
        label=say("history", lang),
    )
    for year, value in zip(held, values, strict=False):
        if math.isnan(value):
            # at the foot of the axes, whatever the scale: a missing value is not a zero
            ax.plot(
                [year],
                [0.02],
                marker="x",
                color=MISSING_EDGE,
                transform=ax.get_xaxis_transform(),
                gid=f"missing-value-{year}",
            )
    ax.axhline(doc["target_value"], color=ACCENT, linewidth=1, gid="target-line", label=say("target", lang))
    _paths(ax, (doc["year"], doc["value"]), deadline, doc["target_value"], doc.get("pace_so_far"), lang)
    ax.set_xticks(span, [str(y) for y in span])
    ax.set_ylabel(f"{indicator_name(about, lang)} ({about.get('unit') or ''})")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _legend(ax)
    _gap_heading(fig, about, doc, f"{doc['target_value']:g}", doc.get("needed_per_year"), doc.get("pace_so_far"), lang)
    return fig


def _gap_heading(
    fig: Any, about: dict, doc: dict, target: str, needed: float | None, pace: float | None, lang: str
) -> None:
    """The title of a gap chart, and the pace needed and so far when a deadline is known."""
    shown = {k: "–" if v is None else f"{v:g}" for k, v in (("needed", needed), ("pace", pace))}
    deadline = doc.get("deadline")
    sub = say("gap_sub_deadline", lang, deadline=deadline, **shown) if deadline else say("gap_sub", lang)
    title = say("gap_title", lang, who=doc["province"], target=target, name=indicator_name(about, lang))
    _heading(fig, title, sub, _note(about.get("basis", []), lang))


def _note(basis: list[str], lang: str) -> str:
    """The line under a chart: what its ranks or values rest on, and where the sources are listed."""
    return f"{basis_text(basis, lang)}. {say('source_line', lang)}"


def _legend(ax: Any, size: float = 8) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=size)
