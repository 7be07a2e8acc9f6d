"""Make docs/office-report.png: the HTML report of a 44-unit batch as an office gets it.

Builds, in a temporary folder, 44 units' reports (DOCX from the official template) with varied
defects, a revised text copy of one unit, an old .doc, a README and a picture, and a unit list
naming two units that sent nothing; runs `reportlint check --units … -f html`; and has the
Debian chromium (headless, tests/chromium.py) take a screenshot of the top of the page.

Run from the repo root: python scripts/screenshot_html_report.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import base64
import copy
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlint.template import build_docx, sample_sections, sample_tables

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from chromium import Chromium, find_chromium  # noqa: E402  (a test helper, stdlib only)

TARGET = REPO / "docs" / "office-report.png"
DEPARTMENTS = (
    "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局", "水务局", "农业农村局", "商务局",
    "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "国有资产监督管理委员会",
    "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "林业局", "信访局", "政务服务数据管理局",
    "机关事务管理局", "民族宗教事务局", "体育局", "人民防空办公室", "城关街道办事处", "东城街道办事处",
    "西城街道办事处", "南湖街道办事处", "北山街道办事处", "青山镇人民政府", "白石镇人民政府", "红旗镇人民政府",
    "长岭镇人民政府", "金沙镇人民政府", "经济技术开发区管理委员会", "高新技术产业园区管理委员会",
)
NOT_SENT = ("粮食和物资储备局", "乡村振兴局")
YEAR = 2024


def _arithmetic(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    tables["applications"]["new"]["total"] += 1  # A401, A403
    return {}


def _placeholder(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    sections["六"] = "此处填写其他需要报告的事项。"  # C603, C602
    return {}


def _no_section_five(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    del sections["五"]  # S101
    return {}


def _period(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    return {"period": f"本报告所列数据统计期限为{YEAR}年1月1日至{YEAR}年11月30日。"}  # P202


def _blank_cells(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    tables["applications"]["partial"]["research"] = "/"  # T305
    tables["disclosure"]["fees"]["fee_amount"] = "—"
    return {}


def _narrative(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    sections["三"] = "本年度共收到政府信息公开申请99件，办结申请全部按期答复。"  # N501
    return {}


def _no_fee(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    sections["六"] = "无。"  # C602
    return {}


def _reviews(tables: dict[str, Any], sections: dict[str, str]) -> dict[str, Any]:
    tables["reviews"]["litigation_direct"]["total"] = 5  # A404
    return {}


# One defect per unit in turn; None: a clean report.
DEFECTS: tuple[Callable[[dict[str, Any], dict[str, str]], dict[str, Any]] | None, ...] = (
    None, _arithmetic, None, _placeholder, _no_fee, None, _no_section_five, _period, None, _blank_cells, _narrative,
    _reviews)


def build_batch(folder: Path, units: int = len(DEPARTMENTS)) -> Path:
    """`units` reports in `folder` plus what else offices find there; returns the unit list's path."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"某某区{d}" for d in DEPARTMENTS[:units]]
    for i, name in enumerate(names):
        tables, sections = copy.deepcopy(sample_tables()), sample_sections(YEAR)
        defect = DEFECTS[i % len(DEFECTS)]
        extra = defect(tables, sections) if defect else {}
        build_docx(YEAR, name, tables, sections, **extra).save(folder / f"{i + 1:02d}-{name}.docx")
    revised = build_docx(YEAR, names[2], copy.deepcopy(sample_tables()), sample_sections(YEAR))
    revised.save(folder / f"03-{names[2]}（修订稿）.docx")  # one unit sent twice: a duplicate
    (folder / f"{units + 1:02d}-某某区档案馆.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "README.md").write_text("# 各单位报送的年报\n", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    unit_list = folder.parent / "units.txt"
    unit_list.write_text("\n".join([*names, *(f"某某区{n}" for n in NOT_SENT), "某某区档案馆"]) + "\n", encoding="utf-8")
    return unit_list


def render_report(folder: Path, unit_list: Path, target: Path) -> float:
    """Run the CLI as an office would; the seconds it took."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", folder.name, "--units", unit_list.name,
                           "-o", str(target.resolve())], capture_output=True, check=False, cwd=folder.parent)
    if not target.is_file():  # exit 1 or 2: findings, an unreadable file; the page is what counts
        raise SystemExit(proc.stderr.decode())
    return time.monotonic() - started


def screenshot(page: Path, target: Path, width: int = 1280, height: int = 1400) -> None:
    binary = find_chromium()
    if binary is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        browser = Chromium(binary, Path(profile))
        try:
            tab = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": tab, "flatten": True})["sessionId"]
            browser.send("Page.enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
            browser.send("Page.navigate", {"url": page.as_uri()}, session)
            browser.wait_for("Page.loadEventFired", session)
            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session)
            target.write_bytes(base64.b64decode(shot["data"]))
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="build the batch and the page here, and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        unit_list = build_batch(work / "年报")
        page = work / "检查结果.html"
        seconds = render_report(work / "年报", unit_list, page)
        screenshot(page, TARGET)
    print(f"checked {len(DEPARTMENTS) + 2} files of {len(DEPARTMENTS)} units in {seconds:.1f} s; wrote {TARGET}")


if __name__ == "__main__":
    main()
