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
MAX_STEPS = 200_000  # cuts tried per row; a hostile run of digits gets T308, not a hang


def _is_digits(token: str) -> bool:
    return token.isascii() and token.isdigit()


def _decimal_parts(token: str) -> tuple[str, str] | None:
    """`13575394432.52` → ("13575394432", ".52"): only the last value can carry the fraction."""
    whole, dot, fraction = token.partition(".")
    if dot and _is_digits(whole) and _is_digits(fraction):
        return whole, dot + fraction
    return None


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _cuts(digits: str, parts: int, budget: _Budget) -> Iterator[tuple[str, ...]]:
    """All ways to cut `digits` into `parts` numbers without leading zeros."""
    if not budget.spend() or not parts <= len(digits) <= MAX_DIGITS * parts:
        return  # out of budget, or too few or too many digits for `parts` values: no reading
    if parts == 1:
        if digits == "0" or not digits.startswith("0"):
            yield (digits,)
        return
    max_first = 1 if digits.startswith("0") else min(MAX_DIGITS, len(digits) - parts + 1)
    for size in range(1, max_first + 1):
        for rest in _cuts(digits[size:], parts - 1, budget):
            yield (digits[:size], *rest)


def splits(tokens: list[str], count: int) -> Iterator[tuple[str, ...]]:
    """Readings of `tokens` as exactly `count` values; non-digit tokens stay whole. The search
    has a step budget: past it, fewer readings come back, and the caller reports T308."""
    budget = _Budget(MAX_STEPS)

    def walk(i: int, need: int) -> Iterator[tuple[str, ...]]:
        if not budget.spend():
            return
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
            heads = _cuts(digits, parts, budget) if _is_digits(digits) else iter([(token,)])
            for head in heads:
                if fraction:
                    head = (*head[:-1], head[-1] + fraction)
                for tail in walk(i + 1, need - parts):
                    yield head + tail

    yield from islice(walk(0, count), MAX_CANDIDATES)
