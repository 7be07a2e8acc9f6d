"""Pack files as data: the shipped JSON, user YAML, `extends` merged, and the checks that name
what is wrong.

Shipped packs are written as YAML (rules/*.yaml, reviewed by people) and committed as JSON
(rules/*.json, built by scripts/build_packs.py with `extends` already merged and the schema
already checked), so a check reads one JSON file and needs neither YAML nor jsonschema.
A user's pack (`--rules FILE`) is YAML and is schema-checked when it loads.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from reportlint.kinds import Env, Pattern, rule_errors


class PackError(Exception):
    """A rule pack that cannot be used: its message names the file, rule and key. Exit 2."""


def resource_dir(name: str) -> Path:
    """`rules/` or `schemas/`: inside the installed package, or at the repo root in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise PackError(f"cannot find the {name}/ folder next to {here}")


def shipped_ids() -> list[str]:
    return sorted(p.stem for p in resource_dir("rules").glob("*.json"))


def read_shipped(pack_id: str) -> dict[str, Any]:
    """A shipped pack as built: complete, `extends` already merged."""
    path = resource_dir("rules") / f"{pack_id}.json"
    if not path.is_file():
        raise PackError(f"unknown rule pack {pack_id!r}; available: {', '.join(shipped_ids())}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def read_yaml(path: Path) -> dict[str, Any]:
    """A pack written in YAML (JSON is YAML too), checked against schemas/rulepack.schema.json."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read the rule pack ({exc})") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise PackError(f"{path}: a rule pack is a mapping (id, title, rules, …)")
    schema = json.loads((resource_dir("schemas") / "rulepack.schema.json").read_text(encoding="utf-8"))
    errors = schema_errors(data, schema)
    if errors:
        raise PackError(f"{path}: the rule pack does not follow schemas/rulepack.schema.json:\n" + "\n".join(errors))
    return data


def schema_errors(data: Any, schema: dict[str, Any]) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"  {_where(data, list(err.absolute_path))}: {err.message}"
        for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def _where(data: Any, path: list[Any]) -> str:
    """`rules[3]/params` reads better as `rule C601: params`."""
    if len(path) >= 2 and path[0] == "rules" and isinstance(data, dict):
        try:
            code = data["rules"][path[1]].get("code", f"#{path[1]}")
        except (IndexError, KeyError, TypeError, AttributeError):
            code = f"#{path[1]}"
        return f"rule {code}" + (": " + ".".join(map(str, path[2:])) if path[2:] else "")
    return "/".join(map(str, path)) or "(top)"


# ---- extends ----------------------------------------------------------------------------


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over a complete `base`: tables patched per table, rules replaced or added per
    code (a rule entry may give only what changes: severity, params, message), `disable` drops
    rules, anything else replaces the base's value."""
    merged = copy.deepcopy(base)
    for key, value in child.items():
        if key == "tables":
            for table_id, patch in value.items():
                merged["tables"][table_id] = _patch_table(merged["tables"].get(table_id, {}), patch)
        elif key == "rules":
            by_code = {r["code"]: r for r in merged["rules"]}
            for rule in value:
                by_code[rule["code"]] = _patch_rule(by_code.get(rule["code"], {}), rule)
            merged["rules"] = list(by_code.values())
        elif key == "phrases":
            merged["phrases"] = {**merged.get("phrases", {}), **value}
        elif key not in ("extends", "disable"):
            merged[key] = value
    disabled = set(child.get("disable", ()))
    merged["rules"] = [r for r in merged["rules"] if r["code"] not in disabled]
    return merged


def _patch_rule(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A rule changed by a pack that extends: params and messages change key by key."""
    rule = {**base, **patch}
    for key in ("params", "message", "summary"):
        if key in base and key in patch:
            rule[key] = {**base[key], **patch[key]}
    return rule


def _patch_table(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    table = {**base, **{k: v for k, v in patch.items() if k not in ("remove_rows", "insert_rows")}}
    rows = [r for r in table.get("rows", []) if r["id"] not in set(patch.get("remove_rows", ()))]
    insert = patch.get("insert_rows")
    if insert:
        at = next((i for i, r in enumerate(rows) if r["id"] == insert["before"]), len(rows))
        rows[at:at] = insert["rows"]
    table["rows"] = rows
    return table


# ---- what the schema cannot say ----------------------------------------------------------------

_RULE_KEYS = ("code", "name", "severity", "kind", "summary", "message")


def pack_errors(data: dict[str, Any], compile_pattern: Any) -> list[str]:
    """A complete pack against the kinds' declarations: every rule's params and placeholders,
    and every pattern compiled with the engine that will run it."""
    errors: list[str] = []
    for key in ("id", "title", "sections", "tables", "rules", "title_pattern"):
        if key not in data:
            errors.append(f"{key}: missing")
    if errors:
        return errors
    env = Env(
        compile_pattern,
        tables=frozenset(data["tables"]),
        phrases=frozenset(data.get("phrases", {})),
        sections=frozenset(s["id"] for s in data["sections"]),
    )
    errors.extend(Pattern().errors(data["title_pattern"]["pattern"], "title_pattern.pattern", env))
    for name, patterns in data.get("phrases", {}).items():
        for i, pattern in enumerate(patterns):
            errors.extend(Pattern().errors(pattern, f"phrases.{name}[{i}]", env))
    for code in data.get("blocks_aggregate", ()):
        if not re.fullmatch(r"[A-Z]\d{3}", code):
            errors.append(f"blocks_aggregate: {code!r} is not a rule code")
    for rule in data["rules"]:
        code = rule.get("code", "?")
        missing = [k for k in _RULE_KEYS if k not in rule]
        if missing:
            errors.append(f"rule {code}: missing {', '.join(missing)}")
            continue
        errors.extend(f"rule {code} ({rule['name']}): {line}" for line in rule_errors(rule, env))
    return errors


# ---- building the shipped JSON (scripts/build_packs.py, and the test that it is fresh) ----------


def built_json(pack_id: str) -> str:
    """rules/<id>.json as scripts/build_packs.py writes it from rules/<id>.yaml."""
    data = {"$comment": f"Built from rules/{pack_id}.yaml by scripts/build_packs.py: edit the YAML, then run it.",
            **_resolved_yaml(pack_id, ())}
    data.pop("extends", None)
    errors = pack_errors(data, re.compile)
    if errors:
        raise PackError(f"rules/{pack_id}.yaml cannot be used:\n" + "\n".join(f"  {e}" for e in errors))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _resolved_yaml(pack_id: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if pack_id in seen:
        raise PackError(f"rule pack {pack_id}: circular 'extends'")
    data = read_yaml(resource_dir("rules") / f"{pack_id}.yaml")
    parent = data.get("extends")
    return merge(_resolved_yaml(parent, (*seen, pack_id)), data) if parent else data


def yaml_ids() -> list[str]:
    return sorted(p.stem for p in resource_dir("rules").glob("*.yaml"))
