"""What the commands share: the one typer app, exit codes, and how a usage error and an
output are written. Imports nothing from the command modules, so none of them cycles."""

# Annotations stay objects here (no `from __future__ import annotations`): typer reads every
# command's at start-up, and a string annotation costs it an eval and a compile (20 ms a run).

import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from reportlint import __version__
from reportlint.files import write_atomic
from reportlint.messages import say

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="检查政府信息公开工作年度报告是否符合国办公开办函〔2021〕30号格式。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# Set by the Ctrl-C handler, which also raises KeyboardInterrupt. Python may run that handler
# inside a finalizer (a ZipFile's __del__ while a DOCX is read), which swallows the exception
# and lets the batch run on; the batch loops ask here between files (`until_interrupted`).
INTERRUPTED = threading.Event()
_Item = TypeVar("_Item")


def until_interrupted(items: Iterable[_Item]) -> Iterator[_Item]:
    """`items`, stopped with KeyboardInterrupt after Ctrl-C, even one whose exception was lost."""
    for item in items:
        stop_if_interrupted()
        yield item
    stop_if_interrupted()


def stop_if_interrupted() -> None:
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


def fail(message: str) -> typer.Exit:
    """The usage error to raise: the message on stderr, exit code 2."""
    sys.stderr.write(f"reportlint: {message}\n")
    return typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reportlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="显示版本")] = False,
) -> None:
    """reportlint"""


def emit(data: str | bytes, output: Path | None, lang: str = "zh", fmt: str | None = None) -> None:
    if output is not None:
        if output.is_dir():
            raise fail(say("output-is-dir", lang, path=output))
        try:
            write_atomic(output, data)
        except OSError as exc:
            raise fail(say("cannot-write", lang, path=output, reason=exc.strerror or exc)) from None
        if fmt:
            sys.stderr.write(f"reportlint: {say('wrote', lang, path=output, fmt=fmt.upper())}\n")
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    sys.stdout.flush()


def expected_units(path: Path | None, lang: str) -> Any:
    if path is None:
        return None
    from reportlint.units import read_unit_list

    try:
        return read_unit_list(str(path))
    except OSError as exc:
        raise fail(say("units-unreadable", lang, path=path, reason=exc.strerror or exc)) from None
    except ValueError:
        raise fail(say("units-empty", lang, path=path)) from None


def check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise fail(say("bad-lang"))
