"""The run-together digit splitter: pruned by the row's own sums, it finds exactly the
readings an unpruned search filtered by those sums finds (up to the second one)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.locate.digits import _Splitter, consistent_splits, splits

ROW_OF_THREE = [(((1, 6),), tuple((1, i) for i in range(6)))]  # 表三: 总计 = the six applicant columns
ROW_OF_FOUR = [(((1, g * 5 + 4),), tuple((1, g * 5 + i) for i in range(4))) for g in range(3)]  # 表四's groups
COUNTS = st.one_of(st.integers(0, 9), st.integers(0, 99))  # short enough for the unpruned search to finish


def _holds(reading: tuple[str, ...], equations: list) -> bool:
    return all(sum(s * int(reading[i]) for s, i in left) == sum(s * int(reading[i]) for s, i in right)
               for left, right in equations)


@settings(max_examples=150, deadline=None)
@given(st.lists(COUNTS, min_size=6, max_size=6))
def test_row_of_three_finds_what_brute_force_finds(parts: list[int]) -> None:
    joined = "".join(map(str, [*parts, sum(parts)]))
    brute = sorted(r for r in splits([joined], 7) if _holds(r, ROW_OF_THREE))
    assert sorted(consistent_splits([joined], 7, ROW_OF_THREE, limit=10**6).readings) == brute
    assert sorted(_Splitter([joined], 7, ROW_OF_THREE, 10**6, 10**6).run().readings) == brute  # the general path
    first_two = consistent_splits([joined], 7, ROW_OF_THREE)
    assert first_two.complete and len(first_two.readings) == min(2, len(brute)) and set(first_two.readings) <= set(brute)


@settings(max_examples=30, deadline=None)  # 50 ms each: the search is exhaustive (limit 10**6)
@given(st.lists(st.lists(st.integers(0, 99), min_size=4, max_size=4), min_size=3, max_size=3))
def test_row_of_four_keeps_the_true_reading(groups: list[list[int]]) -> None:
    values = [v for group in groups for v in (*group, sum(group))]
    found = consistent_splits(["".join(map(str, values))], 15, ROW_OF_FOUR, limit=10**6)
    assert found.complete and tuple(map(str, values)) in found.readings
    assert all(_holds(r, ROW_OF_FOUR) for r in found.readings)


def test_search_stops_at_the_second_reading() -> None:
    row = "1234" "5678" "4321" "8765" "1111" "222" "21331"  # 28 digits, three consistent readings
    assert len(consistent_splits([row], 7, ROW_OF_THREE, limit=10).readings) == 3
    assert len(consistent_splits([row], 7, ROW_OF_THREE).readings) == 2


def test_text_and_decimal_tokens() -> None:
    assert consistent_splits(["12", "未统计", "5"], 4, [], limit=10).readings == [("1", "2", "未统计", "5")]
    assert list(splits(["12.5", "3"], 3)) == [("1", "2.5", "3")]
    assert list(splits(["1", "23"], 3)) == [("1", "2", "3")]
    assert consistent_splits(["713000074"], 7, ROW_OF_THREE).readings == [("71", "3", "0", "0", "0", "0", "74")]
