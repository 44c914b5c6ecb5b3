"""Describe each record kind's fields for people who write records: read from the model that validates.

The skeletons of `handbook new` and the browser editor's forms are both made from these descriptions,
so a field added to generator/model/records.py appears in both without a second list to keep.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.kinds import KINDS
from generator.model.records import Event

Widget = Literal["text", "textarea", "choice", "choices", "date", "integer", "boolean", "lines", "group", "groups"]

# Fields that hold paragraphs rather than a phrase: shown as text areas, written as block text.
LONG_TEXT = frozenset({"summary", "planned", "happened", "cause", "fix", "text", "body", "notes"})
HIDDEN = frozenset({"kind"})  # the folder says the kind
SHARED_LAST = ("id", "audience")  # what every record has comes after what this kind is about

EDITABLE_KINDS: dict[str, type[BaseModel]] = {**KINDS, "event": Event}


@dataclass(frozen=True)
class FieldSpec:
    """One field as a writer sees it: name, Chinese label and help, how it is entered, and its parts."""

    name: str
    title: str
    help: str
    widget: Widget
    required: bool
    choices: tuple[str, ...] = ()
    children: tuple[FieldSpec, ...] = ()
    default: Any = None


def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Every field of a model, in the model's order (id and audience last), except the kind."""
    names = [name for name in model.model_fields if name not in HIDDEN]
    names = [name for name in names if name not in SHARED_LAST] + [name for name in SHARED_LAST if name in names]
    return tuple(_spec(name, model.model_fields[name]) for name in names)


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    annotation = _without_none(info.annotation)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    widget, choices, children = _widget(name, annotation)
    return FieldSpec(name, info.title or name, info.description or "", widget, info.is_required(),
                     choices, children, default)


def _without_none(annotation: Any) -> Any:
    """`X | None` is X for a writer: an empty field is simply left out."""
    if _is_union(annotation):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _without_none(members[0])
    if typing.get_origin(annotation) is typing.Annotated:
        return _without_none(typing.get_args(annotation)[0])
    return annotation


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _widget(name: str, annotation: Any) -> tuple[Widget, tuple[str, ...], tuple[FieldSpec, ...]]:
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return "choice", tuple(str(arg) for arg in typing.get_args(annotation)), ()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group", (), fields_of(annotation)
    if _is_union(annotation):  # "a text or a list of texts" (a meeting's attendees): entered line by line
        return "lines", (), ()
    if origin is list:
        item = _without_none(typing.get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "groups", (), fields_of(item)
        if typing.get_origin(item) is Literal:
            return "choices", tuple(str(arg) for arg in typing.get_args(item)), ()
        return "lines", (), ()
    if annotation is bool:
        return "boolean", (), ()
    if annotation is int:
        return "integer", (), ()
    if annotation is date:
        return "date", (), ()
    return ("textarea" if name in LONG_TEXT else "text"), (), ()
