"""The spec as typed, so every finding points at its exact line and column in the YAML file.

Rules work on the loaded values (a body is one string with newlines); `Source.locate` maps an offset in
such a value back to the file. The fragment at that offset is looked up in the file from where the
field's value starts, skipping as many earlier copies as the value has before the offset — this holds for
plain, quoted and block scalars (`body: |`) alike, because a fragment that stays on one line is typed
verbatim in all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import Problems
from generator.load.reader import Loc, Positions
from generator.model.records import Document

Place = tuple[int, int]


@dataclass(frozen=True)
class TextField:
    """One piece of running text in a spec: where it is (loc) and what it says (text)."""

    loc: Loc
    text: str


@dataclass
class Source:
    """The spec's text and positions, to point at the exact line and column of a finding."""

    display: str
    text: str
    positions: Positions
    lines: list[str] = field(init=False, repr=False)
    line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()
        starts, total = [], 0
        for line in self.text.splitlines(keepends=True):
            starts.append(total)
            total += len(line)
        self.line_starts = starts or [0]

    def value(self, loc: Loc) -> Place:
        return self.positions.value(loc)

    def key(self, loc: Loc) -> Place:
        return self.positions.key(loc)

    def raw_scalar(self, loc: Loc) -> str:
        """Return the scalar exactly as typed (e.g. ``012`` that YAML reads as 12)."""
        line, column = self.value(loc)
        if not 1 <= line <= len(self.lines):
            return ""
        token = self.lines[line - 1][column - 1:]
        return re.split(r"\s+#|\s*$", token.strip(), maxsplit=1)[0].strip("'\"")

    def locate(self, loc: Loc, value: str, offset: int, length: int = 1) -> Place:
        """Return the file position of value[offset:offset + length], value being the field at loc."""
        fragment = value[offset:offset + max(length, 1)].split("\n")[0] or value[offset:offset + 1]
        start = self.value(loc)
        if not fragment.strip() or not 1 <= start[0] <= len(self.lines):
            return start
        earlier = _count(value, fragment, offset)
        position = self.line_starts[start[0] - 1] + start[1] - 1
        for _ in range(earlier + 1):
            found = self.text.find(fragment, position)
            if found < 0:
                return start
            position = found + 1
        return self._place(position - 1)

    def _place(self, index: int) -> Place:
        line = bisect_right(self.line_starts, index) - 1
        return line + 1, index - self.line_starts[line] + 1

    def add(self, problems: Problems, at: Place, message: str, *, warning: bool = False) -> None:
        """Record one finding at a place in this spec."""
        problems.add(self.display, at[0], at[1], message, warning=warning)


def _count(text: str, fragment: str, end: int) -> int:
    """Count the (possibly overlapping) copies of fragment that start before end."""
    count, index = 0, text.find(fragment)
    while 0 <= index < end:
        count += 1
        index = text.find(fragment, index + 1)
    return count


def text_fields(doc: Document) -> Iterator[TextField]:
    """Yield every field a reader sees as running text, in file order of the usual spec."""
    yield TextField(("title",), doc.title)
    yield TextField(("body",), doc.body)
    if doc.meeting is not None:
        yield TextField(("meeting", "time"), doc.meeting.time)
    for index, name in enumerate(doc.attachments):
        yield TextField(("attachments", index), name)
    if doc.note:
        yield TextField(("note",), doc.note)


def prose_fields(doc: Document) -> Iterator[TextField]:
    """Yield the fields that carry sentences (body and note), where wording rules apply."""
    yield from (f for f in text_fields(doc) if f.loc[0] in ("body", "note"))


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, paragraph) for the blank-line separated paragraphs of a text."""
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        yield match.start(), match.group(0).rstrip("\n")
