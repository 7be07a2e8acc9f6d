"""SARIF 2.1.0 for code-scanning dashboards; valid by the official schema (tested).

A file name is written as a URI reference (percent-encoded from the name's own bytes, so
even a name in a foreign encoding is exact); messages people read show hidden characters.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from reportlint.model import FileResult
from reportlint.output.safe import dumps_json, shown
from reportlint.pack import run_packs

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: list[FileResult], options: Any) -> str:
    # Every rule the run's packs may apply (a report of 2019 is checked with that year's pack,
    # a user's pack adds its own), so each result's ruleId is described in the driver.
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary.get(options.lang, r.summary["zh"])},
            "properties": {"basis": r.basis},
        }
        for r in run_packs(options.rules_file).rules().values()
    ]
    sarif_results = []
    for result in results:
        for f in result.findings:
            region: dict[str, int] = {}
            if f.location.line is not None:
                region["startLine"] = f.location.line
                if isinstance(f.location.column, int):
                    region["startColumn"] = f.location.column
            physical: dict[str, Any] = {"artifactLocation": {"uri": path_uri(result.path)}}
            if region:
                physical["region"] = region
            sarif_results.append(
                {
                    "ruleId": f.code,
                    "level": _LEVEL[f.severity],
                    "message": {"text": shown(f.message)},
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
    return dumps_json(doc)


def path_uri(path: str) -> str:
    """A relative or absolute file path as a SARIF `uri` (RFC 3986 reference)."""
    try:
        raw = path.replace(os.sep, "/").encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system made: keep its code units
        raw = path.replace(os.sep, "/").encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")
