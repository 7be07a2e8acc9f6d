"""The batch pool under the start methods other platforms use: spawn (Windows and macOS, where
the office's machines are) and forkserver (Linux from Python 3.14). There a worker starts a
fresh interpreter and gets the run's task by pickle, last year's reports (--previous) and all,
so the batch must pickle and the workers must find, byte for byte, what one process finds."""

from __future__ import annotations

import json
import multiprocessing
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, report_text, tables

from reportlint.workers import each_file

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


def _sigint_blocked(_: str) -> bool:
    return signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_spawned_workers_start_with_ctrl_c_held_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal's Ctrl-C reaches every process of the batch. Spawned workers inherit the
    block this process holds while the pool starts, and keep it: one still importing printed a
    KeyboardInterrupt traceback. multiprocessing's resource tracker unblocks SIGINT when it
    starts, so it is started first. (Ctrl-C pressed in the first second, 80 times under spawn
    and forkserver: exit 130 and no traceback each time; before, about one in four printed one.)
    The first file is checked here, before the pool, with Ctrl-C free; the block is lifted after."""
    monkeypatch.setattr(multiprocessing, "Pool", multiprocessing.get_context("spawn").Pool)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "spawn")
    assert list(each_file(_sigint_blocked, ["here", "worker", "worker"], jobs=2)) == [False, True, True]
    assert not _sigint_blocked("here, after the batch")
