"""The 整改台账: every action item of every review the reader may see, and whether it is overdue.

An action is as visible as its review. It is overdue when it has a due date before today and is not
done; "today" is a parameter everywhere, so that tests, and a clerk preparing next Monday's list, can
fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.lessons.terms import normalise
from generator.load import Content, Item
from generator.model.records import Action, Review

NO_OWNER = "责任人未定"


@dataclass(frozen=True)
class LedgerEntry:
    """One action item with its review and its state on a given day."""

    action: Action
    item: Item  # the review
    today: date

    @property
    def review(self) -> Review:
        return self.item.model

    @property
    def overdue(self) -> bool:
        return self.action.due is not None and self.action.due < self.today and not self.action.done

    @property
    def days_overdue(self) -> int:
        """Whole days past the due date (0 when not overdue)."""
        return (self.today - self.action.due).days if self.overdue and self.action.due else 0

    @property
    def status(self) -> str:
        """已完成, 逾期, or 未完成 — as a clerk writes it in the sheet."""
        if self.action.done:
            return "已完成"
        return "逾期" if self.overdue else "未完成"

    @property
    def owner(self) -> str:
        return self.action.owner or NO_OWNER

    def as_json(self) -> dict[str, Any]:
        """The record `handbook actions --json` prints for this action."""
        action = self.action
        return {
            "what": action.what,
            "owner": action.owner,
            "due": action.due.isoformat() if action.due else None,
            "done": action.done,
            "overdue": self.overdue,
            "review": self.item.id,
            "review_title": self.review.title,
            "review_date": self.review.date.isoformat(),
            "days_overdue": self.days_overdue,
            "path": self.item.display,
        }


def ledger(reviews: Iterable[Item], today: date) -> list[LedgerEntry]:
    """Every action of the given reviews: overdue first (longest overdue first), then by due date, done last."""
    entries = [LedgerEntry(action, item, today) for item in reviews for action in item.model.actions]
    entries.sort(key=_order)
    return entries


def _order(entry: LedgerEntry) -> tuple[int, date, str, str]:
    rank = 0 if entry.overdue else 2 if entry.action.done else 1
    return rank, entry.action.due or date.max, entry.review.date.isoformat(), entry.item.id


def content_ledger(content: Content, audience: str, today: date) -> list[LedgerEntry]:
    """The ledger of every review the audience may see."""
    return ledger((item for item in content.of_kind("review") if item.visible_to(audience)), today)


def owner_matches(entry: LedgerEntry, wanted: str) -> bool:
    """--owner 周敏 finds "周敏（秘书一科科长）": a part of the owner, simplified and traditional alike."""
    return bool(entry.action.owner) and normalise(wanted) in normalise(entry.action.owner or "")


def by_owner(entries: Iterable[LedgerEntry]) -> list[tuple[str, list[LedgerEntry]]]:
    """Group entries by owner (spellings folded to simplified); owners with overdue items first."""
    groups: dict[str, list[LedgerEntry]] = {}
    names: dict[str, str] = {}
    for entry in entries:
        key = normalise(entry.action.owner or "")
        groups.setdefault(key, []).append(entry)
        names.setdefault(key, entry.owner)
    ordered = sorted(groups, key=lambda k: (k == "", -sum(e.overdue for e in groups[k]), names[k]))
    return [(names[key], groups[key]) for key in ordered]
