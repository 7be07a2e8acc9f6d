"""Nothing a report contains can act in the office's Excel (issue 13): reports whose title
and file name start with each formula prefix, through the real `check` and `aggregate`."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from helpers import report_text
from openpyxl import load_workbook
from typer.testing import CliRunner

import reportlint.cli  # noqa: F401  (registers aggregate, extract… on the app)
from reportlint.cli import app
from reportlint.output.safe import _HIDDEN, csv_row, formula_like, shown, shown_name

# What an attacker puts at the start of a report's title, one per prefix: the DDE payload
# in the shape a unit name may take (the title locator keeps no digit, colon or comma in a
# name), so the attack reaches the unit column, and the file name carries the prefix too.
ATTACKS = {
    "=": "=cmd|' /C calc'",
    "+": "+cmd|' /C calc'",
    "-": "-cmd|' /C calc'",
    "@": "@SUM(A+A)*cmd|' /C calc'",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four reports, each titled and named with one attack; each has one finding (S104,
    a heading without its number), so its unit and file name reach the finding rows."""
    folder = tmp_path_factory.mktemp("hostile")
    for (prefix, attack), place in zip(ATTACKS.items(), "甲乙丙丁", strict=True):  # four units, not one
        text = report_text().replace("某某区", f"{attack}{place}某区", 1).replace("一、总体情况", "总体情况", 1)
        (folder / f"{prefix}SUM(1,2) {ord(prefix)}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def exports(hostile_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Run from inside the folder, so the file names reach the exports as given: `=SUM(1,2) 61.txt`."""
    out = tmp_path_factory.mktemp("exports")
    paths = {name: out / name for name in ("check.xlsx", "check.csv", "check.json", "aggregate.xlsx", "aggregate.csv")}
    names = sorted(p.name for p in hostile_folder.iterdir())
    with contextlib.chdir(hostile_folder):
        for name in ("check.xlsx", "check.csv", "check.json"):
            _cli("check", "-f", name.split(".")[1], "-o", str(paths[name]), "--", *names)
        for name in ("aggregate.xlsx", "aggregate.csv"):
            _cli("aggregate", "-o", str(paths[name]), "--", *names)
    return paths


@pytest.fixture(scope="module")
def units(exports: dict[str, Path]) -> dict[str, str]:
    """File name -> unit as the locator found it (JSON keeps text exact)."""
    files = json.loads(exports["check.json"].read_text(encoding="utf-8"))["files"]
    return {f["path"]: f["unit"] for f in files}


def test_the_attacks_reach_the_unit_names(units: dict[str, str]) -> None:
    """Without this the tests below would only prove file names safe."""
    assert sorted(units) == sorted(f"{p}SUM(1,2) {ord(p)}.txt" for p in ATTACKS)
    assert [u for u in units.values() if u.startswith(FORMULA_PREFIXES)]


def _cells(path: Path) -> list[Any]:
    book = load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("name", ["check.xlsx", "aggregate.xlsx"])
def test_xlsx_has_no_formula_cell_and_keeps_the_text(exports: dict[str, Path], name: str) -> None:
    cells = _cells(exports[name])
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    hostile = [c for c in cells if isinstance(c.value, str) and c.value.startswith(tuple(ATTACKS))]
    # every prefix is there, as the text the unit wrote, a string marked as text for Excel
    assert {c.value[0] for c in hostile} == set(ATTACKS)
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)


def test_check_xlsx_keeps_names_and_numbers(exports: dict[str, Path], units: dict[str, str]) -> None:
    summary = load_workbook(exports["check.xlsx"]).worksheets[0]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert {row[2]: row[0] for row in rows} == units  # 单位, 年度, 文件, 状态, 错误, 警告, 提示
    assert all(row[1] == 2024 and row[4:7] == (0, 0, 1) for row in rows)  # year and counts: numbers


def test_aggregate_xlsx_lists_the_hostile_units_as_text(exports: dict[str, Path], units: dict[str, str]) -> None:
    book = load_workbook(exports["aggregate.xlsx"])
    sheets = [book[name] for name in ("纳入汇总的单位", "未纳入的单位", "重复") if name in book.sheetnames]
    listed = [row for sheet in sheets for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(row[0] for row in listed) == sorted(units.values())


def _csv_records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("name", ["check.csv", "aggregate.csv"])
def test_csv_has_no_field_starting_a_formula(exports: dict[str, Path], name: str) -> None:
    fields = [field for record in _csv_records(exports[name]) for field in record]
    assert [f for f in fields if f.startswith(FORMULA_PREFIXES)] == []


def test_check_csv_keeps_each_attack_behind_a_quote(exports: dict[str, Path], units: dict[str, str]) -> None:
    records = _csv_records(exports["check.csv"])
    assert len(records) == 1 + 4  # header and one S104 per report
    assert {r[3] for r in records[1:]} == {"S104"}
    expected = {"'" + path: ("'" + unit if unit.startswith(FORMULA_PREFIXES) else unit) for path, unit in units.items()}
    assert {r[0]: r[1] for r in records[1:]} == expected


# ---- the language of CSV, XLSX and HTML (issue 12) -------------------------------------


@pytest.fixture(scope="module")
def one_report(hostile_folder: Path) -> Path:
    return sorted(hostile_folder.iterdir())[0]


@pytest.mark.parametrize(("lang", "header", "severity"), [(None, "级别", "提示"), ("en", "severity", "info")])
def test_csv_severity_in_the_chosen_language(one_report: Path, lang: str | None, header: str, severity: str) -> None:
    args = ["check", str(one_report), "-f", "csv"] + (["--lang", lang] if lang else [])
    records = list(csv.reader(io.StringIO(_cli(*args).stdout.lstrip("\ufeff"))))
    column = records[0].index(header)
    assert [r[column] for r in records[1:]] == [severity]


@pytest.mark.parametrize(("lang", "words"), [(None, ("级别", "提示", "汇总")), ("en", ("severity", "info", "Summary"))])
def test_xlsx_and_html_in_the_chosen_language(one_report: Path, tmp_path: Path, lang: str | None,
                                              words: tuple[str, str, str]) -> None:
    header, severity, sheet = words
    extra = ["--lang", lang] if lang else []
    _cli("check", str(one_report), "-f", "xlsx", "-o", str(tmp_path / "r.xlsx"), *extra)
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == sheet
    detail = list(book.worksheets[1].iter_rows(values_only=True))
    assert detail[1][detail[0].index(header)] == severity
    page = _cli("check", str(one_report), "-f", "html", *extra).stdout
    assert f"<th>{header}</th>" in page and f"<td>{severity}</td>" in page and f"<h2>{sheet}</h2>" in page


# ---- the helpers themselves -------------------------------------------------------------


def test_csv_row_neutralises_formulas_and_keeps_numbers() -> None:
    assert csv_row(["=1+2", "+1", "-1+2", "@A1", "\t=1", "\r=1", "a=b", -3, 2.5, None, "-3", "-2.5"]) == [
        "'=1+2", "'+1", "'-1+2", "'@A1", "'\t=1", "\\u000d=1", "a=b", -3, 2.5, "", "-3", "-2.5"]
    assert not formula_like("−1")  # a full-width minus is no formula to Excel


def test_names_show_hidden_characters() -> None:
    assert shown_name("报告\u202excod.docx") == "报告\\u202excod.docx"
    assert shown_name("a\u200bb\tc\n\x1b[31m\udce4") == "a\\u200bb\\u0009c\\u000a\\u001b[31m\\udce4"
    assert shown("第一行\n第二行\t\x07") == "第一行\n第二行\t\\u0007"
    assert shown("\U000e0041") == "\\U000e0041"


def test_hidden_class_covers_every_invisible_character() -> None:
    """Control, format and surrogate code points, line/paragraph separators, XML's two
    non-characters; anything more in the class is not yet assigned in this Python's Unicode."""
    wanted = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        hidden = bool(_HIDDEN.fullmatch(char))
        if category in wanted or char in "\ufffe\uffff":
            assert hidden, f"U+{code:04X} ({category}) is not shown"
        elif hidden:
            assert category == "Cn", f"U+{code:04X} ({category}) is shown but visible"
