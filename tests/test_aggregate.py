"""`reportlint aggregate`: cell-wise sums over the units whose tables can be trusted."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
from helpers import REPO, check_text, docx_bytes, run_cli, tables
from hypothesis import given
from test_properties import SETTINGS, _no_prose, consistent_tables

from reportlint.aggregate import sum_tables
from reportlint.api import check_bytes, check_path
from reportlint.extract import extract_path

SCHEMA = json.loads((REPO / "schemas" / "aggregate.schema.json").read_text(encoding="utf-8"))
NO_PROSE = {"一": "本年度工作情况。", "二": "", "三": "详见下表。", "四": "详见下表。",
            "五": "（一）上年度问题整改情况：已整改。（二）存在的问题及下一步打算：加强培训。", "六": "本年度未收取信息处理费。"}


def _scaled(k: int) -> dict[str, Any]:
    """The sample tables times k: every relation still holds."""
    data = tables()
    for rows in data.values():
        for cols in rows.values():
            for col, value in cols.items():
                cols[col] = str(Decimal(value) * k) if isinstance(value, str) else value * k
    return data


def _write_units(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    units = {
        "a.docx": docx_bytes(_scaled(1), sections=NO_PROSE, unit="某某区统计局"),
        "b.docx": docx_bytes(_scaled(2), sections=NO_PROSE, unit="某某区审计局"),
        "c.docx": docx_bytes(_scaled(3), sections=NO_PROSE, unit="某某区财政局"),
    }
    broken = _scaled(1)
    broken["applications"]["new"]["total"] += 1
    units["broken.docx"] = docx_bytes(broken, sections=NO_PROSE, unit="某某区民政局")
    units["last_year.docx"] = docx_bytes(_scaled(1), year=2023, sections=NO_PROSE, unit="某某区商务局")
    units["old.doc"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    paths = {}
    for name, data in units.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def test_aggregate_sums_trusted_units_and_names_the_rest(tmp_path: Path) -> None:
    paths = _write_units(tmp_path / "units")
    proc = run_cli("aggregate", str(tmp_path / "units"))
    assert proc.returncode == 1, proc.stderr.decode()  # some units were left out
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["year"] == 2024
    assert [u["path"] for u in data["units"]] == [str(paths[n]) for n in ("a.docx", "b.docx", "c.docx")]
    reasons = {Path(e["path"]).name: e["reason"] for e in data["excluded"]}
    assert set(reasons) == {"broken.docx", "last_year.docx", "old.doc"}
    assert reasons["broken.docx"] == "统计表有问题，未纳入汇总：表三勾稽关系不平衡（A401）、总计列与各申请人列之和不符（A403）"
    assert reasons["last_year.docx"] == "报告年度为 2023，与汇总年度 2024 不同"
    assert reasons["old.doc"].startswith("无法读取：不支持 .doc 格式")
    six = _scaled(6)
    assert data["tables"]["applications"]["new"] == six["applications"]["new"]
    assert data["tables"]["reviews"]["litigation_direct"] == six["reviews"]["litigation_direct"]
    assert data["tables"]["disclosure"]["fees"] == {"fee_amount": 151.8}  # 25.3 × 6, added as decimals
    assert "已汇总 3 个单位的 2024 年数据；3 个单位未纳入\n" in proc.stderr.decode()


def test_aggregate_exports_a_combined_report_that_checks_clean(tmp_path: Path) -> None:
    _write_units(tmp_path / "units")
    combined = tmp_path / "区汇总.docx"
    proc = run_cli("aggregate", str(tmp_path / "units" / "a.docx"), str(tmp_path / "units" / "c.docx"),
                   "-o", str(combined), "--unit", "某某区")
    assert proc.returncode == 0, proc.stderr.decode()
    result = check_path(combined)
    assert not [f for f in result.findings if f.code[0] in "TA"]  # the sums reconcile
    assert result.unit == "某某区" and result.year == 2024
    assert extract_path(str(combined))["applications"] == _scaled(4)["applications"]


def test_aggregate_xlsx_and_csv(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _write_units(tmp_path / "units")
    proc = run_cli("aggregate", str(tmp_path / "units"), "-o", str(tmp_path / "sum.xlsx"))
    assert proc.returncode == 1
    book = load_workbook(tmp_path / "sum.xlsx")
    assert book.sheetnames[-2:] == ["纳入汇总的单位", "未纳入的单位"]
    applications = book[book.sheetnames[1]]
    row = next(r for r in applications.iter_rows(values_only=True) if r[0] == "一、本年新收政府信息公开申请数量")
    assert row[-1] == _scaled(6)["applications"]["new"]["total"]
    assert book["未纳入的单位"].max_row == 4
    csv_text = run_cli("aggregate", str(tmp_path / "units"), "-f", "csv").stdout.decode("utf-8-sig")
    assert f"applications,new,total,{_scaled(6)['applications']['new']['total']}" in csv_text.splitlines()


def test_aggregate_with_nothing_to_sum_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "old.wps"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    proc = run_cli("aggregate", str(bad), "-o", str(tmp_path / "x.docx"))
    assert proc.returncode == 2 and "没有可以汇总的单位".encode() in proc.stderr
    assert not (tmp_path / "x.docx").exists()
    proc = run_cli("aggregate", str(bad), "-f", "pdf")
    assert proc.returncode == 2 and "--format 只能是".encode() in proc.stderr


@SETTINGS
@given(consistent_tables(), consistent_tables(), consistent_tables())
def test_sum_of_consistent_tables_is_consistent(a: dict, b: dict, c: dict) -> None:
    total = sum_tables([a, b, c])
    assert total["applications"]["results_total"]["total"] == sum(
        x["applications"]["results_total"]["total"] for x in (a, b, c))
    assert check_text(_no_prose(total, "tab")).findings == []


def test_blank_cells_count_as_zero_in_the_sum() -> None:
    data = _scaled(1)
    data["applications"]["withheld_1"]["commercial"] = None  # a blank cell: T305, counted as 0
    result = check_bytes(docx_bytes(data, sections=NO_PROSE), name="u.docx")
    assert [f.code for f in result.findings] == ["T305"]
    from reportlint.aggregate import exclusion_reason

    assert exclusion_reason(result, 2024) is None
    assert result.tables is not None and result.tables["applications"]["withheld_1"]["commercial"] == 0


def test_aggregate_help_names_exit_codes() -> None:
    proc = run_cli("aggregate", "--help")
    assert b"--output" in proc.stdout and "退出码".encode() in proc.stdout



def test_the_library_and_aggregate_run_a_pool_with_the_default_context(tmp_path: Path) -> None:
    """check_paths(…, jobs=2) with the default Context (as `aggregate --jobs 2` calls it) sends
    that context to the workers: it must pickle, and the pool must find what one process finds."""
    from reportlint.api import check_paths

    files = [str(REPO / "examples" / name) for name in ("clean_2024.docx", "defects_2024.docx", "000_b2d447095e0c6c81.txt")]
    one = [(r.path, [f.code for f in r.findings]) for r in check_paths(files, jobs=1)]
    assert [(r.path, [f.code for f in r.findings]) for r in check_paths(files, jobs=2)] == one
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("clean_2024.docx", "defects_2024.docx"):
        (folder / name).write_bytes((REPO / "examples" / name).read_bytes())
    assert run_cli("aggregate", "--jobs", "2", "-f", "json", str(folder)).returncode in (0, 1)
