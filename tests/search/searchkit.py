"""Helpers shared by the search tests (a module name no other test folder uses)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FIXTURE_ROOT = Path(__file__).parent / "fixtures" / "root"
HANDBOOK = Path(sys.executable).parent / "handbook"

# Strings planted in records above public (internal) and above internal (restricted): they must never
# appear in an index edition for a lower audience.
INTERNAL_MARKERS = ("XINTERNALMARKER", "暗记白鹭")
RESTRICTED_MARKERS = ("XRESTRICTEDMARKER", "暗记朱雀", "XHABITMARKER", "暗记青鸾", "不吃香菜")


def copy_root(target: Path) -> Path:
    """Copy the fixture content root (without any build output) to target."""
    shutil.copytree(FIXTURE_ROOT, target, ignore=shutil.ignore_patterns("build"))
    return target


@dataclass
class Run:
    code: int
    out: str
    err: str


def handbook(*args: str | Path, timeout: float = 120) -> Run:
    """Run the installed `handbook` script as a user's shell would."""
    proc = subprocess.run([str(HANDBOOK), *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)
