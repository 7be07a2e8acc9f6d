"""Command line: `app` (typer), `run` (clean endings) and `main`.

`check` lives in check.py, the other commands in commands.py, what they share in common.py;
importing them here registers them on `app`.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from reportlint.cli import check, commands  # noqa: F401 - registers the commands on `app`
from reportlint.cli.common import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, INTERRUPTED, app
from reportlint.errors import UsageError
from reportlint.messages import say, usage_error
from reportlint.pack import PackError

__all__ = ["app", "main", "run"]


def _interrupted(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
    INTERRUPTED.set()  # in case the exception below is raised, and lost, inside a finalizer
    sys.stderr.write(f"\nreportlint: {say('interrupted', _argv_lang())}\n")
    raise KeyboardInterrupt  # typer turns it into exit code 130; pool workers are terminated


def _unraisable(unraisable: Any) -> None:
    """A Ctrl-C whose handler ran inside a finalizer is not a traceback for the user: the
    exception is lost there, and INTERRUPTED stops the batch instead."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        return
    sys.__unraisablehook__(unraisable)


def _argv_lang() -> str:
    """The language asked for on the command line, for what is said before (or outside) a command."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--lang=en" or (arg == "--lang" and args[i + 1 : i + 2] == ["en"]):
            return "en"
    return "zh"


def run() -> None:
    """Run the app with clean endings: no traceback on Ctrl-C or a closed pipe, usage errors
    in the run's language."""
    signal.signal(signal.SIGINT, _interrupted)
    sys.unraisablehook = _unraisable
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except (PackError, UsageError) as err:  # raised outside a command's own handling
        sys.stderr.write(f"reportlint: {err}\n")
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_FINDINGS)
    except Exception as exc:  # the last guard: a bug of ours is a message, not a traceback
        if _is_usage_error(exc):
            message = getattr(exc, "format_message")()  # noqa: B009 - known by interface, not class
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `reportlint`: the help is the answer
                sys.stderr.write(message + "\n")
            else:
                sys.stderr.write(usage_error(message, _usage(exc), _argv_lang()))
            sys.exit(EXIT_USAGE)
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        detail = say("internal-error", _argv_lang(), kind=type(exc).__name__, detail=exc)
        sys.stderr.write(f"reportlint: {detail}\n")
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_INTERRUPTED if INTERRUPTED.is_set() else code if isinstance(code, int) else EXIT_OK)


def _is_usage_error(exc: Exception) -> bool:
    """The parser's UsageError (exit code 2), known by its interface: typer vendors the class."""
    return getattr(exc, "exit_code", None) == EXIT_USAGE and hasattr(exc, "format_message")


def _usage(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return ""
    hint = f"{ctx.command_path} --help"
    return f"{ctx.get_usage()}\n" + (f"运行 '{hint}' 查看帮助。" if _argv_lang() == "zh" else f"Try '{hint}' for help.")


def main() -> None:
    run()
