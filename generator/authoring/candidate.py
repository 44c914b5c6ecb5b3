"""Check a record the editor is about to save with exactly the checks of `handbook check`.

The candidate text is placed in a mirror of the handbook (build/editor-check: links to every other
file, the candidate as a real file at its own relative path) and the mirror is checked as
`handbook check --root` would check it, so messages name the same path, line and column. The real
file is touched only when the mirror passes. Each message is then tied to the form field it is about
through the line and column the reader recorded for every key and value.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import output_lock
from generator.authoring.fields import FieldSpec
from generator.errors import ContentError, Problem, Problems
from generator.load.reader import Loc, Positions, parse_front_matter, parse_yaml

MIRROR = Path("build") / "editor-check"
MIRRORED = ("site_config.yml", "content", "examples")  # what `handbook check` reads


def check_candidate(root: Path, target: Path, text: str | None) -> list[Problem]:
    """Every problem `handbook check` would report if target held text (None: if it did not exist)."""
    from generator.check import check_events, proofread_documents
    from generator.load import load_content

    mirror = root / MIRROR
    with output_lock(mirror):
        _mirror(root, mirror, target.relative_to(root), text)
        problems = Problems()
        try:
            content = load_content(mirror)
            problems.extend(proofread_documents(content))
        except ContentError as error:
            problems.extend(error.problems)
        check_events(mirror, problems)
    return problems.sorted()


def new_problems(root: Path, target: Path, text: str, before: str | None) -> list[Problem]:
    """The errors `handbook check` reports with text in target, less those other files had already.

    A clerk saving one record is not held up by a mistake in another file; a problem the record causes
    elsewhere (its id taken by another record) still stops the save."""
    errors = [problem for problem in check_candidate(root, target, text) if not problem.warning]
    display = target.relative_to(root).as_posix()
    if all(problem.path == display for problem in errors):
        return errors
    already = set(check_candidate(root, target, before))
    return [problem for problem in errors if problem.path == display or problem not in already]


def _mirror(root: Path, mirror: Path, candidate: Path, text: str | None) -> None:
    """Links to root's files under mirror (same paths each time, so unchanged records load from memory)."""
    shutil.rmtree(mirror, ignore_errors=True)
    mirror.mkdir(parents=True)
    for name in MIRRORED:
        source = root / name
        files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        for path in files:
            link = mirror / path.relative_to(root)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, link)
    written = mirror / candidate
    written.unlink(missing_ok=True)
    if text is not None:
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(text, encoding="utf-8")


@dataclass
class Placed:
    """A candidate's problems, by the form field they are about ("" for the record as a whole)."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)  # about the whole record, or another file it affects

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def merge(self, other: Placed) -> None:
        for name, messages in other.by_field.items():
            self.by_field.setdefault(name, []).extend(messages)
        self.general += other.general

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)


def place_problems(problems: list[Problem], display: str, text: str, specs: tuple[FieldSpec, ...],
                   is_page: bool) -> Placed:
    """Tie each problem of the candidate (shown as display) to the field at its line and column."""
    placed = Placed()
    positions, body_line = _positions(text, display, is_page)
    index = _index(positions)
    whole = positions.value(()) if () in positions.values else None
    for problem in problems:
        if problem.path != display:
            placed.general.append(str(problem))
        elif is_page and problem.line >= body_line:
            placed.add("body", problem.message)
        elif (problem.line, problem.column) == whole:  # a missing field is reported where the record starts
            placed.general.append(problem.message)
        else:
            locs = index.get((problem.line, problem.column), [])
            name = field_name(max(locs, key=len), specs) if locs else ""
            if name:
                placed.add(name, problem.message)
            else:
                placed.general.append(f"第 {problem.line} 行第 {problem.column} 列：{problem.message}")
    return placed


def _positions(text: str, display: str, is_page: bool) -> tuple[Positions, int]:
    try:
        if is_page:
            _, positions, _, body_line = parse_front_matter(text, display)
            return positions, body_line
        return parse_yaml(text, display)[1], 10**9
    except ContentError:
        return Positions(), 10**9  # the text itself does not read: its messages go to the whole record


def _index(positions: Positions) -> dict[tuple[int, int], list[Loc]]:
    found: dict[tuple[int, int], list[Loc]] = {}
    for table in (positions.values, positions.keys):
        for loc, (line, column) in table.items():
            found.setdefault((line + positions.line_offset, column), []).append(loc)
    return found


def field_name(loc: Loc, specs: tuple[FieldSpec, ...]) -> str:
    """The form field a location belongs to: problems.1.what, number.prefix; a list of text as a whole."""
    parts: list[str] = []
    current = specs
    rest = list(loc)
    while rest:
        part = rest.pop(0)
        spec = next((s for s in current if s.name == part), None)
        if spec is None:
            break
        parts.append(spec.name)
        if spec.widget == "groups" and rest and isinstance(rest[0], int):
            parts.append(str(rest.pop(0)))
        if spec.widget not in ("group", "groups"):
            break
        current = spec.children
    return ".".join(parts)
