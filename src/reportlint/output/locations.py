"""Say where a finding is, and how severe, in the writer's language."""

from __future__ import annotations

from reportlint.model import Location

SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


def describe(loc: Location, lang: str = "zh") -> str:
    zh = lang == "zh"
    parts: list[str] = []
    if loc.section:
        parts.append(f"第{loc.section}部分" if zh else f"section {loc.section}")
    if loc.table is not None:
        parts.append(f"表格{loc.table}" if zh else f"table {loc.table}")
    if loc.line is not None:
        where = f"第{loc.line}行" if zh else f"line {loc.line}"
        if isinstance(loc.column, int):
            where += f"第{loc.column}字" if zh else f":{loc.column}"
        parts.append(where)
    elif loc.paragraph is not None and loc.table is None:
        parts.append(f"第{loc.paragraph}段" if zh else f"paragraph {loc.paragraph}")
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"page {loc.page}")
    if loc.row:
        parts.append(f"“{loc.row}”行" if zh else f"row “{loc.row}”")
    if isinstance(loc.column, str) and loc.column:
        parts.append(f"“{loc.column}”列" if zh else f"column “{loc.column}”")
    return " · ".join(parts) if parts else ("全文" if zh else "document")


def short(loc: Location) -> str:
    """`line:col` style for concise and CI formats."""
    if loc.line is not None:
        return f"{loc.line}:{loc.column if isinstance(loc.column, int) else 1}"
    if loc.paragraph is not None:
        return f"{loc.paragraph}:1"
    if loc.page is not None:
        return f"{loc.page}:1"
    return "1:1"
