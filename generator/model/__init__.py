"""The content model: one description per record kind."""

from generator.model.kinds import KINDS
from generator.model.records import Document, Event, Guideline, Habit, Page, Review, SiteConfig

__all__ = ["KINDS", "Document", "Event", "Guideline", "Habit", "Page", "Review", "SiteConfig"]
