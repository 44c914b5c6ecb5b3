"""Explain a YAML syntax error in Chinese, at the place where the slip begins.

The parser reports where it gave up, which for an unclosed quote or bracket is the end of the file
or some later line. A small quote- and bracket-aware scanner (``scan_openers``) walks the text the way
YAML reads it and finds the opening character instead; every parser message, from ruamel.yaml's
pure-Python parser or from libyaml, is mapped to a Chinese sentence that says how to fix it, and
none of the parser's English is ever shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
_OPENER_NAMES = {'"': "双引号", "'": "单引号", "[": "方括号", "{": "花括号"}
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"\[\]{},:][^:#]*:(?:\s|$)")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")


@dataclass
class Opener:
    """A quote or a flow bracket: where it opens (character offset) and where it closes (None: never)."""

    char: str
    start: int
    end: int | None = None


def unclosed_message(char: str) -> str:
    """Say which character is left open and how to close it."""
    name = _OPENER_NAMES[char]
    closer = CLOSERS[char]
    what = "文字" if char in "\"'" else ("列表" if char == "[" else "键值对")
    return f"这里开始的{name}“{char}”没有闭合：请在这段{what}末尾补上“{closer}”，或删去这个“{char}”"


class _Scanner:
    """Walk YAML text as the parser does, recording every quoted scalar and flow collection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.openers: list[Opener] = []
        self.stack: list[Opener] = []  # open flow collections

    def scan(self) -> list[Opener]:
        while self.pos < len(self.text):
            self._line()
        return self.openers

    # -- block context: one line at a time
    def _line(self) -> None:
        text = self.text
        line_end = text.find("\n", self.pos)
        line_end = len(text) if line_end < 0 else line_end
        indent = self.pos
        while indent < line_end and text[indent] == " ":
            indent += 1
        self.pos = indent
        if self.stack:
            self._flow()
            return
        self._value(line_end, line_start_indent=indent - (text.rfind("\n", 0, indent) + 1))

    def _value(self, line_end: int, line_start_indent: int) -> None:
        """Read the rest of a block line from a position where a value may start."""
        text = self.text
        while self.pos < line_end:
            char = text[self.pos]
            if char in " \t":
                self.pos += 1
            elif char == "#":
                self.pos = line_end
            elif char in "-?:" and (self.pos + 1 >= len(text) or text[self.pos + 1] in " \t\n"):
                self.pos += 1  # an indicator: a value may follow
            elif char in "&!*":
                while self.pos < line_end and text[self.pos] not in " \t":
                    self.pos += 1
            elif char in "\"'":
                self._quoted(char)
                line_end = self._end_of_line()
            elif char in "[{":
                self._open_flow(char)
                self._flow()
                return
            elif char in "|>" and _BLOCK_SCALAR.match(text, self.pos, line_end):
                self._skip_block_scalar(line_start_indent)
                return
            else:
                self._plain_block(line_end)
        self.pos = line_end + 1

    def _end_of_line(self) -> int:
        end = self.text.find("\n", self.pos)
        return len(self.text) if end < 0 else end

    def _plain_block(self, line_end: int) -> None:
        """Skip plain text up to a `: ` (a value follows) or ` #` (a comment) or the end of the line."""
        text = self.text
        while self.pos < line_end:
            char = text[self.pos]
            if char == ":" and (self.pos + 1 >= len(text) or text[self.pos + 1] in " \t\n"):
                return
            if char == "#" and text[self.pos - 1] in " \t":
                return
            self.pos += 1

    def _skip_block_scalar(self, key_indent: int) -> None:
        """Skip a `|` or `>` block: the following lines that are blank or indented deeper than its key."""
        text = self.text
        self.pos = self._end_of_line() + 1
        while self.pos < len(text):
            end = self._end_of_line()
            line = text[self.pos:end]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= key_indent:
                return
            self.pos = end + 1

    # -- quoted scalars and flow collections
    def _quoted(self, quote: str) -> None:
        opener = Opener(quote, self.pos)
        self.openers.append(opener)
        text = self.text
        self.pos += 1
        while self.pos < len(text):
            char = text[self.pos]
            if quote == '"' and char == "\\":
                self.pos += 2
                continue
            if char == quote:
                if quote == "'" and text.startswith("''", self.pos):
                    self.pos += 2
                    continue
                self.pos += 1
                opener.end = self.pos
                return
            self.pos += 1

    def _open_flow(self, char: str) -> None:
        opener = Opener(char, self.pos)
        self.openers.append(opener)
        self.stack.append(opener)
        self.pos += 1

    def _flow(self) -> None:
        """Read flow content until every open bracket is closed or the text ends."""
        text = self.text
        value_may_start = True
        while self.pos < len(text) and self.stack:
            char = text[self.pos]
            if char in " \t\n":
                self.pos += 1
            elif char == "#" and (self.pos == 0 or text[self.pos - 1] in " \t\n"):
                self.pos = self._end_of_line()
            elif char in "[{":
                self._open_flow(char)
                value_may_start = True
            elif char in "]}":
                if CLOSERS[self.stack[-1].char] == char:  # a wrong closer leaves its bracket open
                    self.stack.pop().end = self.pos + 1
                self.pos += 1
                value_may_start = False
            elif char in ",:?":
                self.pos += 1
                value_may_start = True
            elif char in "\"'" and value_may_start:
                self._quoted(char)
                value_may_start = False
            else:
                while self.pos < len(text) and text[self.pos] not in ",[]{}\n" and not (
                    text[self.pos] == ":" and (self.pos + 1 >= len(text) or text[self.pos + 1] in " ,[]{}\n")
                ):
                    self.pos += 1
                value_may_start = False
        if not self.stack:
            self.pos = self._end_of_line() + 1


def scan_openers(text: str) -> list[Opener]:
    """Return every quote and flow bracket of YAML text in order, each with where it closes."""
    return _Scanner(text).scan()


# ------------------------------------------------------------------ locating the slip
def _offset(text: str, line: int, column: int) -> int:
    """Character offset of a 0-based line and column."""
    start = 0
    for _ in range(line):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(start + column, len(text))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _runaway_quote(text: str, openers: list[Opener], gave_up: int) -> Opener | None:
    """A quote that closes only after swallowing a line that reads like a new key was left open."""
    for opener in openers:
        if opener.char not in "\"'" or opener.start >= gave_up:
            continue
        end = opener.end if opener.end is not None else len(text)
        line_start = text.rfind("\n", 0, opener.start) + 1
        indent = len(text[line_start:opener.start]) - len(text[line_start:opener.start].lstrip(" "))
        swallowed = text[opener.start:end].split("\n")[1:]
        if any(_KEY_LINE.match(line) and len(line) - len(line.lstrip(" ")) <= indent for line in swallowed):
            return opener
    return None


def locate_unclosed(text: str, exc: MarkedYAMLError) -> Opener | None:
    """Find the quote or bracket left open that made the parser give up, if that is what happened."""
    mark = exc.problem_mark or exc.context_mark
    gave_up = _offset(text, mark.line, mark.column) if mark else len(text)
    openers = scan_openers(text)
    never_closed = [o for o in openers if o.start < gave_up and o.end is None]
    if never_closed:
        return never_closed[-1]  # the innermost one
    return _runaway_quote(text, openers, gave_up)


# ------------------------------------------------------------------ the parser's words in Chinese
_COLON = "这里不能出现“: ”：若文字中需要冒号，请把整段文字用引号括起来，或检查上一行的缩进"
_TAB = "用了制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格"
_CONTROL = "含有不可打印的控制字符：请删除它（常见于从网页或 Word 复制的文字）"
_ALIAS = "本系统不支持 YAML 锚点和别名（&名称 / *名称）：请把内容直接写出来；若是正文，请用引号括起来"
_TAG = "“!”开头的文字会被当作 YAML 标签：若是正文，请用引号括起来"
_ESCAPE = "双引号里的反斜杠“\\”后面跟了无法识别的字符：请写成两个反斜杠“\\\\”，或改用单引号括起来"
_INDENT = "缩进不对齐或缺少“: ”：同一层的键要对齐，列表项以“- ”开头"

_LIST_INDENT = "列表项缩进不一致：同一列表的每一项都以对齐的“- ”开头"
_ENCODING = "文件不是 UTF-8 编码，请在编辑器中选择“另存为”→ 编码“UTF-8”后再试"
_NODE = "这里缺少内容：请检查是否多写了“,”“-”或“: ”"
_LINE_END = "这一行结尾多了内容：请检查引号或括号之后是否还写了文字，“#”前要有空格"

# (words in the parser's context or problem, what to tell the clerk, where: "problem" or "context").
# The words cover both parsers: ruamel.yaml's own and libyaml's, which phrase the same error differently.
YAML_MESSAGES: list[tuple[tuple[str, ...], str, str]] = [
    (("tab character", "found character '\\t'"), _TAB, "problem"),
    (("control characters are not allowed", "special characters are not allowed", "invalid Unicode character"),
     _CONTROL, "problem"),
    (("mapping values are not allowed",), _COLON, "problem"),
    (("could not find expected ':'",), "这一行缺少“: ”：每个键后面要有半角冒号和空格，例如“title: 标题”；"
     "若这一行是上一行文字的延续，请把整段文字用引号括起来", "context"),
    (("did not find expected '-' indicator", "while parsing a block collection"), _LIST_INDENT, "problem"),
    (("sequence entries are not allowed",),
     "这里不能出现列表项“- ”：列表要写在“键:”的下一行并缩进；若是正文，请用引号括起来", "problem"),
    (("mapping keys are not allowed",), "这里不能出现“? ”：若是正文，请用引号括起来", "problem"),
    (("did not find expected key", "expected <block end>"), _INDENT, "problem"),
    (("expected a single document", "but found another document"),
     "一个文件只能放一条记录：发现了多个以“---”分隔的 YAML 文档", "problem"),
    (("document indicator", "document separator"), "文字中间出现了“---”或“...”：若是正文，请把这一段用引号括起来", "problem"),
    (("after document end marker",), "“...”之后不能再写内容：请删去“...”这一行", "problem"),
    (("undefined alias", "duplicate anchor"), _ALIAS, "problem"),
    (("scanning an alias", "scanning an anchor"), _ALIAS, "context"),
    (("scanning a tag", "parsing a tag"), _TAG, "context"),
    (("tag handle", "URI"), _TAG, "problem"),
    (("directive",), "“%”开头的行会被当作 YAML 指令：若是正文，请用引号括起来", "context"),
    (("escape", "hexdecimal"), _ESCAPE, "problem"),
    (("block scalar",), "“|”或“>”后面只能写缩进数字或“-”“+”：多行文字请从下一行开始写，并比键多缩进两格", "problem"),
    (("expected ',' or ']'",), "方括号里的写法有误：列表各项之间用半角逗号“,”分隔；某一项含有“: ”或逗号时，请把它用引号括起来",
     "problem"),
    (("expected ',' or '}'",), "花括号里的写法有误：各项之间用半角逗号“,”分隔，每项写成“键: 值”；值含有逗号时，请用引号括起来",
     "problem"),
    (("document start",), "记录在这里之前已经结束，后面多了内容：请删去多余的“}”“]”或“...”，一个文件只放一条记录", "problem"),
    (("found unexpected ':'",), "这里的“:”有歧义：请把整段文字用引号括起来", "problem"),
    (("node content",), _NODE, "problem"),
    (("comment or a line break", "comment or line break"), _LINE_END, "problem"),
    (("UTF-8", "UTF-16"), _ENCODING, "problem"),
]
FALLBACK = "这一处的 YAML 写法有误：请检查缩进是否对齐、冒号是否为半角“: ”、引号和括号是否成对"


def _cannot_start(text: str, offset: int) -> str:
    char = text[offset] if offset < len(text) else ""
    if char == "\t":
        return _TAB
    shown = f"“{char}”" if char.strip() else "这个字符"
    return f"{shown}不能作为文字的开头：请用引号把这段文字括起来"


def _where_text_broke(lines: list[str], stray: int) -> tuple[int, str] | None:
    """For an indented line of text the parser could not place, find the line above where the text broke.

    Either a line of a `|` block is indented less than the others (the block ends there), or the key
    lost its `|` and the text below it reads as a broken plain value. Returns (0-based line, message).
    """
    line = lines[stray]
    indent = len(line) - len(line.lstrip(" "))
    if indent == 0 or _KEY_LINE.match(line) or line.lstrip().startswith("- "):
        return None  # a misplaced key or item: the line itself is the slip
    for number in range(stray - 1, -1, -1):
        above = lines[number]
        if not above.strip():
            continue
        above_indent = len(above) - len(above.lstrip(" "))
        if above_indent > indent:
            return None  # the text above is indented deeper: this line itself left the block
        if above_indent == indent:
            continue
        if number == stray - 1:
            return None
        if key := _KEY_LINE.match(above):
            name = key.group().strip().lstrip("- ").rstrip(":").strip()
            return number, (f"“{name}”下面的多行文字在第 {stray + 1} 行断开了：多行文字请写成“{name}: |”，"
                            "下面每行都比它多缩进两格，且缩进相同")
        return number, "这一行比上下的文字缩进少，多行文字在这里断开了：请让多行文字的每一行缩进相同"
    return None


def explain(text: str, exc: MarkedYAMLError) -> tuple[int, int, str]:
    """Return the 1-based line, column and Chinese message for a parser error on text."""
    words = f"{exc.context or ''} | {exc.problem or ''}"
    problem_mark = exc.problem_mark or exc.context_mark
    context_mark = exc.context_mark or exc.problem_mark
    if "quoted scalar" in words or "flow sequence" in words or "flow mapping" in words or "block" in words:
        opener = locate_unclosed(text, exc)
        if opener is not None and not ("escape" in words or "hexdecimal" in words):
            return (*_line_col(text, opener.start), unclosed_message(opener.char))
    if problem_mark and ("did not find expected key" in words or "expected <block end>" in words):
        lines = text.split("\n")
        if problem_mark.line < len(lines) and (broke := _where_text_broke(lines, problem_mark.line)):
            number, message = broke
            return number + 1, len(lines[number]) - len(lines[number].lstrip(" ")) + 1, message
    if "cannot start any token" in words:
        offset = _offset(text, problem_mark.line, problem_mark.column) if problem_mark else 0
        return (*_line_col(text, offset), _cannot_start(text, offset))
    for needles, message, where in YAML_MESSAGES:
        if any(needle in words for needle in needles):
            mark = context_mark if where == "context" else problem_mark
            return (mark.line + 1, mark.column + 1, message) if mark else (1, 1, message)
    return (problem_mark.line + 1, problem_mark.column + 1, FALLBACK) if problem_mark else (1, 1, FALLBACK)
