"""What the CLI and the tests call: check a path, some text, or many paths."""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
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


def load_priors(paths: list[str], limits: Limits | None = None) -> tuple[list[Prior], list[str]]:
    """Last year's reports for `--previous`: what each check needs of them, and the problems
    (one line each) with those that could not be read."""
    priors: list[Prior] = []
    problems: list[str] = []
    for path in expand_paths(paths):
        try:
            with time_limit((limits or Limits()).max_seconds):
                report = build_report(read_path(Path(path), limits))
        except ReadError as err:
            problems.append(f"{path}: {err.en}")
            continue
        except (TimeLimitExceeded, Exception) as exc:  # noqa: BLE001 - reported, the check goes on
            problems.append(f"{path}: {type(exc).__name__}")
            continue
        priors.append(Prior(path, report.unit, report.year, tables_data(report), report.flat.text, unit_key(report.unit)))
    return priors, problems


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
    if not paths:
        return
    # The first file is checked here: it loads the packs and compiles the patterns the others
    # use (and, in a pool, the workers inherit them instead of each building them). What it
    # built lives as long as the run, so it is frozen out of the garbage collector's passes,
    # which would otherwise walk it again and again (and, in a worker, copy every page of it).
    yield job.check(paths[0])
    gc.freeze()
    try:
        if jobs <= 1 or len(paths) < 2:
            yield from map(job.check, paths[1:])
        else:
            yield from _pooled(job, paths[1:], jobs)
    finally:
        gc.unfreeze()  # a caller's later garbage is collected as before


def _pooled(job: _Job, paths: list[str], jobs: int) -> Iterator[FileResult]:
    import multiprocessing  # only batches pay for it

    # multiprocessing.Pool, not ProcessPoolExecutor: its terminate() stops workers quietly
    # on Ctrl-C or a closed pipe, where the executor's manager thread prints a traceback.
    # A Ctrl-C while the pool is still starting left it half-built and the exit hung, so
    # SIGINT waits until the pool exists and its __exit__ can terminate it.
    deferred = _defer_sigint()
    try:
        # The job goes to each worker once, at its start: with every file it was pickled again,
        # last year's reports (--previous) and all, a megabyte for 200 of them.
        pool = multiprocessing.Pool(jobs, initializer=_worker_init, initargs=(job,))
    except BaseException:
        _restore_sigint(deferred)
        raise
    with pool:  # __exit__ terminates
        _restore_sigint(deferred)  # a Ctrl-C that came during the start is raised here
        yield from pool.imap(_check_in_worker, paths, chunksize=max(1, len(paths) // (jobs * 32)))


def _defer_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT (where the platform can) and return the mask to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_sigint(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_worker_job: _Job | None = None  # set in each pool worker when it starts


def _worker_init(job: _Job) -> None:
    """Workers keep the batch's job, and leave Ctrl-C to the main process, which stops them
    and exits with 130."""
    global _worker_job
    _worker_job = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_in_worker(path: str) -> FileResult:
    assert _worker_job is not None, "a pool worker starts with _worker_init"
    return _worker_job.check(path)
