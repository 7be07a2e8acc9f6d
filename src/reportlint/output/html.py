"""`check --format html`: one self-contained page an office can send on or print.

A header (when, which tool and rule pack, what was checked), a summary with one row per
report file grouped by unit, coloured and worded status, each row linking to that report's
section, where the findings are grouped by the report's sections 一 … 六 with the severity
in colour and in words; then the batch's notes (未报送, 已跳过, 重复, 无上年报告). A checkbox
shows errors only, in CSS alone (no script). A print style sheet lays it out on A4 with
fixed column widths, so long text wraps and nothing runs off the page.

Everything from a report is escaped; the page's Content-Security-Policy allows its own style
sheet (by hash) and nothing else: no script, image, frame, form or connection.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import time
from collections.abc import Iterable
from typing import Any

from reportlint.model import FileResult, Finding
from reportlint.output.locations import SEVERITY_WORDS, describe
from reportlint.output.rows import (
    COLOURS,
    NOTE_HEADERS,
    NOTE_INTROS,
    NOTE_TITLES,
    STATE_WORDS,
    SUMMARY_HEADERS,
    batch_view,
    fix_text,
    lang_of,
    missing_rows,
    remarks_text,
    state,
    summary_row,
    unit_shown,
)
from reportlint.output.safe import shown, shown_name
from reportlint.pack import load_pack, run_packs
from reportlint.units import unit_key

WORDS = {
    "zh": {"lang": "zh-CN", "title": "reportlint 检查结果", "heading": "政府信息公开工作年度报告检查结果",
           "summary": "汇总", "reports": "各报告问题", "notes": "说明", "when": "检查时间", "tool": "检查工具",
           "pack": "规则包", "inputs": "检查对象", "only_errors": "只看错误", "back": "返回汇总",
           "clean": "未发现问题。", "whole": "全文", "part": "第{id}部分 {title}", "file": "文件",
           "findings": ["级别", "代码", "位置", "说明", "应为 / 实为", "依据", "修改建议"],
           "expected": "应为", "found": "实为", "colon": "：", "aside": "{}（{}）",
           "totals": "共 {files} 个文件：{error} 个有错误，{warning} 个有警告，{passed} 个通过，{unreadable} 个无法读取。"},
    "en": {"lang": "en", "title": "reportlint results", "heading": "Annual information-disclosure reports: check results",
           "summary": "Summary", "reports": "Findings by report", "notes": "Notes", "when": "Checked", "tool": "Tool",
           "pack": "Rule pack", "inputs": "Checked paths", "only_errors": "Errors only", "back": "Back to the summary",
           "clean": "No problems found.", "whole": "Whole document", "part": "Section {id} {title}", "file": "File",
           "findings": ["severity", "code", "location", "message", "expected / found", "basis", "how to fix"],
           "expected": "expected", "found": "found", "colon": ": ", "aside": "{} ({})",
           "totals": "{files} file(s): {error} with errors, {warning} with warnings, {passed} passed, "
                     "{unreadable} unreadable."},
}
# Column widths (percent of the page) of the summary and of the findings: fixed, so that a
# long file name or message wraps in its own cell and the 单位 column keeps its width.
SUMMARY_WIDTHS = (17, 6, 27, 10, 6, 6, 6, 22)
FINDING_WIDTHS = (7, 7, 15, 33, 12, 10, 16)


def _style() -> str:
    widths = "".join(f"col.w{w}{{width:{w}%}}" for w in sorted(set(SUMMARY_WIDTHS + FINDING_WIDTHS)))
    states = "".join(f"tr.s-{k} td.st,.badge.s-{k}{{background:{bg};color:{fg}}}" for k, (bg, fg) in COLOURS.items())
    severities = "".join(f"tr.f-{k} td:first-child{{background:{COLOURS[k][0]};color:{COLOURS[k][1]};font-weight:bold}}"
                         for k in ("error", "warning", "info"))
    hide = "#only-errors:checked~main "
    return (
        "body{font-family:sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;line-height:1.45}"
        "table{border-collapse:collapse;margin-bottom:1.5em;width:100%;table-layout:fixed}"
        "td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;white-space:pre-wrap;"
        "overflow-wrap:anywhere}"
        "th{background:#f3f3f3}td.n{text-align:right}"
        "ul.meta{list-style:none;padding:0;color:#333}.badge{padding:1px 6px;border-radius:3px;font-size:.9em}"
        "tbody.unit{border-top:2px solid #888}section.report{margin:1.5em 0;padding-top:.3em;scroll-margin-top:1em}"
        "section.report:target{outline:3px solid #0d6efd;outline-offset:6px}h4{margin:.8em 0 .3em}"
        "p.back{font-size:.9em}label.filter{margin-left:.4em;font-weight:bold}"
        + widths + states + severities
        + f"{hide}tr.s-warning,{hide}tr.s-passed,{hide}tr.f-warning,{hide}tr.f-info,"
        f"{hide}section.report.s-warning,{hide}section.report.s-passed,{hide}div.part:not(:has(tr.f-error)){{display:none}}"
        "@media print{@page{size:A4;margin:12mm}body{margin:0;max-width:none;padding:0;font-size:9.5pt}"
        "#only-errors,label.filter,p.back{display:none}a{color:inherit;text-decoration:none}"
        "thead{display:table-header-group}tr{break-inside:avoid}h2,h3,h4{break-after:avoid}"
        "section.report:target{outline:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
    )


_STYLE = _style()
# The page needs only its own style sheet: allowed by hash, so not even an injected style
# attribute applies, and no script, frame, form, image or connection is allowed at all.
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
CSP = f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; form-action 'none'"


def _e(value: Any) -> str:
    return html.escape(str(value))


def _colgroup(widths: Iterable[int]) -> str:
    return "<colgroup>" + "".join(f'<col class="w{w}">' for w in widths) + "</colgroup>"


def _head(headers: list[str], widths: Iterable[int]) -> str:
    return _colgroup(widths) + "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr></thead>"


def _checked_when() -> str:
    """Now, or SOURCE_DATE_EPOCH when set, so that a report can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.localtime()
    return time.strftime("%Y-%m-%d %H:%M %Z" if not epoch else "%Y-%m-%d %H:%M UTC", moment)


def _packs_used(results: list[FileResult], options: Any, w: dict[str, Any]) -> str:
    """The packs whose rules checked these reports (a report's year chooses its pack), named
    with their titles; the default pack when no report was readable."""
    packs = run_packs(getattr(options, "rules_file", None))
    titles = {pack.id: pack.title for pack in [packs.default, *packs.all()]}
    used = list(dict.fromkeys(r.rulepack for r in results if r.rulepack)) or [packs.default.id]
    return "、".join(w["aside"].format(pack_id, titles[pack_id]) if pack_id in titles else pack_id for pack_id in used)


def _header(results: list[FileResult], options: Any, w: dict[str, Any]) -> str:
    items = [(w["when"], _checked_when()), (w["tool"], f"reportlint {options.version}"), (w["pack"], _packs_used(results, options, w))]
    inputs = getattr(options, "inputs", None)
    if inputs:
        items.append((w["inputs"], "、".join(shown_name(p) for p in inputs)))
    counts = {key: 0 for key in STATE_WORDS["zh"]}
    for r in results:
        counts[state(r)] += 1
    meta = "".join(f"<li>{_e(k)}{w['colon']}{_e(v)}</li>" for k, v in items)
    totals = w["totals"].format(files=len(results), **{k: counts[k] for k in ("error", "warning", "passed", "unreadable")})
    return f"<header><h1>{_e(w['heading'])}</h1><ul class=\"meta\">{meta}</ul><p>{_e(totals)}</p></header>"


def _anchor(index: int) -> str:
    return f"r{index + 1}"


def _by_unit(results: list[FileResult]) -> list[list[int]]:
    """Indexes of `results` grouped by unit (copies of one unit together), in the batch's order:
    offices number their files, and code-point order of Chinese names means nothing to a reader."""
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(results):
        groups.setdefault(unit_key(r.unit) or f"\0{r.path}", []).append(i)
    return list(groups.values())


def _summary(results: list[FileResult], view: Any, lang: str, w: dict[str, Any]) -> str:
    bodies = []
    for group in _by_unit(results):
        rows = [_summary_row(i, results[i], view, lang) for i in group]
        bodies.append('<tbody class="unit">' + "".join(rows) + "</tbody>")
    missing = "".join(_row("missing", cells) for cells in missing_rows(view, lang))
    if missing:
        bodies.append('<tbody class="unit">' + missing + "</tbody>")
    return (f'<section id="summary"><h2>{_e(w["summary"])}</h2><table>'
            f"{_head(SUMMARY_HEADERS[lang], SUMMARY_WIDTHS)}{''.join(bodies)}</table></section>")


def _summary_row(i: int, result: FileResult, view: Any, lang: str) -> str:
    """The summary's row of a report file, its unit and file linking to the report below."""
    unit, year, path, *rest = summary_row(result, view, lang)
    link = f'<a href="#{_anchor(i)}">'
    return _row(state(result), [f"{link}{_e(unit)}</a>", year, f"{link}{_e(path)}</a>", *rest], linked=True)


def _row(key: str, cells: list[Any], linked: bool = False) -> str:
    """A summary row in its state's colour: the state's cell marked, the counts set right;
    `linked`: the unit's and the file's cells are markup already."""
    out = []
    for column, cell in enumerate(cells):
        text = str(cell) if linked and column in (0, 2) else _e(cell)
        attr = ' class="st"' if column == 3 else ' class="n"' if column in (4, 5, 6) and cell != "" else ""
        out.append(f"<td{attr}>{text}</td>")
    return f'<tr class="s-{key}">' + "".join(out) + "</tr>"


def _finding_row(f: Finding, lang: str, w: dict[str, Any]) -> str:
    pair = ""
    if f.expected is not None or f.actual is not None:
        pair = f"{w['expected']} {shown(f.expected or '—')}\n{w['found']} {shown(f.actual or '—')}"
    cells = [SEVERITY_WORDS[lang][f.severity], f.code, shown(describe(f.location, lang)), shown(f.message), pair,
             shown(f.basis or ""), fix_text(f, lang)]
    return f'<tr class="f-{f.severity}">' + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>"


def _parts(findings: list[Finding], lang: str, w: dict[str, Any]) -> str:
    """The findings grouped by the report's section: those of the whole document first, then 一 … 六."""
    pack = load_pack()
    titles = {s.id: s.title for s in pack.sections}
    order = [None, *titles]
    out = []
    for section in order:
        mine = [f for f in findings if f.location.section == section
                or (section is None and f.location.section not in titles)]
        if not mine:
            continue
        title = w["whole"] if section is None else w["part"].format(id=section, title=titles[section])
        rows = "".join(_finding_row(f, lang, w) for f in mine)
        out.append(f'<div class="part"><h4>{_e(title)}</h4><table>'
                   f"{_head(w['findings'], FINDING_WIDTHS)}<tbody>{rows}</tbody></table></div>")
    return "".join(out)


def _report(i: int, r: FileResult, view: Any, lang: str, w: dict[str, Any]) -> str:
    key, c = state(r), r.counts()
    words = STATE_WORDS[lang]
    year = f" · {r.year}" if r.year else ""
    counts = " · ".join(f"{SEVERITY_WORDS[lang][k]} {c[k]}" for k in ("error", "warning", "info"))
    remarks = remarks_text(r.path, view, lang)
    body = _parts(r.findings, lang, w) or f"<p>{_e(w['clean'])}</p>"
    return (f'<section class="report s-{key}" id="{_anchor(i)}"><h3>{_e(unit_shown(r))}{_e(year)} '
            f'<span class="badge s-{key}">{_e(words[key])}</span></h3>'
            f"<p>{_e(w['file'])}{w['colon']}{_e(shown_name(r.path))} · {_e(counts)}"
            + (f" · {_e(remarks)}" if remarks else "") + f"</p>{body}"
            f'<p class="back"><a href="#summary">{_e(w["back"])}</a></p></section>')


def _notes(view: Any, lang: str, w: dict[str, Any]) -> str:
    lists = view.lists()
    if not lists:
        return ""
    parts = []
    for key, rows in lists.items():
        headers = NOTE_HEADERS[key][lang]
        widths = (100,) if len(headers) == 1 else (50, 50) if len(headers) == 2 else (40, 20, 40)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
        parts.append(f'<h3 id="note-{key}">{_e(w["aside"].format(NOTE_TITLES[key][lang], len(rows)))}</h3>'
                     f"<p>{_e(NOTE_INTROS[key][lang])}</p><table>{_head(headers, widths)}<tbody>{body}</tbody></table>")
    return f'<section id="notes"><h2>{_e(w["notes"])}</h2>{"".join(parts)}</section>'


def render_html(results: list[FileResult], options: Any) -> str:
    lang = lang_of(options)
    w = WORDS[lang]
    view = batch_view(results, getattr(options, "notes", None), lang)
    reports = "".join(_report(i, results[i], view, lang, w) for group in _by_unit(results) for i in group)
    return (
        f"<!DOCTYPE html><html lang=\"{w['lang']}\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        f"<meta name=\"referrer\" content=\"no-referrer\"><title>{_e(w['title'])}</title>"
        f"<style>{_STYLE}</style></head><body>{_header(results, options, w)}"
        f'<input type="checkbox" id="only-errors"><label class="filter" for="only-errors">{_e(w["only_errors"])}</label>'
        f"<main>{_summary(results, view, lang, w)}{_notes(view, lang, w)}"
        f'<section id="reports"><h2>{_e(w["reports"])}</h2>{reports}</section></main></body></html>\n'
    )
