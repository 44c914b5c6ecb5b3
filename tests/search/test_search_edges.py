"""Commands end quietly when the reader stops reading, and name a --root folder that does not exist."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from searchkit import HANDBOOK, handbook

REPO = Path(__file__).resolve().parents[2]


def test_a_closed_pipe_ends_the_search_quietly(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))  # bench/ is not installed
    from bench.synthetic import generate

    root = generate(tmp_path / "root", 800, seed=3)  # far more output than a pipe holds
    assert handbook("search", "会", "--root", root, "--limit", "1").code == 0  # index built beforehand
    command = f"{shlex.quote(str(HANDBOOK))} search 会 --limit 5000 --root {shlex.quote(str(root))} | head -3"
    run = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
    assert run.stdout.splitlines()[0].startswith("检索“会”：共 ")
    assert len(run.stdout.splitlines()) == 3
    assert "内部错误" not in run.stderr and "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr


@pytest.mark.parametrize("command", [["search", "值班"], ["build"], ["check"]])
def test_a_root_folder_that_does_not_exist_is_named_as_missing(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no" / "such"
    run = handbook(*command, "--root", missing)
    assert run.code != 0
    assert str(missing) in run.err and "不存在" in run.err, run.err
    assert "site_config.yml" not in run.err and "Traceback" not in run.err
    assert not missing.exists()  # nothing written
