"""`--format docx`: the writer's DOCX back with each finding as a Word comment in place."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from helpers import docx_bytes, run_cli, tables
from lxml import etree

from reportlint.api import check_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchored_texts(data: bytes) -> dict[str, str]:
    """Comment text → the text of the paragraph its range starts in."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    where = {start.get(f"{W}id"): "".join(start.getparent().itertext()) for start in body.iter(f"{W}commentRangeStart")}
    return {"".join(c.itertext()): where[c.get(f"{W}id")] for c in comments.iter(f"{W}comment")}


def test_each_finding_becomes_a_comment_where_it_applies(tmp_path: Path) -> None:
    data = tables()
    data["applications"]["disclosed"]["commercial"] = 5  # A402 in column 商业企业, A403 in row 予以公开
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx_bytes(data, period="本报告所列数据统计期限为2024年1月1日至2024年11月30日。"))
    before = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "draft-批注.docx"
    proc = run_cli("check", "-f", "docx", "-o", str(out), str(draft))
    assert proc.returncode == 1, proc.stderr.decode()
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == before  # the draft is untouched
    anchored = _anchored_texts(out.read_bytes())
    by_code = {text.split()[0]: paragraph for text, paragraph in anchored.items()}
    assert sorted(by_code) == ["A402", "A403", "P202"]
    assert by_code["A402"] == "（七）总计"  # the label cell of the row the sum is wrong in
    assert by_code["A403"] == "（一）予以公开"
    assert "2024年11月30日" in by_code["P202"]
    assert [f.code for f in check_path(out).findings] == [f.code for f in check_path(draft).findings]


def test_docx_format_needs_one_docx(tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text("一、总体情况", encoding="utf-8")
    proc = run_cli("check", "-f", "docx", "-o", str(tmp_path / "x.docx"), str(text))
    assert proc.returncode == 2 and b"exactly one .docx" in proc.stderr and b"Traceback" not in proc.stderr
    assert not (tmp_path / "x.docx").exists()
