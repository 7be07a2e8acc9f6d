"""read: bytes → Document. Everything format-specific ends in this package."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from reportlint.model import Document
from reportlint.read import registry
from reportlint.read.detect import sniff
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
    if convert and data.strip() and _convertible(path, data):
        return _read_converted(path, limits)
    return read_bytes(data, path, limits)


def _convertible(path: Path, data: bytes) -> bool:
    fmt = registry.find(sniff(path, data[:1024]))
    return fmt is not None and fmt.convertible


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
    fmt = registry.find(sniff(path, data[:1024]))
    if fmt is None:
        raise unsupported_error(path)
    return fmt.load()(data, os.fspath(path), limits)


def unsupported_error(path: Path) -> ReadError:
    """F002 for a type no reader takes; names the extensions the readers in the registry take."""
    shown = registry.supported_extensions()
    zh = "、".join(shown[:-1]) + f" 或 {shown[-1]}" if len(shown) > 1 else "".join(shown)
    en = ", ".join(shown[:-1]) + f" or {shown[-1]}" if len(shown) > 1 else "".join(shown)
    return ReadError(
        "F002",
        f"不支持的文件类型（{path.suffix or '无扩展名'}）。请提交 {zh} 文件。",
        f"unsupported file type ({path.suffix or 'no extension'}); use {en}",
    )
