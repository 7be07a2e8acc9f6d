"""Refresh the README's "Sample output" block with what the command in it prints today.

Run from the repo root after a change of wording: python scripts/readme_sample.py
tests/test_readme.py fails while the block and the real output differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(## Sample output\n.*?```\n\$ (?P<command>[^\n]+)\n)(?P<output>.*?)(```)", re.S)


def sample_command(readme: str) -> list[str]:
    """The arguments after `reportlint` in the block's `$ reportlint …` line."""
    match = BLOCK.search(readme)
    if match is None:
        raise SystemExit("README.md has no '## Sample output' block with a '$ reportlint …' line")
    words = match.group("command").split()
    if words[0] != "reportlint":
        raise SystemExit("the sample's command must start with reportlint")
    return words[1:]


def run_sample(args: list[str]) -> str:
    """What the command prints, run in-process from the repo root."""
    import os

    from typer.testing import CliRunner

    from reportlint.cli import app

    here = os.getcwd()
    os.chdir(README.parent)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(here)
    return result.stdout


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    output = run_sample(sample_command(readme))
    match = BLOCK.search(readme)
    assert match is not None
    README.write_text(readme[: match.start("output")] + output + readme[match.end("output") :], encoding="utf-8")
    print("README.md: sample output refreshed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
