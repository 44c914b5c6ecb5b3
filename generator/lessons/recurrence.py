"""The same problem in different reviews: 不怕有问题，就怕同样的问题再次发生.

Two problems are the same when their texts say the same thing (generator/lessons/terms.py: key
terms in simplified characters, families of words that mean one thing, each term weighted by how
much it says). The score is the larger of

* the weighted overlap of the terms of what went wrong *and* why (``what`` + ``cause``), and
* 0.8 × the overlap of ``what`` alone (a problem described the same way but explained differently),

and the problems are the same when the score reaches SAME_PROBLEM. The rule and its threshold were
chosen on the labelled pairs in tests/lessons/recurrence_pairs.yml; docs/actions.md reports its
precision and recall there. Problems of one review are never paired with each other, and types and
years do not matter: a meeting can repeat a reception's mistake.

An earlier problem's *action* is found in its review: each action belongs to the problem whose what,
cause and fix its text is closest to (ACTION_MATCH at least). Whether that action is done tells
whether the fix was carried out — and when the problem recurs anyway, that it did not hold (整改没有见效).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.lessons.terms import concept_terms, overlap
from generator.load import Item
from generator.model.records import Action, Problem, Review

SAME_PROBLEM = 0.18
WHAT_ONLY_FACTOR = 0.8
ACTION_MATCH = 0.06


@dataclass(frozen=True, eq=False)
class Occurrence:
    """One problem of one review, with the terms it is compared by."""

    item: Item
    index: int  # position in the review's problems (0-based)

    @property
    def review(self) -> Review:
        return self.item.model  # type: ignore[no-any-return]

    @property
    def problem(self) -> Problem:
        return self.review.problems[self.index]

    @property
    def date(self) -> date:
        return self.review.date

    @cached_property
    def what_terms(self) -> frozenset[str]:
        return concept_terms(self.problem.what)

    @cached_property
    def terms(self) -> frozenset[str]:
        return self.what_terms | concept_terms(self.problem.cause or "")

    @cached_property
    def action(self) -> Action | None:
        """The review's action meant to fix this problem, or None when no action is about it."""
        return actions_by_problem(self.review).get(self.index)


def actions_by_problem(review: Review) -> dict[int, Action]:
    """Give each action to the problem it is closest to; a problem keeps its closest action."""
    problem_terms = [concept_terms(" ".join(filter(None, [p.what, p.cause, p.fix]))) for p in review.problems]
    best: dict[int, tuple[float, Action]] = {}
    for action in review.actions:
        terms = concept_terms(action.what)
        scores = [(overlap(terms, text), n) for n, text in enumerate(problem_terms)]
        score, index = max(scores, default=(0.0, -1))
        if score >= ACTION_MATCH and (index not in best or score > best[index][0]):
            best[index] = (score, action)
    return {index: action for index, (_, action) in best.items()}


def similarity(a: Occurrence, b: Occurrence) -> float:
    """How surely two problems are the same one, 0–1 (see the module docstring)."""
    return max(overlap(a.terms, b.terms), WHAT_ONLY_FACTOR * overlap(a.what_terms, b.what_terms))


def same_problem(a: Occurrence, b: Occurrence) -> bool:
    return a.item.id != b.item.id and similarity(a, b) >= SAME_PROBLEM


def occurrences(reviews: Iterable[Item]) -> list[Occurrence]:
    """Every problem of the given reviews, oldest review first."""
    found = [Occurrence(item, n) for item in reviews for n in range(len(item.model.problems))]
    found.sort(key=lambda o: (o.date, o.item.id, o.index))
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


def find_recurrences(reviews: Iterable[Item]) -> dict[tuple[str, int], Recurrence]:
    """Map (review id, problem index) to the same problem in earlier reviews, for every problem that has one.

    Earlier means an earlier date (on the same date, the review with the smaller id comes first)."""
    ordered = occurrences(reviews)
    found: dict[tuple[str, int], Recurrence] = {}
    for position, later in enumerate(ordered):
        earlier = [o for o in ordered[:position] if o.item.id != later.item.id and same_problem(o, later)]
        if earlier:
            earlier.sort(key=lambda o: (o.date, o.item.id), reverse=True)
            found[(later.item.id, later.index)] = Recurrence(later, earlier)
    return found
