"""`handbook brief EVENT.yml [-o OUT.docx] [--audience A]`: write the pre-event briefing pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import UsageError
from generator.options import Command, add_audience


def default_output(root: Path, event_path: Path) -> Path:
    return root / "build" / "brief" / f"{event_path.stem}.docx"


def _output_path(args: argparse.Namespace, root: Path) -> Path:
    output: Path = args.output or default_output(root, args.event)
    if output.suffix.lower() != ".docx":
        raise UsageError(f"输出文件应以 .docx 结尾，而不是“{output.name}”：例如 -o 安排会材料.docx")
    if output.is_dir():
        raise UsageError(f"{output} 是一个文件夹：请在 -o 后写文件名，例如 -o {output / '安排会材料.docx'}")
    return output


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event", type=Path, metavar="EVENT.yml", help="事件文件 / event file")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="输出文件 / output file")
    add_audience(parser, help_extra="：restricted 才包含领导习惯备忘")


def run_brief(args: argparse.Namespace) -> int:
    from generator.atomic import atomic_write_bytes, output_lock
    from generator.brief.pack import make_pack
    from generator.brief.render import render_pack

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


COMMANDS = (Command("brief", "生成事前安排会材料 / pre-event briefing pack", add_arguments, run_brief),)
