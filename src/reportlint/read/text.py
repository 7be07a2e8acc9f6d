"""Plain text and Markdown: detect the encoding, one paragraph per line."""

from __future__ import annotations

import codecs

from reportlint.model import Block, Document, Location, Paragraph
from reportlint.read.errors import Limits, ReadError, too_many_blocks


def _garbage() -> ReadError:
    # A new exception each time: a shared instance would collect every traceback raised with it.
    return ReadError(
        "F001",
        "无法识别文件内容：它不像文本（可能是损坏的文件或二进制文件改了扩展名）。",
        "cannot read the content: it does not look like text (damaged or binary file)",
    )


def decode(data: bytes) -> str:
    """Decode bytes that may be UTF-8 (with or without BOM), GB18030/GBK, Big5 or UTF-16."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec)
    if _looks_utf16(data):
        even_nuls = data[0::2].count(0)
        return _strict(data, "utf-16-be" if even_nuls > data[1::2].count(0) else "utf-16-le")
    if b"\x00" in data:
        raise _nul_error(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _guess_chinese(data)


def _nul_error(data: bytes) -> ReadError:
    """NUL bytes in otherwise readable text: say so, rather than calling it binary."""
    count = data.count(0)
    try:
        stripped = decode(data.replace(b"\x00", b""))
    except ReadError:
        return _garbage()
    if _chinese_score(stripped) < 0.5:
        return _garbage()
    return ReadError(
        "F001",
        f"文件中有 {count} 个空字节（NUL），文本可能已损坏或未完整保存。请重新导出或另存为 UTF-8 文本后再检查。",
        f"the text contains {count} NUL bytes; it may be damaged or partly saved; export it again",
    )


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise _garbage() from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    nuls = sample.count(0)
    return nuls > len(sample) // 4 and (sample[0::2].count(0) > len(sample) // 3 or sample[1::2].count(0) > len(sample) // 3)


def _guess_chinese(data: bytes) -> str:
    """GB18030 and Big5 both decode most byte soup; pick the one that reads as Chinese."""
    candidates: list[tuple[float, str]] = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_chinese_score(text), text))
    if not candidates:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise _garbage()
        text = str(best)
        candidates.append((_chinese_score(text), text))
    score, text = max(candidates, key=lambda c: c[0])
    if score < 0.5:
        raise _garbage()
    return text


# The most frequent characters in these reports; a right decoding is full of them.
_COMMON = frozenset("的政府信息公开年度报告工作情况申请一二三四五六总体主动收到和处理行政复议诉讼存在问题改进其他需要事项本件数中国人民共区市县部门")
_COMMON_TRAD = frozenset("的政府資訊信息公開年度報告工作情況申請一二三四五六總體主動收到和處理行政複議訴訟存在問題改進其他需要事項本件數中國人民共區市縣部門")


def _printable_share(text: str) -> float:
    sample = [ch for ch in text[:20000] if not ch.isspace()]
    return sum(1 for ch in sample if ch.isprintable()) / len(sample) if sample else 1.0


def _chinese_score(text: str) -> float:
    sample = text[:20000]
    meaningful = [ch for ch in sample if not ch.isspace()]
    if not meaningful:
        return 0.0
    printable = sum(1 for ch in meaningful if ch.isprintable())
    common = sum(1 for ch in meaningful if ch in _COMMON or ch in _COMMON_TRAD)
    ascii_ = sum(1 for ch in meaningful if ch.isascii())
    return printable / len(meaningful) * min(1.0, (common * 4 + ascii_) / len(meaningful) + 0.2)


def read_text(data: bytes, path: str, limits: Limits) -> Document:
    text = decode(data)
    if _printable_share(text) < 0.9:  # decoded, but as control characters: not text
        raise _garbage()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > limits.max_blocks:
        filled = sum(1 for line in lines if line.strip())
        if filled > limits.max_blocks:
            raise too_many_blocks(filled, limits.max_blocks)
    blocks: list[Block] = []
    for number, line in enumerate(lines, start=1):
        if len(line) > limits.max_line_chars:
            raise ReadError(
                "F001",
                f"第 {number} 行过长（{len(line)} 个字符），文件可能已损坏。",
                f"line {number} is too long ({len(line)} characters); the file may be damaged",
            )
        if line.strip():
            blocks.append(Paragraph(line, Location(line=number)))
    return Document(path=path, format="text", blocks=blocks)
