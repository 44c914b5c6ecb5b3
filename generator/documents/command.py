"""`handbook doc` and `handbook templates`: thin fronts over generator.documents."""

from __future__ import annotations

import argparse
import sys

from generator.documents import render_document, write_templates
from generator.errors import UsageError


def _root(args: argparse.Namespace) -> None:
    if not args.root.is_dir():
        raise UsageError(f"--root 指定的目录“{args.root}”不存在")


def run_doc(args: argparse.Namespace) -> int:
    """Render one document spec; print warnings to stderr and the output path on success."""
    _root(args)
    path, warnings = render_document(args.spec, args.output, root=args.root, strict=args.strict)
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"已生成公文：{path}")
    return 0


def run_templates(args: argparse.Namespace) -> int:
    """Write one blank Word template (.dotx) per document type."""
    _root(args)
    out = args.out if args.out is not None else args.root / "build" / "templates"
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out 指定的“{out}”不是文件夹")
    written = write_templates(out)
    print(f"已生成 {len(written)} 个空白公文模板（.dotx）：{out.absolute()}")
    return 0
