"""The terminal view: findings grouped by file, coloured when a terminal shows them."""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from typing import Any

from reportlint.messages import HEADERS, SEVERITY, say
from reportlint.model import FileResult
from reportlint.output.locations import describe, short
from reportlint.output.safe import shown, shown_name

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

# A line is a list of segments: plain text, or (text, style). Colour needs rich; a pipe, a file
# or --no-color gets the same lines as plain text, without importing rich (a fifth of a cold
# start). Only the summary table of a batch is drawn by rich in both cases.
Segment = str | tuple[str, str]


class _Plain:
    def __init__(self, buffer: io.StringIO) -> None:
        self.buffer = buffer

    def line(self, *segments: Segment) -> None:
        self.buffer.write("".join(s if isinstance(s, str) else s[0] for s in segments) + "\n")

    def table(self, table: Any) -> None:
        _rich_console(self.buffer, color=False).print(table)


class _Coloured:
    def __init__(self, buffer: io.StringIO) -> None:
        self.console = _rich_console(buffer, color=True)

    def line(self, *segments: Segment) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*segments))

    def table(self, table: Any) -> None:
        self.console.print(table)


def _rich_console(buffer: io.StringIO, color: bool) -> Any:
    from rich.console import Console

    return Console(file=buffer, force_terminal=color, no_color=not color, highlight=False,
                   width=max(100, _terminal_width()), soft_wrap=True, emoji=False)


def _writer(options: Any, buffer: io.StringIO) -> _Plain | _Coloured:
    color = options.color
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return _Coloured(buffer) if color else _Plain(buffer)


def _expand_tabs(text: str, column: int = 0, size: int = 8) -> str:
    """A quoted tab as spaces to the next tab stop, a Chinese character two columns wide: what
    rich prints on a terminal, so that piped output reads the same. `column`: where `text`
    starts on its line."""
    if "\t" not in text:
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\t":
            pad = size - column % size
            out.append(" " * pad)
            column += pad
        else:
            out.append(ch)
            column += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return "".join(out)


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


def render_text(results: list[FileResult], options: Any) -> str:
    buffer = io.StringIO()
    out = _writer(options, buffer)
    words = SEVERITY[options.lang]
    for result in results:
        if not result.findings and options.quiet:
            continue
        meta = " · ".join(str(x) for x in (shown_name(result.unit), result.year) if x)
        out.line((shown_name(result.path), "bold underline"), *([("  " + meta, "dim")] if meta else []))
        if not result.findings:
            out.line("  ", ("✓", "green"), " " + say("no-problems", options.lang))
        for f in result.findings:
            where = shown(describe(f.location, options.lang))
            out.line("  ", (f"{words[f.severity]:<4}", _STYLE[f.severity]), " ", (f.code, "bold"), " ", (f.name, "dim"),
                     "  ", (where, "blue"))
            out.line(_expand_tabs("      " + shown(f.message)))
            if f.expected is not None and f.actual is not None and f.code[0] in "AT":
                exp_word, act_word = say("expected", options.lang), say("found", options.lang)
                out.line("      ", (_expand_tabs(f"{exp_word} {shown(f.expected)} · {act_word} {shown(f.actual)}", 6), "dim"))
        out.line()
    if len(results) > 1 and not options.quiet:
        _summary_table(out, results, options)
    if options.notes is not None:
        _notes(out, results, options)
    if options.statistics:
        _statistics(out, results, options)
    if not options.quiet or any(r.findings for r in results):
        out.line(summary_line(results, options.lang))
    return buffer.getvalue()


def _summary_table(out: _Plain | _Coloured, results: list[FileResult], options: Any) -> None:
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
    out.table(table)


def _notes(out: _Plain | _Coloured, results: list[FileResult], options: Any) -> None:
    """Skipped files, duplicates, units with no report, reports --previous found no match for."""
    from reportlint.batch import SKIP_REASONS

    zh, notes = options.lang == "zh", options.notes
    comma = "、" if zh else ", "
    if notes.skipped:
        items = comma.join(f"{s.path}（{SKIP_REASONS[s.reason]['zh']}）" if zh else f"{s.path} ({SKIP_REASONS[s.reason]['en']})"
                           for s in notes.skipped)
        out.line((f"已跳过 {len(notes.skipped)} 个文件：" if zh else f"Skipped {len(notes.skipped)} file(s): ") + items)
    for dup in notes.duplicates:
        line = f"重复：{dup.path} 与 {dup.kept} 是同一单位同一年度的报告，汇总时只计 {dup.kept}" if zh else \
            f"Duplicate: {dup.path} reports the same unit and year as {dup.kept}; aggregate counts {dup.kept} only"
        out.line((line, "yellow"))
    if notes.units is not None:
        _units(out, results, options)
    if notes.unpaired:
        head = "--previous：以下报告没有找到同一单位的上年报告，未做跨年度检查（X701、X702、C605）：" if zh else \
            "--previous: no last year's report of the same unit for these (X701, X702, C605 not checked): "
        out.line((head + comma.join(notes.unpaired), "yellow"))


def _units(out: _Plain | _Coloured, results: list[FileResult], options: Any) -> None:
    zh, check = options.lang == "zh", options.notes.units
    unit_of = {r.path: r.unit for r in results}
    if check.missing:
        head = f"未报送（{len(check.missing)} 个单位）：" if zh else f"No report from {len(check.missing)} unit(s): "
        out.line((head, "bold red"), ("、" if zh else ", ").join(u.name for u in check.missing))
    else:
        out.line(f"名单上的 {check.expected} 个单位都已报送。" if zh else f"All {check.expected} listed units reported.")
    for path in check.unlisted:
        unit = shown_name(unit_of.get(path)) or ("未找到单位名称" if zh else "unit not found")
        path = shown_name(path)
        line = f"不在单位名单上：{path}（{unit}）" if zh else f"Not on the unit list: {path} ({unit})"
        out.line((line, "yellow"))


def _statistics(out: _Plain | _Coloured, results: list[FileResult], options: Any) -> None:
    counts: dict[tuple[str, str], int] = {}
    for r in results:
        for f in r.findings:
            counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.line(f"{n:>5}  {code}  {name}")


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
