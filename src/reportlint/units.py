"""Unit names: when two names are one unit, and the office's list of units expected to report.

A report's title says 开远市 where the office's list says 开远市人民政府, a mirror copy says
廣德市統計局, a list says 住建委 for 住房和城乡建设委员会. Names are shown as written and compared
through `unit_key`, whose rules are pack data (`units.key`). `--units`, the duplicates of
`aggregate` and the pairing of `--previous` all compare through it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from reportlint.normalize import fold, needs_conversion, strip_pinyin
from reportlint.pack import UnitRules, load_pack

_ASIDE = re.compile(r"\([^()]*\)")  # (以下简称…), (城南园区): not part of the key
_NOT_NAME = re.compile(r"[\s\W_]+")
_KEY_SUFFIXES = "委局厅办"


def unit_key(name: str | None, rules: UnitRules | None = None) -> str:
    """The key two names of one unit share; '' for no name."""
    if not name:
        return ""
    rules = rules or load_pack().units
    text = strip_pinyin(name)
    text = fold(text, needs_conversion(text)).text
    text = _NOT_NAME.sub("", _ASIDE.sub("", text))
    for long, short in rules.key_replace.items():
        text = text.replace(long, short)
    if rules.abbreviations:
        full_names = rules.abbreviations
        text = _abbreviations(tuple(full_names)).sub(lambda m: full_names[m.group(1)], text)
    for suffix in rules.key_strip_suffix:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
    return text


@lru_cache(maxsize=8)
def _abbreviations(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Every abbreviated stem before 委/局/厅/办, in one pattern (longest first), compiled once."""
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(f"({alternatives})(?=[{_KEY_SUFFIXES}])")


class ExpectedUnit(NamedTuple):
    name: str  # as the office wrote it
    key: str


_HEADER_WORDS = {"单位", "单位名称", "名称", "报送单位", "unit", "name"}


def read_unit_list(path: str) -> list[ExpectedUnit]:
    """The office's list: one name per line (text), or the first column of a CSV or XLSX.

    Raises OSError when it cannot be read, ValueError when it names no unit."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        names = _xlsx_first_column(path)
    else:
        raw = Path(path).read_bytes()
        text = _decode(raw)
        if suffix == ".csv":
            import csv  # only a --units list in CSV needs it

            names = [row[0] for row in csv.reader(io.StringIO(text)) if row]
        else:
            names = text.splitlines()
    units: list[ExpectedUnit] = []
    seen: set[str] = set()
    for name in (n.strip().lstrip("\ufeff") for n in names):
        key = unit_key(name)
        if not name or name.lower() in _HEADER_WORDS or key in seen:
            continue
        seen.add(key)
        units.append(ExpectedUnit(name, key))
    if not units:
        raise ValueError("the unit list names no unit")
    return units


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _xlsx_first_column(path: str) -> list[str]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise OSError("openpyxl is not installed") from exc
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise OSError(f"{type(exc).__name__}: {exc}") from exc
    sheet = book.worksheets[0]
    names = [str(row[0]) for row in sheet.iter_rows(values_only=True) if row and row[0] is not None]
    book.close()
    return names


@dataclass
class UnitCheck:
    """Which expected units have no report, and which reports name a unit not on the list."""

    expected: int  # units on the list
    missing: list[ExpectedUnit]
    unlisted: list[str]  # paths of reports whose unit is not on the list (or not found)


def compare_units(expected: list[ExpectedUnit], reports: list[tuple[str, str | None]]) -> UnitCheck:
    """`reports`: (path, unit as found) for every report checked."""
    matched: set[str] = set()
    unlisted: list[str] = []
    for path, unit in reports:
        entry = match_unit(unit_key(unit), expected)
        if entry is None:
            unlisted.append(path)
        else:
            matched.add(entry.key)
    missing = [u for u in expected if u.key not in matched]
    return UnitCheck(len(expected), missing, unlisted)


_MIN_PARTIAL_KEY = 3


def match_unit(key: str, expected: list[ExpectedUnit]) -> ExpectedUnit | None:
    """The list's entry for a report's unit: the same key, else the one entry that differs only by
    the region written before it (a report's 长通街道 is the list's 南关区长通街道办事处)."""
    if not key:
        return None
    same = [u for u in expected if u.key == key]
    if same:
        return same[0]
    if len(key) < _MIN_PARTIAL_KEY:
        return None
    near = [u for u in expected if len(u.key) >= _MIN_PARTIAL_KEY and (u.key.endswith(key) or key.endswith(u.key))]
    return near[0] if len(near) == 1 else None
