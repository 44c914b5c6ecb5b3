"""Check plain data against the model and the cross-record rules; every message is Chinese and positioned."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problems
from generator.model.classified import CLASSIFIED_MESSAGE, find_classified
from generator.model.located import Loc
from generator.model.located import Located as Positions  # the reader's Positions, as validation sees it
from generator.model.records import AUDIENCE_RANK


# ------------------------------------------------------------------ classified material
def check_classified(data: Any, positions: Positions, display: str, problems: Problems) -> bool:
    """Report classified markers; return True when any was found (the record is then refused whole)."""
    found = False
    for loc, is_key, mark in find_classified(data):
        line, col = positions.key(loc) if is_key else positions.value(loc)
        problems.add(display, line, col, CLASSIFIED_MESSAGE.format(mark=mark))
        found = True
    return found


# ------------------------------------------------------------------ model errors in Chinese
def _field_info(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """Walk loc through nested models; return (owning model, FieldInfo) of its last field."""
    current: Any = model
    info = None
    owner = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return owner, None
        owner, info = current, current.model_fields[part]
        current = _inner_model(info.annotation)
    return owner, info


def _inner_model(annotation: Any) -> Any:
    """Find a BaseModel inside list[...] / X | None annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def field_name(model: type[BaseModel], loc: Loc) -> str:
    """Name the field at loc for a message: its key and Chinese title, and the item for a list item.

    An entry of a free-form mapping (a site's `editions`) is named inside its field: “editions”（版本名称）中的“public”.
    """
    key = next((part for part in reversed(loc) if isinstance(part, str)), "")
    _, info = _field_info(model, loc)
    if info is None and len(loc) > 1 and isinstance(loc[-1], str) and _field_info(model, loc[:-1])[1] is not None:
        return f"{field_name(model, loc[:-1])}中的“{key}”"
    title = f"（{info.title}）" if info is not None and info.title else ""
    item = f"的第 {loc[-1] + 1} 项" if loc and isinstance(loc[-1], int) else ""
    return f"“{key}”{title}{item}"


def _expected_keys(model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    """Return the keys a nested part takes with their Chinese names, and the first key (for an example)."""
    _, info = _field_info(model, loc)
    inner = _inner_model(info.annotation) if info is not None else None
    if inner is None:
        return "", "字段"
    keys = "、".join(f"{key}（{field.title}）" if field.title else key for key, field in inner.model_fields.items())
    return keys, next(iter(inner.model_fields))


def _did_you_mean(model: type[BaseModel], loc: Loc) -> str:
    owner_loc = loc[:-1]
    owner: Any = model
    if owner_loc:
        _, info = _field_info(model, owner_loc)
        owner = _inner_model(info.annotation) if info is not None else None
    if owner is None:
        return ""
    key = str(loc[-1])
    fields = owner.model_fields
    by_title = {info.title: name for name, info in fields.items() if info.title}
    if key in by_title:
        return f"，是不是想写“{by_title[key]}”？"
    close = difflib.get_close_matches(key.lower(), list(fields), n=1, cutoff=0.6)
    if close:
        return f"，是不是想写“{close[0]}”？"
    return f"。可用的字段：{'、'.join(fields)}"


def _as_written(value: Any) -> str:
    """Show a scalar as the author wrote it in YAML (true, not Python's True); nothing for lists and maps."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if isinstance(value, (dict, list)) or value is None else str(value)[:40]


def _how_to_fill(model: type[BaseModel], loc: Loc) -> str:
    if loc and isinstance(loc[-1], int):
        return "请在“- ”后面填写内容，或删去这一项"
    _, info = _field_info(model, loc)
    if info is not None and info.is_required():
        return "这是必填字段，请在冒号后面填写内容"
    return "请在冒号后面填写内容，或删去这一行"


def describe_error(model: type[BaseModel], error: Any) -> str:
    """Turn one pydantic error into a Chinese message that says what is wrong and how to fix it."""
    loc: Loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
    kind = error["type"]
    value = error.get("input")
    name = field_name(model, loc)
    shown = _as_written(value)
    if kind == "missing":
        return f"缺少必填字段{name}：请补上，例如“{loc[-1]}: …”"
    if value is None and kind != "extra_forbidden":
        return f"{name}是空的：{_how_to_fill(model, loc)}"
    if kind == "extra_forbidden":
        return f"不认识的字段“{loc[-1]}”{_did_you_mean(model, loc)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = "、".join(re.findall(r"'([^']*)'", expected)) or expected
        if loc and loc[-1] == "[key]":  # a key of a free-form mapping
            return f"{field_name(model, loc[:-2])}中的键“{shown}”不在可选范围内：只能是 {options}"
        return f"{name}的值“{shown}”不在可选范围内：只能是 {options}"
    if kind in ("string_type", "string_sub_type") and isinstance(value, (list, dict)):
        return f"{name}应为一段文字，而不是{'列表' if isinstance(value, list) else '键值对'}：请直接写在冒号后面"
    if kind in ("string_type", "string_sub_type"):
        key = next((part for part in reversed(loc) if isinstance(part, str)), "")
        return f"{name}应为文字：若要把“{shown}”作为文字，请加引号，例如 {key}: \"{shown}\""
    if kind == "string_too_short":
        return f"{name}不能为空：请填写内容，或删除这一行"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{name}应为整数，而不是“{shown}”：请只写数字，例如 12"
    if kind in ("greater_than_equal", "greater_than"):
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt", 0))
        return f"{name}应为不小于 {limit} 的整数，而不是 {shown}"
    if kind == "less_than_equal":
        return f"{name}的值 {shown} 太大：最大为 {error.get('ctx', {}).get('le')}"
    if kind == "bool_type":
        return f"{name}应为 true 或 false（也可写 是/否、已完成/未完成），而不是“{shown}”"
    if kind == "list_type":
        return f"{name}应为列表：请每项单独一行、以“- ”开头"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        keys, first = _expected_keys(model, loc)
        takes = f"，包含 {keys}" if keys else ""
        given = f"一行文字“{shown}”" if shown else ("列表" if isinstance(value, list) else "空值")
        if loc and isinstance(loc[-1], int):
            fix = f"请写成“- {first}: …”，其余各项与 {first} 对齐"
        else:
            fix = f"请在“{loc[-1] if loc else ''}:”之后另起一行，缩进两格逐项写，例如“{first}: …”"
        return f"{name}应为键值对{takes}，而不是{given}：{fix}"
    if kind == "too_short":
        return f"{name}至少要有一项"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "id":
        return f"编号“{shown}”不安全或不合规：只能用字母、数字、汉字、- 和 _，不能有斜杠、“..”或空格"
    if kind.startswith(("day_", "moment_")):  # our own validators: their messages are Chinese
        return f"{name}：{error['msg']}"
    return f"{name}的写法不对：请对照模板和手册“内容模型”一章中这个字段的说明修改"


_SHAPES = {
    "string_type": "一段文字", "list_type": "列表", "int_type": "整数", "bool_type": "true 或 false",
    "model_type": "键值对", "dict_type": "键值对",
}


_HOW_TO_WRITE = {"string_type": "请直接写在冒号后面", "list_type": "每项单独一行、以“- ”开头"}


def _data_loc(loc: Loc, positions: Positions) -> Loc:
    """Keep the parts of a pydantic location that are places in the file (not union members or key markers)."""
    kept: Loc = ()
    for part in loc:
        if (*kept, part) in positions.values or (*kept, part) in positions.keys:
            kept = (*kept, part)
    return kept


def _one_of(model: type[BaseModel], loc: Loc, kinds: list[str], value: Any) -> str:
    """Describe a value that fits none of a field's alternatives (text or a list, say)."""
    wanted = "或".join(dict.fromkeys(_SHAPES.get(kind, "其他写法") for kind in kinds))
    given = "列表" if isinstance(value, list) else "键值对" if isinstance(value, dict) else f"“{_as_written(value)}”"
    fixes = [_HOW_TO_WRITE[kind] for kind in dict.fromkeys(kinds) if kind in _HOW_TO_WRITE]
    return f"{field_name(model, loc)}应为{wanted}，而不是{given}" + (f"：{'，或'.join(fixes)}" if fixes else "")


def validate_model(
    model: type[BaseModel], data: dict[str, Any], positions: Positions, display: str, problems: Problems
) -> BaseModel | None:
    """Validate data; report each error at the position of its key or value; return the model or None."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    by_place: dict[Loc, list[Any]] = {}
    for error in errors:
        loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
        if error["type"] != "missing":
            loc = _data_loc(loc, positions) if "[key]" not in loc else _data_loc(loc, positions) + ("[key]",)
        by_place.setdefault(loc, []).append({**error, "loc": loc})
    for loc, found in by_place.items():  # a field with alternatives fails once per alternative
        if found[0]["type"] in ("extra_forbidden", "missing") or loc[-1:] == ("[key]",):
            line, col = positions.key(loc[:-1] if loc[-1:] == ("[key]",) else loc)
        else:
            line, col = positions.value(loc)
        if len(found) > 1:
            message = _one_of(model, loc, [error["type"] for error in found], found[0].get("input"))
        else:
            message = describe_error(model, found[0])
        problems.add(display, line, col, message)
    return None


def audience_allows(reader: str, record_audience: str) -> bool:
    """Return True when a reader cleared for `reader` may see a record of `record_audience`."""
    return AUDIENCE_RANK[record_audience] <= AUDIENCE_RANK[reader]
