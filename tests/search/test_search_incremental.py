"""The index follows the content: edits, additions, deletions and audience changes; analyzer changes rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator.load import load_content
from generator.search import ensure_index, is_fresh, refresh_index, search
from generator.search import index as search_index
from generator.search import text as search_text
from generator.search.whoosh_engine import WhooshEngine


def _refresh(root: Path) -> search_index.IndexStats:
    return refresh_index(load_content(root), root / "build" / "index")


def _ids(root: Path, query: str, **options: str) -> set[str]:
    return {hit.id for hit in search(query, root=root, limit=100, **options)}


def _manifest(root: Path) -> dict[str, object]:
    return json.loads((root / "build" / "index" / "records" / "manifest.json").read_text(encoding="utf-8"))


def test_first_refresh_builds_one_index_of_every_record_and_a_second_changes_nothing(root: Path) -> None:
    first = _refresh(root)
    assert first.index.rebuilt and first.index.records == 13
    assert sorted(_manifest(root)["docs"]) == sorted(item.id for item in load_content(root).items)  # type: ignore[call-overload]
    second = _refresh(root)
    assert not second.changed


def test_an_edited_record_is_reindexed_alone(root: Path) -> None:
    _refresh(root)
    path = root / "content" / "reviews" / "microphone.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("话筒", "麦克风"), encoding="utf-8")
    stats = _refresh(root)
    assert not stats.index.rebuilt
    assert (stats.index.updated, stats.index.added) == (1, 0)
    assert _ids(root, "麦克风") == {"microphone"}
    assert _ids(root, "麦克风", audience="public") == set()  # an internal record is not shown to the public
    assert _ids(root, "话筒") == set()


def test_an_added_record_is_found_and_a_deleted_one_is_gone(root: Path) -> None:
    _refresh(root)
    (root / "content" / "reviews" / "new-one.yml").write_text(
        "title: 新增的会议总结\ndate: 2025-06-01\ntype: 会议\nsummary: 投影仪没有信号。\n", encoding="utf-8"
    )
    (root / "content" / "reviews" / "office-move.yml").unlink()
    stats = _refresh(root)
    assert (stats.index.added, stats.index.removed) == (1, 1)
    assert _ids(root, "投影仪") == {"new-one"}
    assert _ids(root, "搬迁") == set()


def test_a_record_raised_to_restricted_leaves_the_lower_audiences(root: Path) -> None:
    _refresh(root)
    assert _ids(root, "搬迁") == {"office-move"}
    path = root / "content" / "reviews" / "office-move.yml"
    path.write_text(path.read_text(encoding="utf-8") + "audience: restricted\n", encoding="utf-8")
    stats = _refresh(root)
    assert stats.index.updated == 1
    assert _ids(root, "搬迁") == set()
    assert _ids(root, "搬迁", audience="restricted") == {"office-move"}


def test_a_new_tokeniser_rebuilds_the_index(root: Path, monkeypatch: pytest.MonkeyPatch,
                                            request: pytest.FixtureRequest) -> None:
    _refresh(root)
    monkeypatch.setattr(search_text, "version", lambda name: "99.0-changed")  # as if jieba and OpenCC were upgraded
    search_text.analyzer_version.cache_clear()
    request.addfinalizer(search_text.analyzer_version.cache_clear)
    assert not is_fresh(root)
    stats = _refresh(root)
    assert stats.index.rebuilt
    assert _ids(root, "台风") == {"typhoon-traditional"}


def test_a_change_of_the_search_code_rebuilds_the_index(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refresh(root)
    monkeypatch.setattr(cache_module, "_fingerprint", lambda code, templates: f"edited {code}")
    assert not is_fresh(root)
    assert _refresh(root).index.rebuilt


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
    assert _manifest(root)["dirty"] is True
    stats = ensure_index(root)  # what the next `handbook search` does
    assert stats is not None and stats.index.rebuilt
    assert _ids(root, "麦克风") == {"microphone"}


def test_leftovers_of_a_killed_rebuild_are_removed(root: Path) -> None:
    _refresh(root)
    leftover = root / "build" / "index" / ".records.tmp-killed"
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
