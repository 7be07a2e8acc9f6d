"""Find printed labels in folded text by literal matching on a squeezed view.

The view drops whitespace and the punctuation a label may carry or omit (quotes, colons,
slashes) and writes the enumeration commas (、 , .) as one character, keeping for each kept
character its offset in the text, like `normalize.Folded`. A label is squeezed the same way
and found literally, so “本年 新收 政府信息公开申请数量” and its label meet without a regex
that allows whitespace between every two characters.

Two small rules sit around the literal core: an enumerator printed with the label
(“（一）”, “二、”, “3.”) may be present or not, and a short note in brackets may follow it
(“本年收费金额（单位：万元）”). At one place the longest label wins, then the earlier label
in the pack; the leftmost place wins over both.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import NamedTuple

from reportlint.normalize import fold_width

_ENUM_RE = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、])(.*)$")
_OPTIONAL = "“”:/"  # the punctuation a label may carry or omit: it leaves the view, with whitespace
_KEPT_RUN = re.compile(rf"[^\s{_OPTIONAL}]+")
_DROPPED = re.compile(rf"[\s{_OPTIONAL}]")
_DROPPED_RUN = re.compile(rf"([\s{_OPTIONAL}]+)")
_NOTE_LIMIT = 40
_NOTE = re.compile(rf"\s*\([^()\n]{{0,{_NOTE_LIMIT}}}\)")  # a trailing note, in the original text


def _same_commas(text: str) -> str:
    """一、 一, 一. read alike (str.replace: far faster than translate on a long text)."""
    return text.replace(",", "、").replace(".", "、")


def squeeze(text: str) -> str:
    """`text` as the view sees it: no whitespace, no optional punctuation, commas alike."""
    return _same_commas("".join(_KEPT_RUN.findall(text)))


class View(NamedTuple):
    """The squeezed text of `original`, with run starts to map view offsets back."""

    text: str
    original: str
    run_view: tuple[int, ...]  # view offset where each kept run begins
    run_orig: tuple[int, ...]  # original offset where each kept run begins
    same_offsets: bool  # nothing was dropped: view offsets are original offsets

    def orig_pos(self, i: int) -> int:
        """Original offset of the view character at `i`."""
        if self.same_offsets:
            return i
        run = bisect_right(self.run_view, i) - 1
        return self.run_orig[run] + i - self.run_view[run]

    def view_pos(self, pos: int) -> int:
        """View offset of the first kept character at or after original offset `pos`."""
        if self.same_offsets:
            return min(pos, len(self.text))
        run = bisect_right(self.run_orig, pos) - 1
        if run < 0:
            return 0
        run_len = (self.run_view[run + 1] if run + 1 < len(self.run_view) else len(self.text)) - self.run_view[run]
        return self.run_view[run] + min(pos - self.run_orig[run], run_len)


@lru_cache(maxsize=64)
def view_of(text: str) -> View:
    if _DROPPED.search(text) is None:  # most cell texts: one run, offsets unchanged
        return View(_same_commas(text), text, (0,), (0,), True)
    # split() alternates kept and dropped runs; their lengths give each kept run's offsets in
    # the text and in the view, with no Python step per character or per match.
    pieces = _DROPPED_RUN.split(text)
    ends = list(accumulate(map(len, pieces)))
    kept = [(piece, end - len(piece)) for piece, end in zip(pieces[::2], ends[::2], strict=True) if piece]
    runs = [piece for piece, _ in kept]
    run_view = tuple(accumulate(map(len, runs), initial=0))[:-1]
    return View(_same_commas("".join(runs)), text, run_view, tuple(start for _, start in kept), False)


class LabelHit(NamedTuple):
    """One label found: offsets into the original text, like a regex match."""

    original: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError(index)
        return self.original[self.begin : self.finish]


def split_enumerator(label: str) -> tuple[str, str]:
    """(enumerator, the rest) of a label as printed; the enumerator may be empty."""
    folded = fold_width(label).strip()
    match = _ENUM_RE.match(folded)
    return (match.group(1), match.group(2)) if match else ("", folded)


def label_literals(label: str) -> tuple[str, str]:
    """(the label's enumerator, its core), each as the view holds it: the literals a label is
    found by are the core, and the enumerator followed by the core."""
    enum, core = split_enumerator(label)
    return squeeze(enum), squeeze(core)


class LabelSet:
    """Labels found literally on the squeezed view; the regex is a list of literals."""

    def __init__(self, labels: tuple[str, ...], notes: bool = True) -> None:
        ordered = sorted(dict.fromkeys(labels), key=len, reverse=True)  # longest first, then pack order
        # Each label is one or two literals (with and without its enumerator), listed longest
        # first with no groups: `re` then scans for their first characters and tries each
        # alternative only where its first character stands, so a long text costs little.
        self._literals: dict[str, tuple[int, bool]] = {}  # literal -> (label index, enumerator printed)
        self._ends: list[tuple[str, re.Pattern[str]]] = []  # per label: optional lead, optional tail
        self._cores: list[str] = []  # per label: its literal without the enumerator
        for label in ordered:
            core = split_enumerator(label)[1] if notes else fold_width(label).strip()
            bare_enum, bare_core = label_literals(label) if notes else ("", squeeze(core))
            if bare_core:
                index = len(self._ends)
                self._ends.append((_optional_lead(core), _tail_pattern(core, notes)))
                if bare_enum:
                    self._literals.setdefault(bare_enum + bare_core, (index, True))
                self._literals.setdefault(bare_core, (index, False))
                self._cores.append(bare_core)
        self.labels = tuple(ordered)
        self._notes = notes

    @cached_property
    def _literal(self) -> re.Pattern[str]:
        """The literals, longest first: compiled on first search, as a row's set often only
        answers `occurs_in_view`."""
        alternatives = sorted(self._literals, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, alternatives)) or r"(?!)")

    @cached_property
    def _whole(self) -> re.Pattern[str]:
        """The literals with an optional note, for `fullmatch`: compiled on first use, as most
        sets never match a whole cell."""
        note = rf"(?P<note>\([^()]{{0,{_NOTE_LIMIT}}}\))?" if self._notes else "(?P<note>(?!))?"
        return re.compile(rf"(?:{self._literal.pattern}){note}")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[LabelHit]:
        endpos = len(text) if endpos is None else min(endpos, len(text))
        view = view_of(text)
        at, stop = view.view_pos(pos), view.view_pos(endpos)
        floor = pos  # a hit never starts before `pos` nor inside the hit before it
        while (hit := self._next(view, at, stop, floor, endpos)) is not None:
            yield hit
            floor = hit.finish
            at = view.view_pos(hit.finish)

    def occurs_in_view(self, view: str) -> bool:
        """Whether `search` would find a label in the text whose view (`view_of(text).text`)
        this is: every label's bare literal is one of the alternatives, so a substring test on
        the view answers without the regex."""
        return any(core in view for core in self._cores)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> LabelHit | None:
        endpos = len(text) if endpos is None else min(endpos, len(text))
        view = view_of(text)
        return self._next(view, view.view_pos(pos), view.view_pos(endpos), pos, endpos)

    def _next(self, view: View, at: int, stop: int, floor: int, endpos: int) -> LabelHit | None:
        """The leftmost hit in view[at:stop]: the literal core, widened by the small rules."""
        m = self._literal.search(view.text, at, stop)
        if m is None:
            return None
        label, with_enumerator = self._literals[m.group()]
        lead, tail = self._ends[label]
        text = view.original
        start, end = view.orig_pos(m.start()), view.orig_pos(m.end() - 1) + 1
        if lead and not with_enumerator:
            start = _extend_back(text, start, floor, lead)
        end = tail.match(text, end, endpos).end()  # type: ignore[union-attr]  # all optional: always matches
        return LabelHit(text, start, end)

    def fullmatch(self, text: str) -> LabelHit | None:
        """The whole of `text` (outer whitespace aside) is one label, with its note if any."""
        view = view_of(text)
        m = self._whole.fullmatch(view.text)
        if m is None or not view.text:
            return None
        start, end = view.orig_pos(0), view.orig_pos(len(view.text) - 1) + 1
        if m.group("note") is not None:
            opened = view.orig_pos(m.start("note"))
            if "\n" in text[opened:end] or end - opened - 2 > _NOTE_LIMIT:
                return None  # the note is read in the original text, as a trailing note is
        return LabelHit(text, start, end)


def _optional_lead(core: str) -> str:
    """The optional punctuation a label's core begins with (“), which the view drops."""
    stripped = "".join(ch for ch in core if not ch.isspace())
    return stripped[: len(stripped) - len(stripped.lstrip(_OPTIONAL))]


def _tail_pattern(core: str, notes: bool) -> re.Pattern[str]:
    """What may follow the literal core in the text: the label's own optional closing
    punctuation (”), then a trailing note; both optional, as the printed forms vary."""
    stripped = "".join(ch for ch in core if not ch.isspace())
    return _tail_for(stripped[len(stripped.rstrip(_OPTIONAL)) :], notes)


@lru_cache(maxsize=64)
def _tail_for(tail: str, notes: bool) -> re.Pattern[str]:
    return re.compile("".join(rf"\s*{_EQUIV[ch]}" for ch in tail) + (f"(?:{_NOTE.pattern})?" if notes else ""))


def _extend_back(text: str, start: int, floor: int, lead: str) -> int:
    """Take in the label's optional opening punctuation (“) and the space around it: the
    printed label starts where that punctuation, or the space before the label, starts."""
    for ch in reversed(lead):
        while start > floor and text[start - 1].isspace():
            start -= 1
        if start > floor and re.fullmatch(_EQUIV[ch], text[start - 1]):
            start -= 1
    return start


@lru_cache(maxsize=2048)
def compile_labels(labels: tuple[str, ...]) -> LabelSet:
    """One matcher for any of `labels`."""
    return LabelSet(labels)


@lru_cache(maxsize=64)
def compile_titles(titles: tuple[str, ...]) -> LabelSet:
    """One matcher for any of `titles` (section headings): literal, no enumerator, no note."""
    return LabelSet(titles, notes=False)


# The optional punctuation the view drops, as it may stand around a label in the text.
_EQUIV: dict[str, str] = {"“": "[“”]?", "”": "[“”]?", ":": "[:]?", "/": "[/]?"}
