"""Folding text for matching, and reading numbers out of cells.

Matching happens on folded text; messages quote the original. `fold` returns the
folded string plus an index map back into the original, so a match in folded text
can always be quoted and located in the writer's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple

# Width and punctuation folding, one character to one character so offsets survive.
_CHAR_MAP: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_CHAR_MAP.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x2002: " ",
        0x2003: " ",
        0x200B: " ",  # zero-width space: keep the length, lose the meaning
        0xFEFF: " ",
        0xFE5D: "〔",  # ﹝ small brackets, seen in Traditional copies
        0xFE5E: "〕",
        0x3014: "〔",
        0x3015: "〕",
        0xFF0E: ".",
        0x2027: ".",
        0x2022: ".",
        0x00B7: ".",
        0xFF5E: "~",
        0x301C: "~",
        0x2014: "—",
        0x2015: "—",
        0x2012: "-",
        0x2013: "-",
        0x2212: "-",
        0x300C: "“",  # 「」 are the Traditional quotes
        0x300D: "”",
        0x201F: "“",
        0x301D: "“",
        0x301E: "”",
        ord('"'): "“",
        0x00D7: "×",
        0x2573: "×",
        0x3001: "、",
        0xFE51: "、",
        0xFF64: "、",
        0x2E28: "(",
        0x2E29: ")",
    }
)
_FOLD_TABLE = str.maketrans(_CHAR_MAP)


def fold_width(text: str) -> str:
    """Full-width → half-width and friends; always the same length as `text`."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # imported lazily: only Traditional text pays for it

    return opencc.OpenCC("tw2sp")


# Characters that exist only in Traditional script, common in these reports. Their
# presence decides whether the (phrase-aware, slower) OpenCC pass runs at all.
_TRADITIONAL_HINTS = frozenset(
    "國開經報級於與會務單辦處這則條規範體區總況關資訊統數據請問題進發現們應當對實際從過還將導議機並"
    "長門網頁讀書寫聯絡詞熱復複訟審結轉據據衛護環濟財稅產業農醫藥價項號屬權獲覺簽費"
)


def to_simplified(text: str) -> str:
    return str(_converter().convert(text)) if text else text


def needs_conversion(text: str) -> bool:
    return not _TRADITIONAL_HINTS.isdisjoint(text)


# The share's denominator: letters and number-like characters of scripts other than Latin. In
# these reports that is the Chinese characters (with the odd 〇, ①, fullwidth letter or pinyin
# vowel, too few to move a 2 % share). Written as "a word character that is not a digit, _ or a
# Latin letter", not as the range 一-鿿: re compiles a range of 20 000 characters one code point
# at a time (2 ms at every start).
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z]")
_TRADITIONAL_HINT = re.compile(f"[{re.escape(''.join(sorted(_TRADITIONAL_HINTS)))}]")
_SCRIPT_SAMPLE = 100_000  # characters looked at: a report's script shows long before this
_TRADITIONAL_MIN_HINTS = 3  # a name or a quotation in Traditional script is not a Traditional report
_TRADITIONAL_MIN_SHARE = 0.02  # Traditional copies run at 20 %, Simplified reports at 0 %


def is_traditional(texts: list[str]) -> bool:
    """Decide the script by the share of Traditional-only characters, not by paragraphs: a
    whole report saved on one line is as Traditional as the same report on a hundred lines."""
    parts: list[str] = []
    budget = _SCRIPT_SAMPLE
    for text in texts:
        parts.append(text[:budget])
        budget -= len(parts[-1])
        if budget <= 0:
            break
    sample = "".join(parts)
    hints = len(_TRADITIONAL_HINT.findall(sample))
    if hints < _TRADITIONAL_MIN_HINTS:
        return False  # a Simplified report: no need to count its letters
    return hints >= _TRADITIONAL_MIN_SHARE * len(_NON_LATIN_LETTER.findall(sample))


@dataclass(frozen=True)
class Folded:
    """Folded text plus, for each folded character, its index in the original."""

    text: str
    original: str
    index: tuple[int, ...] | None  # None: identity map

    def orig_pos(self, i: int) -> int:
        if self.index is None:
            return min(i, len(self.original))
        if i >= len(self.index):
            return len(self.original)
        return self.index[i]

    def orig_span(self, start: int, end: int) -> str:
        a = self.orig_pos(start)
        b = self.orig_pos(end - 1) + 1 if end > start else a
        return self.original[a:b]


def fold(text: str, traditional: bool | None = None) -> Folded:
    """Fold for matching: Traditional/Taiwan wording → Simplified, widths folded."""
    if len(text) <= _CACHED_LENGTH:
        return _fold_cached(text, traditional)
    return _fold(text, traditional)


# Table cells and labels are folded many times while tables are matched; they are short.
# Long paragraphs are folded once, and caching them would hold whole reports in memory.
_CACHED_LENGTH = 200


@lru_cache(maxsize=8192)
def _fold_cached(text: str, traditional: bool | None) -> Folded:
    return _fold(text, traditional)


# Mirror sites write the pinyin of some characters after them: 統(tǒng)計局. It is noise in the
# text, not part of it; a tone mark tells it from a Latin word in brackets such as (http).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# The character before it: any letter of a non-Latin script (see _NON_LATIN_LETTER), in practice a
# Chinese one.
_INLINE_PINYIN = re.compile(rf"(?<=[^\W\d_A-Za-z{_TONED}])\([a-zü]*[{_TONED}][a-zü{_TONED}]*\)")


def strip_pinyin(text: str) -> str:
    """The text without mirror-site pinyin: 統(tǒng)計局 → 統計局."""
    return _INLINE_PINYIN.sub("", text) if "(" in text else text


def _fold(text: str, traditional: bool | None) -> Folded:
    if "(" in text and _INLINE_PINYIN.search(text):
        return _fold_without_pinyin(text, traditional)
    if traditional is None:
        traditional = needs_conversion(text)
    if not traditional:
        return Folded(fold_width(text), text, None)
    converted, index = _convert_aligned(text)
    return Folded(fold_width(converted), text, index)


# OpenCC's phrases never span punctuation or a line break, so converting piece by piece gives
# the whole text's conversion, and aligning each short piece keeps the cost linear (one
# SequenceMatcher over a 40,000-character paragraph took 26 s). A piece without punctuation
# is cut at _PIECE_MAX characters; a phrase cut in two there is converted character-wise.
_PIECE_MAX = 200
_BREAKS = "。！？；，、,.!?;:：\n"
_PIECE_RE = re.compile(f"[^{_BREAKS}]{{1,{_PIECE_MAX}}}[{_BREAKS}]?|[{_BREAKS}]")


def _convert_aligned(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The converted text and, when lengths changed, each converted index's original index."""
    converter = _converter()
    parts: list[str] = []
    index: list[int] = []
    changed = False
    for m in _PIECE_RE.finditer(text):
        piece = m.group(0)
        converted = converter.convert(piece)
        parts.append(converted)
        if len(converted) == len(piece):
            index.extend(range(m.start(), m.end()))
        else:
            changed = True
            index.extend(m.start() + i for i in _align(piece, converted))
    return "".join(parts), (tuple(index) if changed else None)


def _fold_without_pinyin(text: str, traditional: bool | None) -> Folded:
    """Fold the text with its inline pinyin dropped; the index map still points into `text`."""
    kept: list[int] = []
    last = 0
    for m in _INLINE_PINYIN.finditer(text):
        kept.extend(range(last, m.start()))
        last = m.end()
    kept.extend(range(last, len(text)))
    inner = _fold("".join(text[i] for i in kept), traditional)
    index = tuple(kept[min(inner.orig_pos(j), len(kept) - 1)] for j in range(len(inner.text)))
    return Folded(inner.text, text, index)


def _align(original: str, converted: str) -> tuple[int, ...]:
    """Map each converted index to an original index (phrase conversions change length)."""
    # Compare character-wise conversions so unchanged characters line up.
    charwise = "".join(_converter().convert(ch) if ch.strip() else ch for ch in original)
    if len(charwise) != len(original):
        charwise = original
    index: list[int] = [0] * len(converted)
    matcher = SequenceMatcher(None, charwise, converted, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if op == "equal":
                index[j] = i1 + (j - j1)
            else:
                span = max(i2 - i1, 1)
                index[j] = min(i1 + (j - j1) * span // max(j2 - j1, 1), max(len(original) - 1, 0))
    return tuple(index)


# What `compact` drops between words, as a character-class body; locate.closeness skips the same
# characters (bar the full stops, where a heading ends) so its distances agree with `compact`.
SEPARATORS = r"\s、，,.:：;；“”\"'‘’()（）〔〕\[\]【】《》<>—\-_/|·"
_PUNCT_RE = re.compile(rf"[{SEPARATORS}\u3000。．]+")


def compact(text: str) -> str:
    """Fold and drop whitespace and punctuation: for comparing labels and headings."""
    return _PUNCT_RE.sub("", fold(text).text)


# ---- numbers -------------------------------------------------------------------------

BLANK_TOKENS = frozenset({"", "/", "／", "—", "——", "-", "--", "–", "无", "無", "空", "×"})
_NUMBER_RE = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$")


class CellValue(NamedTuple):
    """What a value cell holds: a number, a blank, or text."""

    raw: str
    value: Decimal | None
    blank: bool = False  # written as blank, /, —, 无: counts as 0 with a T305
    text: bool = False  # not a number at all

    @property
    def as_number(self) -> Decimal:
        return self.value if self.value is not None else Decimal(0)


def parse_value(raw: str) -> CellValue:
    # Cell texts recur across a batch (the template's labels, small counts), as folded
    # labels do: short ones are parsed once, like `fold`'s.
    return _parse_cached(raw) if len(raw) <= _CACHED_LENGTH else _parse_value(raw)


@lru_cache(maxsize=8192)
def _parse_cached(raw: str) -> CellValue:
    return _parse_value(raw)


def _parse_value(raw: str) -> CellValue:
    if raw.isascii() and raw.isdigit():  # most value cells: a plain count
        return CellValue(raw, Decimal(raw))
    cleaned = fold_width(raw).strip().replace(" ", "")
    cleaned = cleaned.removesuffix("件").removesuffix("万元").removesuffix("元")
    if cleaned in BLANK_TOKENS:
        return CellValue(raw, None, blank=True)
    if _NUMBER_RE.match(cleaned):
        try:
            return CellValue(raw, Decimal(cleaned.replace(",", "")))
        except InvalidOperation:  # pragma: no cover - regex already guards
            pass
    return CellValue(raw, None, text=True)


def format_number(value: Decimal | int | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)
