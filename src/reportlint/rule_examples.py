"""`reportlint rule CODE` shows a rule's message as a writer would read it: its placeholders
filled with example values of a plausible report (the 表三 of a district office), not the
raw template `{table}“{column}”列：{terms}`.
"""

from __future__ import annotations

import string
from typing import Any

from reportlint.pack import RuleDef

# Values by placeholder, then by rule where one placeholder means different things.
_COMMON: dict[str, tuple[str, str]] = {
    "table": ("表三（收到和处理政府信息公开申请情况）", "table 三 (applications)"),
    "column": ("自然人", "自然人"),
    "row": ("（一）予以公开", "（一）予以公开"),
    "diff": ("1", "1"),
    "left_value": ("35", "35"),
    "right_value": ("36", "36"),
    "section": ("五", "五"),
    "title": ("存在的主要问题及改进情况", "存在的主要问题及改进情况"),
    "before": ("六", "六"),
    "heading": ("五、存在的问题及改进情况", "五、存在的问题及改进情况"),
    "first": ("第12段", "paragraph 12"),
    "expected": ("存在的主要问题及改进情况", "存在的主要问题及改进情况"),
    "actual": ("/", "/"),
    "quote": ("XX", "XX"),
    "year": ("2024", "2024"),
    "found": ("2022", "2022"),
    "kind": ("非负整数", "a whole number"),
    "what": ("上年度问题的整改情况", "the rectification of last year's problems"),
    "share": ("72%", "72%"),
    "previous": ("某某区2023年年报.docx", "report-2023.docx"),
    "unit_type": ("部门", "department"),
    "where": ("“1.属于国家秘密”等 3 行", " (rows “1.属于国家秘密” and 2 more)"),
    "detail": ("文件已损坏，无法打开", "the file is damaged and cannot be opened"),
    "terms": ("新收 60 + 结转 4 ≠ 办结 57 + 结转下年 8", "60 + 4 ≠ 57 + 8"),
}
_BY_RULE: dict[str, dict[str, tuple[str, str]]] = {
    "A401": {"terms": ("60 + 4 ≠ 57 + 8", "60 + 4 ≠ 57 + 8")},
    "A402": {"left_value": ("61", "61"), "right_value": ("62", "62")},
    "A404": {"table": ("表四（行政复议、行政诉讼情况）", "table 四 (reviews and litigation)"),
             "row": ("未经复议直接起诉", "未经复议直接起诉"), "left_value": ("5", "5"), "right_value": ("4", "4")},
    "A405": {"row": ("（一）予以公开", "（一）予以公开")},
    "A406": {"table": ("表二（主动公开政府信息情况）", "table 二 (proactive disclosure)"), "row": ("规章", "规章"),
             "left_value": ("3", "3"), "right_value": ("5", "5")},
    "N501": {"quote": ("共收到政府信息公开申请6件", "共收到政府信息公开申请6件"), "what": ("收到申请", "applications received"),
             "compare": ("“本年新收”的总计", "the total of “本年新收”"),
             "actual": ("6", "6"), "expected": ("5", "5")},
    "P202": {"quote": ("统计期限为2024年1月1日至2024年11月30日", "统计期限为2024年1月1日至2024年11月30日"),
             "reason": ("不是2024年全年", "does not cover 2024")},
    "S105": {"missing": ("标题没有写明发布单位，正文开头也没有", "the title does not name the issuing unit, nor does the opening")},
    "T308": {"detail": ("有多种读法", "it has several readings"),
             "advice": ("请用表格，或用空格、制表符分隔各数值。", "Put the values in a table, or separate them with spaces or tabs.")},
    "P203": {"quote": ("上年结转（2022年）", "上年结转（2022年）"), "expected": ("2023", "2023")},
    "P204": {"actual": ("2025年2月15日", "2025-02-15"), "expected": ("2025年1月31日", "2025-01-31")},
    "S104": {"expected": ("存在的主要问题及改进情况", "存在的主要问题及改进情况")},
    "T302": {"row": ("（七）总计", "（七）总计"), "rows": ("“（七）总计”行", "the row “（七）总计”")},
    "T303": {"expected": ("自然人、商业企业、科研机构…", "自然人、商业企业、科研机构…"),
             "actual": ("自然人、科研机构、商业企业…", "自然人、科研机构、商业企业…")},
    "T304": {"actual": ("约5", "约5")},
    "T306": {"quote": ("（四）无法提供", "（四）无法提供")},
    "C601": {"what": ("上年度问题的整改情况", "the rectification of last year's problems")},
    "C602": {"what": ("信息处理费收取情况", "the information processing fee")},
    "X701": {"left_value": ("4", "4"), "right_value": ("5", "5")},
    "X702": {"table": ("表二（主动公开政府信息情况）", "table 二 (proactive disclosure)"), "row": ("规章", "规章"),
             "left_value": ("12", "12"), "right_value": ("13", "13")},
}


def example_message(rule: RuleDef, lang: str) -> str:
    """The rule's message in `lang` with every placeholder filled; an unknown one shows as …."""
    template = rule.message.get(lang, rule.message["zh"])
    index = 1 if lang == "en" else 0
    values: dict[str, Any] = {}
    for _, field, _, _ in string.Formatter().parse(template):
        if field:
            pair = _BY_RULE.get(rule.code, {}).get(field) or _own_what(rule, field) or _COMMON.get(field)
            values[field] = pair[index] if pair else "…"
    return template.format(**values)


def _own_what(rule: RuleDef, field: str) -> tuple[str, str] | None:
    """A rule's own first `what` (a user's phrase-required rule names what it asks for)."""
    groups = rule.params.get("groups") or rule.params.get("counts") or ()
    what = groups[0].get("what") if field == "what" and groups else None
    if isinstance(what, dict):
        return str(what.get("zh", "")), str(what.get("en", what.get("zh", "")))
    return (what, what) if isinstance(what, str) else None
