"""Console entry point. `--version` answers before any heavy import (SPEC §7)."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from reportlint import __version__

        sys.stdout.write(f"reportlint {__version__}\n")
        return
    from reportlint.cli import run

    run()
