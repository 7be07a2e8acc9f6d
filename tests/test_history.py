"""Against last year's report (X701, X702, C605 with --previous) and the publication
deadline (P204)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import check_text, codes, report_text, run_cli, tables

from reportlint.api import check_bytes, load_priors
from reportlint.checks.base import Context
from reportlint.template import sample_sections

LONG = {
    "一": "本年度，我区坚持以公开为常态、不公开为例外，围绕重点领域信息公开持续发力。全年召开政务公开专题会议多次，"
          "印发年度工作要点并逐项抓好落实。加强政策解读，推出图解、视频等多种解读形式。",
    "五": "（一）上年度问题整改情况：针对政策解读形式单一的问题，已增加图解和视频解读。（二）存在的问题及下一步打算："
          "依申请公开答复质量有待提升，下一步将加强业务培训，规范答复文书。",
}


def _previous_of(current: dict[str, Any]) -> dict[str, Any]:
    """Last year's tables that chain exactly into `current`."""
    prev = tables()
    apps = prev["applications"]
    apps["carried_forward"] = dict(current["applications"]["carried_over"])
    for col in apps["new"]:
        apps["new"][col] = apps["results_total"][col] + apps["carried_forward"][col] - apps["carried_over"][col]
    for row in ("regulations", "normative_documents"):
        now = current["disclosure"][row]
        prev["disclosure"][row]["in_force"] = now["in_force"] - now["issued"] + now["repealed"]
    return prev



def _with_prior(current: str, previous: str, tmp: Path | None = None, **ctx: Any) -> list[Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "last_year.txt"
        path.write_text(previous, encoding="utf-8")
        priors, problems = load_priors([str(path)])
    assert problems == []
    return check_bytes(current.encode("utf-8"), Context(priors=tuple(priors), **ctx), name="r.txt").findings


LAST_YEAR_PROSE = {
    "一": "2023年，本单位推进政务公开标准化建设，完善主动公开目录，全年主动公开政府信息900余条。",
    "二": "",
    "三": "本年度收到的申请主要涉及征地拆迁和规划建设领域。",
    "四": "本年度行政复议、行政诉讼案件均已依法应诉。",
    "五": "（一）上年度问题整改情况：已完善依申请公开办理流程。（二）存在的问题及下一步打算：解读形式单一，将丰富解读形式。",
    "六": "本年度未收取信息处理费。",
}


def _texts(current: dict[str, Any], previous: dict[str, Any], sections: dict[str, str] | None = None,
           same_prose: bool = False) -> tuple[str, str]:
    """This year's report and last year's; last year's prose is its own unless `same_prose`."""
    now = dict(sample_sections(2024), **(sections or {}))
    before = {k: v.replace("2024", "2023").replace("2023年政策", "2022年政策") for k, v in now.items()}
    return report_text(current, sections=now), report_text(previous, year=2023,
                                                           sections=before if same_prose else LAST_YEAR_PROSE)


def test_chained_years_are_quiet() -> None:
    current = tables()
    now, before = _texts(current, _previous_of(current))
    assert [f.code for f in _with_prior(now, before)] == []


def test_x701_carry_over_names_the_column() -> None:
    current = tables()
    previous = _previous_of(current)
    previous["applications"]["carried_forward"]["natural_person"] = 9  # this year says 4
    previous["applications"]["carried_forward"]["total"] = 10
    now, before = _texts(current, previous)
    found = [f for f in _with_prior(now, before) if f.code == "X701"]
    assert sorted((f.location.column, f.expected, f.actual) for f in found) == [("总计", "10", "5"), ("自然人", "9", "4")]
    natural = next(f for f in found if f.location.column == "自然人")
    assert natural.location.row == "二、上年结转政府信息公开申请数量" and natural.location.section == "三"
    assert "上年报告的“四、结转下年度继续办理”为 9" in natural.message


def test_x702_in_force_chain() -> None:
    current = tables()
    previous = _previous_of(current)
    previous["disclosure"]["normative_documents"]["in_force"] = 50  # 50 + 8 − 3 = 55, not 65
    now, before = _texts(current, previous)
    found = [f for f in _with_prior(now, before) if f.code == "X702"]
    assert [(f.location.row, f.expected, f.actual, f.severity) for f in found] == [("行政规范性文件", "55", "65", "info")]


def test_c605_copied_text_counts_sentences_that_changed_only_figures() -> None:
    current = tables()
    now, before = _texts(current, _previous_of(current), LONG, same_prose=True)
    copied = [f for f in _with_prior(now, before) if f.code == "C605"]  # same prose, other years and figures
    assert [(f.expected, f.actual) for f in copied] == [("≤ 50%", "100%")]
    fresh = dict(LONG, 一="本年度重点推进基层政务公开标准化规范化建设，完成各街道公开专区改造，组织开展政务开放日活动八场，"
                        "邀请群众代表参与政策制定和评估，回应关切。建立政策文件解读与起草同步机制，提高解读质量。")
    fresh["五"] = "（一）上年度问题整改情况：全面梳理了答复文书模板，组织专题培训两次。（二）存在的问题及下一步打算：基层公开专区使用率不高，将加强宣传引导。"
    now2, _ = _texts(current, _previous_of(current), fresh)
    assert not [f for f in _with_prior(now2, before) if f.code == "C605"]


def test_without_previous_the_history_rules_are_silent() -> None:
    current = tables()
    now, _ = _texts(current, _previous_of(current))
    assert not [f for f in check_text(now).findings if f.code[0] == "X" or f.code == "C605"]


@pytest.mark.parametrize("jobs", ["1", "2"])  # with 2, last year's reports are read in a pool too
def test_batch_matches_previous_reports_by_unit(tmp_path: Path, jobs: str) -> None:
    current = tables()
    previous = _previous_of(current)
    previous["applications"]["carried_forward"]["total"] = 7
    now, before = _texts(current, previous)
    good_now, good_before = _texts(current, _previous_of(current))
    (tmp_path / "now").mkdir()
    (tmp_path / "before").mkdir()
    (tmp_path / "now" / "a.txt").write_text(now.replace("某某区", "甲区"), encoding="utf-8")
    (tmp_path / "now" / "b.txt").write_text(good_now.replace("某某区", "乙区"), encoding="utf-8")
    (tmp_path / "before" / "a.txt").write_text(before.replace("某某区", "甲区"), encoding="utf-8")
    (tmp_path / "before" / "b.txt").write_text(good_before.replace("某某区", "乙区"), encoding="utf-8")
    proc = run_cli("check", "-f", "json", "--jobs", jobs, "--previous", str(tmp_path / "before"), str(tmp_path / "now"))
    files = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in json.loads(proc.stdout)["files"]}
    assert files == {"a.txt": ["X701"], "b.txt": []}


def test_previous_that_cannot_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    now, _ = _texts(tables(), tables())
    (tmp_path / "r.txt").write_text(now, encoding="utf-8")
    proc = run_cli("check", "--previous", str(bad), str(tmp_path / "r.txt"))
    assert proc.returncode == 2 and "没有可读的上年度年报".encode() in proc.stderr
    assert b"old.doc" in proc.stderr and b"Traceback" not in proc.stderr


# ---- P204 ---------------------------------------------------------------------------


def _published(unit: str, date_line: str, at_end: bool = False) -> str:
    text = report_text().replace("某某区2024年", f"{unit}2024年", 1)
    return text + date_line + "\n" if at_end else f"发布时间：{date_line}\n" + text


@pytest.mark.parametrize(
    ("unit", "date_line", "at_end", "unit_type", "expected"),
    [
        ("某某区教育局", "2025-02-08 16:34", False, None, [("2025-01-31", "2025-02-08")]),
        ("某某区教育局", "2025-01-20 09:00", False, None, []),
        ("某某区人民政府", "2025-02-08", False, None, []),  # a government: 3 月 31 日
        ("某某区人民政府", "2025-04-01", False, None, [("2025-03-31", "2025-04-01")]),
        ("某某区", "2025-02-08", False, "department", [("2025-01-31", "2025-02-08")]),
        ("某某区教育局", "二〇二五年二月十日", True, None, [("2025-01-31", "2025-02-10")]),  # signature date
        ("某某区教育局", "2025年1月10日", True, None, []),
    ],
)
def test_p204_late_publication(unit: str, date_line: str, at_end: bool, unit_type: str | None,
                               expected: list[tuple[str, str]]) -> None:
    result = check_bytes(_published(unit, date_line, at_end).encode(), Context(unit_type=unit_type), name="r.txt")
    assert [(f.expected, f.actual) for f in result.findings if f.code == "P204"] == expected
    assert codes(result, "SPTAN") == (["P204"] if expected else [])


def test_p204_cli_unit_type_option(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(_published("某某区", "2025-02-08"), encoding="utf-8")
    assert run_cli("check", "-f", "json", str(path)).returncode == 0
    proc = run_cli("check", "-f", "json", "--unit-type", "department", "--fail-on", "warning", str(path))
    assert proc.returncode == 1
    assert [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]] == ["P204"]


def test_p204_reads_the_publication_date_of_a_web_page() -> None:
    from helpers import docx_bytes
    from renderers import document_html

    from reportlint.read import read_bytes

    page = document_html(read_bytes(docx_bytes(), Path("r.docx")))  # 某某区人民政府办公室: a department
    late = page.replace(b"<title>", b'<meta name="PubDate" content="2025-02-08 10:00">\n<title>', 1)
    found = [f for f in check_bytes(late, name="r.html").findings if f.code == "P204"]
    assert [(f.expected, f.actual, f.location.line) for f in found] == [("2025-01-31", "2025-02-08", 2)]
    on_time = page.replace(b"<title>", b'<meta name="PubDate" content="2025-01-20">\n<title>', 1)
    assert not [f for f in check_bytes(on_time, name="r.html").findings if f.code == "P204"]


def test_p204_judges_a_traditional_unit_name_like_a_simplified_one() -> None:
    import opencc

    text = opencc.OpenCC("s2tw").convert(_published("某某区", "2025-02-08"))
    assert "某某區" in text
    assert not [f for f in check_bytes(text.encode(), name="r.txt").findings if f.code == "P204"]


def test_a_previous_report_of_another_year_is_not_paired() -> None:
    current = tables()
    previous = _previous_of(current)
    previous["applications"]["carried_forward"]["total"] = 99
    now, _ = _texts(current, previous)
    _, two_years_ago = _texts(current, previous)
    two_years_ago = two_years_ago.replace("2023", "2022")
    assert not [f for f in _with_prior(now, two_years_ago) if f.code == "X701"]
