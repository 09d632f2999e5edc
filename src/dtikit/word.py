"""A Word document (.docx) of a result, as a provincial office files a table: a title, the table with
its header row in the run's language, the unit, the sources, and the notes.

Written with python-docx (a dependency: most provincial reports are written in Word). The cells are the ones a table for
people shows (``dtikit.render.people_table``): labels and numbers as the run's language writes them
(0,7111 and 1.954.846 in Vietnamese), '–' for a missing value.
"""

from __future__ import annotations

from html import escape
from typing import IO, Any

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
    if unit:
        document.add_paragraph(say("output.unit_line", words.lang, unit=unit_label(unit, words.lang)))
    sources = _sources(result, words)
    line = "; ".join(sources) if sources else say("output.bundled_sources", words.lang)
    document.add_paragraph(say("output.source_line", words.lang, sources=line))
    for message in result.notes:
        document.add_paragraph(message)
    document.save(stream)
    return []


# ---- the report as a Word document --------------------------------------------------------------

# a provincial report's page: A4, margins top and bottom 2 cm, left 3 cm, right 2 cm; Times New Roman
PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
FONT = "Times New Roman"
BODY_PT, TABLE_PT, SMALL_PT = 12, 10, 9
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


class WordPage(Page):
    """The report's page as a Word document: the same sections, tables, figures (charts and the
    map as PNG, drawn by the same functions), notes and sources as the HTML page, in the page's
    language. Each piece is kept as a function that adds it to the document."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.blocks: list[Any] = []

    def table(self, headers: list[str], rows: list[list[Any]], numeric: set[int] = frozenset()) -> Any:
        cells = [[_Runs(v if isinstance(v, Markup) else self.cell(v)) for v in row] for row in rows]

        def add(document: Any) -> None:
            from docx.enum.table import WD_TABLE_ALIGNMENT
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            table = document.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for i, (cell, text) in enumerate(zip(table.rows[0].cells, headers, strict=True)):
                _Runs(escape(text)).into(cell.paragraphs[0], TABLE_PT, bold=True)
                if i in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _repeat_header(table.rows[0])
            for values in cells:
                row = table.add_row()
                _keep_row(row)
                for i, (cell, runs) in enumerate(zip(row.cells, values, strict=True)):
                    runs.into(cell.paragraphs[0], TABLE_PT)
                    if i in numeric:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _widths(table, [[headers[i], *(r[i].text() for r in cells)] for i in range(len(headers))])
            document.add_paragraph()

        return add

    def section(self, title: str, *content: Any, keep: bool = False) -> None:
        self.blocks.append(lambda document: document.add_heading(title, level=2))
        self.blocks.extend(content)

    def figure(self, svg: str, kind: str = "") -> Any:
        raise NotImplementedError("a Word page holds pictures as PNG: chart() or map()")

    def picture(self, png: bytes, kind: str = "") -> Any:
        """A PNG as wide as the text, or less where it would be taller than ``kind`` allows."""

        def add(document: Any) -> None:
            import io

            from docx.enum.text import WD_ALIGN_PARAGRAPH
            from docx.image.image import Image
            from docx.shared import Cm

            image = Image.from_blob(png)
            width = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
            tallest = {"map": 19.0, "tall": 22.0}.get(kind, 9.0)
            width = min(width, tallest * image.px_width / image.px_height)
            document.add_picture(io.BytesIO(png), width=Cm(width))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

        return add

    def chart(self, result: Any, kind: str = "") -> Any:
        from dtikit.charts import chart_png

        return self.picture(chart_png(result, lang=self.lang), kind)

    def map(self, m: dict) -> Any:
        from dtikit.tilemap import png_bytes

        return self.picture(png_bytes(m), "map")

    def figures(self, *figures: Any) -> Any:
        return lambda document: [add(document) for add in figures]

    def pair(self, *parts: Any) -> Any:
        return lambda document: [add(document) for add in parts]

    def note(self, text: str) -> None:
        def add(document: Any) -> None:
            paragraph = document.add_paragraph()
            paragraph.add_run(text).italic = True

        self.blocks.append(add)

    def paragraph(self, text: str) -> Any:
        return lambda document: document.add_paragraph(text)

    def subheading(self, text: str) -> Any:
        return lambda document: document.add_heading(text, level=3)

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
        for add in self.blocks:
            add(document)
        cited = self.cited(year)
        if cited:
            document.add_heading(self.w("sources"), level=2)
            for n, said, link in cited:
                paragraph = document.add_paragraph()
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


def _widths(table: Any, columns: list[list[str]]) -> None:
    """Columns as wide as what they hold (a name wider than a rank), the table as wide as the text."""
    from docx.shared import Cm

    text_cm = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
    weights = []
    for texts in columns:
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        weights.append(min(max(longest_word, max(map(len, texts)) // 2, 3), 30) + 2)
    table.autofit = False
    for column, weight in zip(table.columns, weights, strict=True):
        width = Cm(text_cm * weight / sum(weights))
        column.width = width
        for cell in column.cells:
            cell.width = width


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
