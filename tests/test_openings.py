"""Who wrote the report, for which year and period: the labelled openings of 24 real reports
(../shared/corpus/openings/, read, never edited) and one test per trap their notes name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import CORPUS, check_text
from typer.testing import CliRunner

from reportlint.api import check_document, check_path
from reportlint.cli import app
from reportlint.locate import build_report
from reportlint.model import Cell, Document, Location, Paragraph, Table
from reportlint.read import read_path
from reportlint.units import ExpectedUnit, compare_units, read_unit_list, unit_key

OPENINGS = CORPUS / "openings"
LABELS = json.loads((OPENINGS / "labels.json").read_text(encoding="utf-8")) if OPENINGS.is_dir() else {}
# Other forms of the unit that the labels' notes accept.
ACCEPTED = {
    "007.txt": ["上海市", "上海市政府"],
    "029.txt": ["国家卫生健康委"],
    "033.txt": ["自治区自然资源厅"],
    "035.txt": ["城南办事处"],
    "037.txt": ["长通街道"],
    "039.txt": ["开远市"],
    "041.txt": ["乌恰县人民政府"],
}
needs_openings = pytest.mark.skipif(not LABELS, reason="../shared/corpus/openings not present")


def _verdict(label: dict) -> str:
    """What a careful reader finds: no period (P201), a broken or partial one (P202), or fine."""
    if not label["period_stated"]:
        return "P201"
    if label["period_full_year"] and "MALFORMED" not in label["note"]:
        return "ok"
    return "P202"


@needs_openings
@pytest.mark.parametrize("name", sorted(LABELS))
def test_opening_unit_year_and_period(name: str) -> None:
    label = LABELS[name]
    result = check_path(OPENINGS / name)
    assert unit_key(result.unit) in {unit_key(u) for u in [label["unit"], *ACCEPTED.get(name, [])]}, result.unit
    assert "(" not in (result.unit or "") or "园区" in (result.unit or "")  # no mirror pinyin left
    assert result.year == label["year"]
    period_findings = [f for f in result.findings if f.code in ("P201", "P202")]
    verdict = _verdict(label)
    assert [f.code for f in period_findings] == ([] if verdict == "ok" else [verdict])
    if verdict == "P202":
        assert period_findings[0].actual and period_findings[0].actual in label["period_text"]
    if label["period_stated"]:
        report = build_report(read_path(OPENINGS / name))
        assert report.period is not None and report.period.quote.rstrip("。…") in label["period_text"]


@needs_openings
def test_units_list_of_the_24_openings_lists_none_as_missing(tmp_path: Path) -> None:
    names = tmp_path / "单位名单.txt"
    names.write_text("\n".join(v["unit"] for v in LABELS.values()) + "\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(OPENINGS), "--units", str(names), "-f", "json"])
    data = json.loads(out.stdout)
    assert data["units"]["expected"] == 24
    assert data["units"]["missing"] == []
    listed = {item["path"] for item in data["units"]["unlisted"]}
    assert all(not p.endswith(".txt") for p in listed)  # every report's unit is on the list


@needs_openings
def test_units_text_output_names_the_missing_unit(tmp_path: Path) -> None:
    names = tmp_path / "units.csv"
    names.write_text("单位名称,联系人\n高平市人民政府办公室,张三\n某某县统计局,李四\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(OPENINGS / "019.txt"), "--units", str(names), "--no-color"])
    assert "未报送（1 个单位）：某某县统计局" in out.stdout
    assert "不在单位名单上" not in out.stdout


# ---- unit names ----------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("开远市", "开远市人民政府"),
    ("五常市背荫河镇", "五常市背荫河镇政府"),
    ("乌恰县人民政府办公室", "乌恰县政府办"),
    ("某某县住建委", "某某县住房和城乡建设委员会"),
    ("国家卫生健康委", "国家卫生健康委员会"),
    ("廣德市統(tǒng)計局", "广德市统计局"),
    ("开远市 人民政府", "開遠市人民政府"),
    ("靖江市城南办事处(城南园区)", "靖江市城南办事处"),
    ("南关区长通街道办事处", "南关区长通街道"),
])
def test_one_unit_two_names(a: str, b: str) -> None:
    assert unit_key(a) == unit_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [("开远市人民政府", "开远市人民政府办公室"), ("某某县统计局", "某某县审计局")])
def test_two_units(a: str, b: str) -> None:
    assert unit_key(a) != unit_key(b)


def test_a_report_without_its_region_matches_the_one_list_entry_ending_with_it() -> None:
    expected = [ExpectedUnit(n, unit_key(n)) for n in ("南关区长通街道办事处", "南关区桃源街道办事处")]
    check = compare_units(expected, [("a.docx", "长通街道"), ("b.docx", "某某镇")])
    assert [u.name for u in check.missing] == ["南关区桃源街道办事处"]
    assert check.unlisted == ["b.docx"]


def test_unit_list_from_xlsx_first_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["单位", "备注"], ["某某县统计局", ""], ["某某县审计局", "x"], ["某某县统计局", "重复"]):
        sheet.append(row)
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert [u.name for u in read_unit_list(str(path))] == ["某某县统计局", "某某县审计局"]


def test_unit_list_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"
    path.write_bytes("某某县统计局\r\n\r\n某某县审计局\r\n".encode("gbk"))
    assert [u.name for u in read_unit_list(str(path))] == ["某某县统计局", "某某县审计局"]


def test_an_empty_unit_list_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(OPENINGS / "019.txt"), "--units", str(path)])
    assert out.exit_code == 2


# ---- traps the notes name -------------------------------------------------------------------

PERIOD = "本报告所列数据统计期限为2023年1月1日至2023年12月31日。"
BODY = "一、总体情况\n2023年,我局坚持公开为常态。\n"


def _unit_year(text: str) -> tuple[str | None, int | None]:
    result = check_text(text)
    return result.unit, result.year


def test_navigation_line_naming_another_body_is_not_the_unit() -> None:
    text = "首页 > 政务公开 > 县政府办\n某某县自然资源局2023年政府信息公开工作年度报告\n" + PERIOD + BODY
    assert _unit_year(text) == ("某某县自然资源局", 2023)


def test_source_line_of_a_portal_is_not_the_unit() -> None:
    text = "五常市背荫河镇2022年政府信息公开工作年度报告\n日期:2023-01-11 来源:五常市人民政府\n" + PERIOD.replace(
        "2023", "2022") + BODY
    assert _unit_year(text) == ("五常市背荫河镇", 2022)


def test_metadata_copy_of_the_title_is_used_only_without_a_real_title() -> None:
    text = "标      题 某某县审计局2023年政务信息公开工作开展年度报告\n发布机构 发布日期 2024-01-16\n" + PERIOD + BODY
    assert _unit_year(text) == ("某某县审计局", 2023)


def test_document_number_and_publication_years_are_not_the_report_year() -> None:
    text = ("发布时间:2024-01-20\n根据《条例》和《关于做好年报工作的通知》(皖政务办秘〔2024〕2号)要求,"
            "现将我局2023年政府信息公开工作年度报告公布如下。\n" + PERIOD + BODY + "某某县统计局政府信息公开工作领导小组\n")
    assert _unit_year(text) == ("某某县统计局", 2023)


def test_quoted_title_of_another_document_is_not_the_title() -> None:
    text = ("根据《关于做好2021年度政府信息公开工作年度报告编制及发布工作的通知》要求,结合我县实际撰写。"
            "本报告中使用数据统计期限为2022年1月1日至2022年12月31日。\n一、总体情况\n2022年,施秉县按照党中央部署推进公开。\n")
    result = check_text(text)
    assert (result.unit, result.year) == ("施秉县", 2022)
    assert [f.code for f in result.findings if f.code == "S105"] == ["S105"]  # no title: said once


def test_mirror_pinyin_is_dropped_from_the_name_and_the_period() -> None:
    text = ("廣德市統(tǒng)計局2023年政府信息公開工作年度報告\n"
            "使用數(shù)據(jù)統(tǒng)計時間為2023年1月1日至12月31日。\n一、總體情況\n2023年,本局堅持公開。\n")
    result = check_text(text)
    assert (result.unit, result.year) == ("廣德市統計局", 2023)
    assert not [f for f in result.findings if f.code in ("P201", "P202")]


def test_title_in_a_text_table_row() -> None:
    assert _unit_year("| 天津港保税区2023年度政府信息公开工作报告 |\n" + PERIOD + BODY) == ("天津港保税区", 2023)


def test_title_in_a_docx_table_cell() -> None:
    table = Table([Cell("某某县统计局2023年政府信息公开工作年度报告", 0, 0)], 1, 1, Location(table=1))
    paragraphs = [Paragraph(PERIOD, Location(paragraph=1)), Paragraph("一、总体情况", Location(paragraph=2))]
    result = check_document(Document("t.docx", "docx", [table, *paragraphs]))
    assert (result.unit, result.year) == ("某某县统计局", 2023)
    assert "S105" not in {f.code for f in result.findings}


@pytest.mark.parametrize(("head", "unit"), [
    ("高平市人民政府办公室\n2023年政府信息公开工作年度报告", "高平市人民政府办公室"),  # unit line above
    ("2023年政府信息公开工作年度报告\n桃江县松木塘镇人民政府", "桃江县松木塘镇人民政府"),  # unit line below
    ("西藏自治区审计厅2023年政务信息\n公开工作开展年度报告", "西藏自治区审计厅"),  # split mid-title
    ("2023年度螅镇政府信息公开工作年度报告", "螅镇"),  # year first, 年度
    ("2023年上海市政府信息公开工作年度报告", "上海市"),
    ("某某县统计局2023年政府信息公开年度报告", "某某县统计局"),  # without 工作
    ("政府信息公开\n自治区自然资源厅2023年政府信息公开工作年度报告", "自治区自然资源厅"),  # a header line is no part
])
def test_title_layouts(head: str, unit: str) -> None:
    assert _unit_year(head + "\n" + PERIOD + BODY) == (unit, 2023)


def test_site_header_gives_the_fullest_form() -> None:
    head = "新疆维吾尔自治区自然资源厅\n政府信息公开\n自治区自然资源厅2023年政府信息公开工作年度报告\n"
    assert _unit_year(head + PERIOD + BODY) == ("新疆维吾尔自治区自然资源厅", 2023)


def test_intro_sentence_gives_the_fullest_form_of_a_joint_title() -> None:
    text = ("城南办事处、城南园区2023年政府信息公开工作年度报告\n根据《条例》规定,现公布靖江市城南办事处(城南园区)"
            "2023年政府信息公开工作年度报告。" + PERIOD + "\n" + BODY)
    assert _unit_year(text) == ("靖江市城南办事处(城南园区)", 2023)


@pytest.mark.parametrize(("text", "unit"), [
    ("根据《条例》规定,现公布清远市清新区人民政府办公室(以下简称区政府办公室)2023年政府信息公开工作年度报告。",
     "清远市清新区人民政府办公室"),
    ("根据《条例》要求,结合来宾市卫生健康委员会政府信息公开工作实际,现编制2023年政府信息公开工作年度报告。",
     "来宾市卫生健康委员会"),
    ("一、总体情况\n2023年,山东省人民政府办公厅以习近平新时代中国特色社会主义思想为指导。", "山东省人民政府办公厅"),
    ("一、总体情况\n现将我乡2023年度政府信息公开工作总体情况进行报告。\n2023年,河东乡政府信息公开工作在县委领导下开展。",
     "河东乡"),
    ("- 发布机构: 开远市人民政府\n- 发布日期: 2024-02-09\n一、总体情况\n本年度我市持续推进公开。", "开远市人民政府"),
])
def test_unit_from_the_first_sentences(text: str, unit: str) -> None:
    assert _unit_year(text + "\n" + PERIOD)[0] == unit


def test_no_unit_anywhere_is_one_s105_saying_so() -> None:
    result = check_text("2023年政府信息公开工作年度报告\n" + PERIOD + "一、总体情况\n本年度持续推进公开。\n")
    s105 = [f for f in result.findings if f.code == "S105"]
    assert result.unit is None
    assert [f.message for f in s105] == ["标题没有写明发布单位，正文开头也没有（标题应如“XX区2024年政府信息公开工作年度报告”）。"]


def test_no_unit_shows_the_file_name_in_the_summary(tmp_path: Path) -> None:
    (tmp_path / "县统计局年报.txt").write_text("2023年政府信息公开工作年度报告\n" + PERIOD + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("某某县审计局2023年政府信息公开工作年度报告\n" + PERIOD + BODY, encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(tmp_path), "--no-color"])
    assert "│ 县统计局年报.txt" in out.stdout.replace(str(tmp_path) + "/", "│ ").split("汇总")[1]


# ---- every period phrasing ------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "verdict"), [
    ("本报告所列数据统计期限为2023年1月1日至2023年12月31日。", None),
    ("统计期限自2023年1月1日起至2023年12月31日止。", None),
    ("统计期限自2023年1月1日起,至2023年12月31日止。", None),
    ("所列数据统计时限为2023年1月1日至2023年12月31日。", None),
    ("报告统计数据时限为2023年1月1日至2023年12月31日止。", None),
    ("统计周期为2023年1月1日至2023年12月31日。", None),
    ("报告中所列数据的统计时间从2023年1月1日起至2023年12月31日止。", None),
    ("本年度报告中所列数据统计期限从2023年1月1日到2023年12月31日。", None),
    ("内容涵盖某某县统计局2023年1月1日至12月31日期间的政府信息公开工作情况。", None),
    ("本报告中所列数据的统计期限2023年1月1日至12月31日止。", None),  # no verb, no end year
    ("统计期限为 2 0 2 3 年 1 月 1 日至 2 0 2 3 年 12 月 31 日。", None),  # spaced digits
    ("统计期限为２０２３年１月１日至２０２３年１２月３１日。", None),  # full-width digits
    ("统计期限为2023.1.1-2023.12.31。", None),
    ("统计期限为2023年1月1日至2023年11月30日。", "不是2023年全年"),
    ("统计期限为20231月1日至2023年12月31日。", "日期写法有误"),
    ("报告所列数据统计期限自2023年1月1日起至202312月31日", "日期写法有误"),
    ("部分数据的统计期限自2023410日起至2023年12月31日止。", "日期写法有误"),
    ("本报告数据统计截至2023年12月31日。", "只写了截止日期"),
])
def test_period_phrasings(sentence: str, verdict: str | None) -> None:
    result = check_text(f"某某县统计局2023年政府信息公开工作年度报告\n{sentence}\n{BODY}")
    found = [f for f in result.findings if f.code in ("P201", "P202")]
    if verdict is None:
        assert found == []
    else:
        assert [f.code for f in found] == ["P202"]
        assert verdict in found[0].message
        assert found[0].expected == "2023-01-01 至 2023-12-31"


def test_no_period_sentence_is_p201() -> None:
    result = check_text(f"某某县统计局2023年政府信息公开工作年度报告\n{BODY}")
    assert [f.code for f in result.findings if f.code in ("P201", "P202")] == ["P201"]


def test_unit_list_reads_utf8_bom_csv(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "名称\n某某县统计局\n".encode())
    assert read_unit_list(str(path)) == [ExpectedUnit("某某县统计局", unit_key("某某县统计局"))]
