"""A per-file time limit, so one pathological file cannot hold up a batch of 44.

SIGALRM interrupts pure-Python work (our rules, pdfminer) and also a backtracking `re`
match, which checks for signals while it runs (tried: `(a+)+$` on 32 a's and a b stops
at the alarm). lxml and zipfile work on input already bounded by the size limits. The
alarm runs in whichever process checks the file, the CLI's or a pool worker's. The
exception derives from BaseException so that no `except Exception` on the way can
mistake it for a damaged file.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):
    pass


def _raise(signum: int, frame: FrameType | None) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = seconds > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
