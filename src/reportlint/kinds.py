"""Check kinds as declarations: the parameters each kind takes and the message fields it fills.

A pack's rule names a kind (`kind: relation`) and gives `params` and `message`. When the pack
loads, both are checked against the kind's declaration below, so a misspelt parameter, a
pattern that does not compile or a `{placeholder}` the kind never fills is refused with the
file, rule and key, instead of a rule that silently never fires.

To add a parameter to a kind: one `Param(...)` line in its `Kind`. To add a kind: one `Kind`
entry here and its function in `checks/` (a test compares the two lists, and the schema's).
This module imports nothing of reportlint, so the pack loader can use it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# Plain classes, not dataclasses: this module loads on every run, and thirty-odd declarations
# made by @dataclass would cost more start-up time than all the checking of a pack.

# ---- value types ------------------------------------------------------------------------


class Env:
    """What a parameter value is checked against: the rule's pack and its pattern engine."""

    def __init__(self, compile: Callable[[str], object], holes: dict[str, str] | None = None,
                 tables: frozenset[str] = frozenset(), phrases: frozenset[str] = frozenset(),
                 sections: frozenset[str] = frozenset()) -> None:
        self.compile = compile  # raises on a pattern that does not compile
        self.holes = holes or {}  # {name} → text, filled before compiling
        self.tables, self.phrases, self.sections = tables, phrases, sections


class Type:
    """A parameter's type: `errors` yields one line per problem, each starting with `at`."""

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        raise NotImplementedError


class Scalar(Type):
    def __init__(self, name: str, python: tuple[type, ...]) -> None:
        self.name, self.python = name, python

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if isinstance(value, bool) and bool not in self.python or not isinstance(value, self.python):
            yield f"{at}: expected {self.name}, found {value!r}"


STR = Scalar("text", (str,))
INT = Scalar("a whole number", (int,))
NUMBER = Scalar("a number", (int, float))
BOOL = Scalar("true or false", (bool,))


class Enum(Type):
    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if value not in self.values:
            yield f"{at}: {value!r} is not one of {', '.join(self.values)}"


class Text(Type):
    """Wording in both languages, {zh: …, en: …}; `or_plain` also takes one string."""

    def __init__(self, or_plain: bool = False) -> None:
        self.or_plain = or_plain

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if self.or_plain and isinstance(value, str):
            return
        if not isinstance(value, dict) or set(value) != {"zh", "en"} or not all(isinstance(v, str) for v in value.values()):
            yield f"{at}: expected {{zh: …, en: …}}, found {value!r}"


class Pattern(Type):
    """A regular expression; `{name}` holes of the rule (such as {prev_year}) are filled first."""

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if not isinstance(value, str):
            yield f"{at}: expected a pattern (text), found {value!r}"
            return
        try:
            env.compile(fill_holes(value, env.holes))
        except Exception as exc:  # re.error, regex.error: both say where
            yield f"{at}: pattern {value!r} does not compile ({exc})"


class Ref(Type):
    """The id of something the pack declares: a table, a phrase list, a section."""

    def __init__(self, what: str) -> None:
        self.what = what  # "tables" | "phrases" | "sections"

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        known: frozenset[str] = getattr(env, self.what)
        if value not in known:
            yield f"{at}: {value!r} is not one of the pack's {self.what} ({', '.join(sorted(known))})"


class CellRef(Type):
    """`table.row.column`, as narrative counts name table cells."""

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        parts = value.split(".") if isinstance(value, str) else []
        if len(parts) != 3:
            yield f"{at}: expected table.row.column, found {value!r}"
        elif parts[0] not in env.tables:
            yield f"{at}: {parts[0]!r} is not one of the pack's tables ({', '.join(sorted(env.tables))})"


class ListOf(Type):
    def __init__(self, item: Type, min_items: int = 0) -> None:
        self.item, self.min_items = item, min_items

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if not isinstance(value, list):
            yield f"{at}: expected a list, found {value!r}"
            return
        if len(value) < self.min_items:
            yield f"{at}: needs at least {self.min_items} item(s)"
        for i, item in enumerate(value):
            yield from self.item.errors(item, f"{at}[{i}]", env)


class MapOf(Type):
    """A mapping; with `keys`, exactly those keys."""

    def __init__(self, value: Type, keys: tuple[str, ...] = ()) -> None:
        self.value, self.keys = value, keys

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if not isinstance(value, dict):
            yield f"{at}: expected a mapping, found {value!r}"
            return
        if self.keys:
            yield from _key_errors(value, self.keys, self.keys, at)
        for key, item in value.items():
            yield from self.value.errors(item, f"{at}.{key}", env)


class Record(Type):
    """A mapping with named, typed keys, declared like a kind's parameters."""

    def __init__(self, params: tuple[Param, ...]) -> None:
        self.params = params

    def errors(self, value: Any, at: str, env: Env) -> Iterator[str]:
        if not isinstance(value, dict):
            yield f"{at}: expected a mapping, found {value!r}"
            return
        yield from params_errors(self.params, value, at, env)


class Param:
    def __init__(self, name: str, type_: Type, required: bool = True, default: Any = None) -> None:
        self.name, self.type, self.required = name, type_, required
        self.default = default  # filled in at load when the rule leaves the parameter out


def optional(name: str, type_: Type, default: Any = None) -> Param:
    return Param(name, type_, required=False, default=default)


def _key_errors(value: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...], at: str) -> Iterator[str]:
    for key in value:
        if key not in allowed:
            yield f"{at}.{key}: unknown key (allowed: {', '.join(allowed) or 'none'})"
    for key in required:
        if key not in value:
            yield f"{at}.{key}: missing"


def params_errors(params: tuple[Param, ...], value: dict[str, Any], at: str, env: Env) -> Iterator[str]:
    names = tuple(p.name for p in params)
    yield from _key_errors(value, names, tuple(p.name for p in params if p.required), at)
    for param in params:
        if param.name in value:
            yield from param.type.errors(value[param.name], f"{at}.{param.name}", env)


def fill_holes(pattern: str, holes: dict[str, str]) -> str:
    for name, text in holes.items():
        pattern = pattern.replace("{" + name + "}", text)
    return pattern


# ---- the kinds ------------------------------------------------------------------------------


class Kind:
    def __init__(self, name: str, params: tuple[Param, ...] = (), fields: tuple[str, ...] = ()) -> None:
        self.name, self.params = name, params
        self.fields = fields  # what its findings fill in a message, besides expected/actual

    def placeholders(self) -> frozenset[str]:
        return frozenset(self.fields) | {"expected", "actual"}


_RELATION = (
    Param("table", Ref("tables")),
    Param("over", Enum(("rows", "columns"))),
    optional("rows", ListOf(STR)),
    optional("columns", ListOf(STR)),
    Param("left", ListOf(STR, 1)),
    Param("right", ListOf(STR, 1)),
    Param("op", Enum(("eq", "ge"))),
)
_RELATION_FIELDS = ("table", "row", "column", "terms", "diff", "left_value", "right_value")
_TABLE_CELL = ("table", "row", "column", "where", "count")
_DEPARTMENT_GOVERNMENT = ("department", "government")

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("section-present", fields=("section", "title")),
    Kind("section-order", fields=("section", "title", "before")),
    Kind("section-duplicate", fields=("section", "heading", "first")),
    Kind("section-wording", fields=("section", "heading", "diff")),
    Kind("title-present", (Param("missing", MapOf(Text(), ("title", "title_and_unit", "unit"))),), ("missing",)),
    Kind("section-nonempty", (optional("empty_words", ListOf(STR), []), optional("may_be_none", ListOf(Ref("sections")), []),),
         ("section", "title")),
    Kind("period-present", fields=("year",)),
    Kind("period-full-year", (Param("reasons", MapOf(Text(), ("partial", "cutoff", "malformed"))),),
         ("quote", "year", "reason")),
    Kind("year-consistent", (optional("patterns", ListOf(Record((Param("pattern", Pattern()), Param("offset", INT)))), []),),
         ("quote", "found")),
    Kind("published-in-time", (
        Param("deadlines", MapOf(STR, _DEPARTMENT_GOVERNMENT)),
        Param("unit_names", MapOf(Text(), _DEPARTMENT_GOVERNMENT)),
        Param("government_units", Pattern()),
        Param("labelled", Pattern()),
        optional("tail_paragraphs", INT, 5),
    ), ("unit_type",)),
    Kind("table-present", fields=("section", "table")),
    Kind("table-image", fields=("section", "table")),
    Kind("table-rows", fields=("table", "row", "rows")),
    Kind("table-columns", fields=("table",)),
    Kind("cell-number", fields=(*_TABLE_CELL, "kind")),
    Kind("cell-blank", fields=_TABLE_CELL),
    Kind("old-format", fields=("year", "quote")),
    Kind("table-parse", fields=("table", "where", "detail", "row", "advice")),
    Kind("relation", _RELATION, _RELATION_FIELDS),
    Kind("previous-relation", _RELATION, (*_RELATION_FIELDS, "previous")),
    Kind("narrative-count", (
        optional("placeholders", MapOf(STR)),  # {N} {U} …: pattern pieces the counts share
        optional("counts", ListOf(Record((
            optional("pattern", Pattern()),
            optional("patterns", ListOf(Pattern(), 1)),
            Param("readings", ListOf(ListOf(CellRef(), 1), 1)),
            optional("what", Text(or_plain=True)),
            optional("compare", Text(or_plain=True)),
        ))), []),
    ), ("quote", "what", "table", "compare")),
    Kind("phrase-required", (
        Param("section", Ref("sections")),
        Param("groups", ListOf(Record((Param("what", Text(or_plain=True)), Param("any", ListOf(Pattern(), 1)))), 1)),
    ), ("what",)),
    Kind("phrase-forbidden", (
        Param("phrases", Ref("phrases")),
        optional("repeated_title", BOOL, False),
        optional("formats", ListOf(Enum(("text", "docx", "pdf", "html")))),
    ), ("quote",)),
    Kind("copied-text", (
        optional("threshold", NUMBER, 0.5),
        optional("min_chars", INT, 8),
        optional("min_text", INT, 200),
        optional("ignore", ListOf(Pattern()), []),
    ), ("share", "previous")),
    Kind("file", fields=("detail",)),
    Kind("not-a-report"),
)}


def rule_errors(rule: dict[str, Any], env: Env) -> list[str]:
    """Problems of one rule's kind, params and messages, each line naming the key."""
    kind = KINDS.get(rule.get("kind", ""))
    if kind is None:
        return [f"kind: unknown kind {rule.get('kind')!r} (known: {', '.join(sorted(KINDS))})"]
    holes = {"prev_year": "2024", **(rule.get("params") or {}).get("placeholders", {})}
    env = Env(env.compile, holes, env.tables, env.phrases, env.sections)
    errors = list(params_errors(kind.params, rule.get("params") or {}, "params", env))
    for lang, text in (rule.get("message") or {}).items():
        errors.extend(f"message.{lang}: {problem}" for problem in placeholder_errors(text, kind))
    return errors


def placeholder_errors(text: str, kind: Kind) -> Iterator[str]:
    from string import Formatter  # here: only a pack being checked needs it, not a run

    try:
        names = [name for _, name, _, _ in Formatter().parse(text) if name is not None]
    except ValueError as exc:
        yield f"cannot be read as a message ({exc}); write a literal brace as {{{{ or }}}}"
        return
    provided = kind.placeholders()
    for name in names:
        if name.split(".")[0].split("[")[0] not in provided:
            yield (f"{{{name}}} is not a field of kind {kind.name} "
                   f"(it provides {', '.join('{' + f + '}' for f in sorted(provided))})")


def with_defaults(kind_name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The rule's params with the kind's defaults for what it leaves out."""
    kind = KINDS[kind_name]
    filled = dict(params)
    for param in kind.params:
        if param.name not in filled and param.default is not None:
            filled[param.name] = param.default
    return filled
