"""Tag pages' addresses (pinyin slugs) are kept between builds, so a rebuild need not import pypinyin."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.cache import cache_folder
from generator.load import load_content, slugify
from generator.site.model import gather
from tests.conftest import REPO
from tests.site.conftest import FIXTURE_ROOT


def test_tag_slugs_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    edition = load_content(root).for_audience("internal")
    plain = gather(edition, "internal")
    first = gather(edition, "internal", cache=cache_folder(root))
    again = gather(edition, "internal", cache=cache_folder(root))
    assert [t.src for t in plain.tags] == [t.src for t in first.tags] == [t.src for t in again.tags]
    assert any(not tag.name.isascii() for tag in plain.tags)
    assert all(tag.src.startswith(f"tags/{slugify(tag.name)}") for tag in plain.tags if tag.name.isascii() is False)


def test_a_second_gather_in_a_new_process_does_not_import_pypinyin(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    code = (
        "import sys\nfrom pathlib import Path\nfrom generator.cache import cache_folder\n"
        "from generator.load import load_content\nfrom generator.site.model import gather\n"
        f"root = Path({str(root)!r})\n"
        "gather(load_content(root).for_audience('internal'), 'internal', cache=cache_folder(root))\n"
        "print('pypinyin' in sys.modules)\n"
    )

    def imported() -> str:
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert imported() == "True"  # the first time, the slugs are made
    assert imported() == "False"  # then they are read back
