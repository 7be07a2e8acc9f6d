"""Split cell values that a copy ran together (`713000074` → 71|3|0|0|0|0|74).

Every way to cut the digits into the required number of values is enumerated (no
leading zeros, bounded length); the table's own equations then pick the only
consistent reading. Callers decide what to do when none or several remain.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

MAX_DIGITS = 9  # no count in these tables needs more
MAX_CANDIDATES = 50_000


def _is_digits(token: str) -> bool:
    return token.isascii() and token.isdigit()


def _decimal_parts(token: str) -> tuple[str, str] | None:
    """`13575394432.52` → ("13575394432", ".52"): only the last value can carry the fraction."""
    whole, dot, fraction = token.partition(".")
    if dot and _is_digits(whole) and _is_digits(fraction):
        return whole, dot + fraction
    return None


def _cuts(digits: str, parts: int) -> Iterator[tuple[str, ...]]:
    """All ways to cut `digits` into `parts` numbers without leading zeros."""
    if parts == 1:
        if len(digits) <= MAX_DIGITS and (digits == "0" or not digits.startswith("0")):
            yield (digits,)
        return
    max_first = 1 if digits.startswith("0") else min(MAX_DIGITS, len(digits) - parts + 1)
    for size in range(1, max_first + 1):
        for rest in _cuts(digits[size:], parts - 1):
            yield (digits[:size], *rest)


def splits(tokens: list[str], count: int) -> Iterator[tuple[str, ...]]:
    """Readings of `tokens` as exactly `count` values; non-digit tokens stay whole."""

    def walk(i: int, need: int) -> Iterator[tuple[str, ...]]:
        if i == len(tokens):
            if need == 0:
                yield ()
            return
        token = tokens[i]
        decimal = _decimal_parts(token)
        digits, fraction = decimal if decimal else (token, "")
        remaining = len(tokens) - i - 1
        options = range(1, need - remaining + 1) if _is_digits(digits) else range(1, 2)
        for parts in options:
            if parts > len(digits):
                break
            heads = _cuts(digits, parts) if _is_digits(digits) else iter([(token,)])
            for head in heads:
                if fraction:
                    head = (*head[:-1], head[-1] + fraction)
                for tail in walk(i + 1, need - parts):
                    yield head + tail

    yield from islice(walk(0, count), MAX_CANDIDATES)
