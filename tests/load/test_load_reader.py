"""generator/load/reader.py: one YAML file into plain data, with the line and column of every node.

Messages are worded by the reader; these tests hold the positions, the shape of the data and that
nothing unsafe is ever constructed.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import ContentError
from generator.load.reader import Positions, parse_front_matter, parse_yaml, read_text


def refused_at(text: str) -> tuple[int, int]:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "a.yml")
    problem = caught.value.problems[0]
    assert problem.path == "a.yml"
    return problem.line, problem.column


class DescribeReadText:
    @pytest.mark.parametrize(
        ("raw", "text"),
        [
            ("title: 标题\n".encode(), "title: 标题\n"),
            (b"\xef\xbb\xbftitle: x\n", "title: x\n"),  # a BOM from Notepad is dropped
        ],
    )
    def it_decodes_utf8(self, raw: bytes, text: str) -> None:
        assert read_text(raw, "a.yml") == text

    @pytest.mark.parametrize(
        ("raw", "position"),
        [
            ("title: 标题\nsummary: 概要\n".encode("gb18030"), (1, 8)),  # GBK: refused, never garbled
            (b"title: a\n\x00\x01", (2, 1)),  # binary
        ],
    )
    def it_refuses_what_is_not_utf8_text_at_the_first_bad_byte(self, raw: bytes, position: tuple[int, int]) -> None:
        with pytest.raises(ContentError) as caught:
            read_text(raw, "a.yml")
        assert (caught.value.problems[0].line, caught.value.problems[0].column) == position

    def it_refuses_a_file_larger_than_a_record_can_be(self) -> None:
        with pytest.raises(ContentError):
            read_text(b"a: b\n" * 300_000, "a.yml")


class DescribeParseYaml:
    @pytest.mark.parametrize(
        ("text", "data"),
        [
            ("title: 标题\n", {"title": "标题"}),
            ("date: 2024-02-30\n", {"date": "2024-02-30"}),  # dates stay text: the model says what is wrong
            ("n: 12\nok: true\nnothing:\n", {"n": 12, "ok": True, "nothing": None}),
            ("tags:\n  - a\n  - b\n", {"tags": ["a", "b"]}),
            ("text: |\n  第一行\n  第二行\n", {"text": "第一行\n第二行\n"}),
        ],
    )
    def it_builds_plain_data(self, text: str, data: Any) -> None:
        assert parse_yaml(text, "a.yml")[0] == data

    def it_remembers_where_each_key_and_value_is(self) -> None:
        _, positions = parse_yaml("title: 标题\nproblems:\n  - what: 晚到\n    fix: 早到\n", "a.yml")
        assert positions.key(("title",)) == (1, 1)
        assert positions.value(("title",)) == (1, 8)
        assert positions.key(("problems", 0, "fix")) == (4, 5)
        assert positions.value(("problems", 0, "fix")) == (4, 10)

    def it_falls_back_to_the_nearest_known_place(self) -> None:
        positions = Positions(values={("problems",): (3, 3)})
        assert positions.value(("problems", 5, "what")) == (3, 3)
        assert positions.key(("nowhere",)) == (1, 1)

    @pytest.mark.parametrize(
        ("text", "position"),
        [
            ("title: x\ntitle: y\n", (2, 1)),  # duplicate key
            ("title: x\n\tsummary: y\n", (2, 1)),  # tab indent
            ("title：标题\n", (1, 6)),  # full-width colon
            ("a: &x 1\nb: *x\n", (1, 4)),  # anchors and aliases are refused
            ("a: !!python/object:os.system ls\n", (1, 4)),  # no tag ever constructs an object
            ("title: \"unclosed\n", (1, 8)),  # where the quote opens, as tests/bad_inputs/01 says
            ("# only a comment\n", (1, 1)),
        ],
    )
    def it_refuses_at_the_place_of_the_problem(self, text: str, position: tuple[int, int]) -> None:
        assert refused_at(text) == position

    def it_refuses_deep_nesting_without_crashing(self) -> None:
        with pytest.raises(ContentError):
            parse_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n", "a.yml")


class DescribeParseFrontMatter:
    def it_splits_a_chapter_into_settings_and_body(self) -> None:
        data, positions, body, body_line = parse_front_matter("---\ntitle: 入门\norder: 2\n---\n# 正文\n", "p.md")
        assert (data, body, body_line) == ({"title": "入门", "order": 2}, "# 正文\n", 5)
        assert positions.value(("order",)) == (3, 8)  # lines of the whole file, not of the front matter

    @pytest.mark.parametrize("text", ["# 没有设置\n", "---\ntitle: 入门\n", "---\n---\n正文\n"])
    def it_refuses_a_chapter_without_a_complete_front_matter(self, text: str) -> None:
        with pytest.raises(ContentError):
            parse_front_matter(text, "p.md")
