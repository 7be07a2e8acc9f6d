"""Configuration: [tool.reportlint] in pyproject.toml, or reportlint.toml / .reportlint.toml.

Found like ruff finds its own: from the folder of the files being checked upward, the
nearest wins, so `check 草稿/d.docx`, `check .` and a run from inside 草稿 read the same
file. Paths in it (`exclude`, `per-file-ignores`) are relative to the config file's folder.
A file that is not valid TOML is a usage error naming the line and column, never ignored.
"""

from __future__ import annotations

import json
import os
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint.errors import UsageError
from reportlint.messages import say
from reportlint.packfile import resource_dir, schema_errors

if TYPE_CHECKING:
    import tomllib

CONFIG_FILES = ("reportlint.toml", ".reportlint.toml", "pyproject.toml")


def search_start(paths: list[str]) -> Path:
    """The folder the lookup starts in: the deepest folder holding every path checked
    (the current folder for standard input)."""
    folders = [Path.cwd() if p == "-" else Path(p) if os.path.isdir(p) else Path(p).parent for p in paths]
    resolved = [str(f.resolve()) for f in folders] or [str(Path.cwd())]
    return Path(os.path.commonpath(resolved))


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(path: Path) -> bool:
    """A pyproject.toml counts when it has [tool.reportlint]. Whether it parses is load_config's
    to say (a broken one that names the section is an error, not a reason to look further up)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*reportlint\s*[.\]]", text, re.MULTILINE) is not None


def load_config(path: Path, lang: str = "zh") -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(say("config-unreadable", lang, path=path, reason=exc)) from exc
    data = _parse(path, text, lang)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("reportlint", {})
    elif "tool" in data and "reportlint" in data["tool"]:
        data = data["tool"]["reportlint"]
    schema = json.loads((resource_dir("schemas") / "config.schema.json").read_text(encoding="utf-8"))
    errors = schema_errors(data, schema)
    if errors:
        raise UsageError(say("config-invalid", lang, path=path) + "\n" + "\n".join(errors))
    if "rules" in data:  # a user's rule pack, named relative to the config file
        data["rules"] = str(path.parent / data["rules"])
    return data


def _parse(path: Path, text: str, lang: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: a run without a config file never parses TOML

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(toml_error(path, exc, lang)) from None


def toml_error(path: Path, exc: tomllib.TOMLDecodeError, lang: str) -> str:
    """`FILE:LINE:COLUMN: …` and the offending line, as editors and CI logs link them."""
    reason = str(exc)
    where = re.search(r"\(at line (\d+), column (\d+)\)", reason)
    if where is None:
        return say("config-not-toml-nowhere", lang, path=path, reason=reason)
    line, column = int(where.group(1)), int(where.group(2))
    reason = reason[: where.start()].strip()
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    shown = f"\n    {lines[line - 1]}\n    {' ' * (column - 1)}^" if 0 < line <= len(lines) else ""
    return say("config-not-toml", lang, path=path, line=line, column=column, reason=reason) + shown


def relative_to(path: str, root: Path) -> str:
    """A checked file's path as written in the config: relative to the config's folder, with `/`."""
    if path == "-":
        return path
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # outside the config's folder: patterns can only match its own path
        return Path(path).as_posix()


def matches(path: str, root: Path, pattern: str) -> bool:
    """A config pattern (`草稿/*`, `*.md`) matches the path relative to the config, or the file name."""
    relative = relative_to(path, root)
    return fnmatch(relative, pattern.removeprefix("./")) or fnmatch(os.path.basename(path), pattern)
