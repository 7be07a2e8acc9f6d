"""The HTML report in a real browser (issue 13): the Debian `chromium`, headless, loads the
report of a hostile unit and no script runs; markup that slipped past the escaping would
still be stopped by the page's Content-Security-Policy.

Skipped only on a machine without chromium outside CI; in CI (CI set) a missing chromium
fails the test, so the check cannot silently stop running.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import Chromium, blocked_by_csp, script_ran
from helpers import check_text, report_text
from test_export_properties import FRAGMENTS

from reportlint.model import FileResult, Finding, Location
from reportlint.output import Options, render
from reportlint.output.html import CSP

PAYLOAD = ('<script>console.log("pwned")</script><img src=x onerror="console.log(\'img\')">'
           '<svg onload="alert(1)"></svg><iframe src="javascript:alert(2)"></iframe>')
STYLE_PROBE = "getComputedStyle(document.querySelector('th')).backgroundColor"



@pytest.fixture(scope="module")
def hostile_page() -> str:
    """The `check --format html` page of a unit whose title, file name, headings and quoted
    text are markup, plus a finding with every hostile fragment in every field."""
    text = report_text().replace("某某区", PAYLOAD + "某某区", 1).replace("一、总体情况", "总体情况" + PAYLOAD, 1)
    checked = check_text(text, name=f'{PAYLOAD}".txt')
    everything = "".join(FRAGMENTS) + PAYLOAD
    synthetic = FileResult(everything, "txt", everything, 2024, [
        Finding("A401", "total-mismatch", "error", everything,
                Location(section="三", table=3, row=everything, column=everything), everything, everything, everything)])
    page = render([checked, synthetic], "html", Options())
    assert isinstance(page, str) and checked.findings and "pwned" in page
    return page


def _visit(browser: Chromium, folder: Path, name: str, page: str) -> tuple[list[dict], object]:
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return browser.visit(path.as_uri(), STYLE_PROBE)


def test_hostile_report_runs_no_script(browser: Chromium, hostile_page: str, tmp_path: Path) -> None:
    events, background = _visit(browser, tmp_path, "report.html", hostile_page)
    assert script_ran(events) == []
    assert blocked_by_csp(events) == []  # nothing even tried: the text is all escaped
    assert background == "rgb(243, 243, 243)"  # our own style sheet passes the CSP by its hash


def test_markup_that_slipped_through_is_stopped_by_the_csp(browser: Chromium, hostile_page: str,
                                                            tmp_path: Path) -> None:
    slipped = hostile_page.replace("<body>", "<body>" + PAYLOAD, 1)
    events, _ = _visit(browser, tmp_path, "slipped.html", slipped)
    assert script_ran(events) == []
    assert blocked_by_csp(events)


def test_without_the_csp_the_browser_would_run_it(browser: Chromium, hostile_page: str, tmp_path: Path) -> None:
    """The control: the same slipped markup without our policy runs, so the test can see a script run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    assert meta in hostile_page
    unprotected = hostile_page.replace(meta, "", 1).replace("<body>", "<body>" + PAYLOAD, 1)
    events, _ = _visit(browser, tmp_path, "unprotected.html", unprotected)
    assert {e["method"] for e in script_ran(events)} >= {"Runtime.consoleAPICalled", "Page.javascriptDialogOpening"}
