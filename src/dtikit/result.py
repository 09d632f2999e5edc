"""One answer to a query, and the views of it a person reads.

A query (``dtikit.queries``) returns a ``Result``: named tables, the JSON document when it is not
the rows of the main table, the notes a reader should see, and ``about``, what the answer is
about (indicator and its names, unit, direction, year(s), geography, provinces, the basis of its
ranks). Every output is a writer of a result: the table and machine formats (``dtikit.render``),
the charts (``dtikit.charts``), the map (``dtikit.tilemap``) and the sections of a report
(``dtikit.report``). Nothing here imports typer, rich or matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import polars as pl


class View(NamedTuple):
    """One table as a person sees it: which table, its title, the columns shown, headers, units, and
    the columns left out first when it is wider than the terminal, and those never left out (the answer)."""

    table: str
    title: str | None = None
    columns: list[str] | None = None
    headers: dict[str, str] | None = None
    units: dict[str, str | None] | None = None
    drop_first: list[str] | tuple[str, ...] = ()
    keep: list[str] | tuple[str, ...] = ()


@dataclass
class Result:
    """What a query answers: ``tables`` (the first, or ``main``, is what machine formats write).

    ``printed`` holds the text each published number was printed with, for the writers for people."""

    kind: str
    tables: dict[str, pl.DataFrame]
    about: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    document: Any = None
    views: list[View] = field(default_factory=list)
    main: str | None = None
    # per table, the published text of its numbers (same rows; a column of the same name, else none):
    # a person reads a published number at its printed precision (0.54, 0.6110), in every writer
    printed: dict[str, pl.DataFrame] = field(default_factory=dict)

    @property
    def table(self) -> pl.DataFrame:
        """The main table: the one machine formats write."""
        return self.tables[self.main or next(iter(self.tables))]

    def shown(self) -> list[View]:
        """The views of the table format (by default the main table, all columns)."""
        return self.views or [View(self.main or next(iter(self.tables)))]


def indicator_about(ind: Any) -> dict[str, Any]:
    """What a chart or a report needs to name an indicator: id, names, unit, direction."""
    return {
        "indicator": ind.id,
        "label": ind.label,
        "name_vi": ind.name_vi,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "higher_is_better": ind.higher_is_better,
        "publisher": ind.publisher,
    }
