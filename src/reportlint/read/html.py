"""Published web pages: find the report body inside the site's chrome.

The body is the smallest element that holds most of the section headings; navigation,
breadcrumbs and footers around it are not the report. Tables keep rowspan/colspan,
so they map onto the canonical tables exactly like DOCX merged cells. Locations are
source lines.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree, html

from reportlint.model import Block, Cell, Document, Location, Paragraph, Table
from reportlint.read.errors import Limits, ReadError, too_many_blocks
from reportlint.read.text import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_HEADING = re.compile(r"[一二三四五六]\s*[、.．]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|政府信息公开工作存在|存在问题|其他需要报告|總體情況|主動公開|其他需要報告)")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "blockquote",
          "center", "header", "footer", "main", "dl", "dt", "dd", "pre", "form", "hr", "address", "figure"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "select", "button", "head", "svg", "object"}
_TITLE_META = ("ArticleTitle", "title", "og:title")
_DATE_META = ("PubDate", "publishdate", "article:published_time", "DC.Date")


def _decode(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        codec = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}.get(name, name)
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def read_html(data: bytes, path: str, limits: Limits) -> Document:
    text = _decode(data).lstrip("\ufeff")
    try:
        parser = html.HTMLParser(remove_comments=True, no_network=True, recover=True)
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise ReadError("F001", "网页文件无法解析。", "the HTML page cannot be parsed") from None
    walker = _Walker(limits)
    published = _meta(root, _DATE_META)
    if published is not None:  # the page's publication date, for the deadline check (P204)
        walker.blocks.append(Paragraph(f"发布时间：{published[0]}", Location(line=published[1])))
    title = _page_title(root)
    if title is not None:
        walker.blocks.append(Paragraph(title[0], Location(line=title[1])))
    walker.walk(_report_body(root))
    return Document(path=path, format="html", blocks=walker.blocks)


def _meta(root: Any, names: tuple[str, ...]) -> tuple[str, int] | None:
    for name in names:
        for meta in root.iter("meta"):
            if (meta.get("name") or meta.get("property") or "").lower() == name.lower() and meta.get("content"):
                return meta.get("content").strip(), meta.sourceline or 1
    return None


def _page_title(root: Any) -> tuple[str, int] | None:
    found = _meta(root, _TITLE_META)
    if found is not None:
        return found
    for tag in ("h1", "title"):
        el = next(root.iter(tag), None)
        if el is not None and el.text_content().strip():
            return el.text_content().strip(), el.sourceline or 1
    return None


def _report_body(root: Any) -> Any:
    """The deepest element whose text still holds at least three section headings."""
    body = root.find("body") if root.find("body") is not None else root
    best = body
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if len(set(_HEADING.findall(el.text_content()))) >= 3:
            best = el  # iter() is document order, so later hits are descendants or later siblings
    while best is not body and len(set(_HEADING.findall(best.text_content()))) < 3:
        best = best.getparent()
    return best


class _Walker:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.blocks: list[Block] = []
        self.n_tables = 0

    def walk(self, el: Any) -> None:
        buffer: list[str] = [el.text or ""]
        line = el.sourceline or 1
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _SKIP:
                buffer.append(child.tail or "")
                continue
            if tag == "table" or tag in _BLOCK:
                self._flush(buffer, line)
                if tag == "table":
                    self.n_tables += 1
                    self.blocks.append(self._table(child, 1))
                else:
                    self.walk(child)
                buffer = [child.tail or ""]
                line = child.sourceline or line
            elif tag == "br":
                buffer.append("\n" + (child.tail or ""))
            else:
                buffer.append(_text(child) + (child.tail or ""))
        self._flush(buffer, line)

    def _flush(self, buffer: list[str], line: int) -> None:
        text = "".join(buffer).replace("\xa0", " ")
        for offset, part in enumerate(text.split("\n")):
            if part.strip():
                self.blocks.append(Paragraph(part.strip(), Location(line=line + offset if offset else line)))
        if len(self.blocks) > self.limits.max_blocks:
            raise too_many_blocks(len(self.blocks), self.limits.max_blocks)

    def _table(self, table: Any, depth: int) -> Table:
        if depth > self.limits.max_table_depth:
            raise ReadError("F001", f"表格嵌套超过 {self.limits.max_table_depth} 层，文件异常，未检查。",
                            f"tables nested deeper than {self.limits.max_table_depth} levels; not checked")
        rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
        cells: list[Cell] = []
        taken: set[tuple[int, int]] = set()
        n_cols = 0
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
                for nested in td.iter("table"):
                    if nested is not td:
                        self._table(nested, depth + 1)  # only to bound the depth
                cells.append(Cell(_text(td), r, c, min(rowspan, len(rows) - r), colspan))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                c += colspan
            n_cols = max(n_cols, c)
        return Table(cells, len(rows), n_cols, Location(table=self.n_tables, line=table.sourceline))


def _owner_table(tr: Any) -> Any:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _text(el: Any) -> str:
    parts: list[str] = []
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag in _SKIP:
            continue
        if node.tag == "br":
            parts.append("\n")
        if node is not el and node.tag in ("p", "div"):
            parts.append("\n")
        parts.append(node.text or "")
        if node is not el:
            parts.append(node.tail or "")
    return "".join(parts).replace("\xa0", " ").strip()
