"""Punctuation in Chinese text (GB/T 15834-2011 标点符号用法): full-width marks, and every bracket,
quote and 《》 closed.

A half-width mark is only questioned where it sits in Chinese text — a Chinese character on one side
and no Latin letter on either — so decimals (3.5), times (9:30), thousands (2,600), web addresses,
e-mail addresses, phone numbers and English abbreviations (e.g., U.S.) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.documents.proofread.chinese import is_cjk
from generator.documents.proofread.numbers import cited_numbers
from generator.documents.proofread.source import Source, paragraphs, text_fields
from generator.errors import Problems
from generator.model.records import Document

STANDARD = "GB/T 15834-2011"
FULL_WIDTH = {",": ("逗号", "，"), ":": ("冒号", "："), ";": ("分号", "；"), "?": ("问号", "？"), "!": ("叹号", "！"),
              ".": ("句号", "。")}
HALF_WIDTH_MARK = re.compile(r"[,:;?!.]")
ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)")
NOT_PROSE = re.compile(r"(?:https?://|www\.)[^\s，。；、）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OPENERS = {"（": "round", "(": "round", "【": "square", "《": "book", "〈": "angle", "〔": "hex", "“": "double",
           "‘": "single"}
CLOSERS = {"）": "round", ")": "round", "】": "square", "》": "book", "〉": "angle", "〕": "hex", "”": "double",
           "’": "single"}
PAIR_OF = {"round": "（）", "square": "【】", "book": "《》", "angle": "〈〉", "hex": "〔〕", "double": "“”", "single": "‘’"}
CHINESE_MARKS = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—"


@dataclass(frozen=True)
class Mark:
    """One bracket or quote found while pairing: the character and its offset in the field."""

    char: str
    offset: int


def punctuation(doc: Document, source: Source, problems: Problems) -> None:
    """Half-width marks in Chinese text, and unpaired brackets, quotes and 《》, field by field."""
    for text in text_fields(doc):
        skipped = _skipped_spans(text.text)
        for offset, message in [*_half_width_marks(text.text, skipped), *_pairs(text.text, skipped)]:
            at = source.locate(text.loc, text.text, offset, 1)
            source.add(problems, at, f"{message}（{STANDARD}）")


def _skipped_spans(text: str) -> set[int]:
    """Offsets that are not prose: web and e-mail addresses, and cited document numbers (checked elsewhere)."""
    spans = {i for match in NOT_PROSE.finditer(text) for i in range(match.start(), match.end())}
    spans |= {i for cited in cited_numbers(text) for i in range(cited.start, cited.end)}
    return spans


def _chinese_side(char: str) -> bool:
    return is_cjk(char) or (bool(char) and char in CHINESE_MARKS)


def _half_width_marks(text: str, skipped: set[int]) -> Iterator[tuple[int, str]]:
    """Yield half-width , : ; ? ! . and ... written in Chinese text (see the module docstring for what is spared)."""
    for match in HALF_WIDTH_MARK.finditer(text):
        index = match.start()
        if index in skipped:
            continue
        left = text[index - 1] if index > 0 else ""
        right = text[index + 1] if index + 1 < len(text) else ""
        if (left.isascii() and left.isalpha()) or (right.isascii() and right.isalpha()) or right == match.group(0):
            continue
        char = match.group(0)
        end = not right or right.isspace()
        if char == ".":
            chinese = is_cjk(left) and (end or _chinese_side(right))
        elif char == ":":
            chinese = _chinese_side(left) and (end or _chinese_side(right) or right.isdigit())
        else:
            chinese = (_chinese_side(left) and (end or _chinese_side(right) or right.isdigit())) or (
                _chinese_side(right) and (left.isdigit() or left == "%"))
        if chinese:
            name, full = FULL_WIDTH[char]
            yield index, f"中文里用了半角{name}“{char}”：应改为全角“{full}”"
    for match in ELLIPSIS.finditer(text):
        if match.start() not in skipped and (_chinese_side(text[match.start() - 1:match.start()]) or
                                             _chinese_side(text[match.end():match.end() + 1])):
            yield match.start(), f"省略号写成了“{match.group(0)}”：应改为“……”（占两个字的位置）"


def _pairs(text: str, skipped: set[int]) -> Iterator[tuple[int, str]]:
    """Pair brackets and quotes paragraph by paragraph; yield what is unpaired, mixed or half-width."""
    for start, paragraph in paragraphs(text):
        stack: list[Mark] = []
        for index, char in enumerate(paragraph):
            offset = start + index
            if offset in skipped:
                continue
            if char == '"':
                yield from _straight_quote(paragraph, index, offset)
            elif char in OPENERS:
                stack.append(Mark(char, offset))
            elif char in CLOSERS:
                family = CLOSERS[char]
                depth = next((d for d in range(len(stack) - 1, -1, -1) if OPENERS[stack[d].char] == family), None)
                if depth is None:
                    pair = PAIR_OF[family]
                    yield offset, f"多了一个“{char}”，前面没有与它配对的“{pair[0]}”：请补上或删去"
                    continue
                for unclosed in stack[depth + 1:]:
                    yield _unclosed(unclosed)
                opener = stack[depth]
                del stack[depth:]
                yield from _widths(text, opener, Mark(char, offset))
        for unclosed in stack:
            yield _unclosed(unclosed)


def _unclosed(mark: Mark) -> tuple[int, str]:
    pair = PAIR_OF[OPENERS[mark.char]]
    closer = ")" if mark.char == "(" else pair[1]
    return mark.offset, f"“{mark.char}”没有与它配对的“{closer}”：请补上或删去"


def _widths(text: str, opener: Mark, closer: Mark) -> Iterator[tuple[int, str]]:
    """A pair is both full-width; half-width round brackets are questioned only around Chinese."""
    half = (opener.char == "(", closer.char == ")")
    inside = text[opener.offset + 1:closer.offset]
    if half == (True, True):
        around = text[opener.offset - 1:opener.offset] + text[closer.offset + 1:closer.offset + 2]
        if any(is_cjk(c) for c in inside) or any(is_cjk(c) for c in around):
            yield opener.offset, f"中文里用了半角括号“({inside})”：应改为全角“（{inside}）”"
    elif any(half):
        yield opener.offset, f"括号一半全角一半半角“{opener.char}{inside}{closer.char}”：应写成“（{inside}）”"


def _straight_quote(paragraph: str, index: int, offset: int) -> Iterator[tuple[int, str]]:
    """Report a pair of straight quotes "…" around Chinese once, at the opening one."""
    if paragraph.count('"', 0, index) % 2:
        return  # the closing quote of a pair already reported
    close = paragraph.find('"', index + 1)
    inside = paragraph[index + 1:close] if close > 0 else paragraph[index + 1:index + 3]
    if any(is_cjk(c) for c in inside) or is_cjk(paragraph[index - 1:index]):
        written = paragraph[index:close + 1] if close > 0 else paragraph[index]
        fixed = f"写成“{inside}”" if close > 0 else "改为全角引号“”"
        yield offset, f"中文里用了半角引号：{written}应{fixed}"
