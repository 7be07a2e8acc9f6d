"""Turn a printed label into a tolerant regex: any whitespace between characters,
equivalent punctuation, an optional enumerator, an optional trailing note."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint import fastre
from reportlint.normalize import fold_width

_ENUM_RE = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、])(.*)$")
_EQUIV: dict[str, str] = {
    "、": "[、,.]",
    ",": "[,、]",
    ".": "[.、,]",
    "“": "[“”]?",
    "”": "[“”]?",
    "(": r"\(",
    ")": r"\)",
    ":": "[:]?",
    "/": "[/]?",
}


def _char_pattern(ch: str) -> str:
    return _EQUIV.get(ch, re.escape(ch))


def core_pattern(text: str) -> str:
    return r"\s*".join(_char_pattern(ch) for ch in fold_width(text) if not ch.isspace())


def label_pattern(label: str) -> str:
    """Pattern for one label: enumerator optional, a trailing （…） note optional."""
    folded = fold_width(label).strip()
    match = _ENUM_RE.match(folded)
    if match:
        enum, core = match.groups()
        body = f"(?:{core_pattern(enum)}\\s*)?{core_pattern(core)}"
    else:
        body = core_pattern(folded)
    return body + r"(?:\s*\([^()\n]{0,40}\))?"


@lru_cache(maxsize=2048)
def compile_labels(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of `labels`, longest first so specific wins."""
    ordered = sorted(set(labels), key=len, reverse=True)
    return fastre.compile("|".join(f"(?:{label_pattern(lbl)})" for lbl in ordered))
