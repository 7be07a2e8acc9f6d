"""fastre: patterns rebuilt from the cached compiler output behave exactly like re.compile."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PACK, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import fastre
from reportlint.locate.labels import label_pattern

LABELS = [row.label for t in PACK.tables.values() for row in t.rows] + [s.title for s in PACK.sections]
SAMPLES = ["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 5", "一、 总体 情况", "", "x" * 50]


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(fastre, "_entries", None)
    return tmp_path


def _same(a: re.Pattern[str], b: re.Pattern[str], texts: list[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in texts:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]


def test_cached_patterns_match_like_re(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [label_pattern(label) for label in LABELS] + [r"(?P<num>一\s*[、.])\s*(?P<title>总\s*体)", r"^\s*$"]
    first = [fastre.compile(p) for p in patterns]
    fastre._save()
    [cache_file] = (fresh_cache / "reportlint").glob("patterns-*.json")
    monkeypatch.setattr(fastre, "_entries", None)  # a new run: everything comes from the file
    second = [fastre.compile(p) for p in patterns]
    assert len(fastre._load()) == len(patterns)
    for p, a, b in zip(patterns, first, second, strict=True):
        _same(a, re.compile(p), SAMPLES + LABELS)
        _same(b, re.compile(p), SAMPLES + LABELS)
    cache_file.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(fastre, "_entries", None)
    _same(fastre.compile(patterns[0]), re.compile(patterns[0]), LABELS)  # a damaged cache is ignored


def test_a_stale_entry_falls_back_to_re(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastre, "_entries", {"0:ab": [32, [999, 999], 0, {}, [None]]})  # not valid opcodes
    _same(fastre.compile("ab"), re.compile("ab"), ["xaby", "ab"])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一二三四五（）、.,“”:/ ab12", min_size=1, max_size=12), st.lists(st.text(max_size=20), max_size=5))
def test_any_label_pattern_behaves_like_re(label: str, texts: list[str]) -> None:
    pattern = label_pattern(label)
    _same(fastre.compile(pattern), re.compile(pattern), texts + [label])


def test_the_cache_is_written_by_a_cold_run(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "-q", str(REPO / "examples" / "clean_2024.docx")],
                              capture_output=True, env=env, cwd=REPO, timeout=60)
        assert proc.returncode == 0, proc.stderr.decode()
    names = sorted(p.name.split("-")[0] for p in (tmp_path / "reportlint").iterdir())
    assert names == ["patterns"]  # one pattern file (packs load from rules/*.json), no temp files


def test_an_overgrown_cache_keeps_only_what_was_used(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastre, "_MAX_ENTRIES", 3)
    monkeypatch.setattr(fastre, "_used", set())
    for p in ("a", "b", "c", "d"):
        fastre.compile(p)
    monkeypatch.setattr(fastre, "_used", {"0:d"})
    fastre._save()
    monkeypatch.setattr(fastre, "_entries", None)
    assert list(fastre._load()) == ["0:d"]
