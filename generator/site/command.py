"""`handbook build` and `handbook serve`: thin fronts over generator.build and generator.site.serve."""

from __future__ import annotations

import argparse
import sys
import time

from generator.build import build
from generator.site.progress import BuildProgress


def run_build(args: argparse.Namespace) -> int:
    started = time.monotonic()
    with BuildProgress() as progress:
        report = build(args.root, args.audience, args.out, progress=progress)
    for note in report.notes:
        print(note, file=sys.stderr)
    site = report.site
    edition = report.content.config.editions.get(args.audience, args.audience)
    print(
        f"已生成{edition}：{site.pages} 个页面（改动 {site.written} 个文件）→ {site.out}/index.html"
        f"，用时 {time.monotonic() - started:.1f} 秒"
    )
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve

    return serve(args.root, args.audience, args.port)
