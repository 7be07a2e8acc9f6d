"""Split and decorated tables read alike in every reader: a table broken in two (Word's “save as
web page” puts an empty paragraph at the page break) and a 小计 column added to table 三."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx_edits import box_intro, edited
from helpers import TEXT_STYLES, check_text, docx_bytes, report_text, tables
from renderers import document_html

from reportlint.api import check_bytes
from reportlint.extract import extract_document
from reportlint.model import Table
from reportlint.read import read_bytes

ORGS = ("commercial", "research", "nonprofit", "legal_services", "other_org")


def _page(data: dict[str, Any] | None = None) -> str:
    return document_html(read_bytes(docx_bytes(data), Path("r.docx"))).decode()


def _split(page: str, table: int, at_row: int, between: str = "<p>&nbsp;</p>") -> str:
    """Table number `table` (0-based) broken in two before its row `at_row`."""
    start = [m.start() for m in re.finditer("<table", page)][table]
    end = page.index("</table>", start)
    cut = start + [m.start() for m in re.finditer("<tr>", page[start:end])][at_row]
    return page[:cut] + f'</table>\n{between}\n<table border="1">' + page[cut:]


@pytest.mark.parametrize("at_row", [4, 8, 15, 24, 27])
@pytest.mark.parametrize("between", ["<p>&nbsp;</p>", "<p>续表</p>"])
def test_html_table_broken_by_an_empty_paragraph_is_one_table(at_row: int, between: str) -> None:
    whole = _page()
    page = _split(whole, 1, at_row, between)
    result = check_bytes(page.encode(), name="r.html")
    assert [f.code for f in result.findings] == []
    doc = read_bytes(page.encode(), Path("r.html"))
    assert len(doc.tables) == 3
    assert extract_document(doc) == extract_document(read_bytes(whole.encode(), Path("r.html")))


def test_joined_html_table_still_reports_its_defects() -> None:
    data = tables()
    data["applications"]["not_processed_2"]["natural_person"] = 2  # was 1: the 总计 column and row break
    page = _split(_page(data), 1, 15)
    got = sorted((f.code, f.location.row, f.location.column) for f in check_bytes(page.encode(), name="r.html").findings)
    assert got == [("A402", "（七）总计", "自然人"), ("A403", "2.重复申请", "总计")]


def test_html_tables_with_text_between_or_their_own_header_stay_apart() -> None:
    page = _page()
    with_text = _split(page, 1, 15, between="<p>（下表续）本表为续表</p>")
    assert len(read_bytes(with_text.encode(), Path("r.html")).tables) == 4
    start = [m.start() for m in re.finditer("<table", page)][1]
    header = page[page.index("<tr>", start): page.index("</tr>", start) + 5]
    repeated = _split(page, 1, 15, between="<p></p>").replace('<table border="1">', f'<table border="1">{header}', 2)
    assert len(read_bytes(repeated.encode(), Path("r.html")).tables) == 4


def test_html_tables_whose_columns_do_not_line_up_stay_apart() -> None:
    page = _page()
    start = [m.start() for m in re.finditer("<table", page)][2]  # table 四 right after table 三
    between = page[page.rindex("</table>", 0, start) + len("</table>"): start]
    joined = page.replace(between, "\n<p> </p>\n", 1)
    doc = read_bytes(joined.encode(), Path("r.html"))
    assert [t.n_cols for t in doc.tables if isinstance(t, Table)][-2:] == [10, 15]


def test_framed_intro_is_prose_in_docx_and_html() -> None:
    """A one-cell table around the intro (a framed paragraph) is prose: its period is found."""
    data = edited(docx_bytes(), box_intro)
    doc = read_bytes(data, Path("r.docx"))
    assert any(isinstance(b, Table) and b.n_cols == 1 and "统计期限" in b.cells[0].text for b in doc.blocks)
    assert [f.code for f in check_bytes(data, name="r.docx").findings] == []
    page = document_html(doc)
    assert [f.code for f in check_bytes(page, name="r.html").findings] == []


# ---- 小计 ------------------------------------------------------------------------------


def _with_subtotal_column(data: dict[str, Any], style: str, subtotals: dict[str, int]) -> str:
    """A text report whose table 三 has a 小计 column after 其他 (header and every row)."""
    from helpers import PACK, _cells

    tdef = PACK.tables["applications"]
    lines = report_text(data, style).split("\n")
    for index, line in enumerate(lines):
        if line.startswith("申请人情况"):
            lines[index] += " 小计"
        row = next((r for r in tdef.rows if line.startswith(r.label) and line[len(r.label):][:1] in ("", *"\t |0123456789")),
                   None)
        if row is None or row.id not in subtotals:
            continue
        values: list[Any] = [data["applications"][row.id][c.id] for c in tdef.columns]
        values.insert(6, subtotals[row.id])
        if style == "per_line":  # the label alone, then one value per line
            lines[index + 1: index + 8] = ["\n".join(_cells(values, style).strip("\n").split("\n"))]
        else:
            lines[index] = row.label + _cells(values, style)
    return "\n".join(lines)


def _readable_data() -> dict[str, Any]:
    """The sample values with single digits in table 二, so run-together copies stay readable."""
    data = tables()
    data["disclosure"]["regulations"] = {"issued": 1, "repealed": 0, "in_force": 2}
    data["disclosure"]["normative_documents"] = {"issued": 3, "repealed": 1, "in_force": 5}
    return data


def _subtotals(data: dict[str, Any]) -> dict[str, int]:
    return {rid: sum(values[c] for c in ORGS) for rid, values in data["applications"].items()}


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_subtotal_column_in_text_is_read_not_t308(style: str) -> None:
    data = _readable_data()
    text = _with_subtotal_column(data, style, _subtotals(data))
    assert "小计" in text
    result = check_text(text)
    assert [f.code for f in result.findings] == []
    assert result.tables is not None
    assert result.tables["applications"] == check_text(report_text(data, style)).tables["applications"]  # type: ignore[index]


@pytest.mark.parametrize("style", ["tab", "markdown", "spaces", "per_line"])
def test_wrong_subtotal_in_text_is_a405(style: str) -> None:
    data = _readable_data()
    subtotals = _subtotals(data)
    subtotals["disclosed"] += 1
    result = check_text(_with_subtotal_column(data, style, subtotals))
    got = [(f.code, f.location.row, f.location.column, f.expected, f.actual) for f in result.findings]
    assert got == [("A405", "（一）予以公开", "小计", str(subtotals["disclosed"] - 1), str(subtotals["disclosed"]))]



@pytest.mark.parametrize("style", ["tab", "markdown", "spaces", "per_line"])
def test_subtotal_row_in_text_is_read_and_checked(style: str) -> None:
    data = tables()
    withheld = [values for rid, values in data["applications"].items() if rid.startswith("withheld_")]
    sums = [sum(v[c.id] for v in withheld) for c in _columns()]
    sep = {"tab": "\t", "markdown": " | ", "spaces": "   ", "per_line": "\n"}[style]
    lines = report_text(data, style).split("\n")
    after = next(i for i, line in enumerate(lines) if line.startswith("8.属于行政查询事项"))
    after += len(sums) if style == "per_line" else 0  # the label alone, then one value per line

    def with_row(values: list[int]) -> str:
        return "\n".join([*lines[:after + 1], "小计" + sep + sep.join(map(str, values)), *lines[after + 1:]])

    assert [f.code for f in check_text(with_row(sums)).findings] == []
    broken = sums[:-1] + [sums[-1] + 1]  # its 总计 off by one
    got = [(f.code, f.location.row, f.location.column) for f in check_text(with_row(broken)).findings]
    assert got == [("A403", "小计", "总计")]


def _columns() -> tuple[Any, ...]:
    from helpers import PACK

    return PACK.tables["applications"].columns
