"""Distinct, plausible reports for scripts/benchmark.py, built deterministically in memory.

A benchmark that checks the same three files again and again measures caches, not the
checker. Every document here differs from the others: another unit and year, other
statistics (scaled so the tables still add up, or with one cell off so the sums fail), a
longer or shorter narrative made of real sentences from the corpus, a section dropped or two
sections swapped. DOCX variants are edits of `examples/*.docx` made with lxml (python-docx
takes seconds per document); text variants are those documents typed out with tabs, or the
real crawler copies in /work/shared/corpus under another unit's name.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BASES = {"clean_2024.docx": "某某区人民政府办公室", "defects_2024.docx": "某某区XX局"}
PLACES = ("东城区", "西湖区", "鼓楼区", "南山区", "武侯区", "历下区", "天河区", "江北区", "雁塔区",
          "滨江县", "青田县", "龙泉市", "平潭县", "思明区", "岳麓区", "金水区")
OFFICES = ("人民政府办公室", "财政局", "教育局", "卫生健康委员会", "自然资源局", "市场监督管理局",
           "交通运输局", "生态环境局", "住房和城乡建设局", "民政局", "司法局")
TRADITIONAL_PLACES = ("江漢", "漢陽", "武昌", "青山", "洪山", "東西湖", "蔡甸", "江夏", "黃陂", "新洲")
STOCK_SENTENCES = (  # used when the corpus is not beside the repo (a CI clone)
    "严格执行政府信息审核发布制度，确保信息发布权威性、安全性。",
    "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "加强政府网站和政务新媒体管理，及时回应社会关切。",
    "建立健全登记、审核、办理、答复、归档全流程管理机制。",
)


def unit_name(i: int) -> str:
    return PLACES[i % len(PLACES)] + OFFICES[(i // len(PLACES)) % len(OFFICES)]


@cache
def corpus_sentences() -> tuple[str, ...]:
    """Narrative sentences of the real (Simplified) reports: no numbers, headings or periods,
    so that added prose lengthens a section without contradicting its tables."""
    found: list[str] = []
    for name in ("pingtan_2021.txt", "pingtan_2025.txt", "pingtan_2019_oldformat.txt"):
        path = CORPUS / name
        if not path.is_file():
            continue
        body = path.read_text(encoding="utf-8").split("正文", 1)[-1]
        for sentence in body.split("。"):
            sentence = sentence.strip()
            if 15 <= len(sentence) <= 160 and not re.search(
                    r"\d|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|表|统计期限|本报告|\s", sentence):
                found.append(sentence + "。")
    return tuple(found) or STOCK_SENTENCES


def _texts(root: etree._Element) -> Iterator[etree._Element]:
    return root.iter(f"{W}t")


def _paragraph(text: str) -> etree._Element:
    p = etree.Element(f"{W}p")
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = text
    return p


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in _texts(element))


def _rename(root: etree._Element, old_unit: str, unit: str, year: int) -> None:
    years = {"2024": str(year), "2023": str(year - 1)}
    for t in _texts(root):
        text = (t.text or "").replace(old_unit, unit)
        t.text = re.sub("2024|2023", lambda m: years[m.group()], text)


def _scale(text: str, factor: int) -> str:
    """A cell's number times `factor`; the sums of tables 三 and 四 are linear, so they still hold."""
    if re.fullmatch(r"\d+", text):
        return str(int(text) * factor)
    if re.fullmatch(r"\d+\.\d+", text):
        return str(Decimal(text) * factor)
    return text


def _restate(root: etree._Element, factor: int, rng: random.Random, off_by_one: bool) -> None:
    """Scale every table value and the counts the narrative repeats (`68件`); maybe put one
    cell of table 三 or 四 off by one, so that the arithmetic rules have something to find."""
    body = root.find(f"{W}body")
    assert body is not None
    for t in body.iterfind(f"{W}tbl//{W}t"):
        t.text = _scale(t.text or "", factor)
    for t in body.iterfind(f"{W}p//{W}t"):
        t.text = re.sub(r"(\d+)(?=件)", lambda m: str(int(m.group(1)) * factor), t.text or "")
    if off_by_one:
        numbers = [t for tbl in body.findall(f"{W}tbl")[1:] for t in tbl.iter(f"{W}t")
                   if re.fullmatch(r"\d+", t.text or "")]
        cell = rng.choice(numbers)
        cell.text = str(int(cell.text or "0") + 1)


def _sections(body: etree._Element) -> dict[str, list[etree._Element]]:
    """Body elements by section number (一…六), each from its heading to the next."""
    out: dict[str, list[etree._Element]] = {}
    current: list[etree._Element] | None = None
    for child in body:
        if child.tag == f"{W}sectPr":
            break
        match = re.match(r"([一二三四五六])、", _text_of(child)) if child.tag == f"{W}p" else None
        if match and child.find(f"{W}pPr/{W}pStyle") is not None:
            current = out.setdefault(match.group(1), [])
        if current is not None:
            current.append(child)
    return out


def _narrate(sections: dict[str, list[etree._Element]], rng: random.Random, year: int) -> None:
    """Add 0–9 paragraphs of one to three real sentences to sections 一, 五 and 六."""
    sentences = corpus_sentences()
    for number in ("一", "五", "六"):
        if number not in sections:
            continue
        anchor = sections[number][-1]
        for _ in range(rng.randint(0, 3)):
            text = "".join(rng.sample(sentences, rng.randint(1, 3)))
            paragraph = _paragraph(re.sub(r"20\d\d", str(year), text))
            anchor.addnext(paragraph)
            anchor = paragraph


def _restructure(sections: dict[str, list[etree._Element]], rng: random.Random) -> None:
    """Sometimes drop a section (S101) or swap 五 and 六 (an order finding), as drafts do."""
    roll = rng.random()
    if roll < 0.12 and "六" in sections:
        for element in sections.pop("六"):
            element.getparent().remove(element)
    elif roll < 0.24 and "五" in sections and "六" in sections:
        first = sections["五"][0]
        for element in sections["六"]:
            first.addprevious(element)


def docx_variant(i: int) -> bytes:
    """Document number `i`: the same `i` always gives the same bytes."""
    rng = random.Random(f"reportlint-benchmark-{i}")
    base = rng.choice(sorted(BASES))
    year = 2021 + i % 5

    def edit(root: etree._Element) -> None:
        _rename(root, BASES[base], unit_name(i), year)
        _restate(root, rng.randint(1, 9), rng, off_by_one=rng.random() < 0.3)
        body = root.find(f"{W}body")
        assert body is not None
        sections = _sections(body)
        _narrate(sections, rng, year)
        _restructure(sections, rng)

    return edited_example(base, edit)


def edited_example(name: str, edit: Callable[[etree._Element], None]) -> bytes:
    """examples/NAME with its word/document.xml changed in place by `edit`, other parts as they are."""
    with zipfile.ZipFile(EXAMPLES / name) as source:
        parts = {info.filename: (info, source.read(info)) for info in source.infolist()}
    info, xml = parts["word/document.xml"]
    root = etree.fromstring(xml)
    edit(root)
    parts["word/document.xml"] = (info, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.values():
            # The example's own entries, dates included: an entry named afresh is dated now, and
            # two builds of one variant across a two-second tick differed.
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def typed_out(docx: bytes) -> bytes:
    """The DOCX as a text file a writer would paste: one line per paragraph, a table row per
    line with its cells between tabs."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    lines: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            lines.append(_text_of(child))
        elif child.tag == f"{W}tbl":
            lines += ["\t".join(_text_of(tc) for tc in tr.iterfind(f"{W}tc")) for tr in child.iterfind(f"{W}tr")]
    return ("\n".join(lines) + "\n").encode("utf-8")


def crawler_variant(i: int) -> bytes:
    """Crawler copy number `i`: a real one from the corpus under another unit's name, with more
    narrative in its 总体情况, or the Traditional seed under another district of Wuhan."""
    rng = random.Random(f"reportlint-benchmark-text-{i}")
    sources = [p for p in (CORPUS / "pingtan_2021.txt", CORPUS / "pingtan_2025.txt",
                           CORPUS / "pingtan_2019_oldformat.txt") if p.is_file()]
    sources.append(EXAMPLES / "000_b2d447095e0c6c81.txt")
    source, turn = sources[i % len(sources)], i // len(sources)
    text = source.read_text(encoding="utf-8")
    if source.parent == EXAMPLES:
        return text.replace("礄口", TRADITIONAL_PLACES[turn % len(TRADITIONAL_PLACES)]).encode("utf-8")
    text = text.replace("平潭综合实验区", PLACES[turn % len(PLACES)][:2] + "新区")
    extra = "".join(rng.sample(corpus_sentences(), rng.randint(1, 6)))
    return text.replace("一、总体情况", "一、总体情况" + extra, 1).encode("utf-8")


def batch_files(n: int) -> Iterator[tuple[str, bytes]]:
    """`n` distinct files, a mix as a batch of a province's reports has: three in five DOCX,
    one typed out as text, one a crawler copy."""
    for i in range(n):
        kind, n = i % 5, 1000 + i  # documents 0… are the warm measure's, these come after
        if kind < 3:
            yield f"{i:03d}_{unit_name(n)}.docx", docx_variant(n)
        elif kind == 3:
            yield f"{i:03d}_{unit_name(n)}.txt", typed_out(docx_variant(n))
        else:
            yield f"{i:03d}_crawler.txt", crawler_variant(i // 5)


def write_batch(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in batch_files(n):
        (folder / name).write_bytes(data)
    return folder
