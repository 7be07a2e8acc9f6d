"""Raw rows → canonical table: values keyed by the pack's row and column ids.

Rows whose digits ran together are read with the table's own equations: a reading is
accepted only when it is the single one consistent with them. Otherwise the table is
marked unreliable (T308) and the arithmetic rules stay quiet — never guess silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import islice, product
from typing import NamedTuple

from reportlint.locate.tables import RawRow, RawTable
from reportlint.model import Location
from reportlint.normalize import CellValue, parse_value
from reportlint.pack import TableDef
from reportlint.relations import CellKey, Equation

MAX_SEARCH = 200_000  # combinations tried when several rows have several readings


class TableCell(NamedTuple):
    raw: str
    value: CellValue
    loc: Location


class Ambiguity(NamedTuple):
    row_label: str
    raw: str
    readings: int  # 0: no consistent reading; >1: several
    loc: Location


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class CanonicalTable:
    definition: TableDef
    source: str
    loc: Location
    cells: dict[CellKey, TableCell] = field(default_factory=dict)
    rows_found: set[str] = field(default_factory=set)
    row_labels: dict[str, str] = field(default_factory=dict)
    column_problem: tuple[str, str] | None = None
    ambiguities: list[Ambiguity] = field(default_factory=list)

    @property
    def reliable(self) -> bool:
        return not self.ambiguities

    @cached_property
    def numbers(self) -> dict[CellKey, Decimal]:
        """Every cell that holds a number (a blank counts 0), once the table is resolved: the
        rules evaluate their equations on this."""
        return {key: cell.value.as_number for key, cell in self.cells.items() if not cell.value.text}

    def number(self, key: CellKey) -> Decimal | None:
        cell = self.cells.get(key)
        if cell is None or cell.value.text:
            return None
        return cell.value.as_number

    def as_data(self) -> dict[str, dict[str, float | int | None]]:
        """The extract shape: {row id: {column id: value}}, null where unknown."""
        out: dict[str, dict[str, float | int | None]] = {}
        numbers = self.numbers
        for row in self.definition.rows:
            out[row.id] = {}
            for col in self.definition.columns_of(row):
                n = numbers.get((row.id, col.id))  # None: no such cell, or text in it
                out[row.id][col.id] = None if n is None else (int(n) if n == n.to_integral_value() else float(n))
        return out


def _keys(tdef: TableDef, raw: RawRow) -> list[CellKey]:
    keys = [(rid, col.id) for rid in raw.row_ids for col in tdef.columns_of(tdef.row(rid))]
    if not raw.exact:  # digits run together over an optional column (小计) too: it takes its place
        for position, cid in sorted(raw.optional.items()):
            keys.insert(position, (raw.row_ids[0], cid))
    return keys


def resolve(raws: list[RawTable], eqs: list[Equation]) -> CanonicalTable:
    tdef = raws[0].definition
    table = CanonicalTable(tdef, raws[0].source, raws[0].loc)
    table.column_problem = next((r.column_problem for r in raws if r.column_problem), None)
    pending: list[tuple[RawRow, list[CellKey], list[tuple[str, ...]]]] = []
    for raw in (row for r in raws for row in r.rows):
        if any(rid in table.rows_found for rid in raw.row_ids):
            continue  # a repeated label (e.g. a page-break header row) is read once
        keys = _keys(tdef, raw)
        table.rows_found.update(raw.row_ids)
        for rid in raw.row_ids:
            table.row_labels[rid] = raw.label if len(raw.row_ids) == 1 else tdef.row(rid).label
        for cid, text in raw.extra.items():
            table.cells[(raw.row_ids[0], cid)] = TableCell(text, parse_value(text), raw.loc.with_(column=tdef.column(cid).label))
        if raw.exact:
            if len(raw.tokens) != len(keys) and table.column_problem is None:
                table.column_problem = (f"{len(keys)} 个数值", f"{len(raw.tokens)} 个数值")
            _assign(table, raw, keys, tuple(raw.tokens) + ("",) * (len(keys) - len(raw.tokens)))
            continue
        tokens = [t for t in raw.tokens if t is not None]
        readings = _row_readings(tokens, keys, eqs)
        if isinstance(readings, int):  # 0: no consistent reading; -1: too many digits to search
            table.ambiguities.append(Ambiguity(raw.label, " ".join(tokens), readings, raw.loc))
            continue
        pending.append((raw, keys, readings))
    if pending:
        _solve(table, pending, eqs)
    return table


MAX_ROW_READINGS = 1_000  # readings kept for a row whose own sums leave it ambiguous


def _row_readings(tokens: list[str], keys: list[CellKey], eqs: list[Equation]) -> list[tuple[str, ...]] | int:
    """The row's readings consistent with its own sums. Searching stops at the second; only
    then are the rest collected, so the other rows' sums can pick one (see `_solve`)."""
    # Imported here: only run-together digits need it, and most reports have none.
    from reportlint.locate.digits import consistent_splits

    index = {key: i for i, key in enumerate(keys)}
    row_eqs = [
        (tuple((t.sign, index[t.cell]) for t in e.left), tuple((t.sign, index[t.cell]) for t in e.right))
        for e in eqs if e.op == "eq" and set(e.cells) <= set(keys)
    ]
    search = consistent_splits(tokens, len(keys), row_eqs)
    if len(search.readings) > 1:
        search = consistent_splits(tokens, len(keys), row_eqs, limit=MAX_ROW_READINGS)
        if not search.complete or len(search.readings) >= MAX_ROW_READINGS:
            return len(search.readings)  # several, and too many to weigh against the other rows
    if not search.complete and len(search.readings) < 2:
        return -1
    return search.readings or 0


def _num(text: str) -> Decimal | None:
    value = parse_value(text)
    return None if value.text else value.as_number


def _consistent(values: dict[CellKey, Decimal | None], eqs: list[Equation]) -> bool:
    for eq in eqs:
        if eq.op != "eq" or any(values.get(c) is None for c in eq.cells):
            continue
        if not eq.holds(values):  # type: ignore[arg-type]
            return False
    return True


def _assign(table: CanonicalTable, raw: RawRow, keys: list[CellKey], reading: tuple[str | None, ...]) -> None:
    tdef = table.definition
    for i, (key, text) in enumerate(zip(keys, reading, strict=False)):
        if text is None:
            continue
        label = raw.column_labels[i] if raw.column_labels and i < len(raw.column_labels) else tdef.column(key[1]).label
        row_label = table.row_labels.get(key[0], raw.label)
        table.cells[key] = TableCell(text, parse_value(text), raw.loc.cell(row_label, label))


def _solve(
    table: CanonicalTable, pending: list[tuple[RawRow, list[CellKey], list[tuple[str, ...]]]], eqs: list[Equation]
) -> None:
    """Pick one reading per run-together row so every evaluable equation holds."""
    known: dict[CellKey, Decimal | None] = {k: table.number(k) for k in table.cells}
    pending_keys = {k for _, keys, _ in pending for k in keys}
    relevant = [e for e in eqs if e.op == "eq" and pending_keys & set(e.cells)]
    all_keys = set(known) | pending_keys
    relevant = [e for e in relevant if set(e.cells) <= all_keys]
    solutions: list[tuple[tuple[str, ...], ...]] = []
    for combo in islice(product(*(readings for _, _, readings in pending)), MAX_SEARCH):
        values = dict(known)
        for (_, keys, _), reading in zip(pending, combo, strict=True):
            values.update(zip(keys, map(_num, reading), strict=True))
        if _consistent(values, relevant):
            solutions.append(combo)
            if len(solutions) > 1:
                break
    if len(solutions) == 1:
        for (raw, keys, _), reading in zip(pending, solutions[0], strict=True):
            _assign(table, raw, keys, reading)
        return
    if not solutions:  # no reading balances: one finding for the table, not one per row
        table.ambiguities.append(Ambiguity(table.definition.name_zh, "", 0, table.loc))
        return
    for raw, keys, readings in pending:
        if len(readings) > 1:
            table.ambiguities.append(Ambiguity(raw.label, " ".join(t for t in raw.tokens if t), len(readings), raw.loc))
        else:
            _assign(table, raw, keys, readings[0])
