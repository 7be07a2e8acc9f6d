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
_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR, _DEL, _R = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "cr", "del", "r"))
_VAL = f"{{{W}}}val"
_TC_PR, _TR_PR, _GRID_SPAN, _GRID_BEFORE, _VMERGE = (f"{{{W}}}{t}" for t in ("tcPr", "trPr", "gridSpan", "gridBefore", "vMerge"))
_SDT_TC = f"{{{W}}}sdtContent/{{{W}}}tc"
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
    walker = _Walker(limits)
    walker.walk(body)
    return Document(path=path, format="docx", blocks=walker.blocks)


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


def body_blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs (w:p) and tables (w:tbl) in order, content controls opened. Paragraph and
    table numbers in locations count these; the DOCX comment writer counts them the same way."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:  # content controls wrap ordinary body content
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from body_blocks(content)


class _Walker:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.blocks: list[Block] = []
        self.n_paragraphs = 0
        self.n_tables = 0

    def walk(self, parent: Any) -> None:
        for child in body_blocks(parent):
            if child.tag == _P:
                self.n_paragraphs += 1
                self.blocks.append(_paragraph(child, Location(paragraph=self.n_paragraphs)))
            else:
                self.n_tables += 1
                self.blocks.append(self._table(child, Location(table=self.n_tables, paragraph=self.n_paragraphs or None)))

    def _table(self, tbl: Any, loc: Location, depth: int = 1) -> Table:
        if depth > self.limits.max_table_depth:
            raise ReadError(
                "F001",
                f"表格嵌套超过 {self.limits.max_table_depth} 层，文件异常，未检查。",
                f"tables nested deeper than {self.limits.max_table_depth} levels; not checked",
            )
        cells: list[Cell] = []
        open_vmerge: dict[int, Cell] = {}
        n_cols = 0
        for r, col, span, vmerge, tc in grid_cells(tbl):
            n_cols = max(n_cols, col + span)
            if vmerge == "continue" and col in open_vmerge:
                origin = open_vmerge[col]
                origin.rowspan = r - origin.row + 1
                continue
            cell = Cell(text=self._cell_text(tc, depth), row=r, col=col, colspan=span)
            cells.append(cell)
            for c in range(col, col + span):
                open_vmerge.pop(c, None)
            if vmerge is not None:
                open_vmerge[col] = cell
        n_rows = sum(1 for tr in tbl if tr.tag == _TR)  # a row without cells counts too
        return Table(cells=cells, n_rows=n_rows, n_cols=n_cols, loc=loc)

    def _cell_text(self, tc: Any, depth: int) -> str:
        parts: list[str] = []
        for child in tc:
            if child.tag == _P:
                parts.append(_paragraph_text(child))
            elif child.tag == _TBL:  # nested table: keep its text, bounded in depth
                nested = self._table(child, Location(), depth + 1)
                parts.extend(c.text for c in nested.cells)
        return "\n".join(parts).strip()


def grid_cells(tbl: Any) -> Iterator[tuple[int, int, int, str | None, Any]]:
    """Each cell of a table as Word lays out its grid: (row, grid column, grid span, vMerge value
    or None, the w:tc), gridBefore skipped and content-control cells opened. The reader and the
    DOCX comment writer both walk tables through this."""
    for r, tr in enumerate(tr for tr in tbl if tr.tag == _TR):
        col = _grid_before(tr)
        for tc in tr:
            if tc.tag == _SDT:
                tc = tc.find(_SDT_TC)
                if tc is None:
                    continue
            if tc.tag != _TC:
                continue
            span, vmerge = _cell_props(tc)
            yield r, col, span, vmerge, tc
            col += span


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


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _DEL):
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _DEL:
            return _paragraph_text_with_deletions(p)  # rare: skip what was deleted
        elif tag == _TAB:
            if el.getparent().tag == _R:  # in pPr/w:tabs a w:tab is a tab stop, not text
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _paragraph_text_with_deletions(p: Any) -> str:
    out: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if _inside_deletion(el, p):
            continue
        if el.tag == _TAB and el.getparent().tag != _R:
            continue
        out.append((el.text or "") if el.tag == _T else ("\t" if el.tag == _TAB else "\n"))
    return "".join(out)


def _inside_deletion(el: Any, stop: Any) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _DEL:
            return True
        parent = parent.getparent()
    return False


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
    return Paragraph(_paragraph_text(p), loc, style=style_name, bold=bold, has_image=has_image)
