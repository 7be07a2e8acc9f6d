"""A numbered heading close to the template wording: one character added, dropped or
changed, or the section's key words in order. Published reports do carry such headings
(“三、收到和处理政府信公开申请情况”); a reader sees the section, so must we.

Matching runs on a squeezed view — whitespace and punctuation dropped, each kept
character remembering its offset in the flat text — with a bounded edit distance.
"""

from __future__ import annotations

import re

from reportlint.normalize import SEPARATORS, compact

_SKIP = re.compile(f"[{SEPARATORS}]")
_STOP = "。\n"  # a heading never runs past a full stop or a line end
_SLACK = 6  # key words may spread over this many characters beyond the title's length


def max_distance(title: str) -> int:
    """A character for short titles, two for long ones (五's 存在的主要问题及改进情况)."""
    return 1 if len(compact(title)) <= 8 else 2


def squeeze(text: str, start: int, limit: int) -> tuple[str, list[int]]:
    """Up to `limit` characters from `start`, whitespace and punctuation dropped, with offsets."""
    chars: list[str] = []
    offsets: list[int] = []
    for pos in range(start, len(text)):
        ch = text[pos]
        if ch in _STOP or len(chars) >= limit:
            break
        if _SKIP.match(ch):
            continue
        chars.append(ch)
        offsets.append(pos)
    return "".join(chars), offsets


def prefix_distance(pattern: str, text: str, bound: int) -> tuple[int, int] | None:
    """Edit distance between `pattern` and the best prefix of `text`, and that prefix's
    length; None when every prefix is farther than `bound`."""
    previous = list(range(len(text) + 1))  # row 0: pattern empty vs text[:j]
    for i, pc in enumerate(pattern, 1):
        current = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (pc != tc))
        if min(current) > bound:
            return None  # the diagonal band is exhausted: no prefix can come back under the bound
        previous = current
    best = min(range(len(text) + 1), key=lambda j: (previous[j], -j))
    return (previous[best], best) if previous[best] <= bound else None


def keywords_in_order(window: str, keywords: tuple[str, ...]) -> int | None:
    """Length of `window` up to the last key word when all appear in order, else None."""
    pos = 0
    for word in keywords:
        found = window.find(word, pos)
        if found < 0:
            return None
        pos = found + len(word)
    return pos


def closest_title(text: str, after: int, titles: tuple[str, ...], keywords: tuple[str, ...]) -> tuple[int, int] | None:
    """(distance, end offset) of the heading text starting at `after`, if close enough."""
    longest = max(len(compact(t)) for t in titles)
    window, offsets = squeeze(text, after, longest + _SLACK)
    if not window:
        return None
    best: tuple[int, int] | None = None
    for title in titles:
        squeezed = compact(title)
        bound = max_distance(title)
        hit = prefix_distance(squeezed, window[: len(squeezed) + bound], bound)
        if hit is not None and hit[1] > 0 and (best is None or hit[0] < best[0]):
            best = (hit[0], offsets[hit[1] - 1] + 1)
    if best is None and keywords:
        length = keywords_in_order(window, keywords)
        if length:
            best = (max(max_distance(t) for t in titles) + 1, offsets[length - 1] + 1)
    return best
