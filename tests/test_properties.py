"""Property tests (hypothesis): the arithmetic, the digit splitter, the readers."""

from __future__ import annotations

import copy
from pathlib import Path

from helpers import PACK, check_text, report_text, tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import check_bytes
from reportlint.locate.digits import splits
from reportlint.normalize import parse_value

APPLICANTS = ["natural_person", "commercial", "research", "nonprofit", "legal_services", "other_org"]
RESULT_ROWS = [r.id for r in PACK.tables["applications"].rows if r.id not in ("new", "carried_over", "results_total", "carried_forward")]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def consistent_tables(draw: st.DrawFn) -> dict:
    data = tables()
    apps: dict = {}
    small = st.integers(min_value=0, max_value=40)
    for row in RESULT_ROWS + ["carried_over", "carried_forward"]:
        apps[row] = {c: draw(small) for c in APPLICANTS}
    apps["results_total"] = {c: sum(apps[r][c] for r in RESULT_ROWS) for c in APPLICANTS}
    apps["new"] = {}
    for c in APPLICANTS:
        need = apps["results_total"][c] + apps["carried_forward"][c] - apps["carried_over"][c]
        if need < 0:
            apps["carried_over"][c] += -need
            need = 0
        apps["new"][c] = need
    for values in apps.values():
        values["total"] = sum(values[c] for c in APPLICANTS)
    data["applications"] = apps
    for group in data["reviews"].values():
        for c in ("upheld", "corrected", "other", "pending"):
            group[c] = draw(small)
        group["total"] = sum(group[c] for c in ("upheld", "corrected", "other", "pending"))
    return data


def _no_prose(data: dict, style: str) -> str:
    from reportlint.template import sample_sections

    secs = sample_sections(2024)
    secs["三"] = "详见下表。"
    secs["四"] = "详见下表。"
    return report_text(data, style, sections=secs)


@SETTINGS
@given(consistent_tables(), st.sampled_from(["tab", "markdown", "spaces"]))
def test_consistent_tables_pass(data: dict, style: str) -> None:
    assert check_text(_no_prose(data, style)).findings == []


@SETTINGS
@given(consistent_tables(), st.data())
def test_any_single_cell_change_is_caught(data: dict, draw: st.DataObject) -> None:
    mutated = copy.deepcopy(data)
    table = draw.draw(st.sampled_from(["applications", "reviews"]))
    row = draw.draw(st.sampled_from(sorted(mutated[table])))
    col = draw.draw(st.sampled_from(sorted(mutated[table][row])))
    delta = draw.draw(st.integers(min_value=1, max_value=9))
    mutated[table][row][col] += delta
    codes = {f.code for f in check_text(_no_prose(mutated, "tab")).findings}
    assert codes & {"A401", "A402", "A403", "A404"}, (table, row, col)


@settings(max_examples=50, deadline=None)  # seven three-digit values have up to 38 760 readings
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=7))
def test_splitter_always_offers_the_true_reading(values: list[int]) -> None:
    joined = "".join(map(str, values))
    readings = set(splits([joined], len(values)))
    assert tuple(map(str, values)) in readings
    assert all("".join(r) == joined for r in readings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_parse_value_never_raises(text: str) -> None:
    value = parse_value(text)
    assert value.blank or value.text or value.value is not None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=255))
def test_corrupted_docx_never_escapes(position: int, byte: int) -> None:

    data = bytearray(_clean_docx())
    data[position % len(data)] ^= byte
    result = check_bytes(bytes(data), name="x.docx")
    assert all(f.code[0] in "STPACNF" for f in result.findings)


_CACHE: dict[str, bytes] = {}


def _clean_docx() -> bytes:
    from helpers import docx_bytes

    if "docx" not in _CACHE:
        _CACHE["docx"] = docx_bytes()
    return _CACHE["docx"]


def test_truncated_docx_is_f001() -> None:
    data = _clean_docx()[:4000]
    result = check_bytes(data, name=str(Path("x.docx")))
    assert [f.code for f in result.findings] == ["F001"]


def test_long_paragraphs_are_not_kept_in_the_fold_cache() -> None:
    """Found by the atheris run: caching every fold held whole reports (with their index maps)
    in memory, 1 GB after 64,000 inputs. Only short texts (cells, labels) are cached."""
    from reportlint.normalize import _fold_cached, fold

    before = _fold_cached.cache_info().currsize
    for i in range(50):
        fold("本報告" * 200 + str(i), True)
    assert _fold_cached.cache_info().currsize == before
    fold(f"總計{id(object())}", True)  # short and new: cached
    assert _fold_cached.cache_info().currsize == before + 1


def test_read_errors_do_not_collect_tracebacks() -> None:
    """Found from the atheris run's memory growth: one shared ReadError instance, raised for
    every garbage file, chained each new traceback (and its frames' data) onto the old ones."""
    import traceback

    from reportlint.read import ReadError, read_bytes

    depths = []
    for name, data in (("x.txt", bytes(range(256)) * 8), ("x.docx", b"PK\x03\x04 broken")) * 3:
        try:
            read_bytes(data, Path(name))
        except ReadError as err:
            depths.append((name, len(traceback.extract_tb(err.__traceback__))))
    assert depths[:2] == depths[2:4] == depths[4:]


def test_a_long_run_of_digits_is_not_searched_forever() -> None:
    """Found by the fourth atheris run: a 110-digit run in table 四 made the splitter try every
    dead cut (30 s). Impossible lengths are now cut off and the search has a step budget."""
    import time

    started = time.monotonic()
    assert list(splits(["9" * 140], 15)) == []  # 15 values of at most 9 digits cannot hold 140
    assert list(splits(["1" * 60, "2" * 60], 15, limit=1)) != []  # possible, and found
    assert time.monotonic() - started < 2
    lines = report_text().splitlines()
    values_row = next(i for i, line in enumerate(lines) if line.startswith("五、")) - 1  # table 四's values
    lines[values_row] = "9" * 110
    result = check_text("\n".join(lines))
    assert [(f.code, f.location.section) for f in result.findings if f.code == "T308"] == [("T308", "四")]
