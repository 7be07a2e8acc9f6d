"""The sheets of tables 二, 三 and 四 that `aggregate` and `extract` write (output/tables_xlsx.py),
cell by cell and merge by merge, for the shipped pack: blank, with the template's sample values,
and with a table not found. The layout is drawn from the pack's data (row and column groups,
the template block); these expectations are the 2021 form itself, written out. Also the 2019
trial pack's sheets, and `aggregate` naming a layout it cannot add by that pack's title."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import Workbook

from reportlint.aggregate import exclusion_reason
from reportlint.model import FileResult
from reportlint.output.tables_xlsx import add_table_sheets
from reportlint.pack import load_pack
from reportlint.template import sample_tables

T2, T3, T4 = "表二（主动公开政府信息情况）", "表三（收到和处理政府信息公开申请情况）", "表四（行政复议、行政诉讼情况）"

# 表二: four blocks, each a caption across A:D, a header row under 信息内容, then its rows; a block of
# one value column spans B:D.
T2_MERGES = {"A1:D1", "A5:D5", "B6:D6", "B7:D7", "A8:D8", "B9:D9", "B10:D10", "B11:D11", "A12:D12", "B13:D13", "B14:D14"}
T2_SAMPLE = [
    ["第二十条第（一）项", None, None, None],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", 1, 0, 12],
    ["行政规范性文件", 8, 3, 65],
    ["第二十条第（五）项", None, None, None],
    ["信息内容", "本年处理决定数量", None, None],
    ["行政许可", 2293, None, None],
    ["第二十条第（六）项", None, None, None],
    ["信息内容", "本年处理决定数量", None, None],
    ["行政处罚", 128, None, None],
    ["行政强制", 42, None, None],
    ["第二十条第（八）项", None, None, None],
    ["信息内容", "本年收费金额（单位：万元）", None, None],
    ["行政事业性收费", "25.3", None, None],
]
T2_VALUE_ROWS = (2, 3, 6, 9, 10, 13)  # 0-based rows that hold values; the rest are captions and headers

T3_MERGES = {"A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3",  # corner note, 申请人情况, 自然人, 法人或其他组织, 总计
             "A4:C4", "A5:C5", "A6:A27", "B6:C6", "B7:C7", "B8:B15", "B16:B18", "B19:B23", "B24:B26", "B27:C27", "A28:C28"}
T3_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", None, None, "申请人情况", None, None, None, None, None, None],
    [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
    [None, None, None, None, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", None],
]
T3_LABELS = [
    ["一、本年新收政府信息公开申请数量", None, None],
    ["二、上年结转政府信息公开申请数量", None, None],
    ["三、本年度办理结果", "（一）予以公开", None],
    [None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None],
    [None, "（三）不予公开", "1.属于国家秘密"],
    [None, None, "2.其他法律行政法规禁止公开"],
    [None, None, "3.危及“三安全一稳定”"],
    [None, None, "4.保护第三方合法权益"],
    [None, None, "5.属于三类内部事务信息"],
    [None, None, "6.属于四类过程性信息"],
    [None, None, "7.属于行政执法案卷"],
    [None, None, "8.属于行政查询事项"],
    [None, "（四）无法提供", "1.本机关不掌握相关政府信息"],
    [None, None, "2.没有现成信息需要另行制作"],
    [None, None, "3.补正后申请内容仍不明确"],
    [None, "（五）不予处理", "1.信访举报投诉类申请"],
    [None, None, "2.重复申请"],
    [None, None, "3.要求提供公开出版物"],
    [None, None, "4.无正当理由大量反复申请"],
    [None, None, "5.要求行政机关确认或重新出具已获取信息"],
    [None, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    [None, None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    [None, None, "3.其他"],
    [None, "（七）总计", None],
    ["四、结转下年度继续办理", None, None],
]
T3_SAMPLE_VALUES = [
    [60, 6, 0, 0, 1, 1, 68], [4, 1, 0, 0, 0, 0, 5], [30, 4, 0, 0, 1, 0, 35], [5, 1, 0, 0, 0, 0, 6],
    [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0],
    [12, 2, 0, 0, 0, 1, 15], [3, 0, 0, 0, 0, 0, 3], [1, 0, 0, 0, 0, 0, 1],
    [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0],
    [2, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1],
    [61, 7, 0, 0, 1, 1, 70], [3, 0, 0, 0, 0, 0, 3],
]

T4_MERGES = {"A1:E1", "F1:O1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:J2", "K2:O2"}
_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_HEADER = [
    ["行政复议", None, None, None, None, "行政诉讼", *[None] * 9],
    [*_RESULTS, "未经复议直接起诉", None, None, None, None, "复议后起诉", None, None, None, None],
    [None] * 5 + _RESULTS * 2,
]
T4_SAMPLE_VALUES = [1, 0, 2, 0, 3, 2, 1, 0, 1, 4, 0, 0, 0, 0, 0]


def _sheets(tables: dict[str, Any] | None) -> dict[str, tuple[list[list[Any]], set[str]]]:
    book = Workbook()
    book.remove(book.active)
    add_table_sheets(book, tables)
    return {s.title: ([list(r) for r in s.iter_rows(values_only=True)], {str(m) for m in s.merged_cells.ranges})
            for s in book.worksheets}


@pytest.fixture(scope="module")
def blank() -> dict[str, tuple[list[list[Any]], set[str]]]:
    return _sheets(None)


@pytest.fixture(scope="module")
def sample() -> dict[str, tuple[list[list[Any]], set[str]]]:
    return _sheets(sample_tables())


def _emptied(rows: list[list[Any]], value_rows: tuple[int, ...]) -> list[list[Any]]:
    """The sample grid with its value cells left empty, as a blank sheet has them."""
    return [[row[0], *("" if v is not None else None for v in row[1:])] if i in value_rows else row
            for i, row in enumerate(rows)]


def test_the_sheets_are_named_and_ordered_as_the_pack_names_them(blank: dict[str, Any]) -> None:
    assert list(blank) == [T2, T3, T4]


def test_table_two_blocks_under_their_article_captions(blank: dict[str, Any], sample: dict[str, Any]) -> None:
    assert sample[T2] == (T2_SAMPLE, T2_MERGES)
    assert blank[T2] == (_emptied(T2_SAMPLE, T2_VALUE_ROWS), T2_MERGES)


def test_table_three_header_groups_and_results_block(blank: dict[str, Any], sample: dict[str, Any]) -> None:
    assert sample[T3] == (T3_HEADER + [labels + values for labels, values in zip(T3_LABELS, T3_SAMPLE_VALUES, strict=True)],
                          T3_MERGES)
    assert blank[T3] == (T3_HEADER + [labels + [""] * 7 for labels in T3_LABELS], T3_MERGES)


def test_table_four_litigation_under_one_caption(blank: dict[str, Any], sample: dict[str, Any]) -> None:
    assert sample[T4] == ([*T4_HEADER, T4_SAMPLE_VALUES], T4_MERGES)
    assert blank[T4] == ([*T4_HEADER, [""] * 15], T4_MERGES)


def test_a_table_not_found_is_laid_out_empty_and_says_so() -> None:
    sheets = _sheets({"applications": sample_tables()["applications"]})
    grid, merges = sheets[T4]
    assert (grid, merges) == ([*T4_HEADER, [""] * 15, ["未找到该表", *[None] * 14]], T4_MERGES)
    assert sheets[T2][0][-1] == ["未找到该表", None, None, None]
    assert sheets[T3][0][3:] == [labels + values for labels, values in zip(T3_LABELS, T3_SAMPLE_VALUES, strict=True)]  # found


def test_the_2019_trial_layout_is_drawn_from_its_own_pack() -> None:
    """Nothing of the 2021 form is spelled in the writer: the trial pack's five 第二十条 blocks
    (two columns for 收费 and 采购) and its single （六）其他处理 row come out as that pack says."""
    book = Workbook()
    book.remove(book.active)
    add_table_sheets(book, None, load_pack("gov-2019-60"))
    disclosure, applications, _ = book.worksheets
    assert [row[0] for row in disclosure.iter_rows(values_only=True)] == [
        "第二十条第（一）项", "信息内容", "规章", "规范性文件", "第二十条第（五）项", "信息内容", "行政许可", "其他对外管理服务事项",
        "第二十条第（六）项", "信息内容", "行政处罚", "行政强制", "第二十条第（八）项", "信息内容", "行政事业性收费",
        "第二十条第（九）项", "信息内容", "政府集中采购"]
    assert {str(m) for m in disclosure.merged_cells.ranges} == {"A1:D1", "A5:D5", "A9:D9", "A13:D13", "A16:D16"}
    assert [c.value for c in disclosure[17]] == ["信息内容", "采购项目数量", "采购总金额", None]
    assert [c.value for c in applications[24]][:3] == [None, "（六）其他处理", None]
    assert {str(m) for m in applications.merged_cells.ranges} == T3_MERGES - {"A6:A27", "B24:B26", "B27:C27", "A28:C28"} | {
        "A6:A25", "B24:C24", "B25:C25", "A26:C26"}


def test_aggregate_names_a_trial_layout_by_its_packs_title() -> None:
    trial = FileResult("某局2020年报.docx", "docx", unit="某局", year=2020, tables=sample_tables(), layout="gov-2019-60")
    assert exclusion_reason(trial, 2020) == "使用“国办公开办函〔2019〕60号 政府信息公开工作年度报告格式（试行）”的统计表，不能与现行格式相加"
    assert exclusion_reason(FileResult("a.docx", "docx", year=2024, tables=sample_tables(), layout="gov-2021-30"), 2024) is None
