"""Characters that arrive with text pasted from Word, web pages or chat apps, found and cleaned.

A non-breaking space (U+00A0) looks like a space but is not one to YAML, so an item indented with it
stops being an item and the clerk is told "problems 应为列表". Zero-width characters (U+200B,
U+200C, U+200D, U+FEFF) are invisible and turn ``title`` into a key nobody can see is wrong. A
full-width space (U+3000) typed with a Chinese input method does the same as indentation.

``find_paste_slips`` names each such character where it matters and says how to fix it (``handbook
check`` reports them); ``clean_pasted_text`` makes exactly those fixes, so an editor can call it on
save. Both walk the text the same way, so what is reported is what gets cleaned. The free text of a
``|`` or ``>`` block is left alone: a full-width space there is a Chinese paragraph indent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NBSP = "\u00a0"
FULLWIDTH_SPACE = "\u3000"
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"

_ZERO_WIDTH_NAMES = {"\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\ufeff": "零宽不换行空格"}
_INDENT = re.compile(rf"^[ {NBSP}{FULLWIDTH_SPACE}]*")
_DASH_GAP = re.compile(rf"-([{NBSP}{FULLWIDTH_SPACE}]+)")
_KEY_GAP = re.compile(rf"(?:-[ ]+)?[A-Za-z_][A-Za-z0-9_]*:([{NBSP}{FULLWIDTH_SPACE}]+)")
BLOCK_SCALAR_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")
_ZERO_WIDTH_RUN = re.compile(f"[{ZERO_WIDTH}]+")
_PASTED = re.compile(f"[{NBSP}{FULLWIDTH_SPACE}{ZERO_WIDTH}]")  # every slip holds one of these


@dataclass(frozen=True)
class PasteSlip:
    """One run of pasted characters: where it is (1-based), what it is, and what replaces it."""

    line: int
    column: int
    length: int  # characters to replace
    replacement: str
    message: str


def _space_name(char: str) -> str:
    return "不间断空格（从 Word 或网页粘贴时常见）" if char == NBSP else "全角空格"


def _line_slips(number: int, line: str) -> Iterator[PasteSlip]:
    """Yield the slips of one line of YAML (not inside a block of free text)."""
    indent = _INDENT.match(line)
    assert indent is not None
    run = indent.group()
    odd = next((i for i, char in enumerate(run) if char != " "), None)
    if odd is not None:
        char = run[odd]
        message = (
            "用了全角空格缩进：请换成半角空格（切换到英文输入法再输入空格）"
            if char == FULLWIDTH_SPACE
            else "行首有不间断空格（从 Word 或网页粘贴时常见）：请删除它，改用普通空格缩进"
        )
        tail = run[odd:]
        yield PasteSlip(number, odd + 1, len(tail), tail.replace(NBSP, " ").replace(FULLWIDTH_SPACE, "  "), message)
    rest = line[len(run):]
    if gap := _DASH_GAP.match(rest):
        message = (
            "列表项的“-”后面是全角空格：请换成半角空格"
            if gap.group(1)[0] == FULLWIDTH_SPACE
            else "列表项的“-”后面是不间断空格（从 Word 或网页粘贴时常见）：请删除它，改用普通空格"
        )
        yield PasteSlip(number, len(run) + gap.start(1) + 1, len(gap.group(1)), " ", message)
    elif gap := _KEY_GAP.match(rest):
        key = gap.group(0).lstrip("- ").split(":")[0]
        message = f"键“{key}”的冒号后面是{_space_name(gap.group(1)[0])}：请删除它，改用普通空格"
        yield PasteSlip(number, len(run) + gap.start(1) + 1, len(gap.group(1)), " ", message)


def _zero_width_slips(number: int, line: str) -> Iterator[PasteSlip]:
    for match in _ZERO_WIDTH_RUN.finditer(line):
        char = match.group()[0]
        name = _ZERO_WIDTH_NAMES[char]
        yield PasteSlip(
            number, match.start() + 1, len(match.group()), "",
            f"有看不见的字符 U+{ord(char):04X}（{name}，从网页或聊天软件粘贴时常见）：请删除它，例如把这一行重新输入一遍",
        )


def find_paste_slips(text: str) -> list[PasteSlip]:
    """Return every pasted invisible or look-alike space in YAML text, in reading order."""
    slips: list[PasteSlip] = []
    if not _PASTED.search(text):
        return slips  # most records: nothing pasted, no line to walk
    block_indent: int | None = None  # indentation of the key that opened a `|` or `>` block
    for number, line in enumerate(text.splitlines(), start=1):
        slips += _zero_width_slips(number, line)
        plain = _ZERO_WIDTH_RUN.sub("", line)
        indent = len(plain) - len(plain.lstrip(" "))
        if block_indent is not None:
            if not plain.strip() or indent > block_indent:
                continue  # free text of a block: left as written
            block_indent = None
        if not _ZERO_WIDTH_RUN.search(line):  # columns of the other slips are only exact without them
            slips += _line_slips(number, line)
        if BLOCK_SCALAR_START.search(plain):
            block_indent = indent
    return slips


def find_zero_width(markdown: str) -> list[PasteSlip]:
    """Return the zero-width characters of free text such as a chapter's Markdown (spaces there are text)."""
    return [slip for number, line in enumerate(markdown.splitlines(), start=1) for slip in _zero_width_slips(number, line)]


def clean_pasted_text(text: str) -> str:
    """Return the text with every slip ``find_paste_slips`` reports fixed.

    Zero-width characters are removed; a non-breaking space becomes a space; a full-width space used
    as indentation becomes two spaces (it is as wide as two) and one after ``-`` or a key's colon
    becomes one. Everything else, including line endings, is kept exactly. A chapter (front matter
    between ``---`` lines, then Markdown) has its front matter cleaned as YAML and only the zero-width
    characters removed from its Markdown, where spaces mean something.
    """
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            body = _ZERO_WIDTH_RUN.sub("", "".join(lines[end:]))
            return lines[0] + _clean_yaml("".join(lines[1:end])) + body
    return _clean_yaml(text)


def _clean_yaml(text: str) -> str:
    for _ in range(2):  # a line with both zero-width characters and odd spaces needs a second pass
        slips = find_paste_slips(text)
        if not slips:
            break
        lines = text.splitlines(keepends=True)
        for slip in sorted(slips, key=lambda s: (s.line, -s.column)):  # right to left keeps columns valid
            line = lines[slip.line - 1]
            start = slip.column - 1
            lines[slip.line - 1] = line[:start] + slip.replacement + line[start + slip.length:]
        text = "".join(lines)
    return text
