"""JSON per schemas/report.schema.json: deterministic, absent values null, text exact
(a lone surrogate in a file name is written as its escape, so the file stays UTF-8)."""

from __future__ import annotations

from typing import Any

from reportlint.model import FileResult
from reportlint.output.safe import dumps_json


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
                "findings": [f.as_dict() for f in result.findings],
                "counts": counts,
            }
        )
    return {
        "schema_version": "1.0",
        "tool": {"name": "reportlint", "version": options.version, "rulepack": options.rulepack},
        "files": files,
        "summary": {"files": len(results), **totals, "unreadable": sum(1 for r in results if r.unreadable)},
        "units": _units(options.units, results),
    }


def _units(check: Any, results: list[FileResult]) -> dict[str, Any] | None:
    """--units: the expected units with no report (未报送), and reports of units not on the list."""
    if check is None:
        return None
    unit_of = {r.path: r.unit for r in results}
    return {
        "expected": check.expected,
        "missing": [u.name for u in check.missing],
        "unlisted": [{"path": path, "unit": unit_of.get(path)} for path in check.unlisted],
    }


def render_json(results: list[FileResult], options: Any) -> str:
    return dumps_json(as_data(results, options))
