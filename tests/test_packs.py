"""Rule packs: built JSON kept fresh, kinds declared once, a bad pack refused at load with the
file, rule and key named (exit 2), and a user's pack that extends a shipped one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.kinds import KINDS
from reportlint.matcher import PatternTimeout, TimedMatcher
from reportlint.pack import DEFAULT_PACK, build, load_pack, run_packs
from reportlint.packfile import PackError, built_json, read_shipped, yaml_ids

SEED = REPO / "examples" / "000_b2d447095e0c6c81.txt"
CLEAN = REPO / "examples" / "clean_2024.docx"


@pytest.mark.parametrize("pack_id", yaml_ids())
def test_built_json_is_fresh(pack_id: str) -> None:
    """rules/*.json is what scripts/build_packs.py makes of rules/*.yaml: run it after an edit."""
    committed = (REPO / "rules" / f"{pack_id}.json").read_text(encoding="utf-8")
    assert committed == built_json(pack_id), f"rules/{pack_id}.json is stale: run python scripts/build_packs.py"


def test_kinds_are_declared_once() -> None:
    """The registry of check functions, the declarations and the schema's enum name the same kinds."""
    from reportlint.checks import KINDS as FUNCTIONS

    schema = json.loads((REPO / "schemas" / "rulepack.schema.json").read_text(encoding="utf-8"))
    in_schema = set(schema["$defs"]["rule"]["properties"]["kind"]["enum"])
    assert set(FUNCTIONS) | {"file", "not-a-report"} == set(KINDS) == in_schema


def test_blocking_codes_come_from_the_pack() -> None:
    from reportlint.aggregate import BLOCKING

    assert load_pack(DEFAULT_PACK).blocks_aggregate == BLOCKING
    assert {"F001", "T301", "A401"} <= BLOCKING and not BLOCKING & {"C604", "N501", "A406"}


def test_defaults_are_filled_at_load() -> None:
    assert load_pack().rules["C605"].params["threshold"] == 0.5
    assert load_pack().rules["C604"].params["repeated_title"] is True


# ---- pack errors -------------------------------------------------------------------------


def _shipped_with(change: Any) -> dict[str, Any]:
    data = read_shipped(DEFAULT_PACK)
    change({r["code"]: r for r in data["rules"]})
    return data


@pytest.mark.parametrize(("change", "lines"), [
    (lambda rules: rules["C601"]["params"].update(group=rules["C601"]["params"].pop("groups")),
     ["rule C601 (improvement-missing): params.group: unknown key (allowed: section, groups)",
      "rule C601 (improvement-missing): params.groups: missing"]),
    (lambda rules: rules["P203"]["params"]["patterns"][0].update(pattern="(\\d{4}年"),
     ["rule P203 (year-mismatch): params.patterns[0].pattern: pattern '(\\\\d{4}年' does not compile "
      "(missing ) at position 7)"]),
    (lambda rules: rules["C604"]["message"].update(zh="残留“{quote}”在{where}"),
     ["rule C604 (page-residue): message.zh: {where} is not a field of kind phrase-forbidden "
      "(it provides {actual}, {expected}, {quote})"]),
    (lambda rules: rules["C604"].update(kind="phrase-absent"),
     ["rule C604 (page-residue): kind: unknown kind 'phrase-absent' (known: " + ", ".join(sorted(KINDS)) + ")"]),
    (lambda rules: rules["A401"]["params"].update(table="applicaitons"),
     ["rule A401 (balance): params.table: 'applicaitons' is not one of the pack's tables "
      "(applications, disclosure, reviews)"]),
])
def test_a_bad_rule_is_refused_at_load_naming_rule_and_key(change: Any, lines: list[str]) -> None:
    with pytest.raises(PackError) as err:
        build(_shipped_with(change), "rules/gov-2021-30.json", TimedMatcher())
    assert str(err.value).splitlines() == ["rule pack rules/gov-2021-30.json cannot be used:", *(f"  {x}" for x in lines)]


def _user_pack(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", "-f", "json", *args])


def _invoke_command(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


_HEAD = "id: province-x\nextends: gov-2021-30\ntitle: 某省补充要求\n"


@pytest.mark.parametrize(("body", "said"), [
    ("rules:\n  - code: C601\n    params: {section: 五, group: []}\n",
     "rule C601 (improvement-missing): params.group: unknown key"),
    ("rules:\n  - code: C602\n    params:\n      groups: [{what: 处理费, any: ['处理费(']}]\n",
     "rule C602 (fee-statement-missing): params.groups[0].any[0]: pattern '处理费(' does not compile"),
    ("rules:\n  - code: C602\n    message: {zh: '第六部分没有说明{what}（{basis}）。', en: '{what}'}\n",
     "rule C602 (fee-statement-missing): message.zh: {basis} is not a field of kind phrase-required"),
    ("rules:\n  - {code: R801, name: made-up, severity: error, kind: phrase-absent, summary: {zh: 无, en: none},"
     " message: {zh: 无, en: none}}\n",
     "rule R801: kind: 'phrase-absent' is not one of"),
])
def test_a_bad_user_pack_is_exit_2_naming_file_rule_and_key(tmp_path: Path, body: str, said: str) -> None:
    path = _user_pack(tmp_path, "bad.yaml", _HEAD + body)
    result = _invoke("--rules", str(path), str(SEED))
    assert result.exit_code == 2 and result.stdout == ""
    assert str(path) in result.stderr and said in result.stderr, result.stderr


# ---- a user's pack -----------------------------------------------------------------------

PROVINCE = _HEAD + """\
rules:
  - code: R801
    name: new-media-missing
    severity: warning
    kind: phrase-required
    basis: 某省政务公开工作要点
    summary: {zh: 第一部分未说明政务新媒体情况, en: section 一 says nothing about government new media}
    params:
      section: 一
      groups:
        - {what: {zh: 政务新媒体建设情况, en: the government's new media}, any: ['政务新媒体', '微信公众号']}
    message:
      zh: '第一部分没有说明{what}（本省要求）。'
      en: 'section 一 does not cover {what} (a provincial requirement)'
  - code: C604
    severity: error
disable: [T301]
"""


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _user_pack(tmp_path_factory.mktemp("packs"), "province.yaml", PROVINCE)


def _findings(result: Any) -> list[tuple[str, str, str, int | None, str | None]]:
    return [(f["code"], f["severity"], file["rulepack"], f["location"]["line"], f["location"]["section"])
            for file in json.loads(result.stdout)["files"] for f in file["findings"]]


def test_a_user_pack_adds_a_rule_changes_a_severity_and_disables_one(province: Path) -> None:
    result = _invoke("--rules", str(province), str(CLEAN), str(SEED))
    assert _findings(result) == [
        ("R801", "warning", "province-x", None, "一"),
        *[("C604", "error", "province-x", line, section)
          for line, section in ((37, "二"), (42, "三"), (66, "六"), (68, "六"), (70, "六"))],
    ]
    data = json.loads(result.stdout)
    assert data["files"][0]["findings"][0]["message"] == "第一部分没有说明政务新媒体建设情况（本省要求）。"
    assert result.exit_code == 1


def test_the_config_names_a_user_pack_relative_to_itself(province: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reportlint.toml").write_text(f'rules = "{os.path.relpath(province, tmp_path)}"\nselect = ["R8"]\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke("--config", "reportlint.toml", str(CLEAN))
    assert _findings(result) == [("R801", "warning", "province-x", None, "一")]


def test_the_shipped_pack_as_rules_gives_identical_json() -> None:
    files = [str(SEED), str(CLEAN), str(REPO / "examples" / "defects_2024.docx")]
    plain = _invoke(*files)
    for pack in ("gov-2021-30.yaml", "gov-2021-30.json"):
        assert _invoke("--rules", str(REPO / "rules" / pack), *files).stdout == plain.stdout


def test_each_file_names_the_packs_that_checked_it() -> None:
    old = REPO.parent / "shared" / "corpus" / "pingtan_2019_oldformat.txt"
    if not old.is_file():
        pytest.skip("corpus not present")
    files = json.loads(_invoke(str(SEED), str(old)).stdout)["files"]
    assert [(f["rulepack"], f["layout"]) for f in files] == [("gov-2021-30", "gov-2021-30"), ("gov-2019-60", "gov-2019-60")]


def test_user_patterns_run_under_a_time_limit() -> None:
    matcher = TimedMatcher(seconds=0.05)
    assert matcher.search("政务新媒体", "加强政务新媒体管理").span() == (2, 7)
    with pytest.raises(PatternTimeout):
        list(matcher.finditer(r"(\w+\s?)*$", "a " * 3000 + "!"))


def test_a_user_pack_replaces_the_pack_it_extends_only(province: Path) -> None:
    packs = run_packs(str(province))
    assert packs.for_year(2024).id == packs.for_year(None).id == "province-x"
    assert packs.for_year(2020).id == "gov-2019-60"
    assert "R801" in packs.rules() and "T301" in packs.rules()  # T301 still runs for 2019–2020 reports


def test_a_check_imports_neither_yaml_nor_jsonschema(tmp_path: Path) -> None:
    """Shipped packs load from their built JSON: no YAML parsing, no schema, no cache folder."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "empty-cache"), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "reportlint", "check", str(SEED)],
                          capture_output=True, cwd=tmp_path, env=env, check=False)
    assert proc.returncode == 1, proc.stderr.decode()[-500:]
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.decode().splitlines()
                if line.startswith("import time:")}
    assert "reportlint" in imported and not imported & {"yaml", "jsonschema"}
    assert not (tmp_path / "empty-cache" / "reportlint").exists() or not any(
        p.name.startswith("pack-") for p in (tmp_path / "empty-cache" / "reportlint").iterdir())


def test_the_template_draws_the_packs_row_groups() -> None:
    """Which rows sit under which caption is pack data (a row's `group`), not Python."""
    disclosure, applications = load_pack().tables["disclosure"], load_pack().tables["applications"]
    assert [(caption, [r.id for r in rows]) for caption, rows in disclosure.row_groups()] == [
        ("第二十条第（一）项", ["regulations", "normative_documents"]), ("第二十条第（五）项", ["licensing"]),
        ("第二十条第（六）项", ["punishment", "enforcement"]), ("第二十条第（八）项", ["fees"])]
    assert [(caption, len(rows)) for caption, rows in applications.row_groups() if caption] == [
        ("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)]


def test_the_user_pack_page_shows_what_really_happens(tmp_path: Path) -> None:
    page = (REPO / "docs" / "user-packs.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n")[1].split("```")[0]
    good = _user_pack(tmp_path, "province.yaml", example)
    assert _findings(_invoke("--rules", str(good), "--select", "R8", str(CLEAN))) == [
        ("R801", "warning", "province-x", None, "一")]
    bad = _user_pack(tmp_path, "bad.yaml", example.replace("      groups:", "      group:"))
    result = _invoke("--rules", str(bad), str(CLEAN))
    shown = page.split("```text\n")[1].split("```")[0].splitlines()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [shown[0].replace("province.yaml", str(bad)), *shown[1:]]


@pytest.mark.parametrize(("text", "said"), [
    ("id: x\nextends: gov-2099\ntitle: t\n", "extends: unknown rule pack 'gov-2099'; available: gov-2019-60, gov-2021-30"),
    ("id: x\n", "(top): 'title' is a required property"),
    ("- just a list\n", "a rule pack is a mapping"),
    ("id: [unclosed\n", "not valid YAML"),
])
def test_a_pack_file_that_is_no_pack_is_exit_2_naming_the_file(tmp_path: Path, text: str, said: str) -> None:
    path = _user_pack(tmp_path, "odd.yaml", text)
    result = _invoke("--rules", str(path), str(SEED))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"reportlint: {path}") and said in result.stderr, result.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_placeholder_a_kind_declares_is_filled(lang: str) -> None:
    """The other half of the placeholder check: a kind fills what it declares, so no message
    shows a literal {field}. The defective example trips most kinds."""
    import re

    files = [str(SEED), str(REPO / "examples" / "defects_2024.docx")]
    findings = [f for file in json.loads(_invoke("--lang", lang, *files).stdout)["files"] for f in file["findings"]]
    assert len({f["code"] for f in findings}) >= 10
    assert [(f["code"], f["message"]) for f in findings if re.search(r"\{[a-z_]+\}", f["message"])] == []


def test_rules_rule_sarif_and_html_describe_a_user_packs_rules(province: Path, tmp_path: Path) -> None:
    """`rules --rules`, `rule CODE --rules`, SARIF's rule list and the HTML header know the
    user's pack, not only the shipped one."""
    listed = _invoke_command("rules", "--rules", str(province))
    assert listed.exit_code == 0 and "R801  new-media-missing" in listed.stdout and "A401  balance" in listed.stdout
    assert "T301" not in listed.stdout  # the pack disables it
    explained = _invoke_command("rule", "R801", "--rules", str(province))
    assert "提示语：第一部分没有说明政务新媒体建设情况（本省要求）。" in explained.stdout
    assert _invoke_command("rule", "R801").exit_code == 2  # the shipped pack has no R801
    sarif = json.loads(_invoke("--rules", str(province), "-f", "sarif", str(CLEAN)).stdout)
    driver_rules = [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert "R801" in driver_rules and driver_rules == sorted(driver_rules)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["R801"]
    page = _invoke("--rules", str(province), "-f", "html", str(CLEAN)).stdout
    assert "<li>规则包：province-x（某省补充要求）</li>" in page


def test_a_user_packs_reports_keep_the_layout_they_extend(province: Path) -> None:
    """Checked with a user's pack, a report still follows the shipped 2021 layout, so aggregate
    adds it up with the others instead of setting it aside as another format."""
    files = json.loads(_invoke("--rules", str(province), str(CLEAN)).stdout)["files"]
    assert [(f["rulepack"], f["layout"]) for f in files] == [("province-x", "gov-2021-30")]
