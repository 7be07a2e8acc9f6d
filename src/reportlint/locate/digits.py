"""Split cell values that a copy ran together (`713000074` → 71|3|0|0|0|0|74).

The digits are cut value by value from the right (no leading zeros, at most MAX_DIGITS
each), so a total (总计, the last column) is cut before its parts. When the row's own
equations are given, every partial cut is checked against them: each side's interval —
values cut so far plus the least and the most the digits left can still write — must
overlap, a state found to lead nowhere is remembered, and the search stops at the second
consistent reading: one reading is an answer, two mean the row alone cannot decide, and a
third would not change that. A row whose last value totals the others (表三) has exact sum
bounds. Callers decide what to do when none or several remain, or the step budget ran out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

MAX_DIGITS = 9  # no count in these tables needs more
MAX_CANDIDATES = 50_000
MAX_STEPS = 200_000  # states visited per row; a hostile run of digits gets T308, not a hang

_FITS, _TOO_SMALL, _TOO_BIG = 0, 1, 2
Term = tuple[int, int]  # (sign, index of the value in the reading)
RowEquation = tuple[tuple[Term, ...], tuple[Term, ...]]  # left side = right side


def _is_digits(token: str) -> bool:
    return token.isascii() and token.isdigit()


def _decimal_parts(token: str) -> tuple[str, str] | None:
    """`13575394432.52` → ("13575394432", ".52"): only the last value can carry the fraction."""
    whole, dot, fraction = token.partition(".")
    if dot and _is_digits(whole) and _is_digits(fraction):
        return whole, dot + fraction
    return None


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class Search:
    """Readings found, and whether the search saw every cut (False: it ran out of steps)."""

    readings: list[tuple[str, ...]] = field(default_factory=list)
    complete: bool = True


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class _Piece:
    digits: str  # the digits to cut (a non-number token stays whole, as one value)
    fraction: str = ""  # ".52": goes to the token's last value
    number: bool = True


def _pieces(tokens: list[str]) -> list[_Piece]:
    out = []
    for token in tokens:
        decimal = _decimal_parts(token)
        if decimal:
            out.append(_Piece(decimal[0], decimal[1]))
        else:
            out.append(_Piece(token, "", _is_digits(token)))
    return out


class _Splitter:
    """Cuts from the right: the values a row's equations total (总计, the last column of each
    group) are cut first, so every part cut after them is checked against a known total."""

    def __init__(self, tokens: list[str], count: int, equations: list[RowEquation], limit: int, steps: int) -> None:
        self.pieces = _pieces(tokens)
        self.count = count
        self.equations = equations
        self.limit = limit
        self.steps = steps
        self.values: list[int | Decimal | None] = [None] * count
        self.texts: list[str] = [""] * count
        self.result = Search()
        self.dead: set[tuple[object, ...]] = set()  # states from which no reading was found
        # all terms added: a longer value can only make a side larger (see _walk's early return)
        self.monotone = all(sign > 0 for eq in equations for side in eq for sign, _ in side)
        # digits and whole (non-number) tokens in pieces[:i], i.e. still to the left of piece i
        self.digits_before = [sum(len(p.digits) for p in self.pieces[:i] if p.number) for i in range(len(self.pieces) + 1)]
        self.numbers_before = [sum(1 for p in self.pieces[:i] if p.number) for i in range(len(self.pieces) + 1)]
        one_run = len(self.pieces) == 1 and self.pieces[0].number and equations
        self.exact = _sum_bounds(self.pieces[0].digits, count) if one_run else None

    def run(self) -> Search:
        last = len(self.pieces) - 1
        if self.pieces and self._enough(last, len(self.pieces[last].digits), self.count):
            self._walk(last, len(self.pieces[last].digits), self.count - 1)
        return self.result

    def _left(self, piece: int, end: int) -> tuple[int, int, int]:
        """(digits, number tokens, whole tokens) not yet cut: pieces[:piece] and pieces[piece] up to `end`."""
        if piece < 0:
            return 0, 0, 0
        current = self.pieces[piece]
        digits = self.digits_before[piece] + (end if current.number else 0)
        numbers = self.numbers_before[piece] + (1 if current.number else 0)
        return digits, numbers, piece + 1 - numbers

    def _enough(self, piece: int, end: int, need: int) -> bool:
        """Can what is left of the pieces give exactly `need` values?"""
        digits, numbers, whole = self._left(piece, end)
        cut = need - whole  # values the number tokens must give
        return cut >= numbers and (cut <= digits <= MAX_DIGITS * cut if numbers else cut == 0)

    def _walk_once(self, piece: int, end: int, index: int) -> None:
        """_walk, skipping a state already seen to lead nowhere: what is left to cut and the
        sums cut so far on each side of each equation decide every later check, so a second
        way of cutting to the same state (“11”+“1” and “1”+“11”) fails as the first did."""
        if not self.equations:
            self._walk(piece, end, index)
            return
        key = (piece, end, index, *(self._cut_sum(side, index + 1) for eq in self.equations for side in eq))
        if key in self.dead:
            return
        found = len(self.result.readings)
        self._walk(piece, end, index)
        if len(self.result.readings) == found and self.result.complete:
            self.dead.add(key)

    def _cut_sum(self, terms: tuple[Term, ...], first_cut: int) -> int | Decimal | None:
        total: int | Decimal = 0
        for sign, i in terms:
            if i >= first_cut:
                value = self.values[i]
                if value is None:
                    return None
                total += sign * value
        return total

    def _walk(self, piece: int, end: int, index: int) -> None:
        self.steps -= 1
        if self.steps < 0:
            self.result.complete = False
            return
        if piece < 0:
            if index < 0:
                self.result.readings.append(tuple(self.texts))
            return
        current = self.pieces[piece]
        if not current.number:
            self._take(piece - 1, len(self.pieces[piece - 1].digits) if piece else 0, index, current.digits, None)
            return
        first = end == len(current.digits)  # the token's last value: it carries the fraction
        for size, chunk in _values_ending_at(current.digits, end):
            text = chunk + (current.fraction if first else "")
            value: int | Decimal = Decimal(text) if current.fraction and first else int(text)
            nxt = (piece - 1, len(self.pieces[piece - 1].digits) if piece else 0) if size == end else (piece, end - size)
            if self._enough(nxt[0], nxt[1], index) and self._take(nxt[0], nxt[1], index, text, value) == _TOO_BIG:
                return  # a longer value is larger still, and leaves fewer digits to balance it
            if len(self.result.readings) >= self.limit or not self.result.complete:
                return

    def _take(self, piece: int, end: int, index: int, text: str, value: int | Decimal | None) -> int:
        if index < 0:
            return _FITS
        self.texts[index], self.values[index] = text, value
        verdict = self._feasible(index, piece, end) if self.equations else _FITS
        if verdict == _FITS:
            self._walk_once(piece, end, index - 1)
        self.values[index] = None
        return verdict

    def _feasible(self, first_cut: int, piece: int, end: int) -> int:
        """Every equation can still hold: each side's interval — values cut so far, plus at
        most what the digits left can write into the values not yet cut — must overlap.
        _TOO_BIG: what is cut already exceeds what the other side can reach."""
        digits, numbers, whole = self._left(piece, end)
        uncut = first_cut - whole  # number values still to cut, sharing `digits`
        verdict = _FITS
        for left, right in self.equations:
            left_bounds = self._side(left, first_cut, digits, uncut)
            right_bounds = self._side(right, first_cut, digits, uncut)
            if left_bounds is None or right_bounds is None:
                continue  # a cell holds text: the equation says nothing
            (low_l, high_l), (low_r, high_r) = left_bounds, right_bounds
            if high_l < low_r or high_r < low_l:
                small, big = (left, right) if high_l < low_r else (right, left)
                # A longer value just cut only widens the gap when the larger side is all cut
                # values (no lower bound from digits left, which shrinks as values grow) and the
                # value is not on the smaller side (whose upper bound shrinks with the digits).
                if self.monotone and all(i >= first_cut for _, i in big) and all(i != first_cut for _, i in small):
                    return _TOO_BIG
                verdict = _TOO_SMALL
        return verdict

    def _side(self, terms: tuple[Term, ...], first_cut: int, digits: int, uncut: int) -> tuple[int | Decimal, int | Decimal] | None:
        low: int | Decimal = 0
        high: int | Decimal = 0
        plus = minus = 0
        for sign, i in terms:
            if i >= first_cut:
                value = self.values[i]
                if value is None:
                    return None
                low, high = low + sign * value, high + sign * value
            elif sign > 0:
                plus += 1
            else:
                minus += 1
        if self.exact is not None and minus == 0 and plus == uncut == first_cut:
            # the side holds every value still to cut, from one run of digits: exact bounds
            low_rest, high_rest = self.exact[digits][uncut]
            return low + low_rest, high + high_rest
        return (low + _least(digits, uncut, plus) - _most(digits, uncut, minus),
                high + _most(digits, uncut, plus) - _least(digits, uncut, minus))


def _values_ending_at(digits: str, end: int) -> Iterator[tuple[int, str]]:
    """The values a cut can take whose last digit is digits[end - 1]: (size, digits) from one
    digit up to MAX_DIGITS, shortest first, none but a single 0 starting with 0. Every search
    cuts so."""
    for size in range(1, min(MAX_DIGITS, end) + 1):
        chunk = digits[end - size : end]
        if size == 1 or chunk[0] != "0":
            yield size, chunk


_EMPTY = (1, 0)  # no way to cut: an interval no value lies in


def _sum_bounds(digits: str, count: int) -> list[list[tuple[int, int]]]:
    """[p][k]: the least and the largest sum of `digits[:p]` cut into k values (_EMPTY when it
    cannot be cut so). Computed once per row, it makes the bound for "all the values still to
    cut" exact, so a row with one total is searched almost without dead ends."""
    bounds = [[_EMPTY] * (count + 1) for _ in range(len(digits) + 1)]
    bounds[0][0] = (0, 0)
    for p in range(1, len(digits) + 1):
        for size, chunk in _values_ending_at(digits, p):
            value = int(chunk)
            for k in range(1, count + 1):
                low, high = bounds[p - size][k - 1]
                if low > high:
                    continue
                old_low, old_high = bounds[p][k]
                bounds[p][k] = (value + low, value + high) if old_low > old_high else (
                    min(old_low, value + low), max(old_high, value + high))
    return bounds


@lru_cache(maxsize=4096)
def _least(digits: int, uncut: int, terms: int) -> int:
    """The smallest sum `terms` of the `uncut` values can have when they share `digits`: the
    others take all they can, these split the rest evenly (a value of n > 1 digits is at
    least 10^(n-1); no leading zeros)."""
    if terms <= 0 or uncut <= 0:
        return 0
    terms = min(terms, uncut)
    need = max(terms, digits - MAX_DIGITS * (uncut - terms))
    size, longer = divmod(need, terms)
    return longer * _smallest(size + 1) + (terms - longer) * _smallest(size)


def _smallest(size: int) -> int:
    return 0 if size <= 1 else 10 ** (size - 1)


@lru_cache(maxsize=4096)
def _most(digits: int, uncut: int, terms: int) -> int:
    """The largest sum `terms` of the `uncut` values can reach when they share `digits`
    (each value has one to MAX_DIGITS digits): the others keep one digit each, and the
    longest values come first (10^a + 10^b grows as a and b grow apart)."""
    if terms <= 0 or uncut <= 0:
        return 0
    free = digits - (uncut - min(terms, uncut))  # digits the other values leave to these
    total = 0
    for left in range(min(terms, uncut), 0, -1):
        size = max(1, min(MAX_DIGITS, free - (left - 1)))
        total += 10**size - 1
        free -= size
    return total


def consistent_splits(tokens: list[str], count: int, equations: list[RowEquation], limit: int = 2,
                      steps: int = MAX_STEPS) -> Search:
    """Readings of `tokens` as exactly `count` values under which every equation holds, at
    most `limit` of them; `complete` is False when the step budget ran out first."""
    if len(tokens) == 1 and _is_digits(tokens[0]) and _is_one_total(equations, count):
        return _TotalSplitter(tokens[0], count - 1, limit, steps).run()
    return _Splitter(tokens, count, equations, limit, steps).run()


def _is_one_total(equations: list[RowEquation], count: int) -> bool:
    """The commonest row (表三): its last value is the sum of all the others."""
    if len(equations) != 1:
        return False
    total, parts = ((1, count - 1),), {(1, i) for i in range(count - 1)}
    left, right = equations[0]
    return (left == total and set(right) == parts and len(right) == count - 1) or (
        right == total and set(left) == parts and len(left) == count - 1)


class _TotalSplitter:
    """One run of digits whose last value totals the others: cut the total first, then the
    parts from the right, each cut kept only while the digits left can still make up the
    rest of the total exactly (`_sum_bounds`), and a dead end remembered by what is left."""

    def __init__(self, digits: str, parts: int, limit: int, steps: int) -> None:
        self.digits, self.parts, self.limit, self.steps = digits, parts, limit, steps
        self.bounds = _sum_bounds(digits, parts)
        self.texts = [""] * (parts + 1)
        self.dead: set[tuple[int, int, int]] = set()
        self.result = Search()

    def run(self) -> Search:
        digits = self.digits
        for size, chunk in _values_ending_at(digits, len(digits)):
            self.texts[self.parts] = chunk
            low, high = self.bounds[len(digits) - size][self.parts]
            if low <= int(chunk) <= high:
                self._walk(len(digits) - size, self.parts, int(chunk))
            if len(self.result.readings) >= self.limit or not self.result.complete:
                break
        return self.result

    def _walk(self, end: int, k: int, target: int) -> None:
        if k == 0:
            if end == 0 and target == 0:
                self.result.readings.append(tuple(self.texts))
            return
        if (end, k, target) in self.dead:
            return
        self.steps -= 1
        if self.steps < 0:
            self.result.complete = False
            return
        found = len(self.result.readings)
        for size, chunk in _values_ending_at(self.digits, end):
            value = int(chunk)
            if value > target:
                break  # a longer chunk is larger still
            low, high = self.bounds[end - size][k - 1]
            if low <= target - value <= high:
                self.texts[k - 1] = chunk
                self._walk(end - size, k - 1, target - value)
            if len(self.result.readings) >= self.limit or not self.result.complete:
                return
        if len(self.result.readings) == found:
            self.dead.add((end, k, target))


def splits(tokens: list[str], count: int, limit: int = MAX_CANDIDATES) -> Iterator[tuple[str, ...]]:
    """Every reading of `tokens` as exactly `count` values (up to `limit`), unchecked."""
    yield from consistent_splits(tokens, count, [], limit).readings
