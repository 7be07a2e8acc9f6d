"""One language at a time: every command over the examples, in zh and in en, prints no text
of its own in the other language. Quotes of the report (“…”), its file names and unit
names stay as written; a section or table is named by its numeral in both (表三 / table 三).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import REPO, run_cli
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.pack import load_pack

EXAMPLES = sorted(str(p.relative_to(REPO)) for p in (REPO / "examples").iterdir())
CODES = sorted(load_pack().rules)
NAMES = sorted((r.name for r in load_pack().rules.values()), key=len, reverse=True)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def _report_words() -> list[str]:
    """What the examples themselves contribute: paths and unit names, longest first."""
    _, out = _invoke("check", "-f", "json", *EXAMPLES)
    files = json.loads(out[: out.rindex("}") + 1])["files"]
    words = [f["path"] for f in files] + [f["unit"] for f in files if f["unit"]]
    return sorted(words, key=len, reverse=True)


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[str]]:
    """Everything the commands print, by language."""
    out: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        runs = [
            ("check", "--no-color", *EXAMPLES), ("check", "-f", "concise", *EXAMPLES),
            ("check", "--statistics", "--no-color", *EXAMPLES), ("rules",),
            ("check", "--fail-on", "bogus", EXAMPLES[0]), ("check", "--unit-type", "x", EXAMPLES[0]),
            ("check", "-f", "docx", "-o", "x.docx", EXAMPLES[0]), ("check", "--select", "nonsense", EXAMPLES[0]),
            ("rule", "Z999"), ("rules", "-f", "yaml"), ("aggregate", "-f", "pdf", "examples"),
            *(("rule", code) for code in CODES),
        ]
        texts = []
        for args in runs:
            code, text = _invoke(*args, "--lang", lang)
            assert code in (0, 1, 2), (args, text)
            texts.append(text)
        aggregate = CliRunner().invoke(app, ["aggregate", "examples", "--lang", lang])  # its JSON is data
        texts += [aggregate.stderr, run_cli("check", "--lang", lang, "--bogus", EXAMPLES[0]).stderr.decode()]
        out[lang] = texts
    return out


def _strip_report_text(text: str, report_words: list[str]) -> str:
    for word in report_words:
        text = text.replace(word, " ")
    text = re.sub(r"“[^”]*”|‘[^’]*’|「[^」]*」", " ", text)  # quotes of the report (and of the format)
    return text


def _rule_lines(text: str) -> str:
    """Of `reportlint rule`, the lines the tool writes (not the basis and examples, which cite the format)."""
    return "\n".join(line for line in text.splitlines() if not line.startswith(("basis", "依据", "    ")))


def test_english_runs_print_no_chinese_of_the_tools_own(outputs: dict[str, list[str]]) -> None:
    words = _report_words()
    for text in outputs["en"]:
        text = _rule_lines(text)
        text = _strip_report_text(text, words)
        text = re.sub(r"(section|table|sections|table no\.) [一二三四五六]", " ", text)
        text = re.sub(r"[一二三四五六] to [一二三四五六]", " ", text)
        found = re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text)
        assert not found, f"Chinese in an English run: {found} in\n{text[:600]}"


def test_chinese_runs_print_no_english_of_the_tools_own(outputs: dict[str, list[str]]) -> None:
    words = _report_words()
    allowed = re.compile("|".join([
        r"--?[a-z][a-z-]*", r"\b[A-Z]\d{3}\b", *(rf"\b{re.escape(n)}\b" for n in NAMES),
        r"\breportlint\b", r"`[^`]*`", r"\.\w+\b", r"\b(?:zh|en|text|concise|json|sarif|github|junit|csv|xlsx|html|"
        r"docx|markdown|error|warning|info|department|government|unit-type|TOML|PATHS?|paths)\b",
        r"\b(?:python|check|aggregate|rules|rule|extract|template)\b",  # the usage line: program and command
        r"Usage:", r"Options:", r"Commands:", r"Show this message and exit", r"GB/T",
    ]))
    for text in outputs["zh"]:
        if "Usage: reportlint [OPTIONS] COMMAND" in text:
            continue  # bare `reportlint` shows the help, whose option lines typer writes
        text = allowed.sub(" ", _strip_report_text(text, words))
        found = re.findall(r"[A-Za-z]{3,}", text)
        assert not found, f"English in a Chinese run: {found} in\n{text[:600]}"


def test_rule_shows_its_message_with_example_values() -> None:
    code, zh = _invoke("rule", "A401")
    assert code == 0 and "{" not in zh
    assert "提示语：表三（收到和处理政府信息公开申请情况）“自然人”列：本年新收加上年结转应等于办理结果总计加结转下年度，" \
           "实为 60 + 4 ≠ 57 + 8（相差 1）。" in zh.splitlines()
    for rule in CODES:
        for lang in ("zh", "en"):
            assert "{" not in _invoke("rule", rule, "--lang", lang)[1], rule


def test_usage_errors_speak_the_runs_language(tmp_path: Path) -> None:
    zh = run_cli("check", "--bogus", EXAMPLES[0])
    assert (zh.returncode, zh.stderr.decode().splitlines()[-1]) == (2, "错误：没有选项 --bogus。")
    en = run_cli("check", "--lang", "en", "--bogus", EXAMPLES[0])
    assert en.returncode == 2 and en.stderr.decode().splitlines()[-1].startswith("Error: No such option: --bogus")


def test_every_rule_explains_itself_with_example_values() -> None:
    """`reportlint rule CODE` fills every placeholder: none falls back to “…” (T303's example
    values themselves end in … as a column list does)."""
    from reportlint.rule_examples import example_message

    for rule in load_pack().rules.values():
        for lang in ("zh", "en"):
            message = example_message(rule, lang)
            assert "{" not in message and ("…" not in message or rule.code == "T303"), (rule.code, lang, message)
