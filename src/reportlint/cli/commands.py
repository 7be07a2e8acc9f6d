"""The commands besides `check`: aggregate, rules, rule, extract, template.

They register on the one typer app in common.py and share its helpers for errors and output.
"""

# Annotations stay objects here (no `from __future__ import annotations`): typer reads every
# command's at start-up, and a string annotation costs it an eval and a compile (20 ms a run).

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from reportlint.checks.base import Context
from reportlint.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    app,
    check_lang,
    emit,
    expected_units,
    fail,
    until_interrupted,
)
from reportlint.errors import UsageError
from reportlint.files import write_atomic
from reportlint.messages import SEVERITY, say
from reportlint.pack import DEFAULT_PACK, PackError, load_pack, load_user_pack


@app.command("aggregate")
def aggregate_command(
    paths: Annotated[list[str], typer.Argument(help="各单位的年报：文件、文件夹或通配符")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（.json .csv .xlsx .docx）")] = None,
    output_format: Annotated[str | None, typer.Option("--format", "-f", help="json|csv|xlsx|docx；默认按输出文件扩展名")] = None,
    year: Annotated[int | None, typer.Option("--year", help="汇总年度；默认取多数单位的年度")] = None,
    unit: Annotated[str, typer.Option("--unit", help="汇总报告（.docx）的单位名称")] = "（汇总）",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数")] = 1,
    units: Annotated[Path | None, typer.Option("--units", help="应报送单位名单（每行一个，或 CSV/XLSX 第一列）")] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh|en")] = "zh",
) -> None:
    """把各单位三张统计表逐格相加，得到汇总数据（未纳入的单位及原因一并列出）。

    退出码：0 全部纳入；1 有单位未纳入；2 没有可汇总的单位或用法错误。"""
    from reportlint.aggregate import EXPORT_FORMATS, aggregate, render

    check_lang(lang)
    from reportlint.api import check_paths, scan_paths
    from reportlint.batch import set_aside_non_reports
    from reportlint.units import compare_units

    fmt = output_format or (output.suffix.lower().lstrip(".") if output is not None else "json")
    if fmt not in EXPORT_FORMATS:
        raise fail(say("aggregate-format", lang, choices=", ".join(EXPORT_FORMATS)))
    if fmt in ("xlsx", "docx") and output is None:
        raise fail(say("aggregate-binary", lang, fmt=fmt))
    expected = expected_units(units, lang)
    scan = scan_paths(paths)
    files = [p for p in scan.files if p != "-"]
    if not files:
        raise fail(say("aggregate-no-files", lang))
    results, skipped = set_aside_non_reports(list(until_interrupted(check_paths(files, Context(), jobs=max(1, jobs)))),
                                             scan.named, [])
    result = aggregate(results, year)
    if expected is not None:
        result.missing_units = [u.name for u in compare_units(expected, [(r.path, r.unit) for r in results]).missing]
    if result.tables is None and fmt != "json":
        raise fail(say("aggregate-none", lang))
    try:
        data = render(result, fmt, unit)
    except RuntimeError as err:
        raise fail(str(err)) from None
    emit(data, output, lang)
    done = say("aggregate-done", lang, n=len(result.units), year=result.year or "?", left=len(result.excluded))
    extra = [say("aggregate-duplicates", lang, n=len(result.duplicates)) if result.duplicates else "",
             say("aggregate-skipped", lang, n=len(skipped)) if skipped else "",
             say("aggregate-missing", lang, n=len(result.missing_units)) if result.missing_units else ""]
    sys.stderr.write(f"reportlint: {done}{''.join(extra)}\n")
    raise typer.Exit(EXIT_USAGE if result.tables is None else EXIT_FINDINGS if result.excluded else EXIT_OK)


@app.command("rules")
def list_rules(
    lang: Annotated[str, typer.Option("--lang", help="zh|en")] = "zh",
    pack: Annotated[str, typer.Option("--pack", help="规则包")] = DEFAULT_PACK,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text|json|markdown")] = "text",
    rules_file: Annotated[Path | None, typer.Option("--rules", help="自定义规则包（YAML）：列出它的规则（含继承的）")] = None,
) -> None:
    """列出全部规则。"""
    check_lang(lang)
    chosen = _user_pack(rules_file) if rules_file else _pack(pack)
    rules = sorted(chosen.rules.values(), key=lambda r: r.code)
    if output_format == "markdown":
        from reportlint.output.rulesdoc import render_rules_markdown

        emit(render_rules_markdown(chosen), None)
        return
    if output_format not in ("text", "json"):
        raise fail(say("rules-format", lang))
    if output_format == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary[lang], "basis": r.basis} for r in rules]
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return
    lines = [f"{r.code}  {r.name:<24} {SEVERITY[lang][r.severity]:<8} {r.summary.get(lang, r.summary['zh'])}" for r in rules]
    emit("\n".join(lines) + "\n", None)


def _pack(pack_id: str) -> Any:
    try:
        return load_pack(pack_id)
    except PackError as err:
        raise fail(str(err)) from None


def _user_pack(path: Path) -> Any:
    """A user's pack as `check --rules` reads it: a bad one is the same exit 2 with the key named."""
    try:
        return load_user_pack(str(path))
    except PackError as err:
        raise fail(str(err)) from None


@app.command("rule")
def explain_rule(
    code: Annotated[str, typer.Argument(help="规则代码或名称，如 A401 或 balance")],
    lang: Annotated[str, typer.Option("--lang", help="zh|en")] = "zh",
    rules_file: Annotated[Path | None, typer.Option("--rules", help="自定义规则包（YAML）：解释它的规则")] = None,
) -> None:
    """解释一条规则：检查什么、依据、通过与不通过的例子。"""
    check_lang(lang)
    rule = (_user_pack(rules_file) if rules_file else load_pack(DEFAULT_PACK)).rule_by_name(code)
    if rule is None:
        raise fail(say("unknown-rule", lang, item=code))
    from reportlint.rule_examples import example_message

    colon = "：" if lang == "zh" else ": "
    heading = "：" if lang == "zh" else ":"
    lines = [
        f"{rule.code} {rule.name}",
        f"{say('rule-severity', lang)}{colon}{SEVERITY[lang][rule.severity]}",
        f"{say('rule-checks', lang)}{colon}{rule.summary.get(lang, rule.summary['zh'])}",
        f"{say('rule-basis', lang)}{colon}{rule.basis or '—'}",
        f"{say('rule-message', lang)}{colon}{example_message(rule, lang)}",
    ]
    if rule.example:
        lines += [f"{say('rule-passes', lang)}{heading}", _indent(rule.example["pass"]),
                  f"{say('rule-fails', lang)}{heading}", _indent(rule.example["fail"])]
    emit("\n".join(lines) + "\n", None)


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
        raise fail(say("extract-format"))
    if output_format == "xlsx" and output is None:
        raise fail(say("aggregate-binary", fmt="xlsx"))
    try:
        data = extract_path(path)
    except UsageError as err:
        raise fail(str(err)) from None
    if output_format == "xlsx":
        emit(to_xlsx(data), output)
        return
    emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if output_format == "json" else to_csv(data), output)


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
        raise fail(say("template-suffix"))
    write_atomic(output, blank_template(year or datetime.date.today().year - 1, unit))
