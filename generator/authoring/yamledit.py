"""Write form values into a record's own text with ruamel.yaml's round trip.

What the form did not change stays as the author wrote it: comments (the ``$schema`` line too), key
order, quoting, block or flow lists, folded text. Changed values are replaced in place; new keys go
where the model puts them among the keys already there.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from generator.authoring.fields import FieldSpec
from generator.authoring.form import clean, is_empty


def updated_yaml(text: str, values: dict[str, Any], specs: tuple[FieldSpec, ...]) -> str:
    """Return text with values written in; everything else kept."""
    _, indent, sequence_offset = load_yaml_guess_indent(text) if text.strip() else (None, None, None)
    yaml = _round_trip(indent or 4, 2 if sequence_offset is None else sequence_offset)
    document = yaml.load(text)  # again, keeping quotes: the guess reads without them
    if document is None:  # only comments so far: a header without fields
        document = CommentedMap()
    merge(document, values, specs)
    stream = io.StringIO()
    yaml.dump(document, stream)
    written = stream.getvalue()
    header = _leading_comments(text)
    if header and not written.startswith(header):  # a file of comments only: ruamel has nothing to hang them on
        written = header + written
    return written


def updated_front_matter(text: str, values: dict[str, Any], specs: tuple[FieldSpec, ...], body: str) -> str:
    """Return a Markdown chapter with its front matter updated and its body replaced."""
    lines = text.splitlines(keepends=True)
    end = next(index for index in range(1, len(lines)) if lines[index].strip() in ("---", "..."))
    front = updated_yaml("".join(lines[1:end]), values, specs)
    return "---\n" + front + "---\n\n" + body.strip("\n") + "\n"


def _round_trip(sequence_indent: int, sequence_offset: int) -> YAML:
    """A round-trip YAML writer indenting as the file does (by default "  - item" under its key)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the author wrote on one line
    yaml.indent(mapping=max(2, sequence_indent - sequence_offset), sequence=sequence_indent, offset=sequence_offset)
    yaml.allow_unicode = True
    return yaml


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def merge(target: CommentedMap, values: dict[str, Any], specs: tuple[FieldSpec, ...]) -> None:
    """Write values into target in place: change what differs, drop what was emptied, add what is new."""
    order = [spec.name for spec in specs]
    for spec in specs:
        if spec.name not in values:
            continue
        new = values[spec.name]
        if is_empty(new) and not spec.required:
            if spec.name in target:
                del target[spec.name]
            continue
        if spec.name not in target and not spec.required and new == spec.default:
            continue  # the default on a record that never said (an unticked box, 内部): leave it unsaid
        if spec.name in target:
            target[spec.name] = _merged(target[spec.name], new, spec)
        else:
            target.insert(_position(target, spec.name, order), spec.name, fresh(new, spec))


def _position(target: CommentedMap, name: str, order: list[str]) -> int:
    """Just after the last key the model puts before name (keys the model does not know count as before)."""
    before = set(order[: order.index(name)])
    keys = list(target)
    return max((index + 1 for index, key in enumerate(keys) if key in before or key not in order), default=0)


def _merged(old: Any, new: Any, spec: FieldSpec) -> Any:
    if spec.widget == "group" and isinstance(old, CommentedMap):
        merge(old, new, spec.children)
        return old
    if spec.widget == "groups" and isinstance(old, CommentedSeq):
        for index, item in enumerate(new):
            if index < len(old) and isinstance(old[index], CommentedMap):
                merge(old[index], item, spec.children)
            elif index < len(old):
                old[index] = fresh(item, spec)
            else:
                old.append(fresh(item, spec))
        del old[len(new):]
        return old
    if spec.widget == "choices" and isinstance(old, CommentedSeq):
        new = [choice for choice in old if choice in new] + [choice for choice in new if choice not in old]
    if spec.widget == "lines" and isinstance(old, str) and len(new) == 1:
        new = new[0]  # "a text or a list of texts" written as one text stays one text
    if spec.widget in ("lines", "choices") and isinstance(old, CommentedSeq) and isinstance(new, list):
        for index, item in enumerate(new):
            if index >= len(old):
                old.append(item)
            elif old[index] != item:
                old[index] = item
        del old[len(new):]
        return old
    if isinstance(old, int) and not isinstance(old, bool) and str(old) == new:
        return old  # a phone number written without quotes, unchanged
    if isinstance(old, str) and isinstance(new, str):  # the form trims what the model trims too
        return old if clean(old) == new else fresh(new, spec)  # unchanged: keep the author's quoting
    return old if type(old) is type(new) and old == new else fresh(new, spec)


def fresh(value: Any, spec: FieldSpec) -> Any:
    """A new value in ruamel's types: nested maps in the model's order, paragraphs as block text."""
    if isinstance(value, dict):
        children = {child.name: child for child in spec.children}
        mapping = CommentedMap()
        for name, item in value.items():
            child = children.get(name)
            if child is None or (is_empty(item) and not child.required):
                continue
            if not (child.widget == "boolean" and item == child.default):
                mapping[name] = fresh(item, child)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(fresh(item, spec) for item in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
