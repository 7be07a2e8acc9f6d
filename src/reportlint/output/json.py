"""JSON per schemas/report.schema.json: deterministic, absent values null, text exact
(a lone surrogate in a file name is written as its escape, so the file stays UTF-8)."""

from __future__ import annotations

from typing import Any

from reportlint.model import FileResult
from reportlint.output.safe import dumps_json
from reportlint.pack import run_packs


def as_data(results: list[FileResult], options: Any) -> dict[str, Any]:
    files = []
    totals = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        counts = result.counts()
        for key in totals:
            totals[key] += counts[key]
        files.append(
            {
                "path": result.path,
                "format": result.format,
                "unit": result.unit,
                "year": result.year,
                "previous": result.previous,
                "rulepack": result.rulepack,
                "layout": result.layout,
                "findings": [f.as_dict() for f in result.findings],
                "counts": counts,
            }
        )
    return {
        "schema_version": "1.0",
        # the run's default pack (a user's pack when it extends the default): each file names its own
        "tool": {"name": "reportlint", "version": options.version,
                 "rulepack": run_packs(getattr(options, "rules_file", None)).default.id},
        "files": files,
        "summary": {"files": len(results), **totals, "unreadable": sum(1 for r in results if r.unreadable)},
        **_notes(options.notes, results),
    }


def _notes(notes: Any, results: list[FileResult]) -> dict[str, Any]:
    """What the batch says besides the findings; null where the run did not ask for it."""
    if notes is None:
        return {"skipped": [], "duplicates": [], "units": None, "unpaired_previous": None}
    unit_of = {r.path: r.unit for r in results}
    units = None
    if notes.units is not None:
        units = {
            "expected": notes.units.expected,
            "missing": [u.name for u in notes.units.missing],
            "unlisted": [{"path": path, "unit": unit_of.get(path)} for path in notes.units.unlisted],
        }
    return {
        "skipped": [{"path": s.path, "reason": s.reason} for s in notes.skipped],
        "duplicates": [{"path": d.path, "kept": d.kept} for d in notes.duplicates],
        "units": units,
        "unpaired_previous": notes.unpaired,
    }


def render_json(results: list[FileResult], options: Any) -> str:
    return dumps_json(as_data(results, options))
