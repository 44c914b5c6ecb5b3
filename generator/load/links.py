"""Check every link in the handbook's chapters before anything is built.

A chapter may link to another chapter (``03-meetings.md``), to a record
(``../guidelines/reception-ten-rules.yml``) or to any other file. The site turns a link to a record
into a link to its page, and a link to a record that does not exist into plain text, silently; so
``handbook check`` reports each link whose target is missing, at the line and column of the target,
with the closest existing name.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from generator.errors import Problem
from generator.model.kinds import REGISTRY

# A Markdown link or image target: ](target) or ](target "title")
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*\")?\s*\)")
# A reference definition: [name]: target
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`\n]*`+")
_FOLDER_NAMES = {kind.content_folder: kind.chinese for kind in REGISTRY}


class Chapter(Protocol):
    """What the check needs of a loaded chapter."""

    path: Path
    display: str
    body: str
    body_line: int


def link_targets(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Yield (line, column, target) of every link, image and reference definition outside code (1-based)."""
    in_fence = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)  # keep columns
        for match in LINK.finditer(visible):
            yield number, match.start(3) + 1, match.group(3)
        if reference := _REFERENCE.match(visible):
            yield number, reference.start(1) + 1, reference.group(1)


def _is_external(target: str) -> bool:
    return "://" in target or target.startswith(("mailto:", "tel:", "/", "#"))


def _suggestion(folder: Path, name: str, relative_dir: str, is_record: bool) -> str:
    candidates = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.5)
    if not close:
        example = "，例如 ../guidelines/编号.yml" if is_record else ""
        return f"：请检查路径和文件名（路径以本章所在的 content/pages/ 为起点{example}）"
    return f"，是不是“{posixpath.join(relative_dir, close[0]) if relative_dir else close[0]}”？"


def check_links(chapter: Chapter) -> list[Problem]:
    """Return a problem for each link of a chapter whose file or record does not exist."""
    problems: list[Problem] = []
    for line, column, target in link_targets(chapter.body):
        path = unquote(target.partition("#")[0].partition("?")[0])
        if not path or _is_external(target):
            continue
        resolved = chapter.path.parent / path
        if resolved.exists():
            continue
        relative_dir = posixpath.dirname(path)
        folder_name = Path(posixpath.normpath(posixpath.join("pages", path))).parent.name
        what = _FOLDER_NAMES.get(folder_name, "文件")
        hint = _suggestion(resolved.parent, resolved.name, relative_dir, folder_name in _FOLDER_NAMES)
        problems.append(Problem(
            chapter.display, chapter.body_line + line - 1, column, f"链接的{what}“{target}”不存在{hint}",
        ))
    return problems
