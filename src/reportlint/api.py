"""What the CLI and the tests call: check a path, some text, or many paths."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reportlint.checks import run_rules
from reportlint.checks.base import Context, make
from reportlint.locate import build_report
from reportlint.model import Document, FileResult, Location
from reportlint.pack import DEFAULT_PACK, load_pack
from reportlint.read import Limits, ReadError, read_bytes, read_path
from reportlint.read.detect import CHECKABLE_EXTS

__all__ = ["Context", "check_document", "check_path", "check_text", "check_paths", "expand_paths"]


def check_document(doc: Document, ctx: Context | None = None) -> FileResult:
    ctx = ctx or Context()
    report = build_report(doc)
    findings = run_rules(report, ctx)
    findings.sort(key=lambda f: f.sort_key())
    return FileResult(doc.path, doc.format, report.unit, report.year, findings)


def check_path(
    path: str | Path, ctx: Context | None = None, limits: Limits | None = None, convert: bool = False
) -> FileResult:
    ctx = ctx or Context()
    name = os.fspath(path)
    try:
        doc = read_path(Path(path), limits, convert)
    except ReadError as err:
        return _unreadable(name, err, ctx)
    return _checked(doc, ctx)


def check_text(text: str, ctx: Context | None = None, name: str = "-", limits: Limits | None = None) -> FileResult:
    ctx = ctx or Context()
    try:
        doc = read_bytes(text.encode("utf-8"), Path(name if name != "-" else "stdin.txt"), limits)
        doc.path = name
    except ReadError as err:
        return _unreadable(name, err, ctx)
    return _checked(doc, ctx)


def check_bytes(data: bytes, ctx: Context | None = None, name: str = "-", limits: Limits | None = None) -> FileResult:
    ctx = ctx or Context()
    try:
        doc = read_bytes(data, Path(name if name != "-" else "stdin.txt"), limits)
        doc.path = name
    except ReadError as err:
        return _unreadable(name, err, ctx)
    return _checked(doc, ctx)


def _checked(doc: Document, ctx: Context) -> FileResult:
    try:
        return check_document(doc, ctx)
    except RecursionError:
        return _unreadable(doc.path, ReadError("F001", "文件结构过于复杂，无法检查。", "the file is too deeply nested to check"), ctx)
    except Exception as exc:  # a bug of ours must not stop a batch or show a traceback
        detail = f"{type(exc).__name__}: {exc}"
        return _unreadable(doc.path, ReadError("F001", f"检查时发生内部错误（{detail}），请报告此问题。", f"internal error while checking ({detail}); please report it"), ctx)


def _unreadable(name: str, err: ReadError, ctx: Context) -> FileResult:
    rule = load_pack(DEFAULT_PACK).rules[err.code]
    finding = make(rule, ctx, Location(), detail=err.zh if ctx.lang == "zh" else err.en)
    return FileResult(name, None, findings=[finding], unreadable=True)


# ---- batches ------------------------------------------------------------------------


def expand_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Files named, found under directories (recursively), or matched by globs; sorted, unique."""
    excluded = list(exclude)
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        if any(ch in raw for ch in "*?[") and not os.path.exists(raw):
            out.extend(sorted(p for p in glob.glob(raw, recursive=True) if os.path.isfile(p)))
        elif os.path.isdir(raw):
            out.extend(_walk(raw))
        else:
            out.append(raw)  # missing files are reported as F001, not dropped
    unique = list(dict.fromkeys(out))
    return [p for p in unique if not _is_excluded(p, excluded)]


def _walk(root: str) -> Iterator[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if Path(filename).suffix.lower() in CHECKABLE_EXTS and not filename.startswith(("~$", ".")):
                found.append(os.path.join(dirpath, filename))
    yield from sorted(found)


def _is_excluded(path: str, patterns: list[str]) -> bool:
    from fnmatch import fnmatch

    return any(fnmatch(path, p) or fnmatch(os.path.basename(path), p) for p in patterns)


def _check_one(args: tuple[str, Context, Limits, bool]) -> FileResult:
    path, ctx, limits, convert = args
    return check_path(path, ctx, limits, convert)


def check_paths(
    paths: list[str], ctx: Context | None = None, jobs: int = 1, limits: Limits | None = None, convert: bool = False
) -> Iterator[FileResult]:
    """Results in input order; with jobs > 1 files are checked in a process pool."""
    ctx = ctx or Context()
    limits = limits or Limits()
    work = [(p, ctx, limits, convert) for p in paths]
    if jobs <= 1 or len(paths) < 2:
        yield from map(_check_one, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_one, work, chunksize=max(1, len(work) // (jobs * 8)))
