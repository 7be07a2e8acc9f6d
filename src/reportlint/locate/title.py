"""The report's title: its year and, where the title names it, the unit.

Real titles are laid out every way: on one line, split over two or three (the unit alone on
a line above or below), year first (2022年上海市…), 2022年度, without 工作, in a table cell
or a text table row (| …报告 |), run into the first sentence, or copied into a page's
metadata line (标  题 …). Navigation lines, metadata lines and quoted titles of other
documents (《关于做好2021年度…年度报告…的通知》) are not the title.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from reportlint.locate.flat import FlatText
from reportlint.model import Document, Location, Table
from reportlint.normalize import fold, strip_pinyin
from reportlint.pack import Pack

_SEARCH_PARAGRAPHS = 25
_SHORT_LINE = 40  # a title split over lines: each part is short
_MAX_UNIT = 40
_CRAWLER_PREFIX = re.compile(r"^\s*(?:标\s*题|题\s*名|title)\s*[:：|]?\s*", re.IGNORECASE)
_NAVIGATION = re.compile(r">|›|»|当前位置|您的位置|您现在的位置")
# Words of a sentence, not of a name: a match after them is a quoted or reported title.
_SENTENCE_WORDS = re.compile(r"根据|依据|现将|现公布|公布|关于|按照|做好|编制|印发|通知|要求|结合|完成|发布")
_SENTENCE_MARKS = re.compile(r"[，,。；;：:《》“”!！?？]")
_NOT_IN_NAME = re.compile(r"[，,。；;：:《》“”!！?？\d]")
_EDGE = " \t|｜:：-—·•"


class Title(NamedTuple):
    text: str  # as written
    unit: str | None  # as written, mirror pinyin dropped
    year: int
    start: int
    end: int
    loc: Location


@lru_cache(maxsize=8)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def find_title(flat: FlatText, pack: Pack, doc: Document | None = None) -> Title | None:
    """The first title-like line (or pair of lines) near the top; table cells after that."""
    regex = _compiled(pack.title_pattern)
    count = min(len(flat.paragraphs), _SEARCH_PARAGRAPHS)
    metadata_copy: Title | None = None
    for index in range(count):
        text = flat.folded[index].text
        if _NAVIGATION.search(text):
            continue
        for last in (index, index + 1):
            title = _title_at(flat, pack, regex, index, last)
            if title is None:
                continue
            if _CRAWLER_PREFIX.match(text):
                metadata_copy = metadata_copy or title  # 标  题 …: the page's copy of the title
                break
            return title
    return metadata_copy or (_title_in_tables(flat, pack, regex, doc) if doc else None)


def _title_at(flat: FlatText, pack: Pack, regex: re.Pattern[str], first: int, last: int) -> Title | None:
    if last >= len(flat.paragraphs):
        return None
    head = flat.folded[first].text.strip(_EDGE)
    if last > first and (len(head) > _SHORT_LINE or _SENTENCE_MARKS.search(head)):
        return None
    joined, positions = _joined(flat, first, last)
    prefix = _CRAWLER_PREFIX.match(joined)
    skip = prefix.end() if prefix else 0
    m = regex.search(joined, skip)
    if m is None or not _title_like(joined[skip: m.start()]) or not 1990 <= int(m.group("year")) <= 2100:
        return None
    if last > first and not _split_title(flat, pack, first, positions[m.start("year")], joined[skip: m.start("year")]):
        return None
    unit = _original(flat, positions, skip, m.start()) or _original(flat, positions, m.start("unit"), m.end("unit"))
    if not unit:
        unit = _unit_beside(flat, pack, first, last)
    start, end = positions[skip], positions[m.end() - 1] + 1
    text = " ".join(_original(flat, positions, a, b) or "" for a, b in _per_paragraph(positions, skip, m.end()))
    return Title(text, unit, int(m.group("year")), start, end, flat.locate(start))


def _joined(flat: FlatText, first: int, last: int) -> tuple[str, list[int]]:
    """The lines first..last stripped and joined, with each character's offset in the flat text."""
    chars: list[str] = []
    positions: list[int] = []
    for index in range(first, last + 1):
        text = flat.folded[index].text
        lead = len(text) - len(text.lstrip(_EDGE))
        part = text.strip(_EDGE)
        chars.append(part)
        positions.extend(range(flat.starts[index] + lead, flat.starts[index] + lead + len(part)))
    return "".join(chars), positions


def _split_title(flat: FlatText, pack: Pack, first: int, year_pos: int, before_year: str) -> bool:
    """Two lines make one title when the title runs across the break (…2025年政务信息 /
    公开工作开展年度报告) or the first line is the unit's name (高平市人民政府办公室 / 2023年…)."""
    if year_pos < flat.para_end(flat.starts[first]):
        return True  # the year stands on the first line, the rest of the title below it
    head = flat.folded[first].text.strip(_EDGE)
    return is_unit_name(head, pack) and before_year == head  # the second line starts with the year


def _per_paragraph(positions: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Split a span of the joined text where it crosses from one paragraph to the next."""
    spans: list[tuple[int, int]] = []
    begin = start
    for i in range(start + 1, end):
        if positions[i] != positions[i - 1] + 1:
            spans.append((begin, i))
            begin = i
    spans.append((begin, end))
    return spans


def _original(flat: FlatText, positions: list[int], start: int, end: int) -> str | None:
    """The writer's own text (Traditional stays Traditional) for a span of the joined text."""
    if end <= start:
        return None
    return _clean_name(flat.quote(positions[start], positions[end - 1] + 1, limit=80))


def _title_like(before_year: str) -> bool:
    """What stands before the year in a title is a name (or nothing), not a sentence."""
    return len(before_year) <= _MAX_UNIT and not _NOT_IN_NAME.search(before_year) \
        and not _SENTENCE_WORDS.search(before_year)


def _clean_name(text: str) -> str | None:
    name = strip_pinyin(text).strip(_EDGE + "\u3000")
    return name or None


def _unit_beside(flat: FlatText, pack: Pack, first: int, last: int) -> str | None:
    """A unit named alone on the line above the title, or below it (桃江县松木塘镇人民政府)."""
    for index in (first - 1, last + 1):
        if 0 <= index < len(flat.paragraphs):
            name = flat.folded[index].text.strip(_EDGE + "\u3000")
            if is_unit_name(name, pack):
                return _clean_name(flat.paragraphs[index].text)
    return None


def is_unit_name(text: str, pack: Pack) -> bool:
    """A line that is only a unit's name: short, no sentence marks, ends as names end."""
    core = re.sub(r"\([^()]*\)$", "", text.strip())
    return 2 <= len(core) <= _MAX_UNIT and not _NOT_IN_NAME.search(core) and not _CRAWLER_PREFIX.match(core) \
        and not _SENTENCE_WORDS.search(core) and core.endswith(pack.units.suffixes)


def _title_in_tables(flat: FlatText, pack: Pack, regex: re.Pattern[str], doc: Document) -> Title | None:
    """A title typeset in a table cell (a layout table at the top of a DOCX or page)."""
    for block_index, block in enumerate(doc.blocks[: _SEARCH_PARAGRAPHS]):
        if not isinstance(block, Table):
            continue
        for cell in block.cells[:12]:
            text = fold(cell.text).text.strip(_EDGE)
            m = regex.search(text)
            if m and _title_like(text[: m.start()]) and 1990 <= int(m.group("year")) <= 2100:
                unit = _clean_name(text[: m.start()]) or _clean_name(m.group("unit") or "")
                pos = flat.block_offsets[block_index]
                return Title(strip_pinyin(cell.text.strip())[:80], unit, int(m.group("year")), pos, pos,
                             block.loc)
    return None
