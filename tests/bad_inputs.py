"""Generate the bad-input corpus: files a supervising office really receives, and worse.

Run `python tests/bad_inputs.py OUTDIR` to write it; the tests call `generate()` into a
temporary folder, so the repository stays small. `EXPECTED` is the contract: the code of
the one finding (or "checked": read normally, no F-code) and the exit code.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import docx_bytes, report_text  # noqa: E402

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# name → (codes allowed for the single finding, or "checked"; exit code)
EXPECTED: dict[str, tuple[frozenset[str] | str, int]] = {
    "truncated.docx": (frozenset({"F001"}), 2),
    "truncated.pdf": (frozenset({"F001"}), 2),
    "encrypted.docx": (frozenset({"F002"}), 2),
    "encrypted.pdf": (frozenset({"F001"}), 2),
    "legacy.doc": (frozenset({"F002"}), 2),
    "legacy.wps": (frozenset({"F002"}), 2),
    "legacy.rtf": (frozenset({"F002"}), 2),
    "zip_bomb.docx": (frozenset({"F001"}), 2),
    "billion_laughs.docx": (frozenset({"F001"}), 2),
    "external_entity.docx": (frozenset({"F001"}), 2),
    "billion_laughs.html": (frozenset({"F003"}), 1),  # read safely: just not a report
    "nested_tables.docx": (frozenset({"F001"}), 2),
    "nested_tables.html": (frozenset({"F001"}), 2),
    "deep_xml.docx": (frozenset({"F001"}), 2),
    "no_document_xml.docx": (frozenset({"F001"}), 2),
    "giant_line.txt": (frozenset({"F001"}), 2),
    "sixty_mb.txt": (frozenset({"F001"}), 2),
    "garbage.txt": (frozenset({"F001"}), 2),
    "garbage.docx": (frozenset({"F001"}), 2),
    "garbage.pdf": (frozenset({"F001"}), 2),
    "garbage.html": (frozenset({"F001"}), 2),
    "image_only.pdf": (frozenset({"F002"}), 2),
    "broken_page_tree.pdf": (frozenset({"F001"}), 2),
    "many_pages.pdf": (frozenset({"F001"}), 2),
    "huge_body.docx": (frozenset({"F001"}), 2),
    "many_paragraphs.docx": (frozenset({"F001"}), 2),
    "many_lines.txt": (frozenset({"F001"}), 2),
    "at_the_limits.docx": (frozenset({"F003"}), 1),  # just under every limit: read in full, in time
    "at_the_limits.txt": (frozenset({"F003"}), 1),
    "empty.txt": (frozenset({"F001"}), 2),
    "nul_bytes.txt": (frozenset({"F001"}), 2),
    "novel.txt": (frozenset({"F003"}), 1),
    "utf16.txt": ("checked", 0),
    "gbk.txt": ("checked", 0),
    "big5.txt": ("checked", 0),
}


def zip_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    # Level 1: the fastest deflate. The bodies here are megabytes of random hex or zeros, whose
    # ratios (2:1, 1000:1) are what the tests need and do not depend on the level.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def _document(body: str, prolog: str = "") -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    return zip_members({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml.encode()})


def _zip_bomb() -> bytes:
    """A 100 MB document.xml that deflates to about 100 KB, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w") as fh:
        fh.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
        chunk = b"0" * (1 << 20)
        for _ in range(100):
            fh.write(chunk)
        fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def _billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                                          for i in range(1, 10)]
    return "<!DOCTYPE lolz [" + "".join(entities) + "]>"


def _nested_tables_docx(depth: int = 60) -> bytes:
    body = ""
    for _ in range(depth):
        body = f"<w:tbl><w:tr><w:tc>{body}<w:p/></w:tc></w:tr></w:tbl>"
    return _document(body + "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>")


def _nested_tables_html(depth: int = 200) -> bytes:
    inner = "<p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"
    return ("<html><body>" + "<table><tr><td>" * depth + inner + "</td></tr></table>" * depth + "</body></html>").encode()


def _minimal_pdf(content: bytes, page_extra: bytes = b"", pages: int = 1) -> bytes:
    """A PDF by hand: `content` is every page's drawing stream (no fonts: no text)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R" + page_extra + b" >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _encrypted_pdf() -> bytes:
    try:
        from reportlab.pdfgen import canvas
    except ImportError:  # without reportlab: an encryption dictionary pdfminer cannot open
        return _minimal_pdf(b"0 0 m 10 10 l S").replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Unknown >>")
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt="secret")
    page.drawString(100, 700, "report")
    page.save()
    return buffer.getvalue()


def _builders() -> dict[str, Callable[[], bytes]]:
    rng = random.Random(20261129)
    garbage = bytes(rng.randrange(256) for _ in range(200_000))
    report = report_text()
    docx = docx_bytes()
    import opencc

    return {
        "truncated.docx": lambda: docx[: len(docx) // 2],
        "truncated.pdf": lambda: _minimal_pdf(b"0 0 m 100 100 l S" * 50)[:200],
        "encrypted.docx": lambda: OLE + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4000,
        "encrypted.pdf": _encrypted_pdf,
        "legacy.doc": lambda: OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 4000,
        "legacy.wps": lambda: OLE + b"\0" * 4600,
        "legacy.rtf": lambda: b"{\\rtf1\\ansi " + report.encode("unicode_escape") + b"}",
        "zip_bomb.docx": _zip_bomb,
        "billion_laughs.docx": lambda: _document("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", _billion_laughs()),
        "external_entity.docx": lambda: _document(
            "<w:p><w:r><w:t>&xxe;&net;</w:t></w:r></w:p>",
            '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://example.invalid/x">]>'),
        "billion_laughs.html": lambda: (_billion_laughs() + "<html><body><p>&lol9;</p></body></html>").encode(),
        "nested_tables.docx": _nested_tables_docx,
        "nested_tables.html": _nested_tables_html,
        "deep_xml.docx": lambda: _document("<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000),
        "no_document_xml.docx": lambda: zip_members({"[Content_Types].xml": b"<Types/>"}),
        "giant_line.txt": lambda: ("本年度" * 1_500_000).encode("utf-8"),
        "sixty_mb.txt": lambda: (report.encode("utf-8") * (60 * 1024 * 1024 // len(report.encode("utf-8")) + 1)),
        "garbage.txt": lambda: garbage,
        "garbage.docx": lambda: garbage,
        "garbage.pdf": lambda: b"%PDF-1.7\n" + garbage,
        "garbage.html": lambda: b"<html><body>" + garbage + b"</body></html>",
        "image_only.pdf": lambda: _minimal_pdf(b"q 0.5 g 50 50 400 600 re f Q"),
        # found by atheris: a page dictionary with a key and no value breaks pdfplumber's close()
        "broken_page_tree.pdf": lambda: _minimal_pdf(b"0 0 m 9 9 l S", page_extra=b" /Dangling"),
        "many_pages.pdf": lambda: _minimal_pdf(b"0 0 m 9 9 l S", pages=500),
        # a body too big to be a report that still deflates only 2:1, so no zip-bomb alarm rings
        "huge_body.docx": lambda: _document(f"<w:p><w:r><w:t>{rng.randbytes(9 * 1024 * 1024).hex()}</w:t></w:r></w:p>"),
        "many_paragraphs.docx": lambda: _document("".join(f"<w:p><w:r><w:t>{rng.randrange(10**9)}</w:t></w:r></w:p>"
                                                          for _ in range(30_000))),
        "many_lines.txt": lambda: "一、总体情况\n".encode() * 30_000,
        "at_the_limits.docx": lambda: _document("".join(f"<w:p><w:r><w:t>{rng.randbytes(380).hex()}</w:t></w:r></w:p>"
                                                        for _ in range(19_900))),
        "at_the_limits.txt": lambda: "\n".join(rng.randbytes(450).hex() for _ in range(19_900)).encode(),
        "empty.txt": lambda: b"",
        "nul_bytes.txt": lambda: report.encode("utf-8").replace("三、".encode(), b"\0\0\0"),
        "novel.txt": lambda: ("滚滚长江东逝水，浪花淘尽英雄。是非成败转头空，青山依旧在，几度夕阳红。\n" * 200).encode("utf-8"),
        "utf16.txt": lambda: report.encode("utf-16"),
        "gbk.txt": lambda: report.encode("gbk"),
        "big5.txt": lambda: opencc.OpenCC("s2tw").convert(report).encode("big5", errors="replace"),
    }


def generate(target: Path) -> dict[str, Path]:
    target.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, build in _builders().items():
        path = target / name
        path.write_bytes(build())
        out[name] = path
    assert set(out) == set(EXPECTED)
    return out


if __name__ == "__main__":
    written = generate(Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs"))
    print(f"wrote {len(written)} files")
