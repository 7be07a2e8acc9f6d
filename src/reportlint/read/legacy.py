"""Word-processor formats we do not read (.doc, .wps, .rtf, .odt): the F002 advice on how to
get a .docx instead. Its "reader" only refuses, so the registry treats it like any format."""

from __future__ import annotations

from pathlib import Path

from reportlint.model import Document
from reportlint.read.errors import Limits, ReadError
from reportlint.read.registry import OLE_MAGIC, find


def refuse(data: bytes, path: str, limits: Limits) -> Document:
    raise legacy_error(Path(path), data)


def legacy_error(path: Path, data: bytes) -> ReadError:
    ext = path.suffix.lower()
    docx = find("docx")
    if data.startswith(OLE_MAGIC[:4]) and docx is not None and ext in docx.extensions:
        return ReadError(
            "F002",
            "该 .docx 文件已加密（设置了打开密码）或实为旧版 .doc 格式，无法检查。"
            "请取消密码，或在 Word/WPS 中“另存为”Word 文档（.docx）后再检查。",
            "this .docx is encrypted or is really a legacy .doc; remove the password or save as .docx",
        )
    legacy = find("legacy")
    shown = ext if legacy is not None and ext in legacy.extensions else "旧版"
    return ReadError(
        "F002",
        f"不支持 {shown} 格式。请在 Word 或 WPS 中打开，选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”后再检查；"
        "如已安装 LibreOffice，也可以加 --convert 自动转换后检查。",
        f"{shown} files are not supported; open in Word or WPS and save as .docx, then check again "
        "(or, with LibreOffice installed, add --convert)",
    )
