"""mkdocs' private internals, behind public functions with fallbacks (mkdocs 1.6, pinned in pyproject.toml).

- Telling open browsers to reload at once uses the live-reload server's ``_epoch_cond``,
  ``_wanted_epoch``, ``_visible_epoch`` and the module's ``_timestamp``. Without them the browsers
  reload on mkdocs' own schedule.
- Skipping the theme's static pages (404.html, sitemap) on a dirty build whose pages are the same uses
  ``Theme.static_templates``, a set the theme reads when it builds (public attribute, undocumented).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import mkdocs.livereload as mkdocs_livereload

# (module, attribute) pairs this adapter reaches into; tests/test_adapters.py checks each exists.
PRIVATE_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("mkdocs.livereload", "_timestamp"),
)
# Attributes of a LiveReloadServer instance used by reload_browsers.
SERVER_ATTRIBUTES = ("_epoch_cond", "_wanted_epoch", "_visible_epoch")


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
