"""Tables: present, complete, in the template's columns, readable, valid values."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.checks.base import Context, make
from reportlint.locate import Report
from reportlint.model import Finding, Location
from reportlint.pack import RuleDef


def _heading_loc(report: Report, section_id: str) -> Location:
    head = next((h for h in report.layout.headings if h.section.id == section_id), None)
    return report.loc(head.start) if head else Location(section=section_id)


def table_present(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for tid, tdef in report.layout_pack.tables.items():
        if tid not in report.tables and tdef.section not in report.images:
            yield make(rule, ctx, _heading_loc(report, tdef.section), expected=tdef.name(ctx.lang),
                       section=tdef.section, table=tdef.name(ctx.lang))


def table_image(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for tdef in report.layout_pack.tables.values():
        loc = report.images.get(tdef.section)
        if loc is not None and tdef.id not in report.tables:
            yield make(rule, ctx, loc, section=tdef.section, table=tdef.name(ctx.lang))


def table_rows(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for table in report.tables.values():
        for row in table.definition.rows:
            if row.id not in table.rows_found:
                yield make(rule, ctx, table.loc.with_(row=row.label), expected=row.label,
                           table=table.definition.name(ctx.lang), row=row.label)


def table_columns(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for table in report.tables.values():
        if table.column_problem:
            expected, actual = table.column_problem
            yield make(rule, ctx, table.loc, expected=expected, actual=actual, table=table.definition.name(ctx.lang))


def cell_number(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    kinds = {"count": ("非负整数", "a non-negative whole number"), "amount": ("非负数", "a non-negative number"),
             "signed": ("整数", "a whole number")}
    for table in report.tables.values():
        for (_, cid), cell in table.cells.items():
            ctype = table.definition.column(cid).type
            v = cell.value
            bad = v.text or (v.value is not None and (
                (ctype != "signed" and v.value < 0) or (ctype != "amount" and v.value != v.value.to_integral_value())
            ))
            if bad:
                kind = kinds[ctype][0 if ctx.lang == "zh" else 1]
                yield make(rule, ctx, cell.loc, expected=kind, actual=cell.raw, table=table.definition.name(ctx.lang),
                           row=cell.loc.row, column=cell.loc.column, kind=kind)


def cell_blank(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for table in report.tables.values():
        for cell in table.cells.values():
            if cell.value.blank:
                shown = cell.raw.strip() or ("空白" if ctx.lang == "zh" else "blank")
                yield make(rule, ctx, cell.loc, expected="0", actual=shown, table=table.definition.name(ctx.lang),
                           row=cell.loc.row, column=cell.loc.column)


def old_format(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if report.foreign_marker and report.layout_pack.id != report.pack.id and report.year:
        tdef = next(iter(report.layout_pack.tables.values()))
        loc = report.tables[tdef.id].loc if tdef.id in report.tables else _heading_loc(report, tdef.section)
        yield make(rule, ctx, loc, expected=report.pack.title, actual=report.foreign_marker,
                   year=report.year, quote=report.foreign_marker)


def table_parse(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for table in report.tables.values():
        name = table.definition.name(ctx.lang)
        for amb in table.ambiguities:
            if amb.readings == 0:
                detail = "按本表勾稽关系找不到一致的读法" if ctx.lang == "zh" else "no reading satisfies the table's relations"
            else:
                detail = f"有 {amb.readings} 种读法" if ctx.lang == "zh" else f"{amb.readings} possible readings"
            where = ""
            if amb.raw:
                where = f"“{amb.row_label}”行“{amb.raw}”" if ctx.lang == "zh" else f" row “{amb.row_label}” (“{amb.raw}”)"
            yield make(rule, ctx, amb.loc, actual=amb.raw or None, table=name, where=where, detail=detail,
                       row=amb.row_label)


KINDS = {
    "table-present": table_present,
    "table-image": table_image,
    "table-rows": table_rows,
    "table-columns": table_columns,
    "cell-number": cell_number,
    "cell-blank": cell_blank,
    "old-format": old_format,
    "table-parse": table_parse,
}
