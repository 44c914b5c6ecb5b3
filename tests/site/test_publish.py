"""Publishing a built site: readers at `--out` only ever see a whole site, and a rebuild writes only what changed.

The published tree is swapped with a spare kept in the edition's work folder (the tree readers had the
time before), which each build first brings up to date with the work folder's site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.atomic import exchange
from generator.build import build_handbook
from generator.site import publish as publishing
from tests.conftest import make_root
from tests.site.conftest import FIXTURE_ROOT
from tests.test_guarantees import MARK_RESTRICTED, all_output_bytes, fixture_files

REVIEW = "content/reviews/public-meeting.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_ROOT, tmp_path / "root")
    return tmp_path / "root"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(root: Path, old: str, new: str) -> None:
    path = root / REVIEW
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_each_rebuild_publishes_exactly_the_work_folders_site(root: Path) -> None:
    out = root / "out"
    work_site = root / "build/.site-work/internal/site"
    build_handbook(root, "internal", out)
    assert files_of(out) == files_of(work_site)
    for old, new in [("会议通知漏发两个单位", "会议通知漏发三个单位"), ("会议通知漏发三个单位", "会议通知漏发四个单位"),
                     ("会议通知漏发四个单位", "会议通知漏发五个单位")]:
        edit(root, old, new)
        build_handbook(root, "internal", out)
        assert new in (out / "reviews/public-meeting/index.html").read_text(encoding="utf-8")
        assert files_of(out) == files_of(work_site)
    (root / REVIEW).unlink()
    build_handbook(root, "internal", out)
    assert not (out / "reviews/public-meeting").exists()
    assert files_of(out) == files_of(work_site)


def test_a_reader_of_the_old_site_keeps_reading_it_unchanged(root: Path) -> None:
    """A file a reader has open is never written into: not by the next build, nor by the one after it,
    which reuses that old tree as its spare."""
    out = root / "out"
    build_handbook(root, "internal", out)
    pages = ["reviews/public-meeting/index.html", "index.html", "sitemap.xml"]
    held = {page: (out / page).open("rb") for page in pages}
    before = {page: (out / page).read_bytes() for page in pages}
    try:
        edit(root, "会议通知漏发两个单位", "会议通知漏发三个单位")
        build_handbook(root, "internal", out)
        edit(root, "会议通知漏发三个单位", "会议通知漏发四个单位")
        build_handbook(root, "internal", out)
        for page, handle in held.items():
            handle.seek(0)
            assert handle.read() == before[page], page
    finally:
        for handle in held.values():
            handle.close()
    assert "会议通知漏发四个单位" in (out / "reviews/public-meeting/index.html").read_text(encoding="utf-8")


def test_a_damaged_spare_is_mended_before_it_is_published(root: Path) -> None:
    out = root / "out"
    spare = root / "build/.site-work/internal" / publishing.SPARE
    build_handbook(root, "internal", out)
    edit(root, "会议通知漏发两个单位", "会议通知漏发三个单位")
    build_handbook(root, "internal", out)  # the first site is now the spare
    assert spare.is_dir()
    (spare / "index.html").write_text("stale", encoding="utf-8")
    (spare / "stray.html").write_text("not part of the site", encoding="utf-8")
    shutil.rmtree(spare / "reviews" / "public-meeting")
    (spare / "reviews" / "public-meeting").write_text("a file where a folder belongs", encoding="utf-8")
    shutil.rmtree(spare / "assets")
    edit(root, "会议通知漏发三个单位", "会议通知漏发四个单位")
    build_handbook(root, "internal", out)
    assert files_of(out) == files_of(root / "build/.site-work/internal/site")
    assert not (out / "stray.html").exists()


def test_another_editions_site_is_not_kept_in_this_editions_work_folder(tmp_path: Path) -> None:
    root = make_root(tmp_path / "root", fixture_files())
    out = root / "build" / "shared"
    build_handbook(root, "restricted", out)
    build_handbook(root, "public", out)
    assert MARK_RESTRICTED not in all_output_bytes(out).decode("utf-8", "replace")
    work = root / "build/.site-work/public"
    assert MARK_RESTRICTED not in all_output_bytes(work).decode("utf-8", "replace")


def test_out_on_another_file_system_is_swapped_in_whole(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rename cannot cross file systems: the site is then put together beside out and swapped in."""
    monkeypatch.setattr(publishing, "_same_file_system", lambda first, second: False)
    out = root / "out"
    build_handbook(root, "internal", out)
    edit(root, "会议通知漏发两个单位", "会议通知漏发三个单位")
    build_handbook(root, "internal", out)
    assert files_of(out) == files_of(root / "build/.site-work/internal/site")
    assert not (root / "build/.site-work/internal" / publishing.SPARE).exists()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".out")) == [".out.lock"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").write_text("1")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two").write_text("2")
    exchange(tmp_path / "a", tmp_path / "b")
    assert os.listdir(tmp_path / "a") == ["two"] and os.listdir(tmp_path / "b") == ["one"]
    assert sorted(os.listdir(tmp_path)) == ["a", "b"]


def test_the_first_rebuild_links_the_published_tree_into_its_spare(root: Path) -> None:
    """After a build into an empty --out there is no spare: the next build links one from the published
    tree in a process of its own, and readers of that tree keep every byte of it."""
    out = root / "out"
    work = root / "build/.site-work/internal"
    build_handbook(root, "internal", out)
    assert not (work / publishing.SPARE).exists()
    first = files_of(out)
    linking = publishing.start_spare(out, work / publishing.SPARE)
    assert linking is not None and linking.wait() == 0
    made = work / (publishing.SPARE + ".tmp")
    assert (made / "index.html").stat().st_ino == (out / "index.html").stat().st_ino
    publishing.stop(linking)
    edit(root, "会议通知漏发两个单位", "会议通知漏发三个单位")
    build_handbook(root, "internal", out)
    assert files_of(out) == files_of(work / "site")
    assert "会议通知漏发三个单位" in (out / "reviews/public-meeting/index.html").read_text(encoding="utf-8")
    assert files_of(work / publishing.SPARE) == first  # the old site, untouched, is the next spare
    assert not made.exists()


def test_no_spare_is_linked_from_a_tree_this_work_folder_did_not_publish(root: Path) -> None:
    out = root / "out"
    work = root / "build/.site-work/internal"
    out.mkdir()
    (out / "index.html").write_text("a folder made by hand", encoding="utf-8")
    assert publishing.start_spare(out, work / publishing.SPARE) is None
    build_handbook(root, "internal", out)
    shutil.rmtree(work / publishing.SPARE, ignore_errors=True)
    shutil.rmtree(out)
    shutil.copytree(work / "site", out)  # the same files, but another tree
    assert publishing.start_spare(out, work / publishing.SPARE) is None


def test_without_cp_the_spare_is_made_file_by_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = root / "out"
    build_handbook(root, "internal", out)
    monkeypatch.setenv("PATH", str(root / "no-programs-here"))
    edit(root, "会议通知漏发两个单位", "会议通知漏发三个单位")
    build_handbook(root, "internal", out)
    assert files_of(out) == files_of(root / "build/.site-work/internal/site")
    assert (root / "build/.site-work/internal" / publishing.SPARE).is_dir()


def test_a_build_that_changes_nothing_keeps_the_linked_spare(root: Path) -> None:
    out = root / "out"
    work = root / "build/.site-work/internal"
    build_handbook(root, "internal", out)
    published = files_of(out)
    build_handbook(root, "internal", out)  # nothing changed: out is left as it is
    assert files_of(out) == published
    assert files_of(work / publishing.SPARE) == published
    assert not (work / (publishing.SPARE + ".tmp")).exists()
