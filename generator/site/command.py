"""`handbook build` and `handbook serve`: thin fronts over generator.build and generator.site.serve."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.options import Command, add_audience


def build_arguments(parser: argparse.ArgumentParser) -> None:
    add_audience(parser, help_extra="：只包含该范围及以下的记录")
    parser.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认 build/site）/ output folder")


def run_build(args: argparse.Namespace) -> int:
    from generator.build import build_handbook
    from generator.site.progress import BuildProgress

    started = time.monotonic()
    with BuildProgress() as progress:
        # No session passed: nothing is kept after this one build, so a step may run in a forked copy.
        report = build_handbook(args.root, args.audience, args.out, progress=progress)
    for note in report.notes:
        print(note, file=sys.stderr)
    site = report.site
    edition = report.content.config.editions.get(args.audience, args.audience)
    print(
        f"已生成{edition}：{site.pages} 个页面（改动 {site.written} 个文件）→ {site.out}/index.html"
        f"，用时 {time.monotonic() - started:.1f} 秒"
    )
    return 0


def serve_arguments(parser: argparse.ArgumentParser) -> None:
    add_audience(parser)
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）/ port")


def run_serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve

    return serve(args.root, args.audience, args.port)


COMMANDS = (
    Command("build", "生成手册网站 / build the handbook site", build_arguments, run_build),
    Command("serve", "本地预览，修改后自动刷新 / live preview that rebuilds on change", serve_arguments, run_serve),
)
