"""`--convert`: let LibreOffice turn .doc/.wps/.rtf/.odt into a temporary DOCX.

The input is only read; the DOCX lives in a private temporary folder (with its own
LibreOffice profile, so parallel jobs do not fight over one) that is removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from reportlint.read.errors import ReadError

CONVERT_TIMEOUT = 120  # seconds; LibreOffice's first start alone can take ten
_RESTART_ASKED = 81  # LibreOffice's exit code when it set a new profile up and wants a restart


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, timeout: float = CONVERT_TIMEOUT) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(
            "F002",
            "未找到 LibreOffice（soffice），无法使用 --convert。请安装 LibreOffice，或在 Word/WPS 中另存为 .docx。",
            "--convert needs LibreOffice (soffice) on PATH; install it or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="reportlint-convert-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                   "--convert-to", "docx", "--outdir", tmp, os.fspath(path.resolve())]
        converted = Path(tmp, path.stem + ".docx")
        # LibreOffice's first start on a new profile sometimes sets the profile up, asks for a
        # restart and converts nothing; the second start, on that profile, does.
        if _run_soffice(command, timeout) == _RESTART_ASKED and not converted.is_file():
            _run_soffice(command, timeout)
        if not converted.is_file():
            raise ReadError("F001", "LibreOffice 未能转换此文件（文件可能已损坏或加密）。",
                            "LibreOffice could not convert this file (damaged or encrypted?)")
        return converted.read_bytes()


def _run_soffice(command: list[str], timeout: float) -> int:
    """LibreOffice's exit code. `soffice` is a launcher that starts the real program as its
    child: on a time-out (or the per-file limit's alarm) the whole process group is killed,
    or that child would run on and write into the temporary folder after its removal."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise ReadError("F001", f"无法启动 LibreOffice：{exc}", f"cannot start LibreOffice: {exc}") from None
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ReadError("F001", f"LibreOffice 转换超时（{timeout:.0f} 秒），未检查。",
                        f"LibreOffice did not finish converting within {timeout:.0f} s") from None
    except BaseException:  # the per-file time limit, Ctrl-C
        _kill_group(process)
        raise


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows: no process groups; the launcher is all we can stop
        process.kill()
    process.wait()
