"""generator/model/classified.py: what marks material as classified, found wherever it is written."""

from __future__ import annotations

import pytest

from generator.model.classified import CLASSIFIED_MARK, classified_in_text, find_classified, rules_in_force


class DescribeTheMarkerPattern:
    @pytest.mark.parametrize(
        ("text", "mark"),
        [
            ("机密★1年", "机密★1年"),
            ("本件为秘密★", "秘密★"),
            ("絕密☆ 6个月", "絕密☆ 6个月"),
            ("密级：机密", "密级：机密"),
            ("密級 機密", "密級 機密"),
            ("  秘密  ", "秘密"),
        ],
    )
    def it_finds_a_marker(self, text: str, mark: str) -> None:
        match = CLASSIFIED_MARK.search(text)
        assert match is not None and match.group(0).strip() == mark

    @pytest.mark.parametrize(
        "text",
        ["保密工作要点", "不得泄露秘密", "机密文件一律走机要渠道", "密码要定期更换", "秘密地准备惊喜"],
    )
    def it_leaves_ordinary_words_alone(self, text: str) -> None:
        assert CLASSIFIED_MARK.search(text) is None


class DescribeFindClassified:
    @pytest.mark.parametrize(
        ("data", "found"),
        [
            ({"title": "a", "classification": "x"}, [(("classification",), True, "classification")]),
            ({"密级": "秘密"}, [(("密级",), True, "密级")]),
            ({"problems": [{"what": "ok"}, {"what": "机密★"}]}, [(("problems", 1, "what"), False, "机密★")]),
            ({"tags": ["a", "秘密"]}, [(("tags", 1), False, "秘密")]),
            ({"title": "接待方案", "headcount": 3}, []),
        ],
    )
    def it_says_where_each_marker_is(self, data: object, found: list) -> None:  # type: ignore[type-arg]
        assert list(find_classified(data)) == found

    def it_finds_markers_in_free_text_by_line_and_column(self) -> None:
        assert list(classified_in_text("第一行\n正文 机密★1年 结束\n")) == [(2, 4, "机密★1年")]

    def it_describes_the_rules_in_force(self) -> None:
        assert rules_in_force() == rules_in_force() and CLASSIFIED_MARK.pattern in rules_in_force()
