"""PDF with a text layer, through pdfplumber (the `reportlint[pdf]` extra).

A PDF has no paragraphs, only positioned lines, so this reader rebuilds them: ruled
tables become tables (merged cells keep their spans; see pdf_tables.py), page numbers,
running headers and a browser's date/address stamps are dropped, wrapped lines are
joined back into paragraphs, and a label written down a narrow column (三、/本/年/度…) is
joined into one label. A table cut by page breaks is joined with its continuation
(a 续表 line between is dropped). A web page printed to PDF loses the site navigation
before the report's title. Chromium's fonts map some characters to radical code points
(⼀ for 一); they are read as the characters. Locations are pages.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reportlint.model import Block, Document, Location, Paragraph
from reportlint.read.errors import Limits, ReadError
from reportlint.read.pdf_tables import CONTINUED, PageTable, continues, find_tables, grid, join_parts
from reportlint.read.registry import install_hint

INSTALL_HINT = install_hint("pdf")
_MARGIN = 0.08  # top and bottom share of a page where running headers and page numbers live
_PAGE_NUMBER = re.compile(r"^[-—–－_~·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–－_~·\s]*$")
# What a browser prints in the margins: the date and time with the page title, the address with n/m.
_BROWSER_STAMP = re.compile(r"^\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}|(?:file|https?)://\S+)")
_HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])")
_MIN_TEXT_CHARS = 20  # fewer characters than this in the whole file: no text layer
_REPORT_TITLE = re.compile(r"\d{4}\s*年度?.{0,30}政府(?:信息|資訊)公[开開].{0,4}[报報]告")
_CHROME_SEARCH = 150  # blocks before the title that may be a site's navigation
_CHROME_MIN_LINES = 8
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_AUTOSPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \t]+(?=[{_CJK}])")
# Kangxi radicals (U+2F00–U+2FD5) have compatibility mappings to the characters; the radicals
# supplement's simplified forms that fonts use for whole characters do not, so they are listed.
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
_RADICALS.update({ord(radical): char for radical, char in zip(
    "⺟⺠⻄⻅⻆⻉⻋⻑⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳", "母民西见角贝车長长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟", strict=True)})


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    boxed: bool = False  # the whole text of a framed paragraph


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    images: int = 0


def read_pdf(data: bytes, path: str, limits: Limits) -> Document:
    pdfplumber = _import_pdfplumber()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for damaged or locked files
        raise _open_error(exc) from None
    try:
        if len(pdf.pages) > limits.max_pages:
            raise ReadError("F001", f"PDF 超过 {limits.max_pages} 页，未检查。", f"PDF has more than {limits.max_pages} pages; not checked")
        pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, 1)]
    except ReadError:
        raise
    except Exception as exc:
        raise _open_error(exc) from None
    finally:
        _close_quietly(pdf)
    _drop_running_lines(pages)
    if sum(len(line.text.strip()) for p in pages for line in p.lines) + _table_chars(pages) < _MIN_TEXT_CHARS:
        raise ReadError(
            "F002",
            "该 PDF 没有文字层（可能是扫描件或图片），无法检查。请提交原始 Word 文档（.docx），或导出带文字的 PDF。",
            "this PDF has no text layer (a scan or images); submit the .docx or a PDF exported with text",
        )
    return Document(path=path, format="pdf", blocks=_without_site_chrome(_assemble(pages)))


def _without_site_chrome(blocks: list[Block]) -> list[Block]:
    """A web page printed to PDF starts with the site's navigation: the report starts at its title.

    Only a long run of short lines counts as navigation, so a unit's name written on the line
    above the title stays."""
    for index, block in enumerate(blocks[:_CHROME_SEARCH]):
        if isinstance(block, Paragraph) and len(block.text) <= 80 and _REPORT_TITLE.search(block.text):
            before = [b for b in blocks[:index] if isinstance(b, Paragraph)]
            short = sum(1 for b in before if len(b.text) <= 20)
            return blocks[index:] if short >= _CHROME_MIN_LINES and short >= 0.7 * len(before) else blocks
    return blocks


def _close_quietly(pdf: Any) -> None:
    with contextlib.suppress(Exception):  # close() walks the page tree again: a damaged one raises again
        pdf.close()


def _import_pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(
            "F002",
            f"检查 PDF 需要安装 PDF 扩展：{INSTALL_HINT}。也可以直接检查 Word 文档（.docx）。",
            f"checking PDF needs the PDF extra: {INSTALL_HINT}; or check the .docx instead",
        ) from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # damaged-font chatter is not the writer's business
    return pdfplumber


def _open_error(exc: Exception) -> ReadError:
    chain = f"{type(exc).__name__} {exc!r} {exc.__cause__!r}"
    if "Password" in chain or "Encrypt" in chain:
        return ReadError("F001", "该 PDF 已加密（设置了打开密码），无法检查。请提供未加密的文件。",
                         "this PDF is encrypted (it has an open password); provide an unencrypted file")
    return ReadError("F001", "PDF 文件已损坏或不完整，无法读取。", f"the PDF is damaged or incomplete ({type(exc).__name__})")


# ---- one page ------------------------------------------------------------------------


def _read_page(page: Any, number: int) -> _Page:
    out = _Page(number, float(page.height), images=len(page.images))
    tables, areas = find_tables(page, number, join_lines)
    for table in tables:
        if table.one_column:  # a framed paragraph: prose in a box, not a table
            out.lines += [_Line(b.text, b.bbox[0], b.bbox[2], b.bbox[1], b.bbox[3], boxed=True)
                          for b in table.boxes if not b.empty]
        else:
            out.tables.append(table)
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, a) for a in areas))
    for line in outside.extract_text_lines(return_chars=False):
        if line["text"].strip():
            out.lines.append(_Line(plain(line["text"].strip()), line["x0"], line["x1"], line["top"], line["bottom"]))
    out.lines.sort(key=lambda line: line.top)
    return out


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return bool(box[0] <= cx <= box[2] and box[1] <= cy <= box[3])


def plain(text: str) -> str:
    """Radical code points some fonts map their glyphs to (Chromium: ⼀ for 一, ⻓ for 长) read as
    the characters they stand for; the gap an office suite sets between Chinese and Latin text
    or digits (“统计期限为 2024 年”) is spacing, not a space in the text."""
    return _AUTOSPACE.sub("", text.translate(_RADICALS))


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph or cell: Chinese joins without a space, Latin words with one."""
    out = ""
    for line in (plain(part.strip()) for part in lines):
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


# ---- the whole file ------------------------------------------------------------------


def _table_chars(pages: list[_Page]) -> int:
    return sum(len(b.text) for p in pages for t in p.tables for b in t.boxes)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Page numbers and a browser's stamps in the margins, and lines repeated in the margins of most pages."""
    def in_margin(page: _Page, line: _Line) -> bool:
        return line.top < page.height * _MARGIN or line.bottom > page.height * (1 - _MARGIN)

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.replace(" ", ""))

    repeated = Counter(shape(line.text) for p in pages for line in p.lines if in_margin(p, line))
    threshold = max(2, len(pages) // 2 + 1)
    for page in pages:
        page.lines = [
            line for line in page.lines
            if not (in_margin(page, line) and (_PAGE_NUMBER.match(line.text) or _BROWSER_STAMP.match(line.text)
                                               or repeated[shape(line.text)] >= threshold))
        ]


def _assemble(pages: list[_Page]) -> list[Block]:
    builder = _Builder()
    for page in pages:
        builder.start_page(page)
        items: list[tuple[float, _Line | PageTable]] = [(line.top, line) for line in page.lines]
        items += [(t.top, t) for t in page.tables]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, PageTable):
                builder.add_table(item, page.number)
            else:
                builder.add_line(item, page.number)
    builder.flush()
    return builder.blocks


class _Builder:
    """Joins wrapped lines into paragraphs and the parts of a cut table into one table."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.page = 0
        self.prev: _Line | None = None
        self.left = self.right = self.size = 0.0
        self.n_tables = 0
        self.parts: list[PageTable] = []  # the table being read, one part per page
        self.table_page = 0
        self.held: tuple[_Line, int] | None = None
        self.page_start = True

    def start_page(self, page: _Page) -> None:
        body = [line for line in page.lines if len(line.text) >= 8 and not line.boxed] or page.lines
        if body:
            self.left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
            self.right = max(line.x1 for line in body)
            heights = sorted(line.bottom - line.top for line in body)
            self.size = heights[len(heights) // 2] or 10.0
        self.page_start = True

    def add_line(self, line: _Line, page: int) -> None:
        if self.parts and self.held is None and CONTINUED.match(line.text):
            self.held = (line, page)  # 续表 between a table's parts: dropped if the next part follows
            return
        self._release_held()
        self._end_table()
        if self._starts_paragraph(line):
            self.flush()
            self.page = page
        self.lines.append(line.text)
        self.prev = line
        self.page_start = False

    def _starts_paragraph(self, line: _Line) -> bool:
        prev = self.prev
        if prev is None or not self.lines or line.boxed or prev.boxed:
            return True  # a framed paragraph is one paragraph, whatever its layout
        indented = line.x0 > self.left + 1.2 * self.size
        # Short: ends well before the widest line, which may carry a hanging 。 or a wrap a
        # glyph early; two and a half characters cover both.
        prev_short = prev.x1 < self.right - 2.5 * self.size
        if indented or prev_short or _HEADING_START.match(line.text):
            return True
        return not self.page_start and line.top - prev.bottom > 0.8 * self.size

    def add_table(self, found: PageTable, page: int) -> None:
        self._end_paragraph()
        if self.parts and continues(self.parts[-1], found):  # any line but 续表 between ends the table
            self.held = None
        else:
            self._release_held()
            self._end_table()
            self.table_page = page
        self.parts.append(found)
        self.prev = None
        self.page_start = False

    def _release_held(self) -> None:
        if self.held is not None:
            (line, page), self.held = self.held, None
            self.add_line(line, page)

    def _end_table(self) -> None:
        if self.parts:
            self.n_tables += 1
            self.blocks.append(grid(join_parts(self.parts), Location(table=self.n_tables, page=self.table_page)))
        self.parts = []

    def flush(self) -> None:
        self._release_held()
        self._end_table()
        self._end_paragraph()

    def _end_paragraph(self) -> None:
        if self.lines:
            self.blocks.append(Paragraph(join_lines(self.lines), Location(page=self.page)))
        self.lines = []
