"""The official working-day calendar: weekends, holidays and the weekend days made working days (调休)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.lessons.workdays import (
    calendar_knows,
    day_off_reason,
    is_working_day,
    known_years,
    last_working_day,
)


@pytest.mark.parametrize(
    ("day", "working", "reason"),
    [
        (date(2025, 10, 3), False, "国庆节假期"),  # Friday inside the National Day holiday
        (date(2025, 9, 28), True, ""),  # Sunday made a working day before the holiday
        (date(2025, 10, 11), True, ""),  # Saturday made a working day after it
        (date(2026, 12, 6), False, "星期日"),
        (date(2025, 6, 6), True, ""),
    ],
)
def test_the_official_calendar(day: date, working: bool, reason: str) -> None:
    assert is_working_day(day) is working
    assert day_off_reason(day) == reason


def test_last_working_day_goes_back_over_the_whole_holiday() -> None:
    moved = last_working_day(date(2025, 10, 8))
    assert (moved.day, moved.moved, moved.calendar_known) == (date(2025, 9, 30), True, True)
    assert not last_working_day(date(2025, 10, 11)).moved


def test_a_year_the_calendar_does_not_hold_falls_back_to_weekends() -> None:
    year = max(known_years()) + 1
    assert not calendar_knows(date(year, 1, 1))
    saturday = next(date(year, 3, d) for d in range(1, 8) if date(year, 3, d).weekday() == 5)
    moved = last_working_day(saturday)
    assert moved.day.weekday() == 4 and not moved.calendar_known
    assert 2025 in known_years()
