"""Who wrote the report: from the title, else from the first sentences, else the page's metadata.

Many real reports have no title line (the page shows it outside the text), or a title that
names the unit short (自治区自然资源厅, 城南办事处、城南园区). Their first sentences name the
issuer (现公布清远市清新区人民政府办公室(以下简称…)2022年…报告; 结合来宾市卫生健康委员会…实际;
2023年,山东省人民政府办公厅以…), or name it as 我局/本机关, resolved through the page's
发布机构 or a name of that kind elsewhere in the text. A line naming another body — a
navigation line, 来源:五常市人民政府 on a town's report — is never the issuer.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from reportlint.locate.flat import FlatText
from reportlint.locate.title import Title, is_unit_name
from reportlint.normalize import fold, strip_pinyin
from reportlint.pack import Pack

_OPENING = 4000  # characters: the intro and the start of section 一
_NAME = r"[^，,。；;：:“”《》\n]{2,40}?"
_ASIDE = r"(?:\(以下简称[^()]{0,20}\))?"
_REPORT = r"(?P<year>\d{4})\s*年度?(?:的)?\s*(?:政府|政务)信息公开"
# Sentences of the intro that name the issuer.
_INTRO = [
    re.compile(rf"(?:现(?:予以)?(?:公布|发布|将|编制|印发)|特此公布|现就)(?P<unit>{_NAME}){_ASIDE}\s*{_REPORT}"),
    re.compile(rf"结合(?P<unit>{_NAME})(?:政府|政务)信息公开工作(?:实际|情况)"),
    re.compile(rf"由(?P<unit>{_NAME})(?:负责)?编(?:制|写)?(?:[。，,]|$)", re.MULTILINE),
]
# The first sentence of section 一: 2023年,山东省人民政府办公厅以…, 2022年,河东乡政府信息公开工作在…
_OPENER = re.compile(
    r"(?:^|\n)[ \t]*(?P<year>\d{4})\s*年(?:以来|度|全年)?\s*[,，]\s*(?P<unit>[^，,。；;：:“”《》\n]{2,30}?)"
    r"(?=坚持|以|按照|认真|在|严格|紧紧|深入|全面|始终|持续|围绕|通过|聚焦|紧扣|把|将|不断|进一步|积极|扎实|高度"
    r"|依法|政府信息公开|政务公开|贯彻|落实|立足|主动|紧密|牢固|切实)"
)
_PLACE = r"(?:[^\W\d的为是在了将由对及等把从向于和与或我本其该各这]{1,12}?(?:省|自治区|市|州|盟|地区|县|区|旗|镇|乡|街道))+"
_TAIL = r"[^\W\d的为是在了将由对及等把从向于与或我本其该各这有个一也都就还被让使给]{0,14}?"


class Issuer(NamedTuple):
    unit: str | None  # as written, mirror pinyin dropped
    year: int | None  # the report year a sentence names, when there is no title


def find_issuer(flat: FlatText, pack: Pack, title: Title | None) -> Issuer:
    opening = flat.text[:_OPENING]
    named = _named_in_sentence(flat, opening, pack)
    if title is not None and title.unit:
        return Issuer(_fuller(flat, pack, title, named), title.year)
    if named is not None:
        name, year = named
        return Issuer(name, year)
    return Issuer(_issuer_in_metadata(flat, opening, pack), None)


def _named_in_sentence(flat: FlatText, opening: str, pack: Pack) -> tuple[str, int | None] | None:
    """The unit and year an intro sentence or the first sentence of section 一 names; a name
    written out wins over a self-reference (现将我乡… / 2022年,河东乡…)."""
    self_named: tuple[str, int | None] | None = None
    for regex in (*_INTRO, _OPENER):
        for m in regex.finditer(opening):
            name = m.group("unit").strip()
            year = int(m.group("year")) if m.groupdict().get("year") else None
            if name in pack.units.self_references:
                self_named = self_named or (name, year)
            elif is_unit_name(name, pack):
                return strip_pinyin(flat.quote(m.start("unit"), m.start("unit") + len(name), limit=60)), year
    if self_named is None:
        return None
    wanted = pack.units.self_references[self_named[0]]
    resolved = _issuer_in_metadata(flat, opening, pack) or _name_in_text(flat, opening, wanted)
    return (resolved, self_named[1]) if resolved else None


def _name_in_text(flat: FlatText, opening: str, suffix: str) -> str | None:
    """The name of the given kind (…局) the text uses most: the unit a 我局 means."""
    if not suffix:
        return None
    regex = re.compile(f"{_PLACE}{_TAIL}{re.escape(suffix)}")
    found = Counter(m.group(0) for m in regex.finditer(opening))
    if not found:
        return None
    best = max(found.values())
    name = next(n for n in found if found[n] == best)  # the first of the most used
    pos = opening.find(name)
    return strip_pinyin(flat.quote(pos, pos + len(name), limit=60))


def _issuer_in_metadata(flat: FlatText, opening: str, pack: Pack) -> str | None:
    labels = "|".join(re.escape(label) for label in pack.units.issuer_labels)
    if not labels:
        return None
    for m in re.finditer(rf"(?:{labels})\s*[:：|]?\s*(?P<unit>[^\s|,，。;；:：]{{2,40}})", opening):
        if is_unit_name(m.group("unit"), pack):
            return strip_pinyin(flat.quote(m.start("unit"), m.end("unit"), limit=60))
    return None


def _fuller(flat: FlatText, pack: Pack, title: Title, named: tuple[str, int | None] | None) -> str | None:
    """The fullest form of the title's unit in the opening: the intro's 靖江市城南办事处(城南园区)
    for a title's 城南办事处、城南园区, a site header's 新疆维吾尔自治区自然资源厅 for 自治区自然资源厅."""
    short = title.unit or ""
    folded_short = fold(short, flat.traditional).text
    core = set(re.sub(r"\W", "", short))
    if named and len(named[0]) > len(short) and core <= set(named[0]):
        return named[0]
    first = flat.para_index(title.start)
    for index in range(max(0, first - 5), first):
        line = flat.folded[index].text.strip()
        if len(line) > len(folded_short) and line.endswith(folded_short) and is_unit_name(line, pack):
            return strip_pinyin(flat.paragraphs[index].text.strip())
    return short
