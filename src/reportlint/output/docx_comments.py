"""`--format docx`: the writer's own DOCX back, with each finding as a Word comment where the
problem is (the wrong cell, the paragraph, the heading a missing section belongs before).
The input is only read; the annotated copy goes to `--output` (a folder for several files).

The comment says the message in plain words with the rule code at the end. Comments this
tool wrote before (author `reportlint`) are removed first, so annotating an annotated copy
again replaces them; the writer's own comments stay.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from reportlint.messages import say
from reportlint.model import FileResult, Finding
from reportlint.output.docx_anchor import anchor
from reportlint.output.safe import shown
from reportlint.read.docx import body_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
AUTHOR, INITIALS = "reportlint", "RL"
# Word 2013+ keeps per-comment records keyed by the comment paragraph's w14:paraId.
_COMMENT_EXTRAS = ("word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml")


def render_docx(results: list[FileResult], options: Any) -> bytes:
    if len(results) != 1 or results[0].format != "docx" or results[0].unreadable:
        raise RuntimeError(say("docx-needs-one", options.lang))
    return annotate(results[0], options.lang)


def write_annotated(results: list[FileResult], folder: Path, lang: str) -> tuple[list[Path], list[str]]:
    """One annotated copy per readable DOCX, under its own name in `folder`; the paths written,
    and the inputs that got no copy (not a DOCX, unreadable)."""
    from reportlint.files import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    skipped: list[str] = []
    for result in results:
        if result.format != "docx" or result.unreadable:
            skipped.append(result.path)
            continue
        target = _free_name(folder / Path(result.path).name, written)
        if target.exists() and os.path.samefile(target, result.path):
            raise RuntimeError(say("docx-same-file", lang, path=result.path))
        write_atomic(target, annotate(result, lang))
        written.append(target)
    return written, skipped


def _free_name(target: Path, taken: list[Path]) -> Path:
    """Two inputs of the same name (from two folders) get `name-2.docx`, … instead of one copy."""
    n = 1
    candidate = target
    while candidate in taken:
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return candidate


def annotate(result: FileResult, lang: str) -> bytes:
    import docx

    with open(result.path, "rb") as fh:  # read-only: the input is never written
        original = fh.read()
    document = docx.Document(io.BytesIO(without_own_comments(original)))
    blocks = list(body_blocks(document.element.body))
    paragraphs = [b for b in blocks if b.tag == f"{W}p"]
    tables = [b for b in blocks if b.tag == f"{W}tbl"]
    # Only a missing section's comment needs the headings; finding them reads the report again.
    missing_section = any(f.code == "S101" and f.location.section for f in result.findings)
    heads = _section_heads(original, result.path) if missing_section else {}
    for finding in result.findings:
        element = anchor(finding, paragraphs, tables, heads)
        document.add_comment(_runs(element, document), text=comment_text(finding, lang), author=AUTHOR,
                             initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def comment_text(finding: Finding, lang: str) -> str:
    """The message as the writer reads it, the code last for looking the rule up."""
    # shown: a control character quoted from the report is not allowed in the comment's XML
    message = shown(finding.message)
    return f"{message}（{finding.code}）" if lang == "zh" else f"{message} ({finding.code})"


def _section_heads(data: bytes, path: str) -> dict[str, int | None]:
    """Each section of the report's pack, in the pack's order → the paragraph number of its
    heading (None: not in the report), to place a missing section's comment."""
    from reportlint.locate import build_report
    from reportlint.read import read_bytes

    try:
        report = build_report(read_bytes(data, Path(path)))
    except Exception:  # the check already read this file; a second failure only costs the placement
        return {}
    found = {h.section.id: report.flat.locate(h.start).paragraph for h in report.layout.headings}
    return {section.id: found.get(section.id) for section in report.pack.sections}


def _runs(element: Any, document: Any) -> Any:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element if element is not None else document.add_paragraph()._p, document._body)
    runs = [r for r in paragraph.runs if r.text]
    return runs or paragraph.add_run("")  # an empty paragraph still takes a comment


def without_own_comments(data: bytes) -> bytes:
    """The DOCX without the comments this tool wrote: their text, their ranges and references."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        if "word/comments.xml" not in names:
            return data
        comments = etree.fromstring(source.read("word/comments.xml"))
        own = [c for c in comments.findall(f"{W}comment") if c.get(f"{W}author") == AUTHOR]
        if not own:
            return data
        ids = {c.get(f"{W}id") for c in own}
        para_ids = {p.get(f"{W14}paraId") for c in own for p in c.iter(f"{W}p")} - {None}
        for comment in own:
            comments.remove(comment)
        changed = {"word/comments.xml": _xml(comments),
                   "word/document.xml": _xml(_drop_marks(etree.fromstring(source.read("word/document.xml")), ids))}
        keys = set(para_ids)  # commentsIds maps paraId → durableId, which commentsExtensible uses
        for name in _COMMENT_EXTRAS:
            if name in names:
                changed[name] = _xml(_drop_records(etree.fromstring(source.read(name)), keys))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, changed.get(item.filename, source.read(item.filename)))
    return out.getvalue()


def _drop_marks(body: Any, ids: set[str | None]) -> Any:
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for mark in list(body.iter(f"{W}{tag}")):
            if mark.get(f"{W}id") not in ids:
                continue
            parent = mark.getparent()
            parent.remove(mark)
            if parent.tag == f"{W}r" and all(child.tag == f"{W}rPr" for child in parent):
                parent.getparent().remove(parent)  # the run held only the reference mark
    return body


def _drop_records(root: Any, keys: set[str]) -> Any:
    """commentsExtended/Ids/Extensible entries of a removed comment (by paraId or durableId);
    the durableIds of the records dropped join `keys` for the next part."""
    for record in list(root):
        ids = {k.rsplit("}", 1)[-1]: v for k, v in record.attrib.items()}
        if ids.get("paraId") in keys or ids.get("durableId") in keys:
            keys.update(v for k, v in ids.items() if k == "durableId")
            root.remove(record)
    return root


def _xml(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
