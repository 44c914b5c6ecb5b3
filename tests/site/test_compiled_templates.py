"""Compiled Jinja templates are kept in the edition's work folder: a new process compiles none again,
and a damaged or stale file costs only time."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.site.edition import work_folder
from tests.conftest import run_handbook
from tests.site.conftest import FIXTURE_ROOT


def _build(root: Path) -> None:
    done = run_handbook("build", "--root", root)
    assert done.code == 0, done.err


def test_a_second_build_in_a_new_process_compiles_no_template(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    _build(root)
    kept = work_folder(root, "internal") / "compiled-templates.cache"
    first = kept.stat().st_mtime_ns, kept.read_bytes()
    assert len(first[1]) > 10_000  # the theme's templates and ours
    _build(root)
    assert (kept.stat().st_mtime_ns, kept.read_bytes()) == first  # nothing compiled anew, nothing written


def test_a_damaged_file_of_compiled_templates_costs_only_time(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    _build(root)
    kept = work_folder(root, "internal") / "compiled-templates.cache"
    page = root / "build" / "site" / "index.html"
    before = page.read_bytes()
    kept.write_bytes(b"\x00not marshal data")
    shutil.rmtree(root / "build" / "site")
    _build(root)
    assert page.read_bytes() == before
    assert kept.read_bytes() != b"\x00not marshal data"
