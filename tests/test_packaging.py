"""A wheel (a non-editable install) carries everything the program reads at run time, and works.

The wheel is built from a copy of the checkout in a temporary folder (building writes build/ and
*.egg-info beside the sources), installed without dependencies into another temporary folder, and run
from there: `handbook init` (the starter handbook), `handbook check`, and the site's Markdown and the
editor's templates rendered from the installed templates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "generator", "templates")
NEEDED = (
    "generator/py.typed",
    "generator/templates/site/markdown/review.md.j2",
    "generator/templates/site/overrides/main.html",
    "generator/templates/editor/editor.js",
    "generator/authoring/starter/site_config.yml",
    "generator/authoring/starter/content/pages/01-example-chapter.md",
    "generator/authoring/starter/gitignore.txt",
    "generator/documents/fonts/fontconfig.conf",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return next(out.glob("office_handbook-*.whl"))


def test_the_wheel_carries_the_templates_the_starter_and_the_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in NEEDED if name not in names] == []
    shipped = {path.relative_to(REPO).as_posix() for path in (REPO / "templates").rglob("*") if path.is_file()}
    assert {f"generator/{name}" for name in shipped} <= names  # every template, not only the ones named here


def test_an_installed_wheel_starts_checks_and_renders_a_handbook(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "installed"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)

    handbook = tmp_path / "手册"
    assert run("-m", "generator.cli", "init", str(handbook)).returncode == 0
    checked = run("-m", "generator.cli", "check", "--root", str(handbook))
    assert checked.returncode == 0 and checked.stdout.startswith("检查通过："), checked.stderr
    script = (
        "import sys, generator.cache as c\n"
        "from generator.load import load_content\n"
        "from generator.site.markdown import Renderer\n"
        "from generator.site.model import gather\n"
        "from generator.authoring.editor import TEMPLATES as editor\n"
        "root = __import__('pathlib').Path(sys.argv[1])\n"
        "site = gather(load_content(root).for_audience('internal'), 'internal')\n"
        "extra = {'chapter_summaries': {e.id: '' for e in site.chapters}}\n"
        "pages = dict(Renderer(site, root, extra).pages(lambda e: ''))\n"
        "print(c.__file__)\nprint(c.TEMPLATES)\nprint(sorted(p.name for p in editor.iterdir())[:1])\n"
        "print(pages['reviews/index.md'][:200])\n"
    )
    rendered = run("-c", script, str(handbook))
    assert rendered.returncode == 0, rendered.stderr
    module, templates, editor_files, review_index = rendered.stdout.split("\n", 3)
    assert module.startswith(str(target)) and templates == str(target / "generator" / "templates")
    assert editor_files != "[]"
    assert "事后总结" in review_index
