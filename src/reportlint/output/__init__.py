"""output: one module per format, each `(results, options) -> str | bytes`, and `WRITERS`, the
registry `--format`, `-o` name inference and `render` derive from: a new output is one writer
function plus one `OutputFormat` line."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import __version__
from reportlint.model import FileResult

Renderer = Callable[[list[FileResult], "Options"], "str | bytes"]


class OutputFormat(NamedTuple):
    """One line of `WRITERS`: everything `check` needs to know about an output format."""

    name: str  # --format NAME
    writer: str  # "module:function" `(results, options) -> str | bytes`, imported only when used
    extensions: tuple[str, ...] = ()  # `-o` names that ask for it besides `.NAME` (lower case, with the dot)
    binary: bool = False  # bytes, never written to a terminal

    def load(self) -> Renderer:
        module, _, function = self.writer.partition(":")
        render: Renderer = getattr(importlib.import_module(module), function)
        return render


WRITERS: tuple[OutputFormat, ...] = (
    OutputFormat("text", "reportlint.output.text:render_text", (".txt",)),
    OutputFormat("concise", "reportlint.output.text:render_concise"),
    OutputFormat("json", "reportlint.output.json:render_json"),
    OutputFormat("sarif", "reportlint.output.sarif:render_sarif"),
    OutputFormat("github", "reportlint.output.ci:render_github"),
    OutputFormat("junit", "reportlint.output.ci:render_junit", (".xml",)),
    OutputFormat("csv", "reportlint.output.summary:render_csv"),
    OutputFormat("xlsx", "reportlint.output.xlsx:render_xlsx", binary=True),
    OutputFormat("html", "reportlint.output.html:render_html", (".htm",)),
    OutputFormat("docx", "reportlint.output.docx_comments:render_docx", binary=True),
)
DEFAULT_FORMAT = "text"


def formats() -> tuple[str, ...]:
    return tuple(fmt.name for fmt in WRITERS)


def find(name: str) -> OutputFormat | None:
    return next((fmt for fmt in WRITERS if fmt.name == name), None)


def format_for(output: Path | None) -> str:
    """The format an output file's name asks for: 汇总.xlsx is XLSX, report.sarif is SARIF;
    any other name (or none) gets text."""
    suffix = output.suffix.lower() if output is not None else ""
    return next((fmt.name for fmt in WRITERS if suffix in (f".{fmt.name}", *fmt.extensions)), DEFAULT_FORMAT)


class Options(NamedTuple):
    lang: str = "zh"
    color: bool | None = None  # None: decide from the terminal and NO_COLOR
    quiet: bool = False
    statistics: bool = False
    rules_file: str | None = None  # a user's rule pack (--rules): its rules are described too
    notes: Any = None  # batch.BatchNotes: skipped files, missing units, duplicates, --previous pairing
    inputs: list[str] | None = None  # the paths as given on the command line (the HTML report's header)
    version: str = __version__


def render(results: list[FileResult], fmt: str, options: Options) -> str | bytes:
    found = find(fmt)
    if found is None:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {'|'.join(formats())}")
    return found.load()(results, options)
