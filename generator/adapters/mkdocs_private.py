"""mkdocs' private internals, behind public functions with fallbacks (mkdocs 1.6, pinned in pyproject.toml).

- Rendering one page again after an edit (the preview's fast path) uses ``_populate_page`` and
  ``_build_page`` from mkdocs.commands.build: mkdocs has no public call for one page. Without them
  ``render_page`` returns False and the caller makes a whole (dirty) build, which is slower but right.
- Telling open browsers to reload at once uses the live-reload server's ``_epoch_cond``,
  ``_wanted_epoch``, ``_visible_epoch`` and the module's ``_timestamp``. Without them the browsers
  reload on mkdocs' own schedule.
- Skipping the theme's static pages (404.html, sitemap) on a dirty build whose pages are the same uses
  ``Theme.static_templates``, a set the theme reads when it builds (public attribute, undocumented).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import mkdocs.commands.build as mkdocs_build
import mkdocs.livereload as mkdocs_livereload

# (module, attribute) pairs this adapter reaches into; tests/test_adapters.py checks each exists.
PRIVATE_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("mkdocs.commands.build", "_populate_page"),
    ("mkdocs.commands.build", "_build_page"),
    ("mkdocs.livereload", "_timestamp"),
)
# Attributes of a LiveReloadServer instance used by reload_browsers.
SERVER_ATTRIBUTES = ("_epoch_cond", "_wanted_epoch", "_visible_epoch")


def can_render_single_pages() -> bool:
    """True when this mkdocs offers what render_page needs."""
    return callable(getattr(mkdocs_build, "_populate_page", None)) and callable(
        getattr(mkdocs_build, "_build_page", None)
    )


def render_page(page: Any, config: Any, files: Any, nav: Any, env: Any) -> bool:
    """Read, convert and write one page again with a previous build's files, navigation and theme.

    Return False (nothing done) when this mkdocs lacks the internals; the caller then builds the site."""
    populate = getattr(mkdocs_build, "_populate_page", None)
    build_page = getattr(mkdocs_build, "_build_page", None)
    if not (callable(populate) and callable(build_page)):
        return False
    populate(page, config, files)
    build_page(page, config, files.documentation_pages(), nav, env)
    return True


def reload_browsers(server: Any) -> bool:
    """Make every page open on the live-reload server reload now; False when this mkdocs cannot."""
    timestamp: Callable[[], int] | None = getattr(mkdocs_livereload, "_timestamp", None)
    if server is None or timestamp is None or not all(hasattr(server, name) for name in SERVER_ATTRIBUTES):
        return False
    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch = timestamp()
        server._epoch_cond.notify_all()
    return True


def skip_static_pages(config: Any, keep: Callable[[str], bool]) -> None:
    """Render only the theme's static pages (404.html, sitemap.xml…) for which keep(name) is True."""
    theme = config.theme
    if isinstance(getattr(theme, "static_templates", None), set):
        theme.static_templates = {name for name in theme.static_templates if keep(name)}
