"""End to end over the real reports in ../shared/corpus/ (read, never edited)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import CORPUS, REPO, run_cli

from reportlint.api import check_path
from reportlint.extract import extract_path
from reportlint.pack import load_pack

SEED = REPO / "examples" / "000_b2d447095e0c6c81.txt"
REPORT_SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
corpus_files = sorted(p for p in CORPUS.glob("*") if p.is_file() and p.name != "README.md") if CORPUS.is_dir() else []


def test_seed_report_cli() -> None:
    proc = run_cli("check", "-f", "json", str(SEED))
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    findings = data["files"][0]["findings"]
    got = sorted(f["code"] for f in findings)
    assert got == ["C604"] * 5 + ["T301"] * 3
    assert {f["location"]["section"] for f in findings if f["code"] == "T301"} == {"二", "三", "四"}
    assert data["files"][0]["year"] == 2021
    assert data["files"][0]["unit"] == "武漢市礄口區"
    residue = sorted(f["actual"] for f in findings if f["code"] == "C604")
    assert residue == sorted(["相關詞條", "熱門詞條", "聯絡我們"] + ["武漢市礄口區2021年政府信息公開工作年度報告"] * 2)
    assert [f["location"]["line"] for f in findings if f["code"] == "T301"] == [21, 39, 44]


def test_seed_text_output_has_no_traceback() -> None:
    proc = run_cli("check", "--no-color", str(SEED))
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert "第二部分缺少表二" in proc.stdout.decode()


@pytest.mark.parametrize("path", corpus_files, ids=lambda p: p.name)
def test_every_corpus_file_runs(path: Path) -> None:
    proc = run_cli("check", "-f", "json", str(path))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, REPORT_SCHEMA)
    assert not data["summary"]["unreadable"]
    codes = {f["code"] for f in data["files"][0]["findings"]}
    assert not codes & {"S101", "S102", "P201", "P202", "F001", "F003"}


def _column(data: dict, table: str, col: str) -> dict:
    return {row: cols[col] for row, cols in data[table].items()}


# Read by hand from the reports (digits run together in the copies). Rows not named are 0.
APPLICATION_ROWS = [r.id for r in load_pack().tables["applications"].rows]


def _totals(**nonzero: int) -> dict[str, int]:
    return {row: nonzero.get(row, 0) for row in APPLICATION_ROWS}


PINGTAN_2021_TOTALS = _totals(new=70, disclosed=30, partial=5, withheld_5=1, withheld_7=6, withheld_8=1,
                              unavailable_1=25, other_3=1, results_total=69, carried_forward=1)
PINGTAN_2021_NATURAL = dict(PINGTAN_2021_TOTALS, new=64, disclosed=27, unavailable_1=22, results_total=63)
PINGTAN_2025_TOTALS = _totals(new=154, disclosed=33, partial=38, withheld_5=3, withheld_6=2, withheld_7=3,
                              withheld_8=3, unavailable_1=50, unavailable_2=3, not_processed_1=2, other_1=8, other_2=2,
                              other_3=1, results_total=148, carried_forward=6)


@pytest.mark.skipif(not corpus_files, reason="corpus not present")
def test_pingtan_2021_extracts_cell_by_cell() -> None:
    data = extract_path(str(CORPUS / "pingtan_2021.txt"))
    assert _column(data, "applications", "total") == PINGTAN_2021_TOTALS
    assert _column(data, "applications", "natural_person") == PINGTAN_2021_NATURAL
    assert data["applications"]["new"] == {"natural_person": 64, "commercial": 0, "research": 0, "nonprofit": 2,
                                           "legal_services": 0, "other_org": 4, "total": 70}
    assert data["applications"]["unavailable_1"]["other_org"] == 3
    assert data["reviews"] == {
        "reconsideration": {"upheld": 1, "corrected": 0, "other": 2, "pending": 0, "total": 3},
        "litigation_direct": {"upheld": 12, "corrected": 0, "other": 0, "pending": 0, "total": 12},
        "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    }
    assert data["disclosure"]["regulations"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert data["disclosure"]["licensing"] == {"decisions": 2293}
    assert data["disclosure"]["fees"] == {"fee_amount": 24252.311082}
    # 693665 has ten readings: unreadable, not guessed
    assert data["disclosure"]["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}


@pytest.mark.skipif(not corpus_files, reason="corpus not present")
def test_pingtan_2025_extracts_cell_by_cell() -> None:
    data = extract_path(str(CORPUS / "pingtan_2025.txt"))
    assert _column(data, "applications", "total") == PINGTAN_2025_TOTALS
    assert data["applications"]["new"] == {"natural_person": 151, "commercial": 3, "research": 0, "nonprofit": 0,
                                           "legal_services": 0, "other_org": 0, "total": 154}
    assert data["applications"]["unavailable_1"] == {"natural_person": 49, "commercial": 1, "research": 0,
                                                     "nonprofit": 0, "legal_services": 0, "other_org": 0, "total": 50}
    assert data["applications"]["carried_forward"]["natural_person"] == 4
    assert data["reviews"]["reconsideration"] == {"upheld": 25, "corrected": 3, "other": 8, "pending": 0, "total": 36}
    assert data["reviews"]["litigation_direct"] == {"upheld": 3, "corrected": 3, "other": 0, "pending": 0, "total": 6}
    assert data["reviews"]["litigation_after_reconsideration"]["total"] == 3
    assert data["disclosure"]["punishment"] == {"decisions": 644}


@pytest.mark.skipif(not corpus_files, reason="corpus not present")
def test_pingtan_findings() -> None:
    r2021 = check_path(CORPUS / "pingtan_2021.txt")
    assert sorted(f.code for f in r2021.findings) == ["C604", "C606", "T308"]
    t308 = next(f for f in r2021.findings if f.code == "T308")
    assert t308.location.row == "行政规范性文件" and t308.actual == "693665"
    r2025 = check_path(CORPUS / "pingtan_2025.txt")
    assert sorted(f.code for f in r2025.findings) == ["T308"]


@pytest.mark.skipif(not corpus_files, reason="corpus not present")
def test_old_format_2019_uses_2019_pack() -> None:
    result = check_path(CORPUS / "pingtan_2019_oldformat.txt")
    codes = [f.code for f in result.findings]
    assert "T306" not in codes and "T302" not in codes
    assert not [c for c in codes if c.startswith("A")]
    data = extract_path(str(CORPUS / "pingtan_2019_oldformat.txt"))
    assert data["applications"]["other"]["total"] == 0
    assert data["applications"]["new"]["total"] == 23
    assert data["applications"]["results_total"]["natural_person"] == 23
    assert data["reviews"]["reconsideration"]["total"] == 0


def _applicants(natural: int, commercial: int = 0) -> dict[str, int]:
    return {"natural_person": natural, "commercial": commercial, "research": 0, "nonprofit": 0,
            "legal_services": 0, "other_org": 0, "total": natural + commercial}


# Read by hand from the published page (pingtan_2025.html), cell by cell.
PINGTAN_2025_PAGE = {
    "disclosure": {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 58, "repealed": 45, "in_force": 546},
        "licensing": {"decisions": 2418}, "punishment": {"decisions": 644}, "enforcement": {"decisions": 64},
        "fees": {"fee_amount": 4166.241619},
    },
    "applications": {
        **{row: _applicants(0) for row in PINGTAN_2025_TOTALS},
        "new": _applicants(151, 3), "disclosed": _applicants(33), "partial": _applicants(38),
        "withheld_5": _applicants(3), "withheld_6": _applicants(2), "withheld_7": _applicants(3),
        "withheld_8": _applicants(3), "unavailable_1": _applicants(49, 1), "unavailable_2": _applicants(3),
        "not_processed_1": _applicants(2), "other_1": _applicants(8), "other_2": _applicants(2),
        "other_3": _applicants(1), "results_total": _applicants(147, 1), "carried_forward": _applicants(4, 2),
    },
    "reviews": {
        "reconsideration": {"upheld": 25, "corrected": 3, "other": 8, "pending": 0, "total": 36},
        "litigation_direct": {"upheld": 3, "corrected": 3, "other": 0, "pending": 0, "total": 6},
        "litigation_after_reconsideration": {"upheld": 3, "corrected": 0, "other": 0, "pending": 0, "total": 3},
    },
}


@pytest.mark.skipif(not corpus_files, reason="corpus not present")
def test_pingtan_2025_page_extracts_cell_by_cell() -> None:
    data = extract_path(str(CORPUS / "pingtan_2025.html"))
    assert data == PINGTAN_2025_PAGE
    assert _column(data, "applications", "total") == PINGTAN_2025_TOTALS  # agrees with the text copy
    result = check_path(CORPUS / "pingtan_2025.html")
    assert [f.code for f in result.findings] == []  # the site's chrome causes nothing
