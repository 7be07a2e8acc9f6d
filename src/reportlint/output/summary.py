"""Exports for the supervising office: CSV and XLSX (open in Excel), HTML (a browser).

One row per finding, plus (XLSX, HTML) a summary sheet with one row per unit.
"""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from reportlint.model import FileResult
from reportlint.output.locations import describe

FINDING_HEADERS = ["文件", "单位", "年度", "代码", "规则", "级别", "位置", "说明", "应为", "实为", "依据"]
SUMMARY_HEADERS = ["文件", "单位", "年度", "错误", "警告", "提示", "状态"]


def finding_rows(results: list[FileResult], lang: str) -> list[list[Any]]:
    return [
        [r.path, r.unit or "", r.year or "", f.code, f.name, f.severity, describe(f.location, lang), f.message,
         f.expected or "", f.actual or "", f.basis or ""]
        for r in results
        for f in r.findings
    ]


def summary_rows(results: list[FileResult]) -> list[list[Any]]:
    rows = []
    for r in results:
        c = r.counts()
        state = "无法读取" if r.unreadable else ("有错误" if c["error"] else "通过")
        rows.append([r.path, r.unit or "", r.year or "", c["error"], c["warning"], c["info"], state])
    return rows


def render_csv(results: list[FileResult], options: Any) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FINDING_HEADERS)
    writer.writerows(finding_rows(results, options.lang))
    return buffer.getvalue()


def render_xlsx(results: list[FileResult], options: Any) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("XLSX 输出需要 openpyxl：pip install 'reportlint[xlsx]'") from exc
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(SUMMARY_HEADERS)
    for row in summary_rows(results):
        summary.append(row)
    detail = book.create_sheet("问题明细")
    detail.append(FINDING_HEADERS)
    for row in finding_rows(results, options.lang):
        detail.append(row)
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
    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
             "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}")
    return (
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>reportlint 检查结果</title>"
        f"<style>{style}</style></head><body><h1>政府信息公开工作年度报告检查结果</h1>"
        f"<h2>汇总</h2>{_html_table(SUMMARY_HEADERS, summary_rows(results))}"
        f"<h2>问题明细</h2>{_html_table(FINDING_HEADERS, finding_rows(results, options.lang))}</body></html>\n"
    )
