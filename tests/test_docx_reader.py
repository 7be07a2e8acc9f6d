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


def _document() -> bytes:
    xml = f'<w:document xmlns:w="{W}"><w:body>{BODY}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", xml)
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
