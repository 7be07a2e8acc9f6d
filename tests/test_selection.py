"""Rule selection: one resolver (selection.py) for --select, --ignore, the config and
per-file-ignores; codes, names and prefixes of any length; an unknown word is exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.pack import run_packs
from reportlint.selection import UnknownRule, resolve

SEED = REPO / "examples" / "000_b2d447095e0c6c81.txt"
RULES = run_packs().rules()
SEED_FINDINGS = [("C604", 37), ("C604", 42), ("C604", 66), ("C604", 68), ("C604", 70),
                 ("T301", 21), ("T301", 39), ("T301", 44)]


def run(*args: str) -> tuple[int, list[tuple[str, int]], str]:
    result = CliRunner().invoke(app, ["check", "-f", "json", *args])
    if result.exit_code == 2 and not result.stdout:
        return 2, [], result.stderr
    [file] = json.loads(result.stdout)["files"]
    return result.exit_code, sorted((f["code"], f["location"]["line"]) for f in file["findings"]), result.stderr


@pytest.mark.parametrize(("words", "expected"), [
    (["C604"], {"C604"}),
    (["page-residue"], {"C604"}),
    (["c604"], {"C604"}),
    (["C60"], {code for code in RULES if code.startswith("C60")}),
    (["C6"], {code for code in RULES if code.startswith("C6")}),
    (["A"], {"A401", "A402", "A403", "A404", "A405", "A406"}),
    (["S101, balance", "T30"], {"S101", "A401"} | {code for code in RULES if code.startswith("T30")}),
    (["ALL"], set(RULES)),
    ([], set()),
])
def test_words_resolve_to_codes(words: list[str], expected: set[str]) -> None:
    assert resolve(RULES, words) == expected


@pytest.mark.parametrize("word", ["Z999", "Z", "C7", "C6041", "no-such-rule", "6"])
def test_a_word_that_names_no_rule_is_an_error(word: str) -> None:
    with pytest.raises(UnknownRule) as err:
        resolve(RULES, [f"S101,{word}"])
    assert err.value.word == word


def test_select_a_prefix_on_the_seed() -> None:
    assert run(str(SEED)) == (1, SEED_FINDINGS, "")
    assert run("--select", "C6", str(SEED)) == (0, [f for f in SEED_FINDINGS if f[0] == "C604"], "")
    assert run("--select", "C60", "--select", "table-missing", str(SEED))[1] == SEED_FINDINGS
    assert run("--ignore", "T3", str(SEED))[1] == [f for f in SEED_FINDINGS if f[0] == "C604"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_on_the_command_line_is_a_usage_error(option: str) -> None:
    code, findings, stderr = run(option, "Z999", str(SEED))
    assert (code, findings) == (2, [])
    assert "未知的规则“Z999”" in stderr


def _config(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "reportlint.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "reportlint.toml"


def test_config_and_per_file_ignores_use_the_same_resolver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, 'select = ["C6", "table-missing"]\n[severity]\nC60 = "info"\n'
                     '[per-file-ignores]\n"seed.txt" = ["T30"]\n', monkeypatch)
    result = CliRunner().invoke(app, ["check", "-f", "json", "--config", str(config), "seed.txt"])
    [file] = json.loads(result.stdout)["files"]
    assert [(f["code"], f["severity"], f["location"]["line"]) for f in file["findings"]] == [
        ("C604", "info", line) for line in (37, 42, 66, 68, 70)]
    assert result.exit_code == 0


@pytest.mark.parametrize("text", ['select = ["Z999"]\n', 'ignore = ["C7"]\n', '[severity]\nZ999 = "info"\n',
                                  '[per-file-ignores]\n"seed.txt" = ["Z999"]\n'])
def test_unknown_rule_in_the_config_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    config = _config(tmp_path, text, monkeypatch)
    result = CliRunner().invoke(app, ["check", "--config", str(config), "seed.txt"])
    assert result.exit_code == 2
    assert "未知的规则" in result.stderr and result.stdout == ""
