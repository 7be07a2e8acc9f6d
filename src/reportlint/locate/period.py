"""The statistics period (统计期限) as the report states it, broken dates included.

Real reports phrase it every way: 统计期限为…至…, 统计时限/时间/周期, 自…起至…止, 从…到…,
内容涵盖…期间, with no verb at all, the end date without its year (至12月31日), digits and
年月日 set off by spaces, or dates typed wrong (20231月1日, 202412月31日, 2023410日). A stated
period is found whatever its words; whether it covers the year is `problem`'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from reportlint.locate.flat import FlatText
from reportlint.pack import Pack

_SENTENCE_END = re.compile(r"[。；;\n]")
_FIRST_DATE_WITHIN = 60  # characters after the lead words
_RANGE_GAP = 24  # characters between the first and the last day of a range
_MAX_SENTENCE = 200
_SPACE_IN_DATE = re.compile(r"(?<=[\d年月])\s+(?=[\d年月日])")
_DATE = re.compile(
    r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"  # 2023年1月1日
    r"|(?P<y5>\d{4})[./-](?P<m5>\d{1,2})[./-](?P<d5>\d{1,2})"  # 2023.1.1, 2023-01-01
    r"|(?P<y2>\d{4})(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"  # 202412月31日: 年 missing
    r"|(?P<y3>\d{4})年?(?P<md3>\d{2,4})日"  # 2023410日: 月 missing
    r"|(?P<m4>\d{1,2})月(?P<d4>\d{1,2})日"  # 12月31日: the year said once, before
)
# A range stated without lead words: 本报告所列数据为2023年1月1日至2023年12月31日.
_UNLED = re.compile(r"本报告|报告所列|所列数据")


class Day(NamedTuple):
    year: int | None  # None: not written (至12月31日)
    month: int
    day: int
    malformed: bool = False


@dataclass
class Period:
    start: Day | None
    end: Day | None
    quote: str  # the sentence, as written
    pos: int
    problem: str | None = None  # malformed | cutoff | partial; None: judged against the year

    def verdict(self, year: int) -> str | None:
        """None when the period is the full calendar year `year`, else why not."""
        if self.problem:
            return self.problem
        if self.start is None or self.end is None:
            return "cutoff"
        start_year = self.start.year or year
        end_year = self.end.year or start_year
        full = (start_year, self.start.month, self.start.day) == (year, 1, 1) and \
            (end_year, self.end.month, self.end.day) == (year, 12, 31)
        return None if full else "partial"

    @property
    def start_year(self) -> int | None:
        return self.start.year if self.start else None


@lru_cache(maxsize=8)
def _lead(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True)))


def find_period(flat: FlatText, pack: Pack) -> Period | None:
    text = flat.text
    for regex, need_range in ((_lead(pack.period_keywords), False), (_UNLED, True)):
        for m in regex.finditer(text):
            period = _period_after(flat, m.start(), m.end(), need_range)
            if period is not None:
                return period
    return None


def _period_after(flat: FlatText, lead_start: int, lead_end: int, need_range: bool) -> Period | None:
    text = flat.text
    stop = _SENTENCE_END.search(text, lead_end, lead_end + _MAX_SENTENCE)
    end = stop.start() if stop else min(len(text), lead_end + _MAX_SENTENCE)
    window = _SPACE_IN_DATE.sub("", text[lead_end:end])
    days = [(m.start(), m.end(), _day(m)) for m in _DATE.finditer(window)]
    if not days or days[0][0] > _FIRST_DATE_WITHIN:
        return None
    first_end, first = days[0][1], days[0][2]
    second = days[1] if len(days) > 1 and days[1][0] - first_end <= _RANGE_GAP else None
    if need_range and second is None:
        return None
    last = second[2] if second else None
    quote = flat.quote(lead_start, end + (1 if stop and text[end] == "。" else 0), limit=120)
    period = Period(first, last, quote, lead_start)
    if first is None or (second is not None and last is None) or first.malformed or (last and last.malformed):
        period.problem = "malformed"
    elif second is None:
        period.problem = "cutoff"  # one day: 截至2023年12月31日
    return period


def _day(m: re.Match[str]) -> Day | None:
    """The day a date match names; None when it cannot be a date (2023/13/45, 2023415日)."""
    if m.group("y1"):
        return _checked(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")), False)
    if m.group("y5"):
        return _checked(int(m.group("y5")), int(m.group("m5")), int(m.group("d5")), False)
    if m.group("y2"):
        return _checked(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")), True)
    if m.group("y3"):
        return _split_month_day(int(m.group("y3")), m.group("md3"))
    return _checked(None, int(m.group("m4")), int(m.group("d4")), False)


def _checked(year: int | None, month: int, day: int, malformed: bool) -> Day | None:
    try:
        date(year or 2000, month, day)  # 2000: a leap year, so 2月29日 without a year passes
    except ValueError:
        return None
    return Day(year, month, day, malformed)


def _split_month_day(year: int, digits: str) -> Day | None:
    """2023410日 → 2023-04-10, when only one split of the digits is a date."""
    days = [d for cut in range(1, len(digits))
            if (d := _checked(year, int(digits[:cut]), int(digits[cut:]), True)) is not None]
    return days[0] if len(days) == 1 else None
