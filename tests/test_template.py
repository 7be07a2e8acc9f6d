"""`reportlint template`: an A4 公文 page whose guidance the checker flags until it is replaced."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from helpers import REPO, check_docx
from lxml import etree
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.model import Table
from reportlint.official_tables import official_cells
from reportlint.pack import DEFAULT_PACK, load_pack
from reportlint.read.docx import read_docx
from reportlint.read.errors import Limits
from reportlint.template import GUIDANCE, blank_template, build_docx, sample_sections, sample_tables

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
YEAR = 2024


@pytest.fixture(scope="module")
def blank() -> bytes:
    return blank_template(YEAR)


@pytest.fixture(scope="module")
def filled(blank: bytes) -> bytes:
    """The blank template as a writer fills it: unit named, guidance replaced, tables typed in."""
    document = docx.Document(io.BytesIO(blank))
    texts = sample_sections(YEAR)
    for paragraph in document.paragraphs:
        if "（单位名称）" in paragraph.text:
            paragraph.runs[0].text = paragraph.text.replace("（单位名称）", "某某区人民政府办公室")
            for run in paragraph.runs[1:]:
                run.text = ""
        section = next((s for s, guide in GUIDANCE.items() if paragraph.text == guide), None)
        if section is not None and texts[section]:
            paragraph.runs[0].text = texts[section]
        elif section is not None:
            paragraph._p.getparent().remove(paragraph._p)  # 二 needs no words around its table
    typed = build_docx(YEAR, "某某区人民政府办公室", sample_tables(), texts)
    for mine, theirs in zip(document.tables, typed.tables, strict=True):
        for row_mine, row_theirs in zip(mine.rows, row_theirs_of(theirs), strict=True):
            for cell, value in zip(row_mine.cells, row_theirs, strict=True):
                if not cell.text and value:
                    cell.paragraphs[0].add_run(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def row_theirs_of(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_page_is_a4_with_the_gb9704_margins(blank: bytes) -> None:
    section = docx.Document(io.BytesIO(blank)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]  # 版心 156 × 225 mm


def _east_asian(style: Any) -> str:
    return style.element.rPr.rFonts.get(f"{W}eastAsia")


def test_the_fonts_are_those_of_a_gongwen_with_fallbacks_named(blank: bytes) -> None:
    document = docx.Document(io.BytesIO(blank))
    styles = document.styles
    assert (_east_asian(styles["Title"]), styles["Title"].font.size) == ("方正小标宋简体", Pt(22))
    assert (_east_asian(styles["Normal"]), styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    assert _east_asian(styles["Heading 1"]) == "黑体" and _east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert styles["Heading 1"].font.color.rgb is None and not styles["Heading 1"].font.bold
    assert [p.style.name for p in document.paragraphs[:3]] == ["Title", "Normal", "Heading 1"]
    with zipfile.ZipFile(io.BytesIO(blank)) as archive:
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val") for f in fonts if f.find(f"{W}altName") is not None}
    assert alt == {"方正小标宋简体": "华文中宋", "仿宋_GB2312": "仿宋", "黑体": "SimHei", "楷体_GB2312": "楷体"}
    assert "仿宋_GB2312（缺少时用仿宋）" in document.core_properties.comments


def test_table_three_columns_fit_the_page(blank: bytes) -> None:
    table = docx.Document(io.BytesIO(blank)).tables[1]
    widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == pytest.approx(Mm(156).twips, abs=15)
    assert min(widths[3:]) >= Mm(12).twips  # three characters of 小五 per line in 商业企业 …
    assert widths[2] >= Mm(40).twips  # “1.本机关不掌握相关政府信息” in two lines at most


def test_the_docx_tables_are_the_official_cells() -> None:
    """One drawing of the official layout (the XLSX sheets write the same cells, see
    test_tables_xlsx_layout.py): each DOCX table, read back, holds the cells of `official_cells`
    (text, place and span), with the row labels of one column flush left."""
    data = io.BytesIO()
    build_docx(YEAR, tables=sample_tables()).save(data)
    read = read_docx(data.getvalue(), "sample.docx", Limits())
    tables = [block for block in read.blocks if isinstance(block, Table)]
    pack = load_pack(DEFAULT_PACK)
    for table, tdef in zip(tables, pack.tables.values(), strict=True):
        planned = official_cells(tdef, sample_tables()[tdef.id])
        expected = {(c.row, c.col, c.rows, c.cols): "" if c.text is None else str(c.text) for c in planned.cells}
        found = {(c.row, c.col, c.rowspan, c.colspan): c.text.replace("\n", "") for c in table.cells}
        assert found == expected, tdef.id
    written = docx.Document(data).tables[1]
    places = {"三、本年度办理结果": (5, 0), "（一）予以公开, across two columns": (5, 1), "一、…, across three": (3, 0),
              "（三）不予公开": (7, 1), "1.属于国家秘密": (7, 2), "the corner note": (0, 0)}
    alignment = {name: written.cell(*place).paragraphs[0].alignment for name, place in places.items()}
    left = WD_ALIGN_PARAGRAPH.LEFT
    assert alignment == {"三、本年度办理结果": left, "（一）予以公开, across two columns": None, "一、…, across three": None,
                         "（三）不予公开": left, "1.属于国家秘密": left, "the corner note": None}


def test_blank_template_gives_one_placeholder_per_guidance_and_one_blank_per_table(blank: bytes) -> None:
    result = check_docx(blank)
    placeholders = [(f.location.paragraph, f.actual) for f in result.findings if f.code == "C603"]
    assert placeholders == [(1, "（单位名称）"), (4, "此处填写"), (6, "此处填写"), (8, "此处填写"),
                            (10, "此处填写"), (12, "此处填写"), (14, "此处填写")]
    others = Counter(f.code for f in result.findings if f.code not in ("C603", "T305"))
    assert others == Counter()
    blank_tables = {f.message[:2] for f in result.findings if f.code == "T305"}
    assert blank_tables == {"表二", "表三", "表四"}
    # Once T305 says a blank table once (SPEC §4), the blank template gives 7 + 3 findings.
    assert len(placeholders) + len(blank_tables) <= 12


def test_filled_template_checks_clean(filled: bytes) -> None:
    assert check_docx(filled).findings == []


def test_template_command_defaults_to_last_year(tmp_path: Path) -> None:
    out = tmp_path / "年报.docx"
    result = CliRunner().invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    title = docx.Document(str(out)).paragraphs[0].text
    assert title == f"（单位名称）{datetime.date.today().year - 1}年政府信息公开工作年度报告"


@pytest.mark.external
@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice not installed")
def test_libreoffice_prints_the_blank_template_on_three_a4_pages(blank: bytes) -> None:
    import pdfplumber

    sys.path.insert(0, str(REPO / "scripts"))
    from render_template import render_pdf

    with tempfile.TemporaryDirectory() as tmp, pdfplumber.open(render_pdf(blank, Path(tmp))) as pdf:
        sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
        assert (len(pdf.pages), sizes) == (3, {(595, 842)})  # A4 in points
        assert (REPO / "docs" / "template-page1.png").is_file()
