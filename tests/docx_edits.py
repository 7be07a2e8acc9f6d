"""Edits a writer makes to a generated DOCX that the generator cannot: a row deleted, a table
broken in two, the intro put in a frame."""

from __future__ import annotations

import copy
import io
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def edited(data: bytes, edit: Any) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def drop_row(document: Any) -> None:
    row = document.tables[1].rows[3 + 16]._tr  # 2.重复申请
    row.getparent().remove(row)


def split_table(document: Any) -> None:
    """Table 三 in two tables, as a page break in some editors leaves it."""
    table = document.tables[1]._tbl
    second = copy.deepcopy(table)
    for tr in table.findall(f"{W}tr")[15:]:
        table.remove(tr)
    for tr in second.findall(f"{W}tr")[:15]:
        second.remove(tr)
    table.addnext(second)


def box_intro(document: Any) -> None:
    """The intro with the statistics period in a one-cell table: a framed paragraph."""
    intro = next(p for p in document.paragraphs if "统计期限" in p.text)
    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.cell(0, 0).paragraphs[0].text = intro.text
    intro._p.addnext(box._tbl)
    intro._p.getparent().remove(intro._p)


def header_and_footer(document: Any) -> None:
    """A running header with the unit's name and a footer 第 N 页 (a PAGE field), as units print."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[0]
    section.header.paragraphs[0].text = "某某区人民政府办公室政务公开"
    footer = section.footer.paragraphs[0]
    footer.text = "第 "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" 页")


def repeated_header(document: Any) -> None:
    """Word's “repeat as header row” on tables 二 and 三: every page starts with their header."""
    from docx.oxml import OxmlElement

    for table, header_rows in ((document.tables[0], 2), (document.tables[1], 3)):
        for row in table.rows[:header_rows]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
