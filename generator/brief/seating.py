"""Head-table seating order (主席台座次) by rank.

Protocol used by Party and government meetings: the centre is the most senior seat and, from the
point of view of the people seated at the table (facing the audience), *left is above right*
(政务场合“以左为上”). So:

- odd count: No. 1 in the centre, No. 2 on No. 1's left, No. 3 on No. 1's right, No. 4 on No. 2's
  left, No. 5 on No. 3's right, and so on, alternating outwards;
- even count: the same alternation, so No. 1 and No. 2 take the centre pair, No. 2 still on No. 1's
  left, No. 3 on No. 1's right.

The seated leaders' left is the audience's right. Seen from the audience, left to right:
5 3 1 2 4 (five people), 3 1 2 4 (four people). Some local manuals put No. 1 on the left of the
centre pair for even counts (4 2 1 3 from the audience); we keep one rule for both cases, as the
issue states it, and print the audience's left and right on the chart so nobody has to guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.model.records import Attendee


@dataclass(frozen=True)
class Seat:
    """One seat at the head table, numbered from the audience's left."""

    position: int  # 1 = leftmost seat as the audience sees it
    order: int  # 1 = most senior (位次)
    name: str
    title: str | None


@dataclass
class Seating:
    """Seats from the audience's left to right, plus the attendees in rank order for name cards."""

    seats: list[Seat] = field(default_factory=list)
    ranked: list[Attendee] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def audience_view_order(count: int) -> list[int]:
    """Return the rank numbers seat by seat, from the audience's left to the audience's right."""
    row: list[int] = [1] if count else []
    for order in range(2, count + 1):
        if order % 2 == 0:
            row.append(order)  # seated leader's left = audience's right
        else:
            row.insert(0, order)  # seated leader's right = audience's left
    return row


def rank_attendees(attendees: list[Attendee]) -> tuple[list[Attendee], list[str]]:
    """Sort by rank (1 first); unranked people go last in file order. Warn about gaps in the data."""
    warnings: list[str] = []
    counts = Counter(a.rank for a in attendees if a.rank is not None)
    for rank, number in sorted(counts.items()):
        if number > 1:
            names = "、".join(a.name for a in attendees if a.rank == rank)
            warnings.append(f"位次 {rank} 重复（{names}）：暂按事件文件中的先后排列，请科长核定")
    unranked = [a.name for a in attendees if a.rank is None]
    if unranked and len(unranked) < len(attendees):
        warnings.append(f"{'、'.join(unranked)} 没有写位次（rank）：暂排在最后，请核定")
    elif unranked and len(attendees) > 1:
        warnings.append("出席人员都没有写位次（rank）：暂按事件文件中的先后排列，请核定")
    indexed = list(enumerate(attendees))
    indexed.sort(key=lambda pair: (pair[1].rank is None, pair[1].rank or 0, pair[0]))
    return [attendee for _, attendee in indexed], warnings


def seat_head_table(attendees: list[Attendee]) -> Seating:
    """Seat everyone at the head table by rank, following the protocol in this module's docstring."""
    ranked, warnings = rank_attendees(attendees)
    seats = [
        Seat(position, order, ranked[order - 1].name, ranked[order - 1].title)
        for position, order in enumerate(audience_view_order(len(ranked)), start=1)
    ]
    return Seating(seats, ranked, warnings)
