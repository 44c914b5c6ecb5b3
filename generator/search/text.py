"""Chinese text for the search index: normalisation (繁→简), jieba words and overlapping character bigrams.

Two token streams are indexed from the same normalised text:

* **words** — jieba in search mode (``cut_for_search``), which also emits the shorter words inside a
  long one (中华人民共和国 → 中华, 人民, 共和国 …). Words carry the ranking and "related records".
* **grams** — every CJK character followed by its neighbour (办公室 → 办公, 公室, 室), with positions.
  A query term of two or more characters is a phrase of its bigrams, which matches exactly the records
  whose normalised text contains the term, however jieba cut that text. This is the recall guarantee.

jieba's dictionary costs about a second to load, so it is loaded only to index. A query never needs it:
the words of a query are looked up in the index's own vocabulary (see ``cover_words``).
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

# Bump when tokenisation or the schema changes: every index built with another value is rebuilt.
ANALYZER_VERSION = "6"

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_WORD = re.compile(rf"^(?:[{_CJK}]{{2,}}|[0-9a-z]+)$")
TERM_SPLIT = re.compile(rf"[^{_CJK}0-9a-zA-Z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


@lru_cache(maxsize=1)
def analyzer_version() -> str:
    """Name everything that decides the index's tokens; a change of any part forces a rebuild."""
    return f"{ANALYZER_VERSION}/jieba-{version('jieba')}/opencc-{version('OpenCC')}"


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def normalise(text: str) -> str:
    """Fold traditional to simplified characters, full-width letters to ASCII, and case."""
    text = text.translate(_FULLWIDTH)
    return _converter()(text).lower()


def normalise_aligned(text: str) -> str:
    """Normalise so that character i of the result comes from character i of text (for highlighting)."""
    whole = normalise(text)
    if len(whole) == len(text):
        return whole
    pieces = []
    for char in text:
        folded = normalise(char)
        pieces.append(folded if len(folded) == 1 else char)
    return "".join(pieces)


# ---------------------------------------------------------------- grams


def gram_tokens(normalised: str) -> Iterator[tuple[str, int]]:
    """Yield (token, position): bigrams for CJK runs (a run's last character alone), whole ASCII words.

    Positions leave a gap between runs, so a phrase never matches across punctuation or script changes.
    """
    position = 0
    for match in _RUN.finditer(normalised):
        cjk, word = match.groups()
        if word:
            yield word, position
            position += 2
            continue
        for index in range(len(cjk)):
            yield cjk[index : index + 2], position
            position += 1
        position += 1


def term_pieces(term: str) -> list[str]:
    """Split a normalised query term into runs (CJK run or ASCII word), as gram_tokens sees them."""
    return [match.group(0) for match in _RUN.finditer(term)]


def run_bigrams(run: str) -> list[str]:
    """The consecutive bigrams whose phrase spells this CJK run (len ≥ 2)."""
    return [run[index : index + 2] for index in range(len(run) - 1)]


def is_cjk_run(piece: str) -> bool:
    return bool(piece) and not piece[0].isascii()


# ---------------------------------------------------------------- words (jieba)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "office-handbook"


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """Load jieba once, with its prefix dictionary cached under ~/.cache (or the system temp folder)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache_dir = _cache_dir()
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


_word_memo: dict[str, list[str]] = {}


def words(normalised: str) -> list[str]:
    """jieba search-mode words of normalised text: CJK words of 2+ characters and ASCII words.

    Results are remembered per text while indexing, because the three editions index the same records.
    """
    cached = _word_memo.get(normalised)
    if cached is not None:
        return cached
    found = [w for w in (t.strip() for t in _jieba().cut_for_search(normalised)) if _WORD.match(w)]
    if len(_word_memo) > 200_000:
        _word_memo.clear()
    _word_memo[normalised] = found
    return found


def forget_words() -> None:
    """Drop the memo of segmented texts (after an index refresh)."""
    _word_memo.clear()


def cover_words(term: str, known: Callable[[str], bool]) -> list[str]:
    """Cut a normalised query term wholly into indexed words, fewest pieces first; [] if it cannot be done.

    This stands in for running jieba on the query: a query word that is not in the index's vocabulary
    could match nothing anyway, so the vocabulary is the only dictionary a query needs.
    """
    found: list[str] = []
    for piece in term_pieces(term):
        if not is_cjk_run(piece):
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


def plain_markdown(text: str) -> str:
    """Strip the Markdown marks that would otherwise show up in snippets."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`|]+", "", text)
    return unicodedata.normalize("NFC", text)
