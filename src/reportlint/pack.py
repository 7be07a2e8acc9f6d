"""Rule packs: typed access to a pack, and the packs of a run.

A pack is the single source of truth for labels, ids, relations, messages and
severities. Python never spells a row label; it reads it from here. Shipped packs load
from their built JSON (packfile.py); every rule is checked against its kind's declaration
(kinds.py) when the pack loads, so a bad pack stops the run before any file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from reportlint.kinds import with_defaults
from reportlint.matcher import SHIPPED, Matcher, TimedMatcher
from reportlint.packfile import (
    PackError,
    merge,
    pack_errors,
    read_shipped,
    read_yaml,
    resource_dir,
    schema_errors,
    shipped_ids,
)

if TYPE_CHECKING:
    from reportlint.relations import Equation

__all__ = ["DEFAULT_PACK", "Pack", "PackError", "Packs", "RuleDef", "TableDef", "load_pack", "resource_dir",
           "run_packs", "schema_errors"]

DEFAULT_PACK = "gov-2021-30"


class Column(NamedTuple):
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str = "count"
    group: str | None = None  # the caption the column sits under in the template


class Row(NamedTuple):
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # empty: the table's columns
    group: str | None = None  # the caption the row sits under in the template


class TableDef(NamedTuple):
    id: str
    section: str
    name_zh: str
    name_en: str
    layout: str
    markers: tuple[str, ...]
    groups: tuple[str, ...]
    header: bool
    columns: tuple[Column, ...]
    optional_columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    optional_rows: tuple[Row, ...]
    corner: str = ""  # printed by the template and the XLSX sheets: the header's corner (note, 信息内容)
    columns_caption: str = ""  # printed by the template and the XLSX sheets: the caption over all value columns

    def column(self, col_id: str) -> Column:
        for col in self.columns + self.optional_columns:
            if col.id == col_id:
                return col
        raise KeyError(col_id)

    def row(self, row_id: str) -> Row:
        for row in self.rows + self.optional_rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def columns_of(self, row: Row) -> tuple[Column, ...]:
        if row.columns:
            return tuple(self.column(c) for c in row.columns)
        return self.columns

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def row_groups(self) -> list[tuple[str | None, tuple[Row, ...]]]:
        """The rows in order, each run of rows under one template caption together."""
        return _runs_under_captions(self.rows)

    def block_caption(self) -> str:
        """The caption over the rows that are not numbered items of the form (三、本年度办理结果
        over （一）予以公开 … （七）总计): the first numbered entry of `groups`, or ""."""
        return next((g for g in self.groups if is_item(g)), "")

    def column_groups(self) -> list[tuple[str | None, tuple[Column, ...]]]:
        """The value columns in order, each run of columns under one template caption
        (法人或其他组织) together; a column under no caption stands alone."""
        return _runs_under_captions(self.columns)


_Captioned = TypeVar("_Captioned", Row, Column)


def _runs_under_captions(items: tuple[_Captioned, ...]) -> list[tuple[str | None, tuple[_Captioned, ...]]]:
    runs: list[tuple[str | None, list[_Captioned]]] = []
    for item in items:
        if runs and item.group is not None and runs[-1][0] == item.group:
            runs[-1][1].append(item)
        else:
            runs.append((item.group, [item]))
    return [(caption, tuple(members)) for caption, members in runs]


_ITEM = re.compile(r"[一二三四五六七八九十]+、")


def is_item(label: str) -> bool:
    """一、本年新收…: a numbered item of the form itself, not a row of a block or group."""
    return _ITEM.match(label) is not None


class RuleDef(NamedTuple):
    code: str
    name: str
    severity: str
    kind: str
    basis: str | None
    summary: dict[str, str]
    message: dict[str, str]
    params: dict[str, Any]
    example: dict[str, str]
    matcher: Matcher  # runs the rule's patterns: `re`, or `regex` with a time limit
    fix: dict[str, str]  # {zh, en}: what to change (修改建议)


class Section(NamedTuple):
    id: str
    title: str
    variants: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # in this order, they make a numbered heading this section


class UnitRules(NamedTuple):
    """How the pack's reports name their issuer, and when two names are one unit."""

    suffixes: tuple[str, ...]
    self_references: dict[str, str]
    issuer_labels: tuple[str, ...]
    key_replace: dict[str, str]
    key_strip_suffix: tuple[str, ...]
    abbreviations: dict[str, str]


@dataclass(eq=False)  # identity hash: packs are cached singletons, used as cache keys
class Pack:
    id: str
    title: str
    year_from: int | None
    year_to: int | None
    markers: tuple[str, ...]
    sections: tuple[Section, ...]
    title_pattern: str
    period_keywords: tuple[str, ...]
    units: UnitRules
    tables: dict[str, TableDef]
    phrases: dict[str, tuple[str, ...]]
    rules: dict[str, RuleDef]
    blocks_aggregate: frozenset[str] = frozenset()  # findings that keep a unit out of `aggregate`
    source: str = ""  # the file it was read from
    extends: str | None = None  # a user's pack: the shipped pack it builds on
    # A relation rule's equations over a table, expanded on first use and kept with the pack
    # (relations.rule_equations): every report needs them, twice.
    equations: dict[tuple[str, TableDef], list[Equation]] = field(default_factory=dict, repr=False)

    @property
    def layout_id(self) -> str:
        """The shipped layout this pack's tables follow: a user's pack keeps the layout of the
        pack it extends, so its reports still add up with the others in `aggregate`."""
        return self.extends or self.id

    def covers(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def rule_by_name(self, name_or_code: str) -> RuleDef | None:
        key = name_or_code.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        return next((r for r in self.rules.values() if r.name == key.lower()), None)


# ---- loading ------------------------------------------------------------------------


def available_packs() -> list[str]:
    return shipped_ids()


@lru_cache(maxsize=8)
def load_pack(pack_id: str = DEFAULT_PACK) -> Pack:
    """A shipped pack, from its built JSON. scripts/build_packs.py checked it against the kinds
    when it wrote the JSON (and tests/test_packs.py keeps the JSON fresh), so it is not checked
    again on every run: that compiled every pattern before the first file was read."""
    path = resource_dir("rules") / f"{pack_id}.json"
    return _build(read_shipped(pack_id), str(path), SHIPPED)


@lru_cache(maxsize=8)
def load_user_pack(path: str) -> Pack:
    """A user's pack (`--rules FILE`): YAML, schema-checked, over the shipped pack it
    `extends`; its patterns run under a time limit."""
    data = read_yaml(Path(path))
    if data.get("extends"):
        try:
            base = read_shipped(data["extends"])
        except PackError as err:
            raise PackError(f"{path}: extends: {err}") from None
        data = {**merge(base, data), "extends": data["extends"]}
    return build(data, path, TimedMatcher())


def build(data: dict[str, Any], source: str, matcher: Matcher) -> Pack:
    """A complete pack's data → Pack, refused with every problem named if it does not fit
    the kinds' declarations."""
    errors = pack_errors(data, matcher.compile)
    if errors:
        lines = "\n".join(f"  {e}" for e in errors)
        raise PackError(f"rule pack {source} cannot be used:\n{lines}")
    return _build(data, source, matcher)


def _columns(items: list[dict[str, Any]]) -> tuple[Column, ...]:
    return tuple(
        Column(c["id"], c["label"], tuple(c.get("aliases", ())), c.get("type", "count"), c.get("group")) for c in items
    )


def _rows(items: list[dict[str, Any]]) -> tuple[Row, ...]:
    return tuple(
        Row(r["id"], r["label"], tuple(r.get("aliases", ())), tuple(r.get("columns", ())), r.get("group"))
        for r in items
    )


def _unit_rules(data: dict[str, Any]) -> UnitRules:
    key = data.get("key", {})
    return UnitRules(
        suffixes=tuple(sorted(data.get("suffixes", ()), key=len, reverse=True)),
        self_references=dict(data.get("self_references", {})),
        issuer_labels=tuple(data.get("issuer_labels", ())),
        key_replace=dict(key.get("replace", {})),
        key_strip_suffix=tuple(key.get("strip_suffix", ())),
        abbreviations=dict(key.get("abbreviations", {})),
    )


def _build(data: dict[str, Any], source: str, matcher: Matcher) -> Pack:
    tables = {
        tid: TableDef(
            id=tid,
            section=t["section"],
            name_zh=t["name"]["zh"],
            name_en=t["name"]["en"],
            layout=t.get("layout", "rows"),
            markers=tuple(t.get("markers", ())),
            groups=tuple(t.get("groups", ())),
            header=bool(t.get("header", False)),
            columns=_columns(t["columns"]),
            optional_columns=_columns(t.get("optional_columns", [])),
            rows=_rows(t["rows"]),
            optional_rows=_rows(t.get("optional_rows", [])),
            corner=t.get("template", {}).get("corner", ""),
            columns_caption=t.get("template", {}).get("columns_caption", ""),
        )
        for tid, t in data["tables"].items()
    }
    rules = {
        r["code"]: RuleDef(
            code=r["code"],
            name=r["name"],
            severity=r["severity"],
            kind=r["kind"],
            basis=r.get("basis"),
            summary=r["summary"],
            message=r["message"],
            params=with_defaults(r["kind"], r.get("params", {}) or {}),
            example=r.get("example", {}) or {},
            matcher=matcher,
            fix=r.get("fix", {}) or {},
        )
        for r in data["rules"]
    }
    years = data.get("years", {})
    return Pack(
        id=data["id"],
        title=data["title"],
        year_from=years.get("from"),
        year_to=years.get("to"),
        markers=tuple(data.get("markers", ())),
        sections=tuple(
            Section(s["id"], s["title"], tuple(s.get("variants", ())), tuple(s.get("keywords", ())))
            for s in data["sections"]
        ),
        title_pattern=data["title_pattern"]["pattern"],
        period_keywords=tuple(data.get("period", {}).get("keywords", ())),
        units=_unit_rules(data.get("units", {})),
        tables=tables,
        phrases={k: tuple(v) for k, v in data.get("phrases", {}).items()},
        rules=rules,
        blocks_aggregate=frozenset(data.get("blocks_aggregate", ())),
        source=source,
        extends=data.get("extends"),
    )


def pack_for_year(year: int | None) -> Pack:
    """The shipped pack whose years cover `year`; the default when the year is unknown."""
    return run_packs().for_year(year)


class Packs:
    """The packs of one run: the shipped ones, with a user's pack standing in for the one it
    extends. The one place that decides which pack checks a file (`for_year`) and which
    layouts a file's tables may follow (`all`)."""

    def __init__(self, by_id: dict[str, Pack], default: Pack) -> None:
        self.by_id = by_id  # shipped id → the pack used in its place
        self.default = default

    def for_year(self, year: int | None) -> Pack:
        if year is not None:
            for shipped_id, pack in sorted(self.by_id.items()):
                if shipped_id != DEFAULT_PACK and pack.covers(year):
                    return pack
        return self.default

    def all(self) -> list[Pack]:
        return [self.by_id[k] for k in sorted(self.by_id)]

    def rules(self) -> dict[str, RuleDef]:
        """Every rule any pack of the run may apply, by code (for --select and the config)."""
        out: dict[str, RuleDef] = {}
        for pack in [self.default, *self.all()]:
            for code, rule in pack.rules.items():
                out.setdefault(code, rule)
        return dict(sorted(out.items()))


@lru_cache(maxsize=8)
def run_packs(rules_file: str | None = None) -> Packs:
    """The shipped packs, or with `rules_file` (a user's pack) in place of the one it extends
    (or, without `extends`, of the shipped pack with its id, else of the default)."""
    by_id = {pack_id: load_pack(pack_id) for pack_id in available_packs()}
    if rules_file:
        user = load_user_pack(rules_file)
        replaced = user.extends or (user.id if user.id in by_id else DEFAULT_PACK)
        by_id[replaced] = user
    return Packs(by_id, by_id[DEFAULT_PACK])

