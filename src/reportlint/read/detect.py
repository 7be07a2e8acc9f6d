"""Decide which reader handles a file: by its first bytes first, its extension second."""

from __future__ import annotations

from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps, and encrypted OOXML
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"

TEXT_EXTS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTS = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_EXTS = {".docx", ".docm"}
LEGACY_EXTS = {".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot"}
PDF_EXTS = {".pdf"}
CHECKABLE_EXTS = TEXT_EXTS | HTML_EXTS | DOCX_EXTS | PDF_EXTS | LEGACY_EXTS


def sniff(path: Path, head: bytes) -> str:
    """Return one of docx, text, html, pdf, legacy, unknown."""
    ext = path.suffix.lower()
    if head.startswith(OLE_MAGIC) or head.startswith(RTF_MAGIC):
        return "legacy"
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx" if ext not in {".odt", ".wps"} else "legacy"
    if ext in DOCX_EXTS:
        return "docx"  # not a zip: the DOCX reader explains that it is damaged
    if ext in LEGACY_EXTS:
        return "legacy"
    if ext in PDF_EXTS:
        return "pdf"
    if ext in HTML_EXTS:
        return "html"
    lowered = head[:512].lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return "html"
    if ext in TEXT_EXTS or ext == "":
        return "text"
    return "unknown"
