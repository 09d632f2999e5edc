"""A Word document (.docx) of a result, as a provincial office files a table: a title, the table with
its header row in the run's language, the unit, the sources, and the notes.

Written with python-docx (a dependency: most provincial reports are written in Word). The cells are the ones a table for
people shows (``dtikit.render.people_table``): labels and numbers as the run's language writes them
(0,7111 and 1.954.846 in Vietnamese), '–' for a missing value.
"""

from __future__ import annotations

from typing import IO, Any

from dtikit.messages import say, unit_label


def _sources(result: Any, words: Any) -> list[str]:
    """The distinct sources behind the figures: those ``words`` gives, else the table's own column."""
    rows = words.sources() if words.sources is not None else None
    for frame in (rows, result.table):
        if frame is not None and "source" in frame.columns:
            found = [s for s in frame["source"].drop_nulls().unique(maintain_order=True).to_list() if s]
            if found:
                return found
    return []


def write_result(result: Any, stream: IO[bytes], words: Any) -> list[str]:
    """Write ``result`` as a .docx document into the binary ``stream``."""
    from dtikit.render import people_table

    try:
        import docx
    except ImportError:
        from dtikit.errors import UsageError

        raise UsageError(say("output.docx_missing", words.lang)) from None
    title, header, rows = people_table(result, words)
    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    unit = result.about.get("unit")
    if unit:
        document.add_paragraph(say("output.unit_line", words.lang, unit=unit_label(unit, words.lang)))
    sources = _sources(result, words)
    line = "; ".join(sources) if sources else say("output.bundled_sources", words.lang)
    document.add_paragraph(say("output.source_line", words.lang, sources=line))
    for message in result.notes:
        document.add_paragraph(message)
    document.save(stream)
    return []
