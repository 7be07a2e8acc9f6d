"""Exports for the supervising office: CSV and XLSX (open in Excel), HTML (a browser).

One row per finding, plus (XLSX, HTML) a summary sheet with one row per unit. Words are in
the writer's language (`--lang`), Chinese by default.

Report text is hostile until shown otherwise (see `safe`): every CSV and XLSX cell goes
through the one neutralising step, names show hidden characters, and the HTML page escapes
everything and carries a Content-Security-Policy that allows no script at all, so nothing
that ever slips through the escaping can run.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
from typing import Any

from reportlint.model import FileResult
from reportlint.output.locations import SEVERITY_WORDS, describe
from reportlint.output.safe import append_row, csv_row, shown, shown_name

FINDING_HEADERS = {
    "zh": ["文件", "单位", "年度", "代码", "规则", "级别", "位置", "说明", "应为", "实为", "依据"],
    "en": ["file", "unit", "year", "code", "rule", "severity", "location", "message", "expected", "found", "basis"],
}
SUMMARY_HEADERS = {
    "zh": ["文件", "单位", "年度", "错误", "警告", "提示", "状态"],
    "en": ["file", "unit", "year", "errors", "warnings", "info", "status"],
}
_STATE = {"zh": ("无法读取", "有错误", "通过"), "en": ("unreadable", "has errors", "passed")}
_TITLES = {
    "zh": ("zh-CN", "reportlint 检查结果", "政府信息公开工作年度报告检查结果", "汇总", "问题明细"),
    "en": ("en", "reportlint results", "Annual information-disclosure reports: check results", "Summary", "Findings"),
}
_STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
          "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;white-space:pre-wrap}"
          "th{background:#f3f3f3}")
# The page needs only its own style sheet: allowed by hash, so not even an injected style
# attribute applies, and no script, frame, form, image or connection is allowed at all.
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; form-action 'none'")


def _lang(options: Any) -> str:
    return "en" if getattr(options, "lang", "zh") == "en" else "zh"


def finding_rows(results: list[FileResult], lang: str) -> list[list[Any]]:
    words = SEVERITY_WORDS[lang]
    return [
        [shown_name(r.path), shown_name(r.unit), r.year or "", f.code, f.name, words[f.severity],
         shown(describe(f.location, lang)), shown(f.message), shown(f.expected or ""), shown(f.actual or ""),
         shown(f.basis or "")]
        for r in results
        for f in r.findings
    ]


def summary_rows(results: list[FileResult], lang: str = "zh") -> list[list[Any]]:
    unreadable, failed, passed = _STATE[lang]
    rows = []
    for r in results:
        c = r.counts()
        state = unreadable if r.unreadable else (failed if c["error"] else passed)
        rows.append([shown_name(r.path), shown_name(r.unit), r.year or "", c["error"], c["warning"], c["info"], state])
    return rows


def render_csv(results: list[FileResult], options: Any) -> str:
    lang = _lang(options)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(FINDING_HEADERS[lang]))
    writer.writerows(csv_row(row) for row in finding_rows(results, lang))
    return buffer.getvalue()


def render_xlsx(results: list[FileResult], options: Any) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("XLSX 输出需要 openpyxl：pip install 'reportlint[xlsx]'") from exc
    lang = _lang(options)
    _, _, _, summary_title, detail_title = _TITLES[lang]
    book = Workbook()
    summary = book.active
    summary.title = summary_title
    append_row(summary, SUMMARY_HEADERS[lang])
    for row in summary_rows(results, lang):
        append_row(summary, row)
    detail = book.create_sheet(detail_title)
    append_row(detail, FINDING_HEADERS[lang])
    for row in finding_rows(results, lang):
        append_row(detail, row)
    for sheet in (summary, detail):
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _html_table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(results: list[FileResult], options: Any) -> str:
    lang = _lang(options)
    code, title, heading, summary_title, detail_title = _TITLES[lang]
    return (
        f"<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        f"<meta name=\"referrer\" content=\"no-referrer\"><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{heading}</h1>"
        f"<h2>{summary_title}</h2>{_html_table(SUMMARY_HEADERS[lang], summary_rows(results, lang))}"
        f"<h2>{detail_title}</h2>{_html_table(FINDING_HEADERS[lang], finding_rows(results, lang))}</body></html>\n"
    )
