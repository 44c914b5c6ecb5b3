"""Work on the second core (generator/beside.py): a forked copy gives the same result as running in place.

A command-line build is single-threaded and forks; a test runner or the live preview has threads and runs
the step in place. Both must give the same site, and a copy that fails must cost only time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from generator.beside import Beside
from generator.build import build_handbook
from tests.conftest import REPO, run_handbook
from tests.site.conftest import FIXTURE_ROOT


def _in_fresh_process(code: str) -> str:
    """Run code in a new single-threaded Python process and return what it printed."""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_a_single_threaded_process_runs_the_step_in_a_forked_copy() -> None:
    printed = _in_fresh_process(
        "import os\nfrom generator.beside import Beside\n"
        "step = Beside(os.getpid)\nprint(step.forked, step.result() != os.getpid())"
    )
    assert printed == "True True"


def _fails_in_a_copy(parent: int) -> int:
    if os.getpid() != parent:
        raise RuntimeError("只在副本里失败")
    return parent


def test_a_copy_that_fails_costs_only_time() -> None:
    printed = _in_fresh_process(
        "import os\nfrom generator.beside import Beside\nfrom tests.test_beside import _fails_in_a_copy\n"
        "step = Beside(_fails_in_a_copy, os.getpid())\nprint(step.forked, step.result() == os.getpid())"
    )
    assert printed == "True True"


def test_a_process_with_threads_runs_the_step_in_place() -> None:
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        step = Beside(os.getpid)
        assert not step.forked and step.result() == os.getpid()
    finally:
        release.set()
        waiting.join()


def test_a_command_line_build_forks_and_makes_the_same_site_as_one_in_place(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)  # this process has threads: similar reviews run in place
    waiting.start()
    try:
        build_handbook(root, "internal", tmp_path / "in-place")
    finally:
        release.set()
        waiting.join()
    shutil.rmtree(root / "build")
    done = run_handbook("build", "--root", root, "--out", tmp_path / "forked")
    assert done.code == 0, done.err
    pages = sorted(p.relative_to(tmp_path / "in-place") for p in (tmp_path / "in-place").rglob("*.html"))
    assert any(str(page).startswith("reviews/") for page in pages)
    for page in pages:
        assert (tmp_path / "forked" / page).read_bytes() == (tmp_path / "in-place" / page).read_bytes(), page


def test_a_step_whose_memory_is_wanted_afterwards_runs_in_place() -> None:
    printed = _in_fresh_process(
        "import os\nfrom generator.beside import Beside\n"
        "step = Beside(os.getpid, fork=False)\nprint(step.forked, step.result() == os.getpid())"
    )
    assert printed == "False True"


def test_the_objects_shared_with_the_copy_are_frozen_out_of_the_collector_until_the_block_ends() -> None:
    printed = _in_fresh_process(
        "import gc, os\nfrom generator.beside import Beside\n"
        "kept = [[i] for i in range(1000)]\n"
        "with Beside(os.getpid) as step:\n"
        "    during = gc.get_freeze_count()\n"
        "    other = step.result()\n"
        "print(step.forked, during >= 1000, gc.get_freeze_count(), other != os.getpid())"
    )
    assert printed == "True True 0 True"


def test_a_copy_whose_result_is_never_taken_is_stopped_when_the_block_ends() -> None:
    printed = _in_fresh_process(
        "import gc, time\nfrom generator.beside import Beside\n"
        "try:\n"
        "    with Beside(time.sleep, 600) as step:\n"
        "        raise KeyError('构建中途失败')\n"
        "except KeyError:\n"
        "    pass\n"
        "print(step.forked, step.process.is_alive(), gc.get_freeze_count())"
    )
    assert printed == "True False 0"
