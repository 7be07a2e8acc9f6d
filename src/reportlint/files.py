"""What reportlint writes: outputs and cache entries, always atomically.

A file is written next to its target and renamed over it, so an interrupted run never
leaves a half-written JSON, XLSX or cache entry, and no temporary file stays behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.resolve().parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def cache_dir() -> Path | None:
    """Where validated packs and compiled patterns are kept; None when caching is off."""
    if os.environ.get("REPORTLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


def write_cache(target: Path, text: str) -> bool:
    """Best effort: a read-only home only means the work is done again next time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    except OSError:
        return False
    return True
