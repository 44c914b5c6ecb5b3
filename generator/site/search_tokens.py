"""The browser search's index tokens, spelled so that Pagefind cannot split them.

What text is, how it is normalised and what "contains" means come from generator/search/text.py, the
one definition both searches share; this module only spells its pieces for Pagefind.

Pagefind's own Chinese segmentation misses most phrases, so we hand it tokens it cannot split: every
pair of neighbouring Han characters (a bigram, as Lucene's CJK analyzer does) spelled in lowercase
letters, and every other word as it is; then, once each, every Han character alone and every stretch
of every other word, for queries of one character or of part of a word. A query word of n Han
characters becomes its n-1 bigrams;
Pagefind returns the pages holding all of them, with the position of each hit, and the browser keeps
a page only where the hits sit next to each other — that is, where the word is written.
Keep this file and templates/site/assets/handbook-search.js in step;
tests/site/test_search_text.py runs both on the same strings.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

from generator.search.text import normalise, pieces

__all__ = ["CHARACTER_PREFIX", "TOKEN_PREFIX", "index_text", "lookup_tokens", "normalise", "tokens"]

TOKEN_PREFIX = "hz"  # a Han character and the next one: hz + 4 letters + 4 letters
CHARACTER_PREFIX = "hy"  # one Han character on its own: hy + 4 letters
_LETTERS = 4  # 26**4 = 456976 > U+323AF, the last Han extension
_END = "zzzz"  # never a real character: marks the end of a Han run


@functools.lru_cache(maxsize=65536)
def _spell(char: str) -> str:
    number, letters = ord(char), []
    for _ in range(_LETTERS):
        number, digit = divmod(number, 26)
        letters.append(chr(97 + digit))
    return "".join(reversed(letters))


def _piece_tokens(piece: str, han: bool) -> tuple[list[str], set[str]]:
    """Return one piece's tokens in order and its lookup tokens (see tokens and lookup_tokens)."""
    if not han:
        return [piece], {piece[start:end] for start in range(len(piece)) for end in range(start + 1, len(piece) + 1)}
    spelled = [_spell(ch) for ch in piece]
    lookups = {CHARACTER_PREFIX + letters for letters in spelled}
    spelled.append(_END)
    return [TOKEN_PREFIX + first + second for first, second in itertools.pairwise(spelled)], lookups


def tokens(normalised: str) -> Iterator[str]:
    """Yield the index tokens of normalised text in order: a token per Han character, and every other word.

    The token of a Han character pairs it with the next one in its run, or with an end mark at the
    end of the run, so every character starts exactly one token and a run break is never a pair;
    these tokens' positions are what tells a phrase.
    """
    for piece, han in pieces(normalised):
        yield from _piece_tokens(piece, han)[0]


def lookup_tokens(normalised: str) -> set[str]:
    """Return the tokens a query of one character, or of part of a word, asks for exactly.

    Pagefind matches the start of a token, but a prefix shared by many tokens (one Han character
    starts hundreds of pairs) does not reliably reach every page. So each Han character also stands
    alone, and every stretch of every other word (9704 in gb9704) is a token of its own.
    """
    found: set[str] = set()
    for piece, han in pieces(normalised):
        found |= _piece_tokens(piece, han)[1]
    return found


def index_text(normalised_parts: Iterable[str]) -> str:
    """Return the content string Pagefind indexes for a record made of these (normalised) text parts.

    The tokens in order come first (their positions matter); the lookup tokens follow once each.
    Each part is split into pieces once, for both.
    """
    in_order: list[str] = []
    lookups: set[str] = set()
    for part in normalised_parts:
        for piece, han in pieces(part):
            piece_in_order, piece_lookups = _piece_tokens(piece, han)
            in_order += piece_in_order
            lookups |= piece_lookups
    return " ".join([*in_order, *sorted(lookups)])
