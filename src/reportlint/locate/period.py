"""The statistics period (统计期限) and the years the text names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlint import fastre
from reportlint.locate.flat import FlatText

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_RANGE = _DATE + r"\s*起?\s*(?:至|到|-|—{1,2}|~)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"


@dataclass
class Period:
    start: date | None
    end: date | None
    quote: str
    pos: int

    def covers_year(self, year: int) -> bool:
        return self.start == date(year, 1, 1) and self.end == date(year, 12, 31)


def find_period(flat: FlatText, keywords: tuple[str, ...]) -> Period | None:
    kw = "|".join(re.escape(k) for k in keywords)
    patterns = [
        fastre.compile(rf"(?:{kw})[^。；;\n]{{0,24}}?{_RANGE}"),
        fastre.compile(rf"(?:本报告|报告所列|数据)[^。；;\n]{{0,24}}?{_RANGE}"),
    ]
    for regex in patterns:
        m = regex.search(flat.text)
        if m:
            return Period(_date(m, 1), _date(m, 4), flat.quote(m.start(), m.end(), limit=80), m.start())
    return None


def _date(m: re.Match[str], first: int) -> date | None:
    year = m.group(first) or m.group(1)
    month, day = m.group(first + 1), m.group(first + 2)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
