"""Every private part of another library that generator/adapters relies on still exists in the installed
version, and each adapter works against the real library (a real mkdocs build, a real Whoosh index)."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

import mkdocs
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import ListMatcher

from generator.adapters import mkdocs_private, whoosh_private


@pytest.mark.parametrize(("module", "name"), mkdocs_private.PRIVATE_SYMBOLS)
def test_mkdocs_still_has(module: str, name: str) -> None:
    assert callable(getattr(importlib.import_module(module), name, None)), f"{module}.{name} ({mkdocs.__version__})"


@pytest.mark.parametrize(("module", "cls", "name"), whoosh_private.PRIVATE_SYMBOLS)
def test_whoosh_still_has(module: str, cls: str, name: str) -> None:
    assert callable(getattr(getattr(importlib.import_module(module), cls), name, None)), f"{module}.{cls}.{name}"


def test_the_live_reload_server_still_has_its_epoch(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert all(hasattr(server, name) for name in mkdocs_private.SERVER_ATTRIBUTES)
        before = server._visible_epoch
        assert mkdocs_private.reload_browsers(server)
        assert server._visible_epoch == server._wanted_epoch >= before
    finally:
        server.server_close()


def test_reload_browsers_falls_back_quietly_without_a_server() -> None:
    assert mkdocs_private.reload_browsers(None) is False
    assert mkdocs_private.reload_browsers(threading.Event()) is False  # not a live-reload server


def _small_site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n[另一页](other.md)\n", encoding="utf-8")
    (docs / "other.md").write_text("# 另一页\n\n第一版。\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: 测试\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    return config


def test_static_pages_can_be_skipped(tmp_path: Path) -> None:
    config = load_config(config_file=str(_small_site(tmp_path)))
    assert "404.html" in config.theme.static_templates
    mkdocs_private.skip_static_pages(config, lambda name: name != "404.html")
    mkdocs_build(config)
    assert not (tmp_path / "site" / "404.html").exists()
    assert (tmp_path / "site" / "index.html").is_file()


def _index_with_postings(tmp_path: Path, count: int) -> tuple[object, object]:
    storage = FileStorage(str(tmp_path)).create()
    index = storage.create_index(fields.Schema(body=fields.TEXT))
    writer = index.writer()
    for number in range(count):
        writer.add_document(body="common " + ("common " * (number % 3)) + f"w{number}")
    writer.commit()
    return index, index.searcher()


@pytest.mark.parametrize("count", [1, 5, 300])  # inline postings, one block, several blocks
def test_postings_read_by_blocks_equal_postings_read_one_by_one(tmp_path: Path, count: int) -> None:
    index, searcher = _index_with_postings(tmp_path, count)
    with searcher:
        reader = searcher.reader()  # type: ignore[attr-defined]
        fast_ids: list[int] = []
        fast_weights: list[float] = []
        whoosh_private.read_postings(reader.postings("body", "common"), fast_ids, fast_weights)
        slow = reader.postings("body", "common")
        slow_ids, slow_weights = [], []
        while slow.is_active():
            slow_ids.append(slow.id())
            slow_weights.append(slow.weight())
            slow.next()
        assert fast_ids == slow_ids and len(fast_ids) == count
        assert fast_weights == pytest.approx(slow_weights)
        if count > 1:
            assert whoosh_private.reads_blocks(reader.postings("body", "common"))


def test_a_matcher_without_blocks_is_read_posting_by_posting() -> None:
    matcher = ListMatcher([2, 5, 9], [1.0, 2.0, 0.5])
    assert not whoosh_private.reads_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    whoosh_private.read_postings(matcher, ids, weights)
    assert (ids, weights) == ([2, 5, 9], [1.0, 2.0, 0.5])
