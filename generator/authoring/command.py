"""`handbook init DIR` and `handbook new KIND`: start a handbook folder, and start a record in it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.model.kinds import NAMES
from generator.options import Command

NEW_KINDS = (*NAMES, "event")


def init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="新手册文件夹（不存在或为空）/ new handbook folder")


def run_init(args: argparse.Namespace) -> int:
    from generator.authoring.scaffold import init_handbook

    written = init_handbook(args.dir)
    print(f"已新建手册文件夹 {args.dir}（{len(written)} 个文件），每种记录各有一个示例。")
    print(f"下一步：handbook serve --root {args.dir}，在浏览器里打开预览，点“新建”或“编辑”。", file=sys.stderr)
    return 0


def new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=NEW_KINDS, metavar="KIND",
                        help="记录种类：review 事后总结、guideline 工作规范、habit 领导习惯备忘、page 手册章节、"
                             "document 公文、event 事件 / kind of record")
    parser.add_argument("--title", help="标题（习惯备忘为领导姓名）；编号由它生成（汉字转拼音）/ title")
    parser.add_argument("--type", help="事件类型、规范类别或文种，如 接待、会务、notice / type or category")


def run_new(args: argparse.Namespace) -> int:
    from generator.authoring.scaffold import new_record

    path = new_record(args.root, args.kind, args.title, args.type)
    print(path)
    print("已按模板新建；以“#”开头的是说明。填好后运行 handbook check 检查。", file=sys.stderr)
    return 0


COMMANDS = (
    Command("init", "新建一个手册文件夹（含示例）/ start a new handbook folder", init_arguments, run_init),
    Command("new", "按模板新建一条记录 / write a new record from a skeleton", new_arguments, run_new),
)
