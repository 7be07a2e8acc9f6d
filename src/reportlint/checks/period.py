"""The statistics period and the years the text names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from reportlint.checks.base import Context, make
from reportlint.locate import Report
from reportlint.model import Finding, Location
from reportlint.normalize import fold
from reportlint.pack import RuleDef


def period_present(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if report.period is None:
        yield make(rule, ctx, Location(section="一"), year=report.year or "YYYY")


def period_full_year(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    period, year = report.period, report.year
    if period is None or year is None:
        return
    problem = period.verdict(year)
    if problem is None:
        return
    reason = {lang: text.format(year=year) for lang, text in rule.params["reasons"][problem].items()}
    yield make(rule, ctx, report.loc(period.pos), expected=f"{year}-01-01 至 {year}-12-31",
               actual=period.quote, quote=period.quote, year=year, reason=reason)


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


_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_DATE = re.compile(
    r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*[-年./]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[-月./]\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?"
)


def _number(text: str) -> int:
    """Arabic or Chinese numerals as dates write them: 二〇二五, 十二, 二十一, 三十."""
    if text.isdigit():
        return int(text)
    if len(text) == 4:
        return int("".join(str(_DIGITS[ch]) for ch in text))
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _DIGITS[text]
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _date(m: re.Match[str]) -> date | None:
    try:
        return date(_number(m.group(1)), _number(m.group(2)), _number(m.group(3)))
    except (ValueError, KeyError):
        return None


def publication_date(report: Report, labelled: str, tail: int) -> tuple[date, int] | None:
    """A date labelled 发布时间/成文日期 anywhere, else a signature date alone on one of the
    last paragraphs. Returns the date and its offset in the folded text."""
    text = report.flat.text
    for m in re.finditer(labelled + _DATE.pattern, text):  # `labelled` has no capturing groups
        found = _date(m)
        if found:
            return found, m.start()
    for start in reversed(report.flat.starts[-tail:]):
        alone = _DATE.fullmatch(text[start: report.flat.para_end(start)].strip())
        found = _date(alone) if alone else None
        if found:
            return found, start
    return None


def unit_type(report: Report, rule: RuleDef, ctx: Context) -> str:
    if ctx.unit_type:
        return ctx.unit_type
    unit = fold(report.unit or "", report.flat.traditional).text.strip()  # 平潭綜合實驗區 is a 区 too
    return "government" if re.search(rule.params["government_units"], unit) else "department"


def published_in_time(report: Report, rule: RuleDef, ctx: Context) -> Iterator[Finding]:
    if report.year is None:
        return
    found = publication_date(report, rule.params["labelled"], int(rule.params.get("tail_paragraphs", 5)))
    if found is None:
        return
    published, pos = found
    kind = unit_type(report, rule, ctx)
    month, day = map(int, rule.params["deadlines"][kind].split("-"))
    deadline = date(report.year + 1, month, day)
    if published > deadline:
        yield make(rule, ctx, report.loc(pos), expected=f"{deadline:%Y-%m-%d}", actual=f"{published:%Y-%m-%d}",
                   unit_type=rule.params["unit_names"][kind])


KINDS = {"period-present": period_present, "period-full-year": period_full_year, "year-consistent": year_consistent,
         "published-in-time": published_in_time}
