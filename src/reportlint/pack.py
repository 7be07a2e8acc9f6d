"""Rule packs: load the YAML, resolve `extends`, validate, and give typed access.

A pack is the single source of truth for labels, ids, relations, messages and
severities. Python never spells a row label; it reads it from here.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlint.files import cache_dir, write_cache

DEFAULT_PACK = "gov-2021-30"


class PackError(Exception):
    """A rule pack or config file that does not validate: a usage error, exit 2."""


def resource_dir(name: str) -> Path:
    """`rules/` or `schemas/`: inside the installed package, or at the repo root in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise PackError(f"cannot find the {name}/ folder next to {here}")


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    type: str = "count"


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # empty: the table's columns


@dataclass(frozen=True)
class TableDef:
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


@dataclass(frozen=True)
class RuleDef:
    code: str
    name: str
    severity: str
    kind: str
    basis: str | None
    summary: dict[str, str]
    message: dict[str, str]
    params: dict[str, Any] = field(default_factory=dict)
    example: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    variants: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # in this order, they make a numbered heading this section


@dataclass(frozen=True)
class UnitRules:
    """How the pack's reports name their issuer, and when two names are one unit."""

    suffixes: tuple[str, ...] = ()
    self_references: dict[str, str] = field(default_factory=dict)
    issuer_labels: tuple[str, ...] = ()
    key_replace: dict[str, str] = field(default_factory=dict)
    key_strip_suffix: tuple[str, ...] = ()
    abbreviations: dict[str, str] = field(default_factory=dict)


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

    def covers(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def rule_by_name(self, name_or_code: str) -> RuleDef | None:
        key = name_or_code.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        return next((r for r in self.rules.values() if r.name == key.lower()), None)


# ---- loading ------------------------------------------------------------------------


def available_packs() -> list[str]:
    return sorted(p.stem for p in resource_dir("rules").glob("*.yaml"))


@lru_cache(maxsize=8)
def load_pack(pack_id: str = DEFAULT_PACK) -> Pack:
    return _build(_resolve(pack_id, ()))


def _read_yaml(pack_id: str) -> dict[str, Any]:
    """A pack's data. YAML parsing and schema validation cost more than a whole check, so a
    validated pack is kept as JSON in the user's cache, keyed by the pack and schema text."""
    path = resource_dir("rules") / f"{pack_id}.yaml"
    if not path.is_file():
        raise PackError(f"unknown rule pack {pack_id!r}; available: {', '.join(available_packs())}")
    text = path.read_text(encoding="utf-8")
    schema_text = (resource_dir("schemas") / "rulepack.schema.json").read_text(encoding="utf-8")
    digest = hashlib.sha256((schema_text + "\0" + text).encode()).hexdigest()[:32]
    cache = cache_dir()
    cached = cache / f"pack-{pack_id}-{digest}.json" if cache else None
    if cached is not None and cached.is_file():
        try:
            data: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            pass  # a damaged cache entry: parse the YAML again
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise PackError(f"rule pack {pack_id}: not a mapping")
    errors = schema_errors(data, json.loads(schema_text))
    if errors:
        raise PackError(f"rule pack {pack_id} is invalid:\n" + "\n".join(errors))
    _remember(cached, data)
    return data


def _resolve(pack_id: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if pack_id in seen:
        raise PackError(f"rule pack {pack_id}: circular 'extends'")
    data = _read_yaml(pack_id)
    parent_id = data.get("extends")
    if not parent_id:
        return data
    merged = copy.deepcopy(_resolve(parent_id, seen + (pack_id,)))
    for key, value in data.items():
        if key == "tables":
            for table_id, patch in value.items():
                merged["tables"][table_id] = _patch_table(merged["tables"].get(table_id, {}), patch)
        elif key == "rules":
            by_code = {r["code"]: r for r in merged["rules"]}
            by_code.update({r["code"]: r for r in value})
            merged["rules"] = list(by_code.values())
        elif key != "extends":
            merged[key] = value
    disabled = set(data.get("disable", ()))
    merged["rules"] = [r for r in merged["rules"] if r["code"] not in disabled]
    return merged


def _patch_table(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    table = {**base, **{k: v for k, v in patch.items() if k not in ("remove_rows", "insert_rows")}}
    rows = [r for r in table.get("rows", []) if r["id"] not in set(patch.get("remove_rows", ()))]
    insert = patch.get("insert_rows")
    if insert:
        at = next((i for i, r in enumerate(rows) if r["id"] == insert["before"]), len(rows))
        rows[at:at] = insert["rows"]
    table["rows"] = rows
    return table


def schema_errors(data: Any, schema: dict[str, Any]) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"  {'/'.join(str(p) for p in err.absolute_path) or '(top)'}: {err.message}"
        for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def _remember(target: Path | None, data: dict[str, Any]) -> None:
    """Keep the validated pack; entries for older texts of the same pack go."""
    if target is None or not write_cache(target, json.dumps(data, ensure_ascii=False)):
        return
    stem = target.name.rsplit("-", 1)[0]  # pack-<id>
    for stale in target.parent.glob(f"{stem}-*.json"):
        if stale != target:
            stale.unlink(missing_ok=True)


def _columns(items: list[dict[str, Any]]) -> tuple[Column, ...]:
    return tuple(
        Column(c["id"], c["label"], tuple(c.get("aliases", ())), c.get("type", "count")) for c in items
    )


def _rows(items: list[dict[str, Any]]) -> tuple[Row, ...]:
    return tuple(Row(r["id"], r["label"], tuple(r.get("aliases", ())), tuple(r.get("columns", ()))) for r in items)


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


def _build(data: dict[str, Any]) -> Pack:
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
            params=r.get("params", {}) or {},
            example=r.get("example", {}) or {},
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
    )


def pack_for_year(year: int | None) -> Pack:
    """The pack whose years cover `year`; the default when the year is unknown."""
    if year is not None:
        for pack_id in available_packs():
            pack = load_pack(pack_id)
            if pack.covers(year) and pack.id != DEFAULT_PACK:
                return pack
    return load_pack(DEFAULT_PACK)
