"""`--convert`: legacy files go through LibreOffice into a temporary DOCX, removed afterwards.

A stand-in `soffice` on PATH behaves like LibreOffice's command line (reads the input,
writes <stem>.docx into --outdir), so the test runs where LibreOffice is not installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, docx_bytes, tables

FAKE_SOFFICE = """#!{python}
import os, sys, pathlib
args = sys.argv[1:]
outdir = pathlib.Path(args[args.index("--outdir") + 1])
source = pathlib.Path(args[-1])
profile = next(a for a in args if a.startswith("-env:UserInstallation=")).split("file://", 1)[1]
if source.read_bytes().startswith(b"BROKEN"):
    sys.exit(1)  # LibreOffice gives up without writing anything
if source.read_bytes().startswith(b"FIRST START") and not os.path.isdir(profile):
    os.makedirs(profile)
    sys.exit(81)  # a first start on a new profile: set up, restart asked for, nothing converted
(outdir / (source.stem + ".docx")).write_bytes(pathlib.Path(os.environ["FAKE_DOCX"]).read_bytes())
"""


# Like LibreOffice's `soffice`, a launcher whose child does the work: here the child would write
# a file a second later, and the launcher waits far longer than any time limit.
HANGING_SOFFICE = """#!{python}
import os, subprocess, sys, time
late = "import pathlib, time; time.sleep(1); pathlib.Path(%r).write_text('late')" % os.environ["LATE"]
subprocess.Popen([sys.executable, "-c", late])
time.sleep(60)
"""

# Counts its starts, converts nothing, and fails as LibreOffice does on a damaged file.
FAILING_SOFFICE = """#!{python}
import os, pathlib
with open(os.environ["STARTS"], "a") as starts:
    starts.write("start\\n")
"""


def _run(tmp_path: Path, *args: str, with_soffice: bool = True, script: str = FAKE_SOFFICE,
         ) -> subprocess.CompletedProcess[bytes]:
    bin_dir, temp = tmp_path / "bin", tmp_path / "tmp"
    bin_dir.mkdir(exist_ok=True)
    temp.mkdir(exist_ok=True)
    if with_soffice:
        soffice = bin_dir / "soffice"
        soffice.write_text(script.format(python=sys.executable))
        soffice.chmod(0o755)
    broken = tables()
    broken["applications"]["new"]["total"] = 69
    (tmp_path / "converted.docx").write_bytes(docx_bytes(broken))
    path_dirs = [str(bin_dir)] + [d for d in os.environ["PATH"].split(os.pathsep)
                                  if not (Path(d) / "soffice").exists() and not (Path(d) / "libreoffice").exists()]
    env = dict(os.environ, PATH=os.pathsep.join(path_dirs), TMPDIR=str(temp), FAKE_DOCX=str(tmp_path / "converted.docx"),
               LATE=str(tmp_path / "late.txt"), STARTS=str(tmp_path / "starts.txt"))
    return subprocess.run([sys.executable, "-m", "reportlint", "check", "-f", "json", *args],
                          capture_output=True, cwd=REPO, env=env, timeout=120)


def _codes(proc: subprocess.CompletedProcess[bytes]) -> list[list[str]]:
    return [sorted(f["code"] for f in file["findings"]) for file in json.loads(proc.stdout)["files"]]


def test_convert_checks_the_converted_docx_and_leaves_nothing_behind(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    before = hashlib.sha256(legacy.read_bytes()).hexdigest()
    proc = _run(tmp_path, "--convert", str(legacy))
    assert proc.returncode == 1, proc.stderr.decode()
    assert _codes(proc) == [["A401", "A403"]]
    assert json.loads(proc.stdout)["files"][0]["path"] == str(legacy)
    assert hashlib.sha256(legacy.read_bytes()).hexdigest() == before
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary DOCX and profile are gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "converted.docx", "tmp", "unit.doc"]


def test_without_convert_a_doc_says_how_to_save_as_docx(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.wps"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    proc = _run(tmp_path, str(legacy))
    assert proc.returncode == 2 and _codes(proc) == [["F002"]]
    message = json.loads(proc.stdout)["files"][0]["findings"][0]["message"]
    assert "另存为" in message and "--convert" in message and ".wps" in message


def test_convert_without_libreoffice_is_f002(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.rtf"
    legacy.write_bytes(b"{\\rtf1 hello}")
    proc = _run(tmp_path, "--convert", str(legacy), with_soffice=False)
    assert proc.returncode == 2 and _codes(proc) == [["F002"]]
    assert "LibreOffice" in json.loads(proc.stdout)["files"][0]["findings"][0]["message"]


def test_convert_failure_is_f001(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.odt"
    legacy.write_bytes(b"BROKEN" + b"\0" * 100)
    proc = _run(tmp_path, "--convert", str(legacy))
    assert proc.returncode == 2 and _codes(proc) == [["F001"]]
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"), reason="LibreOffice not installed")
def test_real_libreoffice_round_trip(tmp_path: Path, office_profile: str) -> None:
    """Where LibreOffice exists: DOCX → .odt with it, then --convert back and check."""
    source = tmp_path / "r.docx"
    source.write_bytes(docx_bytes())
    subprocess.run(["soffice", office_profile, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "-f", "json", "--convert",
                           str(tmp_path / "r.odt")], capture_output=True, cwd=REPO, timeout=180)
    assert proc.returncode == 0, (proc.stdout.decode(), proc.stderr.decode())


def test_convert_starts_libreoffice_again_when_its_first_start_converts_nothing(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.odt"
    legacy.write_bytes(b"FIRST START" + b"\0" * 100)
    proc = _run(tmp_path, "--convert", str(legacy))
    assert proc.returncode == 1 and _codes(proc) == [["A401", "A403"]], proc.stderr.decode()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_libreoffice_that_fails_is_started_once(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.odt"
    legacy.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    proc = _run(tmp_path, "--convert", str(legacy), script=FAILING_SOFFICE)
    assert proc.returncode == 2 and _codes(proc) == [["F001"]]
    assert (tmp_path / "starts.txt").read_text() == "start\n"


def test_a_time_out_stops_libreoffice_and_the_program_it_started(tmp_path: Path) -> None:
    legacy = tmp_path / "unit.odt"
    legacy.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    proc = _run(tmp_path, "--timeout", "0.5", "--convert", str(legacy), script=HANGING_SOFFICE)
    assert proc.returncode == 2 and _codes(proc) == [["F001"]], proc.stderr.decode()
    time.sleep(1.5)  # the launcher's child would have written by now
    assert not (tmp_path / "late.txt").exists()
    assert list((tmp_path / "tmp").iterdir()) == []
