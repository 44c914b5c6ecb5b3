"""Pick the passage of a record that best shows why it matched, and mark where the query hit.

The passage is shown as written (a traditional record in traditional characters, punctuation kept);
the query is looked for in its normalised form and each hit mapped back to the characters it came from
(generator/search/text.py's normalise_aligned), so a mark never lands beside the word.
"""

from __future__ import annotations

from generator.search.text import normalise_aligned, one_line

WIDTH = 72  # characters of context around a hit: about two lines on a phone
LABEL_ORDER = {"title": 2, "key": 0, "body": 1}
TAGS_LABEL = "标签"
CLAUSE_ENDS = "。；！？，"

Span = tuple[int, int]


def find_spans(normalised: str, needles: list[str]) -> list[Span]:
    """Every (start, end) where a needle stands in normalised text, overlapping ones merged."""
    found: list[Span] = []
    for needle in needles:
        start = normalised.find(needle) if needle else -1
        while start >= 0:
            found.append((start, start + len(needle)))
            start = normalised.find(needle, start + len(needle))
    found.sort()
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(passages: list[tuple[str, str, str]], terms: list[str], words: list[str]) -> tuple[str, tuple[Span, ...]]:
    """Return (snippet text, highlighted spans) from passages [(label, text, group)].

    A passage with a whole query word beats one with only some of its parts (words), and one with more
    of the query's words beats one with fewer; among equals, problems, fixes and lessons come before
    other text, the title (shown anyway) comes last, and a passage that is nothing but the word after
    any other.
    """
    # with nothing to look for (related records), the summary — the first text after the title — is shown
    searched = passages if terms or words else []
    best: tuple[int, ...] | None = None
    chosen: tuple[str, str, list[Span]] = ("", "", [])
    for index, (label, text, group) in enumerate(searched):
        shown = one_line(text)
        normalised, origins = normalise_aligned(shown)
        spans = find_spans(normalised, terms)
        strength = 2 if spans else 0
        if not spans and words:
            spans = find_spans(normalised, words)
            strength = 1 if spans else 0
        if not spans:
            continue
        distinct = len({normalised[s:e] for s, e in spans})
        order = 3 if label == TAGS_LABEL else LABEL_ORDER.get(group, 1)  # tags say little on their own
        bare = int(spans == [(0, len(normalised))])  # a heading that is just the word shows nothing more
        rank = (-strength, -distinct, order, bare, index)
        if best is None or rank < best:
            best = rank
            chosen = (label, shown, [(origins[s], origins[e - 1] + 1) for s, e in spans])
    if best is None:
        body = [p for p in passages if p[2] != "title"] or passages
        if not body:
            return "", ()
        label, text, _ = body[0]
        return _window(label, one_line(text), [])
    return _window(*chosen)


def _window(label: str, text: str, spans: list[Span]) -> tuple[str, tuple[Span, ...]]:
    """Cut about WIDTH characters of text around the first hit, starting at a clause if one is near."""
    prefix = f"{label}："
    start = 0
    if spans and len(text) > WIDTH:
        first = spans[0][0]
        start = max(0, min(first - WIDTH // 3, len(text) - WIDTH))
        # begin at a clause if one starts shortly before the hit: "…据此定桌数、席卡" rather than "…费；二问…"
        boundary = max(text.rfind(mark, start, first) for mark in CLAUSE_ENDS)
        if boundary >= 0:
            start = boundary + 1
            while start < first and text[start] == " ":
                start += 1
    end = min(len(text), max(start + WIDTH, spans[0][1] if spans else 0))
    piece = text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    offset = len(prefix) + len(lead) - start
    shown = tuple((max(s, start) + offset, min(e, end) + offset) for s, e in spans if s < end and e > start)
    return f"{prefix}{lead}{piece}{tail}", shown
