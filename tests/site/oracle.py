"""What a correct search returns: every record of the edition whose own text contains the term.

The text is read from the record files independently of the site's index code (YAML parsed with
PyYAML, every string value except ids and audience; a chapter's title and the blocks a reader sees).
"Contains" is ``generator.site.search_tokens.contains``: after NFKC, lower case and OpenCC t2s, so 台风 is in 颱風.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.load import load_content
from generator.model.plain_text import plain_blocks
from generator.model.records import DOCUMENT_TYPE_NAMES
from generator.site.model import gather
from generator.site.search_tokens import normalise

_NOT_TEXT = {"id", "kind", "audience", "guidelines"}


def _strings(value: Any, key: str = "") -> list[str]:
    if key in _NOT_TEXT:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, date):
        return [f"{value.year}年{value.month}月{value.day}日"]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, str(k))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def record_texts(root: Path, audience: str) -> dict[str, list[str]]:
    """Map each record's URL (relative to the site root) to its normalised text parts."""
    edition = load_content(root).for_audience(audience)
    site = gather(edition, audience, related={})
    texts: dict[str, list[str]] = {}
    for entry in site.entries:
        raw = entry.item.path.read_text(encoding="utf-8")
        if entry.kind == "page":
            parts = [entry.title, *plain_blocks(entry.item.body)]
        else:
            data = yaml.safe_load(raw)
            parts = _strings(data)
            if entry.kind == "document":  # the page shows the type's name and the formatted number
                parts.append(DOCUMENT_TYPE_NAMES[data["type"]])
                if data.get("number"):
                    number = data["number"]
                    parts.append(f"{number['prefix']}〔{number['year']}〕{number['seq']}号")
        texts[entry.url] = [normalise(part) for part in parts]
    return texts


def expected(texts: dict[str, list[str]], term: str) -> set[str]:
    needle = normalise(term)
    return {url for url, parts in texts.items() if any(needle in part for part in parts)}
