"""Configuration: [tool.reportlint] in pyproject.toml or reportlint.toml, nearest wins."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from reportlint.packfile import PackError, resource_dir, schema_errors

CONFIG_FILES = ("reportlint.toml", ".reportlint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(path: Path) -> bool:
    try:
        return "reportlint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def load_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"config {path} is not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("reportlint", {})
    elif "tool" in data and "reportlint" in data["tool"]:
        data = data["tool"]["reportlint"]
    schema = json.loads((resource_dir("schemas") / "config.schema.json").read_text(encoding="utf-8"))
    errors = schema_errors(data, schema)
    if errors:
        raise PackError(f"invalid configuration in {path}:\n" + "\n".join(errors))
    if "rules" in data:  # a user's rule pack, named relative to the config file
        data["rules"] = str(path.parent / data["rules"])
    return data
