"""Fuzzing every reader with hypothesis (issue 5): whatever the bytes, the result is
findings or one F-code, never an exception. CI runs a short budget; for a long local run
set REPORTLINT_FUZZ_EXAMPLES=5000 (or use the atheris harness in fuzz/)."""

from __future__ import annotations

import functools
import io
import os
import zipfile
from pathlib import Path

import pytest
from bad_inputs import zip_members
from helpers import PACK, docx_bytes, report_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from renderers import document_html

from reportlint.api import check_bytes
from reportlint.model import FileResult
from reportlint.read import read_bytes

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
KNOWN_CODES = {r.code for r in PACK.rules.values()}


# The F001s of the last guard in api._guarded: a bug, a hang or a blow-up of ours, never a
# verdict on the input. A fuzz case that ends in one of them has found a defect.
GUARD_F001 = ("内部错误", "仍未完成", "内存不足")


def _assert_clean(result: FileResult) -> None:
    """Findings with known codes; an unreadable file has exactly one F001/F002, and an F001 that
    names what is wrong with the input, not one of the guard's catch-alls."""
    assert {f.code for f in result.findings} <= KNOWN_CODES
    assert all(f.message and "Traceback" not in f.message for f in result.findings)
    assert not [f.message for f in result.findings if f.code == "F001" and any(g in f.message for g in GUARD_F001)]
    if result.unreadable:
        assert [f.code for f in result.findings] in (["F001"], ["F002"])


@functools.cache
def _docx() -> bytes:
    return docx_bytes()


@functools.cache
def _pdf() -> bytes:
    pdfgen = pytest.importorskip("pdfgen")
    return bytes(pdfgen.document_pdf(read_bytes(_docx(), Path("r.docx"))))


@functools.cache
def _html() -> bytes:
    return document_html(read_bytes(_docx(), Path("r.docx")))


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.md", "x.docx", "x.html", "x.pdf", "x.doc", "x"]))
def test_random_bytes_every_reader(data: bytes, name: str) -> None:
    _assert_clean(check_bytes(data, name=name))


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


@FUZZ
@given(st.data())
def test_mutated_docx(data: st.DataObject) -> None:
    members = _members(_docx())
    how = data.draw(st.sampled_from(["flip", "truncate-member", "drop-member", "shuffle-body", "truncate-file"]))
    if how == "truncate-file":
        mutated = _docx()[: data.draw(st.integers(0, len(_docx())))]
    else:
        name = data.draw(st.sampled_from(sorted(members))) if how != "shuffle-body" else "word/document.xml"
        payload = members[name]
        if how == "flip":
            pos = data.draw(st.integers(0, max(0, len(payload) - 1)))
            payload = payload[:pos] + bytes([payload[pos] ^ data.draw(st.integers(1, 255))]) + payload[pos + 1:] if payload else payload
        elif how == "truncate-member":
            payload = payload[: data.draw(st.integers(0, len(payload)))]
        elif how == "shuffle-body":
            payload = _shuffle_body(payload, data.draw(st.randoms(use_true_random=False)))
        if how == "drop-member":
            members.pop(name)
        else:
            members[name] = payload
        mutated = zip_members(members)
    _assert_clean(check_bytes(mutated, name="x.docx"))


def _shuffle_body(xml: bytes, rng: object) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    body = root[0]
    children = list(body)
    rng.shuffle(children)  # type: ignore[attr-defined]
    for child in children:
        body.remove(child)
        body.append(child)
    return bytes(etree.tostring(root))


@FUZZ
@given(st.integers(0, 10**9), st.integers(1, 255), st.booleans())
def test_mutated_pdf(position: int, byte: int, truncate: bool) -> None:
    pdf = bytearray(_pdf())
    index = position % len(pdf)
    mutated = bytes(pdf[:index]) if truncate else bytes(pdf[:index]) + bytes([pdf[index] ^ byte]) + bytes(pdf[index + 1:])
    _assert_clean(check_bytes(mutated, name="x.pdf"))


@FUZZ
@given(st.integers(0, 10**9), st.integers(0, 400), st.sampled_from(["", "<table>", "</td>", "<tr><td rowspan=999999>",
                                                                     "<td colspan=-3>", "<!--", "&#0;", "\x00"]))
def test_mutated_html(position: int, length: int, insert: str) -> None:
    page = _html()
    index = position % len(page)
    mutated = page[:index] + insert.encode() + page[index + length:]
    _assert_clean(check_bytes(mutated, name="x.html"))


LABELS = [row.label for t in PACK.tables.values() for row in t.rows] + [s.title for s in PACK.sections]
CELL = st.one_of(st.integers(-5, 10**7).map(str), st.sampled_from(["", "—", "/", "无", "1.5", "0.0", "1e9", "１２"]))
TABLE_LINE = st.tuples(st.sampled_from(LABELS), st.lists(CELL, max_size=9), st.sampled_from(["\t", " ", " | ", ""])).map(
    lambda t: t[0] + t[2] + t[2].join(t[1]))
CHINESE = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=40)


@FUZZ
@given(st.lists(st.one_of(TABLE_LINE, CHINESE, st.sampled_from(report_text().splitlines())), max_size=80))
def test_random_chinese_text_with_table_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = check_bytes(text.encode("utf-8"), name="x.txt")
    _assert_clean(result)
    if text.strip():  # valid UTF-8 with words in it is always read and checked: no F001 passes
        assert not result.unreadable, result.findings
