"""What LibreOffice and Chromium draw, in miniature: cells cut by a page break, a framed paragraph,
a browser's margin stamps, site navigation before the title. The round trips through the real
producers are in test_real_producers.py; these pin each rule on hand-placed boxes and lines."""

from __future__ import annotations

from reportlint.model import Location, Paragraph, Table
from reportlint.read.pdf import _assemble, _drop_running_lines, _Line, _Page, _without_site_chrome, plain
from reportlint.read.pdf_tables import Box, PageTable, continues, grid, join_parts

COLS = (100.0, 200.0, 300.0, 340.0, 380.0)  # group label | row label | value | value


def _row(top: float, bottom: float, texts: list[str], spans: list[int] | None = None) -> list[Box]:
    spans = spans or [1] * len(texts)
    boxes, c = [], 0
    for text, span in zip(texts, spans, strict=True):
        boxes.append(Box((COLS[c], top, COLS[c + span], bottom), text))
        c += span
    return boxes


def _cells(table: Table) -> list[list[str]]:
    return [[c.text if c else "·" for c in row] for row in table.grid()]


def test_row_cut_by_a_page_break_is_put_back() -> None:
    """LibreOffice lets a row break across pages: （四）无法提 | 1.本机关不掌 on one page, 供 | 握相关政府信息 on the next."""
    first = PageTable(600, _row(600, 700, ["三、本年", "（四）无法提", "12", "2"]), page=1)
    second = PageTable(72, _row(72, 90, ["度办理结果", "供", "", ""]) + _row(90, 110, ["", "2.没有现成信息", "3", "0"]), page=2)
    assert continues(first, second)
    table = grid(join_parts([first, second]), Location())
    assert _cells(table) == [["三、本年度办理结果", "（四）无法提供", "12", "2"], ["", "2.没有现成信息", "3", "0"]]


def test_group_label_cut_by_a_page_break_is_joined_but_a_new_item_is_not() -> None:
    first = PageTable(600, _row(600, 700, ["三、本年", "（一）予以公开", "30", "4"]), page=1)
    cut = PageTable(72, _row(72, 90, ["度办理结果", "（二）部分公开", "5", "1"]), page=2)
    table = grid(join_parts([first, cut]), Location())
    assert [c.text for c in table.cells if c.col == 0] == ["三、本年度办理结果"]
    assert table.cells[0].rowspan == 2
    new_item = PageTable(72, _row(72, 90, ["四、结转下年度", "（七）总计", "5", "1"]), page=2)
    assert _cells(grid(join_parts([first, new_item]), Location()))[1][:2] == ["四、结转下年度", "（七）总计"]


def test_continued_mark_between_parts_is_dropped_other_text_ends_the_table() -> None:
    first = PageTable(600, _row(600, 700, ["一", "x", "1", "2"]), page=1)
    second = PageTable(90, _row(90, 110, ["二", "y", "3", "4"]), page=2)

    def blocks(text: str) -> list[str]:
        pages = [_Page(1, 842.0, tables=[first]), _Page(2, 842.0, [_Line(text, 100, 160, 72, 84)], tables=[second])]
        return [type(b).__name__ for b in _assemble(pages)]

    assert blocks("（续表）") == ["Table"]
    assert blocks("表四 行政复议") == ["Table", "Paragraph", "Table"]


def test_header_repeated_on_the_next_page_is_dropped_even_a_point_off() -> None:
    """Word's “repeat as header row” and an HTML thead print the header again on every page;
    a browser lays each page's fragment out a point or two apart."""
    header = _row(72, 90, ["项目", "说明", "甲", "乙"])
    first = PageTable(72, header + _row(90, 700, ["一、", "x", "1", "2"]), page=1)
    again = [Box((b.bbox[0] + 1.5, b.bbox[1], b.bbox[2] + 1.5, b.bbox[3]), b.text) for b in header]
    second = PageTable(72, again + _row(90, 110, ["二、", "y", "3", "4"]), page=2)
    table = grid(join_parts([first, second]), Location())
    assert _cells(table) == [["项目", "说明", "甲", "乙"], ["一、", "x", "1", "2"], ["二、", "y", "3", "4"]]


def test_tables_on_one_page_join_only_when_their_columns_line_up() -> None:
    first = PageTable(100, _row(100, 120, ["a", "b", "1", "2"]), page=1)
    aligned = PageTable(140, _row(140, 160, ["c", "d", "3", "4"]), page=1)
    shifted = PageTable(140, [Box((100, 140, 250, 160), "c"), Box((250, 140, 380, 160), "3")], page=1)
    assert continues(first, aligned) and not continues(first, shifted)
    narrower = PageTable(140, [Box((100, 140, 300, 160), "c")], page=2)
    assert not continues(first, narrower)


def test_framed_paragraph_is_one_paragraph() -> None:
    page = _Page(1, 842.0, [
        _Line("某区2024年政府信息公开工作年度报告", 72, 400, 80, 92),
        _Line("本报告所列数据统计期限为2024年1月1日至2024年12月31日，由本机关编制，全文如下所述。", 72, 500, 100, 140, boxed=True),
        _Line("一、总体情况", 72, 160, 150, 162),
    ])
    assert [b.text for b in _assemble([page])] == [  # type: ignore[union-attr]
        "某区2024年政府信息公开工作年度报告",
        "本报告所列数据统计期限为2024年1月1日至2024年12月31日，由本机关编制，全文如下所述。",
        "一、总体情况"]


def test_browser_stamps_in_the_margins_are_dropped_on_a_single_page() -> None:
    page = _Page(1, 792.0, [
        _Line("12/1/26, 9:37 AM 某区2024年政府信息公开工作年度报告_政府信息公开年报", 24, 500, 16, 26),
        _Line("一、总体情况", 72, 160, 150, 162),
        _Line("file:///work/shared/corpus/report.html 1/1", 24, 590, 768, 776),
        _Line("https://www.example.gov.cn/zwgk/art_1.html 1/1", 24, 590, 778, 786),
    ])
    _drop_running_lines([page])
    assert [line.text for line in page.lines] == ["一、总体情况"]


def test_site_navigation_before_the_title_is_dropped_but_a_unit_line_is_kept() -> None:
    nav = [Paragraph(text, Location(page=1)) for text in ("首页", "政务公开", "解读回应", "办事服务", "互动交流",
                                                         "走进本区", "政府信息公开", "当前位置：", "首页")]
    title = Paragraph("某区2025年度政府信息公开工作年度报告", Location(page=1))
    body = Paragraph("一、总体情况", Location(page=2))
    assert _without_site_chrome([*nav, title, body]) == [title, body]
    unit = Paragraph("某区人民政府办公室", Location(page=1))
    assert _without_site_chrome([unit, title, body]) == [unit, title, body]


def test_radical_code_points_read_as_characters() -> None:
    assert plain("⼀、总体情况 ⼆、主动公开 ⾏政 ⻓ ⻛ ⺠") == "一、总体情况 二、主动公开 行政 长 风 民"


def test_office_suite_spacing_between_chinese_and_digits_is_not_text() -> None:
    """LibreOffice sets a gap between Chinese and digits (autospace); the DOCX text has none."""
    assert plain("统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。") == "统计期限为2024年1月1日至2024年12月31日。"
    assert plain("共收到申请 68 件，PDF files 3 份") == "共收到申请68件，PDF files 3份"  # Latin words keep their space
