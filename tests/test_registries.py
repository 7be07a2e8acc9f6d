"""The format registries: a reader or an output added as one registry line is picked up
everywhere that depends on which formats exist."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from helpers import REPO
from typer.testing import CliRunner

from reportlint.api import check_path, scan_paths
from reportlint.checks.base import Context
from reportlint.cli import app
from reportlint.model import Document, FileResult
from reportlint.output import WRITERS, Options, OutputFormat, format_for, render
from reportlint.read import read_bytes, registry
from reportlint.read.detect import sniff
from reportlint.read.errors import Limits, ReadError
from reportlint.read.registry import InputFormat, Magic

EXAMPLES = REPO / "examples"
FAKE = InputFormat("fake", (".fake",), "fake_reader:read_fake", magic=(Magic(b"FAKE1"),))


def _read_fake(data: bytes, path: str, limits: Limits) -> Document:
    from reportlint.read.text import read_text

    return read_text(data.removeprefix(b"FAKE1\n"), path, limits)


@pytest.fixture
def fake_reader(monkeypatch: pytest.MonkeyPatch) -> InputFormat:
    module = types.ModuleType("fake_reader")
    module.read_fake = _read_fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_reader", module)
    monkeypatch.setattr(registry, "READERS", (*registry.READERS, FAKE))
    return FAKE


def test_sniff_takes_a_registered_reader_by_extension_and_by_magic(fake_reader: InputFormat) -> None:
    assert sniff(Path("r.fake"), b"anything") == "fake"
    assert sniff(Path("r.dat"), b"FAKE1\n...") == "fake"
    assert sniff(Path("r.docx"), b"PK\x03\x04") == "docx"  # the shipped lines still decide theirs


def test_a_registered_reader_reads_its_files(fake_reader: InputFormat, tmp_path: Path) -> None:
    report = (EXAMPLES / "000_b2d447095e0c6c81.txt").read_bytes()
    path = tmp_path / "r.fake"
    path.write_bytes(b"FAKE1\n" + report)
    assert [f.code for f in check_path(str(path), Context()).findings] == \
        [f.code for f in check_path(str(EXAMPLES / "000_b2d447095e0c6c81.txt"), Context()).findings]


def test_the_folder_scan_takes_a_registered_extension(fake_reader: InputFormat, tmp_path: Path) -> None:
    for name in ("a.fake", "b.txt", "c.png"):
        (tmp_path / name).write_bytes(b"x")
    scan = scan_paths([str(tmp_path)])
    assert scan.files == [str(tmp_path / "a.fake"), str(tmp_path / "b.txt")]
    assert scan.other == [str(tmp_path / "c.png")]


def test_the_no_files_message_names_a_registered_extension(fake_reader: InputFormat, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "没有要检查的文件" in result.stderr and ".fake" in result.stderr and ".pdf" in result.stderr


def test_the_unsupported_type_message_names_every_readable_format(fake_reader: InputFormat) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(b"\x89PNG....", Path("scan.png"))
    assert caught.value.code == "F002"
    assert caught.value.zh == "不支持的文件类型（.png）。请提交 .docx、.pdf、.html、.txt、.md 或 .fake 文件。"
    assert caught.value.en == "unsupported file type (.png); use .docx, .pdf, .html, .txt, .md or .fake"


def test_formats_known_only_for_advice_are_scanned_but_not_offered() -> None:
    assert ".doc" in registry.checkable_extensions()
    assert ".doc" not in registry.supported_extensions()


@pytest.fixture(scope="module")
def example_results() -> list[FileResult]:
    return [check_path(str(path), Context()) for path in sorted(EXAMPLES.iterdir())]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_every_output_format_renders_the_examples(writer: OutputFormat, example_results: list[FileResult]) -> None:
    # The DOCX output annotates one DOCX; every other format takes the whole batch.
    results = [r for r in example_results if r.path.endswith("defects_2024.docx")] if writer.name == "docx" else example_results
    data = render(results, writer.name, Options())
    assert isinstance(data, bytes) == writer.binary
    assert len(data) > 200
    if not writer.binary:
        assert isinstance(data, str) and "defects_2024" in data


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_an_output_file_name_asks_for_its_format(writer: OutputFormat) -> None:
    for ext in (f".{writer.name}", *writer.extensions):
        assert format_for(Path(f"report{ext.upper()}")) == writer.name
    assert format_for(Path("report.unknown")) == format_for(None) == "text"
