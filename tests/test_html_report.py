"""The HTML report an office sends on (issue 11): one self-contained page with a header, a
summary grouped by unit that links to each report's section, findings grouped by section
with worded severities, an errors-only filter, the batch's notes, and a print layout where
no column is cut.

The browser tests drive the Debian `chromium` headless (tests/chromium.py). They skip only on
a machine without chromium outside CI; in CI a missing chromium fails them.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from chromium import Chromium
from helpers import report_text
from office_batch import LONG_UNIT, MISSING_UNIT
from typer.testing import CliRunner

from reportlint import __version__
from reportlint.cli import app
from reportlint.output.html import CSP
from reportlint.pack import load_pack

A4_PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4 less the 12 mm margins of the print style sheet



@pytest.fixture(scope="module")
def page_path(batch: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("page") / "检查结果.html"
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01 00:00 UTC: the header's date is known
    try:
        result = CliRunner().invoke(app, ["check", str(batch["clean"].parent), "--units", str(batch["units"]),
                                          "-o", str(target)])
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.exit_code == 1, result.stderr
    return target


@pytest.fixture(scope="module")
def page(page_path: Path) -> str:
    return page_path.read_text(encoding="utf-8")


def _section(page: str, anchor: str) -> str:
    match = re.search(f'<section class="report [^"]*" id="{anchor}">(.*?)</section>', page, re.S)
    assert match, anchor
    return match.group(1)


def _anchor_of(page: str, path: Path) -> str:
    match = re.search(f'<a href="#(r\\d+)">{re.escape(str(path))}</a>', page)
    assert match, path
    return match.group(1)


# ---- the page itself --------------------------------------------------------------------


def test_self_contained_with_links_only_inside_the_page(page: str) -> None:
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP and "script" not in CSP and "<script" not in page
    assert "src=" not in page
    targets = re.findall(r'href="([^"]*)"', page)
    assert targets and all(t.startswith("#") for t in targets)
    assert {t[1:] for t in targets} <= set(re.findall(r' id="([^"]+)"', page))


def test_header_says_when_with_which_tool_and_rules_and_what(page: str, batch: dict[str, Path]) -> None:
    header = re.search("<header>(.*?)</header>", page, re.S).group(1)  # type: ignore[union-attr]
    pack = load_pack()
    assert "<li>检查时间：2026-01-01 00:00 UTC</li>" in header
    assert f"<li>检查工具：reportlint {__version__}</li>" in header
    assert f"<li>规则包：{pack.id}（{pack.title}）</li>" in header
    assert f"<li>检查对象：{batch['clean'].parent}</li>" in header
    assert "<p>共 6 个文件：3 个有错误，1 个有警告，2 个通过，0 个无法读取。</p>" in header


def test_summary_rows_grouped_by_unit_with_worded_states(page: str, batch: dict[str, Path]) -> None:
    summary = re.search('<section id="summary">(.*?)</section>', page, re.S).group(1)  # type: ignore[union-attr]
    bodies = re.findall('<tbody class="unit">(.*?)</tbody>', summary, re.S)
    rows = [re.findall('<tr class="s-([a-z]+)"><td>(?:<a href="#r\\d+">)?([^<]*)', body) for body in bodies]
    assert rows == [[("passed", "某某区统计局")], [("error", "某某区审计局")],
                    [("error", "某某区财政局"), ("passed", "某某区财政局")], [("warning", "某某区教育局")],
                    [("error", LONG_UNIT)], [("missing", MISSING_UNIT)]]
    assert summary.count('<td class="st">有错误</td>') == 3 and '<td class="st">未报送</td>' in summary


def test_each_report_lists_its_findings_by_section_with_severity_in_words(page: str, batch: dict[str, Path]) -> None:
    section = _section(page, _anchor_of(page, batch["unbalanced"]))
    assert section.startswith('<h3>某某区审计局 · 2024 <span class="badge s-error">有错误</span></h3>')
    assert re.findall("<h4>([^<]*)</h4>", section) == ["第三部分 收到和处理政府信息公开申请情况"]
    findings = re.findall('<tr class="f-([a-z]+)"><td>([^<]*)</td><td>([A-Z]\\d{3})</td>', section)
    assert findings == [("error", "错误", "A401"), ("error", "错误", "A403")]
    assert f"<td>{load_pack().rules['A401'].fix['zh']}</td>" in section
    parts = re.findall("<h4>([^<]*)</h4>", _section(page, _anchor_of(page, batch["placeholder"])))
    assert parts == ["第六部分 其他需要报告的事项"]
    assert "<p>未发现问题。</p>" in _section(page, _anchor_of(page, batch["clean"]))


def _notes(page: str) -> str:
    return re.search('<section id="notes">(.*?)</section>', page, re.S).group(1)  # type: ignore[union-attr]


def test_notes_say_what_was_missing_skipped_and_duplicated(page: str, batch: dict[str, Path]) -> None:
    notes = _notes(page)
    assert re.findall('<h3 id="note-([a-z]+)">([^<]*)</h3>', notes) == [
        ("missing", "未报送（1）"), ("skipped", "已跳过（1）"), ("duplicates", "重复（1）")]
    assert f"<td>{MISSING_UNIT}</td>" in notes
    assert f"<td>{batch['readme']}</td><td>不像政府信息公开工作年度报告</td>" in notes
    assert f"<td>{batch['placeholder']}</td><td>某某区财政局</td><td>{batch['revised']}</td>" in notes


def test_notes_say_which_reports_previous_did_not_pair(batch: dict[str, Path], tmp_path: Path) -> None:
    """--previous with a folder of 统计局's and 审计局's 2023 reports: the other units are named."""
    last_year = tmp_path / "上年"
    last_year.mkdir()
    for unit in ("统计局", "审计局"):
        (last_year / f"{unit}.txt").write_text(report_text(year=2023).replace("某某区2023年", f"某某区{unit}2023年", 1),
                                              encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(batch["clean"].parent), "--previous", str(last_year), "-f", "html"])
    notes = _notes(result.stdout)
    unpaired = re.search('<h3 id="note-unpaired">([^<]*)</h3><p>([^<]*)</p>(.*)', notes, re.S)
    assert unpaired and unpaired.group(1) == "无上年报告（4）" and "X701、X702、C605" in unpaired.group(2)
    listed = re.findall("<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", unpaired.group(3))
    assert [path for path, _ in listed] == [str(batch[k]) for k in ("placeholder", "revised", "warning", "long")]


def test_english_page(batch: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["check", str(batch["clean"].parent), "--units", str(batch["units"]),
                                      "--lang", "en", "-f", "html"])
    assert '<html lang="en">' in result.stdout and "<h2>Summary</h2>" in result.stdout
    assert '<td class="st">has errors</td>' in result.stdout and "<td>error</td><td>A401</td>" in result.stdout


# ---- in a real browser ------------------------------------------------------------------



class Tab:
    """One page in the browser, at a given window width and media."""

    def __init__(self, browser: Chromium, url: str, width: int, media: str = "screen") -> None:
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=self.session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, self.session)
        browser.send("Emulation.setEmulatedMedia", {"media": media}, self.session)
        browser.send("Emulation.setScrollbarsHidden", {"hidden": True}, self.session)
        browser.send("Page.navigate", {"url": url}, self.session)
        browser.wait_for("Page.loadEventFired", self.session)

    def value(self, expression: str) -> Any:
        answer = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        assert "exceptionDetails" not in answer, answer
        return answer["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element, as a person would."""
        x, y = self.value(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                          "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                          "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            self.browser.send("Input.dispatchMouseEvent",
                              {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}, self.session)
        self.browser.drain(0.3)

    def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def test_a_summary_link_shows_the_units_section(browser: Chromium, page_path: Path, page: str,
                                                batch: dict[str, Path]) -> None:
    anchor = _anchor_of(page, batch["long"])
    tab = Tab(browser, page_path.as_uri(), 1280)
    try:
        where = f"document.getElementById('{anchor}').getBoundingClientRect().top"
        assert tab.value(where) > tab.value("innerHeight")  # far below: the click must bring it
        tab.click(f'#summary a[href="#{anchor}"]')
        assert tab.value("location.hash") == f"#{anchor}"
        assert tab.value("document.querySelector(':target').id") == anchor
        assert 0 <= tab.value(where) < tab.value("innerHeight")  # scrolled into view
        assert tab.value(f"document.querySelector('#{anchor} h3').textContent").startswith(LONG_UNIT)
        assert tab.value(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") == "solid"
    finally:
        tab.close()


_VISIBLE = "[...document.querySelectorAll({0!r})].filter(e => e.getClientRects().length).map(e => {1})"


def test_errors_only_filter(browser: Chromium, page_path: Path) -> None:
    tab = Tab(browser, page_path.as_uri(), 1280)
    try:
        states = _VISIBLE.format("#summary tbody tr", "e.className")
        assert tab.value(states) == ["s-passed", "s-error", "s-error", "s-passed", "s-warning", "s-error", "s-missing"]
        tab.click("label.filter")
        assert tab.value("document.getElementById('only-errors').checked") is True
        assert tab.value(states) == ["s-error", "s-error", "s-error", "s-missing"]
        assert set(tab.value(_VISIBLE.format("#reports tr[class]", "e.className"))) == {"f-error"}
        assert set(tab.value(_VISIBLE.format("section.report", "e.className"))) == {"report s-error"}
        assert tab.value(_VISIBLE.format("#reports h4", "e.textContent")) == [
            "第三部分 收到和处理政府信息公开申请情况", "第六部分 其他需要报告的事项", "第三部分 收到和处理政府信息公开申请情况"]
    finally:
        tab.close()


_CUT_CELLS = """(() => {
  const width = document.documentElement.clientWidth, cut = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const box = cell.getBoundingClientRect();
    if (box.left < -0.5 || box.right > width + 0.5 || cell.scrollWidth > cell.clientWidth + 1)
      cut.push(cell.textContent.slice(0, 40));
  }
  const units = [...document.querySelectorAll('#summary tbody td:first-child')];
  const ems = units.map(td => td.clientWidth / parseFloat(getComputedStyle(td).fontSize));
  return {width, page: document.documentElement.scrollWidth, cut, narrowest_unit_em: Math.min(...ems)};
})()"""


def test_printed_on_a4_no_column_is_cut(browser: Chromium, page_path: Path) -> None:
    tab = Tab(browser, page_path.as_uri(), A4_PRINTABLE_PX, media="print")
    try:
        layout = tab.value(_CUT_CELLS)
        pdf = base64.b64decode(tab.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    finally:
        tab.close()
    assert layout["cut"] == [] and layout["page"] <= layout["width"] == A4_PRINTABLE_PX
    assert layout["narrowest_unit_em"] >= 7  # the 单位 column keeps several characters a line
    _assert_pdf_keeps_every_column(pdf)


def _assert_pdf_keeps_every_column(pdf: bytes) -> None:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's CJK subsets lack a FontBBox
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert document.pages
        text = ""
        for page in document.pages:
            assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
            margin = 12 / 25.4 * 72
            assert all(c["x0"] >= margin - 1 and c["x1"] <= page.width - margin + 1 for c in page.chars)
            text += unicodedata.normalize("NFKC", page.extract_text() or "")
    flat = re.sub(r"\s+", "", text)
    assert "单位年度文件状态错误警告提示备注" in flat  # the last column's header is on the page
    assert "级别代码位置说明应为/实为依据修改建议" in flat
    assert load_pack().rules["A403"].fix["zh"][:6] in flat
