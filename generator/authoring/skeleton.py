"""Commented record skeletons, written from the field descriptions: what `handbook new` starts a record with.

Each field is one line with its Chinese name and help as a comment; optional fields are commented
out, so the file passes `handbook check` as soon as the required ones are filled. A clerk fills a
field by deleting the "# " in front of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ruamel.yaml import YAML

from generator.authoring.fields import EDITABLE_KINDS, FieldSpec, fields_of
from generator.load import CONTENT_DIR, slugify
from generator.load.file_kind import EVENT_FOLDER
from generator.model.kinds import BY_NAME, REGISTRY

# Where each kind's records live, relative to the handbook folder (event files beside the content).
KIND_FOLDERS: dict[str, str] = {
    **{kind.name: f"{CONTENT_DIR}/{kind.content_folder}" for kind in REGISTRY},
    "event": EVENT_FOLDER,
}
DATED_IDS = frozenset({"review", "document", "event"})  # named after the month they happened, as the samples are
MAX_ID_LENGTH = 60  # ids may be 80 characters; a shorter one leaves room for a suffix and reads better
HOW_TO = "# 以“#”开头的行是说明，不会被读取。要填写某一项，删去它前面的“# ”，在冒号后面写内容。"


def suffix(kind: str) -> str:
    return BY_NAME[kind].suffix if kind in BY_NAME else ".yml"


def schema_line(kind: str) -> str:
    """The first line of a record: points YAML editors at the kind's JSON Schema under schemas/."""
    up = "../" * KIND_FOLDERS[kind].count("/") + "../"
    return f"# yaml-language-server: $schema={up}schemas/{kind}.schema.json"


def new_id(kind: str, title: str | None, today: date) -> str:
    """A safe id from the title (pinyin for Chinese), dated for records that happen on a day."""
    titled = bool(title and title.strip())
    stem = slugify(title) if title and titled else kind
    if len(stem) > MAX_ID_LENGTH:
        stem = stem[:MAX_ID_LENGTH].rsplit("-", 1)[0]
    if kind in DATED_IDS:
        return f"{today:%Y-%m}-{stem}"
    return stem if titled else f"{stem}-{today:%Y%m%d}"


@dataclass(frozen=True)
class Filled:
    """The values a new record starts with (from the command line, today's date, the site settings)."""

    title: str | None = None
    type: str | None = None
    today: date = field(default_factory=date.today)
    issuer: str | None = None


def skeleton(kind: str, filled: Filled, *, for_editor: bool = False) -> str:
    """The text of a new record of kind: header comments, required fields, optional ones commented out.

    for_editor: the start of a record the browser editor fills in: no commented-out fields, and no
    stand-in text (an empty required field stays empty, so the check names it beside its field)."""
    with_optional = not for_editor
    model = EDITABLE_KINDS[kind]
    doc = " ".join((model.__doc__ or "").split())
    header = ([] if kind == "page" else [schema_line(kind)]) + [f"# {doc}"]
    if with_optional:
        header.append(HOW_TO)
    values = _starting_values(kind, filled, placeholders=not for_editor)
    lines: list[str] = []
    for spec in fields_of(model):
        if spec.name in values:
            lines += _field_lines(spec, values[spec.name], "", quote_empty=not for_editor)
        elif with_optional and spec.name != "id":
            lines += ["# " + line for line in _field_lines(spec, None, "")]
    if kind == "page":
        return "\n".join(["---", *header, *lines, "---", "", "在这里写正文。可以用 Markdown：“## 小标题”、“- 列表项”。", ""])
    return "\n".join([*header, *lines, ""])


def _starting_values(kind: str, filled: Filled, placeholders: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    title_field = "person" if kind == "habit" else "title"
    values[title_field] = filled.title or ""
    type_field = {"review": "type", "guideline": "category", "document": "type", "event": "type"}.get(kind)
    if type_field:
        values[type_field] = filled.type or ""
    for spec in fields_of(EDITABLE_KINDS[kind]):
        if spec.widget == "date" and spec.required:
            values[spec.name] = filled.today
    if kind == "event":
        values["date"] = filled.today
    if kind == "document":
        values["issuer"] = filled.issuer or ""
    if placeholders and kind == "guideline":
        values["rules"] = [{"title": "待填写：第一条规则（一句话）"}]
    if placeholders and kind == "document":
        values["body"] = "待填写：正文。段落之间空一行。"
    values["audience"] = "restricted" if kind == "habit" else "internal"
    return values


def _field_lines(spec: FieldSpec, value: Any, indent: str, quote_empty: bool = False) -> list[str]:
    """One field as YAML lines, its name and help in a comment; nested fields one level deeper."""
    note = f"  # {spec.title}{'（必填）' if spec.required else ''}：{spec.help}"
    if spec.widget in ("groups", "group"):
        items = value if isinstance(value, list) else [value or {}]
        lines = [f"{indent}{spec.name}:{note}"]
        for item in items:
            dash = "- " if spec.widget == "groups" else ""
            first = True
            for child in spec.children:
                if child.name not in item and not child.required and value is not None:
                    continue
                prefix = indent + "  " + (dash if first else " " * len(dash))
                child_lines = _field_lines(child, item.get(child.name), "")
                lines.append(prefix + child_lines[0])
                lines += [indent + "  " + " " * len(dash) + line for line in child_lines[1:]]
                first = False
        return lines
    if spec.widget in ("lines", "choices"):
        items = value or [""]
        return [f"{indent}{spec.name}:{note}", *(f"{indent}  - {scalar(item) if item else ''}".rstrip() for item in items)]
    # A required field still to be filled is written as "" so that the check says "不能为空" of it.
    text = scalar(value) if value not in (None, "") else ('""' if value == "" and quote_empty else "")
    return [f"{indent}{spec.name}: {text}".rstrip() + note]


def scalar(value: Any) -> str:
    """A value written the way YAML reads it back unchanged: plain when it can be, quoted when it must."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text and _reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _reads_back(text: str) -> bool:
    yaml = YAML(typ="safe", pure=True)
    try:
        return bool(yaml.load(f"k: {text}\n") == {"k": text}) and "#" not in text
    except Exception:  # noqa: BLE001 - any parse failure simply means "quote it"
        return False
