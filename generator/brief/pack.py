"""The briefing pack as a library call: load and check the event and the whole content, then plan it.

Two phases, as everywhere: every problem in the event and the content is reported before anything
is planned or written (the command in generator/brief/command.py only adds writing).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.brief.plan import Pack, check_event, plan_brief
from generator.brief.relevance import search_scores
from generator.cache import cache_folder
from generator.errors import ContentError, Problems, UsageError
from generator.load import Content, load_content, load_event
from generator.model.records import AUDIENCE_RANK, Event


def load_inputs(event_path: Path, root: Path) -> tuple[Event, Content]:
    """Load the event and the content; raise one ContentError listing every problem in both."""
    problems = Problems()
    display = str(event_path)
    event = content = None
    try:
        event, positions = load_event(event_path, display)
        problems.extend(check_event(event, positions, display))
    except ContentError as exc:
        problems.extend(exc.problems)
    try:
        content = load_content(root, cache_dir=cache_folder(root))
    except ContentError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    assert event is not None and content is not None
    return event, content


def make_pack(event_path: Path, root: Path, audience: str = "internal", today: date | None = None) -> Pack:
    """Load, check and plan one briefing pack (the library entry point; the command only adds writing)."""
    event, content = load_inputs(event_path, root)
    if AUDIENCE_RANK[event.audience] > AUDIENCE_RANK[audience]:
        raise UsageError(
            f"事件文件 {event_path} 标为 {event.audience}，高于 --audience {audience}：请加 --audience {event.audience}"
        )
    scores = search_scores(event, content, audience)
    return plan_brief(event, content, audience, today=today, search_scores=scores)
