"""Console entry point. `--version` answers before any heavy import (SPEC §7)."""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _quiet_exit(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("\nreportlint: interrupted\n")
    raise SystemExit(130)


def main() -> None:
    signal.signal(signal.SIGINT, _quiet_exit)  # Ctrl-C while still importing: no traceback
    if sys.argv[1:] in (["--version"], ["-V"]):
        from reportlint import __version__

        sys.stdout.write(f"reportlint {__version__}\n")
        return
    from reportlint.cli import run

    run()
