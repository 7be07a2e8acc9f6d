"""The document's paragraphs as one folded string, with a way back to locations.

Section headings, periods and text tables are found by searching this string; every
offset maps back to the paragraph (or line) it came from and to the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reportlint.model import Document, Location, Paragraph, Table
from reportlint.normalize import Folded, fold, is_traditional


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class FlatText:
    text: str
    starts: list[int]  # offset of each paragraph in `text`
    folded: list[Folded]
    paragraphs: list[Paragraph]
    block_offsets: list[int]  # offset of each document block (tables: where they stand)
    traditional: bool
    char_columns: bool = True  # text files: a column within the line means something

    def para_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def locate(self, pos: int) -> Location:
        if not self.paragraphs:
            return Location()
        i = self.para_index(pos)
        para = self.paragraphs[i]
        if para.loc.line is not None and self.char_columns:
            column = self.folded[i].orig_pos(max(0, pos - self.starts[i])) + 1
            return para.loc.with_(column=column)
        return para.loc

    def quote(self, start: int, end: int, limit: int = 60) -> str:
        """The original text for a folded span, within one paragraph, shortened for messages."""
        i = self.para_index(start)
        base = self.starts[i]
        end = min(end, base + len(self.folded[i].text))
        return shorten(self.folded[i].orig_span(start - base, end - base), limit)

    def original(self, start: int, end: int) -> str:
        """The original text for a folded span, whole: what a comparison needs, not a message.
        A span across paragraphs (a heading's number on one line, its title on the next) keeps
        each paragraph's part, joined by a line break."""
        parts: list[str] = []
        for i in range(self.para_index(start), len(self.folded)):
            base = self.starts[i]
            if base >= end and parts:
                break
            low, high = max(start, base) - base, min(end, base + len(self.folded[i].text)) - base
            if high > low:
                parts.append(self.folded[i].orig_span(low, high))
        return "\n".join(parts)

    def para_end(self, pos: int) -> int:
        i = self.para_index(pos)
        return self.starts[i] + len(self.folded[i].text)


def shorten(text: str, limit: int = 60) -> str:
    """A quote for a message: stripped, and cut to `limit` characters with “…”."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flatten(doc: Document) -> FlatText:
    paragraphs: list[Paragraph] = []
    first_paragraph: list[int] = []  # per block: the index its paragraphs start at
    for block in doc.blocks:
        first_paragraph.append(len(paragraphs))
        paragraphs.extend(_paragraphs_of(block))
    traditional = is_traditional([p.text for p in paragraphs] + [c.text for t in doc.tables[:10] for c in t.cells[:300]])
    folded = [fold(p.text, traditional) for p in paragraphs]
    starts: list[int] = []
    pos = 0
    for f in folded:
        starts.append(pos)
        pos += len(f.text) + 1
    block_offsets = [starts[i] if i < len(starts) else pos for i in first_paragraph]
    text = "\n".join(f.text for f in folded)
    return FlatText(text, starts, folded, paragraphs, block_offsets, traditional, doc.format == "text")


def _paragraphs_of(block: Paragraph | Table) -> list[Paragraph]:
    """A paragraph is prose; so is a table of one column: a framed paragraph or a boxed
    sub-section (the intro with the statistics period, say), never one of the mandated tables."""
    if isinstance(block, Paragraph):
        return [block]
    if block.n_cols != 1:
        return []
    cells = sorted((c for c in block.cells if c.text.strip()), key=lambda c: c.row)
    return [Paragraph(c.text, block.loc.with_(table=None)) for c in cells]
