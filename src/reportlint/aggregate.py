"""`reportlint aggregate`: the three tables summed cell by cell across units, for the
combined report a supervising office publishes (a district over its departments).

A unit is summed only when its numbers can be trusted: it was read, uses the current
table layout, has every cell of the three tables, has no error in its tables or their
arithmetic, and reports on the batch's year. Every other unit is listed with the reason;
nothing is dropped silently.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlint import __version__
from reportlint.model import FileResult
from reportlint.pack import DEFAULT_PACK, PackError, load_pack

# Findings that make a unit's numbers unusable for a sum: the pack's `blocks_aggregate` list.
BLOCKING = load_pack(DEFAULT_PACK).blocks_aggregate
EXPORT_FORMATS = ("json", "csv", "xlsx", "docx")


@dataclass
class Aggregate:
    year: int | None
    tables: dict[str, Any] | None
    units: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)  # copies of a unit summed once
    missing_units: list[str] | None = None  # --units: expected units with no report (未报送)

    def as_dict(self) -> dict[str, Any]:
        return {"schema_version": "1.0", "tool": {"name": "reportlint", "version": __version__},
                "year": self.year, "tables": self.tables, "units": self.units, "excluded": self.excluded,
                "duplicates": self.duplicates, "missing_units": self.missing_units}


def aggregate(results: list[FileResult], year: int | None = None) -> Aggregate:
    """Sum each unit once: of several copies of one unit's report (a DOCX and its PDF, a
    revised copy) the one `batch.find_duplicates` keeps counts, the others are named."""
    from reportlint.batch import find_duplicates

    year = year or _common_year(results)
    out = Aggregate(year, None)
    copies = {d.path: d.kept for d in find_duplicates(results)}
    summed: list[dict[str, Any]] = []
    for result in results:
        if result.path in copies:
            out.duplicates.append({"unit": result.unit, "path": result.path, "kept": copies[result.path]})
            continue
        reason = exclusion_reason(result, year)
        if reason:
            out.excluded.append({"unit": result.unit, "path": result.path, "reason": reason})
        else:
            out.units.append({"unit": result.unit, "year": result.year, "path": result.path})
            summed.append(result.tables or {})
    out.tables = sum_tables(summed) if summed else None
    return out


def _common_year(results: list[FileResult]) -> int | None:
    years = Counter(r.year for r in results if r.year and not r.unreadable)
    return max(years, key=lambda y: (years[y], y)) if years else None


def exclusion_reason(result: FileResult, year: int | None) -> str | None:
    blocking = [f for f in result.findings if f.code in BLOCKING]
    if result.unreadable:
        return f"无法读取：{result.findings[0].message}" if result.findings else "无法读取"
    if result.layout not in (None, DEFAULT_PACK):
        return f"使用“{_layout_title(result.layout)}”的统计表，不能与现行格式相加"
    if year is not None and result.year != year:
        return f"报告年度为 {result.year or '未知'}，与汇总年度 {year} 不同"
    if blocking:
        return "统计表有问题，未纳入汇总：" + "、".join(dict.fromkeys(map(_in_words, blocking)))
    if not result.tables or any(v is None for t in result.tables.values() for v in _values(t)):
        return "统计表数据不完整，未纳入汇总"
    return None


def _layout_title(layout: str) -> str:
    """The layout as its pack names it (国办公开办函〔2019〕60号 …（试行）), else its pack id."""
    try:
        return load_pack(layout).title
    except PackError:
        return layout


def _in_words(finding: Any) -> str:
    """What is wrong, as the pack says it in Chinese, with the code to look it up: 表三勾稽关系不平衡（A401）."""
    rule = load_pack(DEFAULT_PACK).rules.get(finding.code)
    return f"{rule.summary['zh'] if rule else finding.name}（{finding.code}）"


def _values(table: dict[str, dict[str, Any]] | None) -> list[Any]:
    return [None] if table is None else [v for cols in table.values() for v in cols.values()]


def sum_tables(units: list[dict[str, Any]]) -> dict[str, Any]:
    """Cell-wise sums; amounts are added as decimals, so 25.3 + 0.1 stays 25.4."""
    out: dict[str, Any] = {}
    for tid, rows in units[0].items():
        out[tid] = {}
        for row_id, cols in rows.items():
            out[tid][row_id] = {}
            for col_id in cols:
                total = sum((Decimal(str(u[tid][row_id][col_id])) for u in units), Decimal(0))
                out[tid][row_id][col_id] = int(total) if total == total.to_integral_value() else float(total)
    return out


# ---- exports ----------------------------------------------------------------------------

UNIT_STATES = {"summed": "纳入汇总", "excluded": "未纳入", "duplicate": "重复，只计一份", "missing": "未报送"}


def render(result: Aggregate, fmt: str, unit_name: str) -> str | bytes:
    if fmt == "json":
        from reportlint.output.safe import dumps_json

        return dumps_json(result.as_dict())
    if result.tables is None:
        raise ValueError("no unit could be summed")
    if fmt == "csv":
        return _csv(result)
    if fmt == "xlsx":
        return _xlsx(result)
    return _docx(result, unit_name)


def unit_rows(result: Aggregate) -> list[list[Any]]:
    """单位, 状态, 文件, 说明: every unit summed, left out (with why), counted once, or missing."""
    from reportlint.output.safe import shown_name

    rows = [[shown_name(u["unit"]), UNIT_STATES["summed"], shown_name(u["path"]), ""] for u in result.units]
    rows += [[shown_name(u["unit"]), UNIT_STATES["excluded"], shown_name(u["path"]), u["reason"]] for u in result.excluded]
    rows += [[shown_name(u["unit"]), UNIT_STATES["duplicate"], shown_name(u["path"]), f"汇总时计入 {shown_name(u['kept'])}"]
             for u in result.duplicates]
    rows += [[shown_name(name), UNIT_STATES["missing"], "", ""] for name in result.missing_units or []]
    return rows


def _csv(result: Aggregate) -> str:
    """The sums (table,row,column,value), a blank line, then which units were summed and which
    were not, with why: the office must be able to say what the totals cover."""
    import csv

    from reportlint.extract import to_csv
    from reportlint.output.safe import csv_row

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_row(["单位", "状态", "文件", "说明"]))
    writer.writerows(csv_row(row) for row in unit_rows(result))
    # BOM: Excel reads UTF-8 CSV correctly only with it
    return "\ufeff" + to_csv(result.tables or {}) + "\n" + buffer.getvalue()


def _docx(result: Aggregate, unit_name: str) -> bytes:
    from reportlint.template import build_docx

    headings_only = {section.id: "" for section in load_pack(DEFAULT_PACK).sections}  # the tables under their headings
    document = build_docx(result.year or 0, unit_name, result.tables, sections=headings_only)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(result: Aggregate) -> bytes:
    """The three tables in the official layout, then the units summed, left out (with why),
    counted once and missing. Every cell through `append_row`: names come from the units."""
    from reportlint.output.safe import shown_name
    from reportlint.output.tables_xlsx import add_table_sheets
    from reportlint.output.xlsx import saved, table_sheet, workbook

    book = workbook()
    add_table_sheets(book, result.tables)
    table_sheet(book, "纳入汇总的单位", ["单位", "年度", "文件"],
                [[shown_name(u["unit"]), u["year"] or "", shown_name(u["path"])] for u in result.units])
    table_sheet(book, "未纳入的单位", ["单位", "文件", "原因"],
                [[shown_name(u["unit"]), shown_name(u["path"]), u["reason"]] for u in result.excluded])
    if result.duplicates:
        table_sheet(book, "重复", ["单位", "文件", "汇总时计入的文件"],
                    [[shown_name(u["unit"]), shown_name(u["path"]), shown_name(u["kept"])] for u in result.duplicates])
    if result.missing_units is not None:
        table_sheet(book, "未报送", ["单位（名单所列）"], [[shown_name(name)] for name in result.missing_units])
    return saved(book)
