"""The handbook site: one audience edition rendered through Jinja2 to Markdown, built by mkdocs-material,
searched in the browser with Pagefind (Chinese bigrams, simplified and traditional alike).

Modules, in pipeline order: model (gather pages and cross-links), markdown (templates → Markdown),
chapters (authored Markdown: links and sanitising), text and browser_search (the search index),
mkdocs_site (mkdocs.yml and the in-process build), builder (the work folder and the atomic swap),
serve (live preview) and command (`handbook build`, `handbook serve`).
"""

from generator.site.edition import SiteResult, build_edition_site

__all__ = ["SiteResult", "build_edition_site"]
