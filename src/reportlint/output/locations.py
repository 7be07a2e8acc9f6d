"""Say where a finding is, and how severe, in the writer's language.

A table is named as the report names it (表二, 表三, 表四: the table of that section), not by
its position among the document's tables. A paragraph number, where the reader gives one,
comes before a source line: a reader of a web page can count paragraphs, not HTML lines.
"""

from __future__ import annotations

from functools import lru_cache

from reportlint.messages import SEVERITY as SEVERITY_WORDS  # noqa: F401 - the writers' one name for them
from reportlint.model import Location


@lru_cache(maxsize=1)
def _table_sections() -> frozenset[str]:
    """The sections whose table the format fixes (二, 三, 四), as the shipped packs define them:
    a table there is named after its section (表三)."""
    from reportlint.pack import run_packs  # loaded already by the time a finding is written

    return frozenset(table.section for pack in run_packs().all() for table in pack.tables.values())


def table_name(loc: Location, lang: str = "zh") -> str | None:
    if loc.table is None:
        return None
    if loc.section in _table_sections():
        return f"表{loc.section}" if lang == "zh" else f"table {loc.section}"
    return f"第{loc.table}个表格" if lang == "zh" else f"table no. {loc.table}"


def describe(loc: Location, lang: str = "zh") -> str:
    zh = lang == "zh"
    parts: list[str] = []
    if loc.section:
        parts.append(f"第{loc.section}部分" if zh else f"section {loc.section}")
    table = table_name(loc, lang)
    if table:
        parts.append(table)
    if loc.paragraph is not None:
        if loc.table is None:  # a DOCX table is placed by its name, row and column
            parts.append(f"第{loc.paragraph}段" if zh else f"paragraph {loc.paragraph}")
    elif loc.line is not None:
        where = f"第{loc.line}行" if zh else f"line {loc.line}"
        if isinstance(loc.column, int):
            where += f"第{loc.column}字" if zh else f":{loc.column}"
        parts.append(where)
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"page {loc.page}")
    if loc.row:
        parts.append(f"“{loc.row}”行" if zh else f"row “{loc.row}”")
    if isinstance(loc.column, str) and loc.column:
        parts.append(f"“{loc.column}”列" if zh else f"column “{loc.column}”")
    return " · ".join(parts) if parts else ("全文" if zh else "document")


def short(loc: Location, lang: str = "zh") -> str | None:
    """The concise format's place: `line:column` in a text file, else the paragraph or the page
    (`第7段` / `paragraph 7`, `第3页` / `page 3`), or the table; None for the whole document."""
    zh = lang == "zh"
    if loc.paragraph is not None and loc.table is None:
        return f"第{loc.paragraph}段" if zh else f"paragraph {loc.paragraph}"
    if loc.line is not None:
        return f"{loc.line}:{loc.column if isinstance(loc.column, int) else 1}"
    if loc.page is not None:
        return f"第{loc.page}页" if zh else f"page {loc.page}"
    return table_name(loc, lang)
