"""scripts/benchmark.py measures on distinct, plausible reports, and its floor walks what SPEC §7 says."""

from __future__ import annotations

import sys

from helpers import REPO

from reportlint.api import check_bytes

sys.path.insert(0, str(REPO / "scripts"))
from benchmark import floor  # noqa: E402
from benchmark_docs import batch_files, docx_variant, unit_name  # noqa: E402

TABLES = ["applications", "disclosure", "reviews"]


def test_the_docx_variants_are_distinct_reproducible_reports_the_check_reads_in_full() -> None:
    documents = [docx_variant(i) for i in range(8)]
    assert len(set(documents)) == 8
    assert docx_variant(3) == documents[3]
    findings = []
    for i, data in enumerate(documents):
        result = check_bytes(data, name=f"{i}.docx")
        assert (result.unit, result.year) == (unit_name(i), 2021 + i % 5)
        assert sorted(result.tables or {}) == TABLES
        codes = {f.code for f in result.findings}
        assert not {c for c in codes if c.startswith("F")}, codes  # read and checked, not an internal error
        findings.append(codes)
    assert set() in findings, "some variants are clean reports"
    assert any({"A402", "A403"} <= codes for codes in findings), "some have tables that do not add up"


def test_a_batch_mixes_docx_typed_text_and_crawler_copies_all_distinct() -> None:
    files = list(batch_files(10))
    assert len({data for _, data in files}) == 10
    assert [name.rsplit(".", 1)[1] for name, _ in files[:5]] == ["docx", "docx", "docx", "txt", "txt"]
    for name, data in files[3:5]:
        result = check_bytes(data, name=name)
        assert sorted(result.tables or {}) == TABLES, name


def test_the_floor_collects_every_body_paragraph_and_table_cell_once() -> None:
    paragraphs, rows = floor(docx_variant(3))
    assert paragraphs[0] == f"{unit_name(3)}2024年政府信息公开工作年度报告"
    assert [p for p in paragraphs if p.startswith(("一、", "二、", "三、", "四、", "五、", "六、"))] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert len(rows) == 14 + 28 + 4  # tables 二, 三 and 四
    assert rows[2][0] == "规章" and len(rows[-1]) == 15
