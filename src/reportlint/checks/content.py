"""Phrases that must or must not appear, and counts in the prose against the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.checks.base import Context, make
from reportlint.checks.structure import empty_sections
from reportlint.locate import Report
from reportlint.model import Finding
from reportlint.normalize import compact, format_number
from reportlint.pack import RuleDef

_TITLE_REPEAT_AFTER = 3  # a title line after this many paragraphs is a page header copy


def phrase_forbidden(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    formats = rule.params.get("formats")
    if formats and report.doc.format not in formats:
        return
    for pattern in report.pack.phrases.get(rule.params["phrases"], ()):
        for m in re.finditer(pattern, report.flat.text, re.MULTILINE):
            quote = report.flat.quote(m.start(), m.end()) or m.group(0).strip()
            yield make(rule, ctx, report.loc(m.start()), actual=quote, quote=quote)
    if rule.params.get("repeated_title") and report.title is not None:
        yield from _repeated_title(report, rule, ctx)


def _repeated_title(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    assert report.title is not None
    title = compact(report.title.text)
    first = report.flat.para_index(report.title.start)
    for index in range(max(first + 1, _TITLE_REPEAT_AFTER), len(report.flat.paragraphs)):
        if compact(report.flat.folded[index].text) == title:
            start = report.flat.starts[index]
            quote = report.flat.paragraphs[index].text.strip()
            yield make(rule, ctx, report.loc(start), actual=quote, quote=quote)


def phrase_required(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    span = report.span(rule.params["section"])
    if span is None or rule.params["section"] in empty_sections(report):
        return  # S101 or S106 already says the section is missing or empty
    text = report.flat.text[span[0] : span[1]]
    prev_year = str(report.year - 1) if report.year else "____"
    missing = []
    for group in rule.params.get("groups", ()):
        patterns = [p.replace("{prev_year}", prev_year) for p in group["any"]]
        if not any(re.search(p, text) for p in patterns):
            what = group["what"]
            missing.append(what.get(ctx.lang, what["zh"]) if isinstance(what, dict) else what)
    if missing:  # one finding for the section, naming everything it lacks
        joined = ("，也没有说明" if ctx.lang == "zh" else ", nor ").join(missing)
        yield make(rule, ctx, report.loc(span[0]).with_(section=rule.params["section"]), what=joined)


def narrative_count(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    seen: set[int] = set()
    for item in rule.params.get("counts", ()):
        for m in re.finditer(item["pattern"], report.flat.text):
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            readings = [_reading(report, refs) for refs in item["readings"]]
            known = [r for r in readings if r is not None]
            if not known:
                continue  # no table to compare with
            stated = Decimal(m.group(1))
            if stated in known:
                continue
            table_id = item["readings"][0][0].split(".")[0]
            tdef = report.layout_pack.tables[table_id]
            expected = " 或 ".join(dict.fromkeys(format_number(k) for k in known))
            quote = report.flat.quote(m.start(), m.end())
            yield make(rule, ctx, report.loc(m.start()), expected=expected, actual=m.group(1), quote=quote,
                       what=item.get("what", ""), table=tdef.name(ctx.lang))


def _reading(report: Report, refs: list[str]) -> Decimal | None:
    total = Decimal(0)
    for ref in refs:
        table_id, row_id, col_id = ref.split(".")
        table = report.tables.get(table_id)
        if table is None or not table.reliable:
            return None
        value = table.number((row_id, col_id))
        if value is None:
            return None
        total += value
    return total


KINDS = {"phrase-forbidden": phrase_forbidden, "phrase-required": phrase_required, "narrative-count": narrative_count}
