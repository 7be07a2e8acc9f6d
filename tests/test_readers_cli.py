"""Readers (encodings, bad input) and the command line (formats, exit codes, config)."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import jsonschema
import pytest
from helpers import REPO, check_docx, docx_bytes, report_text, run_cli

from reportlint.api import check_bytes, check_path

SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
EXAMPLE = REPO / "examples" / "000_b2d447095e0c6c81.txt"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "big5"])
def test_text_encodings(encoding: str) -> None:
    text = report_text()
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2tw").convert(text)
    result = check_bytes(text.encode(encoding, errors="replace" if encoding == "big5" else "strict"), name="r.txt")
    if encoding == "big5":  # Big5 lacks a few characters of the labels; it must still read as a report
        assert not {f.code for f in result.findings} & {"F001", "F003", "S101", "P201"}
    else:
        assert [f.code for f in result.findings] == []


def test_crlf_and_stdin() -> None:
    proc = run_cli("check", "-", stdin=report_text().replace("\n", "\r\n").encode("gb18030"))
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "F002"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "F002"),
        ("r.wps", b"anything", "F002"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "F001"),
        ("garbage.txt", bytes(range(256)) * 20, "F001"),
        ("empty.txt", b"", "F001"),
    ],
)
def test_bad_input_is_an_f_code(name: str, data: bytes, code: str) -> None:
    result = check_bytes(data, name=name)
    assert [f.code for f in result.findings] == [code]
    assert result.unreadable


def test_zip_bomb_and_entities(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b"0" * 90_000_000 + b"</a>")
    result = check_bytes(buffer.getvalue(), name="bomb.docx")
    assert [f.code for f in result.findings] == ["F001"] and "压缩炸弹" in result.findings[0].message
    lol = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
           b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", lol)
    result = check_bytes(buffer.getvalue(), name="lol.docx")
    assert result.findings[0].code in ("F003", "F001")


def test_docx_tracked_changes_and_heading_styles() -> None:
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document(io.BytesIO(docx_bytes()))
    para = document.paragraphs[1]
    deleted = etree.SubElement(para._p, qn("w:del"))
    run = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = "XX"  # a deleted placeholder is not in the report
    buffer = io.BytesIO()
    document.save(buffer)
    assert check_docx(buffer.getvalue()).findings == []


def test_docx_tab_stops_are_not_text_and_run_tabs_are() -> None:
    """A paragraph's tab stops (pPr/w:tabs/w:tab) are layout; a run's w:tab is a tab character."""
    from reportlint.read.docx import read_docx
    from reportlint.read.errors import Limits

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (f'<w:document xmlns:w="{w}"><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/>'
            '<w:tab w:val="right" w:pos="8000"/></w:tabs></w:pPr><w:r><w:t>受理</w:t></w:r><w:r><w:tab/>'
            '<w:t>12</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", body)
    document = read_docx(buffer.getvalue(), "tabs.docx", Limits())
    assert [b.text for b in document.paragraphs] == ["受理\t12"]


def test_never_writes_to_input(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text(report_text(), encoding="utf-8")
    before = (target.read_bytes(), target.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir()))
    check_path(target)
    assert before == (target.read_bytes(), target.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir()))


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(report_text(), encoding="utf-8")
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", str(EXAMPLE)).returncode == 1
    assert run_cli("check", "--exit-zero", str(EXAMPLE)).returncode == 0
    assert run_cli("check", "--select", "S101", str(EXAMPLE)).returncode == 0
    assert run_cli("check", "--ignore", "T301", str(EXAMPLE)).returncode == 0  # C604 is a warning
    assert run_cli("check", "--ignore", "T301", "--fail-on", "warning", str(EXAMPLE)).returncode == 1
    assert run_cli("check", str(tmp_path / "missing.txt")).returncode == 2
    assert run_cli("check", "--format", "nope", str(clean)).returncode == 2
    proc = run_cli("check", str(clean), str(tmp_path / "missing.txt"))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


def test_json_sarif_junit_csv_xlsx_html(tmp_path: Path) -> None:
    data = json.loads(run_cli("check", "-f", "json", str(EXAMPLE), str(REPO / "examples" / "defects_2024.docx")).stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["summary"]["files"] == 2
    sarif = json.loads(run_cli("check", "-f", "sarif", str(EXAMPLE)).stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"]
    assert b"<testsuite" in run_cli("check", "-f", "junit", str(EXAMPLE)).stdout
    assert run_cli("check", "-f", "github", str(EXAMPLE)).stdout.startswith(b"::")
    out = tmp_path / "r.xlsx"
    assert run_cli("check", "-f", "xlsx", "-o", str(out), str(EXAMPLE)).returncode == 1
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题明细"] and book["问题明细"].max_row == 9
    assert run_cli("check", "-f", "csv", str(EXAMPLE)).stdout.decode("utf-8-sig").startswith("文件,单位")
    assert b"<table>" in run_cli("check", "-f", "html", str(EXAMPLE)).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # atomic write left no temp file


def test_deterministic_json() -> None:
    assert run_cli("check", "-f", "json", str(EXAMPLE)).stdout == run_cli("check", "-f", "json", str(EXAMPLE)).stdout


def test_lang_en_and_rule_commands() -> None:
    out = run_cli("check", "--lang", "en", "--no-color", str(EXAMPLE)).stdout.decode()
    assert "section 二 has no table 二 (proactive disclosure)" in out
    listing = run_cli("rules").stdout.decode()
    spec_codes = ([f"S10{i}" for i in range(1, 7)] + [f"P20{i}" for i in range(1, 5)] + [f"T30{i}" for i in range(1, 9)]
                  + [f"A40{i}" for i in range(1, 7)] + ["N501"] + [f"C60{i}" for i in range(1, 7)] + ["X701", "X702"]
                  + ["F001", "F002", "F003"])  # the whole SPEC §4 catalogue
    assert [line.split()[0] for line in listing.splitlines()] == sorted(spec_codes)
    assert "A401  balance" in listing
    explain = run_cli("rule", "balance").stdout.decode()
    assert explain.startswith("A401 balance") and "不通过" in explain
    assert run_cli("rule", "Z999").returncode == 2
    assert run_cli("--version").stdout.startswith(b"reportlint ")


def test_config_file(tmp_path: Path) -> None:
    (tmp_path / "reportlint.toml").write_text('ignore = ["C604"]\nseverity = { T301 = "warning" }\n', encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)  # the config is looked up from the checked file's folder
    proc = run_cli("check", "-f", "json", EXAMPLE.name, cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert {f["code"] for f in data["files"][0]["findings"]} == {"T301"}
    assert proc.returncode == 0
    (tmp_path / "reportlint.toml").write_text('bogus = 1\n', encoding="utf-8")
    proc = run_cli("check", EXAMPLE.name, cwd=tmp_path)
    assert proc.returncode == 2 and b"bogus" in proc.stderr


def test_extract_and_template(tmp_path: Path) -> None:
    data = json.loads(run_cli("extract", str(REPO / "examples" / "clean_2024.docx")).stdout)
    assert data["applications"]["new"]["total"] == 68 and data["reviews"]["litigation_direct"]["total"] == 4
    out = tmp_path / "t.docx"
    assert run_cli("template", "--year", "2025", "--unit", "某局", "-o", str(out)).returncode == 0
    result = check_path(out)
    found = [f.code for f in result.findings]
    assert sorted(found) == ["C603"] * 6 + ["T305"] * 3  # guidance unreplaced; every table found, one T305 each
    assert sorted(f.location.section or "" for f in result.findings if f.code == "C603") == sorted("一二三四五六")


def test_batch_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(report_text(), encoding="utf-8")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    (tmp_path / "d.docx").write_bytes(docx_bytes())
    proc = run_cli("check", "-f", "json", "--jobs", "2", str(tmp_path))
    data = json.loads(proc.stdout)
    assert proc.returncode == 2
    assert [(Path(f["path"]).name, [x["code"] for x in f["findings"]]) for f in data["files"]] == [
        ("a.txt", []), ("b.doc", ["F002"]), ("d.docx", [])]


def test_rule_docs_are_generated_from_the_pack() -> None:
    import re

    from reportlint.output.rulesdoc import render_rules_markdown
    from reportlint.pack import load_pack

    pack = load_pack()
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == render_rules_markdown(pack), (
        "docs/rules.md is stale: reportlint rules -f markdown > docs/rules.md")
    readme_rows = re.findall(r"^\| ([A-Z]\d{3}) \| ([a-z-]+) \| (\w+) \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M)
    assert sorted(readme_rows) == sorted((r.code, r.name, r.severity) for r in pack.rules.values())


def test_html_findings_are_located_by_paragraph_of_the_page() -> None:
    """A reader of a web page counts paragraphs, not source lines (SPEC §5); the line stays."""
    from reportlint.api import check_bytes

    page = ("<html><head><title>x</title></head><body>\n<div>\n<p>某某县统计局2023年政府信息公开工作年度报告</p>\n"
            "<p>一、总体情况</p>\n<p>本年度XX推进。</p>\n</div></body></html>").encode()
    c603 = [f for f in check_bytes(page, name="page.html").findings if f.code == "C603"]
    assert [(f.location.section, f.location.paragraph, f.location.line) for f in c603] == [("一", 3, 5)]


def test_colour_and_plain_text_say_the_same_and_plain_needs_no_rich() -> None:
    """A terminal gets colour through rich; a pipe or --no-color the same lines as plain text,
    written without importing rich (it costs a fifth of a cold start)."""
    import re
    import subprocess
    import sys
    from types import SimpleNamespace

    from reportlint.api import check_path
    from reportlint.output.text import render_text

    results = [check_path(str(REPO / "examples" / name)) for name in ("defects_2024.docx", "clean_2024.docx")]
    options = {color: SimpleNamespace(color=color, lang="zh", quiet=False, notes=None, statistics=True)
               for color in (True, False)}
    coloured, plain = (render_text(results, options[c]) for c in (True, False))
    assert "\x1b[1;31m" in coloured and "\x1b" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    code = ("import sys; from reportlint.cli import run; sys.argv = ['reportlint', 'check', '-q', sys.argv[1]]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\nprint('rich' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(REPO / "examples" / "defects_2024.docx")],
                          capture_output=True, text=True, cwd=REPO)
    assert "S101" in proc.stdout and proc.stderr.strip().splitlines()[-1] == "False"


def test_a_quoted_tab_reads_the_same_in_colour_and_plain() -> None:
    """Tabs quoted from a report go to the next tab stop, a Chinese character two columns wide,
    in piped text as rich prints them on a terminal."""
    from types import SimpleNamespace

    from reportlint.model import FileResult, Finding, Location
    from reportlint.output.text import render_text

    finding = Finding("C603", "placeholder", "error", "第一段\t第二段", Location(section="一"))
    results = [FileResult("a.txt", "text", None, 2024, [finding])]
    coloured, plain = (render_text(results, SimpleNamespace(color=c, lang="zh", quiet=True, notes=None, statistics=False))
                       for c in (True, False))
    assert "      第一段    第二段\n" in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
