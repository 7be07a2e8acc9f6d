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
from reportlint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _emit, _fail, app
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
) -> None:
    """把各单位三张统计表逐格相加，得到汇总数据（未纳入的单位及原因一并列出）。

    退出码：0 全部纳入；1 有单位未纳入；2 没有可汇总的单位或用法错误。"""
    from reportlint.aggregate import EXPORT_FORMATS, aggregate, render
    from reportlint.api import check_paths, expand_paths

    fmt = output_format or (output.suffix.lower().lstrip(".") if output is not None else "json")
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(EXPORT_FORMATS)} (or give --output a .json/.csv/.xlsx/.docx name)")
    if fmt in ("xlsx", "docx") and output is None:
        raise _fail(f"{fmt} is binary: give --output FILE.{fmt}")
    files = [p for p in expand_paths(paths) if p != "-"]
    if not files:
        raise _fail("no files to aggregate")
    result = aggregate(list(check_paths(files, Context(), jobs=max(1, jobs))), year)
    if result.tables is None and fmt != "json":
        raise _fail("no unit could be summed; run `reportlint aggregate -f json` to see why each was left out")
    try:
        data = render(result, fmt, unit)
    except RuntimeError as err:
        raise _fail(str(err)) from None
    _emit(data, output)
    sys.stderr.write(f"reportlint: summed {len(result.units)} unit(s) for {result.year or '?'}; "
                     f"{len(result.excluded)} left out\n")
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
    output_format: Annotated[str, typer.Option("--format", "-f", help="json|csv")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """把三张统计表导出为数据（按规范的行、列标识）。"""
    from reportlint.extract import extract_path, to_csv

    if output_format not in ("json", "csv"):
        raise _fail("--format must be json or csv")
    try:
        data = extract_path(path)
    except PackError as err:
        raise _fail(str(err)) from None
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if output_format == "json" else to_csv(data)
    _emit(text, output)


@app.command()
def template(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .docx 文件")],
    year: Annotated[int | None, typer.Option("--year", help="报告年度；默认为上一年")] = None,
    unit: Annotated[str, typer.Option("--unit", help="单位名称")] = "（单位名称）",
) -> None:
    """生成一份公文格式（A4、GB/T 9704）的空白年报（.docx）：各部分有填写提示，表格按模板合并单元格。"""
    import datetime

    from reportlint.template import blank_template

    if output.suffix.lower() != ".docx":
        raise _fail("--output must end with .docx")
    write_atomic(output, blank_template(year or datetime.date.today().year - 1, unit))
