"""Shared test helpers: run the `handbook` command as a user would, and a minimal content root."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import hypothesis
import hypothesis.configuration
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


# ---------------------------------------------------------------- the checkout is left as found
# Tests write only under pytest's temporary folders. The controlling process (the only one when run
# without -n; the xdist controller otherwise, after every worker has finished) compares the checkout
# before and after the session and fails the run, naming each path that appeared, changed or vanished.
TOOL_FOLDERS = {".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
# Hypothesis keeps no example database in the working folder (it would be .hypothesis/ in the checkout).
hypothesis.settings.register_profile("handbook", database=None)
hypothesis.settings.load_profile("handbook")
# Nor anything else: it also keeps a cache of the constants it finds in the code (.hypothesis/constants/).
hypothesis.configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "office-handbook-hypothesis")


def checkout_state(repo: Path = REPO) -> dict[str, str]:
    """Each changed or untracked path (git status) and each file in an ignored folder such as build/."""
    def git(*args: str) -> list[str]:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
        return [line for line in done.stdout.splitlines() if line]

    state = {line[3:]: f"status {line[:2]}" for line in git("status", "--porcelain", "--untracked-files=all")}
    for ignored in git("ls-files", "--others", "--ignored", "--exclude-standard", "--directory"):
        top = repo / ignored
        if TOOL_FOLDERS.intersection(Path(ignored).parts) or top.name.endswith(".egg-info"):
            continue
        files = [top] if top.is_file() else [p for p in top.rglob("*") if p.is_file() or p.is_symlink()]
        for path in files:
            if not TOOL_FOLDERS.intersection(path.relative_to(repo).parts):
                stat = path.lstat()
                state[path.relative_to(repo).as_posix()] = f"ignored {stat.st_size} {stat.st_mtime_ns}"
    return state


def checkout_changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The paths whose state differs, each with what happened to it."""
    return [
        f"{path}: {before.get(path, 'absent')} → {after.get(path, 'absent')}"
        for path in sorted(before.keys() | after.keys())
        if before.get(path) != after.get(path)
    ]


def _controls_session(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput") and (REPO / ".git").exists()


def pytest_sessionstart(session: pytest.Session) -> None:
    if _controls_session(session.config):
        session.config.stash[_CHECKOUT] = checkout_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_CHECKOUT, None)
    if before is None:
        return
    changes = checkout_changes(before, checkout_state())
    if changes:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        shown = changes[:40] + ([f"… and {len(changes) - 40} more"] if len(changes) > 40 else [])
        lines = ["the test session wrote into the checkout (tests must write only under tmp_path):", *shown]
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_CHECKOUT = pytest.StashKey[dict[str, str]]()
