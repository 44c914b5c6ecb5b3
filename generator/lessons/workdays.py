"""Working days in mainland China: weekends, public holidays and the weekend days made working days (调休).

The State Council moves working days around each holiday, so a Saturday can be a working day and a
Tuesday a holiday. The official calendar comes from the chinese-calendar package (import
``chinese_calendar``), which holds each year's State Council notice once it is published. For a year
it does not hold yet, only Saturdays and Sundays count as days off, and the result says so, so that a
clerk can check the date against the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

WEEKDAYS = "一二三四五六日"
# chinese-calendar names holidays in English; a notice names them so
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class WorkingDay:
    """A proposed date moved to the last working day on or before it."""

    day: date  # the working day
    proposed: date  # the date the rule gave
    calendar_known: bool  # False: the official calendar does not cover the year, weekends only

    @property
    def moved(self) -> bool:
        return self.day != self.proposed


def calendar_knows(day: date) -> bool:
    """Tell whether the official holiday calendar covers the year of day."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date) -> bool:
    """A working day by the official calendar; for a year it does not cover, Monday to Friday."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def last_working_day(proposed: date) -> WorkingDay:
    """Return the last working day on or before proposed (宁早勿晚: never later than the rule's date)."""
    day = proposed
    while not is_working_day(day):
        day -= timedelta(days=1)
    known = calendar_knows(proposed) and calendar_knows(day)
    return WorkingDay(day, proposed, known)


def day_off_reason(day: date) -> str:
    """Why a day is not a working day, in the words of a notice: 星期六, 国庆节假期 ...; '' on a working day."""
    if is_working_day(day):
        return ""
    try:
        _, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        name = None
    if name:
        return f"{HOLIDAY_NAMES.get(name, name)}假期"
    return f"星期{WEEKDAYS[day.weekday()]}"



def known_years() -> range:
    """The years the official calendar covers (for the manual and messages)."""
    years = [d.year for d in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)
