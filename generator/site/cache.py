"""Moved to generator/site/page_keys.py (one cache.py only: generator/cache.py); importers move after merging.

Kept only so that generator/site/browser_search.py and builder.py import unchanged until then
(docs/architecture.md, "仍待完成").
"""

from generator.site.page_keys import KeyFile, code_digest, listing_key, page_key, search_key

__all__ = ["KeyFile", "code_digest", "listing_key", "page_key", "search_key"]
