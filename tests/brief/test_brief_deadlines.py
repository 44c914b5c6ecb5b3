"""The 三个三分之二 deadline rule and the dated 三看 reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.brief.deadlines import make_schedule, two_thirds_point
from generator.brief.plan import check_event, plan_brief
from generator.lessons.workdays import known_years
from generator.load import load_content, load_event
from tests.brief.helpers import BARE_EVENT, write_event


def test_the_issue_example_is_due_on_the_seventh() -> None:
    assert two_thirds_point(date(2025, 6, 1), date(2025, 6, 10)) == date(2025, 6, 7)


@pytest.mark.parametrize(
    ("lead_days", "due_after"),
    [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (9, 6), (10, 6), (30, 20), (31, 20)],
)
def test_two_thirds_is_rounded_down_to_whole_days(lead_days: int, due_after: int) -> None:
    assigned = date(2025, 6, 1)
    assert two_thirds_point(assigned, assigned + timedelta(days=lead_days)) == assigned + timedelta(days=due_after)


@given(
    assigned=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)),
    lead_days=st.integers(min_value=0, max_value=800),
)
def test_the_due_day_is_the_last_whole_day_inside_the_first_two_thirds(assigned: date, lead_days: int) -> None:
    due = two_thirds_point(assigned, assigned + timedelta(days=lead_days))
    used = (due - assigned).days
    assert 3 * used <= 2 * lead_days < 3 * (used + 1)


def test_receiving_the_task_after_the_event_is_refused() -> None:
    with pytest.raises(ValueError):
        two_thirds_point(date(2025, 6, 11), date(2025, 6, 10))
    with pytest.raises(ValueError):
        make_schedule(date(2025, 6, 11), date(2025, 6, 10))


def test_same_day_task_is_due_at_once_with_a_warning() -> None:
    schedule = make_schedule(date(2025, 6, 10), date(2025, 6, 10), "9:30")
    assert schedule.two_thirds == date(2025, 6, 10)
    assert {r.day for r in schedule.reminders} == {date(2025, 6, 10)}
    assert any("没有提前量" in w for w in schedule.warnings)


def test_reminders_cover_the_three_checks_in_date_order() -> None:
    schedule = make_schedule(date(2025, 6, 1), date(2025, 6, 10), "9:30")
    by_label = {r.label: r for r in schedule.reminders}
    # the two-thirds point, Saturday 7 June, moves to the last working day before it (宁早勿晚)
    assert by_label["讲话稿送审截止"].day == date(2025, 6, 6) and by_label["讲话稿送审截止"].key
    assert by_label["讲话稿送审截止"].moved_from == date(2025, 6, 7)
    assert by_label["筹备就绪截止"].day == date(2025, 6, 6) and by_label["筹备就绪截止"].key
    for check in ("一看：收到没有", "二看：能否准时参加", "三看：有无遗漏"):
        assert by_label[check].day == date(2025, 6, 6)
    assert schedule.notes == ["6月7日是星期六，提前到此前最后一个工作日6月6日（星期五）"]
    assert by_label["踩点，并再做一次“二看”"].day == date(2025, 6, 9)
    assert (by_label["会前复核席卡"].day, by_label["会前复核席卡"].time) == (date(2025, 6, 10), "9:00")
    days = [(r.day, r.time or "") for r in schedule.reminders]
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    assert schedule.reminders[-1].label == "活动举办"
    assert all(date(2025, 6, 1) <= r.day <= date(2025, 6, 10) for r in schedule.reminders)


def test_an_assigned_date_after_the_event_is_a_positioned_error(tmp_path: Path) -> None:
    path = write_event(tmp_path, BARE_EVENT.replace("assigned: 2025-06-01", "assigned: 2025-06-12"))
    event, positions = load_event(path, "event.yml")
    problems = check_event(event, positions, "event.yml")
    assert [str(p) for p in problems.errors] == [
        "event.yml:4:11: 接到任务日期 2025-06-12 晚于活动日期 2025-06-10，无法计算时限：请核对 assigned 和 date"
    ]


def test_without_assigned_today_is_used_and_said(tmp_path: Path, brief_root: Path) -> None:
    path = write_event(tmp_path, BARE_EVENT.replace("assigned: 2025-06-01\n", ""))
    event, _ = load_event(path)
    pack = plan_brief(event, load_content(brief_root), today=date(2025, 6, 4))
    assert pack.schedule is not None
    assert pack.schedule.assigned == date(2025, 6, 4) and pack.schedule.assigned_is_default
    assert pack.schedule.rule_day == date(2025, 6, 8)  # a Sunday
    assert pack.schedule.two_thirds == date(2025, 6, 6)
    assert any("按今天2025年6月4日计算" in w for w in pack.warnings)


def test_a_past_event_without_assigned_still_gets_a_pack_with_a_warning(tmp_path: Path, brief_root: Path) -> None:
    path = write_event(tmp_path, BARE_EVENT.replace("assigned: 2025-06-01\n", ""))
    event, _ = load_event(path)
    pack = plan_brief(event, load_content(brief_root), today=date(2025, 7, 1))
    assert pack.schedule is None
    assert any("无法计算时限" in w for w in pack.warnings)


# ---------------------------------------------------------------- working days (official calendar, 调休)
@pytest.mark.parametrize(
    ("assigned", "event_day", "rule_day", "due", "note"),
    [
        # the issue's case: the two-thirds point on a Sunday moves to Friday
        (date(2026, 11, 30), date(2026, 12, 10), date(2026, 12, 6), date(2026, 12, 4),
         "12月6日是星期日，提前到此前最后一个工作日12月4日（星期五）"),
        # inside the National Day holiday (1–8 October 2025): back to the last day before it
        (date(2025, 9, 27), date(2025, 10, 6), date(2025, 10, 3), date(2025, 9, 30),
         "10月3日是国庆节假期，提前到此前最后一个工作日9月30日（星期二）"),
        # Saturday 11 October 2025 is a working day by the State Council's notice (调休): it stays
        (date(2025, 10, 5), date(2025, 10, 14), date(2025, 10, 11), date(2025, 10, 11), None),
        # Sunday 28 September 2025 is a working day too
        (date(2025, 9, 22), date(2025, 10, 1), date(2025, 9, 28), date(2025, 9, 28), None),
    ],
)
def test_the_deadline_moves_to_the_last_working_day_on_or_before_it(
    assigned: date, event_day: date, rule_day: date, due: date, note: str | None
) -> None:
    schedule = make_schedule(assigned, event_day, "9:30")
    assert two_thirds_point(assigned, event_day) == rule_day
    assert schedule.two_thirds == due
    assert (note in schedule.notes) if note else not any(n.startswith(f"{rule_day.month}月{rule_day.day}日") for n in schedule.notes)
    assert not any("还没有收录" in w for w in schedule.warnings)


def test_walking_the_route_moves_off_the_holiday_too() -> None:
    schedule = make_schedule(date(2025, 9, 27), date(2025, 10, 6), "9:30")
    walk = next(r for r in schedule.reminders if r.label.startswith("踩点"))
    assert (walk.day, walk.moved_from) == (date(2025, 9, 30), date(2025, 10, 5))
    event = next(r for r in schedule.reminders if r.label == "活动举办")
    assert event.day == date(2025, 10, 6)  # the event's own day is a fact, never moved


def test_a_year_the_calendar_does_not_hold_avoids_weekends_and_says_so() -> None:
    from generator.lessons.workdays import calendar_knows

    later = date(max(known_years()) + 1, 3, 1)
    assert not calendar_knows(later)
    assigned = later
    event_day = assigned + timedelta(days=9)
    schedule = make_schedule(assigned, event_day, "9:30")
    assert schedule.two_thirds.weekday() < 5
    assert schedule.two_thirds <= two_thirds_point(assigned, event_day)
    assert any(f"{later.year}年的法定节假日和调休安排还没有收录" in w for w in schedule.warnings)


def test_the_task_arriving_on_a_day_off_keeps_a_deadline_that_cannot_move_earlier() -> None:
    # received on Saturday 4 October 2025 (holiday), event on the 6th: nothing earlier is possible
    schedule = make_schedule(date(2025, 10, 4), date(2025, 10, 6), "9:30")
    assert schedule.two_thirds == date(2025, 10, 5)


def test_the_pack_says_when_the_calendar_does_not_know_the_year(tmp_path: Path, brief_root: Path) -> None:
    from generator.brief.render import render_pack
    from tests.brief.helpers import docx_text

    year = max(known_years()) + 1
    text = BARE_EVENT.replace("date: 2025-06-10", f"date: {year}-06-10").replace("assigned: 2025-06-01",
                                                                                   f"assigned: {year}-06-01")
    event, _ = load_event(write_event(tmp_path, text))
    pack = plan_brief(event, load_content(brief_root), today=date(year, 6, 1))
    out = tmp_path / "pack.docx"
    out.write_bytes(render_pack(pack))
    assert f"【注意】{year}年的法定节假日和调休安排还没有收录，时间节点只避开了星期六、星期日" in docx_text(out)
