"""The document model every reader produces and every rule consumes.

A `Document` is a flat list of blocks in reading order. Readers end here: nothing
downstream knows whether a paragraph came from a DOCX, a text file or a web page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
_SECTION_RANK = {numeral: rank for rank, numeral in enumerate("一二三四五六", 1)}
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Location(NamedTuple):
    """Where something is. Absent parts are None (SPEC §5)."""

    section: str | None = None
    paragraph: int | None = None
    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: str | None = None
    column: str | int | None = None

    def with_(self, **changes: Any) -> Location:
        return self._replace(**changes)

    def cell(self, row: str | None, column: str | int | None) -> Location:
        """This place with a table cell's row and column labels (`with_` for the hot path:
        one per cell of every table)."""
        return Location(self.section, self.paragraph, self.line, self.page, self.table, row, column)

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


@dataclass
class Paragraph:
    text: str
    loc: Location
    style: str | None = None  # e.g. "Heading1", "Title"
    bold: bool = False
    has_image: bool = False


@dataclass
class Cell:
    text: str
    row: int  # 0-based grid row where the cell starts
    col: int  # 0-based grid column where the cell starts
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    """A physical table: each merged cell appears once, with its span."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    loc: Location

    def grid(self) -> list[list[Cell | None]]:
        """Row-major grid where every position points at the cell covering it."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if cell.rowspan == cell.colspan == 1 and cell.row < self.n_rows and cell.col < self.n_cols:
                grid[cell.row][cell.col] = cell  # most cells: no loops to set up
                continue
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return grid


Block = Paragraph | Table


@dataclass
class Document:
    path: str
    format: str  # "docx" | "text" | "html" | "pdf"
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    expected: str | None = None
    actual: str | None = None
    basis: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (
            loc.page or 0,
            loc.paragraph or loc.line or 0,
            loc.column if isinstance(loc.column, int) else 0,
            loc.table or 0,
            _SECTION_RANK.get(loc.section or "", 0),  # findings with no place (a missing 四, 五): by section
            self.code,
            str(loc.row or ""),
            str(loc.column or ""),
            self.message,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.as_dict(),
            "expected": self.expected,
            "actual": self.actual,
            "basis": self.basis,
        }


class Prior(NamedTuple):
    """What this year's check needs of last year's report (`--previous`)."""

    path: str
    unit: str | None
    year: int | None
    tables: dict[str, Any]  # the extract shape; a table not found is None
    text: str  # the report's folded text (paragraphs), for C605
    unit_key: str  # units.unit_key(unit), worked out once: every report of the batch is paired by it


@dataclass
class FileResult:
    path: str
    format: str | None
    unit: str | None = None
    year: int | None = None
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False
    tables: dict[str, Any] | None = None  # the extract shape, for `aggregate`; not in check's JSON
    layout: str | None = None  # id of the rule pack whose table layout the report uses
    rulepack: str | None = None  # id of the rule pack whose rules checked the report
    previous: str | None = None  # --previous: the path of last year's report paired with this one

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out
