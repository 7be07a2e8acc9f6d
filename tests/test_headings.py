"""Headings by closeness: a character added, dropped or changed in any of the six headings is
that section (S104 naming the difference), never a missing one (S101)."""

from __future__ import annotations

import pytest
from helpers import PACK, check_docx, check_text, docx_bytes, report_text

from reportlint.checks.structure import heading_difference


def _variants() -> list[tuple[str, str, str, str]]:
    """(section, heading as written, how it differs) for each edit of each template heading."""
    out = []
    for section in PACK.sections:
        title = section.title
        at = len(title) // 2
        if not ("\u4e00" <= title[at] <= "\u9fff"):
            at += 1  # not on the 、 of section 四
        ch = title[at]
        out.append((section.id, "added", title[:at] + "的" + title[at:], "多了“的”字"))
        out.append((section.id, "dropped", title[:at] + title[at + 1 :], f"少了“{ch}”字"))
        out.append((section.id, "changed", title[:at] + "之" + title[at + 1 :], f"“{ch}”写作“之”"))
    return out


VARIANTS = _variants()


def _with_heading(section_id: str, title: str) -> str:
    template = next(s.title for s in PACK.sections if s.id == section_id)
    return report_text().replace(f"{section_id}、{template}\n", f"{section_id}、{title}\n", 1)


@pytest.mark.parametrize(("section_id", "edit", "title", "diff"), VARIANTS, ids=[f"{v[0]}-{v[1]}" for v in VARIANTS])
def test_heading_variant_is_s104_not_s101(section_id: str, edit: str, title: str, diff: str) -> None:
    template = next(s.title for s in PACK.sections if s.id == section_id)
    result = check_text(_with_heading(section_id, title))
    assert [(f.code, f.location.section, f.expected, f.actual) for f in result.findings] == [
        ("S104", section_id, f"{section_id}、{template}", f"{section_id}、{title}")]
    assert result.findings[0].message == (
        f"第{section_id}部分标题写作“{section_id}、{title}”，模板为“{section_id}、{template}”（{diff}）。")


@pytest.mark.parametrize("section_id", ["二", "三", "五"])
def test_heading_variant_in_docx(section_id: str) -> None:
    import docx as python_docx

    from reportlint.template import sample_sections

    variant = next(v for v in VARIANTS if v[0] == section_id and v[1] == "dropped")
    template = next(s.title for s in PACK.sections if s.id == section_id)
    document = python_docx.Document(__import__("io").BytesIO(docx_bytes(sections=sample_sections(2024))))
    para = next(p for p in document.paragraphs if p.text.strip() == f"{section_id}、{template}")
    for run in para.runs[1:]:
        run.text = ""
    para.runs[0].text = f"{section_id}、{variant[2]}"
    buffer = __import__("io").BytesIO()
    document.save(buffer)
    result = check_docx(buffer.getvalue())
    assert [(f.code, f.location.section, f.actual) for f in result.findings] == [
        ("S104", section_id, f"{section_id}、{variant[2]}")]


def test_published_misspellings_from_the_issue() -> None:
    text = _with_heading("二", "主动公开政府信息的情况")
    assert [(f.code, f.message) for f in check_text(text).findings] == [
        ("S104", "第二部分标题写作“二、主动公开政府信息的情况”，模板为“二、主动公开政府信息情况”（多了“的”字）。")]
    text = _with_heading("三", "收到和处理政府信公开申请情况")
    assert [(f.code, f.message) for f in check_text(text).findings] == [
        ("S104", "第三部分标题写作“三、收到和处理政府信公开申请情况”，模板为“三、收到和处理政府信息公开申请情况”（少了“息”字）。")]


def test_key_words_in_order_make_the_heading() -> None:
    text = _with_heading("四", "行政复议及行政诉讼案件情况")
    result = check_text(text)
    assert [(f.code, f.actual) for f in result.findings] == [("S104", "四、行政复议及行政诉讼")]


def test_nothing_plausible_is_still_s101() -> None:
    text = _with_heading("六", "附件")
    assert [f.code for f in check_text(text).findings] == ["S101"]


def test_contents_line_with_a_misspelt_name_is_not_a_heading() -> None:
    contents = ("一、总体情况 二、主动公开政府信息的情况 三、收到和处理政府信息公开申请情况 "
                "四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项")
    text = report_text().replace("二、主动公开政府信息情况\n", "")
    text = text.replace("本报告所列数据", contents + "\n本报告所列数据", 1)
    assert [(f.code, f.location.section) for f in check_text(text).findings] == [("S101", "二")]


def test_sub_heading_in_section_one_is_not_section_two() -> None:
    text = report_text().replace("一、总体情况\n", "一、总体情况\n2.主动公开情况\n本年度主动公开信息。\n", 1)
    assert [f.code for f in check_text(text).findings] == []


@pytest.mark.parametrize(("number", "title", "expected"), [
    ("第五部分", "存在的主要问题及改进情况", "编号写作“第五部分”"),
    ("五、", "存在问题及改进情况", "少了“的主要”"),
    ("五、", "存在的主要问题及改进情况。", "标点或空格不同"),
    ("", "存在的主要问题和改进情况", "“及”写作“和”"),
])
def test_heading_difference_wording(number: str, title: str, expected: str) -> None:
    section = next(s for s in PACK.sections if s.id == "五")
    assert heading_difference(number, title, section) == expected


def test_a_long_heading_is_compared_whole_not_as_quoted() -> None:
    """The quote in the message is cut at 60 characters; the difference is worked out on the
    whole heading."""
    text = report_text().replace("四、政府信息公开行政复议、行政诉讼情况\n",
                                 "四、政府信息公开" + " " * 60 + "行政复议、行政诉讼请况\n", 1)
    assert [(f.code, f.message.split("（")[-1]) for f in check_text(text).findings] == [("S104", "“情”写作“请”）。")]


def test_a_number_on_its_own_line_is_quoted_with_its_title() -> None:
    """A close heading (one character too many) whose number stands on the line above: the
    message quotes both lines, and the heading it found differs only by that line break."""
    text = report_text().replace("四、政府信息公开行政复议、行政诉讼情况\n", "四、\n政府信息公开行政复议、行政诉讼情况况\n", 1)
    assert [(f.code, f.actual, f.message.split("（")[-1]) for f in check_text(text).findings] == [
        ("S104", "四、 政府信息公开行政复议、行政诉讼情况", "标点或空格不同）。")]


def test_close_heading_numbered_as_a_part() -> None:
    text = report_text().replace("二、主动公开政府信息情况\n", "第二部分 主动公开政府信息的情况\n", 1)
    assert [(f.code, f.actual, f.message.split("（")[-1]) for f in check_text(text).findings] == [
        ("S104", "第二部分 主动公开政府信息的情况", "编号写作“第二部分”，多了“的”字）。")]
