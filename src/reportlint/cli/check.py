"""`reportlint check`: parse the options, load the config and packs, check, render, exit.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error
or an input that could not be read; 130 interrupted.
"""

# Annotations stay objects here (no `from __future__ import annotations`): typer reads every
# command's at start-up, and a string annotation costs it an eval and a compile (20 ms a run).

import os
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
    emit,
    expected_units,
    fail,
    stop_if_interrupted,
    until_interrupted,
)
from reportlint.errors import UsageError
from reportlint.messages import say
from reportlint.model import SEVERITY_RANK, FileResult
from reportlint.output import Options, format_for, formats, render
from reportlint.output import find as find_output
from reportlint.pack import PackError, Packs, run_packs
from reportlint.read.registry import checkable_extensions


def _packs(rules_file: str | None) -> Packs:
    try:
        return run_packs(rules_file)
    except PackError as err:
        raise fail(str(err)) from None


def _codes(packs: Packs, words: list[str] | None, lang: str = "zh") -> frozenset[str]:
    """Codes, names and prefixes resolved against the run's packs (selection.py): the one
    meaning of a rule name for --select, --ignore, the config and per-file-ignores."""
    from reportlint.selection import UnknownRule, resolve

    try:
        return resolve(packs.rules(), words)
    except UnknownRule as err:
        raise fail(say("unknown-rule", lang, item=err.word)) from None


def _context(
    config: dict[str, Any], select: list[str] | None, ignore: list[str] | None, lang: str | None,
    rules_file: str | None = None,
) -> Context:
    packs = _packs(rules_file)
    ui = lang or config.get("lang", "zh")
    return Context(
        lang=ui,
        selected=_codes(packs, select or config.get("select"), ui) or None,
        ignored=_codes(packs, ignore, ui) | _codes(packs, config.get("ignore"), ui),
        severity={code: level for key, level in config.get("severity", {}).items()
                  for code in _codes(packs, [key], ui)},
        unit_type=config.get("unit-type"),
        rules=rules_file,
    )


def _load_config(path: Path | None, paths: list[str], lang: str | None) -> tuple[dict[str, Any], Path]:
    """The config named by --config, or the nearest one above the files checked; and the
    folder its paths are relative to."""
    from reportlint.config import find_config, load_config, search_start

    if path is not None and not path.is_file():
        raise fail(say("config-not-found", lang or "zh", path=path))
    try:
        found = path or find_config(search_start(paths))
        return (load_config(found, lang or "zh") if found else {}), (found.parent if found else Path.cwd())
    except (PackError, UsageError) as err:  # a config that cannot be read or does not validate
        raise fail(str(err)) from None


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="文件、文件夹、通配符，或 - 表示标准输入")],
    output_format: Annotated[str | None, typer.Option("--format", "-f", help="|".join(formats()) + "；默认按 -o 的扩展名，否则 text")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（原子写入）")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error|warning|info")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="有问题也以 0 退出")] = False,
    select: Annotated[list[str] | None, typer.Option("--select", help="只检查这些规则（代码、名称或前缀）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="忽略这些规则")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="zh|en")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数")] = 1,
    no_color: Annotated[bool, typer.Option("--no-color", help="不使用颜色")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="没有问题时不输出")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="按规则统计问题数")] = False,
    max_size_mb: Annotated[float | None, typer.Option("--max-size-mb", help="单个文件大小上限（MB）")] = None,
    convert: Annotated[bool, typer.Option("--convert", help="用 LibreOffice 把 .doc/.wps/.rtf/.odt 临时转为 .docx 再检查")] = False,
    timeout: Annotated[float | None, typer.Option("--timeout", help="单个文件的检查时限（秒），0 表示不限", min=0)] = None,
    previous: Annotated[list[str] | None, typer.Option("--previous", help="上年度的年报（文件或文件夹），用于 X701、X702、C605")] = None,
    unit_type: Annotated[str | None, typer.Option("--unit-type", help="department|government，决定公布期限（P204）")] = None,
    units: Annotated[Path | None, typer.Option("--units", help="应报送单位名单（每行一个，或 CSV/XLSX 第一列），列出未报送的单位")] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="自定义规则包（YAML），在内置规则包基础上增加、修改或停用规则")] = None,
) -> None:
    """检查一个或多个年度报告。"""
    from reportlint.api import check_bytes, check_paths, scan_paths
    from reportlint.batch import review, set_aside_non_reports

    output_format = output_format or format_for(output)
    if lang not in (None, "zh", "en"):
        raise fail(say("bad-lang"))
    ui = lang or "zh"  # until the config may name another
    writer = find_output(output_format)
    if writer is None:
        raise fail(say("unknown-format", ui, value=output_format, choices="|".join(formats())))
    if writer.binary and output is None and sys.stdout.isatty():
        raise fail(say("binary-needs-output", ui, fmt=output_format))
    cfg, cfg_root = _load_config(config, paths, lang)
    ctx = _context(cfg, select, ignore, lang, str(rules) if rules else cfg.get("rules"))
    ui = ctx.lang
    fail_level = fail_on or cfg.get("fail-on", "error")
    if fail_level not in SEVERITY_RANK:
        raise fail(say("bad-fail-on", ui, value=fail_level))
    file_ignores = _per_file_ignores(cfg.get("per-file-ignores", {}), ctx)
    if unit_type not in (None, "department", "government"):
        raise fail(say("bad-unit-type", ui))
    limits = _limits(cfg, max_size_mb, timeout)
    expected = expected_units(units, ui)
    priors = _priors(previous, limits, max(1, jobs), ui)
    stop_if_interrupted()
    ctx = ctx._replace(unit_type=unit_type or ctx.unit_type, priors=tuple(priors))
    convert = convert or bool(cfg.get("convert", False))
    scan = scan_paths(paths)
    files = _not_excluded(scan.files, cfg.get("exclude", ()), cfg_root)
    if not files:
        raise fail(say("no-files", ui, exts=" ".join(sorted(checkable_extensions()))))
    if output is not None and output.exists() and any(p != "-" and os.path.exists(p) and os.path.samefile(p, output) for p in files):
        raise fail(say("output-is-input", ui, path=output))
    results: list[FileResult] = []
    on_disk = [p for p in files if p != "-"]
    if "-" in files:
        results.append(check_bytes(sys.stdin.buffer.read(), ctx, "-", limits))
    results.extend(until_interrupted(check_paths(on_disk, ctx, jobs=max(1, jobs), limits=limits, convert=convert)))
    _apply_per_file_ignores(results, file_ignores, cfg_root)
    if output_format == "docx" and output is not None and (output.is_dir() or len(results) > 1):
        _annotate_into(results, output, ctx.lang)
        raise typer.Exit(_exit_code(results, fail_level, exit_zero))
    results, skipped = set_aside_non_reports(results, scan.named, _not_excluded(scan.other, cfg.get("exclude", ()), cfg_root))
    notes = review(results, expected, bool(ctx.priors))
    notes.skipped = skipped
    options = Options(lang=ctx.lang, color=False if no_color else None, quiet=quiet, statistics=statistics, notes=notes,
                      rules_file=ctx.rules, inputs=list(paths))
    try:
        data = render(results, output_format, options)
    except RuntimeError as err:
        raise fail(str(err)) from None
    emit(data, output, ui, output_format)
    raise typer.Exit(_exit_code(results, fail_level, exit_zero))


def _annotate_into(results: list[FileResult], folder: Path, lang: str) -> None:
    """`-f docx -o DIR`: one annotated copy per DOCX, each under its own name."""
    from reportlint.output.docx_comments import write_annotated

    if folder.exists() and not folder.is_dir():
        raise fail(say("docx-folder-is-file", lang, path=folder))
    try:
        written, skipped = write_annotated(results, folder, lang)
    except (RuntimeError, OSError) as err:
        raise fail(str(err)) from None
    note = say("docx-written", lang, folder=folder, n=len(written))
    note += say("docx-skipped", lang, n=len(skipped)) if skipped else ""
    sys.stderr.write(f"reportlint: {note}\n")

def _priors(paths: list[str] | None, limits: Any, jobs: int, lang: str) -> list[Any]:
    from reportlint.api import load_priors

    if not paths:
        return []
    priors, problems = load_priors(paths, limits, jobs)
    for problem in problems:
        sys.stderr.write(f"reportlint: {say('previous-problem', lang, problem=problem)}\n")
    if not priors:
        raise fail(say("previous-none", lang))
    return priors


def _limits(cfg: dict[str, Any], max_size_mb: float | None, timeout: float | None) -> Any:
    from reportlint.read import Limits

    limits = Limits()
    size_mb = max_size_mb or cfg.get("max-file-size-mb")
    seconds = timeout if timeout is not None else cfg.get("timeout")
    if size_mb:
        limits = limits._replace(max_bytes=int(size_mb * 1024 * 1024))
    if seconds is not None:
        limits = limits._replace(max_seconds=float(seconds))
    return limits


def _not_excluded(files: list[str], patterns: list[str], root: Path) -> list[str]:
    from reportlint.config import matches

    return [f for f in files if f == "-" or not any(matches(f, root, p) for p in patterns)]


def _per_file_ignores(table: dict[str, list[str]], ctx: Context) -> dict[str, frozenset[str]]:
    """Resolved before any file is read, so an unknown rule stops the run at once."""
    packs = _packs(ctx.rules)
    return {pattern: _codes(packs, words, ctx.lang) for pattern, words in table.items()}


def _apply_per_file_ignores(results: list[FileResult], table: dict[str, frozenset[str]], root: Path) -> None:
    from reportlint.config import matches

    for result in results:
        codes = {c for pattern, cs in table.items() if matches(result.path, root, pattern) for c in cs}
        if codes:
            result.findings = [f for f in result.findings if f.code not in codes]


def _exit_code(results: list[FileResult], fail_level: str, exit_zero: bool) -> int:
    if any(r.unreadable for r in results):
        return EXIT_USAGE
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_level]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else EXIT_OK
