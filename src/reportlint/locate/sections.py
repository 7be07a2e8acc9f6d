"""Find the six section headings: on their own line, as Word headings, or inline in
one long paragraph. A contents line that lists several section names is not a heading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from reportlint.locate.closeness import closest_title
from reportlint.locate.flat import FlatText, shorten
from reportlint.locate.labels import LabelSet, compile_titles
from reportlint.normalize import compact
from reportlint.pack import Pack, Section

_ARABIC = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_CONTENTS_MIN = 3  # this many headings back to back in one paragraph make a contents line
_CONTENTS_GAP = 4  # at most this many non-punctuation characters between them


class Heading(NamedTuple):
    section: Section
    start: int  # offsets in the flat text
    end: int
    wording: str  # the heading as written (original text)
    exact: bool  # the template wording (numbering and title) was used
    title_start: int  # where its title begins: after the numbering (at `start` when it has none)


class SectionLayout(NamedTuple):
    headings: list[Heading]  # the first heading of each section, in document order
    duplicates: list[tuple[Heading, Heading]]  # (repeat, first)
    contents: list[int]  # offsets of contents lines that were skipped


# Chinese numbering only: 一、 or 第一部分. A close-but-not-exact title after “2.” is far more
# often a sub-heading of section 一 (2.主动公开情况) than a misspelt section heading.
def _close_numbering(section_id: str) -> re.Pattern[str]:
    return re.compile(rf"(?:第\s*{section_id}\s*部分\s*[、,.:]?|(?<![^\W\d_A-Za-z])(?<![(（]){section_id}\s*[、,.:])\s*")


def _numbered_at(text: str, section_id: str, low: int, high: int) -> Iterator[re.Match[str]]:
    """Matches of the section's numbering in text[low:high], tried only where its numeral
    stands (str.find): a regex scan of a 15 MB document per section took seconds."""
    pattern = _close_numbering(section_id)
    pos = text.find(section_id, low, high)
    while pos >= 0:
        back = pos
        while back > low and text[back - 1].isspace():
            back -= 1
        start = back - 1 if back > low and text[back - 1] == "第" else pos  # 第 一 部分 starts at 第
        m = pattern.match(text, start, high)
        if m and m.start() <= pos < m.end():
            yield m
        pos = text.find(section_id, pos + 1, high)


# Every section's numbering in one pattern (one compile, not six); the numeral it found is
# checked against the section. At any one place the text fixes the numeral, so the first match
# with the right numeral is the match the section's own pattern would give.
_ANY_NUMBERING = re.compile(
    rf"(?P<num>第\s*(?P<cn1>[{''.join(_ARABIC)}])\s*部分\s*[、,.:]?|(?P<cn2>[{''.join(_ARABIC)}])\s*[、,.:]"
    rf"|(?P<ar>[{''.join(_ARABIC.values())}])\s*[、.](?!\d))\s*\Z"
)


def _numbering_before(text: str, low: int, high: int, section_id: str) -> re.Match[str] | None:
    """The section's numbering in text[low:high], ending where the title begins."""
    pos = low
    while (m := _ANY_NUMBERING.search(text, pos, high)) is not None:
        if section_id in (m.group("cn1"), m.group("cn2")) or m.group("ar") == _ARABIC[section_id]:
            return m
        pos = m.start() + 1
    return None


_NUMBER_REACH = 40  # a heading's numbering stands within this many characters before its title
_MARKDOWN_HEADING = re.compile(r"\s*(?:#+\s*)?")


@lru_cache(maxsize=16)
def _patterns(pack: Pack) -> list[tuple[Section, LabelSet]]:
    """Per section: its titles, found literally; its numbering must end where a title begins."""
    return [(section, compile_titles((section.title, *section.variants))) for section in pack.sections]


def _numbered(text: str, titles: LabelSet, section_id: str) -> Iterator[tuple[re.Match[str], int]]:
    """(numbering, title end) for each title printed right after the section's numbering."""
    floor = 0
    for title in titles.finditer(text):
        num = _numbering_before(text, max(floor, title.start() - _NUMBER_REACH), title.start(), section_id)
        if num is not None:
            yield num, title.end()
            floor = title.end()


def _bare(text: str, titles: LabelSet) -> tuple[int, int] | None:
    """(start, end) of a title standing alone on the line, perhaps after Markdown's #."""
    lead = _MARKDOWN_HEADING.match(text)
    offset = lead.end() if lead else 0
    hit = titles.fullmatch(text[offset:])
    return (offset + hit.start(), offset + hit.end()) if hit else None


def find_sections(flat: FlatText, pack: Pack) -> SectionLayout:
    hits: list[Heading] = []
    contents: list[int] = []
    contents_spans: list[tuple[int, int]] = []
    for index, folded in enumerate(flat.folded):
        base = flat.starts[index]
        para = flat.paragraphs[index]
        found = _paragraph_hits(folded.text, base, pack, heading_like=bool(para.style or para.bold))
        clusters = _clusters(found, flat.text)
        for cluster in clusters:
            if len(cluster) >= _CONTENTS_MIN:
                contents.append(cluster[0][1])
                contents_spans.append((cluster[0][1], cluster[-1][2]))
                continue
            for section, start, end, exact, title_start in cluster:
                hits.append(Heading(section, start, end, flat.quote(start, end), exact, title_start))
    hits.sort(key=lambda h: h.start)
    first: dict[str, Heading] = {}
    duplicates: list[tuple[Heading, Heading]] = []
    for hit in hits:
        if hit.section.id in first:
            duplicates.append((hit, first[hit.section.id]))
        else:
            first[hit.section.id] = hit
    _add_close_headings(flat, pack, first, contents_spans)
    return SectionLayout(sorted(first.values(), key=lambda h: h.start), duplicates, contents)


def _add_close_headings(
    flat: FlatText, pack: Pack, first: dict[str, Heading], contents: list[tuple[int, int]]
) -> None:
    """A section with no heading in the template's wording: take the closest numbered heading
    between its neighbours' headings, if one is close enough (S104 says how it differs)."""
    for rank, section in enumerate(pack.sections):
        if section.id in first:
            continue
        before = [first[s.id].end for s in pack.sections[:rank] if s.id in first]
        after = [first[s.id].start for s in pack.sections[rank + 1 :] if s.id in first]
        low, high = (max(before) if before else 0), (min(after) if after else len(flat.text))
        best: tuple[int, int, int, int] | None = None  # distance, start, end, title start
        titles = (section.title, *section.variants)
        for m in _numbered_at(flat.text, section.id, low, high):
            if any(start <= m.start() < end for start, end in contents):
                continue  # a contents line lists section names; it is not a heading
            close = closest_title(flat.text, m.end(), titles, section.keywords)
            if close is not None and close[1] <= high and (best is None or close[0] < best[0]):
                best = (close[0], m.start(), close[1], m.end())
        if best is not None:
            _, start, end, title_start = best
            wording = shorten(flat.original(start, end).replace("\n", " "))  # 四、 on one line, its title on the next
            first[section.id] = Heading(section, start, end, wording, False, title_start)


_Hit = tuple[Section, int, int, bool, int]  # section, start, end, exact, title start


def _paragraph_hits(text: str, base: int, pack: Pack, heading_like: bool) -> list[_Hit]:
    found: list[_Hit] = []
    for section, titles in _patterns(pack):
        if not any(title[0] in text for title in (section.title, *section.variants)):
            continue  # the title's first character is absent: no heading of this section here
        for num, end in _numbered(text, titles, section.id):
            title = text[num.end() : end].strip()
            exact = compact(title) == compact(section.title) and _standard_number(num.group("num"), section)
            found.append((section, base + num.start("num"), base + end, exact, base + num.end()))
        if not found or all(f[0] is not section for f in found):
            bare = _bare(text, titles)
            if bare and (heading_like or len(text.strip()) <= len(section.title) + 8):
                found.append((section, base + bare[0], base + bare[1], False, base + bare[0]))
    found.sort(key=lambda f: f[1])
    return found


def _standard_number(num: str, section: Section) -> bool:
    return num.strip() == f"{section.id}、"


def _clusters(found: list[_Hit], text: str) -> list[list[_Hit]]:
    clusters: list[list[_Hit]] = []
    for hit in found:
        # a contents line names each section once: a repeat right after it is the first heading
        # (a report saved on one line runs “…六、其他需要报告的事项一、总体情况2021年…”)
        repeat = clusters and any(h[0] is hit[0] for h in clusters[-1])
        if clusters and not repeat and _contents_gap(text[clusters[-1][-1][2] : hit[1]]):
            clusters[-1].append(hit)
        else:
            clusters.append([hit])
    return clusters


_UNRECOGNISED_ITEM = re.compile(r"^[一二三四五六七八九十]\S{2,24}$")  # a misspelt name in a contents line


def _contents_gap(between: str) -> bool:
    """Two section names this close belong to one contents line: a few characters between
    them, or one more numbered name the exact patterns did not recognise."""
    gap = compact(between)
    return len(gap) <= _CONTENTS_GAP or ("。" not in between and bool(_UNRECOGNISED_ITEM.match(gap)))
