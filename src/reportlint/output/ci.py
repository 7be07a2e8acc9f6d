"""Formats for CI systems: GitHub workflow commands and JUnit XML.

Both carry report text (messages quote it, the file name is chosen by whoever sent the
report), so both escape by their own rules: GitHub's workflow-command escaping (`%`, CR
and LF everywhere, plus `:` and `,` in properties) so no text can end a command or start
another; XML escaping in JUnit, with the characters XML cannot hold shown as `\\uXXXX`.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlint.model import FileResult
from reportlint.output.locations import describe
from reportlint.output.safe import shown, shown_name, writable

_GH = {"error": "error", "warning": "warning", "info": "notice"}


def gh_message(text: str) -> str:
    """Escape a workflow command's message (the part after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """Escape a workflow command's property value (`file=`, `title=`)."""
    return gh_message(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], options: Any) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            where = f",line={f.location.line}" if f.location.line is not None else ""
            text = gh_message(shown(f"{f.message}（{describe(f.location, options.lang)}）"))
            # the file must stay the real path for GitHub to find it; only what cannot be
            # written (a lone surrogate) is shown
            path = gh_property(writable(result.path))
            title = gh_property(f"{f.code} {f.name}")
            lines.append(f"::{_GH[f.severity]} file={path}{where},title={title}::{text}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_junit(results: list[FileResult], options: Any) -> str:
    cases = []
    failures = 0
    for result in results:
        bad = [f for f in result.findings if f.severity == "error"]
        failures += bool(bad)
        body = "".join(
            f"<failure type={quoteattr(f.code)} message={quoteattr(shown(f.message))}>"
            f"{escape(shown(describe(f.location, options.lang)))}</failure>"
            for f in bad
        )
        cases.append(f'<testcase classname="reportlint" name={quoteattr(shown_name(result.path))}>{body}</testcase>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="reportlint" tests="{len(results)}" failures="{failures}">' + "".join(cases) + "</testsuite>\n"
    )
