"""What marks material as classified (密级): the rule every record, page and event must pass to enter.

Classified material never enters this system, so these patterns guard every way in: a fresh parse,
a record taken from the parse cache and a record kept in memory by a preview are all checked against
them (generator/load). They sit in the model layer, below loading and validation, so both can use them
without importing each other; their source is part of the rule set's version (generator/cache.py),
so widening a pattern also invalidates every cache built under the old one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.model.located import Loc

CLASSIFIED_KEYS = frozenset({"classification", "密级", "密級", "security_level", "secret_level", "classified"})
CLASSIFIED_WORDS = "绝密|絕密|机密|機密|秘密"
CLASSIFIED_MARK = re.compile(
    rf"(?:{CLASSIFIED_WORDS})\s*[★☆]\s*(?:\d+\s*(?:年|个月|月))?"  # 机密★1年, 秘密★
    rf"|密[级級]\s*[:：]?\s*(?:{CLASSIFIED_WORDS})"  # 密级：机密
    rf"|^\s*(?:{CLASSIFIED_WORDS})\s*$"  # a value that is just 机密
)
CLASSIFIED_MESSAGE = (
    "发现密级标识“{mark}”：涉密材料一律不得进入本系统（保密底线）。"
    "请删除这条内容，涉密材料按保密规定只在涉密系统中处理"
)


def rules_in_force() -> tuple[str, frozenset[str]]:
    """The marker rules as they stand in this process: records checked under equal rules need no second check."""
    return CLASSIFIED_MARK.pattern, CLASSIFIED_KEYS


def find_classified(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, bool, str]]:
    """Yield (location, is_key, marker) for every classification field or marker in the data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).strip().lower() in CLASSIFIED_KEYS:
                yield (*loc, key), True, str(key)
            else:
                yield from find_classified(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from find_classified(item, (*loc, index))
    elif isinstance(data, str) and (match := CLASSIFIED_MARK.search(data)):
        yield loc, False, match.group(0).strip()


def classified_in_text(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line, column, marker) for markers in free text such as a Markdown chapter."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in CLASSIFIED_MARK.finditer(line):
            yield number, match.start() + 1, match.group(0).strip()
