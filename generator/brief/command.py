"""`handbook brief EVENT.yml [-o OUT.docx] [--audience A]`: write the pre-event briefing pack.

Two phases, as everywhere: load and check the event and the whole content first (every problem
reported, nothing written), then plan, render and write the .docx atomically.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from generator.atomic import atomic_write_bytes, output_lock
from generator.brief.plan import Pack, check_event, plan_brief
from generator.brief.relevance import search_scores
from generator.brief.render import render_pack
from generator.errors import ContentError, Problems, UsageError
from generator.load import Content, load_content, load_event
from generator.model.records import AUDIENCE_RANK, Event


def default_output(root: Path, event_path: Path) -> Path:
    return root / "build" / "brief" / f"{event_path.stem}.docx"


def _output_path(args: argparse.Namespace, root: Path) -> Path:
    output: Path = args.output or default_output(root, args.event)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"输出文件应以 .docx 结尾，而不是“{output.name}”：例如 -o 安排会材料.docx")
    if output.is_dir():
        raise UsageError(f"{output} 是一个文件夹：请在 -o 后写文件名，例如 -o {output / '安排会材料.docx'}")
    return output


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
        content = load_content(root, cache_dir=root / "build" / "cache")
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


def run_brief(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    output = _output_path(args, root)
    pack = make_pack(args.event, root, args.audience)
    data = render_pack(pack)
    with output_lock(output):
        atomic_write_bytes(output, data)
    for warning in pack.warnings:
        print(f"{args.event}: 警告：{warning}", file=sys.stderr)
    lessons = pack.lessons
    print(
        f"已生成事前安排会材料：{output}\n"
        f"  {len(pack.guidelines)} 份工作规范的检查清单，{len(lessons.sources)} 份以往总结中的 {len(lessons.problems)} 个问题"
        f"（{len(lessons.recurring)} 类反复出现），{len(lessons.open_actions)} 项未完成整改，"
        f"{len(pack.seating.ranked)} 张席卡；读者范围：{args.audience}"
    )
    return 0
