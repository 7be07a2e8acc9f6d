"""Tables 二, 三 and 四 as sheets in the official layout, as `reportlint template` draws them:
the cells of `official_tables`, written row by row and merged. Used by `aggregate` and `extract`.

Rows are written whole through `safe.append_row` (cells a merge covers empty) and merged afterwards,
so every cell passes the one neutralising step.
"""

from __future__ import annotations

from typing import Any

from reportlint.official_tables import TableCells, official_cells
from reportlint.output.safe import append_row
from reportlint.output.xlsx import finish_table
from reportlint.pack import DEFAULT_PACK, Pack, load_pack

LABEL_WIDTHS = (6, 12, 40)  # of 表三's label columns: the item and results caption, the group, the row


def add_table_sheets(book: Any, tables: dict[str, Any] | None, pack: Pack | None = None) -> None:
    """One sheet per table, named as the pack names it; a table not found is laid out empty."""
    pack = pack or load_pack(DEFAULT_PACK)
    for tid, tdef in pack.tables.items():
        sheet = book.create_sheet(tdef.name_zh[:31])
        values = (tables or {}).get(tid)
        _write(sheet, official_cells(tdef, values))
        if values is None and tables is not None:
            append_row(sheet, ["未找到该表"])
        sheet.oddHeader.center.text = tdef.name_zh


def _write(sheet: Any, table: TableCells) -> None:
    grid: list[list[Any]] = [[] for _ in range(table.n_rows)]
    for cell in sorted(table.cells, key=lambda c: c.col):
        for r in range(cell.row, cell.row + cell.rows):
            row = grid[r]
            row += [None] * (cell.col + cell.cols - len(row))  # a row ends with its last cell
            row[cell.col : cell.col + cell.cols] = [cell.text if r == cell.row else ""] + [""] * (cell.cols - 1)
    for row in grid:
        append_row(sheet, row)
    for cell in table.cells:
        if cell.rows > 1 or cell.cols > 1:
            sheet.merge_cells(start_row=cell.row + 1, start_column=cell.col + 1,
                              end_row=cell.row + cell.rows, end_column=cell.col + cell.cols)
    finish_table(sheet, header_rows=table.header_rows, autofilter=False)
    _bold_rows(sheet, [r + 1 for r in table.heading_rows()])
    if table.label_columns > 1:
        _label_widths(sheet, LABEL_WIDTHS[-table.label_columns:], table.header_rows)


def _bold_rows(sheet: Any, rows: list[int]) -> None:
    """Bold on the header's grey: 表二 repeats its caption and header rows for every block."""
    from openpyxl.styles import Font, PatternFill

    from reportlint.output.xlsx import HEADER_FILL

    for row in rows:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)


def _label_widths(sheet: Any, widths: tuple[int, ...], header_rows: int) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for (cell,) in sheet.iter_rows(min_row=header_rows + 1, min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
