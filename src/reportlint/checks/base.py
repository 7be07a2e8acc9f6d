"""What every check kind shares: the run context and how a finding is worded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar

from reportlint.locate import Report
from reportlint.model import Finding, Location, Prior
from reportlint.pack import RuleDef

_Fact = TypeVar("_Fact")


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Context(NamedTuple):
    """How one run checks: language, selection, severities, --unit-type, --previous, --rules."""

    lang: str = "zh"
    selected: frozenset[str] | None = None  # codes, as selection.resolve gives them; None: all
    ignored: frozenset[str] = frozenset()  # codes
    severity: Mapping[str, str] | None = None  # code -> severity the config gives it (None: none)
    unit_type: str | None = None  # department | government; None: judged from the unit's name
    priors: tuple[Prior, ...] = ()  # last year's reports, for the X7xx and C605 checks
    rules: str | None = None  # a user's rule pack (--rules), in place of the shipped one it extends

    def enabled(self, code: str) -> bool:
        return code not in self.ignored and (self.selected is None or code in self.selected)


def make(
    rule: RuleDef,
    ctx: Context,
    loc: Location,
    expected: str | None = None,
    actual: str | None = None,
    **fields: Any,
) -> Finding:
    message = rule.message.get(ctx.lang) or rule.message["zh"]
    values = _Keep({k: (v[ctx.lang] if isinstance(v, dict) and ctx.lang in v else v) for k, v in fields.items()})
    values.setdefault("expected", expected)
    values.setdefault("actual", actual)
    severity = ctx.severity.get(rule.code, rule.severity) if ctx.severity else rule.severity
    return Finding(rule.code, rule.name, severity, message.format_map(values), loc, expected, actual, rule.basis)  # type: ignore[arg-type]


def shared(report: Report, name: str, derive: Callable[[Report], _Fact]) -> _Fact:
    """A fact several rules need of one report (its empty sections, a relation's failures),
    derived at the first rule's request and kept with the report for the others."""
    if name not in report.facts:
        report.facts[name] = derive(report)
    return report.facts[name]


def section_title(report: Any, section_id: str) -> str:
    return next((s.title for s in report.pack.sections if s.id == section_id), section_id)
