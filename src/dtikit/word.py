"""A Word document (.docx) of a result, as a provincial office files a table: a title, the table with
its header row in the run's language, the unit, the sources, and the notes.

Written with python-docx (a dependency: most provincial reports are written in Word). The cells are the ones a table for
people shows (``dtikit.render.people_table``): labels and numbers as the run's language writes them
(0,7111 and 1.954.846 in Vietnamese), '–' for a missing value.
"""

from __future__ import annotations

import functools
import itertools
from html import escape
from typing import IO, Any

from dtikit.citations import own_file
from dtikit.labels import citation_text
from dtikit.messages import say, unit_label
from dtikit.report import Markup, Page


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
    if unit and (words.headers.get("unit") or "unit") not in header:  # a unit column says each row's unit
        document.add_paragraph(say("output.unit_line", words.lang, unit=unit_label(unit, words.lang)))
    # a user's file in the reader's words ('tệp F.csv'), a press article as cited
    sources = [own_file(citation_text(source, words.lang), words.lang) for source in _sources(result, words)]
    publisher = result.about.get("publisher")  # who published the indicator, before the pages it is read from
    named = ([publisher] if publisher and sources else []) + sources
    line = "; ".join(named) or say("output.bundled_sources", words.lang)
    document.add_paragraph(say("output.source_line", words.lang, sources=line))
    for message in result.notes:
        document.add_paragraph(message)
    document.save(stream)
    return []


# ---- the report as a Word document --------------------------------------------------------------

# a provincial report's page: A4, margins top and bottom 2 cm, left 3 cm, right 2 cm; Times New Roman
PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
# the share of the text width the charts of a province take, the map beside them the rest
CHARTS_SHARE = 0.6
FONT = "Times New Roman"
BODY_PT, SMALL_PT = 12, 9
TABLE_PT = (10, 9, 8)  # a table's text: the largest at which its texts fit the width
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}


class _Runs:
    """The text runs of a piece of the HTML page (a table cell with its citation): plain text, and
    superscript for what ``<sup>`` holds; tags dropped, entities read."""

    def __init__(self, fragment: str) -> None:
        from html.parser import HTMLParser

        self.runs: list[tuple[str, bool]] = []
        depth = 0
        runs = self.runs

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: Any) -> None:
                nonlocal depth
                depth += tag == "sup"

            def handle_endtag(self, tag: str) -> None:
                nonlocal depth
                depth -= tag == "sup"

            def handle_data(self, data: str) -> None:
                runs.append((data, depth > 0))

        parser = Parser(convert_charrefs=True)
        parser.feed(fragment)
        parser.close()

    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    def into(self, paragraph: Any, size: float | None = None, bold: bool = False) -> None:
        from docx.shared import Pt

        for text, sup in self.runs:
            run = paragraph.add_run(text)
            run.font.superscript = sup or None
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
        if size:  # the paragraph's own mark too: an empty cell is no taller than a full one
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            mark = OxmlElement("w:rPr")
            for tag in ("w:sz", "w:szCs"):
                child = OxmlElement(tag)
                child.set(qn("w:val"), str(int(size * 2)))
                mark.append(child)
            paragraph._p.get_or_add_pPr().append(mark)


class _Place:
    """Where a piece of the page goes: the body of the document, or a cell of a layout table (two
    tables side by side); ``width_cm`` is the width it has."""

    def __init__(self, where: Any, width_cm: float, body: bool) -> None:
        self.where, self.width_cm, self.body = where, width_cm, body

    def table(self, rows: int, cols: int) -> Any:
        return self.where.add_table(rows, cols)

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        if self.body and style and style.startswith("Heading "):
            return self.where.add_heading(text, level=int(style.rsplit(" ", 1)[1]))
        return self.where.add_paragraph(text, style)

    def picture(self, png: bytes, width_cm: float) -> Any:
        import io

        from docx.shared import Cm

        paragraph = self.where.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        return paragraph


class _Table:
    """A table of the page: its header, its cells (``_Runs``), which columns hold numbers; called
    with a ``_Place``, it adds itself there."""

    def __init__(self, headers: list[str], cells: list[list[_Runs]], numeric: set[int]) -> None:
        self.headers, self.cells, self.numeric = headers, cells, numeric

    def beside(self, other: _Table) -> _Table:
        """This table and ``other`` as one, its columns after these (a long ranking in two halves)."""
        blank = [_Runs("")] * len(other.headers)
        rows = [[*a, *(b if b is not None else blank)] for a, b in itertools.zip_longest(self.cells, other.cells)]
        shifted = {len(self.headers) + i for i in other.numeric}
        return _Table([*self.headers, *other.headers], rows, {*self.numeric, *shifted})

    def __call__(self, place: _Place) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        headers, cells, numeric = self.headers, self.cells, self.numeric
        columns = [[headers[i], *(r[i].text() for r in cells)] for i in range(len(headers))]
        size = next((pt for pt in TABLE_PT if sum(_wanted(texts, pt) for texts in columns) <= place.width_cm), 8)
        table = place.table(1, len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
            _Runs(escape(text)).into(cell.paragraphs[0], size, bold=True)
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _repeat_header(table.rows[0])
        _keep_row(table.rows[0])
        for values in cells:
            row = table.add_row()
            _keep_row(row)
            for i, (cell, runs) in enumerate(zip(row.cells, values, strict=True)):
                runs.into(cell.paragraphs[0], size)
                if i in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _widths(table, columns, place.width_cm, size)
        if place.body:
            place.paragraph()


class WordPage(Page):
    """The report's page as a Word document: the same sections, tables, figures (charts and the
    map as PNG, drawn by the same functions), notes and sources as the HTML page, in the page's
    language. Each piece is kept as a function that adds it to a ``_Place``: the document's body,
    or a cell where the HTML page sets two pieces side by side."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.blocks: list[Any] = []

    def table(self, headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> Any:
        cells = [[_Runs(v if isinstance(v, Markup) else self.cell(v)) for v in row] for row in rows]
        return _Table(headers, cells, numeric)

    def section(self, title: str, *content: Any, keep: bool = False) -> None:
        self.blocks.append(lambda place: place.paragraph(title, "Heading 2"))
        self.blocks.extend(content)

    def figure(self, svg: str, kind: str = "") -> Any:
        raise NotImplementedError("a Word page holds pictures as PNG: chart() or map()")

    def picture(self, png: bytes, kind: str = "") -> Any:
        """A PNG as wide as the text, or less where it would be taller than ``kind`` allows."""

        def add(place: _Place) -> None:
            from docx.enum.text import WD_ALIGN_PARAGRAPH
            from docx.image.image import Image

            image = Image.from_blob(png)
            tallest = {"map": 14.0, "tall": 22.0}.get(kind, 6.5)
            width = min(place.width_cm, tallest * image.px_width / image.px_height)
            place.picture(png, width).alignment = WD_ALIGN_PARAGRAPH.CENTER

        return add

    def chart(self, result: Any, kind: str = "") -> Any:
        from dtikit.charts import chart_png

        return self.picture(chart_png(result, lang=self.lang), kind)

    def map(self, m: dict) -> Any:
        from dtikit.tilemap import png_bytes

        return self.picture(png_bytes(m), "map")

    def figures(self, *figures: Any) -> Any:
        """Charts one under another (as wide as the text: a chart's words stay legible)."""
        return lambda place: [add(place) for add in figures]

    def charts_and_map(self, charts: list[Any], map_figure: Any) -> None:
        """The charts one under another with the map beside them, each under its heading: the second
        page of a province's report (its first holds the tables), so that the report is two A4 pages."""

        def add(place: _Place) -> None:
            from docx.shared import Cm

            layout = place.table(1, 2)
            layout.autofit = False
            widths = (place.width_cm * CHARTS_SHARE, place.width_cm * (1 - CHARTS_SHARE))
            for column, cell, width, title, parts in zip(
                layout.columns, layout.rows[0].cells, widths, ("charts", "map"), (charts, [map_figure]), strict=True
            ):
                column.width = cell.width = Cm(width)  # the grid's width too: Word and LibreOffice read it
                inner = _Place(cell, width - 0.4, body=False)
                cell.paragraphs[0].text = self.w(title)
                cell.paragraphs[0].style = "Heading 2"
                for part in parts:
                    part(inner)

        self.blocks.append(add)

    def pair(self, *parts: Any) -> Any:
        """Parts side by side, as the printed HTML page sets them: tables of the same columns as one
        table (the halves of the ranking), other parts in a table with no borders."""
        if len(parts) > 1 and all(isinstance(p, _Table) and p.headers == parts[0].headers for p in parts):
            return functools.reduce(_Table.beside, parts)

        def add(place: _Place) -> None:
            from docx.shared import Cm

            layout = place.table(1, len(parts))
            width = place.width_cm / len(parts)
            for cell, part in zip(layout.rows[0].cells, parts, strict=True):
                cell.width = Cm(width)
                part(_Place(cell, width - 0.4, body=False))
            if place.body:
                place.paragraph()

        return add

    def note(self, text: str) -> None:
        def add(place: _Place) -> None:
            place.paragraph().add_run(text).italic = True

        self.blocks.append(add)

    def paragraph(self, text: str) -> Any:
        return lambda place: place.paragraph(text)

    def subheading(self, text: str) -> Any:
        return lambda place: place.paragraph(text, "Heading 3")

    def cards(self, cards: list[tuple[str, str, str]]) -> Any:
        """The headline figures as a table of two rows: what, then the value with its citation."""
        return self.table([k for k, _, _ in cards], [[Markup(v + src) for _, v, src in cards]])

    def done(self, title: str, year: int | None = None) -> bytes:
        """The Word document: title, the date of issue and what it is made from, the sections,
        then the sources (publisher, title, date, link)."""
        import io

        import docx

        document = docx.Document()
        _set_up(document, self.lang, title)
        document.add_heading(title, level=1)
        made = document.add_paragraph()
        made.add_run(self.issued()).font.size = _pt(SMALL_PT)
        body = _Place(document, PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"], body=True)
        for add in self.blocks:
            add(body)
        cited = self.cited(year)
        if cited:
            document.add_heading(self.w("sources"), level=2)
            for n, said, link in cited:
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.space_after = _pt(2)  # a list, not paragraphs of prose
                paragraph.add_run(f"[{n}] {said}" + (". " if link else "")).font.size = _pt(SMALL_PT)
                if link:
                    _hyperlink(paragraph, link, SMALL_PT)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _set_up(document: Any, lang: str, title: str) -> None:
    """A4, a provincial report's margins, Times New Roman in black, the text's language, the title
    and the date of issue (``SOURCE_DATE_EPOCH``, when set) in the document's properties."""
    import datetime
    import os

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side, cm in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(cm))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
    document.styles["Normal"].font.size = _pt(BODY_PT)
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        document.styles[name].font.size = _pt(size)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), LANGUAGE_TAGS.get(lang, lang))
    rpr.append(tag)
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE_TAGS.get(lang, lang)
    properties.author = "dtikit"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None)
        properties.created = properties.modified = properties.last_printed = day


CHAR_CM, PADDING_CM = 0.022, 0.5  # a character of Times New Roman (bold at most) per point; cell margins


def _wanted(texts: list[str], size: float) -> float:
    """The width (cm) at which the longest of ``texts`` stands on one line at ``size`` points."""
    return min(max(map(len, texts)), 40) * CHAR_CM * size + PADDING_CM


def _widths(table: Any, columns: list[list[str]], text_cm: float, size: float) -> None:
    """Columns ``text_cm`` wide in all: each at least as wide as its longest word (no word broken),
    the rest shared by how long its texts are (a name wider than a rank)."""
    from docx.shared import Cm

    needs = [
        max((len(w) for t in texts for w in t.split()), default=1) * CHAR_CM * size + PADDING_CM for texts in columns
    ]
    wants = [_wanted(texts, size) for texts in columns]
    spare = text_cm - sum(needs)
    if spare <= 0:
        widths = [need * text_cm / sum(needs) for need in needs]
    else:
        extra = [max(want - need, 0) for want, need in zip(wants, needs, strict=True)]
        share = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
        widths = [need + e * share for need, e in zip(needs, extra, strict=True)]
        widths = [w * text_cm / sum(widths) for w in widths]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _repeat_header(row: Any) -> None:
    """The header row is repeated on every page a table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = OxmlElement("w:tblHeader")
    tag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(tag)


def _keep_row(row: Any) -> None:
    """A row is never split across two pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = OxmlElement("w:cantSplit")
    tag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(tag)


def _hyperlink(paragraph: Any, link: str, size: float) -> None:
    """A link that opens ``link``, shown as the link itself (python-docx has no call for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    for tag, value in (("w:color", "08519C"), ("w:u", "single"), ("w:sz", str(int(size * 2)))):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        rpr.append(child)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = link
    run.append(text)
    element.append(run)
    paragraph._p.append(element)
