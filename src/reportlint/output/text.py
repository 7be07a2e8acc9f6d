"""The terminal view: findings grouped by file, coloured when a terminal shows them."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from reportlint.messages import HEADERS, SEVERITY, say
from reportlint.model import FileResult
from reportlint.output.locations import describe, short
from reportlint.output.safe import shown, shown_name

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _console(options: Any, buffer: io.StringIO) -> Any:
    from rich.console import Console

    color = options.color
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return Console(file=buffer, force_terminal=bool(color), no_color=not color, highlight=False,
                   width=max(100, _terminal_width()), soft_wrap=True, emoji=False)


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


def render_text(results: list[FileResult], options: Any) -> str:
    from rich.markup import escape

    buffer = io.StringIO()
    console = _console(options, buffer)
    words = SEVERITY[options.lang]
    for result in results:
        if not result.findings and options.quiet:
            continue
        meta = " · ".join(str(x) for x in (shown_name(result.unit), result.year) if x)
        console.print(f"[bold underline]{escape(shown_name(result.path))}[/]" + (f"  [dim]{escape(meta)}[/]" if meta else ""))
        if not result.findings:
            console.print("  [green]✓[/] " + say("no-problems", options.lang))
        for f in result.findings:
            where = shown(describe(f.location, options.lang))
            console.print(
                f"  [{_STYLE[f.severity]}]{words[f.severity]:<4}[/] [bold]{f.code}[/] [dim]{f.name}[/]  "
                f"[blue]{escape(where)}[/]\n      {escape(shown(f.message))}"
            )
            if f.expected is not None and f.actual is not None and f.code[0] in "AT":
                exp_word, act_word = say("expected", options.lang), say("found", options.lang)
                console.print(f"      [dim]{exp_word} {escape(shown(f.expected))} · {act_word} {escape(shown(f.actual))}[/]")
        console.print()
    if len(results) > 1 and not options.quiet:
        _summary_table(console, results, options)
    if options.notes is not None:
        _notes(console, results, options)
    if options.statistics:
        _statistics(console, results, options)
    if not options.quiet or any(r.findings for r in results):
        console.print(summary_line(results, options.lang))
    return buffer.getvalue()


def _summary_table(console: Any, results: list[FileResult], options: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=say("summary", options.lang), show_lines=False)
    for header in HEADERS[options.lang]:
        table.add_column(header)
    for r in results:
        c = r.counts()
        state = say("unreadable", options.lang) if r.unreadable else ""
        table.add_row(escape(shown_name(r.path)), escape(shown_name(r.unit or state or os.path.basename(r.path))),
                      str(r.year or ""), str(c["error"]), str(c["warning"]), str(c["info"]))
    console.print(table)


def _notes(console: Any, results: list[FileResult], options: Any) -> None:
    """Skipped files, duplicates, units with no report, reports --previous found no match for."""
    from rich.markup import escape

    from reportlint.batch import SKIP_REASONS

    zh, notes = options.lang == "zh", options.notes
    comma = "、" if zh else ", "
    if notes.skipped:
        items = comma.join(f"{s.path}（{SKIP_REASONS[s.reason]['zh']}）" if zh else f"{s.path} ({SKIP_REASONS[s.reason]['en']})"
                           for s in notes.skipped)
        console.print(escape((f"已跳过 {len(notes.skipped)} 个文件：" if zh else f"Skipped {len(notes.skipped)} file(s): ") + items))
    for dup in notes.duplicates:
        line = f"重复：{dup.path} 与 {dup.kept} 是同一单位同一年度的报告，汇总时只计 {dup.kept}" if zh else \
            f"Duplicate: {dup.path} reports the same unit and year as {dup.kept}; aggregate counts {dup.kept} only"
        console.print(f"[yellow]{escape(line)}[/]")
    if notes.units is not None:
        _units(console, results, options)
    if notes.unpaired:
        head = "--previous：以下报告没有找到同一单位的上年报告，未做跨年度检查（X701、X702、C605）：" if zh else \
            "--previous: no last year's report of the same unit for these (X701, X702, C605 not checked): "
        console.print(f"[yellow]{escape(head + comma.join(notes.unpaired))}[/]")


def _units(console: Any, results: list[FileResult], options: Any) -> None:
    from rich.markup import escape

    zh, check = options.lang == "zh", options.notes.units
    unit_of = {r.path: r.unit for r in results}
    if check.missing:
        head = f"未报送（{len(check.missing)} 个单位）：" if zh else f"No report from {len(check.missing)} unit(s): "
        console.print(f"[bold red]{escape(head)}[/]" + escape(("、" if zh else ", ").join(u.name for u in check.missing)))
    else:
        console.print(f"名单上的 {check.expected} 个单位都已报送。" if zh else f"All {check.expected} listed units reported.")
    for path in check.unlisted:
        unit = shown_name(unit_of.get(path)) or ("未找到单位名称" if zh else "unit not found")
        path = shown_name(path)
        line = f"不在单位名单上：{path}（{unit}）" if zh else f"Not on the unit list: {path} ({unit})"
        console.print(f"[yellow]{escape(line)}[/]")


def _statistics(console: Any, results: list[FileResult], options: Any) -> None:
    counts: dict[tuple[str, str], int] = {}
    for r in results:
        for f in r.findings:
            counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        console.print(f"{n:>5}  {code}  {name}")


def summary_line(results: list[FileResult], lang: str) -> str:
    total = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for k, v in r.counts().items():
            total[k] += v
    unreadable = sum(1 for r in results if r.unreadable)
    line = say("checked", lang, files=len(results), **total)
    return line + (say("checked-unreadable", lang, n=unreadable) if unreadable else "") + say("full-stop", lang)


def render_concise(results: list[FileResult], options: Any) -> str:
    words = SEVERITY[options.lang]
    lines = [
        f"{shown_name(r.path)}:{where + ':' if (where := short(f.location, options.lang)) else ''} {f.code} "
        f"[{words[f.severity]}] {shown(f.message)}"
        for r in results
        for f in r.findings
    ]
    if not options.quiet:
        lines.append(summary_line(results, options.lang))
    return "\n".join(lines) + ("\n" if lines else "")
