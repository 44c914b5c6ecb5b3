"""`handbook actions`: the 整改台账 — every action item, overdue ones first, as a table, JSON or a sheet.

    handbook actions [--overdue] [--open] [--owner X] [--audience A] [--today YYYY-MM-DD]
                     [--json] [--out FILE.csv|FILE.xlsx]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import UsageError
from generator.options import Command, add_audience

if TYPE_CHECKING:
    from generator.lessons.ledger import LedgerEntry

SHEET_SUFFIXES = (".csv", ".xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--overdue", action="store_true", help="只列逾期未完成的 / only overdue actions")
    parser.add_argument("--open", action="store_true", help="只列未完成的 / only actions not done")
    parser.add_argument("--owner", metavar="X", help="只列责任人含 X 的，如 --owner 周敏 / owner contains X")
    add_audience(parser, help_extra="：只列该范围及以下总结中的整改事项")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="按这一天计算是否逾期（默认今天）/ count overdue as of this day")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    parser.add_argument("--out", type=Path, metavar="FILE.xlsx",
                        help="写入 Excel（.xlsx）或 CSV（.csv）文件 / write a sheet")


def parse_today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--today 的日期“{text}”不对：应写成 年-月-日，例如 2025-06-30") from None


def _check_out(out: Path | None) -> None:
    if out is None:
        return
    if out.suffix.lower() not in SHEET_SUFFIXES:
        raise UsageError(f"--out 的文件应以 .xlsx 或 .csv 结尾，而不是“{out.name}”：例如 --out 整改台账.xlsx")
    if out.is_dir():
        raise UsageError(f"{out} 是一个文件夹：请在 --out 后写文件名，例如 --out {out / '整改台账.xlsx'}")


def run_actions(args: argparse.Namespace) -> int:
    from generator.atomic import atomic_write_bytes, output_lock
    from generator.cache import cache_folder
    from generator.lessons.export import to_csv, to_xlsx
    from generator.lessons.ledger import content_ledger, owner_matches
    from generator.load import load_content

    today = parse_today(args.today)
    _check_out(args.out)
    root = Path(args.root)
    content = load_content(root, cache_dir=cache_folder(root))
    entries = content_ledger(content, args.audience, today)
    if args.overdue:
        entries = [e for e in entries if e.overdue]
    if args.open:
        entries = [e for e in entries if not e.action.done]
    if args.owner:
        entries = [e for e in entries if owner_matches(e, args.owner)]

    if args.out is not None:
        data = to_xlsx(entries, today) if args.out.suffix.lower() == ".xlsx" else to_csv(entries)
        with output_lock(args.out):
            atomic_write_bytes(args.out, data)
        overdue = sum(e.overdue for e in entries)
        print(f"已写入整改台账：{args.out}（{len(entries)} 项，其中逾期 {overdue} 项；按 {today.isoformat()} 计算）")
        return 0
    if args.json:
        json.dump([e.as_json() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print_table(entries, today)
    return 0


def print_table(entries: list[LedgerEntry], today: date) -> None:
    """The ledger as a table on the terminal (Chinese characters count as two columns)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False)
    if not entries:
        console.print("没有符合条件的整改事项。")
        return
    table = Table(show_lines=False, header_style="bold", pad_edge=False)
    for header in ("状态", "期限", "责任人", "整改事项", "出处"):
        table.add_column(header, overflow="fold")
    for entry in entries:
        action = entry.action
        status = f"[bold red]逾期 {entry.days_overdue} 天[/]" if entry.overdue else entry.status
        table.add_row(
            status, action.due.isoformat() if action.due else "未定", entry.owner, _escape(action.what),
            _escape(f"{entry.review.title}（{entry.review.date.isoformat()}）"),
        )
    console.print(table)
    overdue = sum(e.overdue for e in entries)
    done = sum(e.action.done for e in entries)
    console.print(f"共 {len(entries)} 项：逾期 {overdue} 项，未完成 {len(entries) - overdue - done} 项，"
                  f"已完成 {done} 项（按 {today.isoformat()} 计算）。")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


COMMANDS = (Command("actions", "整改台账：列出全部整改事项和逾期情况 / the action ledger", add_arguments, run_actions),)
