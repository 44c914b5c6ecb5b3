"""Head-table seating by rank: centre first, then the seated leader's left, then right, alternating."""

from __future__ import annotations

import pytest

from generator.brief.seating import audience_view_order, seat_head_table
from generator.model.records import Attendee

# Seen from the audience, left to right. The seated leaders' left is the audience's right.
EXPECTED = {
    1: [1],
    2: [1, 2],
    3: [3, 1, 2],
    4: [3, 1, 2, 4],
    5: [5, 3, 1, 2, 4],
    6: [5, 3, 1, 2, 4, 6],
    7: [7, 5, 3, 1, 2, 4, 6],
    8: [7, 5, 3, 1, 2, 4, 6, 8],
    9: [9, 7, 5, 3, 1, 2, 4, 6, 8],
}


@pytest.mark.parametrize("count", sorted(EXPECTED))
def test_seating_order_matches_the_protocol(count: int) -> None:
    assert audience_view_order(count) == EXPECTED[count]


@pytest.mark.parametrize("count", sorted(EXPECTED))
def test_the_protocol_in_words(count: int) -> None:
    row = audience_view_order(count)  # audience's left → right
    seated = row[::-1]  # the seated leaders' left → right
    one = seated.index(1)
    if count % 2:
        assert one == count // 2, "odd: No. 1 in the exact centre"
    else:
        assert {seated[count // 2 - 1], seated[count // 2]} == {1, 2}, "even: 1 and 2 take the centre pair"
    for order in range(2, count + 1):
        position = seated.index(order)
        inner = seated.index(order - 2) if order > 2 else one
        if order % 2 == 0:
            assert position == inner - 1, f"{order} sits on the seated leader's left of {max(order - 2, 1)}"
        else:
            assert position == inner + 1, f"{order} sits on the seated leader's right of {max(order - 2, 1)}"


def test_no_attendees_means_no_seats() -> None:
    assert audience_view_order(0) == []
    assert seat_head_table([]).seats == []


def test_seats_carry_names_by_rank_whatever_the_file_order() -> None:
    attendees = [Attendee(name="乙", rank=2), Attendee(name="丙", rank=3), Attendee(name="甲", title="区长", rank=1)]
    seating = seat_head_table(attendees)
    assert [s.name for s in seating.seats] == ["丙", "甲", "乙"]
    assert [s.position for s in seating.seats] == [1, 2, 3]
    assert [a.name for a in seating.ranked] == ["甲", "乙", "丙"]
    assert seating.warnings == []


def test_unranked_and_duplicate_ranks_are_kept_in_file_order_with_warnings() -> None:
    attendees = [Attendee(name="甲", rank=1), Attendee(name="丁"), Attendee(name="乙", rank=2), Attendee(name="丙", rank=2)]
    seating = seat_head_table(attendees)
    assert [a.name for a in seating.ranked] == ["甲", "乙", "丙", "丁"]
    assert any("位次 2 重复（乙、丙）" in w for w in seating.warnings)
    assert any("丁 没有写位次" in w for w in seating.warnings)
