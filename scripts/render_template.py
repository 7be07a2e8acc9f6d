"""Render page 1 of `reportlint template` to docs/template-page1.png (LibreOffice, then pypdfium2).

Run from the repo root after changing the template: python scripts/render_template.py
Needs LibreOffice (`soffice`) on PATH and the test extra (pdfplumber brings pypdfium2).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber

from reportlint.template import blank_template

DOCS = Path(__file__).resolve().parent.parent / "docs"
YEAR = 2025  # fixed, so the picture does not change with the calendar


def render_pdf(docx_data: bytes, folder: Path) -> Path:
    """The DOCX printed to PDF by LibreOffice, as a writer's office would print it."""
    source = folder / "template.docx"
    source.write_bytes(docx_data)
    profile = (folder / "profile").as_uri()  # a private profile: no clash with a running LibreOffice
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / "template.pdf"


def main() -> int:
    if shutil.which("soffice") is None:
        sys.stderr.write("render_template: LibreOffice (soffice) is not on PATH\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pdf_path = render_pdf(blank_template(YEAR), Path(tmp))
        with pdfplumber.open(pdf_path) as pdf:
            pdf.pages[0].to_image(resolution=72).save(DOCS / "template-page1.png")
            print(f"wrote docs/template-page1.png (page 1 of {len(pdf.pages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
