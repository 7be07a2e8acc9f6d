"""What a batch says beyond each file's findings: files skipped, units that sent nothing,
one unit's several copies, and reports `--previous` found no last year's report for.

The supervising office runs one command over whatever its units sent; these notes are what
it acts on besides the findings (SPEC §6).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlint.model import FileResult
from reportlint.units import ExpectedUnit, UnitCheck, compare_units, unit_key

# Why a file found in a folder was not checked: words per language.
SKIP_REASONS = {
    "file-type": {"zh": "不是可检查的文件类型", "en": "not a kind of file reportlint reads"},
    "not-a-report": {"zh": "不像政府信息公开工作年度报告", "en": "does not look like an annual report"},
}
# Which copy of one unit's report counts: a DOCX is the writer's own, a PDF or page is made from it.
_FORMAT_PREFERENCE = {"docx": 0, "pdf": 1, "html": 2, "text": 3}


class Skipped(NamedTuple):
    path: str
    reason: str  # a key of SKIP_REASONS


class Duplicate(NamedTuple):
    path: str
    kept: str  # the copy of the same unit and year that counts


@dataclass
class BatchNotes:
    skipped: list[Skipped] = field(default_factory=list)
    units: UnitCheck | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    unpaired: list[str] | None = None  # with --previous: reports paired with no last year's report


def set_aside_non_reports(results: list[FileResult], named: set[str], other: list[str]) -> tuple[
        list[FileResult], list[Skipped]]:
    """Files found in a folder that are no reports (a README, a picture) are listed as skipped,
    not failed; a file named on the command line keeps its F003."""
    skipped = [Skipped(p, "file-type") for p in other]
    kept: list[FileResult] = []
    for result in results:
        if result.path not in named and [f.code for f in result.findings] == ["F003"]:
            skipped.append(Skipped(result.path, "not-a-report"))
        else:
            kept.append(result)
    return kept, sorted(skipped, key=lambda s: s.path)


def find_duplicates(results: list[FileResult]) -> list[Duplicate]:
    """Several readable reports of one unit and year: the DOCX counts over the PDF over the page,
    else the newest file; the others are duplicates of it."""
    if len(results) < 2:
        return []  # one report duplicates nothing (and needs no unit key)
    groups: dict[tuple[str, int | None], list[FileResult]] = {}
    for result in results:
        key = unit_key(result.unit)
        if key and not result.unreadable:
            groups.setdefault((key, result.year), []).append(result)
    duplicates: list[Duplicate] = []
    for copies in groups.values():
        if len(copies) > 1:
            kept = min(copies, key=_preference)
            duplicates.extend(Duplicate(r.path, kept.path) for r in copies if r is not kept)
    return sorted(duplicates, key=lambda d: d.path)


def _preference(result: FileResult) -> tuple[int, float, str]:
    try:
        age = -os.path.getmtime(result.path)
    except OSError:
        age = 0.0
    return _FORMAT_PREFERENCE.get(result.format or "", 9), age, result.path


def review(results: list[FileResult], expected: list[ExpectedUnit] | None, previous_given: bool) -> BatchNotes:
    notes = BatchNotes(duplicates=find_duplicates(results))
    readable = [r for r in results if not r.unreadable]
    if expected is not None:
        notes.units = compare_units(expected, [(r.path, r.unit) for r in readable])
    if previous_given:
        notes.unpaired = [r.path for r in readable if r.previous is None]
    return notes
