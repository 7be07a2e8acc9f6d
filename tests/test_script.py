"""Script detection by characters: a Traditional report saved on one line (as crawlers save
pages) is checked like the same report on many lines."""

from __future__ import annotations

import pytest
from helpers import REPO, check_text, report_text

from reportlint.normalize import is_traditional

SEED = REPO / "examples" / "000_b2d447095e0c6c81.txt"


def _summary(text: str) -> list[tuple[str, str | None, str | None]]:
    return sorted((f.code, f.location.section, f.actual) for f in check_text(text).findings)


@pytest.fixture(scope="module")
def seed_findings() -> list[tuple[str, str | None, str | None]]:
    return _summary(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("joiner", ["", " "])
def test_seed_on_one_line_gives_the_seeds_findings(seed_findings: list, joiner: str) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert _summary(joiner.join(lines)) == seed_findings
    assert [code for code, _, _ in seed_findings] == ["C604"] * 5 + ["T301"] * 3


def test_traditional_report_on_one_line() -> None:
    import opencc

    text = opencc.OpenCC("s2twp").convert(report_text(style="spaces"))
    assert _summary(text) == []
    assert _summary(" ".join(text.splitlines())) == []


def test_script_is_decided_by_the_share_of_characters() -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert is_traditional([seed]) and is_traditional(seed.splitlines())
    assert not is_traditional([report_text()])
    assert not is_traditional([report_text() + "（引自《國務院關於…》）"])  # a quotation is not the report's script
