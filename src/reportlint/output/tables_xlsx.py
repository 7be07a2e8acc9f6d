"""Tables 二, 三 and 四 as sheets in the official layout, as `reportlint template` draws them:
the cells of `official_tables`, written row by row and merged. Used by `aggregate` and `extract`.

Each row is written through `safe.append_row`, up to its last cell (the cells a merge covers
empty), and merged afterwards, so every cell passes the one neutralising step. The sheets centre
表三's narrow first column (its results caption) where the DOCX sets that caption flush left.
"""

from __future__ import annotations

from typing import Any

from reportlint.official_tables import TableCells, official_cells
from reportlint.output.safe import append_row
from reportlint.output.xlsx import HEADER_FILL, finish_table
from reportlint.pack import DEFAULT_PACK, Pack, load_pack

# Widths of the label columns of a table whose labels take three (表三): the item and the results
# caption, the group, the row's own label.
LABEL_WIDTHS = (6, 12, 40)


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
    for cell in table.cells:
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
    finish_table(sheet, header_rows=table.first_body_row, autofilter=False)
    _bold_rows(sheet, [r + 1 for r in table.caption_and_header_rows])
    if table.label_columns == len(LABEL_WIDTHS):
        _label_widths(sheet, LABEL_WIDTHS, table.first_body_row)


def _bold_rows(sheet: Any, rows: list[int]) -> None:
    """Bold on the header's grey: finish_table does so for the header, and 表二 repeats its
    caption and header rows for every block below it."""
    from openpyxl.styles import Font, PatternFill

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
