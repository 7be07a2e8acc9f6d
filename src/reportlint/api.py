"""What the CLI and the tests call: check a path, some text, or many paths."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from reportlint.checks import run_rules
from reportlint.checks.base import Context, make
from reportlint.checks.history import prior_for
from reportlint.extract import tables_data
from reportlint.files import display_name
from reportlint.locate import build_report
from reportlint.model import Document, FileResult, Location, Prior
from reportlint.pack import DEFAULT_PACK, load_pack, run_packs
from reportlint.read import Limits, ReadError, read_bytes, read_path
from reportlint.read.registry import checkable_extensions
from reportlint.timelimit import TimeLimitExceeded, time_limit
from reportlint.units import unit_key
from reportlint.workers import each_file

__all__ = ["Context", "check_document", "check_path", "check_text", "check_paths", "expand_paths"]


def check_document(doc: Document, ctx: Context | None = None) -> FileResult:
    ctx = ctx or Context()
    report = build_report(doc, run_packs(ctx.rules))
    findings = run_rules(report, ctx)
    findings.sort(key=lambda f: f.sort_key())
    prior = prior_for(report, ctx) if ctx.priors else None
    return FileResult(doc.path, doc.format, report.unit, report.year, findings,
                      tables=tables_data(report), layout=report.layout_pack.layout_id, rulepack=report.pack.id,
                      previous=prior.path if prior else None)


def check_path(
    path: str | Path, ctx: Context | None = None, limits: Limits | None = None, convert: bool = False
) -> FileResult:
    limits = limits or Limits()
    name = display_name(os.fspath(path))
    return _guarded(name, ctx or Context(), limits, lambda: read_path(Path(path), limits, convert))


def check_text(text: str, ctx: Context | None = None, name: str = "-", limits: Limits | None = None) -> FileResult:
    return check_bytes(text.encode("utf-8"), ctx, name, limits)


def check_bytes(data: bytes, ctx: Context | None = None, name: str = "-", limits: Limits | None = None) -> FileResult:
    limits = limits or Limits()
    source = Path(name if name != "-" else "stdin.txt")
    return _guarded(name, ctx or Context(), limits, lambda: read_bytes(data, source, limits))


def _guarded(name: str, ctx: Context, limits: Limits, read: Callable[[], Document]) -> FileResult:
    """Read and check within the time limit; whatever goes wrong becomes one F001/F002 finding,
    so one bad file never stops a batch."""
    try:
        with time_limit(limits.max_seconds):
            doc = read()
            doc.path = name
            return check_document(doc, ctx)
    except ReadError as err:
        return _unreadable(name, err, ctx)
    except TimeLimitExceeded:
        seconds = limits.max_seconds
        return _unreadable(name, ReadError("F001", f"检查超过 {seconds:g} 秒仍未完成，已跳过此文件（可用 --timeout 调整）。",
                                           f"checking took longer than {seconds:g} s; skipped (see --timeout)"), ctx)
    except MemoryError:
        return _unreadable(name, ReadError("F001", "文件过于庞大，检查时内存不足，已跳过。",
                                           "not enough memory to check this file; skipped"), ctx)
    except RecursionError:
        return _unreadable(name, ReadError("F001", "文件结构嵌套过深，无法检查。", "the file is nested too deeply to check"), ctx)
    except Exception as exc:  # a bug of ours must not stop a batch or show a traceback
        detail = f"{type(exc).__name__}: {exc}"
        return _unreadable(name, ReadError("F001", f"检查时发生内部错误（{detail}），请报告此问题。",
                                           f"internal error while checking ({detail}); please report it"), ctx)


def load_priors(paths: list[str], limits: Limits | None = None, jobs: int = 1) -> tuple[list[Prior], list[str]]:
    """Last year's reports for `--previous`: what each check needs of them, and the problems
    (one line each) with those that could not be read. With jobs > 1 they are read in a pool."""
    priors: list[Prior] = []
    problems: list[str] = []
    for outcome in each_file(partial(_prior, limits=limits or Limits()), expand_paths(paths), jobs):
        if isinstance(outcome, str):
            problems.append(outcome)
        else:
            priors.append(outcome)
    return priors, problems


def _prior(path: str, limits: Limits) -> Prior | str:
    """What the checks need of one of last year's reports, or the problem reading it."""
    try:
        with time_limit(limits.max_seconds):
            report = build_report(read_path(Path(path), limits))
    except ReadError as err:
        return f"{path}: {err.en}"
    except (TimeLimitExceeded, Exception) as exc:  # noqa: BLE001 - reported, the check goes on
        return f"{path}: {type(exc).__name__}"
    return Prior(path, report.unit, report.year, tables_data(report), report.flat.text, unit_key(report.unit))


def _unreadable(name: str, err: ReadError, ctx: Context) -> FileResult:
    rule = load_pack(DEFAULT_PACK).rules[err.code]
    finding = make(rule, ctx, Location(), detail=err.zh if ctx.lang == "zh" else err.en)
    return FileResult(name, None, findings=[finding], unreadable=True)


# ---- batches ------------------------------------------------------------------------


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files named, found under directories (recursively), or matched by globs; sorted, unique.
    (The CLI leaves out the config's `exclude` patterns itself, relative to the config.)"""
    return scan_paths(paths).files


@dataclass(eq=False)  # working state, never compared: no generated __eq__ to build at start-up
class Scan:
    files: list[str]  # to check, in order
    named: set[str]  # named on the command line (not found in a folder): a non-report is F003
    other: list[str]  # found in a folder, of a kind no reader takes (a picture, a spreadsheet)


def scan_paths(paths: Iterable[str]) -> Scan:
    scan = Scan([], set(), [])
    for raw in paths:
        if raw == "-":
            scan.files.append(raw)
            scan.named.add(raw)
        elif any(ch in raw for ch in "*?[") and not os.path.exists(raw):
            import glob  # only a pattern given on the command line needs it

            _add_found(scan, sorted(p for p in glob.glob(raw, recursive=True) if os.path.isfile(p)))
        elif os.path.isdir(raw):
            _add_found(scan, _walk(raw))
        else:
            scan.files.append(raw)  # missing files are reported as F001, not dropped
            scan.named.add(raw)
    scan.files = list(dict.fromkeys(scan.files))
    scan.other = list(dict.fromkeys(scan.other))
    return scan


def _add_found(scan: Scan, paths: Iterable[str]) -> None:
    checkable = checkable_extensions()
    for path in paths:
        (scan.files if Path(path).suffix.lower() in checkable else scan.other).append(path)


def _walk(root: str) -> Iterator[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(os.path.join(dirpath, f) for f in filenames if not f.startswith(("~$", ".")))
    yield from sorted(found)


class _Job(NamedTuple):
    """How every file of a batch is checked: the run's context, limits and --convert."""

    ctx: Context
    limits: Limits
    convert: bool

    def check(self, path: str) -> FileResult:
        return check_path(path, self.ctx, self.limits, self.convert)


def check_paths(
    paths: list[str], ctx: Context | None = None, jobs: int = 1, limits: Limits | None = None, convert: bool = False
) -> Iterator[FileResult]:
    """Results in input order; with jobs > 1 files are checked in a process pool."""
    job = _Job(ctx or Context(), limits or Limits(), convert)
    yield from each_file(job.check, paths, jobs)
