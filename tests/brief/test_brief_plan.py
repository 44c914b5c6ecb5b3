"""The pack as data: what comes back from past reviews, guidelines and habit notes, and what stays out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.brief.lessons import collect_lessons
from generator.brief.plan import Pack, plan_brief
from generator.brief.relevance import event_query, search_scores
from generator.load import load_content, load_event
from tests.brief.helpers import BARE_EVENT, write_event


def _pack(root: Path, event_path: Path, audience: str = "internal") -> Pack:
    event, _ = load_event(event_path)
    return plan_brief(event, load_content(root), audience, today=date(2025, 6, 1))


def _fixes(pack: Pack) -> list[str]:
    return [(p.problem.fix or "").split()[0] for p in pack.lessons.problems if p.problem.fix]


def test_every_related_past_fix_comes_back(brief_root: Path, reception_event: Path) -> None:
    fixes = _fixes(_pack(brief_root, reception_event))
    assert {"FIX-R1A", "FIX-R1B", "FIX-R2A", "FIX-R3A"} <= set(fixes)


def test_unrelated_future_and_restricted_reviews_stay_out(brief_root: Path, reception_event: Path) -> None:
    fixes = _fixes(_pack(brief_root, reception_event))
    assert "FIX-UNRELATED" not in fixes  # other type, no shared tag
    assert "FIX-FUTURE" not in fixes  # held after the event: not a past review
    assert "FIX-RESTRICTED" not in fixes  # restricted review, internal pack


def test_restricted_reviews_come_back_only_to_restricted_readers(brief_root: Path, reception_event: Path) -> None:
    pack = _pack(brief_root, reception_event, "restricted")
    assert "FIX-RESTRICTED" in _fixes(pack)
    restricted = [p for p in pack.lessons.problems if p.source.restricted]
    assert [p.problem.what for p in restricted] == ["RESTRICTED-PROBLEM 拆迁户拦车反映诉求"]
    assert any(a.action.what.startswith("RESTRICTED-ACTION") for a in pack.lessons.open_actions)


def test_most_relevant_review_comes_first(brief_root: Path, reception_event: Path) -> None:
    pack = _pack(brief_root, reception_event)
    assert pack.lessons.sources[0].id == "r1-reception"  # same type and two shared tags
    assert pack.lessons.problems[0].source.id == "r1-reception"
    assert pack.lessons.problems[0].problem.severity == "高"


def test_recurring_problems_are_grouped_across_reviews_and_scripts(brief_root: Path, reception_event: Path) -> None:
    groups = {g.label: g for g in _pack(brief_root, reception_event).lessons.recurring}
    substitute = next(g for label, g in groups.items() if "席卡" in label)
    assert {m.source.id for m in substitute.members} == {"r1-reception", "r2-meeting"}
    assert substitute.review_count == 2
    cars = next(g for label, g in groups.items() if "公务用车" in label)
    assert {m.source.id for m in cars.members} == {"r1-reception", "r3-traditional"}  # 公務用車 = 公务用车
    assert len(groups) == 2


def test_open_actions_are_listed_overdue_first(brief_root: Path, reception_event: Path) -> None:
    actions = _pack(brief_root, reception_event).lessons.open_actions
    assert [(a.action.what.split()[0], a.overdue) for a in actions] == [("ACT-OVERDUE", True), ("ACT-OPEN", False)]
    assert actions[0].action.owner == "张三（秘书一科）" and actions[0].action.due == date(2025, 5, 1)


def test_guidelines_apply_by_type_or_shared_tag(brief_root: Path, reception_event: Path) -> None:
    internal = _pack(brief_root, reception_event)
    assert [g.id for g in internal.guidelines] == ["g-reception", "g-tag"]
    assert internal.guidelines[0].reason == "适用于接待"
    assert internal.guidelines[1].reason == "共同标签：席卡"
    items = [item for g in internal.guidelines for rule in g.rules for item in rule.items]
    assert items == ["CHK-G1A 接待级别和标准已问清", "CHK-G1B 来宾名单已拿到书面版本",
                     "RULE-TEXT 行程有变第一时间报告科长", "CHK-G2 席卡姓名逐字核对"]
    restricted = _pack(brief_root, reception_event, "restricted")
    assert "g-restricted" in [g.id for g in restricted.guidelines]


def test_habit_notes_only_of_attending_leaders_and_only_when_restricted(brief_root: Path, reception_event: Path) -> None:
    assert _pack(brief_root, reception_event).habits == []
    notes = _pack(brief_root, reception_event, "restricted").habits
    assert [n.person for n in notes] == ["林振华"]
    assert notes[0].sections == [("饮食", ["HABIT-DIET 饮食清淡，不吃辣"]), ("工作要求", ["HABIT-WORK 讲话稿提纲先报审"])]


def test_three_essentials_and_questions_answered_from_the_event(brief_root: Path, reception_event: Path) -> None:
    pack = _pack(brief_root, reception_event)
    assert [(e.label, e.warning) for e in pack.essentials] == [
        ("时间", None), ("地点", None), ("出席人员", None), ("来宾方联系人", None)]
    assert pack.essentials[0].value == "2025年6月10日（星期二）9:30"
    assert all(q.answered for q in pack.questions)
    assert pack.questions[1].answer == "市商务局调研组；联系人 市商务局办公室 钟雅琴 86112233；最终人数 6 人"
    assert pack.warnings == []


def test_every_missing_essential_gets_a_warning(brief_root: Path, tmp_path: Path) -> None:
    pack = _pack(brief_root, write_event(tmp_path, BARE_EVENT))
    warned = {e.label: e.warning for e in pack.essentials}
    assert all(warned.values()), warned
    assert "几点几分" in (warned["时间"] or "")
    assert [q.answered for q in pack.questions] == [False, False, False]
    assert pack.questions[1].missing == "来宾方联系人、最终人数待问清"
    assert len(pack.warnings) == 4


def test_search_scores_rank_with_the_index(brief_root: Path, reception_event: Path) -> None:
    event, _ = load_event(reception_event)
    content = load_content(brief_root)
    assert event_query(event).split()[:3] == ["接待", "席卡", "用车"]
    scores = search_scores(event, content, "internal")
    assert scores, "the search stage should find the related reviews"
    assert "r5-restricted" not in scores  # the internal edition of the index holds nothing restricted
    lessons = collect_lessons(event, content, "internal", scores)
    assert lessons.sources[0].id == "r1-reception"


@pytest.mark.parametrize("audience", ["public", "internal", "restricted"])
def test_nothing_above_the_audience_enters_the_pack(brief_root: Path, reception_event: Path, audience: str) -> None:
    pack = _pack(brief_root, reception_event, audience)
    restricted_text = [p for p in pack.lessons.problems if p.source.restricted] + pack.habits  # type: ignore[operator]
    assert bool(restricted_text) == (audience == "restricted")


def test_the_contact_warning_fits_the_event(brief_root: Path, tmp_path: Path) -> None:
    meeting = _pack(brief_root, write_event(tmp_path, BARE_EVENT, "meeting.yml"))
    assert (meeting.essentials[3].warning or "").startswith("没有写来宾（guests）：如有外单位人员参加")
    reception = _pack(brief_root, write_event(tmp_path, BARE_EVENT.replace("type: 会议", "type: 接待"), "r.yml"))
    assert (reception.essentials[3].warning or "").startswith("没有写来宾方联系人")
