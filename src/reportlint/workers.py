"""Run one task over many files, in input order: one after another, or in a process pool.

`check_paths` checks a batch through this and `load_priors` reads last year's reports through
it. The first file is done here, before anything else: it loads the packs and compiles the
patterns the others use, and a pool's workers inherit them instead of each building them.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

_Result = TypeVar("_Result")


def each_file(task: Callable[[str], _Result], paths: Iterable[str], jobs: int = 1) -> Iterator[_Result]:
    """`task` of each path, in input order; with jobs > 1 in a pool of that many processes."""
    paths = list(paths)
    if not paths:
        return
    yield task(paths[0])
    if jobs <= 1 or len(paths) < 2:
        yield from map(task, paths[1:])
    else:
        yield from _pooled(task, paths[1:], jobs)


def _pooled(task: Callable[[str], _Result], paths: list[str], jobs: int) -> Iterator[_Result]:
    import multiprocessing  # only batches pay for it

    # multiprocessing.Pool, not ProcessPoolExecutor: its terminate() stops workers quietly
    # on Ctrl-C or a closed pipe, where the executor's manager thread prints a traceback.
    # SIGINT is blocked while the pool starts: a Ctrl-C then left the pool half-built and the
    # exit hung; blocked, it is raised once the pool exists and its __exit__ can terminate it.
    # The workers inherit the block, across exec too (spawn on macOS, forkserver on Linux from
    # Python 3.14), and keep it: a terminal's Ctrl-C reaches every process of a batch, and a
    # worker still importing printed a KeyboardInterrupt traceback.
    _start_resource_tracker(multiprocessing.get_start_method())
    deferred = _defer_sigint()
    # Frozen while the workers are forked, what the parent built (the packs, the patterns) is
    # left out of the workers' garbage collections, which would otherwise write to every page
    # of it and so copy the pages the fork shares. The parent's own collector is untouched.
    gc.freeze()
    try:
        # The task goes to each worker once, at its start: sent with every file, it was pickled
        # again each time, last year's reports (--previous) and all.
        pool = multiprocessing.Pool(jobs, initializer=_worker_init, initargs=(task,))
    except BaseException:
        _restore_sigint(deferred)
        raise
    finally:
        gc.unfreeze()
    with pool:  # __exit__ terminates
        _restore_sigint(deferred)  # a Ctrl-C that came during the start is raised here
        yield from pool.imap(_in_worker, paths, chunksize=max(1, len(paths) // (jobs * 32)))


def _start_resource_tracker(method: str) -> None:
    """Under spawn and forkserver the first pool starts multiprocessing's resource tracker, and
    starting it unblocks SIGINT (its guard for bpo-33613). Inside the pool's start that undid
    the deferral: the workers started after it took Ctrl-C while importing, and one in the
    parent broke the start. Started first, the tracker leaves the deferral alone. (One that died
    is started again inside the pool, and unblocks again: rare, and no worse than before.)"""
    if method != "fork" and hasattr(signal, "pthread_sigmask"):
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()


def _defer_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT (where the platform can) and return the mask to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _restore_sigint(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_worker_task: Callable[[str], Any] | None = None  # set in each pool worker when it starts


def _worker_init(task: Callable[[str], Any]) -> None:
    """Workers keep the batch's task, and leave Ctrl-C to the main process, which stops them
    and exits with 130."""
    global _worker_task
    _worker_task = task
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_worker(path: str) -> Any:
    assert _worker_task is not None, "a pool worker starts with _worker_init"
    return _worker_task(path)
