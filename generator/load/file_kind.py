"""Tell which kind of record a file holds, so a command given the wrong kind says so in one line.

``handbook doc`` given a review would otherwise list a dozen unknown and missing fields. The kind is
taken from the ``kind:`` key, else from the folder the file is in, else from the fields it has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.load.reader import Positions
from generator.model.kinds import BY_CONTENT_FOLDER, KINDS
from generator.model.records import Event

# What each kind is called in a sentence, with its measure word.
KIND_PHRASES: dict[str, str] = {
    "review": "一条事后总结",
    "guideline": "一份工作规范",
    "habit": "一份领导习惯备忘",
    "page": "一个手册章节",
    "document": "一份公文规格",
    "event": "一个事件文件",
}
EXPECTED_NAMES = {"document": "公文规格", "event": "事件文件"}
TAKEN_BY = {
    "document": "handbook doc 只处理 content/documents/ 里的公文规格",
    "event": "handbook brief 只处理事件文件（examples/ 里放的也应是事件文件）",
}
USE_INSTEAD = {
    "document": "公文规格请用 handbook doc 生成 Word 文档",
    "event": "事件文件请用 handbook brief 生成事前安排会材料",
}
_MODELS: dict[str, Any] = {**KINDS, "event": Event}
_SHARED = {"id", "kind", "audience", "title", "date", "type", "place", "level", "lead", "tags"}
EVENT_FOLDER = "examples"


def detect_kind(data: dict[str, Any], path: Path) -> str | None:
    """Return the kind a parsed record is, from its `kind:` key, its folder or its fields; None if unclear."""
    if path.suffix.lower() == ".md":
        return "page"
    declared = data.get("kind")
    if isinstance(declared, str) and declared in _MODELS:
        return declared
    folder = path.parent.name
    in_folder = BY_CONTENT_FOLDER.get(folder)
    if in_folder is not None and not in_folder.has_body:  # a YAML file among the chapters is not a chapter
        return in_folder.name
    keys = {str(key) for key in data} - _SHARED
    overlap = {kind: len(keys & set(model.model_fields)) for kind, model in _MODELS.items()}
    best = max(overlap.values())
    winners = [kind for kind, count in overlap.items() if count == best]
    if best and len(winners) == 1:
        return winners[0]
    return "event" if folder == EVENT_FOLDER else None


def expected_kind(model: Any) -> str | None:
    """Return the kind a model describes (None for the site configuration)."""
    return next((kind for kind, known in _MODELS.items() if known is model), None)


def wrong_kind(
    data: dict[str, Any], positions: Positions, path: Path, display: str, expected: str
) -> Problem | None:
    """Return one problem naming what the file is and which command takes it, if it is not `expected`."""
    found = detect_kind(data, path)
    if found is None or found == expected:
        return None
    line, col = positions.value(("kind",)) if "kind" in data else (1, 1)
    use = USE_INSTEAD.get(found, f"{KIND_PHRASES[found][2:]}请用 handbook check 检查、handbook build 放进手册")
    return Problem(
        display, line, col,
        f"这是{KIND_PHRASES[found]}，不是{EXPECTED_NAMES[expected]}：{TAKEN_BY[expected]}；{use}",
    )
