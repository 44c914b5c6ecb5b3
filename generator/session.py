"""Everything one process keeps in memory between builds and preview saves, in one object passed explicitly.

`handbook build` makes one build and ends, so a fresh session costs nothing. `handbook serve` keeps one
session for its whole life: each save loads the content again, and what the previous build left here
(records unchanged since, open search indexes, mkdocs' navigation and compiled templates) makes the
next one quick. Holding all of it here, rather than in module globals, means a test or a second preview
starts clean by making a new Session, and a reader sees in one place what survives between builds.

Nothing in a session is trusted blindly: a record kept here is reused only while its bytes and the
classified-marker rules are the same as when it was checked (generator/load), and every other entry is
keyed by what it was made from (generator/cache.py).
"""

from __future__ import annotations

import concurrent.futures
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(eq=False)
class Session:
    """What survives between builds in one process. Make one per preview, or per test that needs one."""

    # generator/load: each record as last loaded, by (kind, path): (the bytes it was read from, its
    # generator.load.Item). Typed loosely: the session sits below every stage it serves and imports none.
    loaded: dict[tuple[str, Path], tuple[bytes, Any]] = field(default_factory=dict)
    # generator/load: roots loaded before in this session (their records are in `loaded` already,
    # so the parse cache on disk is not read again).
    loaded_roots: set[Path] = field(default_factory=set)
    # generator/load: the classified-marker rules the records in `loaded` were checked under; loading
    # under other rules forgets them all, so each is read and checked again.
    loaded_under: object = None

    # generator/site/mkdocs_site.py: each site's last mkdocs build (files, navigation, theme) by its
    # mkdocs.yml, to render one edited page again; and the theme's compiled templates.
    mkdocs_sessions: dict[Path, Any] = field(default_factory=dict)
    compiled_templates: dict[str, bytes] = field(default_factory=dict)
    # generator/site/edition.py: the Pagefind run still going for each edition's work folder (a preview
    # serves the pages before it ends; the next build waits for it), and the one thread that runs them.
    pending_search: dict[Path, concurrent.futures.Future[bool]] = field(default_factory=dict)
    pagefind_thread: concurrent.futures.ThreadPoolExecutor | None = field(default=None, repr=False)

    # generator/search/related_cache.py: each edition's similar-records lists by their folder, what the
    # last call did there, and the lock that lets one call at a time update them.
    related_reviews: dict[Path, Any] = field(default_factory=dict)
    related_stats: dict[Path, Any] = field(default_factory=dict)
    related_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # generator/search/whoosh_engine.py: the open searcher of each index folder (with the commit it read).
    searchers: dict[Path, Any] = field(default_factory=dict)

    def pagefind(self) -> concurrent.futures.ThreadPoolExecutor:
        """The thread that runs this session's Pagefind jobs, one at a time (made on first use)."""
        if self.pagefind_thread is None:
            self.pagefind_thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        return self.pagefind_thread

    def wait_for_search(self) -> None:
        """Let every Pagefind run of this session finish (a preview that stops, a test that ends)."""
        concurrent.futures.wait(list(self.pending_search.values()))

    def forget_loaded(self) -> None:
        """Drop the records kept in memory, as a new process would start."""
        self.loaded.clear()
        self.loaded_roots.clear()
        self.loaded_under = None
