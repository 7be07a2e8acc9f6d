"""Arithmetic relations declared in a rule pack, expanded into concrete cell equations.

A relation such as `over: columns, left: [new, carried_over], right: [results_total,
carried_forward]` becomes one equation per column. The engine evaluates equations; it
never knows what 勾稽 means. Terms may be globs over ids (`withheld_*`) and may carry a
leading `-`.
"""

from __future__ import annotations

from decimal import Decimal
from fnmatch import fnmatchcase
from typing import Any, NamedTuple

from reportlint.pack import Pack, RuleDef, TableDef

CellKey = tuple[str, str]  # (row id, column id)


class Term(NamedTuple):
    sign: int
    cell: CellKey


class Equation(NamedTuple):
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    op: str  # "eq" | "ge"
    along: str  # "row" or "column": what the equation runs along
    key: str  # the row id (over rows) or column id (over columns)
    cells: tuple[CellKey, ...]  # every term's cell, left then right

    def sides(self, values: dict[CellKey, Decimal]) -> tuple[Decimal, Decimal]:
        return _total(self.left, values), _total(self.right, values)

    def holds(self, values: dict[CellKey, Decimal]) -> bool:
        left, right = self.sides(values)
        return left == right if self.op == "eq" else left >= right


def _total(terms: tuple[Term, ...], values: dict[CellKey, Decimal]) -> Decimal:
    total = Decimal(0)
    for sign, cell in terms:  # adding or subtracting: no Decimal made by multiplying with the sign
        if sign > 0:
            total += values[cell]
        else:
            total -= values[cell]
    return total


def _equation(left: list[Term], right: list[Term], op: str, along: str, key: str) -> Equation:
    return Equation(tuple(left), tuple(right), op, along, key, tuple(t.cell for t in left + right))


def _expand_terms(names: list[str], universe: list[str]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for name in names:
        sign = -1 if name.startswith("-") else 1
        pattern = name.lstrip("-+")
        matches = [u for u in universe if fnmatchcase(u, pattern)] if any(c in pattern for c in "*?[") else [pattern]
        out.extend((sign, m) for m in matches)
    return out


def equations(params: dict[str, Any], table: TableDef) -> list[Equation]:
    """All concrete equations of one relation over `table`'s declared rows and columns."""
    row_ids = [r.id for r in table.rows + table.optional_rows]
    col_ids = [c.id for c in table.columns + table.optional_columns]
    out: list[Equation] = []
    if params["over"] == "columns":
        left = _expand_terms(params["left"], row_ids)
        right = _expand_terms(params["right"], row_ids)
        for col in params.get("columns") or [c.id for c in table.columns]:
            out.append(_equation([Term(s, (r, col)) for s, r in left], [Term(s, (r, col)) for s, r in right],
                                 params["op"], "column", col))
    else:
        left = _expand_terms(params["left"], col_ids)
        right = _expand_terms(params["right"], col_ids)
        for row in params.get("rows") or [r.id for r in table.rows + table.optional_rows]:
            out.append(_equation([Term(s, (row, c)) for s, c in left], [Term(s, (row, c)) for s, c in right],
                                 params["op"], "row", row))
    return out


def rule_equations(pack: Pack, rule: RuleDef, tdef: TableDef) -> list[Equation]:
    """A relation rule of `pack` over a table (of its own layout or another's), expanded once:
    the pack keeps the equations for the next report."""
    key = (rule.code, tdef)
    found = pack.equations.get(key)
    if found is None:
        found = pack.equations[key] = equations(rule.params, tdef)
    return found
