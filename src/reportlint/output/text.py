"""The terminal view: findings grouped by file, coloured when a terminal shows them."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from reportlint.messages import HEADERS, SEVERITY, say
from reportlint.model import FileResult
from reportlint.output.locations import describe, short

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
        meta = " · ".join(str(x) for x in (result.unit, result.year) if x)
        console.print(f"[bold underline]{escape(result.path)}[/]" + (f"  [dim]{escape(meta)}[/]" if meta else ""))
        if not result.findings:
            console.print("  [green]✓[/] " + say("no-problems", options.lang))
        for f in result.findings:
            where = describe(f.location, options.lang)
            console.print(
                f"  [{_STYLE[f.severity]}]{words[f.severity]:<4}[/] [bold]{f.code}[/] [dim]{f.name}[/]  "
                f"[blue]{escape(where)}[/]\n      {escape(f.message)}"
            )
            if f.expected is not None and f.actual is not None and f.code[0] in "AT":
                exp_word, act_word = say("expected", options.lang), say("found", options.lang)
                console.print(f"      [dim]{exp_word} {escape(f.expected)} · {act_word} {escape(f.actual)}[/]")
        console.print()
    if len(results) > 1 and not options.quiet:
        _summary_table(console, results, options)
    if options.statistics:
        _statistics(console, results, options)
    if not options.quiet or any(r.findings for r in results):
        console.print(summary_line(results, options.lang))
    return buffer.getvalue()


def _summary_table(console: Any, results: list[FileResult], options: Any) -> None:
    from rich.table import Table

    table = Table(title=say("summary", options.lang), show_lines=False)
    for header in HEADERS[options.lang]:
        table.add_column(header)
    for r in results:
        c = r.counts()
        state = say("unreadable", options.lang) if r.unreadable else ""
        table.add_row(r.path, r.unit or state, str(r.year or ""), str(c["error"]), str(c["warning"]), str(c["info"]))
    console.print(table)


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
        f"{r.path}:{where + ':' if (where := short(f.location, options.lang)) else ''} {f.code} [{words[f.severity]}] {f.message}"
        for r in results
        for f in r.findings
    ]
    if not options.quiet:
        lines.append(summary_line(results, options.lang))
    return "\n".join(lines) + ("\n" if lines else "")
