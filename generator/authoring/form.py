"""Turn a submitted editor form back into a record's values, typed as the model expects them.

Field names follow the record's structure: ``title``, ``number.prefix``, ``problems.0.what``; lists
of text repeat one name (``tags``). Every text passes through clean_pasted_text. Values the model
would refuse are kept as typed (``2024-02-30``, ``十二``), so the check names them beside the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from generator.authoring.fields import FieldSpec
from generator.load.paste import NBSP, clean_pasted_text

FormFields = dict[str, list[str]]
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def collect(pairs: Iterable[tuple[str, str]]) -> FormFields:
    """Group submitted (name, value) pairs by name, keeping the order they were sent in."""
    fields: FormFields = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return fields


def clean(text: str) -> str:
    """Text as the record keeps it: pasted oddities removed, Windows line ends made plain, ends trimmed.

    A form field holds a value, not YAML, so a non-breaking space inside it is never meant: it becomes a space.
    """
    text = clean_pasted_text(text.replace("\r\n", "\n").replace("\r", "\n")).replace(NBSP, " ")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def parse(specs: tuple[FieldSpec, ...], fields: FormFields, prefix: str = "") -> dict[str, Any]:
    """The values of specs found in the form; empty optional fields are None, empty lists []."""
    values: dict[str, Any] = {}
    for spec in specs:
        name = prefix + spec.name
        if spec.widget == "groups":
            indices = sorted({int(m.group(1)) for key in fields
                              if (m := re.match(re.escape(name) + r"\.(\d+)\.", key))})
            items = [parse(spec.children, fields, f"{name}.{index}.") for index in indices]
            values[spec.name] = [item for item in items if not is_empty(item)]
        elif spec.widget == "group":
            item = parse(spec.children, fields, name + ".")
            values[spec.name] = None if is_empty(item) else item
        elif spec.widget in ("lines", "choices"):
            values[spec.name] = [text for text in (clean(v) for v in fields.get(name, [])) if text]
        elif spec.widget == "boolean":
            values[spec.name] = name in fields
        elif name in fields:
            values[spec.name] = typed(spec, clean(fields[name][0]))
    return values


def typed(spec: FieldSpec, text: str) -> Any:
    """A field's text as the model's type when it reads as one; as typed otherwise (the check says why)."""
    if text == "":
        return "" if spec.required else None
    if spec.widget == "integer" and re.fullmatch(r"-?\d+", text):
        return int(text)
    if spec.widget == "date" and (match := _DATE.match(text)):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            return text
    return text


def is_empty(value: Any) -> bool:
    """Nothing filled in: a group whose fields are all blank is dropped rather than saved empty."""
    if isinstance(value, dict):
        return all(is_empty(item) or item is False for item in value.values())
    return value is None or value == "" or value == []
