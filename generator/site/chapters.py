"""Handbook chapters: authors write Markdown, so links are re-pointed and raw HTML is made safe.

Chapters are the only content that reaches the site as Markdown rather than as escaped text. Two
rules keep that safe: links to other records are rewritten to the record's page *in this edition*
(a link to a record above the edition becomes plain text, so not even its address leaks), and the
HTML that Markdown produces is cleaned with nh3 down to a safe subset (``sanitise``, called from the
mkdocs plugin), so a ``<script>`` or ``onerror=`` an author pasted never reaches a reader.
"""

from __future__ import annotations

import posixpath
import re

import nh3

from generator.load.links import LINK as _LINK
from generator.model.kinds import REGISTRY
from generator.model.plain_text import plain_blocks
from generator.site.model import Entry, SiteModel, relative_link

_SOURCE_FOLDERS = frozenset(kind.content_folder for kind in REGISTRY)  # folders under content/

SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}
SAFE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "ol": {"start"},
}


def sanitise(html: str) -> str:
    """Clean HTML rendered from an author's Markdown down to tags and attributes that cannot run code."""
    return nh3.clean(
        html,
        tags=SAFE_TAGS,
        clean_content_tags={"script", "style"},
        attributes=SAFE_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties={"text-align"},
        link_rel=None,
    )


def summary(entry: Entry, limit: int = 60) -> str:
    """Return the first paragraph of a chapter that is not a heading, shortened for listings."""
    for block in re.split(r"\n\s*\n", entry.item.body):
        if block.strip() and not block.lstrip().startswith(("#", "<", "|", "```", "---")):
            text = " ".join(" ".join(plain_blocks(block)).split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


class ChapterLinks:
    """Point links between source files at the pages of this edition."""

    def __init__(self, site: SiteModel) -> None:
        self.targets: dict[tuple[str, str], Entry] = {}
        for entry in site.entries:
            folder = entry.item.path.parent.name
            self.targets[(folder, entry.item.path.name)] = entry

    def body(self, entry: Entry) -> str:
        """Return the chapter's Markdown with its links re-pointed (or unlinked when not in this edition)."""

        def repoint(match: re.Match[str]) -> str:
            bang, text, target, title = match.groups()
            path, _, anchor = target.partition("#")
            if bang or "://" in path or path.startswith(("mailto:", "/")) or not path:
                return match.group(0)
            source = posixpath.normpath(posixpath.join("pages", path))
            key = (posixpath.basename(posixpath.dirname(source)), posixpath.basename(source))
            if key[0] not in _SOURCE_FOLDERS:
                return match.group(0)
            found = self.targets.get(key)
            if found is None:
                # a record above this edition (or missing): keep the words, drop the address
                return text if key[1].endswith((".yml", ".yaml", ".md")) else match.group(0)
            href = relative_link(entry.src, found.src) + (f"#{anchor}" if anchor else "")
            return f"[{text}]({href}{title or ''})"

        return _LINK.sub(repoint, entry.item.body)
