"""Round trips through the producers units really use: every DOCX fixture exported to PDF by
LibreOffice, every web page (fixtures and corpus) printed to PDF by Chromium, reads like its
source — the same findings (code, row, column, expected, actual) and the same tables.

A web print may add page residue (C604: the site's footer); nothing else. The reportlab
round trips in test_formats.py stay: they pin layouts these producers do not make.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from docx_edits import box_intro, drop_row, edited, header_and_footer, repeated_header, split_table
from helpers import CORPUS, REPO, docx_bytes, sections_with, tables_with
from producers import Producers, WebPage
from renderers import document_html, traditional, traditional_docx

from reportlint.api import check_bytes
from reportlint.model import FileResult
from reportlint.read import read_bytes

pytest.importorskip("pdfplumber", reason="the PDF extra")

DOCX_FIXTURES: dict[str, Any] = {
    "example_clean_2024": lambda: (REPO / "examples" / "clean_2024.docx").read_bytes(),
    "example_defects_2024": lambda: (REPO / "examples" / "defects_2024.docx").read_bytes(),
    "template_sample": lambda: docx_bytes(),
    "long_prose": lambda: docx_bytes(sections=sections_with()),
    "changed_count": lambda: docx_bytes(tables_with(applications__disclosed__commercial=5)),
    "changed_total": lambda: docx_bytes(tables_with(applications__new__total=69)),
    "broken_review_total": lambda: docx_bytes(tables_with(reviews__litigation_direct__total=5)),
    "blank_cell": lambda: docx_bytes(tables_with(applications__withheld_1__research="/")),
    "text_in_cell": lambda: docx_bytes(tables_with(applications__withheld_1__research="未统计")),
    "dropped_row": lambda: edited(docx_bytes(), drop_row),
    "split_table": lambda: edited(docx_bytes(), split_table),
    "boxed_intro": lambda: edited(docx_bytes(), box_intro),
    "repeated_header": lambda: edited(docx_bytes(sections=sections_with()), repeated_header),
    "header_footer": lambda: edited(docx_bytes(sections=sections_with()), header_and_footer),
    "missing_section": lambda: docx_bytes(sections=sections_with(五=None)),
    "no_period": lambda: docx_bytes(period=""),
    "report_year_2019": lambda: docx_bytes(year=2019),
    "wrong_year": lambda: docx_bytes(period="本报告所列数据统计期限为2023年1月1日至2023年12月31日。"),
    "traditional": lambda: traditional_docx(docx_bytes(tables_with(applications__new__total=69))),
}


def _doc_of(data: bytes) -> Any:
    return read_bytes(data, Path("r.docx"))


HTML_FIXTURES: dict[str, Any] = {
    "page_clean": lambda: document_html(_doc_of(docx_bytes())),
    "page_changed_total": lambda: document_html(_doc_of(docx_bytes(tables_with(applications__new__total=69)))),
    "page_traditional_big5": lambda: document_html(traditional(_doc_of(docx_bytes())), "big5"),
    "page_thead": lambda: _with_thead(document_html(_doc_of(docx_bytes(sections=sections_with())))),
    "page_boxed_intro": lambda: document_html(_doc_of(edited(docx_bytes(), box_intro))),
}
CORPUS_PAGES = sorted(p.name for p in CORPUS.glob("*.htm*")) if CORPUS.is_dir() else []
if "pingtan_2025.html" in CORPUS_PAGES:  # the published page as a Traditional copy
    HTML_FIXTURES["pingtan_traditional"] = lambda: _traditional_page((CORPUS / "pingtan_2025.html").read_bytes())


def _with_thead(page: bytes) -> bytes:
    """Table 三's three header rows in a thead: browsers print them again on every page."""
    text = page.decode()
    start = [i for i in range(len(text)) if text.startswith("<table", i)][1]
    rows = [i for i in range(start, len(text)) if text.startswith("<tr>", i)]
    head_end = rows[3]
    text = text[:rows[0]] + "<thead>" + text[rows[0]:head_end] + "</thead><tbody>" + text[head_end:]
    end = text.index("</table>", start)
    return (text[:end] + "</tbody>" + text[end:]).encode()


def _traditional_page(page: bytes) -> bytes:
    import opencc

    return bytes(opencc.OpenCC("s2tw").convert(page.decode("utf-8")).encode("utf-8"))


@pytest.fixture(scope="session")
def docx_sources() -> dict[str, bytes]:
    return {name: make() for name, make in DOCX_FIXTURES.items()}


@pytest.fixture(scope="session")
def pages() -> dict[str, WebPage]:
    out = {name: WebPage(make()) for name, make in HTML_FIXTURES.items()}
    out |= {name: WebPage((CORPUS / name).read_bytes()) for name in CORPUS_PAGES}
    out |= {f"{name} (no header)": WebPage((CORPUS / name).read_bytes(), header_footer=False) for name in CORPUS_PAGES}
    return out


@pytest.fixture(scope="session")
def produced(docx_sources: dict[str, bytes], pages: dict[str, WebPage],
             tmp_path_factory: pytest.TempPathFactory) -> Producers:
    return Producers(docx_sources, pages, tmp_path_factory.mktemp("producers"))


def _label(column: Any) -> str | None:
    return column if isinstance(column, str) else None  # text and web pages also give a character column


def _signature(result: FileResult, residue: bool = False) -> list[tuple[Any, ...]]:
    return sorted((f.code, f.location.row, _label(f.location.column), f.expected, f.actual)
                  for f in result.findings if not (residue and f.code == "C604"))


@functools.cache
def _checked(data: bytes, name: str) -> FileResult:
    """Findings and tables (FileResult.tables is the extract) of one file, read once per session."""
    return check_bytes(data, name=name)


def _same_as_source(source: bytes, source_name: str, pdf: Path, residue: bool = False) -> None:
    expected = _checked(source, source_name)
    got = _checked(pdf.read_bytes(), pdf.name)
    assert not [f for f in expected.findings if f.code[0] == "F"], "the source itself must be readable"
    assert _signature(got, residue) == _signature(expected, residue)
    assert got.tables == expected.tables and got.tables is not None


@pytest.mark.parametrize("name", sorted(DOCX_FIXTURES))
def test_libreoffice_pdf_reads_like_the_docx(name: str, docx_sources: dict[str, bytes], produced: Producers) -> None:
    _same_as_source(docx_sources[name], f"{name}.docx", produced.pdf(name))


def test_libreoffice_round_trips_are_not_vacuous(produced: Producers) -> None:
    """The defect fixtures carry their defect through the PDF, so equal findings mean something."""
    def found(name: str) -> set[str]:
        return {f.code for f in _checked(produced.pdf(name).read_bytes(), produced.pdf(name).name).findings}

    assert found("example_clean_2024") == set() and found("boxed_intro") == set()
    assert "T302" in found("dropped_row") and "T305" in found("blank_cell") and "T304" in found("text_in_cell")
    assert "A401" in found("changed_total") and "A404" in found("broken_review_total")
    assert "S101" in found("missing_section") and "P201" in found("no_period") and "P202" in found("wrong_year")


@pytest.mark.parametrize("name", sorted(HTML_FIXTURES) + CORPUS_PAGES + [f"{n} (no header)" for n in CORPUS_PAGES])
def test_chromium_print_reads_like_the_page(name: str, pages: dict[str, WebPage], produced: Producers) -> None:
    _same_as_source(pages[name].html, "page.html", produced.pdf(name), residue=True)


@pytest.mark.skipif("pingtan_2025.html" not in CORPUS_PAGES, reason="corpus not present")
def test_chromium_print_of_pingtan_adds_nothing_but_page_residue(pages: dict[str, WebPage], produced: Producers) -> None:
    page_codes = {f.code for f in _checked(pages["pingtan_2025.html"].html, "page.html").findings}
    for name in ("pingtan_2025.html", "pingtan_2025.html (no header)"):
        pdf = produced.pdf(name)
        assert {f.code for f in _checked(pdf.read_bytes(), pdf.name).findings} <= page_codes | {"C604"}
