"""`handbook search QUERY`: refresh the index if content changed, query it, print hits or JSON."""

from __future__ import annotations

import argparse
import calendar
import json
import os
import re
import sys
from datetime import date

from generator.errors import UsageError
from generator.model.kinds import NAMES
from generator.options import Command, add_audience
from generator.search import Found, Hit, Query, default_index_dir, edition_label, find
from generator.search.engine import WORDS

_DAY = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
BOLD, MARK, DIM, RESET = "\033[1m", "\033[1;33m", "\033[2m", "\033[0m"


def parse_day(text: str | None, option: str, *, end: bool) -> date | None:
    """Read YYYY-MM-DD (or YYYY-MM, YYYY: the first or, for --until, the last day of it)."""
    if text is None:
        return None
    match = _DAY.match(text.strip())
    problem = f"{option} 的日期“{text}”格式不对：应写成 年-月-日，例如 2024-08-02（也可只写 2024 或 2024-08）"
    if not match:
        raise UsageError(problem)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise UsageError(f"{option} 的日期“{text}”不存在：请核对月份和日子") from None


def _query(args: argparse.Namespace) -> Query:
    text = (args.query or "").strip()
    if not text:
        raise UsageError("检索词不能为空：例如 handbook search 席卡")
    if args.limit < 1:
        raise UsageError(f"--limit 应为正整数，而不是 {args.limit}")
    since = parse_day(args.since, "--since", end=False)
    until = parse_day(args.until, "--until", end=True)
    if since and until and since > until:
        raise UsageError(f"--since {args.since} 晚于 --until {args.until}：起始日期应早于截止日期")
    if args.type is not None:
        _check_type(args.type)
    return Query(text, args.kind, args.type, args.tag, since, until, args.limit, fallback=False)


def _check_type(value: str) -> None:
    """Accept a review type, a guideline category or a document type (code or Chinese name)."""
    from typing import get_args

    from generator.model.records import DOCUMENT_TYPE_NAMES, GuidelineCategory, ReviewType
    from generator.search.text import normalise

    known = [*get_args(ReviewType), *get_args(GuidelineCategory), *DOCUMENT_TYPE_NAMES, *DOCUMENT_TYPE_NAMES.values()]
    if normalise(value) not in {normalise(name) for name in known}:
        choices = "、".join(dict.fromkeys(known))
        raise UsageError(f"事件类型“{value}”无效：可选 {choices}")


def _paint(hit: Hit, colour: bool) -> str:
    """The snippet with hits marked: colour on a terminal, 【】 elsewhere."""
    opening, closing = (MARK, RESET) if colour else ("【", "】")
    pieces, last = [], 0
    for start, end in hit.highlights:
        pieces += [hit.snippet[last:start], opening, hit.snippet[start:end], closing]
        last = end
    pieces.append(hit.snippet[last:])
    return "".join(pieces)


def _print_human(found: Found, query: Query, edition: str, colour: bool) -> None:
    if not found.hits:
        print(f"没有找到与“{query.text}”相关的记录（检索范围：{edition}）。可以换个说法、减少筛选条件，或缩短检索词。")
        return
    shown = len(found.hits)
    count = f"共 {found.total} 条，显示前 {shown} 条" if found.total > shown else f"共 {found.total} 条"
    apart = found.total - found.exact
    if not found.exact:
        count = f"没有记录包含“{query.text}”本身，{count}记录分开含有其中的词"
    elif apart:
        count += f"：{found.exact} 条包含“{query.text}”，另 {apart} 条只是分开含有其中的词"
    print(f"检索“{query.text}”：{count}（检索范围：{edition}）\n")
    for number, hit in enumerate(found.hits, 1):
        if hit.match == WORDS and number > 1 and found.hits[number - 2].match != WORDS:
            print(f"—— 以下记录不含“{query.text}”本身，只是分开含有其中的词 ——\n")
        title = f"{BOLD}{hit.title}{RESET}" if colour else hit.title
        label = "〔词语分开出现〕" if hit.match == WORDS else ""
        meta = "  ".join(part for part in (hit.date or "", hit.type or hit.kind, label) if part)
        print(f"{number}. {title}  {meta}")
        if hit.snippet:
            print(f"   {_paint(hit, colour)}")
        print(f"   {DIM}{hit.path}{RESET}" if colour else f"   {hit.path}")
        print()


def _wants_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="检索词，简体繁体均可 / query")
    parser.add_argument("--kind", choices=NAMES, help="记录种类 / kind")
    parser.add_argument("--type", help="事件类型，如 接待 / review type")
    parser.add_argument("--tag", help="标签 / tag")
    parser.add_argument("--since", metavar="D", help="起始日期 YYYY-MM-DD / from date")
    parser.add_argument("--until", metavar="D", help="截止日期 YYYY-MM-DD / until date")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="最多显示条数（默认 10）/ max results")
    add_audience(parser, help_extra="：restricted 才能检索到限定范围记录")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def run_search(args: argparse.Namespace) -> int:
    """Search the records under --root and print the hits; exit 0 even when nothing matched."""
    query = _query(args)
    root = args.root
    try:
        found = find(query, root=root, audience=args.audience)
    except OSError as exc:  # no permission, a file where the build/ folder should be, a full disk …
        where = exc.filename or default_index_dir(root)
        reason = "没有权限" if isinstance(exc, PermissionError) else (exc.strerror or type(exc).__name__)
        print(f"handbook search: 无法写入检索索引 {where}（{reason}）：请检查该目录是否可写，"
              f"或把内容复制到可写的目录后用 --root 指定", file=sys.stderr)
        return 1
    if args.json:
        payload = [hit.as_json() for hit in found.hits]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    _print_human(found, query, edition_label(default_index_dir(root), args.audience), _wants_colour())
    return 0


COMMANDS = (Command("search", "检索经验记录 / search records", add_arguments, run_search),)
