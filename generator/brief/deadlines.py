"""Deadlines from the "three two-thirds" rule (三个三分之二) and the three checks after a notice (三看).

The rule (seed 001): a speech draft goes for review, and an event is fully prepared, within the
first two-thirds of the time between receiving the task and the event. We count that time in
whole calendar days and round the two-thirds point *down* to a whole day:

    lead_days  = event_day - assigned                  (calendar days)
    two_thirds = assigned + floor(2 * lead_days / 3)   (due by the end of that day)

Rounding down keeps the due date inside the first two-thirds, never after it:
assigned 2025-06-01, event 2025-06-10 → 9 days → 6 days → 2025-06-07, leaving three days
for review, walking the route and changes (the example in guideline three-two-thirds).

Every date the pack proposes is then moved to the last working day on or before it (宁早勿晚), by
the official calendar of holidays and 调休 (generator/lessons/workdays.py): 2025-06-07 is a
Saturday, so the drafts are due on Friday 2025-06-06. The day the task arrived and the event's own
day are facts, not proposals, and stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from generator.lessons.workdays import WEEKDAYS, WorkingDay, day_off_reason, last_working_day


@dataclass(frozen=True)
class Reminder:
    """One dated line of the timetable."""

    day: date
    label: str
    detail: str
    time: str | None = None  # "9:00" when the reminder has a time of day
    key: bool = False  # a deadline of the 三个三分之二 rule (printed in bold)
    moved_from: date | None = None  # the rule's date, when it fell on a day off


@dataclass(frozen=True)
class Schedule:
    """The timetable from receiving the task to the event."""

    assigned: date
    assigned_is_default: bool  # `assigned` was not in the event file: today was used
    event_day: date
    event_time: str | None
    lead_days: int
    two_thirds: date  # the working day the drafts and preparations are due
    reminders: list[Reminder] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rule_day: date | None = None  # the two-thirds point itself, when it was not a working day
    notes: list[str] = field(default_factory=list)  # how proposed dates were moved to working days


def two_thirds_point(assigned: date, event_day: date) -> date:
    """Return the last day inside the first two-thirds of the lead time (rounded down to whole days)."""
    lead_days = (event_day - assigned).days
    if lead_days < 0:
        raise ValueError(f"assigned {assigned} is after the event {event_day}")
    return assigned + timedelta(days=2 * lead_days // 3)


def _minus_minutes(time_of_day: str, minutes: int) -> str:
    hours, mins = (int(part) for part in time_of_day.split(":"))
    total = max(hours * 60 + mins - minutes, 0)
    return f"{total // 60}:{total % 60:02d}"


def make_schedule(
    assigned: date, event_day: date, event_time: str | None = None, *, assigned_is_default: bool = False
) -> Schedule:
    """Compute the deadlines and the dated 三看 reminders; an assigned date after the event is a ValueError."""
    lead_days = (event_day - assigned).days
    if lead_days < 0:
        raise ValueError(f"assigned {assigned} is after the event {event_day}")
    rule_day = two_thirds_point(assigned, event_day)
    moved = _on_working_days([rule_day, event_day - timedelta(days=1)], assigned)
    due = moved[0].day
    warnings: list[str] = []
    if assigned_is_default:
        warnings.append(f"事件文件没有写接到任务日期（assigned），按今天{assigned.year}年{assigned.month}月{assigned.day}日计算")
    if lead_days == 0:
        warnings.append("当天接到任务、当天举办：没有提前量，讲话稿和各项准备都必须当天完成，请立即向科长报告人手安排")
    elif lead_days <= 2:
        warnings.append(f"距活动只有{lead_days}天：三分之二时点就是{'当天' if due == assigned else '次日'}，请当天召开事前安排会")

    check_again = min(max(moved[1].day, assigned), event_day)
    notes, calendar_warning = _moved_notes(moved)
    if calendar_warning:
        warnings.append(calendar_warning)
    due_from = rule_day if due != rule_day else None
    reminders = [
        Reminder(assigned, "接到任务，完成“三问”",
                 "当天问清接待规格和标准、来宾方联系人和最终人数、我方牵头人；先定场地，再排其他"),
        Reminder(due, "讲话稿送审截止", "讲话稿初稿在三分之二时点前送领导审阅（三个三分之二）", key=True,
                 moved_from=due_from),
        Reminder(due, "筹备就绪截止",
                 "场地、车辆、材料、席卡、人员分工全部落实；剩下的时间用于踩点、演练和应对变化", key=True,
                 moved_from=due_from),
        Reminder(due, "通知最迟发出", "会议（活动）通知最迟在三分之二时点发出，发出当天完成“三看”",
                 moved_from=due_from),
        Reminder(due, "一看：收到没有", "每一位应参会人员是否都收到了通知，没收到的再联系"),
        Reminder(due, "二看：能否准时参加",
                 "不能参加的是否已请假、是否明确替会人员，替会名单是否已送到摆席卡的同志手里"),
        Reminder(due, "三看：有无遗漏", "按会议内容核对有没有应参加而漏通知的单位或人员"),
        Reminder(check_again, "踩点，并再做一次“二看”",
                 "按实际路线和场地走一遍（话筒、投影、停车、引导）；再次确认出席名单和替会人员，据此核定席卡",
                 moved_from=moved[1].proposed if check_again != moved[1].proposed else None),
    ]
    if event_time:
        reminders.append(Reminder(event_day, "会前复核席卡", "对照签到表复核席卡和席次", time=_minus_minutes(event_time, 30)))
    reminders.append(Reminder(event_day, "活动举办", "", time=event_time))
    ordered = sorted(reminders, key=lambda r: (r.day, r.time is not None, _sort_time(r.time)))
    return Schedule(assigned, assigned_is_default, event_day, event_time, lead_days, due, ordered, warnings,
                    rule_day if due != rule_day else None, notes)


def _on_working_days(proposed: list[date], assigned: date) -> list[WorkingDay]:
    """Move each proposed date to the last working day on or before it, but not before the task arrived."""
    moved = []
    for day in proposed:
        working = last_working_day(day) if day >= assigned else WorkingDay(day, day, True)
        if working.day < assigned:  # no working day between receiving the task and the date: keep the date
            working = WorkingDay(day, day, working.calendar_known)
        moved.append(working)
    return moved


def _moved_notes(moved: list[WorkingDay]) -> tuple[list[str], str | None]:
    """Say which dates moved and why; and, for a year the calendar does not hold, that only weekends were avoided."""
    notes = []
    for working in dict.fromkeys(moved):
        if working.moved:
            notes.append(
                f"{_short(working.proposed)}是{day_off_reason(working.proposed)}，提前到此前最后一个工作日"
                f"{_short(working.day)}（星期{WEEKDAYS[working.day.weekday()]}）"
            )
    unknown = sorted({w.proposed.year for w in moved if not w.calendar_known})
    warning = None
    if unknown:
        years = "、".join(f"{y}年" for y in unknown)
        warning = (f"{years}的法定节假日和调休安排还没有收录，时间节点只避开了星期六、星期日："
                   "请对照国务院办公厅的放假通知核对")
    return notes, warning


def _short(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _sort_time(time_of_day: str | None) -> int:
    if not time_of_day:
        return 0
    hours, mins = (int(part) for part in time_of_day.split(":"))
    return hours * 60 + mins
