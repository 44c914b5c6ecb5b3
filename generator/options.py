"""What every `handbook` command shares: its declaration (name, help, options, runner) and the common options.

Each command module lists its commands in ``COMMANDS``; generator/cli.py collects them into one
parser and maps the library's typed errors (generator/errors.py) to exit codes. Command modules
keep their heavy imports inside the runners so that `handbook --help` and `handbook check` stay quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

AUDIENCES = ("public", "internal", "restricted")


@dataclass(frozen=True)
class Command:
    """One subcommand: `handbook <name>`, its one-line help, how it reads its options, and what it runs."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                        help="手册内容目录（默认当前目录）/ content repository")


def add_audience(parser: argparse.ArgumentParser, default: str = "internal", help_extra: str = "") -> None:
    parser.add_argument("--audience", choices=AUDIENCES, default=default,
                        help=f"读者范围（默认 {default}）{help_extra}/ audience")
