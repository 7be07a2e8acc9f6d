"""Regenerate examples/*.docx: a clean report and one with several defects.

Run from the repo root: python scripts/make_examples.py
"""

from __future__ import annotations

import copy
from pathlib import Path

from reportlint.template import build_docx, sample_sections, sample_tables

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def clean() -> None:
    build_docx(2024, "某某区人民政府办公室", sample_tables()).save(EXAMPLES / "clean_2024.docx")


def defective() -> None:
    tables = copy.deepcopy(sample_tables())
    apps = tables["applications"]
    apps["disclosed"]["natural_person"] = 31  # breaks A402 (column) and A403 (row)
    apps["partial"]["research"] = "/"  # T305
    tables["reviews"]["litigation_direct"]["total"] = 5  # A404
    sections = sample_sections(2024)
    del sections["五"]  # S101
    sections["六"] = "此处填写其他需要报告的事项。"  # C603, C602
    period = "本报告所列数据统计期限为2024年1月1日至2024年11月30日。"  # P202
    build_docx(2024, "某某区XX局", tables, sections, period).save(EXAMPLES / "defects_2024.docx")


if __name__ == "__main__":
    EXAMPLES.mkdir(exist_ok=True)
    clean()
    defective()
    print("wrote", *(p.name for p in sorted(EXAMPLES.glob("*.docx"))))
