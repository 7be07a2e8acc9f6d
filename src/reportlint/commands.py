"""The commands besides `check`: aggregate, rules, rule, extract, template.

They register on the one typer app in cli.py and share its helpers for errors and output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from reportlint.checks.base import Context
from reportlint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _emit, _expected_units, _fail, app
from reportlint.files import write_atomic
from reportlint.pack import DEFAULT_PACK, PackError, load_pack


@app.command("aggregate")
def aggregate_command(
    paths: Annotated[list[str], typer.Argument(help="各单位的年报：文件、文件夹或通配符")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（.json .csv .xlsx .docx）")] = None,
    output_format: Annotated[str | None, typer.Option("--format", "-f", help="json|csv|xlsx|docx；默认按输出文件扩展名")] = None,
    year: Annotated[int | None, typer.Option("--year", help="汇总年度；默认取多数单位的年度")] = None,
    unit: Annotated[str, typer.Option("--unit", help="汇总报告（.docx）的单位名称")] = "（汇总）",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数")] = 1,
    units: Annotated[Path | None, typer.Option("--units", help="应报送单位名单（每行一个，或 CSV/XLSX 第一列）")] = None,
) -> None:
    """把各单位三张统计表逐格相加，得到汇总数据（未纳入的单位及原因一并列出）。

    退出码：0 全部纳入；1 有单位未纳入；2 没有可汇总的单位或用法错误。"""
    from reportlint.aggregate import EXPORT_FORMATS, aggregate, render
    from reportlint.api import check_paths, scan_paths
    from reportlint.batch import set_aside_non_reports
    from reportlint.units import compare_units

    fmt = output_format or (output.suffix.lower().lstrip(".") if output is not None else "json")
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(EXPORT_FORMATS)} (or give --output a .json/.csv/.xlsx/.docx name)")
    if fmt in ("xlsx", "docx") and output is None:
        raise _fail(f"{fmt} is binary: give --output FILE.{fmt}")
    expected = _expected_units(units)
    scan = scan_paths(paths)
    files = [p for p in scan.files if p != "-"]
    if not files:
        raise _fail("no files to aggregate")
    results, skipped = set_aside_non_reports(list(check_paths(files, Context(), jobs=max(1, jobs))), scan.named, [])
    result = aggregate(results, year)
    if expected is not None:
        result.missing_units = [u.name for u in compare_units(expected, [(r.path, r.unit) for r in results]).missing]
    if result.tables is None and fmt != "json":
        raise _fail("no unit could be summed; run `reportlint aggregate -f json` to see why each was left out")
    try:
        data = render(result, fmt, unit)
    except RuntimeError as err:
        raise _fail(str(err)) from None
    _emit(data, output)
    extra = [f"重复 {len(result.duplicates)} 份（只计一次）" if result.duplicates else "",
             f"跳过 {len(skipped)} 个不是年报的文件" if skipped else "",
             f"未报送 {len(result.missing_units)} 个单位" if result.missing_units else ""]
    sys.stderr.write(f"reportlint: 汇总 {result.year or '?'} 年度：纳入 {len(result.units)} 个单位，"
                     f"未纳入 {len(result.excluded)} 个" + "".join(f"，{e}" for e in extra if e) + "。\n")
    raise typer.Exit(EXIT_USAGE if result.tables is None else EXIT_FINDINGS if result.excluded else EXIT_OK)


@app.command("rules")
def list_rules(
    lang: Annotated[str, typer.Option("--lang", help="zh|en")] = "zh",
    pack: Annotated[str, typer.Option("--pack", help="规则包")] = DEFAULT_PACK,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown")] = "text",
) -> None:
    """列出全部规则。"""
    rules = sorted(_pack(pack).rules.values(), key=lambda r: r.code)
    if output_format == "markdown":
        from reportlint.output.rulesdoc import render_rules_markdown

        _emit(render_rules_markdown(_pack(pack)), None)
        return
    if output_format not in ("text", "json"):
        raise _fail("--format must be text, json or markdown")
    if output_format == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary[lang], "basis": r.basis} for r in rules]
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return
    lines = [f"{r.code}  {r.name:<24} {r.severity:<8} {r.summary.get(lang, r.summary['zh'])}" for r in rules]
    _emit("\n".join(lines) + "\n", None)


def _pack(pack_id: str) -> Any:
    try:
        return load_pack(pack_id)
    except PackError as err:
        raise _fail(str(err)) from None


@app.command("rule")
def explain_rule(
    code: Annotated[str, typer.Argument(help="规则代码或名称，如 A401 或 balance")],
    lang: Annotated[str, typer.Option("--lang", help="zh|en")] = "zh",
) -> None:
    """解释一条规则：检查什么、依据、通过与不通过的例子。"""
    rule = load_pack(DEFAULT_PACK).rule_by_name(code)
    if rule is None:
        raise _fail(f"unknown rule {code!r}; see `reportlint rules`")
    zh = lang == "zh"
    lines = [
        f"{rule.code} {rule.name}",
        f"{'级别' if zh else 'severity'}: {rule.severity}",
        f"{'检查' if zh else 'checks'}: {rule.summary.get(lang, rule.summary['zh'])}",
        f"{'依据' if zh else 'basis'}: {rule.basis or '—'}",
        f"{'提示语' if zh else 'message'}: {rule.message.get(lang, rule.message['zh'])}",
    ]
    if rule.example:
        lines += [f"{'通过' if zh else 'passes'}:", _indent(rule.example["pass"]), f"{'不通过' if zh else 'fails'}:", _indent(rule.example["fail"])]
    _emit("\n".join(lines) + "\n", None)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="一个年度报告文件")],
    output_format: Annotated[str, typer.Option("--format", "-f", help="json|csv|xlsx")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """把三张统计表导出为数据（按规范的行、列标识；xlsx 为官方表格样式）。"""
    from reportlint.extract import extract_path, to_csv, to_xlsx

    if output_format not in ("json", "csv", "xlsx"):
        raise _fail("--format must be json, csv or xlsx")
    if output_format == "xlsx" and output is None:
        raise _fail("xlsx is binary: give --output FILE.xlsx")
    try:
        data = extract_path(path)
    except PackError as err:
        raise _fail(str(err)) from None
    if output_format == "xlsx":
        _emit(to_xlsx(data), output)
        return
    _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if output_format == "json" else to_csv(data), output)


@app.command()
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .docx 文件")],
    year: Annotated[int, typer.Option("--year", help="报告年度")] = 2025,
    unit: Annotated[str, typer.Option("--unit", help="单位名称")] = "（单位名称）",
) -> None:
    """生成一份官方格式的空白年报（.docx），表格按模板合并单元格。"""
    import io

    from reportlint.template import build_docx

    if output.suffix.lower() != ".docx":
        raise _fail("--output must end with .docx")
    document = build_docx(year, unit, tables=None, sections={s: "" for s in "一二三四五六"})
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(output, buffer.getvalue())
