"""Search text: one normalisation for the index and for the browser's query, and the tokens both share.

Pagefind's own Chinese segmentation misses most phrases (issue 3 measured 4 of 40 pages for 踩点),
so we hand it tokens it cannot split: every pair of neighbouring Han characters (a bigram, as
Lucene's CJK analyzer does) spelled in lowercase letters. A query of n Han characters becomes its
n-1 bigrams; Pagefind returns the pages holding all of them, with the position of each hit, and the
browser keeps a page only where the hits sit next to each other — that is, where the phrase is.

Both sides normalise first: NFKC (full-width letters and digits to half-width), lower case, and
traditional → simplified one character at a time with OpenCC's t2s table. The browser gets the same
character table as JSON (only the characters that can matter for this site), so a query for 台风
finds a page written in 颱風. Keep this file and templates/site/assets/handbook-search.js in step;
tests/site/test_search_text.py runs both on the same strings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

import opencc

# Han ideographs: extension A, the unified block, compatibility ideographs, extensions B–H.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN_RUN = re.compile(f"[{HAN}]+")
# Whitespace between two Han characters is a line-wrapping artefact (YAML folds lines with spaces).
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])\\s+(?=[{HAN}])")
_WORD = re.compile(r"[^\W_]+")
_HAN_CHAR = re.compile(f"[{HAN}]")

TOKEN_PREFIX = "hz"
_LETTERS = 4  # 26**4 = 456976 > U+323AF, the last Han extension
_END = "zzzz"  # never a real character: marks the end of a Han run


@functools.cache
def t2s_table() -> dict[str, str]:
    """Map each traditional (or variant) Han character to its simplified form, one character at a time."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = converter.convert("\n".join(chars)).split("\n")
    table = {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    # Close chains (a → b → c) so that normalising twice changes nothing.
    for source, target in list(table.items()):
        seen = {source}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        table[source] = target
    return table


def normalise(text: str) -> str:
    """Return the form both index and query are compared in: NFKC, lower case, simplified Han."""
    table = t2s_table()
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(table.get(ch, ch) for ch in text)
    return _SPACE_BETWEEN_HAN.sub("", text)


@functools.lru_cache(maxsize=65536)
def _spell(char: str) -> str:
    number, letters = ord(char), []
    for _ in range(_LETTERS):
        number, digit = divmod(number, 26)
        letters.append(chr(97 + digit))
    return "".join(reversed(letters))


def tokens(normalised: str) -> Iterator[str]:
    """Yield the index tokens of normalised text: a token per Han character, plus every other word.

    The token of a Han character pairs it with the next one in its run, or with an end mark at the
    end of the run, so every character starts exactly one token and a run break is never a pair.
    """
    position = 0
    for match in HAN_RUN.finditer(normalised):
        yield from _WORD.findall(normalised[position : match.start()])
        run = match.group()
        spelled = [_spell(ch) for ch in run] + [_END]
        for index in range(len(run)):
            yield TOKEN_PREFIX + spelled[index] + spelled[index + 1]
        position = match.end()
    yield from _WORD.findall(normalised[position:])


def index_text(normalised_parts: Iterable[str]) -> str:
    """Return the content string Pagefind indexes for a record made of these (normalised) text parts."""
    return " ".join(token for part in normalised_parts for token in tokens(part))


def contains(text: str, query: str) -> bool:
    """Tell whether text contains query after both are normalised (the definition search must meet)."""
    needle = normalise(query).strip()
    return bool(needle) and needle in normalise(text)


def han_characters(text: str) -> set[str]:
    return set(_HAN_CHAR.findall(text))


def browser_table(site_characters: set[str]) -> dict[str, str]:
    """Return the part of the t2s table a query can need: characters whose simplified form is on the site."""
    return {source: target for source, target in t2s_table().items() if target in site_characters}
