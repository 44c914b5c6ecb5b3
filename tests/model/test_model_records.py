"""generator/model/records.py: each kind's model accepts what the manual describes and nothing else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from generator.model.records import Document, Event, Guideline, Habit, Review, SiteConfig

REVIEW = {"title": "来访接待", "date": "2025-03-04", "type": "接待"}
GUIDELINE = {"title": "接待须知", "category": "接待", "rules": [{"title": "先定场地"}]}
HABIT = {"person": "王主任", "updated": "2025-01-02"}
DOCUMENT = {"type": "notice", "issuer": "青禾区人民政府办公室", "title": "关于……的通知", "body": "正文", "date": "2025-05-06"}


def error_types(model: Any, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(error["loc"], error["type"]) for error in caught.value.errors()]


class DescribeAReview:
    def it_reads_the_required_fields_and_fills_the_defaults(self) -> None:
        review = Review.model_validate(REVIEW)
        assert (review.date, review.audience, review.problems, review.id) == (date(2025, 3, 4), "internal", [], None)

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            ({"date": "2025-02-30"}, [(("date",), "day_impossible")]),
            ({"date": "2025/03/04"}, [(("date",), "day_format")]),
            ({"type": "宴请"}, [(("type",), "literal_error")]),
            ({"headcount": -1}, [(("headcount",), "greater_than_equal")]),
            ({"headcount": "12"}, [(("headcount",), "int_type")]),
            ({"title": 12}, [(("title",), "string_type")]),
            ({"title": "   "}, [(("title",), "string_too_short")]),
            ({"titel": "x"}, [(("titel",), "extra_forbidden")]),
            ({"problems": [{"cause": "x"}]}, [(("problems", 0, "what"), "missing")]),
            ({"problems": [{"what": "x", "severity": "很高"}]}, [(("problems", 0, "severity"), "literal_error")]),
            ({"actions": [{"what": "x", "done": "yes"}]}, [(("actions", 0, "done"), "bool_type")]),
            ({"id": "../etc"}, [(("id",), "string_pattern_mismatch")]),
        ],
    )
    def it_refuses_a_wrong_value_at_its_place(self, change: dict[str, Any], expected: list[Any]) -> None:
        assert error_types(Review, {**REVIEW, **change}) == expected

    @pytest.mark.parametrize("missing", ["title", "date", "type"])
    def it_requires(self, missing: str) -> None:
        data = {key: value for key, value in REVIEW.items() if key != missing}
        assert error_types(Review, data) == [((missing,), "missing")]


class DescribeTheOtherKinds:
    def it_requires_at_least_one_rule_in_a_guideline(self) -> None:
        assert error_types(Guideline, {**GUIDELINE, "rules": []}) == [(("rules",), "too_short")]

    def it_makes_a_habit_note_restricted_by_default(self) -> None:
        assert Habit.model_validate(HABIT).audience == "restricted"

    @pytest.mark.parametrize(("phone", "text"), [(13800000000, "13800000000"), ("0571-1234", "0571-1234")])
    def it_keeps_a_phone_number_as_text(self, phone: Any, text: str) -> None:
        meeting = {"time": "上午9:00", "place": "三楼", "attendees": "各科室", "contact": {"phone": phone}}
        document = Document.model_validate({**DOCUMENT, "type": "meeting_notice", "meeting": meeting})
        assert document.meeting is not None and document.meeting.contact is not None
        assert document.meeting.contact.phone == text

    @pytest.mark.parametrize(("year", "ok"), [(1948, False), (1949, True), (2100, True), (2101, False)])
    def it_bounds_a_document_numbers_year(self, year: int, ok: bool) -> None:
        data = {**DOCUMENT, "number": {"prefix": "青政办发", "year": year, "seq": 1}}
        if ok:
            assert Document.model_validate(data).number is not None
        else:
            assert error_types(Document, data)[0][0] == ("number", "year")

    @pytest.mark.parametrize(
        ("moment", "normalised"),
        [("2025-06-10", "2025-06-10"), ("2025-06-10 09:30", "2025-06-10 09:30"), ("2025-6-1 9:05", "2025-06-01 09:05")],
    )
    def it_normalises_an_events_moment(self, moment: str, normalised: str) -> None:
        assert Event.model_validate({"title": "t", "type": "会议", "date": moment}).date == normalised

    @pytest.mark.parametrize("moment", ["2025-06-10 25:00", "明天上午"])
    def it_refuses_a_moment_that_does_not_exist(self, moment: str) -> None:
        assert error_types(Event, {"title": "t", "type": "会议", "date": moment})[0][0] == ("date",)

    def it_names_each_edition_of_the_site_by_default(self) -> None:
        config = SiteConfig.model_validate({"organisation": "办公室", "site_title": "手册"})
        assert config.editions == {"public": "公开版", "internal": "内部版", "restricted": "限定版"}
