"""Regular expressions compiled once per machine, not once per run.

Every check compiles about 150 tolerant label patterns (a `\\s*` between each character),
and Python's pattern compiler, written in Python, spends some 35 ms on them: a quarter of a
cold check, which a pre-commit hook pays on every commit. This module keeps the compiler's
output (the opcode list `re` hands to `_sre.compile`) in the user cache, keyed by the
interpreter and the `_sre` version, and rebuilds patterns from it directly.

It leans on CPython internals, so it is careful: any other interpreter or version, any
damaged cache entry, and any error at all falls back to `re.compile`, which gives the same
pattern. `REPORTLINT_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import atexit
import json
import re
import sys
from pathlib import Path
from typing import Any

from reportlint.files import cache_dir, write_cache

try:  # CPython only
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters
    _sre = None

_entries: dict[str, list[Any]] | None = None
_used: set[str] = set()
_added = False
_MAX_ENTRIES = 2000  # beyond this (packs edited many times), keep only what this run used


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    if _sre is None or sys.implementation.name != "cpython":
        return re.compile(pattern, flags)
    key = f"{flags}:{pattern}"
    _used.add(key)
    entry = _load().get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, entry[0], entry[1], entry[2], entry[3], tuple(entry[4]))
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile afresh
            pass
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]
        compiled = _sre.compile(pattern, entry[0], entry[1], entry[2], entry[3], tuple(entry[4]))
    except Exception:  # noqa: BLE001 - whatever changed inside `re`, the public path still works
        return re.compile(pattern, flags)
    _remember(key, entry)
    return compiled


def _cache_file() -> Path | None:
    base = cache_dir()
    if base is None or _sre is None:
        return None
    return base / f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}.json"


def _load() -> dict[str, list[Any]]:
    global _entries
    if _entries is None:
        _entries = {}
        path = _cache_file()
        if path is not None and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                _entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                _entries = {}
    return _entries


def _remember(key: str, entry: list[Any]) -> None:
    global _added
    _load()[key] = entry
    if not _added:
        _added = True
        atexit.register(_save)


def _save() -> None:
    path = _cache_file()
    if path is None or not _entries:
        return
    entries = _entries if len(_entries) <= _MAX_ENTRIES else {k: v for k, v in _entries.items() if k in _used}
    write_cache(path, json.dumps(entries, ensure_ascii=False))
