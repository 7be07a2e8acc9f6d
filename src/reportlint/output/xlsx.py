"""`check --format xlsx`: a workbook the office can file.

汇总 (one row per report file, then the units that sent nothing), 问题明细 (one row per
finding, in document order, with the rule's 修改建议), and 未报送 / 已跳过 / 重复 / 无上年报告
where they apply. Every sheet has a bold frozen header with an autofilter, widths that fit
its text, wrapped cells and the header repeated on every printed page.

Every cell goes through `safe.append_row`: unit names and file names come from the units.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from reportlint.model import FileResult
from reportlint.output.rows import (
    COLOURS,
    FINDING_HEADERS,
    NOTE_HEADERS,
    NOTE_TITLES,
    STATE_WORDS,
    SUMMARY_HEADERS,
    batch_view,
    finding_rows,
    lang_of,
    summary_rows,
)
from reportlint.output.safe import append_row

SHEET_TITLES = {"zh": ("汇总", "问题明细"), "en": ("Summary", "Findings")}
MIN_WIDTH, MAX_WIDTH = 6, 60
HEADER_FILL = "F3F3F3"


def workbook() -> Any:
    try:
        from openpyxl import Workbook
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("XLSX 输出需要 openpyxl：pip install 'reportlint[xlsx]'") from exc
    book = Workbook()
    book.remove(book.active)
    return book


def saved(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def display_width(text: str) -> int:
    """Columns a text takes in Excel's default font: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_sheet(book: Any, title: str, headers: list[str], rows: list[list[Any]]) -> Any:
    """A sheet of one header row and `rows`, laid out for reading and printing."""
    sheet = book.create_sheet(title[:31])
    append_row(sheet, headers)
    for row in rows:
        append_row(sheet, row)
    finish_table(sheet, header_rows=1)
    return sheet


def finish_table(sheet: Any, header_rows: int, autofilter: bool = True) -> None:
    """Bold shaded header frozen in place, autofilter, widths from the text, wrapped cells,
    the header printed on every page, landscape A4 one page wide."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal)
            cell.border = border
    for row in sheet.iter_rows(max_row=header_rows):
        for cell in row:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = sheet.cell(row=header_rows + 1, column=1).coordinate
    if autofilter and sheet.max_row > header_rows:
        sheet.auto_filter.ref = f"A{header_rows}:{sheet.cell(row=sheet.max_row, column=sheet.max_column).coordinate}"
    set_widths(sheet)
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def set_widths(sheet: Any) -> None:
    """Each column as wide as its longest line, within MIN_WIDTH..MAX_WIDTH (longer text wraps)."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    merged_tops = {r.start_cell.coordinate for r in sheet.merged_cells.ranges if r.min_col != r.max_col}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or cell.value is None or cell.coordinate in merged_tops:
                continue  # a label across columns says nothing about one column's width
            longest = max(display_width(line) for line in str(cell.value).split("\n"))
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column in range(1, sheet.max_column + 1):
        width = min(MAX_WIDTH, max(MIN_WIDTH, widths.get(column, 0) + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def colour_states(sheet: Any, column: int, lang: str) -> None:
    """The 状态 column in its state's colour: the office sees at a glance which reports go back."""
    from openpyxl.styles import PatternFill

    fills = {word: PatternFill("solid", fgColor=COLOURS[key][0].lstrip("#").upper()) for key, word in STATE_WORDS[lang].items()}
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if cell.value in fills:
            cell.fill = fills[cell.value]


def render_xlsx(results: list[FileResult], options: Any) -> bytes:
    lang = lang_of(options)
    notes = getattr(options, "notes", None)
    summary_title, detail_title = SHEET_TITLES[lang]
    book = workbook()
    summary = table_sheet(book, summary_title, SUMMARY_HEADERS[lang], summary_rows(results, lang, notes))
    colour_states(summary, SUMMARY_HEADERS[lang].index("状态" if lang == "zh" else "status") + 1, lang)
    table_sheet(book, detail_title, FINDING_HEADERS[lang], finding_rows(results, lang))
    for key, rows in batch_view(results, notes, lang).lists().items():
        table_sheet(book, NOTE_TITLES[key][lang], NOTE_HEADERS[key][lang], rows)
    return saved(book)
