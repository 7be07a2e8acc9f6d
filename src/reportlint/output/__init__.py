"""output: one module per format, each `(results, options) -> str | bytes`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlint import __version__
from reportlint.model import FileResult

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "csv", "xlsx", "html", "docx")
BINARY_FORMATS = ("xlsx", "docx")


@dataclass
class Options:
    lang: str = "zh"
    color: bool | None = None  # None: decide from the terminal and NO_COLOR
    quiet: bool = False
    statistics: bool = False
    rulepack: str = "gov-2021-30"
    notes: Any = None  # batch.BatchNotes: skipped files, missing units, duplicates, --previous pairing
    version: str = __version__


def render(results: list[FileResult], fmt: str, options: Options) -> str | bytes:
    if fmt in ("text", "concise"):
        from reportlint.output.text import render_concise, render_text

        return render_text(results, options) if fmt == "text" else render_concise(results, options)
    if fmt == "json":
        from reportlint.output.json import render_json

        return render_json(results, options)
    if fmt == "sarif":
        from reportlint.output.sarif import render_sarif

        return render_sarif(results, options)
    if fmt == "github":
        from reportlint.output.ci import render_github

        return render_github(results, options)
    if fmt == "junit":
        from reportlint.output.ci import render_junit

        return render_junit(results, options)
    if fmt == "docx":
        from reportlint.output.docx_comments import render_docx

        return render_docx(results, options)
    from reportlint.output.summary import render_csv, render_html, render_xlsx

    renderers: dict[str, Callable[[list[FileResult], Options], str | bytes]] = {
        "csv": render_csv, "html": render_html, "xlsx": render_xlsx}
    return renderers[fmt](results, options)
