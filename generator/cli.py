"""The `handbook` command: one parser made of every command module's declarations, and exit codes.

Each command module lists its commands in ``COMMANDS`` (generator/options.py: name, help, options,
runner). The library raises typed errors (generator/errors.py); this module alone turns them into
exit codes: 0 ok, 1 content or input errors (every problem listed, nothing written), 2 wrong usage or an
output another build holds (try again later).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from generator import __version__
from generator.errors import ContentError, OutputBusy, Problem, UsageError
from generator.options import Command, add_root

# The modules that declare commands, in the order `handbook --help` lists them.
COMMAND_MODULES = (
    "generator.check",
    "generator.site.command",
    "generator.search.command",
    "generator.documents.command",
    "generator.brief.command",
    "generator.lessons.command",
    "generator.authoring.command",
)


class ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese usage errors (exit 2) and headings."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "缺少必需的参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("choose from", "可选")
            .replace("expected one argument", "需要一个参数值")
            .replace("argument ", "参数 ")
        )
        self.exit(2, f"{self.prog}: 用法错误：{translated}\n")


def commands() -> dict[str, Command]:
    """Every command, by name, from the command modules."""
    found: dict[str, Command] = {}
    for module in COMMAND_MODULES:
        for command in importlib.import_module(module).COMMANDS:
            found[command.name] = command
    return found


def make_parser() -> ChineseParser:
    parser = ChineseParser(
        prog="handbook",
        description="办公室工作手册：检查记录、生成手册网站、检索经验、生成公文和事前安排会材料。\n"
        "Office Handbook: check records, build the site, search reviews, render documents and briefing packs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令 / commands", parser_class=ChineseParser)
    for command in commands().values():
        command_parser = sub.add_parser(command.name, help=command.help, description=command.help)
        add_root(command_parser)
        command.add_arguments(command_parser)
        command_parser.set_defaults(run=command.run)
    return parser


def _check_root(args: argparse.Namespace) -> None:
    root = getattr(args, "root", None)
    if root is None or root.is_dir():
        return
    if root.exists():
        raise UsageError(f"--root 指定的“{root}”不是文件夹：请指定手册内容目录（含 site_config.yml 的文件夹）")
    raise UsageError(f"--root 指定的目录“{root}”不存在")


def _quiet_closed_pipe() -> int:
    """The reader of our output went away (`handbook search 会 | head -3`): stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python flushes stdout again at exit; let that go nowhere
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        _check_root(args)
        code: int = args.run(args)
        sys.stdout.flush()
        return code
    except ContentError as exc:
        print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if not p.warning)
        print(f"发现 {errors} 个问题，未写入任何文件。", file=sys.stderr)
        return 1
    except (UsageError, OutputBusy) as exc:
        print(f"handbook {args.command}: 用法错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _quiet_closed_pipe()
    except KeyboardInterrupt:
        print("已中断，未写入任何文件。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback for a user
        print(f"handbook {args.command}: 内部错误（{type(exc).__name__}: {exc}）。未写入任何文件；请把这条消息和输入文件发给维护人员。", file=sys.stderr)
        return 1


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run() -> NoReturn:
    """The `handbook` command: main(), then the process ends at once.

    On a normal exit Python frees every object one by one, which after a build of thousands of records
    takes about a second. By now every output is written and closed; only the standard streams are
    flushed here. A process still running another thread ends the normal way."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader of our output went away
        pass
    if threading.active_count() == 1:
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
