"""Every reader gives the same document model: the same report in DOCX, PDF, HTML,
Traditional characters or GBK gives the same findings and the same tables."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import CORPUS, WRAPPING_TEXT, codes, docx_bytes, sections_with, tables_with
from renderers import document_html, traditional, traditional_docx

from reportlint.api import check_bytes
from reportlint.extract import extract_document
from reportlint.model import Document
from reportlint.read import read_bytes
from reportlint.template import sample_sections

pdfgen = pytest.importorskip("pdfgen", reason="reportlab is a test extra")  # needs reportlab
pytest.importorskip("pdfplumber", reason="the PDF extra")

def _docx(data: dict[str, Any] | None = None, **kwargs: Any) -> bytes:
    if data is None and not kwargs:
        return _clean_docx()
    return docx_bytes(data, sections=kwargs.pop("sections", sections_with()), **kwargs)


@functools.cache
def _clean_docx() -> bytes:
    return docx_bytes(None, sections=sections_with())


def _pdf_of(docx: bytes, **kwargs: Any) -> bytes:
    return pdfgen.document_pdf(read_bytes(docx, Path("r.docx")), **kwargs)


CASES = {
    "clean": lambda: _docx(),
    "changed-total": lambda: _docx(tables_with(applications__new__total=69)),
    "broken-review-total": lambda: _docx(tables_with(reviews__reconsideration__total=4)),
    "missing-section": lambda: _docx(sections=sections_with(五=None)),
    "no-period": lambda: _docx(period=""),
    "wrong-year": lambda: _docx(period="本报告所列数据统计期限为2023年1月1日至2023年12月31日。"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pdf_round_trip_finds_what_docx_finds(case: str) -> None:
    expected, got = _round_trip(case)
    assert codes(got) == codes(expected)
    assert [(f.code, f.location.row, f.location.column, f.expected, f.actual) for f in got.findings] == [
        (f.code, f.location.row, f.location.column, f.expected, f.actual) for f in expected.findings]
    placed = [bool(f.location.paragraph or f.location.table) for f in expected.findings]
    assert [bool(f.location.page) for f in got.findings] == placed  # PDF places by page


@functools.cache
def _round_trip(case: str) -> tuple[Any, Any]:
    docx = CASES[case]()
    return check_bytes(docx, name="r.docx"), check_bytes(_pdf_of(docx), name="r.pdf")


def test_pdf_round_trip_codes_of_broken_cases() -> None:
    got = {case: codes(_round_trip(case)[1]) for case in CASES}
    assert got == {"clean": [], "changed-total": ["A401", "A403"], "broken-review-total": ["A404"],
                   "missing-section": ["S101"], "no-period": ["P201"], "wrong-year": ["P202"]}


def test_pdf_tables_match_docx_tables_cell_by_cell() -> None:
    docx = _docx()
    from_docx = extract_document(read_bytes(docx, Path("r.docx")))
    from_pdf = extract_document(read_bytes(_pdf_of(docx), Path("r.pdf")))
    assert from_pdf == from_docx
    assert from_pdf["applications"]["new"]["total"] == 68


def test_pdf_paragraphs_rejoined_and_page_furniture_dropped() -> None:
    doc = read_bytes(_pdf_of(_docx(), header="某某区政务公开"), Path("r.pdf"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "某某区人民政府办公室2024年政府信息公开工作年度报告"
    assert WRAPPING_TEXT + sample_sections(2024)["一"] in texts  # one paragraph, no breaks, no spaces
    assert not [t for t in texts if t.startswith("- ") or t == "某某区政务公开"]
    assert [p.loc.page for p in doc.paragraphs][:2] == [1, 1]


def test_pdf_vertical_label_and_table_cut_by_page_break() -> None:
    docx = _docx()
    doc = read_bytes(_pdf_of(docx), Path("r.pdf"))
    assert len(doc.tables) == 3  # table 三 runs over two pages and is joined again
    applications = doc.tables[1]
    assert applications.n_rows == 3 + 25 and applications.n_cols == 10
    assert applications.loc.page == 2
    label = next(c for c in applications.cells if c.text == "三、本年度办理结果")  # printed 三、/本/年/度/…
    original = read_bytes(docx, Path("r.docx")).tables[1]
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text.replace("\n", "")) for c in applications.cells] == [
        (c.row, c.col, c.rowspan, c.colspan, c.text.replace("\n", "")) for c in original.cells]
    assert (label.col, label.colspan, label.rowspan) == (0, 1, 22)


def test_pdf_traditional() -> None:
    doc = traditional(read_bytes(_docx(), Path("r.docx")))
    result = check_bytes(pdfgen.document_pdf(doc), name="r.pdf")
    assert codes(result) == []


def test_pdf_without_the_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _pdf_of(_docx())
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import fails as if not installed
    result = check_bytes(pdf, name="r.pdf")
    assert codes(result) == ["F002"] and result.unreadable
    assert "pip install 'reportlint[pdf]'" in result.findings[0].message


@pytest.mark.parametrize(
    ("name", "make", "code", "words"),
    [
        ("scan.pdf", lambda: pdfgen.scanned_pdf(), "F002", "没有文字层"),
        ("locked.pdf", lambda: _pdf_of(_docx(), encrypt="secret"), "F001", "已加密"),
        ("cut.pdf", lambda: _pdf_of(_docx())[:3000], "F001", "损坏"),
    ],
)
def test_pdf_that_cannot_be_checked(name: str, make: Any, code: str, words: str) -> None:
    result = check_bytes(make(), name=name)
    assert codes(result) == [code] and result.unreadable
    assert words in result.findings[0].message


# ---- HTML and DOCX in Traditional characters and legacy encodings -----------------------


def _docx_doc() -> Document:
    return read_bytes(_clean_docx(), Path("r.docx"))


@pytest.mark.parametrize("charset", ["utf-8", "gb2312", "gbk", "gb18030"])
def test_html_page_in_each_charset(charset: str) -> None:
    page = document_html(_docx_doc(), charset)
    doc = read_bytes(page, Path("r.html"))
    assert extract_document(doc) == extract_document(_docx_doc())
    assert codes(check_bytes(page, name="r.html")) == []


def test_html_page_in_traditional_characters() -> None:
    page = document_html(traditional(_docx_doc()), "big5")
    assert extract_document(read_bytes(page, Path("r.html"))) == extract_document(_docx_doc())
    assert codes(check_bytes(page, name="r.html")) == []


def test_docx_in_traditional_characters() -> None:
    data = traditional_docx(_docx(tables_with(applications__new__total=69)))
    assert "一、總體情況" in [p.text for p in read_bytes(data, Path("r.docx")).paragraphs]
    result = check_bytes(data, name="r.docx")
    assert codes(result) == ["A401", "A403"]  # no N501 as well: A401 already says table 三 does not add up


corpus_html = CORPUS / "pingtan_2025.html"


@pytest.mark.skipif(not corpus_html.exists(), reason="corpus not present")
@pytest.mark.parametrize("variant", ["as-published", "gbk", "traditional"])
def test_pingtan_page_variants(variant: str) -> None:
    import opencc

    page = corpus_html.read_bytes()
    if variant == "gbk":
        text = page.decode("utf-8").replace('<meta charset="utf-8"', '<meta charset="gbk"')
        assert 'charset="gbk"' in text
        page = text.encode("gbk", errors="xmlcharrefreplace")
    elif variant == "traditional":
        page = opencc.OpenCC("s2tw").convert(page.decode("utf-8")).encode("utf-8")
    result = check_bytes(page, name="pingtan_2025.html")
    assert codes(result) == []  # no chrome findings, no table or arithmetic findings (C601 was last year's rectification, now C606, which it mentions)
    data = extract_document(read_bytes(page, Path("pingtan_2025.html")))
    assert data["disclosure"]["normative_documents"] == {"issued": 58, "repealed": 45, "in_force": 546}
    assert data["applications"]["results_total"]["total"] == 148
    assert data["reviews"]["reconsideration"] == {"upheld": 25, "corrected": 3, "other": 8, "pending": 0, "total": 36}



@pytest.mark.skipif(not corpus_html.exists(), reason="corpus not present")
def test_real_pingtan_page_printed_to_pdf() -> None:
    """The published page, printed to PDF, reads like the page: same findings, same tables."""
    page = read_bytes(corpus_html.read_bytes(), Path("pingtan_2025.html"))
    pdf = pdfgen.document_pdf(page)
    assert codes(check_bytes(pdf, name="pingtan_2025.pdf")) == []
    assert extract_document(read_bytes(pdf, Path("pingtan_2025.pdf"))) == extract_document(page)
