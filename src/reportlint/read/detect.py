"""Decide which reader handles a file: by its first bytes first, its extension second, then
by a content test; the formats and their marks are the lines of `registry.READERS`."""

from __future__ import annotations

from pathlib import Path

from reportlint.read import registry


def sniff(path: Path, head: bytes) -> str:
    """The name of the format in `registry.READERS` that takes the file, or "unknown"."""
    ext = path.suffix.lower()
    formats = registry.READERS
    for fmt in formats:
        if any(magic.matches(head, ext) for magic in fmt.magic):
            return fmt.name
    for fmt in formats:
        if ext in fmt.extensions and not fmt.fallback:
            return fmt.name  # a DOCX that is not a zip: its reader explains that it is damaged
    for fmt in formats:
        if fmt.looks_like is not None and fmt.looks_like(head):
            return fmt.name
    for fmt in formats:
        if fmt.fallback and (ext in fmt.extensions or ext == ""):
            return fmt.name
    return "unknown"
