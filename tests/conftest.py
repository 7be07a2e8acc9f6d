import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_COLOR", "1")

from chromium import Chromium, find_chromium  # noqa: E402 - tests/ is on the path only from here

# Tests never read or write the developer's real cache (~/.cache/reportlint). Set before any test
# module is imported, since helpers.py loads the pack at import; CLI children inherit the variable.
TEST_CACHE = Path(tempfile.mkdtemp(prefix="reportlint-test-cache-"))
os.environ["XDG_CACHE_HOME"] = str(TEST_CACHE)


# Tests that start LibreOffice, Chromium or pre-commit, as users have them, are marked `external`:
# the README's test command leaves them out (they cost a minute and a half of program starts) and
# `.ci/run` runs them as a second step, where a missing program fails instead of skipping. A test
# is external when it asks for one of these fixtures, or is marked by hand.
EXTERNAL_FIXTURES = frozenset({"browser", "office_profile", "produced", "user_repo", "hook_config"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if EXTERNAL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.external)


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


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    """One headless Debian chromium for the session's browser tests (each opens its own tab)."""
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: install the Debian package chromium")
        pytest.skip("chromium is not installed")
    chromium = Chromium(binary, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The office's small folder (tests/office_batch.py), built once for the XLSX and HTML tests."""
    from office_batch import build

    return build(tmp_path_factory.mktemp("office") / "年报")
