"""`handbook doc` and `handbook templates`: thin fronts over generator.documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.errors import UsageError
from generator.options import Command


def doc_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", type=Path, metavar="SPEC.yml", help="公文规格文件 / document spec")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="输出文件 / output file")
    parser.add_argument("--strict", action="store_true", help="校对警告也视为错误 / treat warnings as errors")


def run_doc(args: argparse.Namespace) -> int:
    """Render one document spec; print warnings to stderr and the output path on success."""
    from generator.documents import render_document

    path, warnings = render_document(args.spec, args.output, root=args.root, strict=args.strict)
    for warning in warnings:
        print(warning, file=sys.stderr)
    print(f"已生成公文：{path}")
    return 0


def templates_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认 build/templates）/ output folder")


def run_templates(args: argparse.Namespace) -> int:
    """Write one blank Word template (.dotx) per document type."""
    from generator.documents import write_templates

    out = args.out if args.out is not None else args.root / "build" / "templates"
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out 指定的“{out}”不是文件夹")
    written = write_templates(out)
    print(f"已生成 {len(written)} 个空白公文模板（.dotx）：{out.absolute()}")
    return 0


COMMANDS = (
    Command("doc", "按规范生成一份公文（.docx）/ render one document spec to .docx", doc_arguments, run_doc),
    Command("templates", "生成各文种的空白 Word 模板 / write blank Word templates", templates_arguments, run_templates),
)
