"""The statistics period and the years the text names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.checks.base import Context, make
from reportlint.locate import Report
from reportlint.model import Finding, Location
from reportlint.pack import RuleDef


def period_present(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if report.period is None:
        yield make(rule, ctx, Location(section="一"), year=report.year or "YYYY")


def period_full_year(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    period, year = report.period, report.year
    if period is None or year is None or period.covers_year(year):
        return
    yield make(rule, ctx, report.loc(period.pos), expected=f"{year}-01-01 至 {year}-12-31",
               actual=period.quote, quote=period.quote, year=year)


def year_consistent(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if report.year is None:
        return
    for item in rule.params.get("patterns", ()):
        expected = report.year + int(item["offset"])
        for m in re.finditer(item["pattern"], report.flat.text):
            found = int(m.group(1))
            if found != expected:
                quote = report.flat.quote(m.start(), m.end())
                yield make(rule, ctx, report.loc(m.start()), expected=str(expected), actual=str(found),
                           quote=quote, found=found)


KINDS = {"period-present": period_present, "period-full-year": period_full_year, "year-consistent": year_consistent}
