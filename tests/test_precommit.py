"""The pre-commit hook, run as a user's repository runs it: `pre-commit run` with a config naming
this repository (at a commit holding the working tree, as `pre-commit try-repo` would make it).

Slow (pre-commit builds the hook's environment with pip), so the environment is built once per
session in a shared PRE_COMMIT_HOME (try-repo built it again in a temp store at every call).
It may be skipped only on a developer's machine without pre-commit: in CI (env CI set) a missing
pre-commit is a failure, since the test extra installs it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO, docx_bytes, tables

HAVE_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None
pytestmark = pytest.mark.skipif(not HAVE_PRE_COMMIT and not os.environ.get("CI"),
                                reason="pre-commit not installed (pip install '.[test]')")


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A writer's repository: a report with errors saved as 大写.DOCX, a clean one, a README."""
    folder = tmp_path_factory.mktemp("user-repo")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    broken = tables()
    broken["applications"]["disclosed"]["natural_person"] = 31
    (folder / "大写.DOCX").write_bytes(docx_bytes(broken))
    (folder / "clean.docx").write_bytes(docx_bytes())
    (folder / "README.md").write_text("# 年报\n\n各单位年报放在这里。\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    return folder, env


@pytest.fixture(scope="module")
def hook_config(user_repo: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config naming this checkout as the hook repository, at a commit that holds its
    uncommitted changes too (what try-repo does), so the hook tested is the working tree's."""
    _, env = user_repo
    hooks = tmp_path_factory.mktemp("hook-repo") / "repo"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["git", "clone", "-q", str(REPO), str(hooks)], check=True, env=env)
    subprocess.run(["git", "checkout", "-q", head], cwd=hooks, check=True, env=env)
    changes = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=REPO, capture_output=True, check=True).stdout
    if changes:
        subprocess.run(["git", "apply"], input=changes, cwd=hooks, check=True, env=env)
        subprocess.run(["git", "commit", "-qam", "working tree"], cwd=hooks, check=True, env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True).stdout.strip()
    config = hooks.parent / "pre-commit-config.yaml"
    config.write_text(yaml.safe_dump({"repos": [{"repo": str(hooks), "rev": rev, "hooks": [{"id": "reportlint"}]}]}),
                      encoding="utf-8")
    return config


def _try_repo(repo: tuple[Path, dict[str, str]], config: Path, *files: str) -> subprocess.CompletedProcess[str]:
    folder, env = repo
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--config", str(config), "--files", *files],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=900)


def test_the_hook_matches_every_readable_report_in_any_case() -> None:
    import re

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    names = ["a.docx", "大写.DOCX", "b.pdf", "c.PDF", "d.txt", "README.md", "e.html", "f.HTM"]
    assert [n for n in names if pattern.search(n)] == names
    assert not any(pattern.search(n) for n in ("g.xlsx", "h.py", "docx.json", "i.doc"))


def test_a_report_with_errors_fails_the_hook(user_repo: tuple[Path, dict[str, str]], hook_config: Path) -> None:
    proc = _try_repo(user_repo, hook_config, "大写.DOCX")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "reportlint....." in proc.stdout and "Failed" in proc.stdout
    assert "A402" in proc.stdout and "A403" in proc.stdout


def test_a_readme_and_a_clean_report_pass_silently(user_repo: tuple[Path, dict[str, str]], hook_config: Path) -> None:
    proc = _try_repo(user_repo, hook_config, "README.md", "clean.docx")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout and "F003" not in proc.stdout


def test_the_readme_snippet_names_this_hook() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("```yaml\n# .pre-commit-config.yaml\n", 1)[1].split("```", 1)[0]
    config = yaml.safe_load(snippet)
    (repo,) = config["repos"]
    assert [h["id"] for h in repo["hooks"]] == ["reportlint"] and repo["rev"]
