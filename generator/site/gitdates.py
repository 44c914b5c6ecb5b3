"""Last-updated dates from git: one `git log` for the whole content folder, never one call per file."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

_MARK = "\x01"


def last_updated(root: Path) -> dict[Path, date]:
    """Return the date of the last commit touching each file under root/content (empty if not in git)."""
    command = [
        "git", "-c", "core.quotepath=off", "-C", str(root), "log",
        f"--format={_MARK}%cs", "--name-only", "--relative", "--no-renames", "--", "content",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    found: dict[Path, date] = {}
    for commit in done.stdout.split(_MARK)[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        try:
            day = date.fromisoformat(lines[0].strip())
        except ValueError:
            continue
        for name in lines[1:]:
            path = (root / name.strip()).resolve()
            if name.strip() and path not in found:  # newest commit first: the first date seen is the last change
                found[path] = day
    return found
