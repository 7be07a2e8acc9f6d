"""Mutation suite: clean reports in every layout, one injected defect at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import TEXT_STYLES, check_docx, check_text, docx_bytes, report_text, tables

from reportlint.read import read_bytes

FORMATS = ("docx", *TEXT_STYLES)


def clean_data() -> dict[str, Any]:
    data = tables()
    # single digits in table 二 so that run-together copies stay readable
    data["disclosure"]["regulations"] = {"issued": 1, "repealed": 0, "in_force": 2}
    data["disclosure"]["normative_documents"] = {"issued": 3, "repealed": 1, "in_force": 5}
    return data


def run(fmt: str, data: dict[str, Any], **kwargs: Any) -> list[tuple[str, str | None, Any]]:
    result = check_docx(docx_bytes(data, **kwargs)) if fmt == "docx" else check_text(report_text(data, fmt, **kwargs))
    return sorted((f.code, f.location.row, _label(f.location.column)) for f in result.findings if f.code[0] in "TAN")


def _label(column: Any) -> str | None:
    return column if isinstance(column, str) else None  # text files also give a character column


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_original_has_no_table_findings(fmt: str) -> None:
    assert run(fmt, clean_data()) == []


@pytest.mark.parametrize("fmt", ["docx", "tab", "markdown", "spaces", "per_line"])
def test_changed_count_names_row_and_column(fmt: str) -> None:
    data = clean_data()
    data["applications"]["disclosed"]["commercial"] = 5  # was 4
    got = run(fmt, data)
    assert got == [("A402", "（七）总计", "商业企业"), ("A403", "（一）予以公开", "总计")]


def test_changed_count_details_docx() -> None:
    data = clean_data()
    data["applications"]["new"]["total"] = 69  # was 68: A401 and A403
    result = check_docx(docx_bytes(data))
    found = {f.code: f for f in result.findings}
    assert sorted(found) == ["A401", "A403"]  # the prose still says 收到申请68件, but A401 already names the defect
    assert found["A401"].location.column == "总计" and found["A401"].location.table == 2
    assert found["A401"].message.endswith("69 + 5 ≠ 70 + 3（相差 1）。")
    assert (found["A401"].expected, found["A401"].actual) == ("73", "74")
    assert found["A403"].location.row == "一、本年新收政府信息公开申请数量"


def test_changed_count_in_run_together_copy_is_not_guessed() -> None:
    data = clean_data()
    data["applications"]["disclosed"]["commercial"] = 5
    assert [c for c, _, _ in run("run_together", data)] == ["T308"]


@pytest.mark.parametrize("fmt", TEXT_STYLES)  # DOCX: test_dropped_row_docx removes the row itself
def test_dropped_row(fmt: str) -> None:
    data = clean_data()
    del data["applications"]["not_processed_2"]
    assert run(fmt, data) == [("T302", "2.重复申请", None)]


def test_dropped_row_docx() -> None:
    import io

    import docx

    document = docx.Document(io.BytesIO(docx_bytes(clean_data())))
    table = document.tables[1]
    row = table.rows[3 + 16]._tr  # 2.重复申请
    row.getparent().remove(row)
    buffer = io.BytesIO()
    document.save(buffer)
    result = check_docx(buffer.getvalue())
    assert sorted(f.code for f in result.findings) == ["T302"]  # its cells are absent, so no arithmetic on them
    assert next(f for f in result.findings if f.code == "T302").location.row == "2.重复申请"


@pytest.mark.parametrize("fmt", ["docx", "tab", "markdown"])
def test_blank_cell_is_t305_and_counts_as_zero(fmt: str) -> None:
    data = clean_data()
    data["applications"]["withheld_1"]["research"] = "/"
    assert run(fmt, data) == [("T305", "1.属于国家秘密", "科研机构")]


@pytest.mark.parametrize("fmt", ["docx", "tab", "markdown"])
def test_text_in_cell_is_t304(fmt: str) -> None:
    data = clean_data()
    data["applications"]["withheld_1"]["research"] = "未统计"
    assert run(fmt, data) == [("T304", "1.属于国家秘密", "科研机构")]


@pytest.mark.parametrize("fmt", ["docx", "tab"])
def test_fraction_and_negative_are_t304(fmt: str) -> None:
    data = clean_data()
    data["reviews"]["reconsideration"]["upheld"] = -1
    data["reviews"]["reconsideration"]["other"] = 4
    got = run(fmt, data)
    assert [c for c, _, _ in got] == ["T304"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_broken_review_total(fmt: str) -> None:
    data = clean_data()
    data["reviews"]["litigation_direct"]["total"] = 5
    got = run(fmt, data)
    if fmt == "run_together":
        assert [c for c, _, _ in got] == ["T308"]
    else:
        assert [c for c, _, _ in got] == ["A404"]  # the prose says 行政诉讼4件: A404 already names the broken total
        assert got[0][1] == "未经复议直接起诉"


@pytest.mark.parametrize("fmt", FORMATS)
def test_edited_prose_count_is_n501(fmt: str) -> None:
    from reportlint.template import sample_sections

    secs = sample_sections(2024)
    secs["三"] = secs["三"].replace("共收到政府信息公开申请68件", "共收到政府信息公开申请90件")
    got = run(fmt, clean_data(), sections=secs)
    assert got == [("N501", None, None)]


def test_n501_accepts_new_plus_carried_over() -> None:
    from reportlint.template import sample_sections

    secs = sample_sections(2024)
    secs["三"] = "本年度共收到政府信息公开申请73件。"  # 68 new + 5 carried over
    assert run("tab", clean_data(), sections=secs) == []


def test_old_layout_in_2021_is_t306() -> None:
    from helpers import CORPUS

    if not (CORPUS / "pingtan_2019_oldformat.txt").is_file():
        pytest.skip("corpus not present")
    text = (CORPUS / "pingtan_2019_oldformat.txt").read_text(encoding="utf-8").replace("2019", "2021")
    result = check_text(text)
    t306 = [f for f in result.findings if f.code == "T306"]
    assert len(t306) == 1 and t306[0].actual == "本年新制作数量"
    assert not [f for f in result.findings if f.code in ("T302", "T303")]


def test_subtotal_column_docx() -> None:
    import io

    from reportlint.template import build_docx

    document = build_docx(2024, "某局", clean_data())
    table = document.tables[1]
    for r, row in enumerate(table.rows):  # relabel 其他 as 小计 with a wrong value in one row
        if r == 2:
            row.cells[8].text = "小计"
    buffer = io.BytesIO()
    document.save(buffer)
    result = check_docx(buffer.getvalue())
    t303 = [f for f in result.findings if f.code[0] in "TA"]
    assert [f.code for f in t303] == ["T303"]  # and no arithmetic on a column that is not there
    assert t303[0].actual == "自然人、商业企业、科研机构、社会公益组织、法律服务机构、总计"


def test_table_split_by_page_break_docx() -> None:
    import copy
    import io

    import docx

    document = docx.Document(io.BytesIO(docx_bytes(clean_data())))
    table = document.tables[1]._tbl
    second = copy.deepcopy(table)
    rows = table.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    for tr in rows[15:]:
        table.remove(tr)
    for tr in second.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")[:15]:
        second.remove(tr)
    table.addnext(second)
    buffer = io.BytesIO()
    document.save(buffer)
    result = check_docx(buffer.getvalue())
    assert [f.code for f in result.findings] == []


def test_continuation_narrower_than_the_first_part() -> None:
    """Found by atheris: table 三 split in two, the second part narrower than the columns the
    first part's header mapped, raised IndexError (an internal-error F001)."""
    from pathlib import Path

    from reportlint.api import check_document
    from reportlint.model import Table
    from reportlint.read import read_bytes

    doc = read_bytes(docx_bytes(), Path("r.docx"))
    index = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Table) and b.n_cols == 10)
    whole = doc.blocks[index]
    assert isinstance(whole, Table)
    top = Table([c for c in whole.cells if c.row < 15], 15, 10, whole.loc)
    rest = [c for c in whole.cells if c.row >= 15 and c.col < 6]
    for cell in rest:
        cell.row -= 15
        cell.rowspan = 1
    bottom = Table(rest, whole.n_rows - 15, 6, whole.loc)
    doc.blocks[index:index + 1] = [top, bottom]
    result = check_document(doc)
    assert not [f for f in result.findings if f.code == "F001"]
    blanks = [f for f in result.findings if f.code == "T305"]
    assert len(blanks) == 1  # one finding for the table, naming how many cells the narrow part lacks
    assert (blanks[0].location.row, blanks[0].location.column) == ("1.本机关不掌握相关政府信息", "社会公益组织")
    assert "有 52 个单元格空白（“1.本机关不掌握相关政府信息”、“2.没有现成信息需要另行制作”、“3.补正后申请内容仍不明确”等 13 行）" in blanks[0].message


@pytest.mark.parametrize("kwargs", [
    {},
    {"year": 2021, "unit": "某县教育局 & <测试>"},
    {"sections": {"一": "总体情况。", "三": "", "六": "其他。"}, "period": ""},
])
def test_fixture_docx_is_the_python_docx_build(kwargs: dict[str, Any]) -> None:
    """tests/helpers.py fills a skeleton built once; it must read exactly as a fresh build."""
    from helpers import _python_docx_build

    data = tables()
    data["applications"]["new"]["total"] = "1,234"
    del data["reviews"]["litigation_direct"]
    fast = docx_bytes(data, **kwargs)
    slow = _python_docx_build(data, kwargs.get("year", 2024), kwargs.get("unit", "某某区人民政府办公室"),
                              {k: v for k, v in kwargs.items() if k not in ("year", "unit")})
    assert read_bytes(fast, Path("a.docx")).blocks == read_bytes(slow, Path("a.docx")).blocks
