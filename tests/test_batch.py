"""The office's batch: skipped non-reports, one unit's copies summed once, 未报送, unpaired
--previous, outputs named by -o, file modes, and file names in GBK bytes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
from helpers import REPO, docx_bytes
from pdfgen import document_pdf
from renderers import document_html
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.read import read_bytes

REPORT_SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
AGGREGATE_SCHEMA = json.loads((REPO / "schemas" / "aggregate.schema.json").read_text(encoding="utf-8"))
SECTIONS = {"一": "本年度工作情况。", "二": "", "三": "详见下表。", "四": "详见下表。",
            "五": "（一）上年度问题整改情况：已整改。（二）存在的问题及下一步打算：加强培训。", "六": "本年度未收取信息处理费。"}


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def unit_docx() -> bytes:
    return docx_bytes(sections=SECTIONS, unit="某某区统计局")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, unit_docx: bytes) -> Path:
    """A folder as an office gets it: one unit as DOCX, its PDF and a revised web page,
    another unit, a README and a picture."""
    folder = tmp_path_factory.mktemp("office")
    (folder / "统计局.docx").write_bytes(unit_docx)
    (folder / "统计局.pdf").write_bytes(document_pdf(read_bytes(unit_docx, Path("x.docx"))))
    (folder / "统计局（修订）.html").write_bytes(document_html(read_bytes(unit_docx, Path("x.docx"))))
    (folder / "审计局.docx").write_bytes(docx_bytes(sections=SECTIONS, unit="某某区审计局"))
    (folder / "README.md").write_text("# 说明\n各单位报送的年报。\n", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    return folder


def test_folder_scan_lists_non_reports_as_skipped_and_exits_0(tmp_path: Path, unit_docx: bytes) -> None:
    (tmp_path / "统计局.docx").write_bytes(unit_docx)
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out, _ = _invoke("check", str(tmp_path), "-f", "json")
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert code == 0
    assert [f["path"] for f in data["files"]] == [str(tmp_path / "统计局.docx")]
    assert data["skipped"] == [{"path": str(tmp_path / "README.md"), "reason": "not-a-report"},
                               {"path": str(tmp_path / "logo.png"), "reason": "file-type"}]
    code, out, _ = _invoke("check", str(tmp_path), "--no-color")
    assert code == 0 and "已跳过 2 个文件：" in out and "README.md（不像政府信息公开工作年度报告）" in out


def test_a_non_report_named_explicitly_is_still_f003(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    code, out, _ = _invoke("check", str(tmp_path / "README.md"), "-f", "json")
    assert code == 1 and [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["F003"]


def test_aggregate_sums_one_copy_of_a_unit_and_names_the_others(office: Path) -> None:
    code, out, err = _invoke("aggregate", str(office), "-f", "json")
    data = json.loads(out)
    jsonschema.validate(data, AGGREGATE_SCHEMA)
    assert code == 0, err
    assert sorted(u["path"] for u in data["units"]) == [str(office / "审计局.docx"), str(office / "统计局.docx")]
    assert data["duplicates"] == [
        {"unit": "某某区统计局", "path": str(office / "统计局.pdf"), "kept": str(office / "统计局.docx")},
        {"unit": "某某区统计局", "path": str(office / "统计局（修订）.html"), "kept": str(office / "统计局.docx")},
    ]
    assert data["excluded"] == []
    assert "已汇总 2 个单位的 2024 年数据；0 个单位未纳入；2 份是已纳入单位的重复报告（只计一次）；跳过 1 个不是年报的文件" in err


def test_check_names_the_duplicates(office: Path) -> None:
    _, out, _ = _invoke("check", str(office), "-f", "json")
    assert [d["path"] for d in json.loads(out)["duplicates"]] == [str(office / "统计局.pdf"), str(office / "统计局（修订）.html")]


def test_units_list_names_the_unit_with_no_report_in_check_and_aggregate(office: Path, tmp_path: Path) -> None:
    names = tmp_path / "名单.txt"
    names.write_text("某某区统计局\n某某区审计局\n某某区财政局\n", encoding="utf-8")
    _, out, _ = _invoke("check", str(office), "--units", str(names), "-f", "json")
    assert json.loads(out)["units"] == {"expected": 3, "missing": ["某某区财政局"], "unlisted": []}
    _, out, _ = _invoke("check", str(office), "--units", str(names), "--no-color")
    assert "未报送（1 个单位）：某某区财政局" in out
    _, out, err = _invoke("aggregate", str(office), "--units", str(names), "-f", "json")
    assert json.loads(out)["missing_units"] == ["某某区财政局"] and "1 个单位未报送" in err


def test_previous_that_pairs_nothing_says_so(tmp_path: Path) -> None:
    last = tmp_path / "last"
    last.mkdir()
    (last / "审计局2023.docx").write_bytes(docx_bytes(year=2023, sections=SECTIONS, unit="某某区审计局"))
    (last / "财政局2023.docx").write_bytes(docx_bytes(year=2023, sections=SECTIONS, unit="某某区财政局"))
    this = tmp_path / "this"
    this.mkdir()
    (this / "统计局.docx").write_bytes(docx_bytes(sections=SECTIONS, unit="某某区统计局"))
    (this / "审计局.docx").write_bytes(docx_bytes(sections=SECTIONS, unit="某某区审计局"))
    _, out, _ = _invoke("check", str(this), "--previous", str(last), "-f", "json")
    data = json.loads(out)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert data["unpaired_previous"] == [str(this / "统计局.docx")]
    assert {f["path"]: f["previous"] for f in data["files"]} == {
        str(this / "审计局.docx"): str(last / "审计局2023.docx"), str(this / "统计局.docx"): None}
    _, out, _ = _invoke("check", str(this), "--previous", str(last), "--no-color")
    assert "--previous：以下报告没有找到同一单位的上年报告，未做跨年度检查（X701、X702、C605）：" + str(this / "统计局.docx") in out


def test_without_previous_nothing_is_said_about_pairing(office: Path) -> None:
    _, out, _ = _invoke("check", str(office / "统计局.docx"), "-f", "json")
    data = json.loads(out)
    assert data["unpaired_previous"] is None and data["files"][0]["previous"] is None


@pytest.mark.parametrize(("name", "magic"), [("汇总.xlsx", b"PK"), ("r.json", b"{"), ("r.sarif", b"{"),
                                             ("r.xml", b"<?xml"), ("r.html", b"<!DOCTYPE html>")])
def test_output_name_chooses_the_format_and_says_what_was_written(office: Path, tmp_path: Path, name: str,
                                                                   magic: bytes) -> None:
    target = tmp_path / name
    code, _, err = _invoke("check", str(office / "审计局.docx"), "-o", str(target))
    assert code == 0
    assert target.read_bytes().startswith(magic)
    fmt = {"xlsx": "XLSX", "json": "JSON", "sarif": "SARIF", "xml": "JUNIT", "html": "HTML"}[name.rsplit(".", 1)[1]]
    assert err == f"reportlint: 已写入 {target}（{fmt}）\n"


def test_outputs_get_the_umask_mode_and_keep_an_overwritten_files_mode(office: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        _invoke("check", str(office / "审计局.docx"), "-o", str(fresh))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.json"
        shared.write_text("{}", encoding="utf-8")
        shared.chmod(0o664)
        _invoke("check", str(office / "审计局.docx"), "-o", str(shared))
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_text(encoding="utf-8") != "{}"
    finally:
        os.umask(old)


@pytest.mark.parametrize("fmt", ["xlsx", "html", "csv", "json"])
def test_a_file_name_in_gbk_bytes_exports(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "zip"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "统计局年报".encode("gbk") + b".docx"
    with open(raw, "wb") as fh:  # a warning, so that the CSV of findings has a row naming the file
        fh.write(docx_bytes(sections={**SECTIONS, "六": "无。"}, unit="某某区统计局"))
    target = tmp_path / f"out.{fmt}"
    code, _, err = _invoke("check", str(folder), "-f", fmt, "-o", str(target))
    assert code == 0, err
    if fmt in ("html", "csv", "json"):
        assert "统计局年报.docx" in target.read_text(encoding="utf-8-sig")
    else:
        from openpyxl import load_workbook

        cells = [str(c.value) for sheet in load_workbook(target).worksheets for row in sheet.iter_rows() for c in row]
        assert any("统计局年报.docx" in c for c in cells)
