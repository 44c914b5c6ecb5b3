"""Past problems to prevent: related reviews, their problems and fixes, recurring problems, open actions.

Related: a review held *before* the event whose type is the event's type or that shares a tag with
it (tags compared in simplified characters, so 用車 matches 用车), and that the reader may see.

Most relevant first: each problem scores its review's relevance (same type 3, each shared tag 2,
a search hit on the event's title and tags up to 3), plus 2 for each key term it shares with the
event's title and tags, plus its severity (高 1, 中 0.5). Ties go to the newer review.

Recurring problems: each problem's text (`what`) is reduced to key terms (generator/brief/terms.py).
Two problems are similar when they share two key terms, or one office term (a tag word or 席卡,
公务用车 ...) that makes up at least half of the shorter problem's terms. Groups are built by
complete linkage (every two members similar, strongest pairs merged first); a group spanning two
or more reviews is listed with its count and named by the terms its members share most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from generator.brief.terms import DOMAIN_WORDS, key_terms, normalise
from generator.load import Content, Item
from generator.model.records import Action, Event, Problem, Review

SEVERITY_WEIGHT = {"高": 1.0, "中": 0.5, "低": 0.0}
SAME_TYPE_WEIGHT = 3.0
SHARED_TAG_WEIGHT = 2.0
SEARCH_WEIGHT = 3.0  # the best search hit adds this much; the others in proportion to their score
SHARED_TERM_WEIGHT = 2.0

# (review id → search score) for the event's query; None when search is not available
SearchScores = Callable[[str], dict[str, float]]


@dataclass(frozen=True)
class Source:
    """The review a problem or action comes from."""

    id: str
    title: str
    date: date
    type: str
    restricted: bool
    relevance: float


@dataclass(frozen=True)
class PastProblem:
    source: Source
    problem: Problem
    terms: frozenset[str]
    relevance: float


@dataclass(frozen=True)
class RecurringGroup:
    label: str  # the key terms the members share most, e.g. "替会人员、席卡"
    members: list[PastProblem]

    @property
    def review_count(self) -> int:
        return len({m.source.id for m in self.members})


@dataclass(frozen=True)
class OpenAction:
    source: Source
    action: Action
    overdue: bool  # due before the event day and not done


@dataclass
class Lessons:
    sources: list[Source] = field(default_factory=list)
    problems: list[PastProblem] = field(default_factory=list)
    recurring: list[RecurringGroup] = field(default_factory=list)
    open_actions: list[OpenAction] = field(default_factory=list)


def tag_set(tags: Iterable[str]) -> set[str]:
    """Tags in the form they are compared: simplified, no spaces or punctuation."""
    return {normalise(tag) for tag in tags if normalise(tag)}


def vocabulary(content: Content) -> set[str]:
    """Every tag used in the content: the office's own key terms."""
    words: set[str] = set()
    for item in content.items:
        words |= tag_set(getattr(item.model, "tags", None) or [])
    return words


def related_reviews(event: Event, content: Content, audience: str) -> list[Item]:
    """Reviews the reader may see, held before the event, of the same type or sharing a tag."""
    event_day = event_date(event)
    event_tags = tag_set(event.tags)
    found = []
    for item in content.of_kind("review"):
        review: Review = item.model
        if not item.visible_to(audience) or review.date >= event_day:
            continue
        if review.type == event.type or event_tags & tag_set(review.tags):
            found.append(item)
    return found


def event_date(event: Event) -> date:
    return date.fromisoformat(event.date[:10])


def _relevance(event: Event, review: Review, search_score: float) -> float:
    shared_tags = tag_set(event.tags) & tag_set(review.tags)
    return (
        SAME_TYPE_WEIGHT * (review.type == event.type)
        + SHARED_TAG_WEIGHT * len(shared_tags)
        + SEARCH_WEIGHT * search_score
    )


def similar(a: frozenset[str], b: frozenset[str], domain: set[str]) -> bool:
    """Tell whether two problems' key terms say the same thing (see the module docstring)."""
    shared = a & b
    if len(shared) >= 2:
        return True
    shorter = min(len(a), len(b))
    return bool(shared & domain) and len(shared) * 2 >= shorter > 0


def group_recurring(problems: list[PastProblem], domain: set[str]) -> list[RecurringGroup]:
    """Group problems that recur across reviews: complete linkage, strongest pairs first.

    Only problems from different reviews are merged, and every two problems in a group must be
    similar, so one shared word cannot chain unrelated problems together (A~B and B~C does not put
    A with C unless A~C too).
    """
    clusters: list[list[int]] = [[i] for i in range(len(problems))]
    owner = list(range(len(problems)))
    pairs = [
        (len(problems[i].terms & problems[j].terms), i, j)
        for i in range(len(problems))
        for j in range(i + 1, len(problems))
        if problems[i].source.id != problems[j].source.id and similar(problems[i].terms, problems[j].terms, domain)
    ]
    for _, i, j in sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        if all(similar(problems[x].terms, problems[y].terms, domain) for x in clusters[a] for y in clusters[b]):
            clusters[a] += clusters[b]
            for index in clusters[b]:
                owner[index] = a
            clusters[b] = []
    groups = []
    for cluster in clusters:
        members = [problems[i] for i in sorted(cluster)]
        if len({m.source.id for m in members}) < 2:
            continue
        counts = Counter(term for m in members for term in m.terms)
        shared = [t for t, n in counts.items() if n >= 2]
        # the most shared terms first; among equals, office terms, then longer (more specific) ones
        shared.sort(key=lambda t: (-counts[t], t not in domain, -len(t), t))
        groups.append(RecurringGroup("、".join(shared[:3]), members))
    groups.sort(key=lambda g: (-g.review_count, -len(g.members), -max(m.relevance for m in g.members)))
    return groups


def collect_lessons(
    event: Event, content: Content, audience: str, search_scores: dict[str, float] | None = None
) -> Lessons:
    """Gather every problem, fix and open action from the reviews related to the event."""
    scores = search_scores or {}
    best = max(scores.values(), default=0.0) or 1.0
    vocab = vocabulary(content)
    domain = vocab | set(DOMAIN_WORDS)
    event_terms = key_terms(" ".join([event.title, *event.tags]), vocab) | tag_set(event.tags)
    event_day = event_date(event)

    sources: list[Source] = []
    problems: list[PastProblem] = []
    actions: list[OpenAction] = []
    for item in related_reviews(event, content, audience):
        review: Review = item.model
        source = Source(
            item.id, review.title, review.date, review.type, item.audience == "restricted",
            _relevance(event, review, scores.get(item.id, 0.0) / best),
        )
        sources.append(source)
        for problem in review.problems:
            terms = key_terms(problem.what, vocab)
            text_terms = key_terms(" ".join(filter(None, [problem.what, problem.cause, problem.fix])), vocab)
            relevance = (
                source.relevance
                + SHARED_TERM_WEIGHT * len(text_terms & event_terms)
                + SEVERITY_WEIGHT[problem.severity]
            )
            problems.append(PastProblem(source, problem, terms, relevance))
        for action in review.actions:
            if not action.done:
                actions.append(OpenAction(source, action, action.due is not None and action.due < event_day))

    sources.sort(key=lambda s: (-s.relevance, -s.date.toordinal(), s.id))
    problems.sort(key=lambda p: (-p.relevance, -p.source.date.toordinal(), p.source.id))
    actions.sort(key=lambda a: (not a.overdue, a.action.due or date.max, a.source.id))
    return Lessons(sources, problems, group_recurring(problems, domain), actions)
