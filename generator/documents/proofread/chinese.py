"""Small facts about written Chinese that several rules share: what counts as a Chinese character,
how Chinese numerals read, and how a date without a year is understood."""

from __future__ import annotations

import re
from datetime import date

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "〇零一二两三四五六七八九十百千"
CHINESE_NUMBER = f"[{NUMERAL_CHARS}]+"
WEEKDAYS = "一二三四五六日"


def is_cjk(char: str) -> bool:
    """Return True for a Chinese character (not punctuation)."""
    return bool(char) and CJK_CHAR.fullmatch(char) is not None


def chinese_number(text: str) -> int | None:
    """Return the value of a Chinese numeral below 10,000 (十二 → 12, 一百六十 → 160), or None."""
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        return None
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            if digit is not None:
                return None  # 一二 is not a number
            digit = DIGITS[char]
        else:
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
    return total + (digit or 0)


def weekday_name(day: date) -> str:
    """Return 星期二 for a Tuesday."""
    return "星期" + WEEKDAYS[day.weekday()]


def nearest_date(month: int, day: int, reference: date) -> date | None:
    """Read “M月D日” (no year) as the occurrence nearest to the document's own date, or None if it never exists."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - reference).days)) if candidates else None
