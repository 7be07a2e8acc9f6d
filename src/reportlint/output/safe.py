"""Text from a report made harmless where it lands: Excel, a browser, CI, a terminal.

Reports come from units the office does not control. Their titles (the unit name), quoted
sentences and file names flow into every export, so each writer passes them through here:

- `shown`: invisible and control characters become visible escapes (`\\u202e`). A
  right-to-left override can make `报告\\u202excod.exe` read as `报告exe.docx`; a zero-width
  space makes two equal-looking names differ; an ANSI escape would drive the terminal; a
  control character is not allowed in XML (XLSX, DOCX, JUnit); a lone surrogate (a file
  name in a foreign encoding) cannot be written as UTF-8 at all. Shown, each is harmless
  and the office sees that something odd is there.
- `spreadsheet_cell` (with `csv_row` and `append_row`): the one neutralising step for every
  CSV and XLSX cell (OWASP "CSV injection"). Text starting with `=`, `+`, `-`, `@`, TAB or
  CR is a formula to Excel; in CSV it gets a leading `'`, in XLSX it is a string cell with
  Excel's quote prefix (never a formula). Numbers stay numbers; our own formulas, if we
  ever write any, are the only formulas.
- `dumps_json`: JSON keeps text exact (machines read it) but a lone surrogate is written as
  its `\\udcxx` escape, so the file is valid UTF-8 and `json.loads` gives the name back.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

# Characters a person cannot see or that a format cannot carry: control characters (Cc),
# format characters (Cf: bidirectional overrides and isolates, zero-width characters, the
# BOM, tag characters), lone surrogates (Cs), the line and paragraph separators (Zl, Zp)
# and the two non-characters XML forbids. tests/test_safe_exports.py checks the class
# against unicodedata, so a new Unicode version cannot slip a character past it.
_HIDDEN_RANGES = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
NAME_KEEPS = ""  # a file or unit name is one line: a newline or tab in it is shown too
TEXT_KEEPS = "\n\t"  # a message may run over lines


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str, keep: str = TEXT_KEEPS) -> str:
    """`text` with every invisible or control character (but those in `keep`) written as `\\uXXXX`."""
    return _HIDDEN.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def shown_name(name: str | None) -> str:
    """A file or unit name as a person should read it: nothing hidden, all on one line."""
    return shown(name or "", NAME_KEEPS)


def formula_like(text: str) -> bool:
    """True when Excel would read the text as a formula (a plain number is only a number)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def spreadsheet_cell(value: Any) -> int | float | str:
    """A cell's content: numbers stay numbers, None is empty, anything else is shown text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return shown("" if value is None else str(value))


def csv_row(values: list[Any]) -> list[int | float | str]:
    """One CSV record: a formula-like text gets the leading `'` OWASP recommends."""
    out: list[int | float | str] = []
    for value in map(spreadsheet_cell, values):
        out.append("'" + value if isinstance(value, str) and formula_like(value) else value)
    return out


def append_row(sheet: Any, values: list[Any]) -> None:
    """Append one row to an openpyxl sheet; every text cell is a string, never a formula."""
    sheet.append([spreadsheet_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl makes any text starting with `=` a formula
            if formula_like(cell.value):
                cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell


def writable(text: str) -> str:
    """`text` exact but for lone surrogates (which UTF-8 cannot hold), shown as `\\udcxx`."""
    return _SURROGATE.sub(lambda m: _escape(m.group()), text)


def dumps_json(data: Any) -> str:
    """Readable JSON with text exact; a lone surrogate as its JSON escape, so the file is
    UTF-8 and `json.loads` gives the original string back."""
    return writable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
