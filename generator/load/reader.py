"""Read one YAML file safely into plain data, remembering the line and column of every node.

We compose the YAML node graph with ruamel.yaml and build plain Python values ourselves, so
- no tag ever constructs an object (``!!python/object`` and friends are refused, never run),
- aliases are refused before they can expand (a "billion laughs" file fails in milliseconds),
- duplicate keys, non-text keys and over-deep nesting are reported with their position,
- dates stay as the text the author wrote, so ``2024-02-30`` gets our own message.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import ContentError, Problem, Problems
from generator.load.paste import BLOCK_SCALAR_START, find_paste_slips
from generator.load.syntax import FALLBACK as SYNTAX_FALLBACK
from generator.load.syntax import explain as explain_syntax_error

MAX_FILE_BYTES = 1024 * 1024  # one record is a few KiB; 1 MiB leaves room for long minutes
MAX_DEPTH = 32  # our deepest record is 4 levels; anything far deeper is a mistake or an attack

Loc = tuple[str | int, ...]

YAML_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {f"{YAML_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
TEXT_TAGS = (f"{YAML_TAG}str", f"{YAML_TAG}timestamp")  # kept as written: dates get our own message later
MERGE_TAG = f"{YAML_TAG}merge"


@dataclass
class Positions:
    """Line and column (1-based) of each value and each key, by location path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def value(self, loc: Loc) -> tuple[int, int]:
        """Return the position of the value at loc, or of its nearest known ancestor."""
        loc = tuple(loc)
        while loc not in self.values and loc:
            loc = loc[:-1]
        line, col = self.values.get(loc, (1, 1))
        return line + self.line_offset, col

    def key(self, loc: Loc) -> tuple[int, int]:
        """Return the position of the key that names loc (falls back to the value's position)."""
        loc = tuple(loc)
        if loc in self.keys:
            line, col = self.keys[loc]
            return line + self.line_offset, col
        return self.value(loc)


def read_text(raw: bytes, display: str) -> str:
    """Decode a content file as UTF-8, refusing empty, binary, oversized and non-UTF-8 files clearly."""
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) / 1024 / 1024
        raise ContentError.single(
            display, 1, 1, f"文件太大（{size:.1f} MB），一条记录不应超过 1 MB：请拆成几条记录，或删去粘贴进来的无关内容"
        )
    if b"\x00" in raw:
        line, col = _byte_position(raw, raw.index(b"\x00"))
        raise ContentError.single(display, line, col, "这不是文本文件（含二进制内容）：记录必须是 UTF-8 编码的 YAML 文本")
    if raw.startswith(b"\xef\xbb\xbf"):  # a BOM from Windows Notepad is harmless: drop it
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码。请在编辑器中选择“另存为”→ 编码“UTF-8”后再试"
        except UnicodeDecodeError:
            hint = "请在编辑器中选择“另存为”→ 编码“UTF-8”后再试"
        raise ContentError.single(display, line, col, f"文件不是 UTF-8 编码，{hint}") from None
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise ContentError.single(
            display, line, col,
            f"含有不可打印的控制字符 U+{ord(match.group()):04X}：请删除它（常见于从网页或 Word 复制的文字）",
        )
    if not _has_content(text):
        raise ContentError.single(display, 1, 1, "文件是空的：请填写记录内容，或删除这个文件")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _has_content(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    return line, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


# Slips that are common when typing YAML with a Chinese input method. Checked line by line before
# parsing, because YAML would silently read them as text or fail with a confusing message.
_FULLWIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")
_TAB_INDENT = re.compile(r"^[ ]*(\t)")
# Whether any line could hold either slip (a match may start a line early: then every line is looked at)
_MAYBE_SLIP = re.compile(rf"{_TAB_INDENT.pattern}|{_FULLWIDTH_COLON_KEY.pattern}", re.MULTILINE)


def scan_slips(text: str, display: str, line_offset: int = 0) -> Problems:
    """Find tabs, full-width colons and pasted invisible or full-width spaces used as YAML syntax."""
    problems = Problems()
    for slip in find_paste_slips(text):
        problems.add(display, slip.line + line_offset, slip.column, slip.message)
    if not _MAYBE_SLIP.search(text):
        return problems
    in_block_scalar_indent: int | None = None
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        indent = len(line) - len(line.lstrip(" "))
        if in_block_scalar_indent is not None:
            if line.strip() == "" or indent > in_block_scalar_indent:
                continue  # inside a `|` or `>` block: free text
            in_block_scalar_indent = None
        if m := _TAB_INDENT.match(line):
            problems.add(display, number, m.start(1) + 1, "用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成两个空格")
        elif m := _FULLWIDTH_COLON_KEY.match(line):
            col = line.index("：", m.start(2)) + 1
            problems.add(
                display, number, col, f"键“{m.group(2)}”后面用了全角冒号“：”：请改为半角冒号加空格“: ”"
            )
        if BLOCK_SCALAR_START.search(line):
            in_block_scalar_indent = indent
    return problems


def parse_yaml(text: str, display: str, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse YAML text into plain data and its positions; raise ContentError on any problem."""
    slips = scan_slips(text, display, line_offset)
    slips.raise_if_any()
    # libyaml (ruamel.yaml.clib) composes six times faster, but recurses in C: a hostile file of
    # 100,000 nested brackets would crash the process. Such files go to the pure-Python parser,
    # which raises RecursionError instead (reported below).
    yaml = YAML(typ="safe", pure=_flow_depth(text) > MAX_DEPTH)
    try:
        node = yaml.compose(io.StringIO(text))
    except MarkedYAMLError as exc:
        line, col, message = explain_syntax_error(text, exc)
        raise ContentError.single(display, line + line_offset, col, message) from None
    except RecursionError:
        raise ContentError.single(display, 1 + line_offset, 1, "嵌套层级太深：记录最多只需四五层缩进，请检查括号或缩进") from None
    except YAMLError:
        raise ContentError.single(display, 1 + line_offset, 1, SYNTAX_FALLBACK) from None
    positions = Positions(line_offset=line_offset)
    if node is None:
        raise ContentError.single(display, 1 + line_offset, 1, "没有内容：请填写记录内容，或删除这个文件")
    builder = _Builder(display, positions, line_offset, yaml.constructor)
    data = builder.build(node, (), 0)
    builder.problems.raise_if_any()
    return data, positions


_BRACKET = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """Return an upper bound of the flow-collection nesting depth (brackets inside text count too)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class _Builder:
    """Turn composed nodes into plain values, refusing anything that is not plain data."""

    def __init__(self, display: str, positions: Positions, line_offset: int, constructor: SafeConstructor) -> None:
        self.display = display
        self.positions = positions
        self.line_offset = line_offset
        self.problems = Problems()
        self.seen: set[int] = set()
        self.alias_reported = False
        self.constructor = constructor

    def _pos(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _error(self, node: Node, message: str) -> None:
        line, col = self._pos(node)
        self.problems.add(self.display, line + self.line_offset, col, message)

    def _alias_error(self, node: Node) -> None:
        if not self.alias_reported:  # one message per file: a "billion laughs" file would repeat it forever
            self._error(node, "本系统不支持 YAML 锚点和别名（&名称 / *名称）：请把内容直接写出来")
        self.alias_reported = True

    def build(self, node: Node, loc: Loc, depth: int) -> Any:
        self.positions.values[loc] = self._pos(node)
        if id(node) in self.seen or getattr(node, "anchor", None):
            self._alias_error(node)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._error(node, "嵌套层级太深：记录最多只需四五层缩进，请检查括号或缩进")
            return None
        tag = _tag(node)
        if tag not in PLAIN_TAGS:
            self._error(node, f"不允许使用 YAML 标签“{tag.replace(YAML_TAG, '!!')}”：记录只能包含文字、数字、日期、列表和键值对")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if tag in TEXT_TAGS:
            return str(node.value)  # dates stay text: validated with our own message later
        try:
            return self.constructor.construct_object(node, deep=True)
        except (YAMLError, ValueError, OverflowError):
            return str(node.value)

    def _mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or getattr(key_node, "anchor", None):
                self._error(key_node, "键必须是简单的文字：请检查这一行是否多了“?”、方括号或花括号")
                continue
            key_tag = _tag(key_node)
            if key_tag == MERGE_TAG:
                self._alias_error(key_node)
                continue
            key = str(key_node.value)
            if key in result:
                first = self.positions.keys.get((*loc, key), (0, 0))
                self._error(key_node, f"键“{key}”重复（第 {first[0]} 行已经写过）：请删掉一个，或合并两处内容")
                continue
            self.positions.keys[(*loc, key)] = self._pos(key_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result


def _tag(node: Node) -> str:
    """The node's tag as text (ruamel computes it on each reading, so it is read once)."""
    tag = node.tag
    return str(getattr(tag, "value", tag) or "")


def parse_front_matter(text: str, display: str) -> tuple[Any, Positions, str, int]:
    """Split a Markdown chapter into front matter (parsed) and body; return body's first line number."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError.single(display, 1, 1, "章节开头缺少 front matter：第一行应为“---”，接着写“title: 标题”，再以“---”结束")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            yaml_text = "".join(lines[1:index])
            if not yaml_text.strip():
                raise ContentError.single(display, 2, 1, "front matter 是空的：请至少写“title: 章节标题”")
            data, positions = parse_yaml(yaml_text, display, line_offset=1)
            return data, positions, "".join(lines[index + 1 :]), index + 2
    raise ContentError.single(display, 1, 1, "front matter 没有结束：请在标题等设置之后加一行“---”")


def problems_of(exc: ContentError) -> list[Problem]:
    """Return the problems an error carries (a small helper for callers that merge them)."""
    return list(exc.problems)
