"""Where in a DOCX a finding's Word comment goes: the cell that is wrong, the paragraph, or
the heading a missing section belongs before.

Tables are read as Word lays them out: a merged cell (gridSpan, vMerge) covers every grid
position it spans, so a row label or a column header is found wherever it is printed.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.model import Finding
from reportlint.read.docx import grid_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchor(finding: Finding, paragraphs: list[Any], tables: list[Any], heads: dict[str, int | None]) -> Any:
    """The w:p to comment on. `heads`: every section of the report's pack, in the pack's order,
    with the paragraph number of its heading (None for a section the report lacks)."""
    loc = finding.location
    if loc.table and loc.table <= len(tables) and (loc.row or loc.column):
        return cell_paragraph(tables[loc.table - 1], loc.row, loc.column if isinstance(loc.column, str) else None)
    if loc.table and loc.table <= len(tables):
        return _first_paragraph(tables[loc.table - 1])
    if loc.paragraph and loc.paragraph <= len(paragraphs):
        return paragraphs[loc.paragraph - 1]
    if finding.code == "S101" and loc.section:
        place = where_section_belongs(loc.section, heads, len(paragraphs))
        if place:
            return paragraphs[place - 1]
    return next((p for p in paragraphs if "".join(p.itertext()).strip()), paragraphs[0] if paragraphs else None)


def where_section_belongs(section: str, heads: dict[str, int | None], n_paragraphs: int) -> int | None:
    """Paragraph number of the heading of the first section after `section` (in the pack's
    order) that is present, else the last paragraph (a missing 六 belongs at the end)."""
    order = list(heads)
    later = [heads[s] for s in order[order.index(section) + 1 :] if heads[s]] if section in heads else []
    return later[0] if later else (n_paragraphs or None)


def cell_paragraph(table: Any, row_label: str | None, column_label: str | None) -> Any:
    """The first w:p of the cell at (row label, column label); the row's label cell when no
    column is named; the table's first cell when the labels are not found."""
    grid = _grid(table)
    if not grid:
        return _first_paragraph(table)
    texts = [[_bare("".join(tc.itertext())) if tc is not None else "" for tc in row] for row in grid]
    r = _find_row(texts, row_label)
    if column_label:
        # Table 四 names a group (未经复议直接起诉) as its row: the values are in the last row.
        for row in dict.fromkeys(x for x in (r, len(grid) - 1) if x is not None):
            c = _find_column(texts, column_label, row)
            if c is not None and grid[row][c] is not None:
                return _first_paragraph(grid[row][c])
    if r is not None:
        label = _split(row_label or "")[-1]  # r is found only for a label with a part
        return _first_paragraph(next((tc for tc, t in zip(grid[r], texts[r], strict=True) if t == label), grid[r][0]))
    return _first_paragraph(table)


def _find_row(texts: list[list[str]], row_label: str | None) -> int | None:
    parts = _split(row_label or "")
    if not parts:
        return None  # a label of only spaces names no row
    *context, label = parts
    exact = [r for r, row in enumerate(texts) if label in row]
    loose = [r for r, row in enumerate(texts) if any(label and label in t and not _numeric(t) for t in row)]
    candidates = exact or loose
    with_context = [r for r in candidates if all(part in texts[r] for part in context)]
    found = with_context or candidates
    return found[0] if found else None


def _find_column(texts: list[list[str]], column_label: str, row: int) -> int | None:
    """The column whose header cells (those above `row`) name every part of the label."""
    parts = _split(column_label)
    width = len(texts[0])
    for exactness in (True, False):
        for c in range(width):
            above = [texts[k][c] for k in range(row)]
            if all(any(part == t if exactness else part in t for t in above) for part in parts):
                return c
    return None


def _grid(table: Any) -> list[list[Any]]:
    """Row-major grid of w:tc elements; a vertically merged continuation points at its first cell."""
    rows: list[list[Any]] = []
    for r, column, span, vmerge, tc in grid_cells(table):
        rows.extend([] for _ in range(r + 1 - len(rows)))  # rows in a content control count too
        row = rows[r]
        row.extend([None] * (column - len(row)))  # gridBefore
        above = rows[r - 1][column] if vmerge == "continue" and r > 0 and column < len(rows[r - 1]) else None
        row.extend([above if above is not None else tc] * span)
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def _first_paragraph(element: Any) -> Any:
    if element is None:
        return None
    return element if element.tag == f"{W}p" else next(element.iter(f"{W}p"), None)


def _split(label: str) -> list[str]:
    return [_bare(part) for part in label.split("·") if _bare(part)]


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,/—\-]*", text))
