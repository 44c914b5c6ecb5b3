"""Pick the passage of a record that best shows why it matched, and mark where the query hit."""

from __future__ import annotations

from generator.search.text import normalise, normalise_aligned

WIDTH = 72  # characters of context around a hit: about two lines on a phone
LABEL_ORDER = {"title": 2, "key": 0, "body": 1}
TAGS_LABEL = "标签"
CLAUSE_ENDS = "。；！？，"


def _spans(normalised: str, terms: list[str]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for term in terms:
        start = normalised.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = normalised.find(term, start + len(term))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _normalised(passages: list[tuple[str, str, str]]) -> list[str]:
    """Normalise every passage with one call to OpenCC, falling back to one call each if lengths shift."""
    texts = [text for _, text, _ in passages]
    joined = "\n".join(texts)
    whole = normalise(joined)
    if len(whole) != len(joined):
        return [normalise_aligned(text) for text in texts]
    pieces, start = [], 0
    for text in texts:
        pieces.append(whole[start : start + len(text)])
        start += len(text) + 1
    return pieces


def make_snippet(
    passages: list[tuple[str, str, str]], terms: list[str], words: list[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return (snippet text, highlighted spans) from passages [(label, text, group)].

    A passage with a whole query term beats one with only some of its words; among equals, problems,
    fixes and lessons come before other text, and the title (shown anyway) comes last.
    """
    # with nothing to look for (related records), the summary — the first text after the title — is shown
    searched = passages if terms or words else []
    best: tuple[int, int, int, int] | None = None
    best_text, best_spans, best_label = "", [], ""
    for index, ((label, text, group), normalised) in enumerate(zip(searched, _normalised(searched), strict=True)):
        spans = _spans(normalised, terms)
        strength = 2 if spans else 0
        if not spans and words:
            spans = _spans(normalised, words)
            strength = 1 if spans else 0
        if not spans:
            continue
        distinct = len({normalised[s:e] for s, e in spans})
        order = 3 if label == TAGS_LABEL else LABEL_ORDER.get(group, 1)  # tags say little on their own
        rank = (-strength, -distinct, order, index)
        if best is None or rank < best:
            best, best_text, best_spans, best_label = rank, text, spans, label
    if best is None:
        body = [p for p in passages if p[2] != "title"] or passages
        if not body:
            return "", ()
        label, text, _ = body[0]
        return _window(label, text, [])
    return _window(best_label, best_text, best_spans)


def _window(label: str, text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = " ".join(text.split())  # one line; whitespace runs do not move CJK offsets much, recompute below
    prefix = f"{label}："
    if spans:
        normalised = normalise_aligned(text)
        hit_text = {normalised[s:e] for s, e in spans}
        spans = _spans(normalised, sorted(hit_text, key=len, reverse=True))
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
    end = min(len(text), start + WIDTH)
    piece = text[start:end]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    offset = len(prefix) + len(lead) - start
    shown = tuple(
        (max(s, start) + offset, min(e, end) + offset) for s, e in spans if s < end and e > start
    )
    return f"{prefix}{lead}{piece}{tail}", shown
