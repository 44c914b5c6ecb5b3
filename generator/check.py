"""`handbook check`: validate everything and print every problem.

Besides errors it warns (exit 0; --strict makes warnings fatal) when a review repeats a problem an
earlier review had already fixed — its action marked done — since that fix did not hold (整改没有见效).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import ContentError, Problem, Problems
from generator.load import Content, display_path, load_content, load_model
from generator.model.kinds import REGISTRY
from generator.model.records import Event
from generator.options import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="警告也视为错误 / treat warnings as errors")


def run_check(args: argparse.Namespace) -> int:
    problems = Problems()
    content = None
    try:
        content = load_content(args.root)
        problems.extend(proofread_documents(content))
        problems.extend(recurring_after_fix(content))
    except ContentError as exc:
        problems.extend(exc.problems)
    events = check_events(args.root, problems)
    problems.raise_if_any()
    assert content is not None
    warnings = problems.warnings
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings and args.strict:
        raise ContentError(warnings)
    counts = "，".join(f"{len(content.of_kind(kind.name))} 条{kind.chinese}" for kind in REGISTRY)
    print(f"检查通过：{counts}，{events} 个事件示例。")
    return 0


def proofread_documents(content: Content) -> list[Problem]:
    """Proofread every document spec as `handbook doc` would, so check covers documents too."""
    from generator.documents import check_spec  # python-docx is only needed when there are documents

    found: list[Problem] = []
    for item in content.of_kind("document"):
        found += check_spec(item.model, item.positions, item.path, item.display)
    return found


def recurring_after_fix(content: Content) -> list[Problem]:
    """Warn at each problem that happened before although the earlier review's action for it is done."""
    from generator.documents.wording import chinese_date
    from generator.lessons.recurrence import find_recurrences  # jieba is only needed when there are reviews

    reviews = content.of_kind("review")
    if not reviews:
        return []
    found: list[Problem] = []
    for (_, index), recurrence in sorted(find_recurrences(reviews).items()):
        fixed = recurrence.fixed_before
        if not fixed:
            continue
        item = recurrence.later.item
        line, column = item.positions.value(("problems", index, "what"))
        earlier = "；".join(
            f"《{o.review.title}》（{chinese_date(o.date)}，{o.item.display}）的整改事项“{o.action.what}”已标为完成"
            for o in fixed if o.action is not None
        )
        found.append(Problem(
            item.display, line, column,
            f"问题“{recurrence.later.problem.what}”此前发生过：{earlier}，但问题再次发生，整改没有见效。"
            "请复查当时的改进办法，并在本总结的整改事项中写明新的措施",
            warning=True,
        ))
    return found


def check_events(root: Path, problems: Problems) -> int:
    """Validate the event files under examples/ (inputs of `handbook brief`); return how many."""
    paths = sorted((root / "examples").glob("*.yml"))
    for path in paths:
        load_model(path, display_path(path.resolve(), root.resolve()), Event, problems)
    return len(paths)


COMMANDS = (Command("check", "检查全部内容，逐条列出问题 / validate everything", add_arguments, run_check),)
