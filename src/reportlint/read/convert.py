"""`--convert`: let LibreOffice turn .doc/.wps/.rtf/.odt into a temporary DOCX.

The input is only read; the DOCX lives in a private temporary folder (with its own
LibreOffice profile, so parallel jobs do not fight over one) that is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from reportlint.read.errors import ReadError

CONVERT_TIMEOUT = 120  # seconds; LibreOffice's first start alone can take ten


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
        # restart (exit code 81) and converts nothing; the second start, on that profile, does.
        for _ in range(2):
            _run_soffice(command, timeout)
            if converted.is_file():
                break
        if not converted.is_file():
            raise ReadError("F001", "LibreOffice 未能转换此文件（文件可能已损坏或加密）。",
                            "LibreOffice could not convert this file (damaged or encrypted?)")
        return converted.read_bytes()


def _run_soffice(command: list[str], timeout: float) -> None:
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReadError("F001", f"LibreOffice 转换超时（{timeout:.0f} 秒），未检查。",
                        f"LibreOffice did not finish converting within {timeout:.0f} s") from None
    except OSError as exc:
        raise ReadError("F001", f"无法启动 LibreOffice：{exc}", f"cannot start LibreOffice: {exc}") from None
