"""Formats for CI systems: GitHub workflow commands and JUnit XML."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlint.model import FileResult
from reportlint.output.locations import describe

_GH = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render_github(results: list[FileResult], options: Any) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            where = f",line={f.location.line}" if f.location.line is not None else ""
            text = _gh_escape(f"{f.message}（{describe(f.location, options.lang)}）")
            lines.append(f"::{_GH[f.severity]} file={result.path}{where},title={f.code} {f.name}::{text}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_junit(results: list[FileResult], options: Any) -> str:
    cases = []
    failures = 0
    for result in results:
        bad = [f for f in result.findings if f.severity == "error"]
        failures += bool(bad)
        body = "".join(
            f'<failure type="{f.code}" message={quoteattr(f.message)}>{escape(describe(f.location, options.lang))}</failure>'
            for f in bad
        )
        cases.append(f'<testcase classname="reportlint" name={quoteattr(result.path)}>{body}</testcase>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="reportlint" tests="{len(results)}" failures="{failures}">' + "".join(cases) + "</testsuite>\n"
    )
