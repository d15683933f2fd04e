"""Administrative documents in Word, as Decree 30/2020/NĐ-CP lays them out: A4 portrait, margins
20/20/30/15 mm, Times New Roman for every script (so Word and LibreOffice render Vietnamese in it),
body 14 pt justified with a 1 cm first-line indent, page numbers centred in the top margin from
page 2; and the pieces reports are made of — paragraphs, centred rules, fixed-width tables whose
rows are written as WordprocessingML (a long report has thousands). Every text goes through
`clean` (NFC, no XML-illegal characters): whatever residents typed cannot break the file.
"""
from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from consult.text import xml_safe

FONT = "Times New Roman"
#: A4 less the left (30 mm) and right (15 mm) margins.
TEXT_WIDTH = Mm(165)
#: Paragraph styles (defined in _styles) of body text and headings; table text is Normal (12 pt).
BODY, HEADING = "ReportBody", "ReportHeading"
#: Left and right padding of table cells, in twentieths of a point (Word's default is 108).
CELL_MARGIN = 57
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
_LINE_BREAKS = re.compile(r"[\t\n\r]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: What may follow w:pBdr in w:pPr (Word wants the schema's order).
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")



# --- text and paragraphs ------------------------------------------------------------

def clean(text) -> str:
    """Text as Word may hold it: NFC, on one line, without the control characters XML forbids."""
    return _LINE_BREAKS.sub(" ", xml_safe(unicodedata.normalize("NFC", str(text))))


def paragraphs(text: str) -> list[str]:
    """Staff's plain text as paragraphs: blank lines separate them, single line breaks join."""
    return [" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text.strip()) if block.strip()]


def para(container, text: str = "", style: str | None = BODY, *, align=None, bold=False, italic=False,
          size=None) -> Paragraph:
    """A paragraph of one run at the end of the document or of a cell (replacing the cell's empty first one)."""
    paragraph = container.add_paragraph()
    if isinstance(container, _Cell):
        first = container._tc.p_lst[0]
        if first.pPr is None and not first.r_lst:
            container._tc.remove(first)
    if style:
        paragraph._p.style = style
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(clean(text))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size is not None:
            run.font.size = Pt(size)
    return paragraph


def rule(container, length, width) -> None:
    """A centred horizontal line `length` long, in a cell or text `width` wide."""
    paragraph = para(container, style=None, align=CENTER)
    border, top = OxmlElement("w:pBdr"), OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "auto")):
        top.set(qn(f"w:{name}"), value)
    border.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_BORDER)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = paragraph_format.right_indent = (width - length) // 2
    paragraph_format.space_before, paragraph_format.space_after = Pt(3), Pt(0)
    paragraph_format.line_spacing = Pt(4)


# --- tables: rows are written as WordprocessingML, a long report has thousands ------

def new_table(document, widths, *, grid: bool = True):
    """A fixed-width table kept on the page of the paragraph that introduces it."""
    table = document.add_table(rows=0, cols=len(widths), style="Table Grid" if grid else None)
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    if grid:
        margins = "".join(f'<w:{side} w:w="{CELL_MARGIN}" w:type="dxa"/>' for side in ("left", "right"))
        table._tbl.tblPr.insert_element_before(parse_xml(f"<w:tblCellMar {nsdecls('w')}>{margins}</w:tblCellMar>"),
                                               "w:tblLook", "w:tblCaption", "w:tblDescription")
    previous = table._tbl.getprevious()
    if previous is not None and previous.tag == qn("w:p"):
        Paragraph(previous, table._parent).paragraph_format.keep_with_next = True
    return table


def run_xml(text: str, *, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    """A run."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (f'<w:sz w:val="{2 * size}"/>' if size else "")
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def paragraph_xml(*runs: str, align: str = "left") -> str:
    """A paragraph of runs; align is left, center or both (justified)."""
    return f'<w:p><w:pPr><w:jc w:val="{align}"/></w:pPr>{"".join(runs)}</w:p>'


def cell_xml(width, *paragraphs: str, span: int = 1, merge: str | None = None, middle: bool = False) -> str:
    """A cell `span` grid columns wide; merge is "restart" or "continue" for cells merged downwards."""
    props = f'<w:tcW w:w="{width.twips}" w:type="dxa"/>'
    props += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
    props += '<w:vAlign w:val="center"/>' if middle else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def add_row(table, *cells: str, header: bool = False) -> None:
    """Append a row of cells; a header row is repeated at the top of every page the table runs onto."""
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    table._tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{props}{''.join(cells)}</w:tr>"))


def header_cell(width, text: str, **layout) -> str:
    """A header cell: bold, centred both ways; layout is cell_xml's span or merge."""
    return cell_xml(width, paragraph_xml(run_xml(text, bold=True), align="center"), middle=True, **layout)


def simple_table(document, columns, rows, total=None) -> None:
    """A table of plain values; columns are (heading, width, align); `total` is a bold last row."""
    headings, widths, aligns = zip(*columns)
    table = new_table(document, widths)
    add_row(table, *(header_cell(width, heading) for heading, width in zip(headings, widths)), header=True)
    for values, bold in [(values, False) for values in rows] + ([(total, True)] if total else []):
        add_row(table, *(cell_xml(width, paragraph_xml(run_xml(value, bold=bold), align=align))
                          for value, width, align in zip(values, widths, aligns)))
    para(document, style=None)  # room before the next paragraph


# --- page, styles, page numbers -------------------------------------------------------

def page_setup(document) -> None:
    """A4 portrait, the decree's margins, and page numbers centred in the header from page 2."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    page = section.header.paragraphs[0]
    page.alignment = CENTER
    field = "".join(f'<w:r><w:rPr><w:sz w:val="28"/></w:rPr>{part}</w:r>' for part in (
        '<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>", '<w:fldChar w:fldCharType="end"/>'))
    for run in parse_xml(f"<w:p {nsdecls('w')}>{field}</w:p>"):  # the PAGE field, in 14 pt
        page._p.append(run)


def set_font(rpr) -> None:
    """Times New Roman for every script of a run-properties element (theme fonts would win otherwise)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), FONT)


def define_styles(document) -> None:
    """Times New Roman everywhere; Normal for table text (12 pt), body text and heading styles (14 pt)."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(defaults)
    defaults.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    normal = styles["Normal"]
    set_font(normal.element.get_or_add_rPr())
    normal.font.size = Pt(12)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    body = add_style(styles, BODY, first_line_indent=Cm(1), space_before=Pt(0), space_after=Pt(6),
                      line_spacing=1.15, alignment=JUSTIFY)
    body.font.size = Pt(14)
    heading = add_style(styles, HEADING, first_line_indent=Cm(1), space_before=Pt(6), space_after=Pt(6),
                         keep_with_next=True)
    heading.font.size, heading.font.bold = Pt(14), True


def add_style(styles, style_id: str, **paragraph_format):
    """A paragraph style based on Normal, with the given paragraph format."""
    style = styles.add_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    for name, value in paragraph_format.items():
        setattr(style.paragraph_format, name, value)
    return style
