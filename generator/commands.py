"""`handbook check`: validate everything and print every problem."""

from __future__ import annotations

import argparse
import sys

from generator.errors import ContentError
from generator.load import load_content


def run_check(args: argparse.Namespace) -> int:
    content = load_content(args.root)
    warnings = content.warnings.sorted()
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings and args.strict:
        raise ContentError(warnings)
    counts = "，".join(f"{len(content.of_kind(k))} 条{name}" for k, name in
                      (("review", "事后总结"), ("guideline", "工作规范"), ("habit", "领导习惯备忘"),
                       ("page", "手册章节"), ("document", "公文")))
    print(f"检查通过：{counts}。")
    return 0
