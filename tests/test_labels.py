"""Label matching on the squeezed view: literal, with enumerators and notes by a small rule."""

from __future__ import annotations

import pathlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.locate.labels import compile_labels, split_enumerator, squeeze

SRC = pathlib.Path(__file__).resolve().parents[1] / "src"
LABELS = ("本年新收政府信息公开申请数量", "（一）予以公开", "二、主动公开政府信息情况", "本年收费金额（单位：万元）", "规章", "其他")
_NOTE = re.compile(r"\([^()\n]{0,40}\)$")


def _label_of(hit_text: str, labels: tuple[str, ...]) -> bool:
    """The hit, squeezed, is a label (with or without its enumerator, with or without a note)."""
    seen = squeeze(hit_text)
    for label in labels:
        enum, core = (squeeze(part) for part in split_enumerator(label))
        for body in {enum + core, core}:
            if seen == body or (seen.startswith(body) and _NOTE.match(seen[len(body):])):
                return True
    return False


def test_whitespace_between_characters_is_ignored() -> None:
    hit = compile_labels(LABELS).search("表二\n本年 新收\n政府信息公开 申请数量 12")
    assert hit is not None and hit.group(0) == "本年 新收\n政府信息公开 申请数量"


def test_enumerator_and_note_are_part_of_the_hit() -> None:
    text = "x (一) 予以 公开 (含部分) 5"
    hit = compile_labels(LABELS).search(text)
    assert hit is not None and hit.group(0) == "(一) 予以 公开 (含部分)"
    assert compile_labels(LABELS).search("予以公开 5").group(0) == "予以公开"  # type: ignore[union-attr]


def test_longest_label_wins_then_pack_order() -> None:
    assert compile_labels(("规章", "规章规范性")).search("规章 规范性文件").group(0) == "规章 规范性"  # type: ignore[union-attr]
    assert compile_labels(("甲乙", "乙丙")).search("甲乙丙").group(0) == "甲乙"  # type: ignore[union-attr]
    assert compile_labels(("乙丙", "甲乙")).search("x甲乙丙").group(0) == "甲乙"  # type: ignore[union-attr]


def test_pos_and_endpos_bound_the_hit() -> None:
    labels = compile_labels(("规章",))
    text = "规章 规 章 规章"
    assert [(h.start(), h.end()) for h in labels.finditer(text)] == [(0, 2), (3, 6), (7, 9)]
    assert [(h.start(), h.end()) for h in labels.finditer(text, 1, 8)] == [(3, 6)]


def test_fullmatch_allows_a_note_but_nothing_else() -> None:
    labels = compile_labels(("本年收费金额（单位：万元）", "本年收费金额"))
    assert labels.fullmatch(" 本年收费 金额(单位:万元) ") is not None
    assert labels.fullmatch("本年收费金额(元)") is not None
    assert labels.fullmatch("本年收费金额合计") is None


_TEXT_CHARS = st.sampled_from(list("本年新收政府信息公开申请数量予以主动情况规章其他一二()、,.:“” \n\t0123456789x"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LABELS), min_size=1, max_size=4), st.text(_TEXT_CHARS, max_size=60),
       st.lists(st.sampled_from(LABELS), max_size=3))
def test_every_hit_squeezed_is_its_label(labels: list[str], noise: str, planted: list[str]) -> None:
    text = noise + "".join(f" {label}\n{noise[:5]}" for label in planted)
    chosen = tuple(labels)
    for hit in compile_labels(chosen).finditer(text):
        assert _label_of(text[hit.start() : hit.end()], chosen), (text, hit)


def test_no_source_file_uses_interpreter_regex_internals() -> None:
    internals = re.compile(r"\b_sre\b|re\._parser|re\._compiler|sre_compile|sre_parse")
    offenders = [str(p) for p in SRC.rglob("*.py") if internals.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
