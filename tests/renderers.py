"""Turn our document model into other formats a unit might publish: a web page, a
Traditional-Chinese copy, a GBK-encoded page. PDF lives in pdfgen.py (reportlab)."""

from __future__ import annotations

import copy
import html
import io
import zipfile

import opencc

from reportlint.model import Document, Paragraph

_S2TW = opencc.OpenCC("s2tw")


def traditional(doc: Document) -> Document:
    """The same report converted to Traditional characters, as some web copies are."""
    out = copy.deepcopy(doc)
    for block in out.blocks:
        if isinstance(block, Paragraph):
            block.text = _S2TW.convert(block.text)
        else:
            for cell in block.cells:
                cell.text = _S2TW.convert(cell.text)
    return out


def traditional_docx(data: bytes) -> bytes:
    """Convert every text run of a DOCX (body and table cells) to Traditional characters."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = source.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(payload)
                for node in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
                    node.text = _S2TW.convert(node.text or "")
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, payload)
    return buffer.getvalue()


def document_html(doc: Document, charset: str = "utf-8") -> bytes:
    """A government page: navigation, breadcrumb and footer around the report, tables with spans."""
    parts = [f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
             "<title>政府信息公开</title></head><body>",
             '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>',
             '<div class="crumb">当前位置：首页 &gt; 政府信息公开年报</div><div class="article">']
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
            continue
        parts.append('<table border="1">')
        for row in range(block.n_rows):
            parts.append("<tr>")
            for cell in sorted((c for c in block.cells if c.row == row), key=lambda c: c.col):
                spans = f' rowspan="{cell.rowspan}"' * (cell.rowspan > 1) + f' colspan="{cell.colspan}"' * (cell.colspan > 1)
                parts.append(f"<td{spans}>{html.escape(cell.text).replace(chr(10), '<br>')}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append('</div><div class="footer">主办单位：某某区人民政府办公室 网站标识码 3501000000 字号：大 中 小 打印本页</div></body></html>')
    return "\n".join(parts).encode(charset, errors="xmlcharrefreplace")
