"""Shared test helpers: run the `handbook` command as a user would, and a minimal content root."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HANDBOOK = [sys.executable, "-m", "generator.cli"]
SITE_CONFIG = "organisation: 青禾区人民政府办公室\nsite_title: 青禾区政府办公室工作手册\n"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_handbook(*args: str | Path, cwd: Path | None = None, timeout: float = 300) -> Run:
    """Run `handbook ARGS` in a fresh process, exactly as a user's shell would."""
    proc = subprocess.run(
        [*HANDBOOK, *map(str, args)], cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_root(path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Create a content root with site_config.yml and the given files (text or bytes)."""
    (path / "content").mkdir(parents=True, exist_ok=True)
    files = {"site_config.yml": SITE_CONFIG, **(files or {})}
    for rel, data in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "handbook")
