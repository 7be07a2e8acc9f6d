"""The report's title: the unit that publishes it and the report year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint import fastre
from reportlint.locate.flat import FlatText
from reportlint.model import Location

_CRAWLER_PREFIX = re.compile(r"^\s*(?:标题|題名|title)\s*[:：]\s*", re.IGNORECASE)
_SEARCH_PARAGRAPHS = 15


@dataclass
class Title:
    text: str  # as written
    unit: str | None
    year: int
    start: int
    end: int
    loc: Location


def find_title(flat: FlatText, pattern: str) -> Title | None:
    regex = fastre.compile(pattern)
    for index, folded in enumerate(flat.folded[:_SEARCH_PARAGRAPHS]):
        text = folded.text
        m = regex.search(text)
        if not m or m.start() > 60:
            continue
        year = int(m.group(1))
        if not 1990 <= year <= 2100:
            continue
        base = flat.starts[index]
        prefix = _CRAWLER_PREFIX.match(text)
        start = prefix.end() if prefix else 0
        unit = flat.quote(base + start, base + m.start(1), limit=40).strip(" :：") or None
        return Title(flat.quote(base + start, base + m.end(), limit=80), unit, year, base + start, base + m.end(), flat.locate(base))
    return None
