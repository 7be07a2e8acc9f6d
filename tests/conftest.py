import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_COLOR", "1")

# Tests never read or write the developer's real cache (~/.cache/reportlint). Set before any test
# module is imported, since helpers.py loads the pack at import; CLI children inherit the variable.
TEST_CACHE = Path(tempfile.mkdtemp(prefix="reportlint-test-cache-"))
os.environ["XDG_CACHE_HOME"] = str(TEST_CACHE)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(TEST_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts pointed at the session's temp cache, whatever an earlier test changed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(TEST_CACHE))


@pytest.fixture(scope="session")
def office_profile(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One LibreOffice user profile for the session's soffice runs, as `-env:UserInstallation=`:
    a fresh profile costs seconds at every start, and the default one is the developer's own."""
    return f"-env:UserInstallation={(tmp_path_factory.mktemp('office-profile')).as_uri()}"
