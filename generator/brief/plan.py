"""The briefing pack as data: everything the pre-event meeting (事前安排会) needs, computed from
one event and the content, before anything is drawn. generator/brief/render.py turns it into .docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.brief.deadlines import Schedule, make_schedule
from generator.brief.lessons import Lessons, collect_lessons, event_date, tag_set
from generator.brief.seating import Seating, seat_head_table
from generator.documents.wording import chinese_date
from generator.errors import Problems
from generator.lessons.terms import normalise
from generator.lessons.workdays import WEEKDAYS
from generator.load import Content
from generator.load.reader import Positions
from generator.model.records import AUDIENCE_RANK, Event, Guideline, Habit

HABIT_SECTIONS = (("diet", "饮食"), ("routine", "作息"), ("work", "工作要求"), ("travel", "出行"), ("other", "其他"))


def chinese_date_weekday(day: date) -> str:
    return f"{chinese_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def event_clock(event: Event) -> str | None:
    """The event's time of day as written in Chinese documents (9:30, not 09:30), or None."""
    if len(event.date) <= 10:
        return None
    hours, minutes = event.date[11:].split(":")
    return f"{int(hours)}:{minutes}"


@dataclass(frozen=True)
class Essential:
    """One of the three essentials (time, place, attendees) or the guest side's contact."""

    label: str
    value: str | None
    warning: str | None = None


@dataclass(frozen=True)
class Question:
    """One of the three questions (三问) asked on receiving a reception task."""

    label: str
    purpose: str
    answer: str | None  # what the event file already says
    missing: str | None  # what is still to be asked

    @property
    def answered(self) -> bool:
        return self.missing is None


@dataclass(frozen=True)
class RuleChecklist:
    title: str
    items: list[str]


@dataclass(frozen=True)
class GuidelineChecklist:
    id: str
    title: str
    reason: str  # why it applies: 适用于接待；共同标签：席卡
    rules: list[RuleChecklist]


@dataclass(frozen=True)
class HabitNote:
    person: str
    role: str | None
    updated: date
    sections: list[tuple[str, list[str]]]
    notes: str | None


@dataclass
class Pack:
    """Everything in one briefing pack, in the order it is printed."""

    event: Event
    organisation: str
    audience: str
    prepared: date  # the day the pack was made
    essentials: list[Essential]
    questions: list[Question]
    guidelines: list[GuidelineChecklist]
    lessons: Lessons
    schedule: Schedule | None
    seating: Seating
    habits: list[HabitNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # also printed on the terminal

    @property
    def restricted(self) -> bool:
        return self.audience == "restricted"


def check_event(event: Event, positions: Positions, display: str) -> Problems:
    """Cross-field checks the model cannot make: the task cannot be received after the event."""
    problems = Problems()
    if event.assigned is not None and event.assigned > event_date(event):
        line, col = positions.value(("assigned",))
        problems.add(
            display, line, col,
            f"接到任务日期 {event.assigned.isoformat()} 晚于活动日期 {event.date[:10]}，无法计算时限："
            "请核对 assigned 和 date",
        )
    return problems


def _attendee_text(event: Event) -> str:
    return "、".join(f"{a.name}（{a.title}）" if a.title else a.name for a in event.attendees)


def _contact_warning(event: Event) -> str:
    if event.guests is None and event.type not in ("接待", "活动"):
        return "没有写来宾（guests）：如有外单位人员参加，请问清对方联系人的姓名、职务和电话"
    return "没有写来宾方联系人：请问清对方联系人的姓名、职务和电话"


def essentials(event: Event) -> list[Essential]:
    """The three essentials and the guest contact, each with a warning when missing."""
    time_of_day = event_clock(event)
    when = chinese_date_weekday(event_date(event)) + (time_of_day or "")
    guests = event.guests
    contact = guests.contact if guests else None
    return [
        Essential("时间", when, None if time_of_day else "只写了日期，没有写具体时刻：通知和安排必须写到几点几分"),
        Essential("地点", event.place, None if event.place else "没有写地点：请写明楼栋、楼层和会议室名称"),
        Essential(
            "出席人员", _attendee_text(event) or None,
            None if event.attendees else "没有列出出席人员：请列出姓名、职务和位次，据此制作席卡、排定席次",
        ),
        Essential("来宾方联系人", contact, None if contact else _contact_warning(event)),
    ]


def questions(event: Event) -> list[Question]:
    """The three questions (三问), answered from the event where it already says."""
    guests = event.guests
    guest_parts = []
    guest_missing = []
    if guests and guests.unit:
        guest_parts.append(guests.unit)
    if guests and guests.contact:
        guest_parts.append(f"联系人 {guests.contact}")
    else:
        guest_missing.append("来宾方联系人")
    if guests and guests.headcount is not None:
        guest_parts.append(f"最终人数 {guests.headcount} 人")
    else:
        guest_missing.append("最终人数")
    return [
        Question("一问：接待规格和标准", "决定场地和经费", event.level,
                 None if event.level else "接待规格和标准待问清"),
        Question("二问：来宾方联系人和最终人数", "据此定桌数、席卡、席次、着装和礼品",
                 "；".join(guest_parts) or None, "、".join(guest_missing) + "待问清" if guest_missing else None),
        Question("三问：我方牵头人", "便于及时请示、确定时间", event.lead,
                 None if event.lead else "我方牵头领导待确定"),
    ]


def applicable_guidelines(event: Event, content: Content, audience: str) -> list[GuidelineChecklist]:
    """Every guideline the reader may see whose applies_to includes the event type or that shares a tag."""
    event_tags = tag_set(event.tags)
    found: list[tuple[tuple[int, int, str], GuidelineChecklist]] = []
    for item in content.of_kind("guideline"):
        guideline: Guideline = item.model
        if not item.visible_to(audience):
            continue
        by_type = event.type in guideline.applies_to
        shared = [tag for tag in guideline.tags if normalise(tag) in event_tags]
        if not by_type and not shared:
            continue
        reasons = ([f"适用于{event.type}"] if by_type else []) + ([f"共同标签：{'、'.join(shared)}"] if shared else [])
        rules = [RuleChecklist(rule.title, list(rule.checklist) or ([rule.text] if rule.text else [])) for rule in guideline.rules]
        found.append(((-by_type, -len(shared), item.id), GuidelineChecklist(item.id, guideline.title, "；".join(reasons), rules)))
    return [checklist for _, checklist in sorted(found, key=lambda pair: pair[0])]


def attending_habits(event: Event, content: Content) -> list[HabitNote]:
    """Habit notes of the attending leaders and our lead, matched by name (restricted packs only)."""
    names = [normalise(a.name) for a in event.attendees]
    lead = normalise(event.lead or "")
    notes = []
    for item in content.of_kind("habit"):
        habit: Habit = item.model
        person = normalise(habit.person)
        if person not in names and not (person and person in lead):
            continue
        sections = [(label, list(getattr(habit, key))) for key, label in HABIT_SECTIONS if getattr(habit, key)]
        order = names.index(person) if person in names else len(names)
        notes.append((order, HabitNote(habit.person, habit.role, habit.updated, sections, habit.notes)))
    return [note for _, note in sorted(notes, key=lambda pair: pair[0])]


def plan_brief(
    event: Event, content: Content, audience: str = "internal", *,
    today: date | None = None, search_scores: dict[str, float] | None = None,
) -> Pack:
    """Compute the whole pack; nothing above `audience` enters it."""
    if audience not in AUDIENCE_RANK:
        raise ValueError(f"unknown audience {audience!r}")
    today = today or date.today()
    event_day = event_date(event)
    warnings: list[str] = []
    assigned = event.assigned or today
    schedule = None
    if assigned > event_day:
        warnings.append(
            f"活动日期 {chinese_date(event_day)} 已早于今天 {chinese_date(today)}，事件文件又没有写接到任务日期"
            "（assigned）：无法计算时限。请在事件文件中写上 assigned"
        )
    else:
        schedule = make_schedule(assigned, event_day, event_clock(event), assigned_is_default=event.assigned is None)
        warnings += schedule.warnings
    seating = seat_head_table(event.attendees)
    warnings += seating.warnings
    found = essentials(event)
    warnings += [f"{e.label}：{e.warning}" for e in found if e.warning]
    return Pack(
        event=event,
        organisation=content.config.organisation,
        audience=audience,
        prepared=today,
        essentials=found,
        questions=questions(event),
        guidelines=applicable_guidelines(event, content, audience),
        lessons=collect_lessons(event, content, audience, search_scores),
        schedule=schedule,
        seating=seating,
        habits=attending_habits(event, content) if audience == "restricted" else [],
        warnings=warnings,
    )
