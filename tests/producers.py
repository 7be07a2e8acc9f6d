"""The PDF producers units really use: LibreOffice (a DOCX exported to PDF) and Chromium (a web
page printed to PDF, with the header and footer users get by default, or without).

On a developer's machine without them the round-trip tests skip; in CI (env CI set) a missing
producer fails the run, so the tests can never pass by not running. Conversions run once per
session, all at the same time (one soffice run for every DOCX: it starts slowly), and their
PDFs are kept in a temporary folder keyed by the source's content, so a second run converts
only what changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

INSTALL = "apt-get install -y libreoffice-writer chromium fonts-noto-cjk"
CACHE = Path(tempfile.gettempdir()) / "reportlint-producer-pdfs"


def require(binary: str) -> str:
    """The producer's path; skip without it, unless this is CI, where its absence is a failure."""
    path = shutil.which(binary)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is not installed, and CI must run the round trips ({INSTALL})")
        pytest.skip(f"{binary} is not installed ({INSTALL})")
    return path


@dataclass(frozen=True)
class WebPage:
    html: bytes
    header_footer: bool = True  # Chromium prints the date, title, address and page number by default


class Producers:
    """Every source converted once; `pdf(name)` gives the PDF or skips/fails without the producer."""

    def __init__(self, docx: dict[str, bytes], pages: dict[str, WebPage], workdir: Path) -> None:
        CACHE.mkdir(exist_ok=True)
        self.binary = {name: "soffice" for name in docx} | {name: "chromium" for name in pages}
        self.pdfs = {name: CACHE / f"lo-{_docx_key(data)}.pdf" for name, data in docx.items()}
        self.pdfs |= {name: CACHE / f"cr-{_key(page.html, str(page.header_footer).encode())}.pdf"
                      for name, page in pages.items()}
        self.errors: dict[str, str] = {}
        running = []
        soffice, chromium = shutil.which("soffice"), shutil.which("chromium")
        todo = {name: data for name, data in docx.items() if not self.pdfs[name].exists()}
        if soffice and todo:
            running.append(self._libreoffice(soffice, todo, workdir))
        for name, page in pages.items():
            if chromium and not self.pdfs[name].exists():
                running.append(self._chromium(chromium, name, page, workdir))
        for proc, done in running:
            _, err = proc.communicate(timeout=900)
            done(err.decode(errors="replace")[-600:])

    def pdf(self, name: str) -> Path:
        require(self.binary[name])
        path = self.pdfs[name]
        assert path.exists(), f"{self.binary[name]} did not convert {name}: {self.errors.get(name, '')}"
        return path

    def _libreoffice(self, soffice: str, todo: dict[str, bytes], workdir: Path) -> tuple[subprocess.Popen[bytes], Callable[[str], None]]:
        src, out = workdir / "docx", workdir / "lo-pdf"
        src.mkdir()
        out.mkdir()
        for name, data in todo.items():
            (src / f"{name}.docx").write_bytes(data)
        proc = subprocess.Popen(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={(workdir / 'lo').as_uri()}",
             "--convert-to", "pdf", "--outdir", str(out), *sorted(str(p) for p in src.iterdir())],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(workdir))

        def done(err: str) -> None:
            for name in todo:
                self._keep(name, out / f"{name}.pdf", err)
        return proc, done

    def _chromium(self, chromium: str, name: str, page: WebPage, workdir: Path) -> tuple[subprocess.Popen[bytes], Callable[[str], None]]:
        folder = workdir / f"page-{len(list(workdir.iterdir()))}"
        folder.mkdir()
        source, out = folder / f"{name}.html", folder / f"{name}.pdf"
        source.write_bytes(page.html)
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={folder / 'profile'}",
                f"--print-to-pdf={out}", source.as_uri()]
        if not page.header_footer:
            args.insert(-1, "--no-pdf-header-footer")
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(folder))
        return proc, lambda err: self._keep(name, out, err)

    def _keep(self, name: str, made: Path, err: str) -> None:
        if made.exists():  # copy then rename: a parallel session never sees half a file
            partial = self.pdfs[name].with_suffix(f".{os.getpid()}.partial")
            shutil.copyfile(made, partial)
            os.replace(partial, self.pdfs[name])
        else:
            self.errors[name] = err


def _key(*parts: bytes) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()[:20]


def _docx_key(data: bytes) -> str:
    """A DOCX's content, not its bytes: a zip written twice differs in its time stamps."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _key(*(item.filename.encode() + archive.read(item) for item in sorted(
                archive.infolist(), key=lambda i: i.filename)))
    except zipfile.BadZipFile:
        return _key(data)


def _env(workdir: Path) -> dict[str, str]:
    return dict(os.environ, HOME=str(workdir))  # both write a profile under HOME; keep it out of the user's
