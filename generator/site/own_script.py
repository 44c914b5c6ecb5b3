"""Show a record's enumerated values (事件类型, 类别, 严重程度…) in the script the record is written in.

The loader stores every enumerated value in its standard, simplified spelling (應急 is kept as 应急), so
filters, grouping, listing pages and search agree whatever the author typed. A record written in
traditional characters should still read as one text on its own page: there 应急 is shown as 應急.
Which script a record is in is judged from its title, the text every page that shows one of its values
also shows (so a page's cache key, which covers the titles it shows, also covers this choice).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=2)
def _converter(config: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(config).convert


def _changed(text: str, config: str) -> int:
    """How many characters of text a conversion changes (OpenCC keeps the length of Han text)."""
    return sum(a != b for a, b in zip(text, _converter(config)(text), strict=False))


@lru_cache(maxsize=65536)
def is_traditional(text: str) -> bool:
    """True when text has more characters that only traditional Chinese writes than ones only simplified does."""
    return _changed(text, "t2s") > _changed(text, "s2t")


def in_own_script(value: Any, title: str) -> str:
    """A standard (simplified) value as the record titled title writes it: traditional for a traditional record."""
    text = "" if value is None else str(value)
    return _converter("s2t")(text) if text and is_traditional(title) else text
