"""Sections and title: present, ordered, unique, worded as the template, not empty."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from reportlint.checks.base import Context, make, section_title, shared
from reportlint.locate import Report
from reportlint.locate.sections import Heading
from reportlint.model import Finding, Location
from reportlint.normalize import compact
from reportlint.pack import RuleDef, Section


def looks_like_no_report(report: Report) -> bool:
    return not report.layout.headings and report.title is None and not report.tables


def not_a_report(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    yield make(rule, ctx, Location())


def section_present(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    found = {h.section.id for h in report.layout.headings}
    for section in report.pack.sections:
        if section.id not in found:
            yield make(rule, ctx, Location(section=section.id), expected=section.title, section=section.id, title=section.title)


def section_order(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    order = [s.id for s in report.pack.sections]
    highest: str | None = None
    for head in report.layout.headings:
        rank = order.index(head.section.id)
        if highest is not None and rank < order.index(highest):
            yield make(
                rule, ctx, report.loc(head.start), expected="、".join(order), actual=head.wording,
                section=head.section.id, title=head.section.title, before=highest,
            )
        elif highest is None or rank > order.index(highest):
            highest = head.section.id


def section_duplicate(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for repeat, first in report.layout.duplicates:
        where = report.loc(first.start)
        first_at = f"第{where.line}行" if where.line else f"第{where.paragraph}段"
        if ctx.lang == "en":
            first_at = f"line {where.line}" if where.line else f"paragraph {where.paragraph}"
        yield make(rule, ctx, report.loc(repeat.start), actual=repeat.wording, section=repeat.section.id,
                   heading=repeat.wording, first=first_at)


def section_wording(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for head in report.layout.headings:
        if not head.exact:
            expected = f"{head.section.id}、{head.section.title}"
            yield make(rule, ctx, report.loc(head.start), expected=expected, actual=head.wording,
                       section=head.section.id, heading=head.wording,
                       diff=heading_difference(report.flat.original(head.start, head.title_start).strip(),
                                               report.flat.original(head.title_start, head.end).strip(),
                                               head.section, ctx.lang))


_PARTS_SHOWN = 3


def heading_difference(number: str, title: str, section: Section, lang: str = "zh") -> str:
    """What differs from the template, as a writer would say it: 多了“的”字, 少了“息”字,
    “情”写作“概”, 编号写作“第五部分”. `number` and `title`: the heading's numbering (perhaps
    none) and title, as written."""
    section_id, template = section.id, section.title
    parts: list[str] = []
    if number and number != f"{section_id}、":
        parts.append(f"编号写作“{number}”" if lang == "zh" else f"numbered “{number}”")
    a, b = compact(template), compact(title)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "insert":
            parts.append(f"多了“{b[j1:j2]}”{_zi(j2 - j1)}" if lang == "zh" else f"adds “{b[j1:j2]}”")
        elif op == "delete":
            parts.append(f"少了“{a[i1:i2]}”{_zi(i2 - i1)}" if lang == "zh" else f"lacks “{a[i1:i2]}”")
        elif op == "replace":
            parts.append(f"“{a[i1:i2]}”写作“{b[j1:j2]}”" if lang == "zh" else f"“{a[i1:i2]}” written “{b[j1:j2]}”")
    if len(parts) > _PARTS_SHOWN:
        return "措辞与模板有多处不同" if lang == "zh" else "worded differently in several places"
    return ("，" if lang == "zh" else ", ").join(parts) or ("标点或空格不同" if lang == "zh" else "punctuation or spacing differs")


def _zi(count: int) -> str:
    return "字" if count == 1 else ""


def title_present(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    """One finding that says what is missing: the title, the unit, or both."""
    if report.title is not None and report.unit:
        return
    what = ("title" if report.unit else "title_and_unit") if report.title is None else "unit"
    loc = report.title.loc if report.title else (report.flat.locate(0) if report.flat.paragraphs else Location())
    yield make(rule, ctx, loc, missing=rule.params["missing"][what])


def _empty_bodies(report: Report, params: dict[str, Any]) -> Iterator[tuple[Heading, str]]:
    """Headings whose section has no substantive text and no table, with the body as written."""
    empty_words = {compact(w) for w in params.get("empty_words", ())}
    may_be_none = set(params.get("may_be_none", ()))
    table_sections = {t.definition.section for t in report.tables.values()} | set(report.images)
    for head in report.layout.headings:
        span = report.span(head.section.id)
        if span is None or head.section.id in table_sections:
            continue
        body = compact(report.flat.text[span[0] : span[1]])
        if body == "" or (body in empty_words and head.section.id not in may_be_none):
            yield head, body


def empty_sections(report: Report) -> set[str]:
    """Sections S106 reports empty: the content rules of those sections stay quiet (one problem,
    one finding). Judged whether or not S106 itself is selected."""
    return shared(report, "empty sections", _empty_sections)


def _empty_sections(report: Report) -> set[str]:
    rule = next((r for r in report.pack.rules.values() if r.kind == "section-nonempty"), None)
    if rule is None:
        return set()
    return {head.section.id for head, _ in _empty_bodies(report, rule.params)}


def section_nonempty(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    for head, body in _empty_bodies(report, rule.params):
        yield make(rule, ctx, report.loc(head.start), actual=body or "（空）", section=head.section.id,
                   title=section_title(report, head.section.id))


KINDS = {
    "section-present": section_present,
    "section-order": section_order,
    "section-duplicate": section_duplicate,
    "section-wording": section_wording,
    "title-present": title_present,
    "section-nonempty": section_nonempty,
}
