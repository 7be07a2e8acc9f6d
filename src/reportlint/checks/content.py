"""Phrases that must or must not appear, and counts in the prose against the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any

from reportlint.checks.arithmetic import broken_tables
from reportlint.checks.base import Context, make
from reportlint.checks.structure import empty_sections
from reportlint.kinds import fill_holes
from reportlint.locate import Report
from reportlint.locate.labels import compile_titles
from reportlint.model import Finding
from reportlint.normalize import compact, fold, format_number
from reportlint.pack import RuleDef

_TITLE_REPEAT_AFTER = 3  # a title line after this many paragraphs is a page header copy


def phrase_forbidden(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    formats = rule.params.get("formats")
    if formats and report.doc.format not in formats:
        return
    for pattern in report.pack.phrases.get(rule.params["phrases"], ()):
        for m in rule.matcher.finditer(pattern, report.flat.text, re.MULTILINE):
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
    yield from _inline_title_copies(report, rule, ctx)


_RUN_TOGETHER = 2000  # a paragraph this long is a page saved without its line breaks
_MID_TEXT = 500  # characters into it before a copy of the title counts as a page header


def _inline_title_copies(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """A report saved on one line has no paragraphs: the page-header copies of the title
    stand inline. A title quoted in 《》 is a reference, not residue."""
    assert report.title is not None
    flat = report.flat
    if all(len(p.text) < _RUN_TOGETHER for p in flat.folded):
        return  # the common case: a report with its line breaks
    for m in compile_titles((fold(report.title.text).text,)).finditer(flat.text, report.title.end):
        index = flat.para_index(m.start())
        if len(flat.folded[index].text) < _RUN_TOGETHER or m.start() - flat.starts[index] < _MID_TEXT:
            continue  # the title at the top of a page's body is the title, not a copy of it
        if flat.text[m.start() - 1 : m.start()] == "《" or flat.text[m.end() : m.end() + 1] == "》":
            continue
        quote = flat.quote(m.start(), m.end(), limit=80)
        yield make(rule, ctx, report.loc(m.start()), actual=quote, quote=quote)


def phrase_required(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    span = report.span(rule.params["section"])
    if span is None or rule.params["section"] in empty_sections(report):
        return  # S101 or S106 already says the section is missing or empty
    text = report.flat.text[span[0] : span[1]]
    prev_year = str(report.year - 1) if report.year else "____"
    missing: list[str] = []
    for group in rule.params.get("groups", ()):
        patterns = [fill_holes(p, {"prev_year": prev_year}) for p in group["any"]]
        if not any(rule.matcher.search(p, text) for p in patterns):
            what = group["what"]
            missing.append(str(what.get(ctx.lang, what["zh"]) if isinstance(what, dict) else what))
    if missing:  # one finding for the section, naming everything it lacks
        joined = ("，也没有说明" if ctx.lang == "zh" else ", nor ").join(missing)
        yield make(rule, ctx, report.loc(span[0]).with_(section=rule.params["section"]), what=joined)


def narrative_count(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """A count in the prose that matches no plausible reading of its table. The message names
    the first reading (what the count most often means); the others only keep it quiet."""
    broken = broken_tables(report)
    seen: set[int] = set()
    for item in rule.params.get("counts", ()):
        readings = item["readings"]
        if {ref.split(".")[0] for refs in readings for ref in refs} & broken:
            continue  # A40x already says the table does not add up
        values = [_reading(report, refs) for refs in readings]
        if values[0] is None:
            continue  # no table (T301) or not readable (T308) to compare with
        for m in _matches(rule, item, report.flat.text):
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            stated = Decimal(m.group(1).replace(",", ""))
            if stated in values:
                continue
            tdef = report.layout_pack.tables[readings[0][0].split(".")[0]]
            quote = report.flat.quote(m.start(), m.end())
            yield make(rule, ctx, report.loc(m.start()), expected=format_number(values[0]), actual=format_number(stated),
                       quote=quote, what=item.get("what", ""), compare=item.get("compare", ""), table=tdef.name(ctx.lang))


def _matches(rule: RuleDef, item: dict[str, Any], text: str) -> Iterator[Any]:
    """Every match of a count's patterns, with the pack's {N} {U} … placeholders filled in;
    group 1 is the number. The rule's matcher runs them (a user's pack: with a time limit)."""
    holes = tuple(sorted(rule.params.get("placeholders", {}).items()))
    for pattern in item["patterns"]:
        yield from rule.matcher.finditer(_filled(pattern, holes), text)


@lru_cache(maxsize=256)
def _filled(pattern: str, holes: tuple[tuple[str, str], ...]) -> str:
    return fill_holes(pattern, dict(holes))  # once per pattern: the matcher keeps it compiled


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
