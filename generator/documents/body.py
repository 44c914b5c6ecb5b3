"""Split a spec's body text into paragraphs and headings, remembering where each starts in the body."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#+)[ \t\u3000]*(.*?)\s*$")
# A number the clerk typed although headings are numbered automatically, per level (GB/T 9704 §7.3.3).
MANUAL_NUMBERS = (
    re.compile(r"^[一二三四五六七八九十百]+[、．.]\s*"),
    re.compile(r"^[（(][一二三四五六七八九十百]+[）)]\s*"),
    re.compile(r"^\d+[.．、]\s*"),
    re.compile(r"^[（(]\d+[）)]\s*"),
)


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of the body; line and column are 0-based within the body text."""

    level: int  # 1–4 for headings (more is reported by the proofreader), 0 for a paragraph
    text: str
    line: int
    column: int
    manual_number: str = ""  # a typed number such as “一、” that was removed from a heading

    @property
    def is_heading(self) -> bool:
        return self.level > 0


def parse_body(text: str) -> list[Block]:
    """Return the body's blocks: `#`…`####` lines are headings, blank lines separate paragraphs."""
    blocks: list[Block] = []
    pending: list[str] = []
    start = (0, 0)

    def flush() -> None:
        if pending:
            blocks.append(Block(0, _join_lines(pending), *start))
            pending.clear()

    for number, raw in enumerate(text.splitlines()):
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        indent = len(raw) - len(raw.lstrip())
        if match := HEADING.match(stripped):
            flush()
            title, manual = _strip_manual_number(match.group(2), len(match.group(1)))
            blocks.append(Block(len(match.group(1)), title, number, indent, manual))
            continue
        if not pending:
            start = (number, indent)
        pending.append(stripped)
    flush()
    return blocks


def _strip_manual_number(title: str, level: int) -> tuple[str, str]:
    if 1 <= level <= len(MANUAL_NUMBERS) and (match := MANUAL_NUMBERS[level - 1].match(title)):
        return title[match.end():], match.group(0).strip()
    return title, ""


def _join_lines(lines: list[str]) -> str:
    """Join wrapped source lines: Chinese needs no space between them, Latin words do."""
    text = lines[0]
    for line in lines[1:]:
        if text and line and text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " "
        text += line
    return text
