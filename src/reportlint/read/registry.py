"""The input formats: one line each. Everything that depends on which formats exist derives
from `READERS`: `detect.sniff`, the folder scan (`checkable_extensions`), the F002 text for an
unknown type (`supported_extensions`), and `read_bytes`'s choice of reader.

A new input format is one module with a reader `(data, path, limits) -> Document` that raises
only `ReadError`, plus one `InputFormat` line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from reportlint.model import Document
from reportlint.read.errors import Limits

Reader = Callable[[bytes, str, Limits], Document]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps, and encrypted OOXML
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"


class Magic(NamedTuple):
    """First bytes that name a format; with `extensions`, only for files so named (an .odt is
    a zip too, but not a DOCX)."""

    prefix: bytes
    extensions: tuple[str, ...] = ()

    def matches(self, head: bytes, ext: str) -> bool:
        return head.startswith(self.prefix) and (not self.extensions or ext in self.extensions)


class InputFormat(NamedTuple):
    name: str  # Document.format, and what `sniff` returns
    extensions: tuple[str, ...]  # lower case, with the dot; the folder scan takes these
    reader: str  # "module:function", imported only when a file of this format is read
    magic: tuple[Magic, ...] = ()  # first bytes beat the extension
    looks_like: Callable[[bytes], bool] | None = None  # a content test, when neither magic nor extension decides
    fallback: bool = False  # the plain format: takes files without an extension; a content test beats it
    readable: bool = True  # False: known only to say what to do instead (the reader raises F002 advice)
    convertible: bool = False  # --convert turns it into DOCX through LibreOffice first
    extra: str | None = None  # the pip extra its reader needs: pip install 'reportlint[extra]'
    shown: tuple[str, ...] = ()  # the extensions named in messages; default: the first

    def load(self) -> Reader:
        module, _, function = self.reader.partition(":")
        read: Reader = getattr(importlib.import_module(module), function)
        return read

    @property
    def advertised(self) -> tuple[str, ...]:
        return self.shown or self.extensions[:1]


def _looks_like_html(head: bytes) -> bool:
    lowered = head[:512].lower()
    return b"<html" in lowered or b"<!doctype html" in lowered


# Order matters only for magic: the first format whose magic matches wins.
READERS: tuple[InputFormat, ...] = (
    InputFormat("legacy", (".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot"), "reportlint.read.legacy:refuse",
                magic=(Magic(OLE_MAGIC), Magic(RTF_MAGIC), Magic(ZIP_MAGIC, (".odt", ".wps"))),
                readable=False, convertible=True),
    InputFormat("docx", (".docx", ".docm"), "reportlint.read.docx:read_docx", magic=(Magic(ZIP_MAGIC),)),
    InputFormat("pdf", (".pdf",), "reportlint.read.pdf:read_pdf", magic=(Magic(PDF_MAGIC),), extra="pdf"),
    InputFormat("html", (".html", ".htm", ".shtml", ".xhtml"), "reportlint.read.html:read_html",
                looks_like=_looks_like_html),
    InputFormat("text", (".txt", ".md", ".markdown", ".text"), "reportlint.read.text:read_text",
                fallback=True, shown=(".txt", ".md")),
)


def find(name: str) -> InputFormat | None:
    return next((fmt for fmt in READERS if fmt.name == name), None)


def checkable_extensions() -> frozenset[str]:
    """What the folder scan takes: every known format, read or answered with advice."""
    return frozenset(ext for fmt in READERS for ext in fmt.extensions)


def supported_extensions() -> tuple[str, ...]:
    """The extensions named when a file's type is not supported: the formats we read."""
    return tuple(ext for fmt in READERS if fmt.readable for ext in fmt.advertised)


def install_hint(extra: str) -> str:
    return f"pip install 'reportlint[{extra}]'"
