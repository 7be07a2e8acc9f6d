"""The supervising office's CSV export: one row per finding. Its other exports are XLSX
(`output.xlsx`) and the HTML report (`output.html`); the rows all three share are built in
`output.rows`, in the writer's language (`--lang`), Chinese by default.

Report text is hostile until shown otherwise (see `safe`): every CSV and XLSX cell goes
through the one neutralising step, names show hidden characters, and the HTML page escapes
everything and carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from reportlint.model import FileResult
from reportlint.output.rows import FINDING_HEADERS, finding_rows, lang_of
from reportlint.output.safe import csv_row


def render_csv(results: list[FileResult], options: Any) -> str:
    lang = lang_of(options)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(FINDING_HEADERS[lang]))
    writer.writerows(csv_row(row) for row in finding_rows(results, lang))
    return buffer.getvalue()
