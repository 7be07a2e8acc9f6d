"""The 公文 page of the template (GB/T 9704—2012): A4, its margins, its fonts, readable tables.

`build_docx` (template.py) writes the content; this module dresses it. The fonts are the
ones a government office has (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312); a machine
without them gets the fallback named in the font table (`w:altName`, which Word and WPS
honour) and in the document's properties (备注), so the writer knows what was meant.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

# GB/T 9704—2012 §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm on A4 (210 × 297).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 297 - 37 - 225, "left": 28, "right": 210 - 28 - 156}
TEXT_WIDTH_MM = 156

TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
LATIN_FONT = "Times New Roman"
# What a machine without the office fonts should use instead (Windows and WPS names first).
FALLBACKS = {TITLE_FONT: "华文中宋", BODY_FONT: "仿宋", HEADING1_FONT: "SimHei", HEADING2_FONT: "楷体"}
FALLBACK_NOTE = "字体：" + "；".join(f"{font}（缺少时用{alt}）" for font, alt in FALLBACKS.items()) + "。"

TITLE_PT, BODY_PT, TABLE_PT, SMALL_TABLE_PT = 22, 16, 10.5, 9  # 二号, 三号, 五号, 小五
LINE_PT = 28  # 固定值 28 磅: 22 lines of 三号 on the 225 mm 版心
TABLE_STYLE, SMALL_TABLE_STYLE = "表格文字", "表格小字"

# Column widths in mm, adding up to the 版心 width, so no label wraps one character per line.
TABLE_WIDTHS_MM: dict[str, list[float]] = {
    "disclosure": [47, 36, 36, 37],
    "applications": [9, 19, 40, 12, 12, 12, 13, 13, 12, 14],
    "reviews": [10.4] * 15,
}


def apply_page(document: Any) -> None:
    """A4 portrait with the GB/T 9704 margins, and the styles of a 公文."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        _page_number(section.footer.paragraphs[0])
    styles = document.styles
    _style(styles["Normal"], BODY_FONT, BODY_PT, indent=True)
    _style(styles["Title"], TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=36)
    styles["Title"].paragraph_format.space_after = Pt(LINE_PT)  # a blank line under the title
    _style(styles["Heading 1"], HEADING1_FONT, BODY_PT, indent=True)
    _style(styles["Heading 2"], HEADING2_FONT, BODY_PT, indent=True)
    for name, size in ((TABLE_STYLE, TABLE_PT), (SMALL_TABLE_STYLE, SMALL_TABLE_PT)):
        style = styles.add_style(name, 1)  # 1: a paragraph style
        style.base_style = styles["Normal"]
        _style(style, BODY_FONT, size, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=None)
    document.core_properties.comments = FALLBACK_NOTE


def _style(style: Any, east_asian: str, size_pt: float, *, indent: bool = False,
           align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, line_pt: float | None = LINE_PT) -> None:
    font = style.font
    font.name, font.size, font.bold, font.italic = LATIN_FONT, Pt(size_pt), False, False
    font.color.rgb = None
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one
    fonts.set(qn("w:eastAsia"), east_asian)
    for child in rpr.findall(qn("w:color")):
        rpr.remove(child)
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)  # the Title style's blue rule
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    if line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line_pt)
    fmt.first_line_indent = Pt(2 * size_pt) if indent else Pt(0)  # 首行缩进两字


def _page_number(paragraph: Any) -> None:
    """「— 1 —」 at the foot of the page, 四号 宋体, as GB/T 9704 §7.5 sets it."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ").font.size = Pt(14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —").font.size = Pt(14)


def dress_table(document: Any, table_id: str, left_aligned: set[tuple[int, int]]) -> None:
    """The document's last table: fixed column widths that add up to the 版心, narrow cell
    margins, the table's text style; the row labels at the `left_aligned` grid positions set
    flush left, so that they read as a list."""
    table = document.tables[-1]
    widths = [Mm(w) for w in TABLE_WIDTHS_MM[table_id]]
    table.autofit = False  # w:tblLayout fixed, in its schema place
    tbl = table._tbl
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "57")  # 1 mm in twips: a 12 mm column then holds three characters
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    look = tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # Word refuses a tblPr whose children are out of schema order
    else:
        tbl.tblPr.append(margins)
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(width.twips))
    # The style id once: python-docx's paragraph.style setter looks the style up on every call.
    style_id = document.styles[SMALL_TABLE_STYLE if table_id != "disclosure" else TABLE_STYLE].style_id
    for row_index, tr in enumerate(tbl.findall(qn("w:tr"))):
        column = 0
        for tc in tr.findall(qn("w:tc")):
            span = tc.grid_span
            tc.width = sum(widths[column : column + span], Mm(0))
            for p in tc.findall(qn("w:p")):
                p.get_or_add_pPr().style = style_id
                if (row_index, column) in left_aligned:
                    Paragraph(p, table._parent).alignment = WD_ALIGN_PARAGRAPH.LEFT
            column += span


def with_fallback_fonts(docx_data: bytes) -> bytes:
    """The same DOCX with the office fonts and their `w:altName` fallbacks in word/fontTable.xml."""
    source = zipfile.ZipFile(io.BytesIO(docx_data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/fontTable.xml":
                data = _font_table(data)
            target.writestr(item, data)
    return out.getvalue()


def _font_table(data: bytes) -> bytes:
    fonts = etree.fromstring(data)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(fonts, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
    return bytes(etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True))
