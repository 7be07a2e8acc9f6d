"""Config lookup as users expect it: from the checked file's folder upward, paths relative to
the config file, and a TOML error reported with its line and column (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import docx_bytes
from typer.testing import CliRunner

from reportlint.cli import app

WRONG_PERIOD = "本报告所列数据统计期限为2024年1月1日至2024年11月30日。"  # one finding: P202


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """proj/reportlint.toml, proj/final.docx and proj/草稿/d.docx, both with a P202; and an
    unrelated folder to run from."""
    root = tmp_path_factory.mktemp("office")
    proj = root / "proj"
    (proj / "草稿").mkdir(parents=True)
    (root / "elsewhere").mkdir()
    data = docx_bytes(period=WRONG_PERIOD)
    (proj / "final.docx").write_bytes(data)
    (proj / "草稿" / "d.docx").write_bytes(data)
    return proj


def _check(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, list[str]], str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, ["check", "-f", "json", *args])
    if result.exit_code == 2:
        return 2, {}, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in data["files"]}, result.stderr


def _config(project: Path, text: str, name: str = "reportlint.toml") -> None:
    for old in ("reportlint.toml", "pyproject.toml"):
        (project / old).unlink(missing_ok=True)
    (project / name).write_text(text, encoding="utf-8")


def test_config_is_found_from_the_files_folder_not_the_current_one(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(project, 'ignore = ["P202"]\n')
    elsewhere = project.parent / "elsewhere"
    assert _check(elsewhere, monkeypatch, str(project / "草稿" / "d.docx"))[:2] == (0, {"d.docx": []})
    assert _check(elsewhere, monkeypatch, str(project))[:2] == (0, {"final.docx": [], "d.docx": []})


def test_per_file_ignores_are_relative_to_the_config_wherever_one_runs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(project, '[tool.reportlint]\nper-file-ignores = { "草稿/*" = ["P202"] }\n', name="pyproject.toml")
    expected = {"final.docx": ["P202"], "d.docx": []}
    assert _check(project, monkeypatch, ".")[:2] == (1, expected)
    assert _check(project, monkeypatch, "草稿/d.docx")[:2] == (0, {"d.docx": []})
    assert _check(project / "草稿", monkeypatch, "d.docx")[:2] == (0, {"d.docx": []})
    assert _check(project / "草稿", monkeypatch, "..")[:2] == (1, expected)


def test_exclude_is_relative_to_the_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(project, 'exclude = ["草稿/*"]\n')
    assert _check(project / "草稿", monkeypatch, "..")[:2] == (1, {"final.docx": ["P202"]})


def test_a_toml_error_is_a_usage_error_naming_line_and_column(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(project, '[tool.reportlint]\nignore = ["P202"\nfail-on = "warning"\n', name="pyproject.toml")
    code, _, stderr = _check(project, monkeypatch, "final.docx")
    path = project / "pyproject.toml"
    assert code == 2
    assert stderr.splitlines()[0] == f"reportlint: {path}:3:1: 配置文件不是有效的 TOML（第 3 行第 1 列）：Unclosed array"
    assert stderr.splitlines()[1:] == ["    fail-on = \"warning\"", "    ^"]


def test_a_bad_key_names_the_key_in_the_users_language(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config(project, "bogus = 1\n")
    code, _, stderr = _check(project, monkeypatch, "--lang", "en", "final.docx")
    assert code == 2 and stderr.startswith(f"reportlint: invalid configuration in {project / 'reportlint.toml'}:")
    assert "'bogus' was unexpected" in stderr
