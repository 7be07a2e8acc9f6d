"""Tables 二, 三 and 四 as sheets in the official layout, drawn from the pack as `reportlint
template` draws them: 表二's blocks under their row groups (第二十条第（一）项 …), 表三's corner
note and caption over the value columns (the table's `template` block), its column groups
(法人或其他组织) and row groups (（三）不予公开 …) under the results caption, 表四's blocks of
columns, one per row, under their row groups (行政诉讼). Used by `aggregate` and `extract`.

Rows are written whole through `safe.append_row` (covered cells empty) and merged afterwards,
so every cell passes the one neutralising step. Merges follow from the counts of columns and
rows in each group, so a pack with other groups gets its own layout.
"""

from __future__ import annotations

from typing import Any

from reportlint.output.safe import append_row
from reportlint.output.xlsx import finish_table
from reportlint.pack import DEFAULT_PACK, Pack, Row, TableDef, is_item, load_pack

Values = dict[str, dict[str, Any]]
# 表三's label columns: the item (一、… and the results caption), the row's group, the row's own label
LABEL_COLUMNS = 3


def add_table_sheets(book: Any, tables: dict[str, Any] | None, pack: Pack | None = None) -> None:
    """One sheet per table, named as the pack names it; a table not found is laid out empty."""
    pack = pack or load_pack(DEFAULT_PACK)
    writers = {"rows": _rows_table, "single_row": _reviews}
    for tid, tdef in pack.tables.items():
        sheet = book.create_sheet(tdef.name_zh[:31])
        values = (tables or {}).get(tid)
        writers[tdef.layout](sheet, tdef, values or {})
        if values is None and tables is not None:
            append_row(sheet, ["未找到该表"])
        sheet.oddHeader.center.text = tdef.name_zh


def _merge(sheet: Any, top: int, left: int, bottom: int, right: int) -> None:
    if (top, left) != (bottom, right):
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)


def _bold_rows(sheet: Any, rows: list[int]) -> None:
    from openpyxl.styles import Font, PatternFill

    for row in rows:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F3F3F3")


def _rows_table(sheet: Any, tdef: TableDef, values: Values) -> None:
    """A table of rows: in blocks when its rows have columns of their own (表二), else every row
    under one header of the value columns (表三)."""
    if any(row.columns for row in tdef.rows):
        _disclosure(sheet, tdef, values)
    else:
        _applications(sheet, tdef, values)


def _disclosure(sheet: Any, tdef: TableDef, values: Values) -> None:
    """Each row group a block: its caption across the sheet, a header row (the table's corner
    label, 信息内容, then the block's columns), its rows. A block of one value column spans
    the value columns of the widest block."""
    width = max(len(tdef.columns_of(row)) for row in tdef.rows)
    captions: list[int] = []
    for caption, rows in tdef.row_groups():
        columns = tdef.columns_of(rows[0])
        append_row(sheet, [caption or "", *[""] * width])
        _merge(sheet, sheet.max_row, 1, sheet.max_row, 1 + width)
        captions += [sheet.max_row, sheet.max_row + 1]
        lines: list[tuple[str, list[Any]]] = [(tdef.corner, [c.label for c in columns])]
        lines += [(row.label, [values.get(row.id, {}).get(c.id) for c in columns]) for row in rows]
        for label, cells in lines:
            append_row(sheet, [label, *_spread(cells, width)])
            if len(columns) == 1:
                _merge(sheet, sheet.max_row, 2, sheet.max_row, 1 + width)
    finish_table(sheet, header_rows=2, autofilter=False)
    _bold_rows(sheet, captions)


def _spread(cells: list[Any], width: int) -> list[Any]:
    """A block of one value column spans all value columns."""
    return [cells[0], *[""] * (width - 1)] if len(cells) == 1 else cells


def _applications(sheet: Any, tdef: TableDef, values: Values) -> None:
    """The header, then the rows: an item (一、…) across the label columns, the other rows in
    the results block, captioned by the first numbered entry of the table's `groups`."""
    _applications_header(sheet, tdef)
    first = sheet.max_row + 1
    results = [first + i for i, row in enumerate(tdef.rows) if not is_item(row.label)]
    results_caption = tdef.block_caption()
    for caption, members in tdef.row_groups():
        for i, row in enumerate(members):
            r = sheet.max_row + 1
            labels = _label_cells(row, (caption or "") if i == 0 else "")
            if results and r == results[0]:
                labels[0] = results_caption
            data = values.get(row.id, {})
            append_row(sheet, [*labels, *[data.get(c.id) for c in tdef.columns]])
            if not caption:
                _merge(sheet, r, 1 if is_item(row.label) else 2, r, LABEL_COLUMNS)
        if caption:
            _merge(sheet, sheet.max_row - len(members) + 1, 2, sheet.max_row, 2)
    if results:
        _merge(sheet, results[0], 1, results[-1], 1)
    finish_table(sheet, header_rows=3, autofilter=False)
    _label_widths(sheet, (6, 12, 40))


def _label_cells(row: Row, group_caption: str) -> list[str]:
    """An item (一、…) across the label columns; a row of a group beside the group's caption
    (given for the group's first row only); any other row under the results caption."""
    if is_item(row.label):
        return [row.label, "", ""]
    if row.group:
        return ["", group_caption, row.label]
    return ["", row.label, ""]


def _applications_header(sheet: Any, tdef: TableDef) -> None:
    """Three rows: the corner note over the label columns and the caption over all value
    columns; each column group's caption (or a column alone, down two rows); the grouped columns."""
    n = len(tdef.columns)
    append_row(sheet, [tdef.corner, *[""] * (LABEL_COLUMNS - 1), tdef.columns_caption, *[""] * (n - 1)])
    second, third = [""] * LABEL_COLUMNS, [""] * LABEL_COLUMNS
    for caption, columns in tdef.column_groups():
        second += [caption or columns[0].label, *[""] * (len(columns) - 1)]
        third += [c.label for c in columns] if caption else [""]
    append_row(sheet, second)
    append_row(sheet, third)
    _merge(sheet, 1, 1, 3, LABEL_COLUMNS)
    _merge(sheet, 1, LABEL_COLUMNS + 1, 1, LABEL_COLUMNS + n)
    col = LABEL_COLUMNS + 1
    for caption, columns in tdef.column_groups():
        if caption:
            _merge(sheet, 2, col, 2, col + len(columns) - 1)
        else:
            _merge(sheet, 2, col, 3, col)
        col += len(columns)


def _label_widths(sheet: Any, widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for (cell,) in sheet.iter_rows(min_row=4, min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _reviews(sheet: Any, tdef: TableDef, values: Values) -> None:
    """One value row: each row of the pack a block of the columns under its label; the blocks
    of a row group (行政诉讼) under the group's caption, their labels one row lower."""
    columns = [c.label for c in tdef.columns]
    width = len(columns)
    captions: list[list[Any]] = [[], [], []]
    merges: list[tuple[int, int, int, int]] = []
    start = 1
    for caption, members in tdef.row_groups():
        span = width * len(members)
        merges.append((1, start, 1, start + span - 1))
        if caption:
            captions[0] += [caption, *[""] * (span - 1)]
            for i, row in enumerate(members):
                captions[1] += [row.label, *[""] * (width - 1)]
                merges.append((2, start + i * width, 2, start + (i + 1) * width - 1))
            captions[2] += columns * len(members)
        else:
            captions[0] += [members[0].label, *[""] * (span - 1)]
            captions[1] += columns
            captions[2] += [""] * width
            merges += [(2, start + j, 3, start + j) for j in range(width)]
        start += span
    for cells in captions:
        append_row(sheet, cells)
    append_row(sheet, [values.get(row.id, {}).get(c.id) for row in tdef.rows for c in tdef.columns])
    for merge in merges:
        _merge(sheet, *merge)
    finish_table(sheet, header_rows=3, autofilter=False)
