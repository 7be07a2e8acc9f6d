"""checks: the generic check kinds a rule pack instantiates.

Each kind is a function `(report, rule, ctx) -> Iterator[Finding]`. A rule in the
pack names its kind and parameters; adding a rule of an existing kind is a YAML edit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from reportlint.checks import arithmetic, content, history, period, structure, tables
from reportlint.checks.base import Context
from reportlint.locate import Report
from reportlint.matcher import PatternTimeout
from reportlint.model import Finding
from reportlint.pack import RuleDef

Kind = Callable[[Report, RuleDef, Context], Iterator[Finding]]

KINDS: dict[str, Kind] = {
    **structure.KINDS,
    **period.KINDS,
    **tables.KINDS,
    **arithmetic.KINDS,
    **content.KINDS,
    **history.KINDS,
}


def run_rules(report: Report, ctx: Context) -> list[Finding]:
    """Every enabled rule of the report's pack, in code order; F003 replaces the rest."""
    rules = report.pack.rules
    if structure.looks_like_no_report(report) and "F003" in rules:
        return list(structure.not_a_report(report, rules["F003"], ctx)) if ctx.enabled("F003") else []
    findings: list[Finding] = []
    for code in sorted(rules):
        rule = rules[code]
        if not ctx.enabled(code) or rule.kind in ("file", "not-a-report"):
            continue
        try:
            findings.extend(KINDS[rule.kind](report, rule, ctx))
        except PatternTimeout as slow:  # only a user's pattern has a time limit
            sys.stderr.write(f"reportlint: {report.doc.path}: rule {code} skipped, its pattern {slow} "
                             f"took longer than {rule.matcher.timeout:g} s\n")
    return findings
