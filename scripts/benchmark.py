"""Speed against the SPEC §7 baselines, measured in one run.

Usage: python scripts/benchmark.py [--batch]   (--batch adds the 200-document and 44-file runs)
"""

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
    scaling()
    digit_rows()
    if "--batch" in sys.argv:
        batch()


SEED = EXAMPLE.parent / "000_b2d447095e0c6c81.txt"


def scaling() -> None:
    """SPEC §7: a paragraph 64× as long takes at most 10× the time of one 8× as long — the
    seed with its longest (Traditional) paragraph repeated, the same in Simplified script,
    and the whole seed on one line, repeated."""
    import opencc

    from reportlint.api import check_text

    lines = SEED.read_text(encoding="utf-8").splitlines()
    longest = max(lines, key=len)
    simplified = opencc.OpenCC("tw2sp").convert("\n".join(lines)).splitlines()
    simplified_longest = max(simplified, key=len)

    def grown(source: list[str], line: str, k: int) -> str:
        return "\n".join(text * k if text == line else text for text in source) + "\n"

    cases = {
        "Traditional paragraph": lambda k: grown(lines, longest, k),
        "Simplified paragraph": lambda k: grown(simplified, simplified_longest, k),
        "whole seed on one line": lambda k: "".join(lines) * (k // 8),
    }
    for name, build in cases.items():
        t8 = best(lambda b=build: check_text(b(8)), 3)
        t64 = best(lambda b=build: check_text(b(64)), 3)
        print(f"{name}: 8x {t8*1000:.0f} ms, 64x {t64*1000:.0f} ms: {t64/t8:.1f}x (target <= 10x)")


def digit_rows() -> None:
    """A 28-digit run-together row (table 三: seven values; table 四: fifteen) resolves or gives
    T308 in <= 0.1 s."""
    from reportlint.locate.canonical import _row_readings
    from reportlint.pack import load_pack
    from reportlint.relations import equations

    pack = load_pack()
    cases = {
        "applications": {
            "parts and their total": "1234" "5678" "4321" "8765" "1111" "222" "21331",
            "all ones": "1" * 28,
            "all nines": "9" * 28,
            "zeros and ones": "1010010001000010000010000001",
        },
        "reviews": {
            "three groups and their totals": "125131810166" "2123140247" "910010",  # 125 13 18 10 166 | 212 31 4 0 247 | 9 1 0 0 10
            "all ones": "1" * 28,
        },
    }
    for table_id, rows in cases.items():
        tdef = pack.tables[table_id]
        eqs = [e for r in pack.rules.values() if r.kind == "relation" and r.params.get("table") == tdef.id
               for e in equations(r.params, tdef)]
        keys = [(row.id, c.id) for row in (tdef.rows if tdef.layout == "single_row" else tdef.rows[:1])
                for c in tdef.columns_of(row)]
        for name, digits in rows.items():
            elapsed = best(lambda d=digits, k=keys, e=eqs: _row_readings([d], k, e), 3)
            result = _row_readings([digits], keys, eqs)
            shown = (f"{len(result)} reading(s)" if isinstance(result, list)
                     else {0: "no consistent reading (T308)", -1: "too long to search (T308)"}.get(
                         result, f"{result} readings (T308)"))
            print(f"{tdef.name_zh[:2]} {len(digits)} digits, {name}: {shown} in {elapsed*1000:.1f} ms (target <= 100 ms)")


def _run_measured(args: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of the CLI and the workers it waited for."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "reportlint", *args],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def batch() -> None:
    """SPEC §7: 200 documents with --jobs 2 vs --jobs 1; peak memory of a 44-file batch."""
    import shutil
    import tempfile

    examples = sorted(p for p in EXAMPLE.parent.iterdir() if p.suffix in (".docx", ".txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (44, 200):
            folder = Path(tmp, str(n))
            folder.mkdir()
            for i in range(n):
                source = examples[i % len(examples)]
                shutil.copy(source, folder / f"unit_{i:03d}{source.suffix}")
        one = min(_run_measured(["check", "-q", "-f", "concise", "--jobs", "1", str(Path(tmp, "200"))])[0] for _ in range(3))
        two = min(_run_measured(["check", "-q", "-f", "concise", "--jobs", "2", str(Path(tmp, "200"))])[0] for _ in range(3))
        print(f"200 documents: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s: {one/two:.2f}x faster (target >= 1.7x)")
        _, rss = _run_measured(["check", "-q", "-f", "json", str(Path(tmp, "44"))])
        _, rss2 = _run_measured(["check", "-q", "-f", "json", "--jobs", "2", str(Path(tmp, "44"))])
        print(f"44-file batch peak memory: {rss:.0f} MB with --jobs 1, {rss2:.0f} MB per process with --jobs 2"
              " (target <= 150 MB)")


if __name__ == "__main__":
    main()
