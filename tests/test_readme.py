"""The README shows what the tool really prints: its sample output is run and compared."""

from __future__ import annotations

import sys

from helpers import REPO

sys.path.insert(0, str(REPO / "scripts"))
from readme_sample import BLOCK, run_sample, sample_command  # noqa: E402


def test_the_readme_sample_output_is_what_the_command_prints() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = BLOCK.search(readme)
    assert match is not None
    shown = match.group("output")
    assert shown.count("\n") > 10, "the sample should show a real run, not an excerpt"
    assert run_sample(sample_command(readme)) == shown, (
        "README.md's sample output drifted from the real output: run python scripts/readme_sample.py")


def test_the_readme_documents_the_writers_loop() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needle in ("reportlint template", "reportlint check -", "from the folder of the files checked upward",
                   "# .pre-commit-config.yaml", "warnings and info alone exit 0"):
        assert needle in readme, needle
