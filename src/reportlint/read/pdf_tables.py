"""Ruled tables in a PDF: find them on a page, join a table cut by page breaks, make a grid.

What real producers draw, and what this module does about it:
- Browsers draw every cell border as a thin filled rectangle; at a page break the row that
  starts the next page has no top border (it was drawn on the page before), so its
  vertical borders stand open. An open run of vertical borders gets the missing line.
- Office suites let a row break across pages: the label “（四）无法提供” ends as “（四）无法提”
  on one page and “供” on the next, with no numbers in the second piece. Such a piece is
  put back into the row it came from; a group label cut the same way (“三、本年” / “度办理
  结果”) is joined to its first half.
- A framed paragraph (the intro in a box, a boxed sub-section) is a table of one column:
  it is prose, and is given back as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlint.model import Cell, Location, Table

_TOLERANCE = 1.5  # points: edges closer than this are one edge
_SNAP = 3.0  # points: column borders of two parts of one table this close are one border
_NEAR = 4.0  # points: a border this close to where vertical borders start is the one they meet
_PAGE_BREAK_ZONE = 0.15  # share of the page height at its top and bottom where a table can be cut
CONTINUED = re.compile(r"^\s*[（(]?\s*续表?\s*[一二三四\d]*\s*[)）]?\s*[:：]?\s*$")  # 续表 / （续） over a table's next part
_NUMBER = re.compile(r"^[\s\d.,，。%％+\-—/／]*\d[\s\d.,，%％]*$")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、])")


@dataclass
class Box:
    """One cell as drawn: its box on the page (x0, top, x1, bottom) and its text."""

    bbox: tuple[float, float, float, float]
    text: str

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def number(self) -> bool:
        return bool(_NUMBER.match(self.text))


@dataclass
class PageTable:
    top: float
    boxes: list[Box]
    page: int = 0

    @property
    def bottom(self) -> float:
        return max(b.bbox[3] for b in self.boxes)

    @property
    def left(self) -> float:
        return min(b.bbox[0] for b in self.boxes)

    @property
    def right(self) -> float:
        return max(b.bbox[2] for b in self.boxes)

    @property
    def xs(self) -> list[float]:
        return edges([b.bbox[0] for b in self.boxes])

    @property
    def one_column(self) -> bool:
        return len(self.xs) == 1


def find_tables(page: Any, number: int, join: Any) -> tuple[list[PageTable], list[tuple[float, float, float, float]]]:
    """The ruled tables of a pdfplumber page, and the areas they cover (their text is not prose).

    `join` turns a cell's lines into one text."""
    found = page.find_tables(table_settings={"explicit_horizontal_lines": _open_ends(page)})
    tables = []
    for t in found:
        texts = t.extract()
        boxes = [Box(tuple(float(v) for v in bbox), join((text or "").split("\n")))  # type: ignore[arg-type]
                 for row, row_texts in zip(t.rows, texts, strict=False)
                 for bbox, text in zip(row.cells, row_texts, strict=False) if bbox is not None]
        if boxes:
            tables.append(PageTable(float(t.bbox[1]), boxes, number))
    return tables, [tuple(float(v) for v in t.bbox) for t in found]  # type: ignore[misc]


def _open_ends(page: Any) -> list[dict[str, Any]]:
    """Horizontal lines closing the cells a page break left open.

    Near the top or bottom of a page, where three or more vertical borders start (or end)
    at one height, the stretches between them that no horizontal border covers get one."""
    height = float(page.height)
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    horizontals = [e for e in page.edges if e["orientation"] == "h"]
    lines: list[dict[str, Any]] = []
    for key in ("top", "bottom"):
        near_edge = [e for e in verticals if not _PAGE_BREAK_ZONE * height < e[key] < (1 - _PAGE_BREAK_ZONE) * height]
        for y in edges([e[key] for e in near_edge]):
            run = [e["x0"] for e in near_edge if abs(e[key] - y) <= _TOLERANCE]
            if len(run) < 3:
                continue
            covers = [(h["x0"], h["x1"]) for h in horizontals if abs(h["top"] - y) <= _NEAR]
            for x0, x1 in _gaps(min(run), max(run), covers):
                lines.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                              "width": x1 - x0, "height": 0.0})
    return lines


def _gaps(start: float, end: float, covers: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Stretches of [start, end] longer than a few points that no cover reaches."""
    out: list[tuple[float, float]] = []
    x = start
    for c0, c1 in sorted(covers):
        if c0 - x > 3:
            out.append((x, min(c0, end)))
        x = max(x, c1)
    if end - x > 3:
        out.append((x, end))
    return [(a, b) for a, b in out if b - a > 3]


def edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _TOLERANCE:
            out.append(value)
    return out


def continues(prev: PageTable, table: PageTable) -> bool:
    """A table right after another (no text between) continues it when their outer borders line
    up and, on one page, every column border of the second stands on one of the first."""
    if abs(prev.left - table.left) > 3 * _TOLERANCE or abs(prev.right - table.right) > 3 * _TOLERANCE:
        return False
    if table.page != prev.page:
        return True  # a cut part may lack inner borders its merged cells cover on the other page
    borders = _borders(prev.boxes)
    return all(any(abs(x - e) <= 2 * _TOLERANCE for e in borders) for b in table.boxes for x in (b.bbox[0], b.bbox[2]))


def join_parts(parts: list[PageTable]) -> PageTable:
    """The parts of one table on successive pages, stacked into one: header rows the producer
    repeated on each page are dropped, and rows cut by the page break are put back."""
    whole = PageTable(parts[0].top, list(parts[0].boxes))
    for before, part in zip(parts, parts[1:], strict=False):
        boxes = _without_repeated_header(parts[0].boxes, part.boxes)
        if not boxes:
            continue
        shift = whole.bottom - min(b.bbox[1] for b in boxes)
        borders = _borders(whole.boxes)
        moved = [Box((_snap(b.bbox[0], borders), b.bbox[1] + shift, _snap(b.bbox[2], borders), b.bbox[3] + shift), b.text)
                 for b in boxes]
        if part.page != before.page:
            _mend_cut_row(whole.boxes, moved, whole.bottom)
        else:  # two tables one under the other on a page: nothing was cut
            whole.boxes.extend(moved)
    return whole


def _borders(boxes: list[Box]) -> list[float]:
    return edges([x for b in boxes for x in (b.bbox[0], b.bbox[2])])


def _snap(x: float, borders: list[float]) -> float:
    """A column border of a later part on the nearest border of the first: browsers lay out each
    page's fragment of a table a point or two apart."""
    near = min(borders, key=lambda e: abs(e - x), default=x)
    return near if abs(near - x) <= _SNAP else x


def _without_repeated_header(first: list[Box], boxes: list[Box]) -> list[Box]:
    """`boxes` without the leading rows that repeat the first part's leading rows cell for cell
    (Word's “repeat as header row”, an HTML table's thead)."""
    def rows(cells: list[Box]) -> list[list[Box]]:
        return [[b for b in cells if abs(b.bbox[1] - top) <= _TOLERANCE] for top in edges([b.bbox[1] for b in cells])]

    def same(mine: list[Box], theirs: list[Box]) -> bool:
        mine, theirs = sorted(mine, key=lambda b: b.bbox[0]), sorted(theirs, key=lambda b: b.bbox[0])
        return len(mine) == len(theirs) and all(
            a.text == b.text and abs(a.bbox[0] - b.bbox[0]) <= _SNAP and abs(a.bbox[2] - b.bbox[2]) <= _SNAP
            for a, b in zip(mine, theirs, strict=True))

    repeated: set[int] = set()
    for mine, theirs in zip(rows(boxes), rows(first), strict=False):
        if not same(mine, theirs) or all(b.empty for b in mine):
            break
        repeated.update(id(b) for b in mine)
    return [b for b in boxes if id(b) not in repeated]


def _mend_cut_row(above: list[Box], below: list[Box], seam: float) -> None:
    """Add `below` to `above`; cells cut by the page break at `seam` become one cell again."""
    last_row = [b for b in above if abs(b.bbox[3] - seam) <= _TOLERANCE]
    first_row = [b for b in below if abs(b.bbox[1] - seam) <= _TOLERANCE]
    first_texts = {b.text for b in first_row if not b.empty}
    repeated_header = bool(first_texts) and first_texts <= {b.text for b in above}
    whole_row = not repeated_header and not any(b.number for b in first_row)  # a row with no values: the rest of a cut row
    labels = sorted((b for b in first_row if not b.number), key=lambda b: b.bbox[0])
    groups = labels[:-1] if any(b.number for b in first_row) else []  # label columns left of the row's own label
    merged: set[int] = set()
    for box in first_row:
        if repeated_header:
            break
        uppers = _cells_above(box, last_row)
        if not uppers:
            continue
        group_cut = len(uppers) == 1 and box in groups and not uppers[0].number and not _NUMBERED.match(box.text)
        if (whole_row and (len(uppers) == 1 or box.empty)) or group_cut:
            for upper in uppers:  # an empty piece under several cells (a border lost at the cut) goes too
                upper.bbox = (upper.bbox[0], upper.bbox[1], upper.bbox[2], box.bbox[3])
            uppers[0].text += box.text
            merged.add(id(box))
    above.extend(b for b in below if id(b) not in merged)


def _cells_above(box: Box, row: list[Box]) -> list[Box]:
    """The cells of `row` that exactly cover the width of `box`, left to right."""
    inside = sorted((a for a in row if a.bbox[0] >= box.bbox[0] - _TOLERANCE and a.bbox[2] <= box.bbox[2] + _TOLERANCE),
                    key=lambda a: a.bbox[0])
    if not inside or abs(inside[0].bbox[0] - box.bbox[0]) > _TOLERANCE or abs(inside[-1].bbox[2] - box.bbox[2]) > _TOLERANCE:
        return []
    return inside


def grid(table: PageTable, loc: Location) -> Table:
    """Cells on a grid: columns start at each distinct cell left, rows at each distinct cell top."""
    xs, ys = table.xs, edges([b.bbox[1] for b in table.boxes])
    cells = []
    for box in table.boxes:
        x0, top, x1, bottom = box.bbox
        colspan = max(1, sum(1 for x in xs if x0 - _TOLERANCE <= x < x1 - _TOLERANCE))
        rowspan = max(1, sum(1 for y in ys if top - _TOLERANCE <= y < bottom - _TOLERANCE))
        cells.append(Cell(box.text, _nearest(ys, top), _nearest(xs, x0), rowspan, colspan))
    return Table(cells, len(ys), len(xs), loc)


def _nearest(values: list[float], value: float) -> int:
    return min(range(len(values)), key=lambda i: abs(values[i] - value))
