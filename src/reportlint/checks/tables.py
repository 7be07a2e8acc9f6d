"""Tables: present, complete, in the template's columns, readable, valid values."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.checks.base import Context, make
from reportlint.locate import Report
from reportlint.locate.canonical import TableCell
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


def old_layout(report: Report) -> bool:
    """T306's condition: the report year's pack is not the layout the tables use. The row,
    column, blank-cell and parse findings that layout implies stay quiet (one problem, one finding)."""
    return bool(report.foreign_marker and report.layout_pack.id != report.pack.id and report.year)


def _rows_named(labels: list[str], lang: str, total_rows: int | None = None) -> str:
    """“A”、“B”、“C”等 5 行 — at most three labels, then the count."""
    quoted = [f"“{label}”" for label in dict.fromkeys(labels)]
    if lang == "en":
        shown = ", ".join(quoted[:_ROWS_SHOWN])
        more = f" and {len(quoted) - _ROWS_SHOWN} more" if len(quoted) > _ROWS_SHOWN else ""
        return f"all {len(quoted)} rows" if total_rows and len(quoted) == total_rows > 1 else f"row{'s' if len(quoted) > 1 else ''} {shown}{more}"
    if total_rows and len(quoted) == total_rows > 1:
        return f"全部 {len(quoted)} 行"
    shown = "、".join(quoted[:_ROWS_SHOWN])
    return f"{shown}等 {len(quoted)} 行" if len(quoted) > _ROWS_SHOWN else f"{shown}行"


_ROWS_SHOWN = 3


def table_rows(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """One finding per table naming every row it lacks: an unmatched part is one problem."""
    if old_layout(report):
        return
    for table in report.tables.values():
        missing = [row.label for row in table.definition.rows if row.id not in table.rows_found]
        if missing:
            yield make(rule, ctx, table.loc.with_(row=missing[0]), expected="、".join(missing),
                       table=table.definition.name(ctx.lang), row=missing[0], count=len(missing),
                       rows=_rows_named(missing, ctx.lang))


def table_columns(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if old_layout(report):
        return
    for table in report.tables.values():
        if table.column_problem:
            expected, actual = table.column_problem
            yield make(rule, ctx, table.loc, expected=expected, actual=actual, table=table.definition.name(ctx.lang))


def cell_number(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    kinds = {"count": ("非负整数", "a non-negative whole number"), "amount": ("非负数", "a non-negative number"),
             "signed": ("整数", "a whole number")}
    if old_layout(report):
        return  # cells read against a layout the report does not use: T306 says so
    for table in report.tables.values():
        types = {c.id: c.type for c in table.definition.columns + table.definition.optional_columns}
        for (_, cid), cell in table.cells.items():
            ctype = types[cid]
            v = cell.value
            bad = v.text or (v.value is not None and (
                (ctype != "signed" and v.value < 0) or (ctype != "amount" and v.value != v.value.to_integral_value())
            ))
            if bad:
                kind = kinds[ctype][0 if ctx.lang == "zh" else 1]
                yield make(rule, ctx, cell.loc, expected=kind, actual=cell.raw, table=table.definition.name(ctx.lang),
                           row=cell.loc.row, column=cell.loc.column, kind=kind)


def cell_blank(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """One finding per table: how many cells are blank or a dash, and in which rows."""
    if old_layout(report):
        return
    for table in report.tables.values():
        blanks = [cell for cell in table.cells.values() if cell.value.blank]
        if not blanks:
            continue
        first = blanks[0]
        shown = [cell.raw.strip() or ("空白" if ctx.lang == "zh" else "blank") for cell in blanks]
        name = table.definition.name(ctx.lang)
        if len(blanks) == 1:
            where = (f"“{first.loc.row}”行“{first.loc.column}”列为“{shown[0]}”" if ctx.lang == "zh"
                     else f" row “{first.loc.row}”, column “{first.loc.column}” is “{shown[0]}”")
        else:
            rows = _rows_named([str(c.loc.row) for c in blanks], ctx.lang, len(table.rows_found))
            where = (f"有 {len(blanks)} 个单元格{_written(blanks)}（{rows}）" if ctx.lang == "zh"
                     else f": {len(blanks)} cells are blank or a dash ({rows})")
        yield make(rule, ctx, first.loc, expected="0", actual="、".join(dict.fromkeys(shown)), table=name,
                   where=where, count=len(blanks), row=first.loc.row, column=first.loc.column)


def _written(blanks: list[TableCell]) -> str:
    """空白 / 为“/” / 空白或为“/”“—”: how the blank cells were written."""
    marks = list(dict.fromkeys(cell.raw.strip() for cell in blanks))
    dashes = "".join(f"“{m}”" for m in marks if m)
    if not dashes:
        return "空白"
    return f"空白或为{dashes}" if "" in marks else f"为{dashes}"


def old_format(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if old_layout(report):
        tdef = next(iter(report.layout_pack.tables.values()))
        loc = report.tables[tdef.id].loc if tdef.id in report.tables else _heading_loc(report, tdef.section)
        yield make(rule, ctx, loc, expected=report.pack.title, actual=report.foreign_marker,
                   year=report.year, quote=report.foreign_marker)


def table_parse(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """One finding per table naming the rows that cannot be read, why, and what to do."""
    if old_layout(report):
        return
    for table in report.tables.values():
        if not table.ambiguities:
            continue
        first = table.ambiguities[0]
        name = table.definition.name(ctx.lang)
        rows = [a.row_label for a in table.ambiguities if a.raw]
        if len(table.ambiguities) == 1 and first.raw:
            where = f"“{first.row_label}”行“{first.raw}”" if ctx.lang == "zh" else f" row “{first.row_label}” (“{first.raw}”)"
        elif rows:
            where = _rows_named(rows, ctx.lang)
            where = where if ctx.lang == "zh" else f" ({where})"
        else:
            where = ""
        detail = "；".join(dict.fromkeys(_reason(a.readings, ctx.lang) for a in table.ambiguities))
        run_together = all(a.raw and " " not in a.raw.strip() for a in table.ambiguities)
        yield make(rule, ctx, first.loc, actual=first.raw or None, table=name, where=where, detail=detail,
                   row=first.row_label, advice=_advice(run_together, ctx.lang))


def _reason(readings: int, lang: str) -> str:
    if readings == 0:
        return "按本表勾稽关系找不到一致的读法" if lang == "zh" else "no reading satisfies the table's relations"
    if readings < 0:
        return "数字过长，无法逐一尝试各种读法" if lang == "zh" else "too many digits to try every reading"
    return "有多种读法" if lang == "zh" else "several possible readings"


def _advice(run_together: bool, lang: str) -> str:
    if lang == "en":
        return ("Separate the values with spaces or tabs, or use a table." if run_together
                else "Check that each row has one value per column.")
    return "请用表格或用空格、制表符分隔各数值。" if run_together else "请核对各行数值是否与表头各列一一对应。"


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
