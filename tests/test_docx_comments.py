"""`--format docx`: the writer's DOCX back with each finding as a Word comment where the problem is."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import docx_bytes, tables
from lxml import etree
from typer.testing import CliRunner

from reportlint.api import check_path
from reportlint.cli import app
from reportlint.template import sample_sections

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _draft_bytes() -> bytes:
    data = tables()
    data["applications"]["disclosed"]["commercial"] = 5  # A402 in column 商业企业, A403 in row 予以公开
    data["applications"]["partial"]["research"] = "/"  # T305 in row 部分公开, column 科研机构
    data["reviews"]["litigation_direct"]["total"] = 5  # A404: 未经复议直接起诉 总计
    data["applications"]["unavailable_1"]["nonprofit"] = "约2"  # T304 in row 本机关不掌握, column 社会公益组织
    sections = sample_sections(2024)
    del sections["五"]  # S101
    sections["二"] = "本年度印发行政规范性文件10件。"  # N501: 表二 says 8 (the broken 表四 total is A404's, not N501's)
    return docx_bytes(data, sections=sections, period="本报告所列数据统计期限为2024年1月1日至2024年11月30日。")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("comments")
    draft = folder / "draft.docx"
    draft.write_bytes(_draft_bytes())
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = folder / "draft-批注.docx"
    result = _invoke("check", "-f", "docx", "-o", str(out), str(draft))
    assert result.exit_code == 1, result.stderr
    return draft, out, before


def _comments(data: bytes) -> list[dict[str, Any]]:
    """Each comment: its author, text, and where its range starts (paragraph text, and the
    table cell's grid row and column when it is in a table)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    where: dict[str, dict[str, Any]] = {}
    for start in body.iter(f"{W}commentRangeStart"):
        paragraph = start.getparent()
        place: dict[str, Any] = {"paragraph": "".join(paragraph.itertext())}
        tc = paragraph.getparent()
        if tc.tag == f"{W}tc":
            tr = tc.getparent()
            column = 0
            for cell in tr.findall(f"{W}tc"):
                if cell is tc:
                    break
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(f"{W}val")) if span is not None else 1
            place.update(row=tr.getparent().findall(f"{W}tr").index(tr), column=column,
                         row_text=["".join(c.itertext()) for c in tr.findall(f"{W}tc")])
        where[start.get(f"{W}id")] = place
    return [{"author": c.get(f"{W}author"), "text": "".join(c.itertext()), **where[c.get(f"{W}id")]}
            for c in comments.iter(f"{W}comment")]


def _by_code(data: bytes) -> dict[str, dict[str, Any]]:
    return {c["text"].rsplit("（", 1)[1].rstrip("）"): c for c in _comments(data) if c["author"] == "reportlint"}


def test_the_draft_is_untouched_and_the_copy_checks_the_same(annotated: tuple[Path, Path, str]) -> None:
    draft, out, before = annotated
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before
    assert [f.code for f in check_path(out).findings] == [f.code for f in check_path(draft).findings]


def test_cell_findings_are_on_the_cell_that_is_wrong(annotated: tuple[Path, Path, str]) -> None:
    found = _by_code(annotated[1].read_bytes())
    assert sorted(found) == ["A402", "A403", "A404", "N501", "P202", "S101", "T304", "T305"]
    a402 = found["A402"]  # 商业企业 (grid column 4) of （七）总计: the printed total the parts disagree with
    assert (a402["paragraph"], a402["column"], "（七）总计" in a402["row_text"]) == ("7", 4, True)
    a403 = found["A403"]  # 总计 (grid column 9) of （一）予以公开
    assert (a403["paragraph"], a403["column"], "（一）予以公开" in a403["row_text"]) == ("35", 9, True)
    t305 = found["T305"]  # the “/” in 科研机构 of （二）部分公开
    assert (t305["paragraph"], t305["column"], t305["row"]) == ("/", 5, 6)
    t304 = found["T304"]  # the text in a number cell
    assert (t304["paragraph"], t304["column"], "1.本机关不掌握相关政府信息" in t304["row_text"]) == ("约2", 6, True)
    a404 = found["A404"]  # 总计 of 未经复议直接起诉: table 四's value row, grid column 9
    assert (a404["paragraph"], a404["row"], a404["column"]) == ("5", 3, 9)


def test_paragraph_findings_are_on_their_sentence_and_a_missing_section_where_it_belongs(
        annotated: tuple[Path, Path, str]) -> None:
    found = _by_code(annotated[1].read_bytes())
    assert found["S101"]["paragraph"] == "六、其他需要报告的事项"  # 五 belongs just before 六
    assert "2024年11月30日" in found["P202"]["paragraph"]
    assert found["N501"]["paragraph"] == "本年度印发行政规范性文件10件。"
    assert found["S101"]["text"] == "缺少第五部分“存在的主要问题及改进情况”。年报须包含六个部分。（S101）"


def test_annotating_again_replaces_the_tools_comments_and_keeps_the_writers(
        annotated: tuple[Path, Path, str], tmp_path: Path) -> None:
    first = _comments(annotated[1].read_bytes())
    document = docx.Document(str(annotated[1]))
    document.add_comment(document.paragraphs[0].runs, text="标题请再核对", author="张三", initials="ZS")
    edited = tmp_path / "draft-批注-张三.docx"
    document.save(str(edited))
    again = tmp_path / "draft-批注2.docx"
    result = _invoke("check", "-f", "docx", "-o", str(again), str(edited))
    assert result.exit_code == 1, result.stderr
    second = _comments(again.read_bytes())
    assert sorted(c["text"] for c in second if c["author"] == "reportlint") == sorted(c["text"] for c in first)
    assert [(c["author"], c["text"]) for c in second if c["author"] != "reportlint"] == [("张三", "标题请再核对")]
    with zipfile.ZipFile(again) as archive:  # no mark of a removed comment is left in the body
        body = archive.read("word/document.xml")
    assert body.count(b"<w:commentRangeStart") == len(second) == len(first) + 1


def test_a_folder_gets_one_annotated_copy_per_docx(tmp_path: Path) -> None:
    reports = tmp_path / "各单位"
    reports.mkdir()
    (reports / "甲.docx").write_bytes(_draft_bytes())
    (reports / "乙.docx").write_bytes(docx_bytes())
    (reports / "丙.txt").write_text("一、总体情况\n", encoding="utf-8")
    out = tmp_path / "批注"
    result = _invoke("check", "-f", "docx", "-o", str(out), str(reports))
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["乙.docx", "甲.docx"]
    assert len(_by_code((out / "甲.docx").read_bytes())) == 8
    assert "word/comments.xml" not in zipfile.ZipFile(out / "乙.docx").namelist()  # a clean report: no comment
    assert result.stderr == f"reportlint: 已在 {out} 写入 2 份批注副本；1 个文件不是可读的 .docx，未写\n"


def test_docx_format_needs_a_docx_or_a_folder(tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text("一、总体情况", encoding="utf-8")
    result = _invoke("check", "-f", "docx", "-o", str(tmp_path / "x.docx"), str(text))
    assert result.exit_code == 2
    assert result.stderr == ("reportlint: --format docx 把批注写入一个可读的 .docx：请只给一个 .docx 文件，"
                             "或用 -o 指定一个文件夹\n")
    assert not (tmp_path / "x.docx").exists()


def test_a_missing_section_belongs_before_the_next_present_one_in_the_packs_order() -> None:
    from reportlint.output.docx_anchor import where_section_belongs

    heads: dict[str, int | None] = {"一": 2, "二": None, "三": None, "四": 14, "五": None, "六": None}
    assert where_section_belongs("二", heads, 30) == 14  # 三 is missing too: before 四
    assert where_section_belongs("五", heads, 30) == 30  # nothing after it: the last paragraph
    assert where_section_belongs("七", heads, 30) == 30  # not in the pack: the last paragraph
