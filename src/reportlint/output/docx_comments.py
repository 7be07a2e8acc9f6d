"""`--format docx`: the writer's own DOCX back, with each finding as a Word comment where
it applies (a paragraph, or the row's label cell in a table). The input is only read; the
annotated copy goes to `--output`.

Blocks are counted by the reader's own `body_blocks`, so a finding's paragraph or table
number finds its place again.
"""

from __future__ import annotations

import io
import re
from typing import Any

from reportlint.model import FileResult, Finding
from reportlint.output.locations import describe
from reportlint.output.safe import shown
from reportlint.read.docx import body_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTHOR, INITIALS = "reportlint", "RL"


def render_docx(results: list[FileResult], options: Any) -> bytes:
    if len(results) != 1 or results[0].format != "docx" or results[0].unreadable:
        raise RuntimeError("--format docx writes comments into one readable .docx: give exactly one .docx file")
    import docx

    result = results[0]
    with open(result.path, "rb") as fh:  # read-only: the input is never written
        document = docx.Document(io.BytesIO(fh.read()))
    blocks = list(body_blocks(document.element.body))
    paragraphs = [b for b in blocks if b.tag == f"{W}p"]
    tables = [b for b in blocks if b.tag == f"{W}tbl"]
    for finding in result.findings:
        element = _anchor(finding, paragraphs, tables)
        document.add_comment(_runs(element, document), text=_text(finding, options.lang), author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _anchor(finding: Finding, paragraphs: list[Any], tables: list[Any]) -> Any:
    """The w:p to comment on: the row's label cell, the paragraph, or else the title."""
    loc = finding.location
    if loc.table and loc.table <= len(tables):
        return _row_cell_paragraph(tables[loc.table - 1], loc.row)
    if loc.paragraph and loc.paragraph <= len(paragraphs):
        return paragraphs[loc.paragraph - 1]
    return next((p for p in paragraphs if "".join(p.itertext()).strip()), paragraphs[0] if paragraphs else None)


def _row_cell_paragraph(table: Any, row_label: str | None) -> Any:
    cells = [tc for tc in table.iter(f"{W}tc")]
    wanted = _bare(row_label or "")
    texts = [_bare("".join(tc.itertext())) for tc in cells]
    index = next((i for i, t in enumerate(texts) if wanted and t == wanted), None)
    if index is None:
        index = next((i for i, t in enumerate(texts) if wanted and wanted in t), 0)
    return cells[index].find(f"{W}p") if cells else table


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _runs(element: Any, document: Any) -> Any:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element if element is not None else document.add_paragraph()._p, document._body)
    runs = [r for r in paragraph.runs if r.text]
    return runs or paragraph.add_run("")  # an empty paragraph still takes a comment


def _text(finding: Finding, lang: str) -> str:
    where = describe(finding.location, lang)
    # shown: a control character quoted from the report is not allowed in the comment's XML
    return shown(f"{finding.code} {finding.name}（{where}）：{finding.message}")
