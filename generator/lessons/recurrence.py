"""The same problem in different reviews: 不怕有问题，就怕同样的问题再次发生.

Two problems are the same when their texts say the same thing (generator/lessons/terms.py: key
terms in simplified characters, families of words that mean one thing, each term weighted by how
much it says). The score is the larger of

* the weighted overlap of the terms of what went wrong *and* why (``what`` + ``cause``), and
* 0.8 × the overlap of ``what`` alone (a problem described the same way but explained differently),

and the problems are the same when the score reaches SAME_PROBLEM — provided their ``what`` overlaps
at least WHAT_MIN: a cause copied into many problems ("交接没有书面记录") does not make them one. The rule and its threshold were
chosen on the labelled pairs in tests/lessons/recurrence_pairs.yml; docs/actions.md reports its
precision and recall there. Problems of one review are never paired with each other, and types and
years do not matter: a meeting can repeat a reception's mistake.

An earlier problem's *action* is found in its review: each action belongs to the problem whose what,
cause and fix its text is closest to (ACTION_MATCH at least). Whether that action is done tells
whether the fix was carried out — and when the problem recurs anyway, that it did not hold (整改没有见效).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import islice

from generator.cache import digest
from generator.lessons.terms import JIEBA_TERMS, KeptTerms, Terms
from generator.load import Item
from generator.model.records import Action, Review, ReviewProblem

SAME_PROBLEM = 0.18
WHAT_ONLY_FACTOR = 0.8
WHAT_MIN = 0.1
ACTION_MATCH = 0.06
MAX_EARLIER = 3  # a review page names the newest three earlier occurrences


@dataclass(frozen=True, eq=False)
class Occurrence:
    """One problem of one review, with the terms it is compared by."""

    item: Item
    index: int  # position in the review's problems (0-based)
    lexicon: Terms = JIEBA_TERMS  # where its terms and their weights come from
    siblings: ReviewActions | None = None  # its review's actions by problem, shared with the other problems
    kept_action: int | None = None  # its action's position as kept from the last build (-1: none); None: work it out

    @property
    def review(self) -> Review:
        return self.item.model

    @property
    def problem(self) -> ReviewProblem:
        return self.review.problems[self.index]

    @property
    def date(self) -> date:
        return self.review.date

    @cached_property
    def what_terms(self) -> frozenset[str]:
        return self.lexicon.concept(self.problem.what)

    @cached_property
    def terms(self) -> frozenset[str]:
        return self.what_terms | self.lexicon.concept(self.problem.cause or "")

    @property
    def signature(self) -> Signature:
        return self.what_terms, self.terms

    @cached_property
    def action(self) -> Action | None:
        """The review's action meant to fix this problem, or None when no action is about it."""
        if self.kept_action is not None:
            return self.review.actions[self.kept_action] if self.kept_action >= 0 else None
        by_problem = self.siblings.by_problem if self.siblings else actions_by_problem(self.review, self.lexicon)
        return by_problem.get(self.index)


class ReviewActions:
    """Which action of one review is about which problem, worked out once for all the review's problems."""

    def __init__(self, review: Review, terms: Terms) -> None:
        self.review, self.terms = review, terms

    @cached_property
    def by_problem(self) -> dict[int, Action]:
        return actions_by_problem(self.review, self.terms)


def actions_by_problem(review: Review, terms: Terms = JIEBA_TERMS) -> dict[int, Action]:
    """Give each action to the problem it is closest to; a problem keeps its closest action."""
    problem_terms = [terms.concept(" ".join(filter(None, [p.what, p.cause, p.fix]))) for p in review.problems]
    best: dict[int, tuple[float, Action]] = {}
    for action in review.actions:
        action_terms = terms.concept(action.what)
        scores = [(terms.overlap(action_terms, text), n) for n, text in enumerate(problem_terms)]
        score, index = max(scores, default=(0.0, -1))
        if score >= ACTION_MATCH and (index not in best or score > best[index][0]):
            best[index] = (score, action)
    return {index: action for index, (_, action) in best.items()}


Signature = tuple[frozenset[str], frozenset[str]]  # (terms of what, terms of what and cause)


def signature_similarity(a: Signature, b: Signature, terms: Terms = JIEBA_TERMS) -> float:
    """How surely two problems are the same one, 0–1 (see the module docstring)."""
    what = terms.overlap(a[0], b[0])
    if what < WHAT_MIN:
        return 0.0
    return max(terms.overlap(a[1], b[1]), WHAT_ONLY_FACTOR * what)


def occurrences(reviews: Iterable[Item], terms: Terms = JIEBA_TERMS) -> list[Occurrence]:
    """Every problem of the given reviews, oldest review first."""
    found = []
    for item in reviews:
        siblings = ReviewActions(item.model, terms)
        found += [Occurrence(item, n, terms, siblings) for n in range(len(item.model.problems))]
    found.sort(key=lambda o: (o.date, o.item.id, o.index))
    return found


def similar_signatures(
    signatures: Iterable[Signature], terms: Terms = JIEBA_TERMS
) -> dict[Signature, dict[Signature, float]]:
    """For each distinct signature, the signatures of the same problem and their similarity (itself included).

    Problems are compared once per distinct wording, and only with those sharing a term (an inverted
    index), so a content of thousands of reviews that repeat the same few problems stays quick."""
    distinct = list(dict.fromkeys(signatures))
    by_term: dict[str, list[int]] = {}
    for number, signature in enumerate(distinct):
        for term in signature[1]:
            by_term.setdefault(term, []).append(number)
    found: dict[Signature, dict[Signature, float]] = {sig: ({sig: 1.0} if sig[1] else {}) for sig in distinct}
    for number, signature in enumerate(distinct):
        candidates = {other for term in signature[1] for other in by_term[term] if other > number}
        for other in candidates:
            score = signature_similarity(signature, distinct[other], terms)
            if score >= SAME_PROBLEM:
                found[signature][distinct[other]] = score
                found[distinct[other]][signature] = score
    return found


@dataclass(frozen=True)
class Recurrence:
    """A problem that happened before: the later occurrence and the earlier ones, newest first."""

    later: Occurrence
    earlier: list[Occurrence]

    @property
    def fixed_before(self) -> list[Occurrence]:
        """Earlier occurrences whose action is marked done: the fix did not hold."""
        return [e for e in self.earlier if e.action is not None and e.action.done]


def find_recurrences(
    reviews: Iterable[Item], limit: int = MAX_EARLIER, terms: Terms = JIEBA_TERMS
) -> dict[tuple[str, int], Recurrence]:
    """Map (review id, problem index) to the same problem in earlier reviews (at most limit, newest first).

    Earlier means an earlier date (on the same date, the review with the smaller id comes first).
    terms: where the problems' terms come from (KeptTerms: kept between builds)."""
    ordered = occurrences(reviews, terms)
    similar = similar_signatures((o.signature for o in ordered), terms)
    seen: dict[Signature, list[Occurrence]] = {}
    found: dict[tuple[str, int], Recurrence] = {}
    for later in ordered:
        earlier: list[Occurrence] = []
        for signature in similar[later.signature]:
            # the newest few of each wording are enough: the page shows the newest `limit`
            candidates = (o for o in reversed(seen.get(signature, [])) if o.item.id != later.item.id)
            earlier += islice(candidates, limit)
        if earlier:
            earlier.sort(key=lambda o: (o.date, o.item.id, o.index), reverse=True)
            found[(later.item.id, later.index)] = Recurrence(later, _one_per_review(earlier)[:limit])
        seen.setdefault(later.signature, []).append(later)
    return found


def wording_digest(reviews: Iterable[Item]) -> str:
    """A key for everything find_recurrences and the actions' matching read of the reviews: their ids, dates
    and the wording of their problems and actions. Editing a summary, a lesson or an action's state keeps it."""
    parts: list[str] = []
    for item in sorted(reviews, key=lambda i: i.id):
        review = item.model
        parts += [item.id, review.date.isoformat(), str(len(review.problems)), str(len(review.actions))]
        for problem in review.problems:
            parts += [problem.what, problem.cause or "", problem.fix or ""]
        parts += [action.what for action in review.actions]
    return digest(parts)


def encode_recurrences(found: dict[tuple[str, int], Recurrence]) -> str:
    """find_recurrences' answer as one line of JSON: each later problem with its earlier ones and their actions."""
    rows = []
    for (review_id, index), recurrence in sorted(found.items()):
        earlier = []
        for occurrence in recurrence.earlier:
            action = occurrence.action
            position = next((n for n, a in enumerate(occurrence.review.actions) if a is action), -1)
            earlier.append([occurrence.item.id, occurrence.index, position])
        rows.append([review_id, index, earlier])
    return json.dumps(rows, separators=(",", ":"))


def decode_recurrences(
    text: str, reviews: Iterable[Item], terms: Terms = JIEBA_TERMS
) -> dict[tuple[str, int], Recurrence] | None:
    """encode_recurrences' answer for these very reviews again; None when it does not fit them."""
    by_id = {item.id: item for item in reviews}

    def occurrence(review_id: str, index: int, action: int | None = None) -> Occurrence:
        item = by_id[review_id]
        if not 0 <= index < len(item.model.problems) or (action is not None and not -1 <= action < len(item.model.actions)):
            raise IndexError(index)
        return Occurrence(item, index, terms, kept_action=action)

    found: dict[tuple[str, int], Recurrence] = {}
    try:
        for review_id, index, earlier in json.loads(text):
            found[(review_id, index)] = Recurrence(occurrence(review_id, index), [occurrence(*e) for e in earlier])
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    return found


def kept_recurrences(reviews: list[Item], terms: KeptTerms) -> dict[tuple[str, int], Recurrence]:
    """find_recurrences, kept in the lessons cache with the terms, under the reviews' wording (wording_digest):
    a build after an edit that changed no problem and no action's wording (a summary, a lesson, an action
    marked done, the common case) compares none of the problems again."""
    name = "recurrences " + wording_digest(reviews)
    kept = terms.file.previous(name)
    found = decode_recurrences(kept, reviews, terms) if kept is not None else None
    if found is not None:
        return found  # the cache file stays as it is: every entry in it still holds
    found = find_recurrences(reviews, terms=terms)
    terms.file.put(name, encode_recurrences(found))  # works out each earlier action: its terms are kept too
    terms.save()
    return found


def _one_per_review(found: list[Occurrence]) -> list[Occurrence]:
    """Keep the first occurrence of each review (a review that names the problem twice counts once)."""
    kept: dict[str, Occurrence] = {}
    for occurrence in found:
        kept.setdefault(occurrence.item.id, occurrence)
    return list(kept.values())


def group_same(found: list[Occurrence]) -> list[list[Occurrence]]:
    """Group problems that are the same problem (complete linkage: every two members are the same, strongest
    pairs merged first), so that one shared word cannot chain unrelated problems together.

    Problems of one review may share a group here: a briefing pack lists a problem once, however many
    times it was written down. Each group keeps the order of found."""
    signatures = list(dict.fromkeys(o.signature for o in found))
    similar = similar_signatures(signatures, found[0].lexicon if found else JIEBA_TERMS)
    number = {sig: n for n, sig in enumerate(signatures)}
    clusters: list[set[int]] = [{n} for n in range(len(signatures))]
    owner = list(range(len(signatures)))
    pairs = sorted(
        ((score, number[a], number[b]) for a, others in similar.items() for b, score in others.items()
         if number[a] < number[b]),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    for _, a, b in pairs:
        left, right = owner[a], owner[b]
        if left == right:
            continue
        if all(signatures[y] in similar[signatures[x]] for x in clusters[left] for y in clusters[right]):
            clusters[left] |= clusters[right]
            for member in clusters[right]:
                owner[member] = left
            clusters[right] = set()
    groups: dict[int, list[Occurrence]] = {}
    for occurrence in found:
        groups.setdefault(owner[number[occurrence.signature]], []).append(occurrence)
    return list(groups.values())
