"""The `handbook` command: a thin front over the library. Exit 0 ok, 1 content/input errors, 2 usage."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.errors import ContentError, Problem, UsageError

AUDIENCES = ("public", "internal", "restricted")

# command → (module with `run(args) -> int` and optional `add_arguments(parser)`, help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("generator.commands", "检查全部内容，逐条列出问题 / validate everything"),
    "build": ("generator.site.command", "生成手册网站 / build the handbook site"),
    "serve": ("generator.site.command", "本地预览，修改后自动刷新 / live preview that rebuilds on change"),
    "search": ("generator.search.command", "检索经验记录 / search records"),
    "doc": ("generator.documents.command", "按规范生成一份公文（.docx）/ render one document spec to .docx"),
    "templates": ("generator.documents.command", "生成各文种的空白 Word 模板 / write blank Word templates"),
    "brief": ("generator.brief.command", "生成事前安排会材料 / pre-event briefing pack"),
}


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


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help="手册内容目录（默认当前目录）/ content repository")


def _audience(parser: argparse.ArgumentParser, default: str = "internal", help_extra: str = "") -> None:
    parser.add_argument(
        "--audience", choices=AUDIENCES, default=default,
        help=f"读者范围（默认 {default}）{help_extra}/ audience",
    )


def _arguments_for(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare each command's options as SPEC.md fixes them."""
    _common(parser)
    if name == "check":
        parser.add_argument("--strict", action="store_true", help="警告也视为错误 / treat warnings as errors")
    elif name == "build":
        _audience(parser, help_extra="：只包含该范围及以下的记录")
        parser.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认 build/site）/ output folder")
    elif name == "serve":
        _audience(parser)
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）/ port")
    elif name == "search":
        parser.add_argument("query", metavar="QUERY", help="检索词，简体繁体均可 / query")
        parser.add_argument("--kind", choices=("review", "guideline", "habit", "page", "document"), help="记录种类 / kind")
        parser.add_argument("--type", help="事件类型，如 接待 / review type")
        parser.add_argument("--tag", help="标签 / tag")
        parser.add_argument("--since", metavar="D", help="起始日期 YYYY-MM-DD / from date")
        parser.add_argument("--until", metavar="D", help="截止日期 YYYY-MM-DD / until date")
        parser.add_argument("--limit", type=int, default=10, metavar="N", help="最多显示条数（默认 10）/ max results")
        _audience(parser, help_extra="：restricted 才能检索到限定范围记录")
        parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    elif name == "doc":
        parser.add_argument("spec", type=Path, metavar="SPEC.yml", help="公文规格文件 / document spec")
        parser.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="输出文件 / output file")
        parser.add_argument("--strict", action="store_true", help="校对警告也视为错误 / treat warnings as errors")
    elif name == "templates":
        parser.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认 build/templates）/ output folder")
    elif name == "brief":
        parser.add_argument("event", type=Path, metavar="EVENT.yml", help="事件文件 / event file")
        parser.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="输出文件 / output file")
        _audience(parser, help_extra="：restricted 才包含领导习惯备忘")


def make_parser() -> ChineseParser:
    parser = ChineseParser(
        prog="handbook",
        description="办公室工作手册：检查记录、生成手册网站、检索经验、生成公文和事前安排会材料。\n"
        "Office Handbook: check records, build the site, search reviews, render documents and briefing packs.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令 / commands", parser_class=ChineseParser)
    for name, (_module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        _arguments_for(name, command_parser)
    return parser


def _runner(name: str) -> Callable[[argparse.Namespace], int]:
    module = importlib.import_module(COMMANDS[name][0])
    runner = getattr(module, f"run_{name}", None)
    if runner is None:
        raise UsageError(f"“handbook {name}”尚未提供（not yet available）")
    return runner


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return _runner(args.command)(args)
    except ContentError as exc:
        print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if not p.warning)
        print(f"发现 {errors} 个问题，未写入任何文件。", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"handbook {args.command}: 用法错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断，未写入任何文件。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback for a user
        print(f"handbook {args.command}: 内部错误（{type(exc).__name__}: {exc}）。未写入任何文件；请把这条消息和输入文件发给维护人员。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
