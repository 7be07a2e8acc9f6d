"""How a rule runs its pack's patterns: `re` for shipped packs, `regex` with a time limit for
a user's pack.

A shipped pattern is reviewed and tested; a user's is not, and one catastrophic pattern must
not hang a batch. `regex` takes a `timeout=` on every search, which works on every platform
(SIGALRM, which the per-file limit uses, does not exist on Windows). Check kinds call
`rule.matcher.search(pattern, text)` / `.finditer(...)` instead of `re.search(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

USER_PATTERN_SECONDS = 2.0


class PatternTimeout(Exception):
    """A user pattern ran longer than its limit on one text."""


class Matcher:
    """`re`, with compiled patterns kept per matcher."""

    timeout: float | None = None

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, int], Any] = {}

    def compile(self, pattern: str, flags: int = 0) -> Any:
        key = (pattern, flags)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._engine_compile(pattern, flags)
        return compiled

    def _engine_compile(self, pattern: str, flags: int) -> Any:
        return re.compile(pattern, flags)

    def search(self, pattern: str, text: str, flags: int = 0) -> Any:
        return self.compile(pattern, flags).search(text)

    def finditer(self, pattern: str, text: str, flags: int = 0) -> Iterator[Any]:
        return iter(self.compile(pattern, flags).finditer(text))


class TimedMatcher(Matcher):
    """`regex` (the `re`-compatible module) with a time limit on every search."""

    def __init__(self, seconds: float = USER_PATTERN_SECONDS) -> None:
        super().__init__()
        self.timeout = seconds

    def _engine_compile(self, pattern: str, flags: int) -> Any:
        import regex

        return regex.compile(pattern, flags | regex.VERSION0)

    def search(self, pattern: str, text: str, flags: int = 0) -> Any:
        try:
            return self.compile(pattern, flags).search(text, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(pattern) from None

    def finditer(self, pattern: str, text: str, flags: int = 0) -> Iterator[Any]:
        try:
            yield from self.compile(pattern, flags).finditer(text, timeout=self.timeout)
        except TimeoutError:
            raise PatternTimeout(pattern) from None


SHIPPED = Matcher()
