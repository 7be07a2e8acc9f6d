"""Speed against the SPEC §7 baselines, measured in one run. Usage: python scripts/benchmark.py"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

from reportlint.api import check_bytes

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "clean_2024.docx"


def best(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def floor(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for _ in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        pass


def main() -> None:
    data = EXAMPLE.read_bytes()
    check_bytes(data, name="x.docx")  # warm
    f = best(lambda: floor(data), 20)
    warm = best(lambda: check_bytes(data, name="x.docx"), 20)
    imports = best(lambda: subprocess.run([sys.executable, "-c", "import typer, rich.console, docx"], check=True), 5)
    cold = best(lambda: subprocess.run([sys.executable, "-m", "reportlint", "check", "-q", str(EXAMPLE)]), 5)
    version = best(lambda: subprocess.run([sys.executable, "-m", "reportlint", "--version"], capture_output=True), 5)
    print(f"floor {f*1000:.1f} ms, warm check {warm*1000:.1f} ms: {warm/f:.1f}x floor (target <= 2x)")
    print(f"imports {imports*1000:.0f} ms, cold check {cold*1000:.0f} ms: {cold/imports:.2f}x (target <= 1.2x)")
    print(f"--version {version*1000:.0f} ms: {version/imports:.2f}x imports (target <= 0.5x)")


if __name__ == "__main__":
    main()
