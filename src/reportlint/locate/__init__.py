"""locate: Document + rule pack → Report (title, year, sections, period, tables).

Pure functions of their inputs: tests build a Document in a few lines and call
`build_report` without touching a file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import Any

from reportlint.locate.canonical import CanonicalTable, resolve
from reportlint.locate.flat import FlatText, flatten
from reportlint.locate.labels import LabelHit, compile_labels
from reportlint.locate.period import Period, find_period
from reportlint.locate.sections import SectionLayout, find_sections
from reportlint.locate.tables import RawTable, find_text_table, read_grid, table_score
from reportlint.locate.title import Title, find_title
from reportlint.locate.unit import find_issuer
from reportlint.model import Block, Document, Location, Table
from reportlint.normalize import fold, needs_conversion, to_simplified
from reportlint.pack import Pack, Packs, run_packs
from reportlint.relations import rule_equations

_GRID_MIN_SCORE = 3


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class Report:
    doc: Document
    flat: FlatText
    pack: Pack  # chosen by the report year: its rules run
    layout_pack: Pack  # whose table layout the document actually uses
    title: Title | None
    year: int | None
    layout: SectionLayout
    period: Period | None
    tables: dict[str, CanonicalTable] = field(default_factory=dict)
    foreign_marker: str | None = None  # a marker of another format's layout, as written
    images: dict[str, Location] = field(default_factory=dict)
    unit: str | None = None  # as written: from the title, else the first sentences or metadata
    facts: dict[str, Any] = field(default_factory=dict)  # what rules derive and share (checks.base.shared)

    def section_of(self, pos: int) -> str | None:
        starts = [h.start for h in self.layout.headings]
        i = bisect.bisect_right(starts, pos) - 1
        return self.layout.headings[i].section.id if i >= 0 else None

    def span(self, section_id: str) -> tuple[int, int] | None:
        """Body of a section: from the end of its heading to the next heading."""
        heads = self.layout.headings
        for i, head in enumerate(heads):
            if head.section.id == section_id:
                end = heads[i + 1].start if i + 1 < len(heads) else len(self.flat.text)
                return head.end, end
        return None

    def loc(self, pos: int) -> Location:
        return self.flat.locate(pos).with_(section=self.section_of(pos))


def build_report(doc: Document, packs: Packs | None = None) -> Report:
    """`packs`: the run's packs (a user's pack in place of a shipped one); the shipped ones
    by default. The report year chooses the rules pack, the tables' wording the layout pack."""
    packs = packs or run_packs()
    flat = flatten(doc)
    default = packs.default
    title = find_title(flat, default, doc)
    issuer = find_issuer(flat, default, title)
    period = find_period(flat, default)
    year = issuer.year or (period.start_year if period else None)
    pack = packs.for_year(year)
    tables_doc = _simplified_tables(doc) if flat.traditional else doc  # converted once, used twice
    cells = {i: "\n".join(c.text for c in b.cells) for i, b in enumerate(tables_doc.blocks) if isinstance(b, Table)}
    table_texts = {i: fold(text).text for i, text in cells.items()}  # each table folded as its script says
    layout_pack, foreign = _layout_pack([flat.text, *_marker_texts(cells, table_texts)], pack, packs)
    report = Report(doc, flat, pack, layout_pack, title, year, find_sections(flat, pack), period)
    report.foreign_marker = foreign
    report.unit = issuer.unit
    _locate_tables(report, tables_doc, table_texts)
    return report


def _simplified_tables(doc: Document) -> Document:
    """Table cells in Simplified script, so labels written 總計 or 行政強制 match the pack."""
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            cells = [replace(c, text=to_simplified(c.text)) for c in block.cells]
            block = Table(cells, block.n_rows, block.n_cols, block.loc)
        blocks.append(block)
    return Document(doc.path, doc.format, blocks)


def _marker_texts(cells: dict[int, str], table_texts: dict[int, str]) -> list[str]:
    """Each table's text as the layout markers are looked for in it: one Traditional hint in any
    table has all of them converted (a table's own score text decides for itself)."""
    if not any(needs_conversion(text) for text in cells.values()):
        return list(table_texts.values())
    return [fold(text, True).text for text in cells.values()]


def _layout_pack(texts: list[str], pack: Pack, packs: Packs) -> tuple[Pack, str | None]:
    """The pack whose table layout the document uses; a foreign one means an old template.
    `texts`: the prose, then each table's cells (folded); markers are looked for in that order."""
    if not pack.markers or _first_marker(texts, pack.markers):
        return pack, None
    for other in packs.all():
        if other.id == pack.id or not other.markers:
            continue
        m = _first_marker(texts, other.markers)
        if m:
            return other, m.group(0)
    return pack, None


def _first_marker(texts: list[str], markers: tuple[str, ...]) -> LabelHit | None:
    labels = compile_labels(markers)
    return next((m for text in texts if (m := labels.search(text)) is not None), None)


def _locate_tables(report: Report, doc: Document, table_texts: dict[int, str]) -> None:
    flat, pack = report.flat, report.layout_pack
    grids = _assign_grids(doc, pack, table_texts)
    for tid, tdef in pack.tables.items():
        eqs = [e for r in report.pack.rules.values() if r.kind == "relation" and r.params.get("table") == tid
               for e in rule_equations(report.pack, r, tdef)]
        raws: list[RawTable] = []
        inherited = None
        for index, table in grids.get(tid, []):
            raw = read_grid(table, tdef, inherited)
            raw.loc = raw.loc.with_(section=report.section_of(max(0, flat.block_offsets[index] - 1)))
            inherited = raw.value_cols or inherited
            if raw.rows:
                raws.append(raw)
        if not raws:
            span = report.span(tdef.section)
            start, end = span if span else (0, len(flat.text))
            text_table = find_text_table(flat, tdef, start, end)
            if text_table is not None:
                text_table.loc = text_table.loc.with_(section=report.section_of(start))
                raws.append(text_table)
        for raw in raws:
            for row in raw.rows:
                row.loc = row.loc.with_(section=raw.loc.section, row=row.loc.row or row.label)
        if raws:
            report.tables[tid] = resolve(raws, eqs)
        else:
            _note_image(report, tdef.section)


def _assign_grids(doc: Document, pack: Pack, table_texts: dict[int, str]) -> dict[str, list[tuple[int, Table]]]:
    """Each physical table (by its block index; `table_texts` holds its folded cells) goes to
    the canonical table it resembles most."""
    out: dict[str, list[tuple[int, Table]]] = {}
    for index, text in table_texts.items():
        block = doc.blocks[index]
        assert isinstance(block, Table)
        scores = {tid: table_score(text, tdef) for tid, tdef in pack.tables.items()}
        best = max(scores, key=lambda t: scores[t]) if scores else None
        if best is not None and scores[best] >= _GRID_MIN_SCORE:
            out.setdefault(best, []).append((index, block))
        elif best is not None and out.get(best) and scores[best] > 0:
            out[best].append((index, block))  # continuation of a table split by a page break
    return out


def _note_image(report: Report, section_id: str) -> None:
    span = report.span(section_id)
    if span is None:
        return
    for index, para in enumerate(report.flat.paragraphs):
        if para.has_image and span[0] <= report.flat.starts[index] < span[1]:
            report.images[section_id] = para.loc.with_(section=section_id)
            return
