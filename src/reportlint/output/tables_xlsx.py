"""Tables 二, 三 and 四 as sheets in the official layout (国办公开办函〔2021〕30号): the merged
captions of 表二, the vertically merged 三、本年度办理结果 and （三）不予公开 … （六）其他处理
group labels of 表三, the two header rows of 表四. Used by `aggregate` and `extract`.

Rows are written whole through `safe.append_row` (covered cells empty) and merged afterwards,
so every cell passes the one neutralising step.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.output.safe import append_row
from reportlint.output.xlsx import finish_table
from reportlint.pack import DEFAULT_PACK, Pack, TableDef, load_pack

Values = dict[str, dict[str, Any]]
APPLICANT_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# 表二's blocks: the caption of each 第二十条 item over the rows it holds.
DISCLOSURE_BLOCKS = (("第二十条第（一）项", ("regulations", "normative_documents")), ("第二十条第（五）项", ("licensing",)),
                     ("第二十条第（六）项", ("punishment", "enforcement")), ("第二十条第（八）项", ("fees",)))
# 表三's rows outside 三、本年度办理结果
_OUTSIDE_RESULTS = ("new", "carried_over", "carried_forward")
_NUMBERED = re.compile(r"^(.+)_\d+$")


def add_table_sheets(book: Any, tables: dict[str, Any] | None, pack: Pack | None = None) -> None:
    """One sheet per table, named as the pack names it; a table not found is laid out empty."""
    pack = pack or load_pack(DEFAULT_PACK)
    writers = {"disclosure": _disclosure, "applications": _applications, "reviews": _reviews}
    for tid, tdef in pack.tables.items():
        sheet = book.create_sheet(tdef.name_zh[:31])
        values = (tables or {}).get(tid)
        writers[tid](sheet, tdef, values or {})
        if values is None and tables is not None:
            append_row(sheet, ["未找到该表"])
        sheet.oddHeader.center.text = tdef.name_zh


def _bold_rows(sheet: Any, rows: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill

    for row in rows:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F3F3F3")


def _disclosure(sheet: Any, tdef: TableDef, values: Values) -> None:
    captions: list[int] = []
    for caption, row_ids in DISCLOSURE_BLOCKS:
        columns = tdef.columns_of(tdef.row(row_ids[0]))
        append_row(sheet, [caption, "", "", ""])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4)
        append_row(sheet, ["信息内容", *_spread([c.label for c in columns])])
        captions += [sheet.max_row - 1, sheet.max_row]
        _merge_single(sheet, columns)
        for row_id in row_ids:
            data = values.get(row_id, {})
            append_row(sheet, [tdef.row(row_id).label, *_spread([data.get(c.id) for c in columns])])
            _merge_single(sheet, columns)
    finish_table(sheet, header_rows=2, autofilter=False)
    _bold_rows(sheet, captions)


def _spread(cells: list[Any]) -> list[Any]:
    """A block of one value column spans the three value columns."""
    return [cells[0], "", ""] if len(cells) == 1 else cells


def _merge_single(sheet: Any, columns: tuple[Any, ...]) -> None:
    if len(columns) == 1:
        sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=4)


def _group_labels(tdef: TableDef) -> dict[str, str]:
    """Row family (withheld, unavailable …) -> its group label (（三）不予公开 …), in the pack's order."""
    families = list(dict.fromkeys(m.group(1) for row in tdef.rows if (m := _NUMBERED.match(row.id))))
    return dict(zip(families, tdef.groups[1:], strict=False))


def _applications(sheet: Any, tdef: TableDef, values: Values) -> None:
    columns = list(tdef.columns)
    append_row(sheet, [APPLICANT_NOTE, "", "", "申请人情况", *[""] * (len(columns) - 1)])
    append_row(sheet, ["", "", "", columns[0].label, "法人或其他组织", "", "", "", "", columns[-1].label])
    append_row(sheet, ["", "", "", "", *[c.label for c in columns[1:-1]], ""])
    for merge in ("A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3"):
        sheet.merge_cells(merge)
    groups = _group_labels(tdef)
    first = sheet.max_row + 1
    results = [first + i for i, row in enumerate(tdef.rows) if row.id not in _OUTSIDE_RESULTS]
    spans: dict[str, list[int]] = {}
    for row in tdef.rows:
        family = m.group(1) if (m := _NUMBERED.match(row.id)) else None
        label_cells = [row.label, "", ""]
        if family in groups:
            label_cells = ["", groups[family] if family not in spans else "", row.label]
        elif row.id not in _OUTSIDE_RESULTS:
            label_cells = ["", row.label, ""]
        if row.id not in _OUTSIDE_RESULTS and sheet.max_row + 1 == results[0]:
            label_cells[0] = tdef.groups[0] if tdef.groups else "三、本年度办理结果"
        data = values.get(row.id, {})
        append_row(sheet, [*label_cells, *[data.get(c.id) for c in columns]])
        r = sheet.max_row
        if family in groups:
            spans.setdefault(family, []).append(r)
        else:
            start = 1 if row.id in _OUTSIDE_RESULTS else 2
            sheet.merge_cells(start_row=r, start_column=start, end_row=r, end_column=3)
    sheet.merge_cells(start_row=results[0], start_column=1, end_row=results[-1], end_column=1)
    for rows in spans.values():
        sheet.merge_cells(start_row=rows[0], start_column=2, end_row=rows[-1], end_column=2)
    finish_table(sheet, header_rows=3, autofilter=False)
    _label_widths(sheet, (6, 12, 40))


def _label_widths(sheet: Any, widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for (cell,) in sheet.iter_rows(min_row=4, min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _reviews(sheet: Any, tdef: TableDef, values: Values) -> None:
    columns = [c.label for c in tdef.columns]
    n = len(columns)
    first, *litigation = tdef.rows
    append_row(sheet, [first.label, *[""] * (n - 1), "行政诉讼", *[""] * (2 * n - 1)])
    append_row(sheet, [*columns, litigation[0].label, *[""] * (n - 1), litigation[1].label, *[""] * (n - 1)])
    append_row(sheet, ["" for _ in columns] + columns * 2)
    append_row(sheet, [values.get(row.id, {}).get(c.id) for row in tdef.rows for c in tdef.columns])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    sheet.merge_cells(start_row=1, start_column=n + 1, end_row=1, end_column=3 * n)
    for j in range(1, n + 1):
        sheet.merge_cells(start_row=2, start_column=j, end_row=3, end_column=j)
    sheet.merge_cells(start_row=2, start_column=n + 1, end_row=2, end_column=2 * n)
    sheet.merge_cells(start_row=2, start_column=2 * n + 1, end_row=2, end_column=3 * n)
    finish_table(sheet, header_rows=3, autofilter=False)
