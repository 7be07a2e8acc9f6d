"""`reportlint extract`: the three tables as data, keyed by the pack's ids."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlint.errors import UsageError
from reportlint.locate import Report, build_report
from reportlint.model import Document
from reportlint.output.safe import csv_row
from reportlint.read import ReadError, read_path


def extract_path(path: str) -> dict[str, Any]:
    try:
        doc = read_path(Path(path))
    except ReadError as err:
        raise UsageError(f"{path}: {err.en}") from None
    return extract_document(doc)


def extract_document(doc: Document) -> dict[str, Any]:
    return tables_data(build_report(doc))


def tables_data(report: Report) -> dict[str, Any]:
    """{table id: {row id: {column id: value}}}; a table not found is null."""
    out: dict[str, Any] = {}
    for tid, tdef in report.layout_pack.tables.items():
        table = report.tables.get(tid)
        if table is None:
            out[tid] = None
        elif tdef.layout == "single_row":
            out[tid] = {row.id: values for row, values in zip(tdef.rows, table.as_data().values(), strict=True)}
        else:
            out[tid] = table.as_data()
    return out


def to_csv(data: dict[str, Any]) -> str:
    """Long format, one value a record; cells through the one neutralising step (`csv_row`)."""
    import csv  # only `extract -f csv` needs it; a check imports this module for tables_data

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_row(["table", "row", "column", "value"]))
    for tid, rows in data.items():
        for row_id, cols in (rows or {}).items():
            for col_id, value in cols.items():
                writer.writerow(csv_row([tid, row_id, col_id, value]))
    return buffer.getvalue()


def to_xlsx(data: dict[str, Any]) -> bytes:
    """The three tables in the official layout, one sheet each (a table not found says so)."""
    from reportlint.output.tables_xlsx import add_table_sheets
    from reportlint.output.xlsx import saved, workbook

    book = workbook()
    add_table_sheets(book, data)
    return saved(book)
