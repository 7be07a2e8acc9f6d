"""Build a report in the official layout as DOCX (python-docx), with the template's merged cells.

Used by `reportlint template`, by scripts/make_examples.py and by the tests, so that
fixtures look like what writers really produce: merged header cells, a vertically
merged 三、本年度办理结果 label, 15-column table 四.
"""

from __future__ import annotations

import io
from typing import Any

from reportlint.official_tables import TableCells, official_cells
from reportlint.pack import DEFAULT_PACK, TableDef, load_pack

Tables = dict[str, dict[str, dict[str, Any]]]
# A column header too long for its narrow column, broken where a reader would break it.
LINE_BREAKS = {"法律服务机构": "法律服务\n机构"}


def sample_tables() -> Tables:
    """A consistent set of values: every relation of the 2021 format holds."""
    cols = ["natural_person", "commercial", "research", "nonprofit", "legal_services", "other_org"]

    def row(*values: int) -> dict[str, int]:
        out = dict(zip(cols, values, strict=True))
        out["total"] = sum(values)
        return out

    results = {
        "disclosed": row(30, 4, 0, 0, 1, 0), "partial": row(5, 1, 0, 0, 0, 0),
        "withheld_1": row(0, 0, 0, 0, 0, 0), "withheld_2": row(0, 0, 0, 0, 0, 0), "withheld_3": row(1, 0, 0, 0, 0, 0),
        "withheld_4": row(0, 0, 0, 0, 0, 0), "withheld_5": row(2, 0, 0, 0, 0, 0), "withheld_6": row(1, 0, 0, 0, 0, 0),
        "withheld_7": row(0, 0, 0, 0, 0, 0), "withheld_8": row(0, 0, 0, 0, 0, 0),
        "unavailable_1": row(12, 2, 0, 0, 0, 1), "unavailable_2": row(3, 0, 0, 0, 0, 0), "unavailable_3": row(1, 0, 0, 0, 0, 0),
        "not_processed_1": row(2, 0, 0, 0, 0, 0), "not_processed_2": row(1, 0, 0, 0, 0, 0), "not_processed_3": row(0, 0, 0, 0, 0, 0),
        "not_processed_4": row(0, 0, 0, 0, 0, 0), "not_processed_5": row(0, 0, 0, 0, 0, 0),
        "other_1": row(2, 0, 0, 0, 0, 0), "other_2": row(0, 0, 0, 0, 0, 0), "other_3": row(1, 0, 0, 0, 0, 0),
    }
    total = {c: sum(r[c] for r in results.values()) for c in [*cols, "total"]}
    applications = {
        "new": row(60, 6, 0, 0, 1, 1),
        "carried_over": row(4, 1, 0, 0, 0, 0),
        **results,
        "results_total": total,
        "carried_forward": {},
    }
    applications["carried_forward"] = {
        c: applications["new"][c] + applications["carried_over"][c] - total[c] for c in [*cols, "total"]
    }
    return {
        "disclosure": {
            "regulations": {"issued": 1, "repealed": 0, "in_force": 12},
            "normative_documents": {"issued": 8, "repealed": 3, "in_force": 65},
            "licensing": {"decisions": 2293}, "punishment": {"decisions": 128}, "enforcement": {"decisions": 42},
            "fees": {"fee_amount": "25.3"},
        },
        "applications": applications,
        "reviews": {
            "reconsideration": {"upheld": 1, "corrected": 0, "other": 2, "pending": 0, "total": 3},
            "litigation_direct": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
            "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        },
    }


# What each section should say, as the 2021 format asks. Each starts with 此处填写, which the
# checker reports as one C603 per section until the writer replaces it (no digits, so no N501).
GUIDANCE = {
    "一": "此处填写：本年度政府信息公开工作的总体情况，可分主动公开、依申请公开、政府信息管理、"
          "政府信息公开平台建设、监督保障等方面叙述，写明主要做法和成效。",
    "二": "此处填写：按下表填写本年度主动公开政府信息情况，没有数据的填0；表格前后无须文字的，删除本段。",
    "三": "此处填写：按下表填写本年度收到和处理政府信息公开申请情况，没有数据的填0；"
          "每列须满足“本年新收加上年结转，等于办理结果总计加结转下年度继续办理”。",
    "四": "此处填写：按下表填写本年度因政府信息公开工作被申请行政复议、提起行政诉讼情况，没有数据的填0。",
    "五": "此处填写：（一）上年度存在问题的整改情况；（二）本年度存在的主要问题及下一步改进措施。",
    "六": "此处填写：本年度收取信息处理费的情况（未收取的，写明“本年度未收取信息处理费”），"
          "落实年度政务公开工作要点的情况，以及其他需要报告的事项。",
}


def blank_template(year: int, unit: str = "（单位名称）") -> bytes:
    """The DOCX `reportlint template` writes: the 公文 page, guidance in every section, empty tables."""
    from reportlint.template_layout import with_fallback_fonts

    buffer = io.BytesIO()
    build_docx(year, unit, tables=None, sections=GUIDANCE).save(buffer)
    return with_fallback_fonts(buffer.getvalue())


def sample_sections(year: int) -> dict[str, str]:
    apps = sample_tables()["applications"]
    new, carried, done, forward = (apps[r]["total"] for r in ("new", "carried_over", "results_total", "carried_forward"))
    return {
        "一": f"{year}年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息1200余条。",
        "二": "",
        "三": f"本年度共收到政府信息公开申请{new}件，上年结转{carried}件，办结{done}件，结转下年度继续办理{forward}件。",
        "四": "本年度因政府信息公开被申请行政复议3件，提起行政诉讼4件。",
        "五": f"（一）上年度问题整改情况：针对{year - 1}年政策解读形式单一的问题，已增加图解解读。"
        f"（二）存在的问题及下一步打算：依申请公开答复质量有待提升，下一步将加强培训。",
        "六": f"本年度未收取信息处理费。{year}年政务公开工作要点已全部落实。",
    }


def build_docx(
    year: int = 2024,
    unit: str = "某某区人民政府办公室",
    tables: Tables | None = None,
    sections: dict[str, str] | None = None,
    period: str | None = None,
) -> Any:
    """A python-docx Document. `tables=None` leaves value cells empty (a blank template)."""
    import docx

    from reportlint.template_layout import apply_page, dress_table

    pack = load_pack(DEFAULT_PACK)
    document = docx.Document()
    apply_page(document)
    document.add_paragraph(f"{unit}{year}年政府信息公开工作年度报告", style="Title")
    stated = period if period is not None else f"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。"
    document.add_paragraph(f"根据《中华人民共和国政府信息公开条例》第五十条规定，编制本报告。{stated}")
    texts = sections if sections is not None else sample_sections(year)
    tables_of: dict[str, TableDef] = {}
    for tdef in pack.tables.values():
        tables_of.setdefault(tdef.section, tdef)  # a section's first table
    for section in pack.sections:
        if section.id not in texts:
            continue
        document.add_heading(f"{section.id}、{section.title}", level=1)
        if texts[section.id]:
            document.add_paragraph(texts[section.id])
        if section.id in tables_of:
            tdef = tables_of[section.id]
            cells = official_cells(tdef, (tables or {}).get(tdef.id, {}))
            _add_table(document, cells)
            dress_table(document, tdef.id, cells.left_aligned())
    return document


def _add_table(document: Any, table: TableCells) -> None:
    """The cells as a DOCX table: each merged once, a value written only where one was given.
    python-docx's table.cell() walks the whole table on every call (half the build time of
    every DOCX fixture), so the cells are listed once; merges never overlap, so a listed cell
    stays valid until its own merge."""
    added = document.add_table(rows=table.n_rows, cols=table.n_cols)
    added.style = "Table Grid"
    grid = [list(row.cells) for row in added.rows]
    for cell in table.cells:
        target = grid[cell.row][cell.col]
        if cell.rows > 1 or cell.cols > 1:
            target = target.merge(grid[cell.row + cell.rows - 1][cell.col + cell.cols - 1])
        if cell.text is not None and cell.text != "":
            text = str(cell.text)
            target.text = LINE_BREAKS.get(text, text) if cell.kind == "header" else text
