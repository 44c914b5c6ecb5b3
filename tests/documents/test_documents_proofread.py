"""The proofreader: one small spec per rule, each finding checked as the exact `path:line:column: message`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.documents import render_document
from generator.errors import ContentError

Spec = Callable[[str, str], Path]


def findings(path: Path, *, strict: bool = False) -> list[str]:
    """Render a spec; return every finding as printed (errors raise, warnings come back)."""
    out = path.with_suffix(".docx")
    try:
        written, warnings = render_document(path, out, root=path.parent, strict=strict)
    except ContentError as error:
        assert not out.exists(), "nothing may be written when the spec has errors"
        return [str(p) for p in error.problems]
    assert written == out and out.is_file()
    return [str(p) for p in warnings]


def test_a_clean_spec_has_no_findings(spec_file: Spec) -> None:
    from tests.documents.documents_helpers import NOTICE

    assert findings(spec_file(NOTICE)) == []


class TestDocumentNumber:
    def test_prefix_without_year_seq_without_leading_zero_year_as_dated(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "number:\n"
            "  prefix: 青政办发〔2025〕\n"
            "  year: 2024\n"
            "  seq: 012\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: 正文。\n"
            "date: 2025-04-18\n"
        )
        assert findings(path) == [
            "spec.yml:4:11: 发文机关代字“青政办发〔2025〕”里不应有年份、序号或括号："
            "prefix 只写代字（如 青政办发），年份写在 year，序号写在 seq",
            "spec.yml:5:9: 警告：发文字号的年份 2024 与成文日期的年份 2025 不一致：请核对",
            "spec.yml:6:8: 发文顺序号“012”不编虚位：应写成 12（1 不编为 01）",
        ]

    def test_numbers_cited_in_the_text_use_hexagonal_brackets_no_di_no_zero(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: |\n"
            "  根据青政办发[2024]3号文件精神，现通知如下。\n"
            "\n"
            "  按照青政发【2023】15号和青政办发〔2024〕第7号、青政办发〔2024〕07号要求执行。\n"
            "date: 2025-04-18\n"
        )
        assert findings(path) == [
            "spec.yml:5:5: 发文字号“青政办发[2024]3号”的年份应使用六角括号〔〕：应写成“青政办发〔2024〕3号”",
            "spec.yml:7:5: 发文字号“青政发【2023】15号”的年份应使用六角括号〔〕：应写成“青政发〔2023〕15号”",
            "spec.yml:7:18: 发文字号“青政办发〔2024〕第7号”的顺序号前不加“第”字：应写成“青政办发〔2024〕7号”",
            "spec.yml:7:32: 发文字号“青政办发〔2024〕07号”的顺序号不编虚位：应写成“青政办发〔2024〕7号”",
        ]

    def test_a_cited_number_in_the_title_points_at_the_title(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于转发青政发（2025）3号文件的通知\n"
            "body: 正文。\n"
            "date: 2025-04-18\n"
        )
        assert findings(path) == [
            "spec.yml:3:12: 发文字号“青政发（2025）3号”的年份应使用六角括号〔〕：应写成“青政发〔2025〕3号”",
        ]


class TestDates:
    def test_dates_exist_are_not_padded_and_printing_follows_signing(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: |\n"
            "  请于2025年2月30日前报送，2025年03月05日开始执行，2025-04-01起施行。\n"
            "date: 2025-04-18\n"
            "printed_date: 2025-04-17\n"
        )
        assert findings(path) == [
            "spec.yml:5:5: 日期“2025年2月30日”不存在：请核对月份和日子",
            "spec.yml:5:19: 日期“2025年03月05日”的月、日不编虚位：应写成“2025年3月5日”",
            "spec.yml:5:35: 警告：正文中的日期“2025-04-01”应写成“×年×月×日”，例如 2025年4月1日",
            "spec.yml:7:15: 印发日期 2025-04-17 早于成文日期 2025-04-18：印发日期应在成文日期当天或之后",
        ]

    def test_an_impossible_spec_date_is_reported_by_the_loader(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: 正文。\n"
            "date: 2025-02-30\n"
        )
        assert findings(path) == ["spec.yml:5:7: “date”（成文日期）：日期“2025-02-30”不存在（请核对月份和日子，例如 2 月没有 30 日）"]

    def test_the_reply_deadline_is_not_before_the_document_date(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: meeting_notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于召开安全生产工作会议的通知\n"
            "body: 正文。\n"
            "meeting:\n"
            "  time: 4月8日上午9:00\n"
            "  place: 常务会议室\n"
            "  attendees: 各街道分管负责同志\n"
            "  reply_by: 2025-03-30\n"
            "date: 2025-04-01\n"
        )
        assert findings(path) == ["spec.yml:9:13: 回执截止日期 2025-03-30 早于成文日期 2025-04-01：请核对"]


class TestRecipientsAndSigner:
    def test_a_request_has_one_recipient_and_a_signer(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: request\n"
            "issuer: 青禾区人民政府\n"
            "title: 关于申请补助资金的请示\n"
            "to:\n"
            "  - 南屿市人民政府\n"
            "  - 南屿市财政局\n"
            "body: 请示如下。妥否，请批示。\n"
            "date: 2025-03-12\n"
        )
        assert findings(path) == [
            "spec.yml:1:1: 请示是上行文，必须写签发人：请加上“signer: 姓名”",
            "spec.yml:6:5: 请示只能主送一个机关（现有 2 个）：其余机关请改为抄送（cc）",
        ]

    def test_a_request_without_recipient(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: request\n"
            "issuer: 青禾区人民政府\n"
            "signer: 林振华\n"
            "title: 关于申请补助资金的请示\n"
            "body: 请示如下。妥否，请批示。\n"
            "date: 2025-03-12\n"
        )
        assert findings(path) == [
            "spec.yml:1:1: 请示必须写主送机关（to），且只能主送一个机关：例如“to: [南屿市人民政府]”",
        ]

    def test_one_recipient_that_names_two_offices_is_a_warning(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: request\n"
            "issuer: 青禾区人民政府\n"
            "signer: 林振华\n"
            "title: 关于申请补助资金的请示\n"
            "to:\n"
            "  - 南屿市人民政府、南屿市财政局\n"
            "body: 请示如下。妥否，请批示。\n"
            "date: 2025-03-12\n"
        )
        assert findings(path) == [
            "spec.yml:6:5: 警告：主送机关“南屿市人民政府、南屿市财政局”像是多个机关：请示只能主送一个机关，其余请改为抄送（cc）",
        ]

    def test_a_report_needs_a_signer_and_a_notice_prints_none(self, spec_file: Spec) -> None:
        report = spec_file(
            "type: report\nissuer: 青禾区人民政府\ntitle: 关于汛期工作的报告\nbody: 报告如下。\ndate: 2025-03-12\n",
            "report",
        )
        assert findings(report) == ["report.yml:1:1: 报告是上行文，必须写签发人：请加上“signer: 姓名”"]
        notice = spec_file(
            "type: notice\nissuer: 青禾区人民政府\nsigner: 林振华\ntitle: 关于汛期工作的通知\nbody: 正文。\n"
            "date: 2025-03-12\n",
            "notice",
        )
        assert findings(notice) == [
            "notice.yml:3:1: 警告：签发人只在请示、报告等上行文中标注，通知不印签发人：可删去 signer",
        ]


class TestMeeting:
    def test_a_meeting_notice_states_the_three_essentials(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: meeting_notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于召开安全生产工作会议的通知\n"
            "body: 定于近期召开会议。\n"
            "date: 2025-04-01\n"
        )
        assert findings(path) == [
            "spec.yml:1:1: 会议通知必须写会议三要素：请加上 meeting，写明 time（时间）、place（地点）和 attendees（参会人员）",
        ]

    def test_a_missing_place_is_reported_by_the_loader(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: meeting_notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于召开安全生产工作会议的通知\n"
            "body: 定于近期召开会议。\n"
            "meeting:\n"
            "  time: 4月8日上午9:00\n"
            "  attendees: 各街道分管负责同志\n"
            "date: 2025-04-01\n"
        )
        assert findings(path) == ["spec.yml:6:3: 缺少必填字段“place”（地点）：请补上，例如“place: …”"]

    def test_a_meeting_in_a_notice_is_ignored_with_a_warning(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: 正文。\n"
            "meeting:\n"
            "  time: 4月8日上午9:00\n"
            "  place: 常务会议室\n"
            "  attendees: 各街道分管负责同志\n"
            "date: 2025-04-01\n"
        )
        assert findings(path) == [
            "spec.yml:5:1: 警告：meeting 只用于会议通知和纪要，通知中不会印出：可删去，或把会议事项写进正文",
        ]


class TestTitleAndMark:
    @pytest.mark.parametrize(("kind", "title", "expected"), [
        ("notice", "汛期值班工作安排",
         "spec.yml:3:8: 警告：标题缺少文种“通知”：标题由发文机关、事由和文种组成，例如“（发文机关）关于……的通知”（GB/T 9704 §7.3.1）"),
        ("letter", "关于商请协助的通知",
         "spec.yml:3:8: 标题的文种是“通知”，而 type 是 letter（函）：标题应以“函”结尾，或把 type 改成对应文种（GB/T 9704 §7.3.1）"),
        ("report", "关于汛期工作的情况",
         "spec.yml:3:8: 警告：标题缺少文种“报告”：标题由发文机关、事由和文种组成，例如“（发文机关）关于……的报告”（GB/T 9704 §7.3.1）"),
        ("minutes", "区政府第12次常务会议",
         "spec.yml:3:8: 警告：标题缺少文种“纪要”：标题由发文机关、事由和文种组成，例如“区政府第12次常务会议纪要”（GB/T 9704 §7.3.1）"),
    ])
    def test_the_title_ends_in_the_document_type(
        self, spec_file: Spec, kind: str, title: str, expected: str
    ) -> None:
        signer = "signer: 林振华\n" if kind == "report" else ""
        path = spec_file(f"type: {kind}\nissuer: 青禾区人民政府办公室\ntitle: {title}\nbody: 正文。\n{signer}date: 2025-04-01\n")
        assert findings(path) == [expected]

    def test_a_title_ends_without_punctuation(self, spec_file: Spec) -> None:
        path = spec_file("type: notice\nissuer: 青禾区人民政府办公室\ntitle: 关于做好汛期值班工作的通知。\nbody: 正文。\n"
                         "date: 2025-04-01\n")
        assert findings(path) == ["spec.yml:3:8: 标题末尾不加标点：删去“。”"]

    def test_the_minutes_mark_ends_in_jiyao(self, spec_file: Spec) -> None:
        path = spec_file("type: minutes\nissuer: 青禾区人民政府办公室\nmark: 青禾区人民政府文件\n"
                         "title: 区政府第12次常务会议纪要\nbody: 正文。\ndate: 2025-04-01\n")
        assert findings(path) == [
            "spec.yml:3:7: 警告：纪要标志应由“XXXXX纪要”组成（GB/T 9704 §9.3），而不是“青禾区人民政府文件”",
        ]


def test_attachment_names_have_no_book_marks_final_punctuation_or_numbers(spec_file: Spec) -> None:
    path = spec_file(
        "type: notice\n"
        "issuer: 青禾区人民政府办公室\n"
        "title: 关于做好汛期值班工作的通知\n"
        "body: 正文。\n"
        "attachments:\n"
        "  - 《汛期值班表》\n"
        "  - 值班人员名单。\n"
        "  - 1.联系方式\n"
        "date: 2025-04-18\n"
    )
    assert findings(path) == [
        "spec.yml:6:5: 附件名称不加书名号：写成“汛期值班表”",
        "spec.yml:7:5: 附件名称后不加标点符号：删去末尾的“。”",
        "spec.yml:8:5: 附件顺序号会自动编排：删去开头的“1.”",
    ]


class TestHeadings:
    def test_levels_are_not_skipped_and_each_problem_points_at_its_line(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: |\n"
            "  总体说明。\n"
            "\n"
            "  # 一、总体要求\n"
            "\n"
            "  ### 值班人员\n"
            "\n"
            "  ##### 太深\n"
            "\n"
            "  #\n"
            "date: 2025-04-18\n"
        )
        assert findings(path) == [
            "spec.yml:7:3: 警告：标题会自动编号（一、（一）1.（1）），不必手写“一、”：已自动去掉",
            "spec.yml:9:3: 标题跳级：“###”（三级标题）不能紧跟在“#”（一级标题）之后，中间缺少“##”",
            "spec.yml:11:3: 标题最多四级（# 到 ####）：这里用了 5 个“#”",
            "spec.yml:13:3: “#”后面没有标题文字：请写上标题，或删去这一行",
        ]

    def test_the_first_heading_is_level_one(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            "body: |\n"
            "\n"
            "  前言。\n"
            "  ## 值班安排\n"
            "date: 2025-04-18\n"
        )
        assert findings(path) == ["spec.yml:7:3: 正文的第一个标题应从“#”（一级标题）开始，这里是“##”（二级标题）"]

    def test_a_quoted_body_is_searched_for_the_heading(self, spec_file: Spec) -> None:
        path = spec_file(
            "type: notice\n"
            "issuer: 青禾区人民政府办公室\n"
            "title: 关于做好汛期值班工作的通知\n"
            'body: "总体说明。\\n\\n### 值班人员"\n'
            "date: 2025-04-18\n"
        )
        assert findings(path) == ["spec.yml:4:17: 正文的第一个标题应从“#”（一级标题）开始，这里是“###”（三级标题）"]


def test_strict_turns_warnings_into_errors_and_writes_nothing(spec_file: Spec) -> None:
    path = spec_file("type: notice\nissuer: 青禾区人民政府办公室\ntitle: 汛期值班工作安排\nbody: 正文。\ndate: 2025-04-01\n")
    assert findings(path, strict=True) == [
        "spec.yml:3:8: 标题缺少文种“通知”：标题由发文机关、事由和文种组成，例如“（发文机关）关于……的通知”（GB/T 9704 §7.3.1）"]
