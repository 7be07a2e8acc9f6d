"""N501: each count SPEC §4 lists, stated right (no finding) and wrong (one finding naming
what was compared), in DOCX and text, with numbers set off by spaces or thousands separators."""

from __future__ import annotations

import pytest
from helpers import check_docx, check_text, docx_bytes, report_text, tables

from reportlint.template import sample_sections

T2 = "表二（主动公开政府信息情况）"
T3 = "表三（收到和处理政府信息公开申请情况）"
T4 = "表四（行政复议、行政诉讼情况）"

# (sentence as the text states it correctly, the same with a wrong count, table, what is compared, table value)
# The sample tables: new 68, carried over 5, results 70, carried forward 3; 复议 3 (维持 1, 其他 2);
# 直接起诉 4 (维持 2, 纠正 1, 尚未审结 1), 复议后起诉 0; 规章 1/0/12; 规范性文件 8/3/65;
# 许可 2293, 处罚 128, 强制 42, 收费 25.3 万元.
CASES = {
    "received": ("全年受理政府信息公开申请 68 件。", "全年受理政府信息公开申请 69 件。", T3, "“本年新收”的总计", "68"),
    "received-with-carried": ("共收到73件政府信息公开申请。", "共收到72件政府信息公开申请。", T3, "“本年新收”的总计", "68"),
    "carried-over": ("上年结转申请5件。", "上年结转申请6件。", T3, "“上年结转”的总计", "5"),
    "answered": ("全年答复 70 件。", "全年答复 71 件。", T3, "“（七）总计”的总计", "70"),
    "carried-forward": ("3件结转下年度办理。", "4件结转下年度办理。", T3, "“结转下年度继续办理”的总计", "3"),
    "reconsideration": ("发生行政复议 3 起。", "发生行政复议 5 起。", T4, "“行政复议”的总计", "3"),
    "reconsideration-upheld": ("行政复议中，结果维持1件。", "行政复议中，结果维持2件。", T4, "“行政复议”的“结果维持”", "1"),
    "litigation": ("行政诉讼4宗。", "行政诉讼6宗。", T4, "“行政诉讼”两栏（未经复议直接起诉、复议后起诉）的总计之和", "4"),
    "litigation-corrected": ("行政诉讼案件中被纠正1件。", "行政诉讼案件中被纠正3件。", T4, "行政诉讼（两栏之和）的“结果纠正”", "1"),
    "litigation-pending": ("行政诉讼尚未审结1件。", "行政诉讼尚未审结2件。", T4, "行政诉讼（两栏之和）的“尚未审结”", "1"),
    "regulations-issued": ("制定规章1件。", "制定规章2件。", T2, "“规章”的“本年制发件数”", "1"),
    "normative-issued": ("印发行政规范性文件 8 件。", "印发行政规范性文件 10 件。", T2, "“行政规范性文件”的“本年制发件数”", "8"),
    "normative-repealed": ("规范性文件清理后废止3件。", "规范性文件清理后废止4件。", T2, "“行政规范性文件”的“本年废止件数”", "3"),
    "normative-in-force": ("现行有效规范性文件65件。", "现行有效规范性文件66件。", T2, "“行政规范性文件”的“现行有效件数”", "65"),
    "regulations-in-force": ("现行有效规章12件。", "现行有效规章13件。", T2, "“规章”的“现行有效件数”", "12"),
    "licensing": ("作出行政许可决定 2,293 件。", "作出行政许可决定 2,294 件。", T2, "“行政许可”的“本年处理决定数量”", "2293"),
    "punishment": ("行政处罚128件。", "行政处罚120件。", T2, "“行政处罚”的“本年处理决定数量”", "128"),
    "enforcement": ("采取行政强制措施42项。", "采取行政强制措施41项。", T2, "“行政强制”的“本年处理决定数量”", "42"),
    "fees": ("行政事业性收费25.3万元。", "行政事业性收费25.8万元。", T2, "“行政事业性收费”的“本年收费金额”", "25.3"),
}


def _sections(sentence: str) -> dict[str, str]:
    secs = sample_sections(2024)
    secs["一"] = secs["一"] + sentence
    return secs


def _check(fmt: str, sentence: str) -> list[tuple[str, str | None, str | None, str]]:
    secs = _sections(sentence)
    result = check_docx(docx_bytes(sections=secs)) if fmt == "docx" else check_text(report_text(sections=secs))
    return [(f.code, f.expected, f.actual, f.message) for f in result.findings]


@pytest.mark.parametrize("fmt", ["docx", "text"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_count_right_and_wrong(case: str, fmt: str) -> None:
    right, wrong, table, compared, value = CASES[case]
    assert _check(fmt, right) == []
    stated = wrong.rstrip("。")
    number = next(t for t in stated.replace(",", "").split() if t.replace(".", "").isdigit()) if " " in stated else None
    got = _check(fmt, wrong)
    assert len(got) == 1 and got[0][:2] == ("N501", value)
    actual = got[0][2]
    assert actual is not None and (number is None or actual == number)
    quote = got[0][3].split("正文“")[1].split("”称")[0]
    assert got[0][3] == f"{table}中{compared}为 {value}，正文“{quote}”称 {actual}。"
    assert quote in wrong


def test_message_names_the_comparison_not_alternatives() -> None:
    got = _check("text", "全年共收到政府信息公开申请 3 219 件。")
    assert got == []  # "3 219" is not one number: nothing read, nothing claimed
    got = _check("text", "全年共收到政府信息公开申请 6 件。")
    assert got == [("N501", "68", "6", f"{T3}中“本年新收”的总计为 68，正文“共收到政府信息公开申请 6 件”称 6。")]


def test_no_n501_when_the_table_does_not_add_up() -> None:
    data = tables()
    data["reviews"]["reconsideration"]["total"] = 4  # A404: 1 + 0 + 2 + 0 ≠ 4
    result = check_text(report_text(data, sections=_sections("发生行政复议 5 起。")))
    assert [f.code for f in result.findings] == ["A404"]


def test_no_n501_against_a_missing_table() -> None:
    lines = report_text(sections=_sections("发生行政复议 5 起。")).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("行政复议 行政诉讼"))
    del lines[header : header + 2]  # table 四 is gone: T301, nothing to compare the prose with
    assert [f.code for f in check_text("\n".join(lines) + "\n").findings] == ["T301"]


def test_no_n501_on_the_corpus_and_the_examples() -> None:
    """Real reports whose prose agrees with their tables, and the shipped examples (the defects
    example breaks a total, which A404 reports): no N501 anywhere."""
    from helpers import CORPUS, REPO

    from reportlint.api import check_path

    paths = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.html")) + sorted(CORPUS.glob("openings/*.txt"))
    paths += sorted((REPO / "examples").iterdir())
    if not CORPUS.is_dir():
        pytest.skip("corpus not present")
    found = {p.name: [f.code for f in check_path(p).findings if f.code == "N501"] for p in paths}
    assert {name: codes for name, codes in found.items() if codes} == {}


@pytest.mark.parametrize("which", [0, 1], ids=["right", "wrong"])
def test_every_count_in_a_pdf_as_in_its_docx(which: int) -> None:
    """All the counts in one report, printed to PDF (reportlab: wrapped lines, page breaks, a
    running header): the PDF gives the DOCX's N501 findings, with the same expected/actual."""
    from pathlib import Path

    from pdfgen import document_pdf

    from reportlint.api import check_document
    from reportlint.read import read_bytes

    sentence = "".join(case[which] for case in CASES.values())
    docx = docx_bytes(sections=_sections(sentence))
    from_docx = [(f.code, f.expected, f.actual) for f in check_docx(docx).findings]
    pdf = document_pdf(read_bytes(docx, Path("r.docx")))
    from_pdf = [(f.code, f.expected, f.actual) for f in check_document(read_bytes(pdf, Path("r.pdf"))).findings]
    assert from_pdf == from_docx
    assert [c for c, _, _ in from_docx] == ([] if which == 0 else ["N501"] * len(CASES))
