"""The workbooks an office files (issue 11): `check -f xlsx` with its 汇总, 问题明细 and note
sheets, `aggregate -o x.xlsx` with the three tables in the official layout, `extract -f xlsx`,
and the aggregate CSV that names the units it covers. Read back with openpyxl."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from office_batch import LONG_UNIT, MISSING_UNIT
from openpyxl import load_workbook
from typer.testing import CliRunner

from reportlint.api import check_path
from reportlint.cli import app
from reportlint.output.locations import describe
from reportlint.output.xlsx import display_width
from reportlint.pack import load_pack

PACK = load_pack()


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr



@pytest.fixture(scope="module")
def book(batch: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("out") / "检查结果.xlsx"
    code, _, err = _invoke("check", str(batch["clean"].parent), "--units", str(batch["units"]), "-o", str(target))
    assert code == 1 and err.endswith("（XLSX）\n"), err
    return load_workbook(target)


def _records(sheet: Any) -> list[dict[str, Any]]:
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_sheets_an_office_files(book: Any) -> None:
    assert book.sheetnames == ["汇总", "问题明细", "未报送", "已跳过", "重复"]


def test_summary_one_row_per_file_then_the_units_that_sent_nothing(book: Any, batch: dict[str, Path]) -> None:
    rows = _records(book["汇总"])
    assert [r["文件"] for r in rows] == [str(batch[k]) for k in ("clean", "unbalanced", "placeholder", "revised",
                                                                "warning", "long")] + [None]
    assert [(r["单位"], r["年度"], r["状态"], r["错误"], r["警告"], r["提示"]) for r in rows] == [
        ("某某区统计局", 2024, "通过", 0, 0, 0),
        ("某某区审计局", 2024, "有错误", 2, 0, 0),
        ("某某区财政局", 2024, "有错误", 1, 1, 0),
        ("某某区财政局", 2024, "通过", 0, 0, 0),
        ("某某区教育局", 2024, "有警告", 0, 1, 0),
        (LONG_UNIT, 2024, "有错误", 2, 0, 0),
        (MISSING_UNIT, None, "未报送", None, None, None),
    ]
    assert rows[2]["备注"] == f"重复，汇总时计入 {batch['revised']}" and rows[3]["备注"] == "另有重复报送"


def test_findings_in_document_order_with_chinese_severity_and_fix(book: Any, batch: dict[str, Path]) -> None:
    rows = [r for r in _records(book["问题明细"]) if r["文件"] == str(batch["unbalanced"])]
    result = check_path(batch["unbalanced"])
    assert [r["代码"] for r in rows] == [f.code for f in sorted(result.findings, key=lambda f: f.sort_key())]
    assert [(r["代码"], r["级别"]) for r in rows] == [("A401", "错误"), ("A403", "错误")]
    a401 = rows[0]
    finding = next(f for f in result.findings if f.code == "A401")
    assert (a401["单位"], a401["规则"], a401["位置"], a401["说明"], a401["依据"]) == (
        "某某区审计局", "balance", describe(finding.location), finding.message, PACK.rules["A401"].basis)
    assert a401["修改建议"] == PACK.rules["A401"].fix["zh"] == "核对表三各列：新收加上年结转应等于办理结果总计加结转下年度。"


def test_note_sheets(book: Any, batch: dict[str, Path]) -> None:
    assert list(book["未报送"].values) == [("单位（名单所列）",), (MISSING_UNIT,)]
    assert list(book["已跳过"].values) == [("文件", "原因"), (str(batch["readme"]), "不像政府信息公开工作年度报告")]
    assert list(book["重复"].values) == [("文件", "单位", "汇总时计入的文件"),
                                        (str(batch["placeholder"]), "某某区财政局", str(batch["revised"]))]


@pytest.mark.parametrize("name", ["汇总", "问题明细", "未报送", "已跳过", "重复"])
def test_bold_frozen_filtered_header_printed_on_every_page(book: Any, name: str) -> None:
    sheet = book[name]
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for row in sheet.iter_rows(min_row=2) for cell in row)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(sheet.max_row, sheet.max_column).coordinate}"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)


def test_widths_fit_the_text_within_bounds(book: Any, batch: dict[str, Path]) -> None:
    summary = book["汇总"]
    widths = {cell.value: summary.column_dimensions[cell.column_letter].width for cell in summary[1]}
    assert widths["单位"] == display_width(LONG_UNIT) + 2 == 32
    assert widths["年度"] == 6  # the minimum: "2024" and "年度" are narrower
    assert widths["文件"] == 60  # the cap: the long file name wraps
    assert display_width(str(batch["long"])) > 60
    detail = book["问题明细"]
    widths = {cell.value: detail.column_dimensions[cell.column_letter].width for cell in detail[1]}
    assert widths["级别"] == 6 and widths["说明"] == 60


def test_state_cells_are_coloured(book: Any) -> None:
    fills = {row[3].value: row[3].fill.fgColor.rgb for row in book["汇总"].iter_rows(min_row=2)}
    assert fills == {"通过": "00D1E7DD", "有错误": "00F8D7DA", "有警告": "00FFF3CD", "未报送": "00E2E3E5"}


def test_english_headers_and_values(batch: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "en.xlsx"
    _invoke("check", str(batch["clean"].parent), "--units", str(batch["units"]), "--lang", "en", "-o", str(target))
    book = load_workbook(target)
    assert book.sheetnames == ["Summary", "Findings", "No report", "Skipped", "Duplicates"]
    summary = _records(book["Summary"])
    assert list(summary[0]) == ["unit", "year", "file", "status", "errors", "warnings", "info", "notes"]
    assert [r["status"] for r in summary] == ["passed", "has errors", "has errors", "passed", "has warnings",
                                              "has errors", "no report"]
    a401 = next(r for r in _records(book["Findings"]) if r["code"] == "A401")
    assert (a401["severity"], a401["how to fix"]) == ("error", PACK.rules["A401"].fix["en"])


# ---- aggregate and extract ----------------------------------------------------------------


@pytest.fixture(scope="module")
def aggregate_book(batch: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    target = tmp_path_factory.mktemp("agg") / "汇总.xlsx"
    code, _, err = _invoke("aggregate", str(batch["clean"].parent), "--units", str(batch["units"]), "-o", str(target))
    assert code == 1, err  # two units left out
    return load_workbook(target)


def _label_rows(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.row for row in sheet.iter_rows(min_row=4, max_col=3) for cell in row if cell.value}


def test_aggregate_table_three_keeps_the_group_rows_merged(aggregate_book: Any) -> None:
    sheet = aggregate_book["表三（收到和处理政府信息公开申请情况）"]
    rows = _label_rows(sheet)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    groups = {"（三）不予公开": ("1.属于国家秘密", "8.属于行政查询事项"),
              "（四）无法提供": ("1.本机关不掌握相关政府信息", "3.补正后申请内容仍不明确"),
              "（五）不予处理": ("1.信访举报投诉类申请", "5.要求行政机关确认或重新出具已获取信息"),
              "（六）其他处理": ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "3.其他")}
    for group, (first, last) in groups.items():
        assert sheet.cell(rows[first], 2).value == group  # the group label stands beside its first member
        assert f"B{rows[first]}:B{rows[last]}" in merged
        assert sheet.cell(rows[first], 3).value == first
    assert f"A{rows['（一）予以公开']}:A{rows['（七）总计']}" in merged
    assert sheet.cell(rows["（一）予以公开"], 1).value == "三、本年度办理结果"
    assert {f"A{rows[label]}:C{rows[label]}" for label in ("一、本年新收政府信息公开申请数量", "四、结转下年度继续办理")} <= merged
    assert {"A1:C3", "D1:J1", "E2:I2"} <= merged
    assert [c.value for c in sheet[3]][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_aggregate_sums_the_units_summed(aggregate_book: Any, batch: dict[str, Path]) -> None:
    from reportlint.extract import extract_path

    summed = [extract_path(str(batch[k]))["applications"] for k in ("clean", "revised", "warning")]
    sheet = aggregate_book["表三（收到和处理政府信息公开申请情况）"]
    row = _label_rows(sheet)["1.本机关不掌握相关政府信息"]
    assert sheet.cell(row, 10).value == sum(t["unavailable_1"]["total"] for t in summed)
    assert sheet.cell(row, 4).value == sum(t["unavailable_1"]["natural_person"] for t in summed)


def test_aggregate_lists_units_summed_left_out_duplicate_and_missing(aggregate_book: Any, batch: dict[str, Path]) -> None:
    assert aggregate_book.sheetnames == ["表二（主动公开政府信息情况）", "表三（收到和处理政府信息公开申请情况）",
                                         "表四（行政复议、行政诉讼情况）", "纳入汇总的单位", "未纳入的单位", "重复", "未报送"]
    assert [r[2] for r in aggregate_book["纳入汇总的单位"].iter_rows(min_row=2, values_only=True)] == [
        str(batch[k]) for k in ("clean", "revised", "warning")]
    reason = "统计表有问题，未纳入汇总：表三勾稽关系不平衡（A401）、总计列与各申请人列之和不符（A403）"
    assert list(aggregate_book["未纳入的单位"].iter_rows(min_row=2, values_only=True)) == [
        ("某某区审计局", str(batch["unbalanced"]), reason), (LONG_UNIT, str(batch["long"]), reason)]
    assert list(aggregate_book["重复"].iter_rows(min_row=2, values_only=True)) == [
        ("某某区财政局", str(batch["placeholder"]), str(batch["revised"]))]
    assert list(aggregate_book["未报送"].iter_rows(min_row=2, values_only=True)) == [(MISSING_UNIT,)]
    assert aggregate_book["纳入汇总的单位"]["A1"].font.b and aggregate_book["未纳入的单位"].auto_filter.ref == "A1:C3"


def test_aggregate_csv_names_the_units_it_covers(batch: dict[str, Path]) -> None:
    code, out, _ = _invoke("aggregate", str(batch["clean"].parent), "--units", str(batch["units"]), "-f", "csv")
    assert code == 1
    sums, units = out.lstrip("\ufeff").split("\n\n")
    assert sums.splitlines()[0] == "table,row,column,value"
    records = list(csv.reader(io.StringIO(units)))
    reason = "统计表有问题，未纳入汇总：表三勾稽关系不平衡（A401）、总计列与各申请人列之和不符（A403）"
    assert records == [
        ["单位", "状态", "文件", "说明"],
        ["某某区统计局", "纳入汇总", str(batch["clean"]), ""],
        ["某某区财政局", "纳入汇总", str(batch["revised"]), ""],
        ["某某区教育局", "纳入汇总", str(batch["warning"]), ""],
        ["某某区审计局", "未纳入", str(batch["unbalanced"]), reason],
        [LONG_UNIT, "未纳入", str(batch["long"]), reason],
        ["某某区财政局", "重复，只计一份", str(batch["placeholder"]), f"汇总时计入 {batch['revised']}"],
        [MISSING_UNIT, "未报送", "", ""],
    ]


def test_extract_xlsx_is_the_official_layout_with_the_reports_values(batch: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "表格.xlsx"
    code, _, err = _invoke("extract", str(batch["clean"]), "-f", "xlsx", "-o", str(target))
    assert code == 0, err
    data = json.loads(_invoke("extract", str(batch["clean"]))[1])
    book = load_workbook(target)
    assert book.sheetnames == [t.name_zh for t in PACK.tables.values()]
    disclosure = {row[0]: row[1:] for row in book["表二（主动公开政府信息情况）"].iter_rows(values_only=True)}
    assert disclosure["行政规范性文件"] == tuple(data["disclosure"]["normative_documents"].values())
    assert disclosure["行政许可"][0] == data["disclosure"]["licensing"]["decisions"]
    reviews = list(book["表四（行政复议、行政诉讼情况）"].iter_rows(values_only=True))
    assert list(reviews[3]) == [v for row in data["reviews"].values() for v in row.values()]
    code, _, err = _invoke("extract", str(batch["clean"]), "-f", "xlsx")
    assert code == 2 and "--output" in err


def test_a_report_whose_unit_is_not_on_the_list_says_so(batch: dict[str, Path], tmp_path: Path) -> None:
    short_list = tmp_path / "名单.csv"
    short_list.write_text("单位名称\n某某区统计局\n某某区审计局\n某某区财政局\n" + LONG_UNIT + "\n", encoding="utf-8")
    target = tmp_path / "r.xlsx"
    _invoke("check", str(batch["clean"].parent), "--units", str(short_list), "-o", str(target))
    book = load_workbook(target)
    assert "未报送" not in book.sheetnames
    remarks = {r["文件"]: r["备注"] for r in _records(book["汇总"])}
    assert remarks[str(batch["warning"])] == "不在单位名单上"
    assert remarks[str(batch["clean"])] is None
