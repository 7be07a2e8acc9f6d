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
from reportlint.read.pdf_tables import CONTINUED
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
    first_of_body = len(walker.blocks)
    walker.walk(_report_body(root))
    return Document(path=path, format="html", blocks=_numbered(walker.blocks, first_of_body))


def _numbered(blocks: list[Block], first: int) -> list[Block]:
    """Paragraphs of the body numbered as a reader of the page counts them (SPEC §5); the
    source line stays as a second field. The metadata lines before `first` are not on the page."""
    number = 0
    for block in blocks[first:]:
        if isinstance(block, Paragraph):
            number += 1
            block.loc = block.loc.with_(paragraph=number)
    return blocks


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
        self.last_rows: list[Any] = []  # the rows of the last table, to join its continuation

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
                    self._add_table(child)
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
        for nested in table.iter("table"):
            if nested is not table:
                self._table(nested, depth + 1)  # only to bound the depth
        return Table(*_layout(rows), Location(table=self.n_tables, line=table.sourceline))

    def _add_table(self, element: Any) -> None:
        """A table, or the continuation of the table just before it (nothing but blank lines between)."""
        table = self._table(element, 1)
        rows = [tr for tr in element.iter("tr") if _owner_table(tr) is element]
        back = 1
        if len(self.blocks) > 1 and isinstance(self.blocks[-1], Paragraph) and CONTINUED.match(self.blocks[-1].text):
            back = 2  # 续表 over the second part
        previous = self.blocks[-back] if len(self.blocks) >= back else None
        if isinstance(previous, Table) and self.last_rows:
            joined = _continuation(previous, self.last_rows, rows)
            if joined is not None:
                del self.blocks[-back:]
                self.blocks.append(joined)
                self.last_rows = self.last_rows + rows
                return
        self.n_tables += 1
        table.loc = table.loc.with_(table=self.n_tables)
        self.blocks.append(table)
        self.last_rows = rows


def _layout(rows: list[Any]) -> tuple[list[Cell], int, int]:
    """Cells of `rows` on a grid, spans kept: (cells, rows, columns)."""
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
            cells.append(Cell(_text(td), r, c, min(rowspan, len(rows) - r), colspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
        n_cols = max(n_cols, c)
    return cells, len(rows), n_cols


def _continuation(previous: Table, previous_rows: list[Any], rows: list[Any]) -> Table | None:
    """The two parts as one table, when the second has no header of its own and its rows, laid
    out under the first part's (whose tall merged cells reach into it), fill its columns exactly.

    Word's “save as web page” breaks a table in two at a page break with an empty paragraph
    between; the merged label cells of the first part then stand over the second."""
    if not rows or not previous_rows:
        return None
    first_texts = {c.text for c in previous.cells if c.row == 0 and c.text}
    own_header = {_text(td) for td in rows[0] if td.tag in ("td", "th") and _text(td)}
    if own_header and own_header <= first_texts:
        return None  # a repeated header: a table of its own, matched by its labels downstream
    cells, n_rows, n_cols = _layout(previous_rows + rows)
    if n_cols != previous.n_cols:
        return None
    filled = Table(cells, n_rows, n_cols, previous.loc).grid()
    if any(position is None for row in filled[len(previous_rows):] for position in row):
        return None
    return Table(cells, n_rows, n_cols, previous.loc)


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
