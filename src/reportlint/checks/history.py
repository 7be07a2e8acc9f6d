"""Checks against last year's report (`--previous`): figures that must carry over, and text
copied wholesale. Without a matching previous report these kinds find nothing.

`previous-relation` is `relation` with terms that may name last year's cells by the prefix
`previous.`: X701 is `carried_over = previous.carried_forward` per column. `copied-text`
measures how much of this year's prose repeats last year's, sentence by sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from reportlint.checks.base import Context, make
from reportlint.locate import Report
from reportlint.model import Finding, Location, Prior
from reportlint.normalize import format_number
from reportlint.pack import Pack, RuleDef
from reportlint.relations import rule_equations
from reportlint.units import unit_key

PREVIOUS = "previous."
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_NOT_WORDS = re.compile(r"[\s\d０-９,，、.．:：()（）“”\"'%％-]+")


def sentences(text: str, boilerplate: re.Pattern[str] | None = None, min_chars: int = 8) -> list[str]:
    """Sentences for comparison: numbers, spaces and punctuation removed, so a sentence that
    changed only its figures still counts as repeated; the template's own wording (table
    labels, headings, fixed notes) removed, since every report repeats it by design."""
    out = []
    for raw in _SENTENCE_END.split(text):
        bare = _NOT_WORDS.sub("", raw)
        if boilerplate is not None:
            bare = boilerplate.sub("", bare)
        if len(bare) >= min_chars:
            out.append(bare)
    return out


@lru_cache(maxsize=8)
def _boilerplate(pack: Pack, extra: tuple[str, ...]) -> str:
    """One pattern for the template's own wording and the rule's `ignore` patterns."""
    labels = {s.title for s in pack.sections} | set(pack.phrases.get("template_text", ()))
    for tdef in pack.tables.values():
        labels |= {item.label for item in tdef.rows + tdef.columns} | set(tdef.markers)
        labels |= {alias for item in tdef.rows + tdef.columns for alias in item.aliases}
    bare = sorted({_NOT_WORDS.sub("", label) for label in labels} - {""}, key=len, reverse=True)
    return "|".join([*extra, *map(re.escape, bare)])


def prior_for(report: Report, ctx: Context) -> Prior | None:
    """Last year's report of the same unit; with a single previous report, that one. A report
    of another year is never paired: its figures would not chain."""
    def last_year(prior: Prior) -> bool:
        return report.year is None or prior.year in (None, report.year - 1)

    priors = [p for p in ctx.priors if last_year(p)]
    if len(ctx.priors) == 1:
        return priors[0] if priors else None
    wanted = unit_key(report.unit)
    matches = [p for p in priors if wanted and p.unit_key == wanted]
    return matches[0] if len(matches) == 1 else None


def previous_relation(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    prior = prior_for(report, ctx)
    table = report.tables.get(rule.params["table"])
    last = (prior.tables.get(rule.params["table"]) if prior else None) or None
    if prior is None or last is None or table is None or not table.reliable:
        return
    for eq in rule_equations(report.pack, rule, table.definition):
        values: dict[tuple[str, str], Decimal] = {}
        for row, col in eq.cells:
            number = _previous(last, row, col) if PREVIOUS in row + col else table.number((row, col))
            if number is None or (PREVIOUS not in row + col and (row, col) not in table.cells):
                break
            values[(row, col)] = number
        else:
            if not eq.holds(values):
                left, right = eq.sides(values)
                anchor = table.cells[eq.left[0].cell]
                row_label = table.row_labels.get(eq.key, eq.key) if eq.along == "row" else anchor.loc.row
                yield make(rule, ctx, anchor.loc.with_(section=table.definition.section, row=row_label),
                           expected=format_number(right), actual=format_number(left),
                           table=table.definition.name(ctx.lang), row=row_label, column=anchor.loc.column,
                           left_value=format_number(left), right_value=format_number(right),
                           previous=prior.path, diff=format_number(abs(left - right)))


def _previous(last: dict[str, dict[str, int | float | None]], row: str, col: str) -> Decimal | None:
    value = last.get(row.removeprefix(PREVIOUS), {}).get(col.removeprefix(PREVIOUS))
    return None if value is None else Decimal(str(value))


def copied_text(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    prior = prior_for(report, ctx)
    if prior is None or not prior.text:
        return
    boilerplate = rule.matcher.compile(_boilerplate(report.pack, tuple(rule.params.get("ignore", ()))))
    min_chars = int(rule.params.get("min_chars", 8))
    current = sentences(report.flat.text, boilerplate, min_chars)
    total = sum(map(len, current))
    if total < int(rule.params.get("min_text", 200)):
        return  # too little prose to judge
    before = set(sentences(prior.text, boilerplate, min_chars))
    repeated = sum(len(s) for s in current if s in before)
    share = repeated / total
    if share > float(rule.params.get("threshold", 0.5)):
        yield make(rule, ctx, Location(), expected=f"≤ {float(rule.params.get('threshold', 0.5)):.0%}",
                   actual=f"{share:.0%}", share=f"{share:.0%}", previous=prior.path)


KINDS = {"previous-relation": previous_relation, "copied-text": copied_text}
