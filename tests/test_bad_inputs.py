"""Hostile and broken input (issue 5): every file ends fast, small, with a message and
the documented exit code; a batch keeps going; inputs and the temp folder stay as they were."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bad_inputs import EXPECTED, generate
from helpers import REPO, run_cli

from reportlint.api import check_bytes, check_path
from reportlint.read import Limits

EXAMPLES = REPO / "examples"
SEED = EXAMPLES / "000_b2d447095e0c6c81.txt"
SEED_CODES = ["C604"] * 5 + ["T301"] * 3
MAX_SECONDS, MAX_RSS_MB = 10, 500

# Runs the real CLI once per file, each in its own forked child of one interpreter that has
# imported the CLI (a fresh interpreter per file cost ~0.5 s of imports, 35 times), and records
# each child's exit code, output, time and peak memory (os.wait4 gives that child's own rusage),
# so each file is still measured on its own.
MEASURE = (
    "import json, os, sys, time\n"
    "from reportlint import entry\n"
    "import reportlint.cli  # noqa: the imports every run pays, paid once\n"
    "out, files = sys.argv[1], sys.argv[2:]\n"
    "measured = {}\n"
    "for i, path in enumerate(files):\n"
    "    started = time.monotonic()\n"
    "    pid = os.fork()\n"
    "    if pid == 0:\n"
    "        for fd, stream in ((1, 'stdout'), (2, 'stderr')):\n"
    "            os.dup2(os.open(f'{out}/{i}.{stream}', os.O_WRONLY | os.O_CREAT), fd)\n"
    "        sys.argv = ['reportlint', 'check', '-f', 'json', path]\n"
    "        code = 0\n"
    "        try:\n"
    "            entry.main()\n"
    "        except SystemExit as done:\n"
    "            code = done.code if isinstance(done.code, int) else 1\n"
    "        sys.stdout.flush(); sys.stderr.flush()\n"
    "        os._exit(code)\n"
    "    _, status, usage = os.wait4(pid, 0)\n"
    "    measured[path] = {'index': i, 'code': os.waitstatus_to_exitcode(status),\n"
    "                      'seconds': time.monotonic() - started, 'maxrss_kb': usage.ru_maxrss}\n"
    "with open(f'{out}/measured.json', 'w') as fh:\n"
    "    json.dump(measured, fh)\n"
)


@pytest.fixture(scope="session")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bad")
    generate(target)
    return target


@pytest.fixture(scope="session")
def bad_runs(bad_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each bad file through the CLI on its own: exit code, stdout, stderr, seconds, peak memory."""
    out = tmp_path_factory.mktemp("bad-runs")
    files = [str(bad_dir / name) for name in sorted(EXPECTED)]
    subprocess.run([sys.executable, "-c", MEASURE, str(out), *files], check=True, cwd=REPO,
                   timeout=MAX_SECONDS * len(files))
    measured = json.loads((out / "measured.json").read_text())
    for run in measured.values():
        run["stdout"] = (out / f"{run['index']}.stdout").read_bytes()
        run["stderr"] = (out / f"{run['index']}.stderr").read_bytes()
    return measured


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    if env is None:  # in-process unless the run needs its own environment
        return run_cli(*args)
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, cwd=REPO,
                          env=env, timeout=timeout)


def _findings(stdout: bytes) -> dict[str, list[str]]:
    return {f["path"]: sorted(x["code"] for x in f["findings"]) for f in json.loads(stdout)["files"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_ends_fast_small_and_explained(bad_dir: Path, bad_runs: dict[str, dict[str, Any]],
                                                     name: str) -> None:
    allowed, exit_code = EXPECTED[name]
    run = bad_runs[str(bad_dir / name)]
    stdout, stderr = run["stdout"], run["stderr"].decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert run["code"] == exit_code, (stdout[:500], stderr)
    codes = next(iter(_findings(stdout).values()))
    if allowed == "checked":
        assert not [c for c in codes if c[0] == "F"]
    else:
        assert len(codes) == 1 and codes[0] in allowed, codes
        message = json.loads(stdout)["files"][0]["findings"][0]["message"]
        assert len(message) > 8 and "Error" not in message
        assert not any(g in message for g in ("内部错误", "仍未完成", "内存不足")), message  # the guard's F001s are bugs
    assert run["seconds"] < MAX_SECONDS
    assert stderr.strip() == ""  # the message is in the report, not as library noise on stderr
    assert run["maxrss_kb"] / 1024 < MAX_RSS_MB


def _tree_state(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


# The files just under the size limits take a second and a half each to check; each is measured
# on its own above, and the batch through the worker pool (--jobs 2) meets them too.
AT_THE_LIMITS = frozenset({"at_the_limits.docx", "at_the_limits.txt"})


@pytest.fixture(scope="session")
def bad_dir_below_limits(bad_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-below-limits")
    for path in bad_dir.iterdir():
        if path.name not in AT_THE_LIMITS:
            shutil.copyfile(path, folder / path.name)
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_batch_checks_every_good_report(bad_dir: Path, bad_dir_below_limits: Path, tmp_path: Path,
                                               jobs: str) -> None:
    folder = bad_dir if jobs == "2" else bad_dir_below_limits
    expected = {name: outcome for name, outcome in EXPECTED.items() if (folder / name).exists()}
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = _tree_state(folder, EXAMPLES)
    env = dict(os.environ, TMPDIR=str(temp))
    proc = _cli("check", "-f", "json", "--jobs", jobs, str(folder), str(EXAMPLES), env=env, timeout=300)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    found = _findings(proc.stdout)
    assert found[str(EXAMPLES / "clean_2024.docx")] == []
    assert found[str(SEED)] == SEED_CODES
    assert found[str(EXAMPLES / "defects_2024.docx")] == _findings(_cli("check", "-f", "json", str(EXAMPLES / "defects_2024.docx")).stdout)[str(EXAMPLES / "defects_2024.docx")]
    skipped = {s["path"]: s["reason"] for s in json.loads(proc.stdout)["skipped"]}
    for name, (allowed, _) in expected.items():
        if allowed == frozenset({"F003"}):  # found in a folder, a non-report is listed as skipped
            assert str(folder / name) not in found and skipped.pop(str(folder / name)) == "not-a-report"
            continue
        codes = found[str(folder / name)]
        assert (not [c for c in codes if c[0] == "F"]) if allowed == "checked" else codes[0] in allowed
    assert set(skipped.values()) <= {"file-type"}
    summary = json.loads(proc.stdout)["summary"]
    not_reports = sum(1 for allowed, _ in expected.values() if allowed == frozenset({"F003"}))
    assert summary["files"] == len(expected) - not_reports + 3
    assert summary["unreadable"] == sum(1 for a, code in expected.values() if code == 2)
    assert _tree_state(folder, EXAMPLES) == before  # nothing written to any input
    assert list(temp.iterdir()) == []  # no temporary files left behind


def test_per_file_time_limit() -> None:
    slow = check_path(EXAMPLES / "defects_2024.docx", limits=Limits(max_seconds=0.001))
    assert [f.code for f in slow.findings] == ["F001"] and slow.unreadable
    assert "秒" in slow.findings[0].message
    proc = _cli("check", "-f", "json", "--timeout", "0.001", str(EXAMPLES / "clean_2024.docx"), str(SEED))
    assert proc.returncode == 2
    assert set(map(tuple, _findings(proc.stdout).values())) == {("F001",)}
    unlimited = _cli("check", "-f", "json", "--timeout", "0", str(SEED))
    assert _findings(unlimited.stdout)[str(SEED)] == SEED_CODES


def _batch_folder(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    data = (EXAMPLES / "defects_2024.docx").read_bytes()
    for i in range(copies):
        (folder / f"unit_{i:03d}.docx").write_bytes(data)
    return folder


# Runs the real CLI, but first wraps the batch so that its first result leaves a marker file:
# the test then interrupts a batch that is verifiably running, not one that may still be importing.
MARK_FIRST_RESULT = (
    "import sys\n"
    "from pathlib import Path\n"
    "import reportlint.api as api\n"
    "from reportlint.entry import main\n"
    "marker = Path(sys.argv.pop(1))\n"
    "real_check_paths = api.check_paths\n"
    "def check_paths(*args, **kwargs):\n"
    "    for result in real_check_paths(*args, **kwargs):\n"
    "        marker.touch()\n"
    "        yield result\n"
    "api.check_paths = check_paths\n"
    "main()\n"
)


def _wait_for(marker: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "the batch produced no result"
        time.sleep(0.02)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_a_batch_with_130_and_no_traceback(tmp_path: Path, jobs: str) -> None:
    folder = _batch_folder(tmp_path, 400)
    marker = tmp_path.parent / f"{tmp_path.name}.first-result"  # outside tmp_path: its listing is asserted
    proc = subprocess.Popen([sys.executable, "-c", MARK_FIRST_RESULT, str(marker), "check", "--jobs", jobs,
                             "-o", str(tmp_path / "out.json"), "-f", "json", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    _wait_for(marker, proc)  # signal only once the batch has verifiably produced a result
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr and "已中断".encode() in stderr  # zh by default
    assert not (tmp_path / "out.json").exists()  # no half-written output
    assert [p.name for p in tmp_path.iterdir()] == ["batch"]


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    folder = _batch_folder(tmp_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", "check", "-f", "concise", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, bufsize=0)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)  # like `| head -c 10`
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr.decode()


def test_paths_that_are_not_files(tmp_path: Path) -> None:
    (tmp_path / "loop_a.docx").symlink_to(tmp_path / "loop_b.docx")
    (tmp_path / "loop_b.docx").symlink_to(tmp_path / "loop_a.docx")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "folder.docx").mkdir()
    messages = {name: check_path(tmp_path / name).findings[0].message
                for name in ("loop_a.docx", "dangling.txt", "folder.docx", "missing.txt")}
    assert "循环" in messages["loop_a.docx"]
    assert "不存在" in messages["dangling.txt"] and "不存在" in messages["missing.txt"]
    assert "文件夹" in messages["folder.docx"]
    proc = _cli("check", "-f", "json", str(tmp_path))  # walking a folder with loops ends
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert sorted(Path(p).name for p in _findings(proc.stdout)) == ["dangling.txt", "loop_a.docx", "loop_b.docx"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import reportlint.read as reader

    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    if os.geteuid() != 0:  # a real permission error where the test user can have one
        locked.chmod(0)
    else:  # root reads any file: have open() fail the way it does for other users
        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(reader, "open", denied, raising=False)
    result = check_path(locked)
    assert [f.code for f in result.findings] == ["F001"]
    assert result.findings[0].message == "无法读取文件：没有读取权限。"


def test_output_never_replaces_an_input_or_fails_with_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    for target, words in ((report, "是输入文件之一".encode()), (tmp_path, "是文件夹".encode()),
                          (tmp_path / "missing" / "x.json", "无法写入".encode())):
        proc = _cli("check", "-f", "json", "-o", str(target), str(report))
        assert proc.returncode == 2 and words in proc.stderr and b"Traceback" not in proc.stderr
    assert report.read_bytes() == SEED.read_bytes()


def test_nul_bytes_in_text_are_named() -> None:
    result = check_bytes("一、总体情况\0本年度".encode(), name="r.txt")
    assert "空字节" in result.findings[0].message


def test_a_bug_in_one_reader_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reportlint.read.html as html_reader
    from reportlint.api import check_paths

    def broken(*args: object) -> None:
        raise IndexError("simulated bug")

    monkeypatch.setattr(html_reader, "read_html", broken)
    page = tmp_path / "a.html"
    page.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    results = list(check_paths([str(page), str(SEED)]))
    assert [f.code for f in results[0].findings] == ["F001"] and "内部错误" in results[0].findings[0].message
    assert sorted(f.code for f in results[1].findings) == SEED_CODES


def test_a_ctrl_c_lost_in_a_finalizer_still_stops_the_batch() -> None:
    """Python may run the Ctrl-C handler inside a finalizer (a ZipFile's __del__), which swallows
    its KeyboardInterrupt; the flag the handler sets stops the batch at the next file."""
    from reportlint.cli.common import INTERRUPTED, until_interrupted

    items = until_interrupted(iter([1, 2, 3]))
    assert next(items) == 1
    INTERRUPTED.set()  # what the handler does before raising the exception a __del__ then swallowed
    try:
        with pytest.raises(KeyboardInterrupt):
            next(items)
    finally:
        INTERRUPTED.clear()
