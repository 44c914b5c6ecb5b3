"""A chapter's Markdown as the text a reader sees: what search indexes of it and listings quote from it.

It sits with the model because it defines a chapter's text for every stage (both searches, the site's
summaries), as generator/model/kinds.py defines the text of the other records.
"""

from __future__ import annotations

import html
import re

import markdown as python_markdown
import nh3

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dt|dd|pre|blockquote|div|tr|caption|summary)>|<br\s*/?>|<hr\s*/?>")


def plain_blocks(markdown_source: str) -> list[str]:
    """Return what a reader sees of some Markdown as text, one string per block (paragraph, item, cell …).

    Blocks stay apart so that search never joins the end of one paragraph to the start of the next.
    """
    rendered = python_markdown.markdown(markdown_source, extensions=["tables"])
    marked = _BLOCK_END.sub(lambda m: "\ue000" + m.group(0), rendered)
    text = html.unescape(nh3.clean(marked, tags=set(), clean_content_tags={"script", "style"}))
    return [block.strip() for block in text.split("\ue000") if block.strip()]
