"""Recognise the mandated tables by their labels, never by position alone.

Two sources feed one shape (`RawRow`): real tables (DOCX/HTML grids with merged
cells) and tables flattened into text (tabs, pipes, spaces, one cell per line, or
digits run together). `canonical.py` turns raw rows into canonical values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from reportlint.locate.flat import FlatText
from reportlint.locate.labels import LabelHit, LabelSet, compile_labels, label_literals, view_of
from reportlint.model import Cell, Location, Table
from reportlint.normalize import fold, parse_value
from reportlint.pack import Row, TableDef

_ROW_WINDOW = 700  # a text row's label must follow the previous row within this many chars
_FIRST_WINDOW = 4000
_HEADER_WINDOW = 400  # a text table's column header stands within this many chars above its first row
_VALUES_RE = re.compile(r"^[\s|:]*((?:(?:[+-]?\d+(?:\.\d+)?|/|—+|-{1,2}|无|×)(?:[ \t\r\n|,]*|$))+)")
_SEPARATED = re.compile(r"[|\t]")


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class RawRow:
    row_ids: tuple[str, ...]  # the canonical rows these values belong to, in order
    label: str  # as printed
    tokens: Sequence[str | None]  # value strings in reading order; None: the column is absent
    exact: bool  # True when each token is known to be one cell
    loc: Location
    column_labels: list[str] | None = None  # as printed, per token (grid tables)
    extra: dict[str, str] = field(default_factory=dict)  # optional columns (小计)
    optional: dict[int, str] = field(default_factory=dict)  # inexact tokens: positions of optional columns


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class RawTable:
    definition: TableDef
    source: str  # "grid" | "text"
    loc: Location
    rows: list[RawRow]
    column_problem: tuple[str, str] | None = None  # (expected, actual) labels
    value_cols: list[tuple[int, str, str]] = field(default_factory=list)  # grid col, row id, col id


def row_regex(row: Row) -> LabelSet:
    return compile_labels((row.label, *row.aliases))


# ---- text ---------------------------------------------------------------------------


def find_text_table(flat: FlatText, tdef: TableDef, start: int, end: int) -> RawTable | None:
    """A table flattened into the text between `start` and `end`, found by its labels."""
    region = flat.text[:end]
    marker = compile_labels(tdef.markers).search(region, start)
    if marker is None:
        return None
    if tdef.layout == "single_row":
        return _text_single_row(flat, tdef, marker.end(), end)
    found = _sequential_rows(region, tdef, marker.start())
    if len(found) < min(2, len(tdef.rows)):
        return None
    found += _optional_rows(region, tdef, found)
    optional = _optional_columns(region, tdef, found[0][1].start())
    cuts = sorted({m.start() for _, m in found} | _group_starts(region, tdef, marker.start()) | {end})
    rows: list[RawRow] = []
    for row, m in sorted(found, key=lambda pair: pair[1].start()):
        stop = next(c for c in cuts if c >= m.end())
        columns = tdef.columns_of(row)
        tokens, exact = _tokens(region[m.end() : stop], len(columns) + len(optional))
        extra: dict[str, str] = {}
        if optional and len(tokens) == len(columns) + len(optional):
            extra = {cid: tokens[i] for i, cid in optional.items()}  # the 小计 a unit added
            tokens, exact = [t for i, t in enumerate(tokens) if i not in optional], True
        elif optional:
            tokens, exact = _tokens(region[m.end() : stop], len(columns))
        raw = RawRow((row.id,), flat.quote(m.start(), m.end()), tokens, exact, flat.locate(m.start()), extra=extra)
        raw.optional = optional if optional and not exact else {}
        rows.append(raw)
    return RawTable(tdef, "text", flat.locate(marker.start()), rows)


def _optional_rows(region: str, tdef: TableDef, found: list[tuple[Row, LabelHit]]) -> list[tuple[Row, LabelHit]]:
    """Optional rows (小计) written among the table's rows: the first of each, read like a row."""
    first, last = found[0][1].start(), found[-1][1].end()
    taken = [(m.start(), m.end()) for _, m in found]
    out: list[tuple[Row, LabelHit]] = []
    for row in tdef.optional_rows:
        for m in row_regex(row).finditer(region, first, min(len(region), last + _ROW_WINDOW)):
            at_line_start = m.start() == 0 or region[m.start() - 1] == "\n"
            if at_line_start and not any(a < m.end() and m.start() < b for a, b in taken):
                out.append((row, m))
                break
    return out


def _optional_columns(region: str, tdef: TableDef, first_row: int) -> dict[int, str]:
    """Optional columns (小计) named in the header above the first row: {value position: column id}.

    A 小计 written before a column's label stands before that column; written last, after the
    column it follows."""
    if not tdef.optional_columns:
        return {}
    header_start = max(0, first_row - _HEADER_WINDOW)
    columns = list(tdef.columns)
    labelled = sorted((m.start(), i) for i, col in enumerate(columns)
                      for m in compile_labels((col.label, *col.aliases)).finditer(region, header_start, first_row))
    out: dict[int, str] = {}
    for col in tdef.optional_columns:
        m = compile_labels((col.label, *col.aliases)).search(region, header_start, first_row)
        if m is None:
            continue
        after = [i for pos, i in labelled if pos >= m.end()]
        before = [i for pos, i in labelled if pos < m.start()]
        if after:
            out[after[0]] = col.id
        elif before:
            out[before[-1] + 1] = col.id
    return out


def _sequential_rows(region: str, tdef: TableDef, cursor: int) -> list[tuple[Row, LabelHit]]:
    found: list[tuple[Row, LabelHit]] = []
    for row in tdef.rows:
        window = _FIRST_WINDOW if not found else _ROW_WINDOW
        m = row_regex(row).search(region, cursor, min(len(region), cursor + window))
        if m:
            found.append((row, m))
            cursor = m.end()
    return found


def _group_starts(region: str, tdef: TableDef, start: int) -> set[int]:
    if not tdef.groups:
        return set()
    return {m.start() for m in compile_labels(tdef.groups).finditer(region, start)}


def _tokens(text: str, expected: int) -> tuple[list[str], bool]:
    first_line = text.lstrip(" ").split("\n", 1)[0]
    if _SEPARATED.search(first_line):  # a tab or pipe row: every cell counts, text cells too
        parts = [p.strip() for p in _SEPARATED.split(first_line.strip().strip("|"))]
        if len(parts) == expected:
            return parts, True
    m = _VALUES_RE.match(text)
    if not m:
        return [], True
    values = m.group(1).strip()
    if _SEPARATED.search(values):
        parts = [p.strip() for p in _SEPARATED.split(values.strip("| \n"))]
        if len(parts) == expected:
            return parts, True
    parts = values.replace("|", " ").split()
    return parts, len(parts) == expected


def _text_single_row(flat: FlatText, tdef: TableDef, start: int, end: int) -> RawTable | None:
    text = flat.text
    digit = re.compile(r"[+-]?\d").search(text, start, end)
    if digit is None:
        return None
    expected = sum(len(tdef.columns_of(r)) for r in tdef.rows)
    tokens, exact = _tokens(text[digit.start() : end], expected)
    loc = flat.locate(digit.start())
    row = RawRow(tuple(r.id for r in tdef.rows), tdef.name_zh, tokens, exact, loc)
    return RawTable(tdef, "text", flat.locate(start), [row])


# ---- grids --------------------------------------------------------------------------


def table_score(text: str, tdef: TableDef) -> int:
    """How strongly a physical table (`text`: its cells joined by line breaks, folded) looks
    like `tdef`: markers and row labels found."""
    view = view_of(text).text
    markers, rows = _scored_labels(tdef)
    return 3 * sum(1 for m in markers if m.occurs_in_view(view)) + sum(1 for r in rows if r.occurs_in_view(view))


@lru_cache(maxsize=64)
def _scored_labels(tdef: TableDef) -> tuple[tuple[LabelSet, ...], tuple[LabelSet, ...]]:
    """What `table_score` looks for: each marker, each row's labels (looked up once per table
    definition, not once per physical table)."""
    return tuple(compile_labels((m,)) for m in tdef.markers), tuple(row_regex(row) for row in tdef.rows)


def read_grid(table: Table, tdef: TableDef, inherited: list[tuple[int, str, str]] | None = None) -> RawTable:
    grid = table.grid()
    labels = [[fold(c.text).text.strip() if c else "" for c in row] for row in grid]
    first_body = _first_body_row(labels, tdef)
    value_cols, problem = _header_columns(grid[:first_body], tdef) if tdef.header else ([], None)
    if not value_cols and inherited:
        value_cols = inherited
    raw = RawTable(tdef, "grid", table.loc, [], problem, value_cols)
    if tdef.layout == "single_row":
        raw.rows = _grid_single_row(grid, labels, first_body, tdef, value_cols, table.loc)
    else:
        raw.rows = _grid_rows(grid, labels, first_body, tdef, value_cols, table.loc)
    return raw


def _first_body_row(labels: list[list[str]], tdef: TableDef) -> int:
    leading = tdef.rows[:2]
    for r, row in enumerate(labels):
        if tdef.layout == "rows":
            joined = "".join(_unique(row))
            if any(row_regex(x).search(joined) for x in leading) or (
                any(t and parse_value(t).value is not None for t in row)  # a row with a number
                and any(row_regex(x).search(joined) for x in tdef.rows)
            ):
                return r
        if tdef.layout == "single_row" and r > 0 and all(not t or not parse_value(t).text for t in row):
            return r  # below the header, a row of values only (blank in an unfilled template)
        if tdef.layout == "single_row" and sum(1 for t in row if t and not parse_value(t).text) >= len(row) // 2:
            return r
    return len(labels)


def _unique(row: list[str]) -> list[str]:
    out: list[str] = []
    for text in row:
        if not out or out[-1] != text:
            out.append(text)
    return out


def _header_columns(
    header: list[list[Cell | None]], tdef: TableDef
) -> tuple[list[tuple[int, str, str]], tuple[str, str] | None]:
    """Map grid columns to (column index, row id or "", column id) from the header rows."""
    if not header:
        return [], None
    all_cols = tdef.columns + tdef.optional_columns
    col_res = [(c, compile_labels((c.label, *c.aliases))) for c in all_cols]
    group_re = [(r.id, row_regex(r)) for r in tdef.rows] if tdef.layout == "single_row" else []
    mapped: list[tuple[int, str, str]] = []
    actual: list[str] = []
    previous: Cell | None = None
    for c in range(len(header[0])):
        path_cells = _unique_cells([header[r][c] for r in range(len(header))])
        path = [fold(cell.text).text.strip() for cell in path_cells if cell.text.strip()]
        if not path or path_cells[-1] is previous:
            continue  # no header here, or the same merged header cell as the column before
        previous = path_cells[-1]
        column = next((col for col, rx in col_res if rx.fullmatch(path[-1])), None)
        if column is None:
            if mapped:
                actual.append(path_cells[-1].text.replace("\n", ""))
            continue
        group = next((gid for gid, rx in group_re if any(rx.search(p) for p in path[:-1])), "")
        mapped.append((c, group, column.id))
        if column in tdef.columns:
            actual.append(column.label)
    expected = [c.label for c in tdef.columns]
    if tdef.layout == "single_row":
        expected = expected * len(tdef.rows)
    problem = None if actual == expected or not mapped else ("、".join(expected), "、".join(actual))
    return mapped, problem


def _grid_rows(
    grid: list[list[Cell | None]],
    labels: list[list[str]],
    first_body: int,
    tdef: TableDef,
    value_cols: list[tuple[int, str, str]],
    loc: Location,
) -> list[RawRow]:
    rows: list[RawRow] = []
    first_value_col = min((c for c, _, _ in value_cols), default=None)
    candidates = tdef.rows + tdef.optional_rows
    index = _row_index(candidates)
    taken: set[str] = set()  # the rows read so far
    for r in range(first_body, len(grid)):
        cells = _unique_cells(grid[r][:first_value_col] if first_value_col is not None else grid[r])
        row = _match_row(cells, candidates, taken, tdef, first_value_col is None, index)
        if row is None:
            continue
        row_columns = tdef.columns_of(row)
        columns = [c.id for c in row_columns]
        extra: dict[str, str] = {}
        col_labels: list[str] | None = None
        if value_cols:
            by_col = {cid: _cell_text(_at(grid[r], c)) for c, _, cid in value_cols}
            tokens = [by_col.get(cid) for cid in columns]  # a column the header lacks stays absent (T303)
            extra = {cid: text for cid, text in by_col.items() if cid not in columns}
            col_labels = [c.label for c in row_columns]
            label_cells = cells
        else:
            tokens = [c.text for c in cells[-len(columns):]] if len(cells) > len(columns) else [c.text for c in cells[1:]]
            label_cells = cells[: max(1, len(cells) - len(columns))]
        label_text = _printed_label(label_cells)
        rows.append(RawRow((row.id,), label_text, tokens, True, loc.cell(label_text, loc.column), col_labels, extra))
        taken.add(row.id)
    return rows


def _match_row(
    cells: list[Cell], candidates: tuple[Row, ...], taken: set[str], tdef: TableDef, whole_row: bool,
    index: _RowIndex,
) -> Row | None:
    """The canonical row whose label ends this row's label cells (longest match wins; then a
    row not yet read; then pack order). Without a header, the label cells are those left of
    each row's own number of values."""
    if whole_row:
        spans = [max(1, len(cells) - len(tdef.columns_of(row))) for row in candidates]
    else:
        spans = [len(cells)] * len(candidates)
    tried: list[tuple[int, Row, str]] = []
    for n in sorted(set(spans)):
        label = fold(" ".join(c.text for c in cells[:n])).text
        tried.extend((order, candidates[order], label) for order in index.rows_ending(view_of(label).text)
                     if spans[order] == n)
    best: tuple[int, int, Row] | None = None
    for order, row, label in sorted(tried, key=lambda t: t[0]):
        for m in row_regex(row).finditer(label):
            if label[m.end() :].strip():
                continue
            key = (m.end() - m.start(), -order - (1000 if row.id in taken else 0))
            if best is None or key > best[:2]:
                best = (*key, row)
    return best[2] if best else None


_FINAL_NOTE = re.compile(r"\([^()]*\)$")


class _RowIndex(NamedTuple):
    """A table's rows by the literals their labels squeeze to (with and without the
    enumerator), filed under each literal's last character: that character → (literal, the
    rows' places among the candidates)."""

    by_last: dict[str, tuple[tuple[str, tuple[int, ...]], ...]]

    def rows_ending(self, view: str) -> set[int]:
        """The rows one of whose literals ends the label's view, or ends it before a final note:
        in the view, only a note can follow a label that ends its cells (the rest was dropped).
        Only the literals ending in the view's last character are compared, so a long cell
        stays linear."""
        found: set[int] = set()
        for text in {view, _FINAL_NOTE.sub("", view) if view.endswith(")") else view}:
            for literal, places in self.by_last.get(text[-1:], ()):
                if text.endswith(literal):
                    found.update(places)
        return found


@lru_cache(maxsize=64)
def _row_index(candidates: tuple[Row, ...]) -> _RowIndex:
    places: dict[str, list[int]] = {}
    for order, row in enumerate(candidates):
        for label in (row.label, *row.aliases):
            enum, core = label_literals(label)
            for literal in {core, enum + core}:
                if order not in places.setdefault(literal, []):
                    places[literal].append(order)
    by_last: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for literal, orders in places.items():
        if literal:  # an empty literal ends every label: it names no row
            by_last.setdefault(literal[-1], []).append((literal, tuple(orders)))
    return _RowIndex({last: tuple(entries) for last, entries in by_last.items()})


def _at(row: list[Cell | None], col: int) -> Cell | None:
    """A grid position; columns inherited from the first part of a split table may lie beyond
    a narrower continuation."""
    return row[col] if col < len(row) else None


def _cell_text(cell: Cell | None) -> str:
    return cell.text if cell is not None else ""


def _unique_cells(row: list[Cell | None]) -> list[Cell]:
    out: list[Cell] = []
    for cell in row:
        if cell is not None and (not out or out[-1] is not cell):
            out.append(cell)
    return out


def _printed_label(cells: list[Cell]) -> str:
    texts = [c.text.replace("\n", "") for c in cells if c.text and parse_value(c.text).text]
    return texts[-1] if texts else ""


def _grid_single_row(
    grid: list[list[Cell | None]],
    labels: list[list[str]],
    first_body: int,
    tdef: TableDef,
    value_cols: list[tuple[int, str, str]],
    loc: Location,
) -> list[RawRow]:
    if first_body >= len(grid):
        return []
    row = grid[first_body]
    row_ids = tuple(r.id for r in tdef.rows)
    if value_cols and all(g for _, g, _ in value_cols):
        order = {(r.id, c.id): i for i, (r, c) in enumerate((r, c) for r in tdef.rows for c in tdef.columns_of(r))}
        placed = sorted(value_cols, key=lambda v: order.get((v[1], v[2]), 999))
        tokens = [_cell_text(_at(row, c)) for c, _, _ in placed]
        col_labels = [f"{tdef.row(g).label}·{tdef.column(cid).label}" for _, g, cid in placed]
    else:
        tokens = [c.text for c in _unique_cells(row)]
        col_labels = None
    return [RawRow(row_ids, tdef.name_zh, tokens, True, loc.with_(row=tdef.name_zh), col_labels)]
