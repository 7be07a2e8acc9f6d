"""DOCX through the lxml layer python-docx is built on.

python-docx's `.cells` repeats merged cells and is slow on big tables, so the body
is walked directly: paragraphs and tables in body order, each merged cell once with
its span, tracked deletions dropped, insertions kept, headers and footers ignored.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from reportlint.model import Block, Cell, Document, Location, Paragraph, Table
from reportlint.read.errors import Limits, ReadError, too_many_blocks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc"))
_T, _TAB, _BR, _CR, _DEL, _TABS, _R = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "cr", "del", "tabs", "r"))
# What an older reader shows instead of the choice before it (a text box drawn in VML, say):
# the same content again, so it is not read.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VAL = f"{{{W}}}val"
_TC_PR, _TR_PR, _GRID_SPAN, _GRID_BEFORE, _VMERGE = (f"{{{W}}}{t}" for t in ("tcPr", "trPr", "gridSpan", "gridBefore", "vMerge"))
_BREAKS = {_TAB: "\t", _BR: "\n", _CR: "\n"}
_PROPERTIES = (_GRID_SPAN, _VMERGE, _GRID_BEFORE)
_WALKED = (_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR, *_PROPERTIES)
_DELETED = etree.XPath(".//w:del//w:t | .//w:del//w:tab | .//w:del//w:br | .//w:del//w:cr", namespaces={"w": W})
_IMAGE_TAGS = {f"{{{W}}}drawing", f"{{{W}}}pict", f"{{{W}}}object"}

def _damaged() -> ReadError:
    # A new exception each time: re-raising one shared instance chains every traceback
    # (and the frames' data) onto it, which grew without bound over a long batch.
    return ReadError(
        "F001",
        "DOCX 文件已损坏，无法打开。请在 Word/WPS 中打开并重新保存为 .docx 后再检查。",
        "the DOCX file is damaged; open it in Word/WPS and save it again as .docx",
    )


def _parser() -> etree.XMLParser:
    # No entity resolution, no network, no huge-tree mode: hostile XML stays harmless.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def read_docx(data: bytes, path: str, limits: Limits) -> Document:
    xml = _document_xml(data, limits)
    if len(xml) > limits.max_document_xml:
        raise ReadError("F001", f"DOCX 正文解压后达 {len(xml) // 1024 // 1024} MB，远超年度报告的篇幅，未检查。",
                        f"the DOCX body is {len(xml) // 1024 // 1024} MB uncompressed, far beyond a report; not checked")
    paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ")  # before parsing: counting bytes is cheap
    if paragraphs > limits.max_blocks:
        raise too_many_blocks(paragraphs, limits.max_blocks)
    if b"<!DOCTYPE" in xml[:65536]:  # Word never writes one; entity bombs and XXE need one
        raise ReadError("F001", "DOCX 中含有 DTD 声明（Word/WPS 不会生成），文件可能被恶意构造，出于安全未检查。",
                        "the DOCX contains a DTD declaration, which Word never writes; not checked for safety")
    try:
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError:
        raise _damaged() from None
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise _damaged()
    return Document(path=path, format="docx", blocks=_Walker(limits).walk(body))


def _document_xml(data: bytes, limits: Limits) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _damaged() from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        if total > limits.max_unzipped:
            raise _bomb(f"解压后共 {total // 1024 // 1024} MB")
        for info in infos:
            if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise _bomb(f"{info.filename} 压缩比异常")
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise ReadError(
                "F001",
                "这个文件不是 Word 文档（缺少 word/document.xml）。请在 Word/WPS 中另存为 .docx 后再检查。",
                "not a Word document (no word/document.xml); save as .docx",
            ) from None
        if info.flag_bits & 0x1:
            raise ReadError("F002", "DOCX 文件已加密，请取消密码后再检查。", "the DOCX is encrypted; remove the password")
        try:
            with archive.open(info) as fh:
                xml = fh.read(limits.max_unzipped + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise _damaged() from None
        except Exception:  # zlib.error and friends: still just a damaged file
            raise _damaged() from None
    if len(xml) > limits.max_unzipped:
        raise _bomb("正文解压后过大")
    return xml


def _bomb(detail: str) -> ReadError:
    return ReadError(
        "F001",
        f"DOCX 文件异常（{detail}），疑似压缩炸弹，为安全起见未检查。",
        f"suspicious DOCX ({detail}); looks like a zip bomb and was not checked",
    )


def body_blocks(body: Any) -> Iterator[Any]:
    """The body's paragraphs (w:p) and tables (w:tbl) in order: the outermost ones, wherever
    content controls or other wrappers put them. Paragraph and table numbers in locations count
    these; the reader's walk and the DOCX comment writer both follow this rule."""
    depth = 0
    for event, element in etree.iterwalk(body, events=("start", "end"), tag=(_P, _TBL, _FALLBACK)):
        if event == "start":
            if depth == 0 and element.tag != _FALLBACK:
                yield element
            depth += 1
        else:
            depth -= 1


def grid_cells(tbl: Any) -> Iterator[tuple[int, int, int, str | None, Any]]:
    """Each cell of a table as Word lays out its grid: (row, grid column, grid span, vMerge value
    or None, the w:tc), gridBefore skipped; rows and cells in content controls are the table's,
    a nested table's are not. The DOCX comment writer finds cells through this; the reader's
    walk lays out cells by the same rule."""
    depth, r, col, in_row = 0, -1, 0, False
    for event, element in etree.iterwalk(tbl, events=("start", "end"), tag=(_TBL, _TR, _TC, _FALLBACK)):
        if element.tag in (_TBL, _FALLBACK):  # a nested table's cells, or a fallback's, are not this table's
            depth += 1 if event == "start" else -1
        elif depth == 1 and element.tag == _TR:
            in_row = event == "start"
            if in_row:
                r, col = r + 1, _grid_before(element)
        elif depth == 1 and in_row and event == "start":  # a w:tc outside a row is not laid out
            span, vmerge = _cell_props(element)
            yield r, col, span, vmerge, element
            col += span


class _InParagraph:
    """Marks a paragraph: what is inside it (a text box's paragraphs or table) is its text."""


class _Ignored:
    """Marks what is not read: a fallback, or a table or cell where none can stand."""


_IN_PARAGRAPH = _InParagraph()
_IGNORED = _Ignored()
_BODY = "body"


# The walk's working records are plain slotted classes: one is made per row and per cell, and a
# dataclass costs more to make (and 0.3 ms each to define at start-up).
class _OpenCell:
    __slots__ = ("depth", "span", "vmerge", "parts")

    def __init__(self, depth: int) -> None:
        self.depth = depth  # of its table: 1 for a table in the body
        self.span = 1  # grid columns (w:gridSpan)
        self.vmerge: str | None = None  # w:vMerge: "restart", or "continue" for the cells below the first
        self.parts: list[list[str] | _OpenTable] = []  # its paragraphs' text and nested tables

    def text(self) -> str:
        texts: list[str] = []
        for part in self.parts:
            if isinstance(part, list):
                texts.append("".join(part))
            else:  # a nested table: its cells' text stays in the cell that holds it
                texts.extend(cell.text for cell in part.table().cells)
        return "\n".join(texts).strip()


class _OpenRow:
    __slots__ = ("depth", "before", "cells")

    def __init__(self, depth: int) -> None:
        self.depth = depth  # of its table
        self.before = 0  # grid columns skipped before the first cell (w:gridBefore)
        self.cells: list[_OpenCell] = []


class _OpenTable:
    __slots__ = ("loc", "depth", "rows")

    def __init__(self, loc: Location, depth: int) -> None:
        self.loc = loc
        self.depth = depth  # 1 for a table in the body
        self.rows: list[_OpenRow] = []

    def table(self) -> Table:
        """The cells laid out on Word's grid: spans placed, a vertically merged cell once (the
        cells it continues into are dropped, text and all)."""
        cells: list[Cell] = []
        open_vmerge: dict[int, Cell] = {}  # grid column -> the cell a vMerge continues
        n_cols = 0
        for r, row in enumerate(self.rows):
            col = row.before
            for open_cell in row.cells:
                span = open_cell.span
                n_cols = max(n_cols, col + span)
                if open_cell.vmerge == "continue" and col in open_vmerge:
                    origin = open_vmerge[col]
                    origin.rowspan = r - origin.row + 1
                else:
                    cell = Cell(text=open_cell.text(), row=r, col=col, colspan=span)
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_vmerge.pop(c, None)
                    if open_cell.vmerge is not None:
                        open_vmerge[col] = cell
                col += span
        return Table(cells=cells, n_rows=len(self.rows), n_cols=n_cols, loc=self.loc)


_Owner = str | _InParagraph | _Ignored | _OpenTable | _OpenRow | _OpenCell


class _Walker:
    """One pass over the body in document order, with lxml's iteration in C.

    Each paragraph, table, row and cell is placed by its nearest structural ancestor (the
    body, a cell, a row, a table, a paragraph), so content controls and other wrappers are
    opened wherever they stand; spans are read as their elements come and laid out when the
    walk ends. A paragraph or table inside a paragraph (a text box) is that paragraph's text.
    A search per paragraph and per cell cost more than parsing the XML; one pass keeps the
    reader near the cost of parsing (SPEC §7)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.blocks: list[Paragraph | _OpenTable] = []
        self.texts: list[tuple[Paragraph, list[str]]] = []
        self.n_paragraphs = 0
        self.n_tables = 0
        self.owners: dict[Any, _Owner] = {}
        self.text: list[str] = []  # the open paragraph's text
        self.paragraph: Any = None  # the open paragraph's w:p

    def walk(self, body: Any) -> list[Block]:
        self.owners[body] = _BODY
        self.owners.update((fallback, _IGNORED) for fallback in body.iter(_FALLBACK))
        # Tracked deletions: their text is not the report's (looked for first: most bodies have none).
        deleted = set(_DELETED(body)) if next(body.iter(_DEL), None) is not None else set()
        placed = {_P: self._paragraph, _TBL: self._table, _TR: self._row, _TC: self._cell}
        for element in body.iter(*_WALKED):
            tag = element.tag
            if tag == _T:  # the most frequent element first
                if self._in_paragraph(element) and (not deleted or element not in deleted):
                    self.text.append(element.text or "")
            elif tag in placed:
                placed[tag](element, self._owner(element))
            elif tag in _BREAKS:
                if self._in_paragraph(element) and element.getparent().tag != _TABS and element not in deleted:
                    self.text.append(_BREAKS[tag])  # a w:tab in w:tabs is a tab stop, not a tab
            else:
                self._property(tag, element)
        for paragraph, text in self.texts:
            paragraph.text = "".join(text)
        return [b.table() if isinstance(b, _OpenTable) else b for b in self.blocks]

    def _in_paragraph(self, element: Any) -> bool:
        """Whether a text element belongs to the open paragraph: text between blocks (a run
        outside any paragraph) or in a fallback is not read."""
        run_parent = element.getparent().getparent()  # w:t in w:r in (usually) the w:p
        return run_parent is self.paragraph or self._owner(element) is _IN_PARAGRAPH

    def _owner(self, element: Any) -> _Owner | None:
        parent = element.getparent()
        while parent is not None:
            owner = self.owners.get(parent)
            if owner is not None:
                return owner
            parent = parent.getparent()
        return None

    def _row(self, tr: Any, owner: _Owner | None) -> None:
        if isinstance(owner, _OpenTable):
            row = _OpenRow(owner.depth)
            owner.rows.append(row)
            self.owners[tr] = row
        elif owner is not _IN_PARAGRAPH:
            self.owners[tr] = _IGNORED

    def _cell(self, tc: Any, owner: _Owner | None) -> None:
        if isinstance(owner, _OpenRow):
            cell = _OpenCell(owner.depth)
            owner.cells.append(cell)
            self.owners[tc] = cell
        elif owner is not _IN_PARAGRAPH:
            self.owners[tc] = _IGNORED  # a w:tc outside a row is not laid out

    def _property(self, tag: str, element: Any) -> None:
        """A cell's or a row's own layout (in its w:tcPr or w:trPr); the old layout a tracked
        change keeps (w:tcPrChange/w:tcPr) is not its own."""
        owner = self.owners.get(element.getparent().getparent())
        if tag == _GRID_SPAN and isinstance(owner, _OpenCell):
            owner.span = _int_attr(element, 1)
        elif tag == _VMERGE and isinstance(owner, _OpenCell):
            owner.vmerge = element.get(_VAL, "continue")  # no value: continues the cell above
        elif tag == _GRID_BEFORE and isinstance(owner, _OpenRow):
            owner.before = _int_attr(element, 0)

    def _paragraph(self, p: Any, owner: _Owner | None) -> None:
        if owner is _IN_PARAGRAPH:
            return  # a text box's paragraph: its text goes on into the paragraph that holds it
        if owner is not _BODY and not isinstance(owner, _OpenCell):
            self.owners[p] = _IGNORED  # in a fallback, or where no paragraph can stand
            return
        self.owners[p] = _IN_PARAGRAPH
        self.paragraph, self.text = p, []
        if isinstance(owner, _OpenCell):
            owner.parts.append(self.text)
        else:  # a paragraph of the body
            self.n_paragraphs += 1
            paragraph = _paragraph(p, Location(paragraph=self.n_paragraphs))
            self.blocks.append(paragraph)
            self.texts.append((paragraph, self.text))

    def _table(self, tbl: Any, owner: _Owner | None) -> None:
        if owner is _BODY:
            self.n_tables += 1
            table = _OpenTable(Location(table=self.n_tables, paragraph=self.n_paragraphs or None), depth=1)
            self.blocks.append(table)
        elif isinstance(owner, _OpenCell):
            table = _OpenTable(Location(), depth=owner.depth + 1)
            owner.parts.append(table)
        elif owner is _IN_PARAGRAPH:
            return  # a table in a text box is the text of its paragraph
        else:
            self.owners[tbl] = _IGNORED  # in a fallback, or where no table can stand (in a row)
            return
        if table.depth > self.limits.max_table_depth:
            raise ReadError(
                "F001",
                f"表格嵌套超过 {self.limits.max_table_depth} 层，文件异常，未检查。",
                f"tables nested deeper than {self.limits.max_table_depth} levels; not checked",
            )
        self.owners[tbl] = table


def _cell_props(tc: Any) -> tuple[int, str | None]:
    """(grid span, vMerge value or None); a vMerge without a value continues the cell above."""
    # tcPr comes first in a cell by the schema: look there before searching the cell.
    tc_pr = tc[0] if len(tc) and tc[0].tag == _TC_PR else tc.find(_TC_PR)
    if tc_pr is None:
        return 1, None
    span, vmerge = 1, None
    for prop in tc_pr:
        if prop.tag == _GRID_SPAN:
            span = _int_attr(prop, 1)
        elif prop.tag == _VMERGE:
            vmerge = prop.get(_VAL, "continue")
    return span, vmerge


def _grid_before(tr: Any) -> int:
    tr_pr = tr.find(_TR_PR)
    return 0 if tr_pr is None else _int_attr(tr_pr.find(_GRID_BEFORE), 0)


def _int_attr(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return max(1, int(el.get(_VAL, default))) if default else max(0, int(el.get(_VAL, default)))
    except (TypeError, ValueError):
        return default


def _paragraph(p: Any, loc: Location) -> Paragraph:
    style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    outline = p.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
    style_name = style.get(_VAL) if style is not None else None
    if style_name is None and outline is not None:
        style_name = f"Heading{int(outline.get(_VAL, '0')) + 1}"
    runs = [r for r in p.iter(_R) if r.find(_T) is not None]
    bold = bool(runs) and all(
        (b := r.find(f"{{{W}}}rPr/{{{W}}}b")) is not None and b.get(_VAL) not in ("0", "false") for r in runs
    )
    has_image = next(p.iter(*_IMAGE_TAGS), None) is not None
    return Paragraph("", loc, style=style_name, bold=bold, has_image=has_image)  # the walk adds the text
