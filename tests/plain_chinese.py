"""What counts as English in a message meant for a clerk: the scan the message tests share."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel

from generator.cli import make_parser
from generator.cli_docs import subcommands
from generator.model.kinds import KINDS
from generator.model.records import Event, SiteConfig


def _model_vocabulary() -> set[str]:
    """Field names and enumerated values: the words clerks type into their own files."""
    models: list[type[BaseModel]] = [*KINDS.values(), Event, SiteConfig]
    words: set[str] = {*KINDS, "event"}
    while models:
        model = models.pop()
        for name, info in model.model_fields.items():
            words.add(name)
            words.update(str(arg) for arg in _literal_values(info.annotation))
            models += [arg for arg in _nested_models(info.annotation)]
    return words


def _literal_values(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [value for arg in typing.get_args(annotation) for value in _literal_values(arg)]


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _nested_models(arg)]


# ASCII words a message may contain besides the file's own field names and values: names of formats
# and keys a clerk meets on screen, the date pattern, the command's own name and subcommands.
ALLOWED_WORDS = {
    "YAML", "UTF", "GBK", "GB18030", "Tab", "Word", "YYYY", "MM", "DD", "MB", "front", "matter",
    "true", "false", "handbook", *subcommands(make_parser()),
} | _model_vocabulary()
_PREFIX = re.compile(r"^.*?:\d+:\d+: (?:警告：)?")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")  # the author's own text, quoted back
_PATHISH = re.compile(r"[\w.\-]*/[\w./\-]*|[\w\-]+\.(?:yml|yaml|md|docx|png)\b")
_CODEPOINT = re.compile(r"U\+[0-9A-F]{4,6}")
_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")  # the command's own options, e.g. --root
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def english_words(message: str) -> list[str]:
    """Return the ASCII words of a message that a clerk could not be expected to read."""
    text = _PREFIX.sub("", message)
    for token in (_QUOTED, _PATHISH, _CODEPOINT, _OPTION):
        text = token.sub(" ", text)
    return [word for word in _ASCII_WORD.findall(text) if word not in ALLOWED_WORDS]
