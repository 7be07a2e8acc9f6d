"""The mandated tables as cells, drawn from the pack: where each caption, header, row label and
value stands, and how far it spans. `template.py` writes these cells as a DOCX table and
`output/tables_xlsx.py` as a sheet, so the official layout is drawn in this one place.

- 表二 (rows with columns of their own): each row group a block, its caption across the table,
  a header row (the table's corner, 信息内容, then the block's columns), its rows; a block of
  one value column spans the value columns of the widest block.
- 表三 (rows under one set of columns): the corner note over the label columns, the caption over
  the value columns, the column groups (法人或其他组织) over their columns; then the rows: an
  item (一、…) across the label columns, the others under the results caption, a group's rows
  (1.属于国家秘密 …) beside its caption (（三）不予公开).
- 表四 (one value row): each row of the pack a block of the columns under its label, the blocks
  of a row group (行政诉讼) under the group's caption.

Merges follow from the counts of columns and rows in each group, so a pack with other groups
gets its own layout.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from reportlint.pack import TableDef, is_item

Values = dict[str, dict[str, Any]]  # row id -> column id -> value
Kind = Literal["caption", "header", "label", "value"]

LABEL_COLUMNS = 3  # 表三's label columns: the item (and the results caption), the group, the row's own label


class PlacedCell(NamedTuple):
    row: int  # 0-based, of its top-left position
    col: int
    text: Any  # a label, or the value given (None when none was)
    kind: Kind  # caption: a block's caption across the table (表二); header: any other cell above
    # the rows (表三's and 表四's captions too); label: a row's label or its group's; value
    rows: int = 1  # how many grid rows and columns it covers
    cols: int = 1


class TableCells(NamedTuple):
    n_rows: int
    n_cols: int
    label_columns: int  # grid columns that hold row labels
    cells: list[PlacedCell]

    @property
    def first_body_row(self) -> int:
        """The first row holding a row label or a value; the rows above it are the header."""
        return min((c.row for c in self.cells if c.kind in ("label", "value")), default=self.n_rows)

    @property
    def caption_and_header_rows(self) -> list[int]:
        """Every row holding a caption or a header cell: the header, and in 表二 each block's
        caption and header rows too."""
        return sorted({c.row for c in self.cells if c.kind in ("caption", "header")})

    def left_aligned(self) -> set[tuple[int, int]]:
        """Grid positions of the row labels that stand in one label column (read as a list);
        a label across several columns stays centred."""
        return {(r, c.col) for c in self.cells if c.kind == "label" and c.cols == 1
                for r in range(c.row, c.row + c.rows)}


def official_cells(tdef: TableDef, values: Values | None = None) -> TableCells:
    """The table as its pack lays it out (the 2021 form, or the 2019 trial), with `values` in
    its value cells."""
    values = values or {}
    if tdef.layout == "single_row":
        return _blocks_of_columns(tdef, values)
    if any(row.columns for row in tdef.rows):
        return _blocks_of_rows(tdef, values)
    return _rows_under_columns(tdef, values)


def _blocks_of_rows(tdef: TableDef, values: Values) -> TableCells:
    """表二."""
    width = max(len(tdef.columns_of(row)) for row in tdef.rows)
    cells: list[PlacedCell] = []
    r = 0
    for caption, rows in tdef.row_groups():
        columns = tdef.columns_of(rows[0])
        cells.append(PlacedCell(r, 0, caption or "", "caption", cols=1 + width))
        r += 1
        cells.append(PlacedCell(r, 0, tdef.corner, "header"))
        cells += _spread(r, [c.label for c in columns], "header", width)
        for row in rows:
            r += 1
            cells.append(PlacedCell(r, 0, row.label, "label"))
            cells += _spread(r, [values.get(row.id, {}).get(c.id) for c in columns], "value", width)
        r += 1
    return TableCells(r, 1 + width, 1, cells)


def _spread(r: int, texts: list[Any], kind: Kind, width: int) -> list[PlacedCell]:
    """A block's cells right of the label: one value column spans all `width` of them."""
    if len(texts) == 1:
        return [PlacedCell(r, 1, texts[0], kind, cols=width)]
    return [PlacedCell(r, 1 + i, text, kind) for i, text in enumerate(texts)]


def _rows_under_columns(tdef: TableDef, values: Values) -> TableCells:
    """表三."""
    n, top = len(tdef.columns), 3
    cells = [PlacedCell(0, 0, tdef.corner, "header", rows=top, cols=LABEL_COLUMNS),
             PlacedCell(0, LABEL_COLUMNS, tdef.columns_caption, "header", cols=n)]
    col = LABEL_COLUMNS
    for caption, columns in tdef.column_groups():
        if caption:
            cells.append(PlacedCell(1, col, caption, "header", cols=len(columns)))
            cells += [PlacedCell(2, col + i, column.label, "header") for i, column in enumerate(columns)]
        else:
            cells.append(PlacedCell(1, col, columns[0].label, "header", rows=2))
        col += len(columns)
    rows = list(tdef.rows)
    results = [top + i for i, row in enumerate(rows) if not is_item(row.label)]
    if results:
        cells.append(PlacedCell(results[0], 0, tdef.block_caption(), "label", rows=results[-1] - results[0] + 1))
    for caption, members in tdef.row_groups():
        if caption:
            cells.append(PlacedCell(top + rows.index(members[0]), 1, caption, "label", rows=len(members)))
    for i, row in enumerate(rows):
        r = top + i
        if is_item(row.label):
            cells.append(PlacedCell(r, 0, row.label, "label", cols=LABEL_COLUMNS))
        elif row.group:
            cells.append(PlacedCell(r, 2, row.label, "label"))
        else:
            cells.append(PlacedCell(r, 1, row.label, "label", cols=LABEL_COLUMNS - 1))
        data = values.get(row.id, {})
        cells += [PlacedCell(r, LABEL_COLUMNS + j, data.get(c.id), "value") for j, c in enumerate(tdef.columns)]
    return TableCells(top + len(rows), LABEL_COLUMNS + n, LABEL_COLUMNS, cells)


def _blocks_of_columns(tdef: TableDef, values: Values) -> TableCells:
    """表四."""
    width = len(tdef.columns)
    cells: list[PlacedCell] = []
    start = 0
    for caption, members in tdef.row_groups():
        span = width * len(members)
        if caption:
            cells.append(PlacedCell(0, start, caption, "header", cols=span))
            for i, row in enumerate(members):
                left = start + i * width
                cells.append(PlacedCell(1, left, row.label, "header", cols=width))
                cells += [PlacedCell(2, left + j, c.label, "header") for j, c in enumerate(tdef.columns)]
        else:
            cells.append(PlacedCell(0, start, members[0].label, "header", cols=span))
            cells += [PlacedCell(1, start + j, c.label, "header", rows=2) for j, c in enumerate(tdef.columns)]
        start += span
    for g, row in enumerate(tdef.rows):
        data = values.get(row.id, {})
        cells += [PlacedCell(3, g * width + j, data.get(c.id), "value") for j, c in enumerate(tdef.columns)]
    return TableCells(4, width * len(tdef.rows), 0, cells)
