"""read: bytes → Document. Everything format-specific ends in this package."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from reportlint.model import Document
from reportlint.read.detect import LEGACY_EXTS, sniff
from reportlint.read.errors import Limits, ReadError, too_large

__all__ = ["Limits", "ReadError", "read_path", "read_bytes"]


def read_path(path: Path, limits: Limits | None = None, convert: bool = False) -> Document:
    """Read a file; with `convert`, legacy word-processor files go through LibreOffice first."""
    limits = limits or Limits()
    try:
        st = path.stat()
    except OSError as exc:
        raise _os_error("无法打开文件", "cannot open file", exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("F001", "这是一个文件夹，不是文件。", "this is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("F001", "不是普通文件，未检查。", "not a regular file; not checked")
    if st.st_size > limits.max_bytes:
        raise too_large(st.st_size, limits.max_bytes)
    try:
        with open(path, "rb") as fh:  # read-only: the tool never writes to an input
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise _os_error("无法读取文件", "cannot read file", exc) from None
    if convert and data.strip() and sniff(path, data[:1024]) == "legacy":
        return _read_converted(path, limits)
    return read_bytes(data, path, limits)


def _read_converted(path: Path, limits: Limits) -> Document:
    from reportlint.read.convert import convert_to_docx
    from reportlint.read.docx import read_docx

    return read_docx(convert_to_docx(path), os.fspath(path), limits)


_ERRNO_ZH = {
    errno.ENOENT: "文件不存在（路径写错，或是指向不存在文件的链接）",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ELOOP: "符号链接形成了循环",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "路径过长",
    errno.EIO: "磁盘读取错误",
}


def _os_error(zh: str, en: str, exc: OSError) -> ReadError:
    reason = _ERRNO_ZH.get(exc.errno or -1, exc.strerror or str(exc))
    return ReadError("F001", f"{zh}：{reason}。", f"{en}: {exc.strerror or exc}")


def read_bytes(data: bytes, path: Path, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise too_large(len(data), limits.max_bytes)
    if not data.strip():
        raise ReadError("F001", "文件是空的，没有可检查的内容。请确认提交的是正确的文件。", "the file is empty; nothing to check")
    kind = sniff(path, data[:1024])
    name = os.fspath(path)
    if kind == "docx":
        from reportlint.read.docx import read_docx

        return read_docx(data, name, limits)
    if kind == "html":
        from reportlint.read.html import read_html

        return read_html(data, name, limits)
    if kind == "text":
        from reportlint.read.text import read_text

        return read_text(data, name, limits)
    if kind == "pdf":
        from reportlint.read.pdf import read_pdf

        return read_pdf(data, name, limits)
    if kind == "legacy":
        raise legacy_error(path, data)
    raise ReadError(
        "F002",
        f"不支持的文件类型（{path.suffix or '无扩展名'}）。请提交 .docx、.txt、.md 或 .html 文件。",
        f"unsupported file type ({path.suffix or 'no extension'}); use .docx, .txt, .md or .html",
    )


def legacy_error(path: Path, data: bytes) -> ReadError:
    ext = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0") and ext in {".docx", ".docm"}:
        return ReadError(
            "F002",
            "该 .docx 文件已加密（设置了打开密码）或实为旧版 .doc 格式，无法检查。"
            "请取消密码，或在 Word/WPS 中“另存为”Word 文档（.docx）后再检查。",
            "this .docx is encrypted or is really a legacy .doc; remove the password or save as .docx",
        )
    shown = ext if ext in LEGACY_EXTS else "旧版"
    return ReadError(
        "F002",
        f"不支持 {shown} 格式。请在 Word 或 WPS 中打开，选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”后再检查；"
        "如已安装 LibreOffice，也可以加 --convert 自动转换后检查。",
        f"{shown} files are not supported; open in Word or WPS and save as .docx, then check again "
        "(or, with LibreOffice installed, add --convert)",
    )
