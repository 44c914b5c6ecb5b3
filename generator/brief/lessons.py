"""Past problems to prevent: related reviews, their problems and fixes, recurring problems, open actions.

Related: a review held *before* the event whose type is the event's type or that shares a tag with
it (tags compared in simplified characters, so 用車 matches 用车), and that the reader may see.

Most relevant first: each problem scores its review's relevance (same type 3, each shared tag 2,
a search hit on the event's title and tags up to 3), plus 2 for each key term it shares with the
event's title and tags, plus its severity (高 1, 中 0.5). Ties go to the newer review.

Grouped: problems that are the same problem (generator/lessons/recurrence.py, the detection the
site's 此前发生过 and `handbook check` use) become one entry listing every source; a group spanning
two or more reviews is a recurring problem, named by the terms its members share most. An entry
weighs its most relevant member plus RECURRENCE_WEIGHT for each further review it happened in.

Short: the pack prints the MAX_FULL most relevant entries in full and counts the rest, with the
`handbook search` command that lists them; the open actions table stops at MAX_ACTIONS rows and
points to `handbook actions`. However large the reviews, the pack stays a few pages long.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from generator.lessons.recurrence import Occurrence, group_same
from generator.lessons.terms import DOMAIN_WORDS, key_terms, normalise
from generator.load import Content, Item
from generator.model.records import Action, Event, Review, ReviewProblem

SEVERITY_WEIGHT = {"高": 1.0, "中": 0.5, "低": 0.0}
SAME_TYPE_WEIGHT = 3.0
SHARED_TAG_WEIGHT = 2.0
SEARCH_WEIGHT = 3.0  # the best search hit adds this much; the others in proportion to their score
SHARED_TERM_WEIGHT = 2.0
RECURRENCE_WEIGHT = 2.0  # each further review a problem happened in
MAX_FULL = 8  # entries printed in full; the rest are counted
MAX_ACTIONS = 8  # rows of the open actions table; the rest are counted

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
    problem: ReviewProblem
    terms: frozenset[str]
    relevance: float
    occurrence: Occurrence | None = None


@dataclass(frozen=True)
class RecurringGroup:
    """One problem as the pack lists it: every time it was written down, most relevant first."""

    label: str  # the key terms the members share most, e.g. "替会人员、席卡"
    members: list[PastProblem]

    @property
    def review_count(self) -> int:
        return len({m.source.id for m in self.members})

    @property
    def recurring(self) -> bool:
        return self.review_count >= 2

    @property
    def lead(self) -> PastProblem:
        """The member printed in full: the newest (its fix is the latest word), then the most relevant."""
        return max(self.members, key=lambda m: (m.source.date, m.relevance))

    @property
    def relevance(self) -> float:
        return max(m.relevance for m in self.members) + RECURRENCE_WEIGHT * (self.review_count - 1)


@dataclass(frozen=True)
class OpenAction:
    source: Source
    action: Action
    overdue: bool  # due before the event day and not done


@dataclass
class Lessons:
    sources: list[Source] = field(default_factory=list)
    problems: list[PastProblem] = field(default_factory=list)
    entries: list[RecurringGroup] = field(default_factory=list)  # every problem once, most relevant first
    open_actions: list[OpenAction] = field(default_factory=list)
    query: str = ""  # the `handbook search` words that list these problems

    @property
    def recurring(self) -> list[RecurringGroup]:
        return [entry for entry in self.entries if entry.recurring]

    @property
    def shown(self) -> list[RecurringGroup]:
        """The entries printed in full."""
        return self.entries[:MAX_FULL]

    @property
    def not_shown(self) -> list[RecurringGroup]:
        return self.entries[MAX_FULL:]


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


def group_problems(problems: list[PastProblem], domain: set[str]) -> list[RecurringGroup]:
    """Merge the problems that are the same problem; most relevant entry first (recurring ones weigh more)."""
    by_occurrence = {id(p.occurrence): p for p in problems}
    groups = []
    for same in group_same([p.occurrence for p in problems if p.occurrence is not None]):
        members = sorted((by_occurrence[id(o)] for o in same), key=lambda m: (-m.relevance, -m.source.date.toordinal()))
        groups.append(RecurringGroup(_label(members, domain), members))
    groups.sort(key=lambda g: (-g.relevance, -g.lead.source.date.toordinal(), g.lead.source.id))
    return groups


def _label(members: list[PastProblem], domain: set[str]) -> str:
    """Name a group by the terms its members share most; among equals, office terms, then longer ones."""
    if len(members) == 1:
        return members[0].problem.what
    counts = Counter(term for m in members for term in m.terms)
    shared = [t for t, n in counts.items() if n >= 2]
    shared.sort(key=lambda t: (-counts[t], t not in domain, -len(t), t))
    return "、".join(shared[:3]) or members[0].problem.what


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
        for index, problem in enumerate(review.problems):
            terms = key_terms(problem.what, vocab)
            text_terms = key_terms(" ".join(filter(None, [problem.what, problem.cause, problem.fix])), vocab)
            relevance = (
                source.relevance
                + SHARED_TERM_WEIGHT * len(text_terms & event_terms)
                + SEVERITY_WEIGHT[problem.severity]
            )
            problems.append(PastProblem(source, problem, terms, relevance, Occurrence(item, index)))
        for action in review.actions:
            if not action.done:
                actions.append(OpenAction(source, action, action.due is not None and action.due < event_day))

    sources.sort(key=lambda s: (-s.relevance, -s.date.toordinal(), s.id))
    problems.sort(key=lambda p: (-p.relevance, -p.source.date.toordinal(), p.source.id))
    actions.sort(key=lambda a: (not a.overdue, a.action.due or date.max, a.source.id))
    query = " ".join(dict.fromkeys([*event.tags, event.type]))
    return Lessons(sources, problems, group_problems(problems, domain), actions, query)
