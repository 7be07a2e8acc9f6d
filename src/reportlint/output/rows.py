"""What the office's exports (CSV, XLSX, HTML) say about a batch, as rows of plain values in
the writer's language; each format only lays them out.

Every name passes through `shown_name` and every text through `shown` here, so no export
can forget it; the spreadsheet writers still put each cell through `safe.append_row`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from reportlint.model import FileResult, Finding
from reportlint.output.locations import SEVERITY_WORDS, describe
from reportlint.output.safe import shown, shown_name
from reportlint.pack import load_pack

FINDING_HEADERS = {
    "zh": ["文件", "单位", "年度", "代码", "规则", "级别", "位置", "说明", "应为", "实为", "依据", "修改建议"],
    "en": ["file", "unit", "year", "code", "rule", "severity", "location", "message", "expected", "found", "basis",
           "how to fix"],
}
SUMMARY_HEADERS = {
    "zh": ["单位", "年度", "文件", "状态", "错误", "警告", "提示", "备注"],
    "en": ["unit", "year", "file", "status", "errors", "warnings", "info", "notes"],
}
# A report's state; `missing` is a unit on --units that sent nothing (未报送).
STATE_WORDS = {
    "zh": {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "passed": "通过", "missing": "未报送"},
    "en": {"unreadable": "unreadable", "error": "has errors", "warning": "has warnings", "passed": "passed",
           "missing": "no report"},
}
# Background and text colours of a state, and of a finding's severity (error and warning are
# both), the same in the HTML report and the XLSX summary.
COLOURS = {"error": ("#f8d7da", "#842029"), "unreadable": ("#e2e3e5", "#41464b"), "missing": ("#e2e3e5", "#41464b"),
           "warning": ("#fff3cd", "#664d03"), "passed": ("#d1e7dd", "#0f5132"), "info": ("#cfe2ff", "#084298")}
NOTE_HEADERS = {
    "missing": {"zh": ["单位（名单所列）"], "en": ["unit (as listed)"]},
    "skipped": {"zh": ["文件", "原因"], "en": ["file", "reason"]},
    "duplicates": {"zh": ["文件", "单位", "汇总时计入的文件"], "en": ["file", "unit", "the copy aggregate counts"]},
    "unpaired": {"zh": ["文件", "单位"], "en": ["file", "unit"]},
}
NOTE_TITLES = {
    "missing": {"zh": "未报送", "en": "No report"},
    "skipped": {"zh": "已跳过", "en": "Skipped"},
    "duplicates": {"zh": "重复", "en": "Duplicates"},
    "unpaired": {"zh": "无上年报告", "en": "No previous report"},
}
NOTE_INTROS = {
    "missing": {"zh": "单位名单上的以下单位没有报送年报。", "en": "These units on the list sent no report."},
    "skipped": {"zh": "文件夹中的以下文件不是年报，未检查。", "en": "These files in the folders are no reports and were not checked."},
    "duplicates": {"zh": "以下文件与另一文件是同一单位同一年度的报告，都已检查；汇总时只计一份。",
                   "en": "These files report the same unit and year as another; all are checked, aggregate counts one."},
    "unpaired": {"zh": "--previous：以下报告没有找到同一单位的上年报告，未做跨年度检查（X701、X702、C605）。",
                 "en": "--previous: no last year's report of the same unit for these; X701, X702, C605 were not checked."},
}


def lang_of(options: Any) -> str:
    return "en" if getattr(options, "lang", "zh") == "en" else "zh"


def state(result: FileResult) -> str:
    counts = result.counts()
    if result.unreadable:
        return "unreadable"
    return "error" if counts["error"] else "warning" if counts["warning"] else "passed"


def unit_shown(result: FileResult) -> str:
    """The unit as found, else the file's name: a row always says whose report it is."""
    return shown_name(result.unit) or shown_name(os.path.basename(result.path)) or shown_name(result.path)


def fix_text(finding: Finding, lang: str) -> str:
    rule = load_pack().rules.get(finding.code)
    return rule.fix.get(lang, "") if rule is not None and rule.fix else ""


def finding_row(result: FileResult, finding: Finding, lang: str) -> list[Any]:
    return [shown_name(result.path), shown_name(result.unit), result.year or "", finding.code, finding.name,
            SEVERITY_WORDS[lang][finding.severity], shown(describe(finding.location, lang)), shown(finding.message),
            shown(finding.expected or ""), shown(finding.actual or ""), shown(finding.basis or ""),
            fix_text(finding, lang)]


def finding_rows(results: list[FileResult], lang: str) -> list[list[Any]]:
    """One row per finding: the files in the batch's order, each file's findings in document order."""
    return [finding_row(r, f, lang) for r in results for f in r.findings]


@dataclass
class BatchView:
    """The notes of a batch (`batch.BatchNotes`) as the exports show them, per file and as lists."""

    remarks: dict[str, list[str]]  # path -> remarks for the summary's 备注
    missing: list[list[Any]]
    skipped: list[list[Any]]
    duplicates: list[list[Any]]
    unpaired: list[list[Any]]

    def lists(self) -> dict[str, list[list[Any]]]:
        """The notes that apply, in the order the exports show them."""
        every = {"missing": self.missing, "skipped": self.skipped, "duplicates": self.duplicates,
                 "unpaired": self.unpaired}
        return {key: rows for key, rows in every.items() if rows}


def batch_view(results: list[FileResult], notes: Any, lang: str) -> BatchView:
    from reportlint.batch import SKIP_REASONS

    zh = lang == "zh"
    view = BatchView({r.path: [] for r in results}, [], [], [], [])
    if notes is None:
        return view
    by_path = {r.path: r for r in results}
    view.skipped = [[shown_name(s.path), SKIP_REASONS[s.reason][lang]] for s in notes.skipped]
    for dup in notes.duplicates:
        copy = by_path.get(dup.path)
        view.duplicates.append([shown_name(dup.path), unit_shown(copy) if copy else "", shown_name(dup.kept)])
        view.remarks.setdefault(dup.path, []).append(
            f"重复，汇总时计入 {shown_name(dup.kept)}" if zh else f"duplicate; aggregate counts {shown_name(dup.kept)}")
        view.remarks.setdefault(dup.kept, []).append("另有重复报送" if zh else "sent more than once")
    if notes.units is not None:
        view.missing = [[shown_name(u.name)] for u in notes.units.missing]
        for path in notes.units.unlisted:
            view.remarks.setdefault(path, []).append("不在单位名单上" if zh else "not on the unit list")
    for path in notes.unpaired or []:
        report = by_path.get(path)
        view.unpaired.append([shown_name(path), unit_shown(report) if report else ""])
        view.remarks.setdefault(path, []).append("未找到上年报告" if zh else "no previous report")
    return view


def remarks_text(path: str, view: BatchView, lang: str) -> str:
    """A file's remarks (备注) joined as its language joins them."""
    return ("；" if lang == "zh" else "; ").join(view.remarks.get(path, []))


def summary_row(result: FileResult, view: BatchView, lang: str) -> list[Any]:
    """A report file's row of the summary, under SUMMARY_HEADERS."""
    c = result.counts()
    return [unit_shown(result), result.year or "", shown_name(result.path), STATE_WORDS[lang][state(result)],
            c["error"], c["warning"], c["info"], remarks_text(result.path, view, lang)]


def missing_rows(view: BatchView, lang: str) -> list[list[Any]]:
    """A row for each unit on --units that sent nothing (未报送), under SUMMARY_HEADERS."""
    return [[name, "", "", STATE_WORDS[lang]["missing"], "", "", "", ""] for name, in view.missing]


def summary_rows(results: list[FileResult], lang: str = "zh", notes: Any = None) -> list[list[Any]]:
    """One row per report file, then one per unit on --units that sent nothing (未报送)."""
    view = batch_view(results, notes, lang)
    return [summary_row(r, view, lang) for r in results] + missing_rows(view, lang)
