"""Why a file could not be read: becomes an F001/F002 finding, exit code 2."""

from __future__ import annotations

from typing import NamedTuple


class ReadError(Exception):
    """A file that cannot be checked. `code` is F001 (unreadable) or F002 (unsupported)."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en


class Limits(NamedTuple):
    """Hard limits that keep hostile input from exhausting memory or time."""

    max_bytes: int = 20 * 1024 * 1024  # input file size
    max_unzipped: int = 80 * 1024 * 1024  # total uncompressed size of a DOCX
    max_ratio: int = 200  # compression ratio of any DOCX member
    max_table_depth: int = 5  # nested tables
    max_line_chars: int = 2_000_000  # a single line of text
    max_pages: int = 100  # PDF pages; a long report has 30
    max_document_xml: int = 16 * 1024 * 1024  # word/document.xml; a long report has 2 MB
    max_blocks: int = 20_000  # paragraphs or lines; a long report has 1,500
    max_seconds: float = 30.0  # reading and checking one file; 0 turns the limit off


def too_many_blocks(count: int, limit: int) -> ReadError:
    return ReadError(
        "F001",
        f"文件有 {count} 个段落（上限 {limit}），远超年度报告的篇幅，未检查。请确认文件是否正确。",
        f"the file has {count} paragraphs (limit {limit}), far more than an annual report; not checked",
    )


def too_large(size: int, limit: int) -> ReadError:
    mb = limit / 1024 / 1024
    return ReadError(
        "F001",
        f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {mb:.0f} MB），未检查。年度报告通常不足 5 MB，请确认文件是否正确。",
        f"file too large ({size / 1024 / 1024:.1f} MB, limit {mb:.0f} MB); not checked",
    )
