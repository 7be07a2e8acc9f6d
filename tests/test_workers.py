"""The batch pool under the start methods other platforms use: spawn (Windows and macOS, where
the office's machines are) and forkserver (Linux from Python 3.14). There a worker starts a
fresh interpreter and gets the run's task by pickle, last year's reports (--previous) and all,
so the batch must pickle and the workers must find, byte for byte, what one process finds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, report_text, tables

# The CLI's own entry point, with the pool's start method chosen first, as Python chooses it on
# those platforms.
RUN_WITH = ("import multiprocessing, sys; multiprocessing.set_start_method(sys.argv.pop(1)); "
            "from reportlint.entry import main; main()")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """This year's reports (the examples, and one more unit) and last year's of that unit."""
    root = tmp_path_factory.mktemp("pool")
    now, before = root / "now", root / "before"
    now.mkdir()
    before.mkdir()
    for example in (REPO / "examples").iterdir():
        (now / example.name).write_bytes(example.read_bytes())
    (now / "甲区.txt").write_text(report_text(tables()).replace("某某区", "甲区"), encoding="utf-8")
    (before / "甲区.txt").write_text(report_text(tables(), year=2023).replace("某某区", "甲区"), encoding="utf-8")
    return now, before


def _check(method: str, jobs: str, batch: tuple[Path, Path]) -> subprocess.CompletedProcess[bytes]:
    now, before = batch
    args = ["check", "-f", "json", "--jobs", jobs, "--previous", str(before), str(now)]
    return subprocess.run([sys.executable, "-c", RUN_WITH, method, *args], capture_output=True, cwd=REPO, timeout=120)


@pytest.fixture(scope="module")
def one_process(batch: tuple[Path, Path]) -> bytes:
    proc = _check("fork", "1", batch)
    assert proc.returncode == 1, proc.stderr  # the defects example has errors
    found = {Path(f["path"]).name: sorted({x["code"] for x in f["findings"]}) for f in json.loads(proc.stdout)["files"]}
    assert found["甲区.txt"] == ["X701", "X702"]  # last year's report was read and paired
    return proc.stdout


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_pool_of_fresh_interpreters_finds_what_one_process_finds(
    method: str, batch: tuple[Path, Path], one_process: bytes
) -> None:
    proc = _check(method, "2", batch)
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, b"", one_process)
