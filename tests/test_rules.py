"""Each structure/period/content rule: a failing and a passing case, in text and DOCX."""

from __future__ import annotations

import itertools

import pytest
from helpers import check_docx, check_text, codes, docx_bytes, report_text, tables

from reportlint.template import sample_sections


def sections(**changes: str | None) -> dict[str, str]:
    out = sample_sections(2024)
    for key, value in changes.items():
        sid = {"s1": "一", "s2": "二", "s3": "三", "s4": "四", "s5": "五", "s6": "六"}[key]
        if value is None:
            del out[sid]
        else:
            out[sid] = value
    return out


def test_clean_text_and_docx_have_no_findings() -> None:
    assert check_text(report_text()).findings == []
    assert check_docx(docx_bytes()).findings == []


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_s101_missing_section(fmt: str) -> None:
    secs = sections(s5=None)
    result = check_text(report_text(sections=secs)) if fmt == "text" else check_docx(docx_bytes(sections=secs))
    assert codes(result) == ["S101"]
    assert result.findings[0].location.section == "五"
    assert "存在的主要问题及改进情况" in result.findings[0].message


def test_s102_order() -> None:
    text = report_text().replace("五、存在的主要问题及改进情况", "＠").replace("六、其他需要报告的事项", "五、存在的主要问题及改进情况").replace("＠", "六、其他需要报告的事项")
    result = check_text(text)
    assert codes(result, "S") == ["S102"]
    assert next(f for f in result.findings if f.code == "S102").location.section == "五"


def test_s103_duplicate_but_not_contents_line() -> None:
    contents = "一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，六、其他需要报告的事项"
    text = report_text().replace("本报告所列数据", contents + "\n本报告所列数据")
    assert codes(check_text(text)) == []
    dup = text + "一、总体情况\n再次出现。\n"
    result = check_text(dup)
    assert codes(result) == ["S103"]
    assert result.findings[0].location.line == len(dup.splitlines()) - 1


def test_s104_variant_wording_and_inline_headings() -> None:
    text = report_text().replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况")
    result = check_text(text)
    assert [(f.code, f.expected, f.actual) for f in result.findings] == [("S104", "五、存在的主要问题及改进情况", "五、存在问题及改进情况")]
    inline = "".join(report_text(style="tab").splitlines()[:3]) + "\n" + "\n".join(report_text().splitlines()[3:])
    assert "S101" not in codes(check_text(inline))


def test_s105_title_missing() -> None:
    text = report_text().replace("某某区2024年政府信息公开工作年度报告", "关于政务公开工作的报告")
    assert codes(check_text(text)) == ["S105"]


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_s106_empty_section(fmt: str) -> None:
    secs = sections(s5="略")
    result = check_text(report_text(sections=secs)) if fmt == "text" else check_docx(docx_bytes(sections=secs))
    assert codes(result) == ["S106"]  # and not the content rules of section 五 (C601, C606): one problem, one finding
    assert next(f for f in result.findings if f.code == "S106").location.section == "五"
    assert "S106" not in codes(check_text(report_text(sections=sections(s6="无。本年度未收取信息处理费。"))))


def test_p201_period_missing_and_p202_mismatch() -> None:
    assert codes(check_text(report_text(period="根据条例编制本报告。"))) == ["P201"]
    result = check_text(report_text(period="本报告统计期限为2024年1月1日至2024年6月30日。"))
    assert codes(result) == ["P202"]
    assert result.findings[0].location.line == 2
    assert codes(check_text(report_text(period="统计时限为2024年1月1日至12月31日。"))) == []
    assert codes(check_docx(docx_bytes(period="数据统计期限为2023年1月1日至2023年12月31日。"))) == ["P202"]


def test_p203_year_mismatch() -> None:
    secs = sections(s3="本年度共收到申请75件，其中2022年结转5件，结转至2025年11件。")
    result = check_text(report_text(sections=secs))
    assert [(f.code, f.expected, f.actual) for f in result.findings if f.code == "P203"] == [("P203", "2023", "2022")]


def test_t301_missing_tables_text_and_docx() -> None:
    data = tables()
    text = report_text(data).split("第二十条第（一）项")[0] + "三、收到和处理政府信息公开申请情况\n无表格\n四、政府信息公开行政复议、行政诉讼情况\n无\n五、存在的主要问题及改进情况\n上年度问题已整改，下一步将加强。\n六、其他需要报告的事项\n未收取信息处理费。\n"
    result = check_text(text)
    assert [(f.code, f.location.section) for f in result.findings if f.code == "T301"] == [("T301", "二"), ("T301", "三"), ("T301", "四")]


def test_c603_placeholders() -> None:
    result = check_text(report_text(sections=sections(s6="XX局（文字描述）此处填写。未收取信息处理费。")))
    assert [f.actual for f in result.findings] == ["XX", "（文字描述）", "此处填写"]
    assert all(f.code == "C603" and f.location.section == "六" for f in result.findings)


def test_c604_page_residue_only_in_text_and_docx() -> None:
    result = check_text(report_text() + "- 4 -\n当前位置：首页 > 政务公开\n")
    assert [(f.code, f.actual) for f in result.findings] == [("C604", "- 4 -"), ("C604", "当前位置：")]


def test_c601_c602_content() -> None:
    result = check_text(report_text(sections=sections(s5="存在的问题：人员不足。", s6="无。")))
    assert [(f.code, f.location.section, f.message) for f in result.findings] == [
        ("C601", "五", "第五部分没有说明改进措施或下一步计划。"),
        ("C606", "五", "第五部分没有说明上年度问题的整改情况（通行做法，供参考）。"),
        ("C602", "六", "第六部分没有说明信息处理费收取情况（国办函〔2020〕109号）。"),
    ]
    assert [f.severity for f in result.findings] == ["warning", "info", "warning"]


def test_c601_one_finding_when_section_five_names_neither_problems_nor_plans() -> None:
    result = check_text(report_text(sections=sections(s5="本年度工作平稳有序。")))
    assert [(f.code, f.message) for f in result.findings] == [
        ("C601", "第五部分没有说明存在的主要问题，也没有说明改进措施或下一步计划。"),
        ("C606", "第五部分没有说明上年度问题的整改情况（通行做法，供参考）。"),
    ]


def test_c606_quiet_when_last_years_problems_are_addressed() -> None:
    text = "针对上年度存在的问题，已全部整改到位。本年度存在的问题是人员不足。下一步将加强培训。"
    assert codes(check_text(report_text(sections=sections(s5=text)))) == []


def test_f003_not_a_report() -> None:
    result = check_text("关于召开年度工作会议的通知\n请各单位准时参加。\n")
    assert codes(result) == ["F003"]


def test_traditional_copy_is_checked_like_simplified() -> None:
    import opencc

    trad = opencc.OpenCC("s2twp").convert(report_text())
    result = check_text(trad)
    assert codes(result) == []


def test_every_label_survives_the_traditional_round_trip() -> None:
    """A Traditional copy folds back through OpenCC tw2sp; each label must still match."""
    import opencc

    from reportlint.locate.labels import compile_labels
    from reportlint.normalize import fold_width
    from reportlint.pack import load_pack

    back = opencc.OpenCC("tw2sp")
    for to_trad, pack_id in itertools.product(map(opencc.OpenCC, ("s2twp", "s2tw", "s2t")), ("gov-2021-30", "gov-2019-60")):
        pack = load_pack(pack_id)
        for tdef in pack.tables.values():
            for item in tdef.rows + tdef.columns:
                folded = fold_width(back.convert(to_trad.convert(item.label)))
                assert compile_labels((item.label, *item.aliases)).search(folded), (pack_id, item.label)
