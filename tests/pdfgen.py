"""Print a report to PDF with reportlab, the way a writer's "export to PDF" would.

Input is our own document model (read from a generated DOCX), so the PDF carries the
same paragraphs and the same merged cells. The PDF gets what real exports have:
page numbers `- n -` in the footer, a running header, wrapped paragraphs, labels
wrapped inside cells, and a narrow first column in table 三 so that 三、本年度办理结果
is written down the column one character per line.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from reportlint.model import Document, Paragraph, Table

FONT = "STSong-Light"  # a CID font every PDF reader has; no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK", firstLineIndent=22)
HEADING = ParagraphStyle("heading", parent=BODY, firstLineIndent=0, spaceBefore=6)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=6.5, leading=8, wordWrap="CJK")


def document_pdf(doc: Document, header: str = "政府信息公开工作年度报告", encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=landscape(A4), topMargin=50, bottomMargin=50, encrypt=encrypt)
    story: list[Any] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            style = HEADING if block.style and block.style.startswith(("Heading", "Title")) else BODY
            story.append(PdfParagraph(_escape(block.text), style))
        else:
            story += [Spacer(1, 4), _table(block, pdf.width), PageBreak()]
    pdf.build(story, onFirstPage=_decorate(header), onLaterPages=_decorate(header))
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A PDF with pages of drawings and no text, as a scanner produces."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        for y in range(100, 700, 20):
            page.rect(80, y, 400, 8, fill=1)
        page.showPage()
    page.save()
    return buffer.getvalue()


def _decorate(header: str) -> Any:
    def draw(canvas: Any, pdf: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        width, height = pdf.pagesize
        canvas.drawCentredString(width / 2, height - 30, header)
        canvas.drawCentredString(width / 2, 25, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    return draw


def _table(table: Table, width: float) -> PdfTable:
    data: list[list[Any]] = [[""] * table.n_cols for _ in range(table.n_rows)]
    style: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for cell in table.cells:
        data[cell.row][cell.col] = PdfParagraph(_escape(cell.text).replace("\n", "<br/>"), CELL)
        if cell.rowspan > 1 or cell.colspan > 1:
            end = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
            style.append(("SPAN", (cell.col, cell.row), end))
    widths = [width / table.n_cols] * table.n_cols
    if table.n_cols == 10:  # table 三: a narrow first column writes its label vertically
        widths = [12, 60, 150] + [(width - 222) / 7] * 7
    return PdfTable(data, colWidths=widths, style=TableStyle(style))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
