"""The content model: one description per record kind."""

from generator.model.records import KINDS, Document, Event, Guideline, Habit, Page, Review, SiteConfig

__all__ = ["KINDS", "Document", "Event", "Guideline", "Habit", "Page", "Review", "SiteConfig"]
