"""SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any

from reportlint.model import FileResult
from reportlint.pack import load_pack

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: list[FileResult], options: Any) -> str:
    pack = load_pack(options.rulepack)
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary.get(options.lang, r.summary["zh"])},
            "properties": {"basis": r.basis},
        }
        for r in sorted(pack.rules.values(), key=lambda r: r.code)
    ]
    sarif_results = []
    for result in results:
        for f in result.findings:
            region: dict[str, int] = {}
            if f.location.line is not None:
                region["startLine"] = f.location.line
                if isinstance(f.location.column, int):
                    region["startColumn"] = f.location.column
            physical: dict[str, Any] = {"artifactLocation": {"uri": result.path}}
            if region:
                physical["region"] = region
            sarif_results.append(
                {
                    "ruleId": f.code,
                    "level": _LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [{"physicalLocation": physical}],
                    "properties": {"location": f.location.as_dict(), "expected": f.expected, "actual": f.actual},
                }
            )
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "reportlint", "version": options.version, "rules": rules}},
                  "results": sarif_results}],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
