"""Relations between table cells, as the pack declares them (勾稽 and totals)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint.checks.base import Context, make, shared
from reportlint.locate import Report
from reportlint.locate.canonical import CanonicalTable
from reportlint.model import Finding
from reportlint.normalize import format_number
from reportlint.pack import RuleDef
from reportlint.relations import Equation, Term, rule_equations

_MAX_TERMS_SHOWN = 4
def relation(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for table, eq, values in _failures(report, rule):
        left, right = eq.sides(values)
        yield _finding(report, rule, ctx, table, eq, values, left, right)


def broken_tables(report: Report) -> set[str]:
    """Tables whose own arithmetic fails (an A40x relation does not hold): counts in the
    prose are not compared with them, as the arithmetic finding already names the defect."""
    return {failures[0][0].definition.id for rule in report.pack.rules.values()
            if rule.kind == "relation" and (failures := _failures(report, rule))}


_Failure = tuple[CanonicalTable, Equation, dict[tuple[str, str], Decimal]]


def _failures(report: Report, rule: RuleDef) -> list[_Failure]:
    """The rule's equations its table does not satisfy, with the values read; none for a table
    missing (T301) or unreadable (T308): never guess. Evaluated once per report: the relation
    rule and the prose counts' check (broken_tables) both ask."""
    return shared(report, f"failures of {rule.code}", lambda _: list(_evaluate(report, rule)))


def _evaluate(report: Report, rule: RuleDef) -> Iterator[_Failure]:
    table = report.tables.get(rule.params["table"])
    if table is None or not table.reliable:
        return
    numbers = table.numbers
    for eq in rule_equations(report.pack, rule, table.definition):
        try:
            holds = eq.holds(numbers)
        except KeyError:
            continue  # a row or column the report lacks (T302/T303), or text in a cell (T304)
        if not holds:
            yield table, eq, {key: numbers[key] for key in eq.cells}


def _side(terms: tuple[Term, ...], values: dict[tuple[str, str], Decimal]) -> str:
    if len(terms) > _MAX_TERMS_SHOWN:
        return format_number(sum((t.sign * values[t.cell] for t in terms), Decimal(0)))
    parts: list[str] = []
    for i, term in enumerate(terms):
        number = format_number(values[term.cell])
        op = "+" if term.sign > 0 else "−"
        parts.append((number if term.sign > 0 else f"−{number}") if i == 0 else f"{op} {number}")
    return " ".join(parts)

def _finding(
    report: Report, rule: RuleDef, ctx: Context, table: CanonicalTable, eq: Equation,
    values: dict[tuple[str, str], Decimal], left: Decimal, right: Decimal,
) -> Finding:
    anchor = table.cells[eq.left[0].cell]
    row_label = table.row_labels.get(eq.key, eq.key) if eq.along == "row" else anchor.loc.row
    column_label = anchor.loc.column
    sign = "≠" if eq.op == "eq" else "<"
    terms = f"{_side(eq.left, values)} {sign} {_side(eq.right, values)}"
    loc = anchor.loc.with_(row=row_label, column=column_label, section=table.definition.section)
    return make(
        rule, ctx, loc, expected=format_number(right), actual=format_number(left),
        table=table.definition.name(ctx.lang), row=row_label, column=column_label, terms=terms,
        diff=format_number(abs(left - right)), left_value=format_number(left), right_value=format_number(right),
    )


KINDS = {"relation": relation}
