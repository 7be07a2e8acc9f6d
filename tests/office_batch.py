"""A small folder as the supervising office gets it, for the XLSX and HTML tests: reports of
five units (text copies: fast to build, read like a web copy), one of them sent twice, one
with a file name far longer than a column, a README, and a unit list naming a unit that
sent nothing. Each report's defects are known, so tests can assert exact rows.
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers import report_text, tables

from reportlint.template import sample_sections

YEAR = 2024
LONG_UNIT = "某某区经济技术开发区管理委员会"
LONG_NAME = "05-" + "某某区经济技术开发区管理委员会关于报送政府信息公开工作年度报告的函及附件" * 2 + ".txt"
MISSING_UNIT = "某某区乡村振兴局"


def _text(unit: str, data: dict | None = None, sections: dict[str, str] | None = None) -> str:
    return report_text(data, sections=sections).replace(f"某某区{YEAR}年", f"{unit}{YEAR}年", 1)


def build(folder: Path) -> dict[str, Path]:
    """The files by role; `units` is the office's list."""
    folder.mkdir(parents=True, exist_ok=True)
    unbalanced = tables()
    unbalanced["applications"]["new"]["total"] += 1  # A401, A403 (errors); no N501: A40x says it
    placeholder = sample_sections(YEAR)
    placeholder["六"] = "此处填写其他需要报告的事项。"  # C602 (warning), C603 (error)
    no_fee = sample_sections(YEAR)
    no_fee["六"] = "本年度无其他需要报告的事项。"  # C602 (warning) only
    files = {
        "clean": (folder / "01-统计局.txt", _text("某某区统计局")),
        "unbalanced": (folder / "02-审计局.txt", _text("某某区审计局", unbalanced)),
        "placeholder": (folder / "03-财政局.txt", _text("某某区财政局", sections=placeholder)),
        "revised": (folder / "03-财政局（修订）.txt", _text("某某区财政局")),
        "warning": (folder / "04-教育局.txt", _text("某某区教育局", sections=no_fee)),
        "long": (folder / LONG_NAME, _text(LONG_UNIT, unbalanced)),
    }
    paths: dict[str, Path] = {}
    for age, (role, (path, text)) in enumerate(files.items()):
        path.write_text(text, encoding="utf-8")
        os.utime(path, (1_700_000_000 + age, 1_700_000_000 + age))  # the revised copy is the newer one
        paths[role] = path
    paths["readme"] = folder / "README.md"
    paths["readme"].write_text("# 各单位报送的年报\n", encoding="utf-8")
    paths["units"] = folder.parent / "units.txt"
    names = ["某某区统计局", "某某区审计局", "某某区财政局", "某某区教育局", LONG_UNIT, MISSING_UNIT]
    paths["units"].write_text("\n".join(names) + "\n", encoding="utf-8")
    return paths
