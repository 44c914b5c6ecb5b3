"""`handbook serve`: build the edition, serve it on 127.0.0.1, and rebuild what changed on every save.

The preview serves the edition's work folder directly (no copy), so a save re-renders only the
Markdown that changed, mkdocs re-renders only those pages, and Pagefind runs only when searchable
text changed. mkdocs' LiveReloadServer watches the content and reloads open pages after a rebuild.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.build import build
from generator.cli import print_problems
from generator.errors import ContentError
from generator.search.text import words
from generator.site.builder import work_folder
from generator.site.mkdocs_site import run_mkdocs

HOST = "127.0.0.1"


def _rebuild(root: Path, audience: str) -> None:
    started = time.monotonic()
    try:
        report = build(root, audience, publish=False)
    except ContentError as error:
        print_problems(error.problems)
        print("内容有误，预览保持上一次的结果；改正后保存即可。", file=sys.stderr)
        return
    for note in report.notes:
        print(note, file=sys.stderr)
    print(f"已更新：改动 {report.site.written} 个文件，用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)


def _warm_up(work: Path) -> None:
    """Load now what the first save would otherwise wait for: jieba's dictionary (the search index
    splits the edited record into words) and mkdocs-material's compiled templates (kept in memory)."""
    words("预览")
    home = work / "docs" / "index.md"
    if home.is_file():
        os.utime(home)  # the home page's Markdown is unchanged: mkdocs renders the same page again
        run_mkdocs(work / "mkdocs.yml", dirty=True, same_pages=True)


def serve(root: Path, audience: str, port: int) -> int:
    """Serve a live preview until interrupted; content errors are printed and the last good site stays."""
    root = root.resolve()
    report = build(root, audience, publish=False)  # a first build that fails is an error (exit 1)
    site_dir = work_folder(root, audience) / "site"
    _warm_up(work_folder(root, audience))
    server = LiveReloadServer(builder=lambda: _rebuild(root, audience), host=HOST, port=port, root=str(site_dir))
    for watched in (root / "content", root / "site_config.yml", root / "templates"):
        if watched.exists():
            server.watch(str(watched))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    edition = report.content.config.editions.get(audience, audience)  # type: ignore[call-overload]
    print(f"预览{edition}：http://{HOST}:{port}/  （保存记录后自动刷新，Ctrl+C 结束）", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
