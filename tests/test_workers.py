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
from typing import Any

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


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_is_held_back_here_and_ignored_by_workers_while_a_spawned_pool_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A terminal's Ctrl-C reaches every process of the batch. While a spawned pool starts,
    this process holds it back (blocked: it is raised once the pool exists, which can then be
    terminated) and the new workers, which inherit it, ignore it: one still importing printed a
    KeyboardInterrupt traceback. multiprocessing's resource tracker unblocks SIGINT when it
    starts, so it is started first. (Pressing Ctrl-C in the first second, 80 times under spawn
    and forkserver: no traceback, exit 130 each time; before, about one in four printed one.)"""
    seen: dict[str, object] = {}
    spawning = multiprocessing.get_context("spawn").Pool

    def pool(*args: Any, **kwargs: Any) -> Any:
        started = spawning(*args, **kwargs)
        seen["blocked"] = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
        seen["handler"] = signal.getsignal(signal.SIGINT)
        return started

    handler = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(multiprocessing, "Pool", pool)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda: "spawn")
    assert list(each_file(str.upper, ["a", "b", "c"], jobs=2)) == ["A", "B", "C"]
    assert seen == {"blocked": True, "handler": signal.SIG_IGN}
    assert signal.getsignal(signal.SIGINT) is handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
