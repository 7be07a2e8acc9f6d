"""The PDF reader's layout step on hand-placed lines: which lines make one paragraph, and
(hypothesis) that no arrangement of lines loses or repeats text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.read.pdf import _assemble, _drop_running_lines, _Line, _Page, join_lines

SIZE = 12.0  # line height in points


def _line(text: str, x0: float, row: int, x1: float | None = None) -> _Line:
    top = 80 + row * SIZE * 1.5
    return _Line(text, x0, x1 if x1 is not None else x0 + SIZE * len(text), top, top + SIZE)


def _texts(pages: list[_Page]) -> list[str]:
    _drop_running_lines(pages)
    return [b.text for b in _assemble(pages)]  # type: ignore[union-attr]


def test_wrapped_heading_and_paragraphs_are_rejoined() -> None:
    right = 72 + SIZE * 30
    page = _Page(1, 842.0, [
        _line("三、收到和处理政府信息公开申请情", 72, 0, right),  # a heading too long for the line
        _line("况", 72, 1),
        _line("本年度共收到政府信息公开申请六十八件，其中自然人申请六", 72 + 2 * SIZE, 2, right),  # indented
        _line("十件，法人或其他组织申请八件。", 72, 3),  # ends short: the paragraph ends
        _line("（一）予以公开三十件。", 72, 4),
        _line("- 3 -", 280, 55),  # page number in the bottom margin
    ])
    assert _texts([page]) == [
        "三、收到和处理政府信息公开申请情况",
        "本年度共收到政府信息公开申请六十八件，其中自然人申请六十件，法人或其他组织申请八件。",
        "（一）予以公开三十件。",
    ]


def test_paragraph_continues_over_a_page_break_and_headers_repeat() -> None:
    right = 72 + SIZE * 30
    pages = [
        _Page(1, 842.0, [_line("某区政务公开", 250, -3), _line("一、总体情况", 72, 0),
                         _line("本年度，本区坚持以公开为常态、不公开为例外，持续", 72 + 2 * SIZE, 1, right)]),
        _Page(2, 842.0, [_line("某区政务公开", 250, -3), _line("推进政务公开工作。", 72, 0)]),
        _Page(3, 842.0, [_line("某区政务公开", 250, -3), _line("二、主动公开政府信息情况", 72, 0)]),
    ]
    assert _texts(pages) == ["一、总体情况", "本年度，本区坚持以公开为常态、不公开为例外，持续推进政务公开工作。",
                             "二、主动公开政府信息情况"]


def test_join_lines_keeps_latin_words_apart() -> None:
    assert join_lines(["本年度", "办理结果"]) == "本年度办理结果"
    assert join_lines(["PDF", "files", "", "三、"]) == "PDF files三、"

LINE = st.builds(
    lambda text, x0, width, row: _line(text, x0, row, x0 + width),
    st.text(alphabet="一二三四五六七八九十、（）。本年度政府信息公开 0123456789-", min_size=1, max_size=30).filter(str.strip),
    st.floats(min_value=40, max_value=200), st.floats(min_value=10, max_value=500), st.integers(min_value=-5, max_value=60),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LINE, max_size=25), min_size=1, max_size=4))
def test_layout_never_loses_or_repeats_text(page_lines: list[list[_Line]]) -> None:
    pages = [_Page(n, 842.0, sorted(lines, key=lambda line: line.top)) for n, lines in enumerate(page_lines, 1)]
    _drop_running_lines(pages)
    kept = "".join(line.text.replace(" ", "") for page in pages for line in sorted(page.lines, key=lambda x: x.top))
    blocks = _assemble(pages)
    assert "".join(b.text.replace(" ", "") for b in blocks) == kept  # type: ignore[union-attr]
    assert all(b.loc.page for b in blocks)
