"""The command line's shape: a package without import cycles, and usage errors apart from
pack errors (both exit 2 with their message)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from reportlint.cli import app
from reportlint.config import load_config
from reportlint.errors import UsageError
from reportlint.extract import extract_path
from reportlint.packfile import PackError

PACKAGE = REPO / "src" / "reportlint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_at_load(path: Path, known: set[str]) -> set[str]:
    """Modules of the package imported when `path` loads (module level; lazy imports in a
    function run later and cannot cycle at load)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found & known


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_module_imports_one_that_imports_it_back() -> None:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    # A package's own submodule is not a cycle with it: `from reportlint.cli import check` in cli/__init__.
    graph = {name: {m for m in _imports_at_load(path, known) if m != name and not (name + ".").startswith(m + ".")}
             for name, path in files.items()}
    assert _cycle(graph) == []


def test_cli_modules_stay_short() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_a_bad_config_is_a_usage_error_not_a_pack_error(tmp_path: Path) -> None:
    config = tmp_path / "reportlint.toml"
    config.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_config(config)
    assert not isinstance(caught.value, PackError)
    result = CliRunner().invoke(app, ["check", "--config", str(config), str(REPO / "examples" / "clean_2024.docx")])
    assert result.exit_code == 2 and str(caught.value) in result.stderr


def test_extract_of_an_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "无.docx"
    with pytest.raises(UsageError, match="无.docx"):
        extract_path(str(missing))
    result = CliRunner().invoke(app, ["extract", str(missing)])
    assert result.exit_code == 2 and f"reportlint: {missing}: cannot open file" in result.stderr


def test_a_pack_error_stays_a_pack_error(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("rules: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--rules", str(pack), str(REPO / "examples" / "clean_2024.docx")])
    assert result.exit_code == 2 and f"reportlint: {pack}: the rule pack does not follow" in result.stderr
