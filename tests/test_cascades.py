"""One problem, one finding (SPEC §4): each cascade the issue names gives the exact small list."""

from __future__ import annotations

import io

import docx as python_docx
from helpers import check_docx, check_text, docx_bytes, report_text, tables

from reportlint.template import build_docx

T2 = "表二（主动公开政府信息情况）"
T3 = "表三（收到和处理政府信息公开申请情况）"
T4 = "表四（行政复议、行政诉讼情况）"


def _saved(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_blank_template_is_a_handful_of_findings_in_document_order() -> None:
    from reportlint.template import blank_template

    got = [(f.code, f.location.section, f.message) for f in check_docx(blank_template(2024)).findings]
    guidance = "残留模板占位符“此处填写”，请填写实际内容。"
    assert got == [
        ("C603", None, "残留模板占位符“（单位名称）”，请填写实际内容。"),
        ("C603", "一", guidance),
        ("C603", "二", guidance),
        ("T305", "二", f"{T2}有 10 个单元格空白（全部 6 行），按0计算；没有数据请填0。"),
        ("C603", "三", guidance),
        ("T305", "三", f"{T3}有 175 个单元格空白（全部 25 行），按0计算；没有数据请填0。"),
        ("C603", "四", guidance),
        ("T305", "四", f"{T4}有 15 个单元格空白（全部 3 行），按0计算；没有数据请填0。"),
        ("C603", "五", guidance),
        ("C603", "六", guidance),
    ]  # `reportlint template`: was 206 findings (200 of them T305)


def test_template_with_empty_sections_is_s106_alone_per_section() -> None:
    blank = _saved(build_docx(2024, "某局", tables=None, sections={s: "" for s in "一二三四五六"}))
    got = [(f.code, f.location.section) for f in check_docx(blank).findings]
    assert got == [("S106", "一"), ("T305", "二"), ("T305", "三"), ("T305", "四"), ("S106", "五"), ("S106", "六")]


def test_old_layout_table_in_a_2024_report_is_t306_alone() -> None:
    document = python_docx.Document(io.BytesIO(docx_bytes()))
    relabel = {"本年制发件数": "本年新制作数量", "本年废止件数": "本年新公开数量", "现行有效件数": "对外公开总数量"}
    for row in document.tables[0].rows:
        for cell in row.cells:
            for run in (r for p in cell.paragraphs for r in p.runs):
                for new, old in relabel.items():
                    run.text = run.text.replace(new, old)
    result = check_docx(_saved(document))
    assert [(f.code, f.actual) for f in result.findings] == [("T306", "本年新制作数量")]  # was T306 + 12 (T302, T303, T304, T305)


def test_unreadable_rows_are_one_t308_per_table() -> None:
    text = report_text(style="run_together")  # table 二 has no sums to pick a reading with
    got = [(f.code, f.location.section, f.actual, f.message) for f in check_text(text).findings]
    assert got == [("T308", "二", "1012", f"{T2}“规章”、“行政规范性文件”行的数据无法唯一读出（有多种读法），"
                    "该表的勾稽核对已跳过。请用表格或用空格、制表符分隔各数值。")]


def test_a_missing_table_part_is_one_finding_naming_its_rows() -> None:
    data = tables()
    for i in range(1, 9):
        del data["applications"][f"withheld_{i}"]
    got = [(f.code, f.location.row, f.message) for f in check_text(report_text(data)).findings]
    assert got == [("T302", "1.属于国家秘密", f"{T3}缺少“1.属于国家秘密”、“2.其他法律行政法规禁止公开”、"
                    "“3.危及“三安全一稳定””等 8 行。")]


def test_empty_section_five_is_s106_alone() -> None:
    from reportlint.template import sample_sections

    secs = sample_sections(2024)
    secs["五"] = "无"
    got = [(f.code, f.location.section) for f in check_docx(docx_bytes(sections=secs)).findings]
    assert got == [("S106", "五")]  # was S106 + two C601
