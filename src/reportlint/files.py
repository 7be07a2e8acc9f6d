"""What reportlint writes: outputs, always atomically.

A file is written next to its target and renamed over it, so an interrupted run never
leaves a half-written JSON or XLSX, and no temporary file stays behind.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write beside `target` and rename over it. The file gets the mode the umask gives a new
    file (mkstemp's 0600 would lock a shared folder out), or keeps the mode it had."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(target)
    import tempfile  # only a run that writes a file needs it (tempfile imports random)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.resolve().parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)  # read it the only way there is, and put it back
        os.umask(umask)
        return 0o666 & ~umask


def display_name(path: str) -> str:
    """A path as people read it. A name in GBK bytes (a zip made on Windows) reads as GBK;
    bytes that decode as nothing are shown as �, so no output chokes on them."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = os.fsencode(path)
    try:
        return "/".join(part.decode("utf-8") if _is_utf8(part) else part.decode("gb18030") for part in raw.split(b"/"))
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
