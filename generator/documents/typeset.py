"""How much room text takes on the 28 × 22 grid: widths, line counts and where a long title breaks.

The documents stage needs this before any office suite has laid the document out: to fit the red
mark on one line, to break a title between words into a balanced shape (GB/T 9704-2012 §7.3.1), and
to know on which page the main text ends, so the 版记 lands on the last, even page (§7.4, §7.5).

Widths are counted in full-width characters (one advance of the line's own font). Digits and Latin
letters are narrower and their width depends on the face (Times New Roman 0.5, its Linux stand-ins
up to 0.64); LATIN_WIDTH sits between, so a line count may be off by one on lines full of digits.
"""

from __future__ import annotations

import math
import re
from itertools import combinations

from generator.documents import layout

LATIN_WIDTH = 0.58
# 避头尾 (line-breaking rules for Chinese): these never start a line (both Word and LibreOffice let
# them hang past the margin instead) …
NO_LINE_START = frozenset("，。、；：！？）》」』”’…·%—")
# … and these never end one (they move to the next line with the character they open).
NO_LINE_END = frozenset("（《「『“‘〔")
_TOKEN = re.compile(r"[A-Za-z0-9.%:/\-]+|.", re.S)


def char_width(char: str) -> float:
    """Width of one character in full-width characters."""
    return LATIN_WIDTH if char.isascii() else 1.0


def text_width(text: str) -> float:
    """Width of a string in full-width characters."""
    return sum(char_width(char) for char in text)


def count_lines(text: str, capacity: float, *, first_line: float = 0, hanging: float = 0) -> int:
    """Return how many lines `text` fills, `capacity` characters wide, with a first-line indent or hanging indent.

    Greedy like Word and LibreOffice: a Latin word or number stays whole, punctuation that may not
    start a line hangs in the margin, an opening bracket moves down with what follows it.
    """
    if not text:
        return 1
    lines, used, room = 1, 0.0, capacity - first_line + hanging
    tokens = _TOKEN.findall(text)
    for index, token in enumerate(tokens):
        width = text_width(token)
        if used + width <= room + 1e-9 or (token in NO_LINE_START and used > 0):
            used += width
            continue
        # an opening bracket at the end of the line goes down with this token
        used = text_width(tokens[index - 1]) if used > 0 and tokens[index - 1] in NO_LINE_END else 0.0
        lines, room = lines + 1, capacity
        used += width
        while used > room:  # a token longer than a line (a long URL) is cut by the suite anywhere
            lines, used = lines + 1, used - room
    return lines


# ------------------------------------------------------------------ titles (§7.3.1)
def words(text: str) -> list[str]:
    """Split text into words with jieba, loaded on the first title that needs breaking (never broken inside one)."""
    from generator.search.text import jieba_module  # the one jieba loader, with its dictionary cache

    return [word for word in jieba_module().lcut(text, HMM=True) if word]


def break_title(title: str, capacity: int) -> list[str]:
    """Return the title's lines: as typed when the clerk broke it, else whole words in a balanced shape.

    §7.3.1: a title that needs more than one line is broken between words, keeping their meaning,
    and arranged symmetrically, as a trapezoid (shorter line above) or a diamond (longest in the middle).
    """
    typed = [line.strip() for line in title.splitlines() if line.strip()]
    if len(typed) > 1:
        return typed
    title = typed[0] if typed else ""
    if text_width(title) <= capacity:
        return [title]
    pieces = words(title)
    ends = [sum(len(piece) for piece in pieces[: i + 1]) for i in range(len(pieces))]
    least = math.ceil(text_width(title) / capacity)
    for count in range(least, least + 3):
        best = _best_breaks(title, ends[:-1], count, capacity)
        if best:
            return best
    return _cut_anywhere(title, capacity)


def _best_breaks(title: str, cut_points: list[int], count: int, capacity: int) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cuts in combinations(cut_points, count - 1):
        bounds = (0, *cuts, len(title))
        lines = [title[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        widths = [text_width(line) for line in lines]
        if max(widths) > capacity or any(line[0] in NO_LINE_START or line[-1] in NO_LINE_END for line in lines):
            continue
        score = _shape_penalty(widths)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def _shape_penalty(widths: list[float]) -> float:
    """Smaller is better: even lengths, and a trapezoid (growing) or diamond (widest in the middle) outline."""
    mean = sum(widths) / len(widths)
    spread = sum((width - mean) ** 2 for width in widths)
    growing = all(a <= b for a, b in zip(widths, widths[1:], strict=False))
    widest = widths.index(max(widths))
    diamond = len(widths) >= 3 and all(a <= b for a, b in zip(widths[: widest + 1], widths[1: widest + 1], strict=False)) \
        and all(a >= b for a, b in zip(widths[widest:], widths[widest + 1:], strict=False))
    return spread + (0 if growing or diamond else 4 + len(widths))


def _cut_anywhere(title: str, capacity: int) -> list[str]:
    """Last resort for a “word” longer than a line: fill lines character by character."""
    lines, current = [], ""
    for char in title:
        if text_width(current + char) > capacity:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current]


def title_capacity() -> int:
    """Characters of 2 号 that fit one title line (20)."""
    return layout.chars_per_line(layout.TITLE_SIZE)
