"""Coverage-guided fuzzing of every reader with atheris, for long local sessions.

    pip install atheris '.[test]'
    python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=600 -rss_limit_mb=1024

The first input byte picks the reader (by file name), the rest is the file. Seeds are
written to fuzz/corpus/ on the first run (a clean DOCX, its PDF and web page, the report
as text in three encodings). The property is the tool's contract: a result made of known
findings, or exactly one F001/F002, and never an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["reportlint"]):
    from reportlint.api import check_bytes
    from reportlint.pack import load_pack
    from reportlint.read import Limits

NAMES = ["x.txt", "x.docx", "x.html", "x.pdf", "x.md", "x.doc"]
KNOWN = {rule.code for rule in load_pack().rules.values()}
LIMITS = Limits(max_seconds=0)  # libFuzzer's -timeout does this job here


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    result = check_bytes(data[1:], name=name, limits=LIMITS)
    codes = [f.code for f in result.findings]
    if not set(codes) <= KNOWN or any("内部错误" in f.message for f in result.findings):
        raise AssertionError(f"{name}: unexpected findings {codes}: {[f.message for f in result.findings][:3]}")
    if result.unreadable and codes not in (["F001"], ["F002"]):
        raise AssertionError(f"{name}: unreadable but {codes}")


def write_seeds(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from helpers import docx_bytes, report_text
    from renderers import document_html

    from reportlint.read import read_bytes

    folder.mkdir(parents=True, exist_ok=True)
    docx = docx_bytes()
    doc = read_bytes(docx, Path("r.docx"))
    seeds = {"docx": (1, docx), "html": (2, document_html(doc)), "utf8": (0, report_text().encode()),
             "gbk": (0, report_text().encode("gbk")), "utf16": (0, report_text().encode("utf-16"))}
    try:
        from pdfgen import document_pdf

        seeds["pdf"] = (3, document_pdf(doc))
    except ImportError:
        pass
    for label, (reader, payload) in seeds.items():
        (folder / f"seed_{label}").write_bytes(bytes([reader]) + payload)


if __name__ == "__main__":
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None and not corpus.is_file() and not any(corpus.glob("seed_*")):
        write_seeds(corpus)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
