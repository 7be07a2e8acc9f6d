"""Build report texts and DOCX files in code, from a table of values, in every layout."""

from __future__ import annotations

import copy
import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import types
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from typer.testing import CliRunner

from reportlint.api import check_bytes, check_document
from reportlint.cli import run
from reportlint.model import FileResult
from reportlint.pack import load_pack
from reportlint.read import read_bytes
from reportlint.template import build_docx, sample_sections, sample_tables

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
if not CORPUS.is_dir():  # CI lays shared/ beside the clone
    CORPUS = REPO.parent.parent / "shared" / "corpus"
PACK = load_pack()
TEXT_STYLES = ("tab", "markdown", "spaces", "per_line", "run_together")


def tables() -> dict[str, Any]:
    return copy.deepcopy(sample_tables())


def _cells(values: list[Any], style: str) -> str:
    texts = ["" if v is None else str(v) for v in values]
    if style == "tab":
        return "\t" + "\t".join(texts)
    if style == "markdown":
        return " | " + " | ".join(texts) + " |"
    if style == "spaces":
        return "   " + "   ".join(t or "-" for t in texts)
    if style == "per_line":
        return "\n" + "\n".join(t or "-" for t in texts)
    return "".join(texts)  # run_together: the crawler copies


def tables_with(**changes: Any) -> dict[str, Any]:
    """The sample tables with cells changed: tables_with(applications__new__total=69)."""
    data = tables()
    for key, value in changes.items():
        table, row, column = key.split("__")
        data[table][row][column] = value
    return data


# Section 一 grows by this paragraph, long enough to wrap over several lines of a PDF page.
WRAPPING_TEXT = "本机关坚持以公开为常态、不公开为例外，持续深化政务公开，" * 6


def sections_with(**changes: str | None) -> dict[str, str]:
    """The sample sections, 一 opening with WRAPPING_TEXT, with sections replaced (text) or
    dropped (None): sections_with(五=None)."""
    texts = dict(sample_sections(2024))
    texts["一"] = WRAPPING_TEXT + texts["一"]
    for key, value in changes.items():
        if value is None:
            del texts[key]
        else:
            texts[key] = value
    return texts


def table_text(data: dict[str, Any], style: str) -> dict[str, str]:
    """Texts of tables 二, 三, 四 as a web copy or a hand-typed draft would have them."""
    out: dict[str, str] = {}
    d = PACK.tables["disclosure"]
    lines = ["第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数"]
    for row in d.rows:
        if row.id == "licensing":
            lines += ["第二十条第（五）项", "信息内容 本年处理决定数量"]
        if row.id == "punishment":
            lines += ["第二十条第（六）项", "信息内容 本年处理决定数量"]
        if row.id == "fees":
            lines += ["第二十条第（八）项", "信息内容 本年收费金额（单位：万元）"]
        if row.id in data["disclosure"]:
            values = [data["disclosure"][row.id].get(c.id) for c in d.columns_of(row)]
            lines.append(row.label + _cells(values, style))
    out["二"] = "\n".join(lines)
    a = PACK.tables["applications"]
    lines = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
             "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for row in a.rows:
        if row.id == "disclosed":
            lines.append("三、本年度办理结果")
        for prefix, label in (("withheld_1", "（三）不予公开"), ("unavailable_1", "（四）无法提供"),
                              ("not_processed_1", "（五）不予处理"), ("other_1", "（六）其他处理")):
            if row.id == prefix:
                lines.append(label)
        if row.id in data["applications"]:
            values = [data["applications"][row.id].get(c.id) for c in a.columns]
            lines.append(row.label + _cells(values, style))
    out["三"] = "\n".join(lines)
    r = PACK.tables["reviews"]
    header = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 " + " ".join(
        ["结果维持 结果纠正 其他结果 尚未审结 总计"] * 2)
    values = [data["reviews"][g.id][c.id] for g in r.rows for c in r.columns]
    out["四"] = header + "\n" + _cells(values, style).strip("\n |") if style != "per_line" else header + _cells(values, style)
    return out


def report_text(data: dict[str, Any] | None = None, style: str = "tab", year: int = 2024,
                sections: dict[str, str] | None = None, period: str | None = None) -> str:
    data = data if data is not None else tables()
    texts = sections if sections is not None else sample_sections(year)
    flat = table_text(data, style)
    lines = [f"某某区{year}年政府信息公开工作年度报告",
             period if period is not None else f"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。"]
    for section in PACK.sections:
        if section.id not in texts:
            continue
        lines.append(f"{section.id}、{section.title}")
        if texts[section.id]:
            lines.append(texts[section.id])
        if section.id in flat:
            lines.append(flat[section.id])
    return "\n".join(lines) + "\n"


def docx_bytes(data: dict[str, Any] | None = None, year: int = 2024, unit: str = "某某区人民政府办公室",
               **kwargs: Any) -> bytes:
    """The DOCX of these values, built once per session: python-docx takes seconds per build and
    many tests ask for the same document. Bytes are immutable, so sharing them is safe."""
    try:
        key = json.dumps([data, year, unit, kwargs], sort_keys=True, ensure_ascii=False)
    except TypeError:  # values JSON cannot hold exactly: build this one afresh
        return _build_docx(data, year, unit, kwargs)
    return _built_docx(key)


@functools.cache
def _built_docx(key: str) -> bytes:
    data, year, unit, kwargs = json.loads(key)  # a copy: the caller's dicts are never touched
    return _build_docx(data, year, unit, kwargs)


def _build_docx(data: dict[str, Any] | None, year: int, unit: str, kwargs: dict[str, Any]) -> bytes:
    if set(kwargs) - {"sections", "period"}:
        return _python_docx_build(data, year, unit, kwargs)
    sections = kwargs.get("sections")
    texts = sections if sections is not None else sample_sections(year)
    period = kwargs.get("period")
    fills = {"unit": unit, "year": str(year),
             "period": period if period is not None else f"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。"}
    fills |= {f"section.{sid}": text for sid, text in texts.items()}
    fills |= {f"{tid}.{rid}.{cid}": "" if value is None else str(value)
              for tid, rows in (data if data is not None else tables()).items() for rid, columns in rows.items() for cid, value in columns.items()}
    if any(_NEEDS_RUNS.search(text) for text in fills.values()):
        return _python_docx_build(data, year, unit, kwargs)  # tabs, breaks, outer spaces: python-docx writes runs
    shape = tuple((sid, bool(texts[sid])) for sid in sorted(texts))
    members, xml = _skeleton(shape)
    filled = _TOKEN.sub(lambda m: xml_escape(fills.get(m.group(1), "")), xml)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, filled.encode("utf-8") if name == "word/document.xml" else content)
    return buffer.getvalue()


# A DOCX fixture is built once per layout with python-docx (a quarter of a second: its table
# merges walk the whole table), every text a token; each fixture of that layout is then the
# skeleton with the tokens filled in. `test_fixture_docx_is_the_python_docx_build` compares the two.
_TOKEN = re.compile("\ue000([^\ue001]*)\ue001")
_NEEDS_RUNS = re.compile(r"[\t\n\r]|^\s|\s$")


def _token(key: str) -> str:
    return f"\ue000{key}\ue001"


@functools.cache
def _skeleton(shape: tuple[tuple[str, bool], ...]) -> tuple[dict[str, bytes], str]:
    sections = {sid: _token(f"section.{sid}") if present else "" for sid, present in shape}
    tokens = {t.id: {row.id: {c.id: _token(f"{t.id}.{row.id}.{c.id}") for c in t.columns_of(row)}
                     for row in (*t.rows, *t.optional_rows)}
              for t in PACK.tables.values()}
    document = build_docx(2024, _token("unit"), tokens, sections=sections, period=_token("period"))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    title = _token("unit") + "2024年"  # the year is printed only in the title: the rest is passed in
    assert xml.count(title) == 1 and xml.count("2024") == 1, "build_docx prints the year elsewhere now"
    return members, xml.replace(title, _token("unit") + _token("year") + "年")


def _python_docx_build(data: dict[str, Any] | None, year: int, unit: str, kwargs: dict[str, Any]) -> bytes:
    document = build_docx(year, unit, data if data is not None else tables(), **kwargs)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_text(text: str, name: str = "report.txt") -> FileResult:
    return check_bytes(text.encode("utf-8"), name=name)


def check_docx(data: bytes) -> FileResult:
    return check_document(read_bytes(data, Path("report.docx")))


def codes(result: FileResult, prefixes: str = "") -> list[str]:
    return sorted(f.code for f in result.findings if not prefixes or f.code[0] in prefixes)


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The CLI run in-process, through the same `run()` as the console script (its exit codes and
    messages), with typer's CliRunner isolation for stdin, stdout and stderr: a child interpreter
    costs about a second of imports per call. `--jobs` (worker processes) and `--version` (the
    light entry point) still run as a real child."""
    if any(a in CHILD_ONLY or a.startswith("--jobs=") for a in args):
        return run_cli_child(*args, stdin=stdin, cwd=cwd)
    old_argv, old_cwd, old_sigint = sys.argv, os.getcwd(), signal.getsignal(signal.SIGINT)
    old_main = sys.modules["__main__"]
    code: int = 0
    with CliRunner().isolation(input=stdin) as (stdout, stderr, _):
        sys.argv = ["reportlint", *args]
        sys.modules["__main__"] = AS_MAIN  # click names the program in usage lines after __main__
        os.chdir(cwd or REPO)
        try:
            run()
        except SystemExit as done:
            code = _exit_code(done.code)
        finally:
            sys.argv = old_argv
            sys.modules["__main__"] = old_main
            os.chdir(old_cwd)
            signal.signal(signal.SIGINT, old_sigint)
            sys.stdout.flush()
            sys.stderr.flush()
        return subprocess.CompletedProcess(["reportlint", *args], code, stdout.getvalue(), stderr.getvalue())


CHILD_ONLY = {"--jobs", "-j", "--version", "-V"}
AS_MAIN = types.ModuleType("__main__")  # as under `python -m reportlint`, the README's command
AS_MAIN.__package__ = "reportlint"


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # sys.exit("message"): printed, exit code 1, as in a real run
    return 1


def run_cli_child(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The CLI as a real child process: for signals, pipes, worker pools and start-up."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], input=stdin, capture_output=True,
                          cwd=cwd or REPO, timeout=120)


def cli_json(*args: str) -> dict[str, Any]:
    proc = run_cli("check", "-f", "json", *args)
    assert proc.returncode in (0, 1, 2), proc.stderr.decode()
    return json.loads(proc.stdout)
