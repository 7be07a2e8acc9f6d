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
from reportlint.pack import DEFAULT_PACK, load_pack

# Findings that make a unit's numbers unusable for a sum: unreadable, tables missing or
# unreadable, and arithmetic that does not hold. Warnings about prose do not.
BLOCKING = frozenset({"F001", "F002", "F003", "T301", "T302", "T303", "T304", "T306", "T307", "T308",
                      "A401", "A402", "A403", "A404", "A405"})
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
        return "使用 2019 年试行格式的统计表，不能与现行格式相加"
    if year is not None and result.year != year:
        return f"报告年度为 {result.year or '未知'}，与汇总年度 {year} 不同"
    if blocking:
        names = dict.fromkeys(f"{f.code} {f.name}" for f in blocking)
        return "统计表有问题，未纳入汇总：" + "、".join(names)
    if not result.tables or any(v is None for t in result.tables.values() for v in _values(t)):
        return "统计表数据不完整，未纳入汇总"
    return None


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


def render(result: Aggregate, fmt: str, unit_name: str) -> str | bytes:
    if fmt == "json":
        from reportlint.output.safe import dumps_json

        return dumps_json(result.as_dict())
    if result.tables is None:
        raise ValueError("no unit could be summed")
    if fmt == "csv":
        from reportlint.extract import to_csv

        return "\ufeff" + to_csv(result.tables)  # BOM: Excel reads UTF-8 CSV correctly only with it
    if fmt == "xlsx":
        return _xlsx(result)
    return _docx(result, unit_name)


def _docx(result: Aggregate, unit_name: str) -> bytes:
    from reportlint.template import build_docx

    document = build_docx(result.year or 0, unit_name, result.tables, sections={s: "" for s in "一二三四五六"})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(result: Aggregate) -> bytes:
    """Every cell through `append_row`: unit names and file names come from the units."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise RuntimeError("XLSX export needs openpyxl: pip install 'reportlint[xlsx]'") from None
    from reportlint.output.safe import append_row, shown_name

    pack = load_pack(DEFAULT_PACK)
    book = Workbook()
    book.remove(book.active)
    for tid, tdef in pack.tables.items():
        sheet = book.create_sheet(tdef.name_zh[:31])
        columns = list(tdef.columns)
        append_row(sheet, ["", *[c.label for c in columns]])
        for row in tdef.rows:
            values = (result.tables or {}).get(tid, {}).get(row.id, {})
            append_row(sheet, [row.label, *[values.get(c.id, "") for c in columns]])
    units = book.create_sheet("纳入汇总的单位")
    append_row(units, ["单位", "年度", "文件"])
    for unit in result.units:
        append_row(units, [shown_name(unit["unit"]), unit["year"] or "", shown_name(unit["path"])])
    excluded = book.create_sheet("未纳入的单位")
    append_row(excluded, ["单位", "文件", "原因"])
    for unit in result.excluded:
        append_row(excluded, [shown_name(unit["unit"]), shown_name(unit["path"]), unit["reason"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
