"""The DOCX reader's walk of a body: what is a block, a cell and a cell's text, wherever Word or
another writer wraps them; and the comment writer's `body_blocks`/`grid_cells` counting alike."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from reportlint.model import Paragraph, Table
from reportlint.read.docx import body_blocks, grid_cells, read_docx
from reportlint.read.errors import Limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(content: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{content}</w:tc>"


BODY = (
    _p("标题")
    + f"<w:sdt><w:sdtContent>{_p('控件里的段落')}</w:sdtContent></w:sdt>"
    # a text box: its paragraphs (and its table) are the text of the paragraph that holds it
    + "<w:p><w:r><w:t>前</w:t></w:r><w:r><w:drawing><w:txbxContent>"
    + _p("框内") + f"<w:tbl><w:tr>{_tc(_p('框内表'))}</w:tr></w:tbl>"
    + "</w:txbxContent></w:drawing></w:r><w:r><w:t>后</w:t><w:br/><w:t>行</w:t></w:r></w:p>"
    + "<w:tbl>"
    # row 0: a cell spanning two columns whose tracked change kept an old span of three
    + "<w:tr>" + _tc(_p("合并"), '<w:gridSpan w:val="2"/><w:tcPrChange><w:tcPr><w:gridSpan w:val="3"/>'
                     "</w:tcPr></w:tcPrChange>") + _tc(_p("甲"), '<w:vMerge w:val="restart"/>') + "</w:tr>"
    # row 1 in a content control: one column skipped, a cell whose paragraph is in a control,
    # and the continuation of the merged cell above (its text is not shown)
    + '<w:sdt><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
    + _tc(f"<w:sdt><w:sdtContent>{_p('乙')}</w:sdtContent></w:sdt>") + _tc(_p("隐藏"), "<w:vMerge/>")
    + "</w:tr></w:sdtContent></w:sdt>"
    # row 2: a nested table's cells and a deleted run
    + "<w:tr>" + _tc(_p("外") + f"<w:tbl><w:tr>{_tc(_p('内一'))}{_tc(_p('内二'))}</w:tr></w:tbl>" + _p("尾"))
    + _tc("<w:p><w:r><w:t>12</w:t></w:r><w:del><w:r><w:t>3</w:t><w:tab/></w:r></w:del></w:p>")
    + _tc(_p("丙")) + "</w:tr>"
    + "</w:tbl>"
    + _p("结尾")
)


def _document(body: str = BODY) -> bytes:
    namespaces = f'xmlns:w="{W}" xmlns:mc="{MC}" xmlns:m="{M}"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", f"<w:document {namespaces}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def test_blocks_cells_and_their_text() -> None:
    blocks = read_docx(_document(), "walk.docx", Limits()).blocks
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.loc.paragraph) for p in paragraphs] == [
        ("标题", 1), ("控件里的段落", 2), ("前框内框内表后\n行", 3), ("结尾", 4)]
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert (table.loc.table, table.loc.paragraph, table.n_rows, table.n_cols) == (1, 3, 3, 3)
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells] == [
        ("合并", 0, 0, 1, 2),
        ("甲", 0, 2, 2, 1),
        ("乙", 1, 1, 1, 1),
        ("外\n内一\n内二\n尾", 2, 0, 1, 1),
        ("12", 2, 1, 1, 1),
        ("丙", 2, 2, 1, 1),
    ]


def test_the_comment_writer_counts_blocks_and_cells_as_the_reader_does() -> None:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(_document())).read("word/document.xml"))[0]
    blocks = list(body_blocks(body))
    assert [b.tag.split("}")[1] for b in blocks] == ["p", "p", "p", "tbl", "p"]
    laid_out = [(r, col, span, vmerge, "".join(tc.itertext())) for r, col, span, vmerge, tc in grid_cells(blocks[3])]
    assert laid_out == [
        (0, 0, 2, None, "合并"), (0, 2, 1, "restart", "甲"),
        (1, 1, 1, None, "乙"), (1, 2, 1, "continue", "隐藏"),
        (2, 0, 1, None, "外内一内二尾"), (2, 1, 1, None, "123"), (2, 2, 1, None, "丙"),
    ]


ODD_BODY = (
    _p("甲")
    + "<w:ins><w:r><w:t>块间文字</w:t></w:r></w:ins>"  # a run between blocks belongs to no paragraph
    # a text box drawn twice (the choice, and VML for older readers): its text is read once
    + "<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
    + "<w:txbxContent>" + _p("框") + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    + "<w:txbxContent>" + _p("框") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    + "<w:r><w:t>后</w:t></w:r></w:p>"
    # a formula's line break is a line break
    + "<w:p><m:oMath><m:r><w:t>1</w:t><w:br/><w:t>2</w:t></m:r></m:oMath></w:p>"
    # body content written twice the same way: the choice is read
    + f"<mc:AlternateContent><mc:Choice Requires=\"w14\">{_p('选')}</mc:Choice>"
    + f"<mc:Fallback>{_p('备')}</mc:Fallback></mc:AlternateContent>"
    + "<w:tbl>"
    + "<w:tr>" + _tc(_p("项目")) + _tc(_p("数量")) + "</w:tr>"
    + _tc(_p("行外"))  # a cell outside any row is not laid out
    + '<w:sdt><w:sdtContent><w:tr>' + _tc(_p("收到")) + _tc(_p("5"))  # a repeating-section row
    + f"<w:tbl><w:tr>{_tc(_p('行中表'))}</w:tr></w:tbl>"  # a table where only cells can stand
    + "</w:tr></w:sdtContent></w:sdt>"
    + "</w:tbl>"
    + "<w:ins><w:r><w:t>表后</w:t></w:r></w:ins>"
)


def test_text_outside_paragraphs_fallbacks_and_misplaced_structure_are_not_read() -> None:
    blocks = read_docx(_document(ODD_BODY), "odd.docx", Limits()).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["甲", "前框后", "1\n2", "选"]
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [(c.text, c.row, c.col) for c in table.cells] == [("项目", 0, 0), ("数量", 0, 1), ("收到", 1, 0), ("5", 1, 1)]


def test_the_comment_writer_finds_a_cell_in_a_repeating_section_row() -> None:
    from reportlint.output.docx_anchor import cell_paragraph

    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(_document(ODD_BODY))).read("word/document.xml"))[0]
    blocks = list(body_blocks(body))
    assert [b.tag.split("}")[1] for b in blocks] == ["p", "p", "p", "p", "tbl"]
    table = blocks[4]
    assert [(r, col, "".join(tc.itertext())) for r, col, _, _, tc in grid_cells(table)] == [
        (0, 0, "项目"), (0, 1, "数量"), (1, 0, "收到"), (1, 1, "5")]
    assert "".join(cell_paragraph(table, "收到", "数量").itertext()) == "5"


def test_one_traditional_hint_in_any_table_has_every_table_converted_for_the_layout_markers() -> None:
    """採購 is not a hint of Traditional script, 總 is: the 2019 marker 政府集中采购 is found in the
    first table because the second one has 總計 (as when all tables were searched as one text)."""
    from reportlint.locate import build_report
    from reportlint.model import Cell, Document, Location

    def table(n: int, *texts: str) -> Table:
        return Table([Cell(t, row=i, col=0) for i, t in enumerate(texts)], len(texts), 1, Location(table=n))

    doc = Document("t.docx", "docx", [
        Paragraph("某区2021年政府信息公开工作年度报告", Location(paragraph=1)),
        table(1, "政府集中採購", "1"), table(2, "總計", "2")])
    report = build_report(doc)
    assert (report.layout_pack.id, report.foreign_marker) == ("gov-2019-60", "政府集中采购")
