"""The index follows the content: edits, additions, deletions and audience changes; analyzer changes rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.load import load_content
from generator.search import ensure_index, is_fresh, refresh_index, search
from generator.search import index as search_index
from generator.search import text as search_text
from generator.search.whoosh_engine import WhooshEngine


def _refresh(root: Path) -> search_index.IndexStats:
    return refresh_index(load_content(root), root / "build" / "index")


def _ids(root: Path, query: str, **options: str) -> set[str]:
    return {hit.id for hit in search(query, root=root, limit=100, **options)}


def _manifest(root: Path, edition: str) -> dict[str, object]:
    return json.loads((root / "build" / "index" / edition / "manifest.json").read_text(encoding="utf-8"))


def test_first_refresh_builds_three_editions_and_a_second_changes_nothing(root: Path) -> None:
    first = _refresh(root)
    assert all(edition.rebuilt for edition in first.editions.values())
    assert {name: e.records for name, e in first.editions.items()} == {"public": 3, "internal": 11, "restricted": 13}
    second = _refresh(root)
    assert not second.changed


def test_an_edited_record_is_reindexed_alone(root: Path) -> None:
    _refresh(root)
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "麦克风"), encoding="utf-8")
    stats = _refresh(root)
    assert not any(e.rebuilt for e in stats.editions.values())
    assert (stats.editions["internal"].updated, stats.editions["internal"].added) == (1, 0)
    assert stats.editions["public"].updated == 0  # an internal record is not in the public edition
    assert _ids(root, "麦克风") == {"microphone"}
    assert _ids(root, "话筒") == set()


def test_an_added_record_is_found_and_a_deleted_one_is_gone(root: Path) -> None:
    _refresh(root)
    (root / "content" / "reviews" / "new-one.yml").write_text(
        "title: 新增的会议总结\ndate: 2025-06-01\ntype: 会议\nsummary: 投影仪没有信号。\n", encoding="utf-8"
    )
    (root / "content" / "reviews" / "office-move.yml").unlink()
    stats = _refresh(root)
    assert (stats.editions["internal"].added, stats.editions["internal"].removed) == (1, 1)
    assert _ids(root, "投影仪") == {"new-one"}
    assert _ids(root, "搬迁") == set()


def test_a_record_raised_to_restricted_leaves_the_lower_editions(root: Path) -> None:
    _refresh(root)
    path = root / "content" / "reviews" / "office-move.yml"
    path.write_text(path.read_text(encoding="utf-8") + "audience: restricted\n", encoding="utf-8")
    stats = _refresh(root)
    assert stats.editions["internal"].removed == 1 and stats.editions["restricted"].updated == 1
    assert _ids(root, "搬迁") == set()
    assert _ids(root, "搬迁", audience="restricted") == {"office-move"}
    assert "office-move" not in _manifest(root, "internal")["docs"]  # type: ignore[operator]


def test_an_analyzer_change_rebuilds_every_edition(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                   request: pytest.FixtureRequest) -> None:
    _refresh(root)
    monkeypatch.setattr(search_text, "ANALYZER_VERSION", search_text.ANALYZER_VERSION + "-changed")
    search_text.analyzer_version.cache_clear()
    request.addfinalizer(search_text.analyzer_version.cache_clear)
    assert not is_fresh(root)
    stats = _refresh(root)
    assert all(edition.rebuilt for edition in stats.editions.values())
    assert _ids(root, "台风") == {"typhoon-traditional"}


def test_a_commit_killed_halfway_leaves_a_readable_index_that_the_next_refresh_rebuilds(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refresh(root)
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "麦克风"), encoding="utf-8")

    def killed(self: WhooshEngine, directory: Path, upserts: list[object], deletions: list[str]) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(WhooshEngine, "apply", killed)
        with pytest.raises(KeyboardInterrupt):
            _refresh(root)
    assert _manifest(root, "public")["dirty"] is False  # untouched: nothing changed there
    assert _manifest(root, "internal")["dirty"] is True
    stats = ensure_index(root)  # what the next `handbook search` does
    assert stats is not None and stats.editions["internal"].rebuilt
    assert _ids(root, "麦克风") == {"microphone"}


def test_leftovers_of_a_killed_rebuild_are_removed(root: Path) -> None:
    _refresh(root)
    leftover = root / "build" / "index" / ".internal.tmp-killed"
    leftover.mkdir()
    (leftover / "_MAIN_1.toc").write_bytes(b"half")
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "麦克风"), encoding="utf-8")
    _refresh(root)
    assert not leftover.exists()


def test_freshness_is_checked_without_loading_records(root: Path) -> None:
    assert not is_fresh(root)
    assert ensure_index(root) is not None
    assert is_fresh(root)
    assert ensure_index(root) is None
    path = root / "content" / "pages" / "01-newcomer.md"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert not is_fresh(root)
    stats = ensure_index(root)
    assert stats is not None and not stats.changed  # touched, same bytes: nothing re-indexed
    assert is_fresh(root)


def test_search_picks_up_an_edit_without_an_explicit_refresh(root: Path) -> None:
    assert _ids(root, "投影仪") == set()
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "投影仪"), encoding="utf-8")
    assert _ids(root, "投影仪") == {"microphone"}


def test_an_edit_made_after_loading_is_not_mistaken_for_indexed(root: Path) -> None:
    """Content loaded, then a file edited, then the refresh: the index must not be called fresh."""
    content = load_content(root)
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "扩音器"), encoding="utf-8")
    refresh_index(content, root / "build" / "index")
    assert not is_fresh(root)
    assert _ids(root, "扩音器") == {"microphone"}  # the next search reloads and catches up


def test_a_damaged_index_is_rebuilt_from_the_content(root: Path) -> None:
    _refresh(root)
    for segment in (root / "build" / "index" / "internal").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:100])
    assert _ids(root, "台风") == {"typhoon-traditional"}
