"""Rule selection: `--select`, `--ignore`, the config's `select`/`ignore`/`severity` and
`per-file-ignores` all name rules the same way, resolved here once against the run's packs.

A rule is named by its code (`C604`), its name (`page-residue`), or a code prefix of any
length (`C`, `C6`, `C60`); `ALL` names every rule. A word that names no rule is an error,
never a selection of nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reportlint.pack import RuleDef


class UnknownRule(ValueError):
    """A selection word that names no rule of the run's packs."""

    def __init__(self, word: str) -> None:
        super().__init__(f"unknown rule {word!r}: give a code (C604), a name (page-residue) or a code prefix "
                         "(C, C6, C60); see `reportlint rules`")
        self.word = word


def resolve(rules: Mapping[str, RuleDef], words: Iterable[str] | None) -> frozenset[str]:
    """The codes that `words` name; each word may also be a comma-separated list."""
    codes: set[str] = set()
    for value in words or ():
        for word in value.replace(" ", "").split(","):
            if word:
                codes |= _codes_of(rules, word)
    return frozenset(codes)


def _codes_of(rules: Mapping[str, RuleDef], word: str) -> set[str]:
    if word.upper() == "ALL":
        return set(rules)
    by_prefix = {code for code in rules if code.startswith(word.upper())}
    if by_prefix:
        return by_prefix
    by_name = {code for code, rule in rules.items() if rule.name == word.lower()}
    if by_name:
        return by_name
    raise UnknownRule(word)
