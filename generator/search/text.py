"""The one definition of search text: normalisation, Chinese characters, tokens and "contains".

Both searches — the command line (Whoosh) and the browser (Pagefind) — index and query with this
module, so they agree on what a record holds:

* **fold** each character on its own: NFKC (full-width letters and digits to half-width, compatibility
  ideographs to unified ones), lower case, then traditional → simplified with OpenCC's t2s table, one
  character at a time (so 颱風 and 台风 are the same text).
* **normalise** a text: fold it, turn every run of whitespace into one space, drop the space between two
  Han characters (YAML folds long lines with a space) and trim the ends.
* A **Han character** is any character of the CJK unified blocks: the basic block, extension A, the
  compatibility ideographs, and extensions B–H (王𠮷's 𠮷 is in extension B).
* A record **contains** a query word when one of its text parts, normalised, holds the normalised word.
  A query's words are what whitespace separates; a record **matches** when it contains every word.

The browser does not run NFKC or OpenCC itself: it gets the fold of every character that can matter
for the site, and these character classes, in one JSON file written from here (``browser_rules``).

Two token streams feed the Whoosh index from the same normalised text:

* **words** — jieba in search mode (``cut_for_search``). Words carry the ranking and "related records",
  and let the command line add records that hold a query word's parts apart.
* **grams** — every Han character followed by its neighbour (办公室 → 办公, 公室, 室), with positions, and
  every other word whole. A Han query word of two or more characters is a phrase of its bigrams.

jieba's dictionary costs about a second to load, so it is loaded only to index. A query never needs it:
the words of a query are looked up in the index's own vocabulary (see ``cover_words``).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from generator.cache import user_cache_folder

# Han ideographs: extension A, the unified block, compatibility ideographs, extensions B–H (and the
# compatibility supplement, which lies inside that last range).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# Whitespace, spelled out so that Python and the browser split a query at the same characters.
SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"

HAN_RUN = re.compile(f"[{HAN}]+")
_HAN_CHAR = re.compile(f"[{HAN}]")
_SPACE_RUN = re.compile(f"[{SPACE}]+")
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN}]) (?=[{HAN}])")
_LETTERS_OR_DIGITS = re.compile(r"[^\W_]+")  # a word outside Han runs: letters and digits of any script
# Words that rank and relate records: Han words of two or more characters and other words with a
# letter (numbers — dates, head counts — would make every record of a year look alike).
_JIEBA_WORD = re.compile(f"^(?:[{HAN}]{{2,}}|(?:(?![{HAN}])[^\\W_])*(?![{HAN}])[^\\W\\d_](?:(?![{HAN}])[^\\W_])*)$")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
# Characters whose NFKC or lower case may differ from themselves: the basic and supplementary
# multilingual planes and the compatibility ideographs supplement (other Han characters change only by t2s).
_FOLD_CANDIDATES = ((0x0000, 0x1FFFF), (0x2F800, 0x2FA1F))


@lru_cache(maxsize=1)
def analyzer_version() -> str:
    """Name the libraries that decide the index's tokens besides this code (which the SEARCH stage's
    fingerprint covers: generator/cache.py); a change of any part forces a rebuild."""
    return f"jieba-{version('jieba')}/opencc-{version('OpenCC')}/unicode-{unicodedata.unidata_version}"


# ---------------------------------------------------------------- folding and normalising


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Map each traditional (or variant) Han character to its simplified form, one character at a time."""
    import opencc

    chars = [chr(code) for start, end in _HAN_RANGES for code in range(start, end + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    # Close chains (a → b → c) so that folding twice changes nothing.
    for source, target in list(table.items()):
        seen = {source}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        table[source] = target
    return table


def fold_char(char: str) -> str:
    """Fold one character: NFKC, lower case, then t2s for each character that gives."""
    table = t2s_table()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())


class _FoldTable(dict[int, str]):
    """str.translate's table for fold_char, filled in as characters are met (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


@lru_cache(maxsize=1)
def _fold_table() -> _FoldTable:
    return _FoldTable()


def fold(text: str) -> str:
    """Fold every character of text (see fold_char); lengths may change (… becomes ...)."""
    return text.translate(_fold_table())


def one_line(text: str) -> str:
    """Return text as a result list shows it: every run of whitespace one space, ends trimmed."""
    return _SPACE_RUN.sub(" ", text).strip(" ")


def normalise(text: str) -> str:
    """Return the form both indexes and both query paths compare in (see the module's docstring)."""
    spaced = _SPACE_RUN.sub(" ", fold(text))
    return _SPACE_BETWEEN_HAN.sub("", spaced).strip(" ")


def normalise_aligned(text: str) -> tuple[str, list[int]]:
    """Return normalise(text) and, for each of its characters, the index in text it comes from.

    Highlights are found in the normalised text and shown on the original: a traditional record is
    shown in its own characters, and a character that folds to several (… → ...) or whitespace that
    disappears never shifts the marks.
    """
    table = _fold_table()
    is_space = _SPACE_RUN.fullmatch
    chars: list[str] = []
    origins: list[int] = []
    pending = -1  # index of the first whitespace character since the last character kept
    for index, char in enumerate(text):
        for folded in table[ord(char)]:
            if is_space(folded):
                if pending < 0:
                    pending = index
                continue
            if pending >= 0 and chars and not (_HAN_CHAR.match(chars[-1]) and _HAN_CHAR.match(folded)):
                chars.append(" ")
                origins.append(pending)
            pending = -1
            chars.append(folded)
            origins.append(index)
    return "".join(chars), origins


def query_words(query: str) -> list[str]:
    """Split a query into its normalised words (whitespace separates them), duplicates dropped."""
    found: list[str] = []
    for piece in _SPACE_RUN.split(fold(query)):
        word = normalise(piece)
        if word and word not in found:
            found.append(word)
    return found


def contains(parts: Iterable[str], word: str) -> bool:
    """Tell whether one of the normalised text parts holds the normalised word (the meaning of "found")."""
    return bool(word) and any(word in part for part in parts)


def matches(parts: Iterable[str], words: list[str]) -> bool:
    """Tell whether normalised text parts hold every query word: the record is a search result."""
    parts = list(parts)
    return bool(words) and all(contains(parts, word) for word in words)


def browser_rules(site_characters: set[str], changing: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return what the browser needs to split and normalise a query exactly as query_words does.

    ``fold`` holds every character whose fold differs from itself and is made of characters the site's
    normalised text uses; any other character either folds to itself or cannot be found on this site,
    so the browser leaves it as it is. changing: folds_that_change() as kept between builds.
    """
    changing = folds_that_change() if changing is None else changing
    folds = {char: folded for char, folded in changing.items() if all(c in site_characters for c in folded)}
    return {"fold": folds, "han": HAN, "space": SPACE}


@lru_cache(maxsize=1)
def folds_that_change() -> dict[str, str]:
    """Every character whose fold differs from itself, with its fold, in code point order."""
    candidates = [chr(code) for start, end in _FOLD_CANDIDATES for code in range(start, end + 1)
                  if not 0xD800 <= code <= 0xDFFF]
    candidates += [char for char in t2s_table() if ord(char) > _FOLD_CANDIDATES[0][1]]
    found = {}
    for char in candidates:
        folded = fold_char(char)
        if folded != char:
            found[char] = folded
    return found


# ---------------------------------------------------------------- pieces and grams


def pieces(normalised: str) -> Iterator[tuple[str, bool]]:
    """Yield the runs of normalised text in order: (Han run, True) or (a word of letters/digits, False)."""
    position = 0
    for match in HAN_RUN.finditer(normalised):
        for word in _LETTERS_OR_DIGITS.findall(normalised, position, match.start()):
            yield word, False
        yield match.group(), True
        position = match.end()
    for word in _LETTERS_OR_DIGITS.findall(normalised, position):
        yield word, False


def gram_tokens(normalised: str) -> Iterator[tuple[str, int]]:
    """Yield (token, position): bigrams for Han runs (a run's last character alone), whole other words.

    Positions leave a gap between runs, so a phrase never matches across punctuation or script changes.
    """
    position = 0
    for piece, han in pieces(normalised):
        if not han:
            yield piece, position
            position += 2
            continue
        for index in range(len(piece)):
            yield piece[index : index + 2], position
            position += 1
        position += 1


def run_bigrams(run: str) -> list[str]:
    """The consecutive bigrams whose phrase spells this Han run (len ≥ 2)."""
    return [run[index : index + 2] for index in range(len(run) - 1)]


# ---------------------------------------------------------------- words (jieba)


@lru_cache(maxsize=1)
def jieba_module() -> Any:
    """Load jieba once, with its prefix dictionary cached under ~/.cache (or the system temp folder)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache_dir = user_cache_folder()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        probe = cache_dir / ".writable"
        probe.touch()
        jieba.dt.tmp_dir = str(cache_dir)
        jieba.dt.cache_file = "jieba.cache"
    except OSError:
        pass  # jieba falls back to the system temp folder
    jieba.initialize()
    return jieba


@lru_cache(maxsize=200_000)
def words(normalised: str) -> list[str]:
    """jieba search-mode words of normalised text: Han words of 2+ characters and words with a letter.

    Results are remembered per text (a pure function's memo), because the editions index the same records.
    """
    return [w for w in (t.strip() for t in jieba_module().cut_for_search(normalised)) if _JIEBA_WORD.match(w)]


def forget_words() -> None:
    """Drop the memo of segmented texts (after an index refresh)."""
    words.cache_clear()


def cover_words(term: str, known: Callable[[str], bool]) -> list[str]:
    """Cut a normalised query word wholly into indexed words, fewest pieces first; [] if it cannot be done.

    This stands in for running jieba on the query: a query word that is not in the index's vocabulary
    could match nothing anyway, so the vocabulary is the only dictionary a query needs.
    """
    found: list[str] = []
    for piece, han in pieces(term):
        if not han:
            if not known(piece):
                return []
            found.append(piece)
            continue
        # best[i]: the fewest known words that spell piece[:i], or None
        best: list[list[str] | None] = [[]] + [None] * len(piece)
        for end in range(2, len(piece) + 1):
            for start in range(max(0, end - 12), end - 1):
                before = best[start]
                if before is None or not known(piece[start:end]):
                    continue
                if best[end] is None or len(before) + 1 < len(best[end] or []):
                    best[end] = [*before, piece[start:end]]
        if best[-1] is None:
            return []
        found.extend(best[-1] or [])
    return found
