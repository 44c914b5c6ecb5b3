"""The proofreading rules one by one: a small spec each, and the exact `path:line:column: message` a clerk sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.documents.test_documents_proofread import Spec, findings

ISSUER = "青禾区人民政府办公室"


def spec(body: str, *, kind: str = "notice", title: str = "关于做好汛期值班工作的通知", date: str = "2025-04-18",
         extra: str = "") -> str:
    """A spec whose body (a `|` block) starts on line 5: type, issuer, title, `body: |`, then the body."""
    lines = "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
    return f"type: {kind}\nissuer: {ISSUER}\ntitle: {title}\nbody: |\n{lines}{extra}date: {date}\n"


def request(body: str, *, to: str = "  - 青禾区人民政府\n", title: str = "关于增加值班人员的请示") -> str:
    return spec(body, kind="request", title=title, extra=f"signer: 陈德安\nto:\n{to}")


def report(body: str, *, to: str = "  - 青禾区人民政府\n") -> str:
    return spec(body, kind="report", title="关于汛期值班工作情况的报告", extra=f"signer: 陈德安\nto:\n{to}")


def check(spec_file: Spec, text: str) -> list[str]:
    return findings(spec_file(text))


class TestTitles:
    FULL = {"notice": "青禾区人民政府办公室关于做好汛期值班工作的通知",
            "meeting_notice": "青禾区人民政府办公室关于召开防汛工作会议的通知",
            "request": "青禾区人民政府办公室关于增加值班人员的请示",
            "report": "青禾区人民政府办公室关于汛期值班工作情况的报告",
            "minutes": "青禾区人民政府办公室第8次主任办公会议纪要",
            "letter": "青禾区人民政府办公室关于商请协助做好交通保障工作的函"}

    @pytest.mark.parametrize("kind", list(FULL))
    @pytest.mark.parametrize("form", ["full", "short"])
    def test_full_and_short_forms_are_both_correct(self, spec_file: Spec, kind: str, form: str) -> None:
        title = self.FULL[kind] if form == "full" else self.FULL[kind].removeprefix(ISSUER)
        body = "现将有关情况报告如下。\n\n妥否，请批示。" if kind == "request" else "现将有关事项通知如下。"
        extra = {"request": "signer: 陈德安\nto: [青禾区人民政府]\n", "report": "signer: 陈德安\nto: [青禾区人民政府]\n",
                 "meeting_notice": "meeting:\n  time: 2025年4月22日上午9:00\n  place: 第一会议室\n  attendees: 各部门负责同志\n"
                 }.get(kind, "")
        assert check(spec_file, spec(body, kind=kind, title=title, extra=extra)) == []

    def test_the_title_names_the_type_of_the_spec(self, spec_file: Spec) -> None:
        text = request("妥否，请批示。", title="关于增加值班人员的报告")
        assert check(spec_file, text) == [
            "spec.yml:3:8: 标题的文种是“报告”，而 type 是 request（请示）：标题应以“请示”结尾，或把 type 改成对应文种（GB/T 9704 §7.3.1）"]

    def test_request_and_report_are_not_one_type(self, spec_file: Spec) -> None:
        text = request("妥否，请批示。", title="关于增加值班人员的请示报告")
        assert check(spec_file, text) == [
            "spec.yml:3:8: 请示和报告是两个文种，标题不能写“请示报告”：要求批准的写“……的请示”，汇报工作的写“……的报告”"
            "（《党政机关公文处理工作条例》第八条）"]

    def test_the_de_before_the_type(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("正文。", title="关于做好汛期值班工作通知")) == [
            "spec.yml:3:8: 警告：标题的事由和文种之间缺少“的”：写成“关于……的通知”（GB/T 9704 §7.3.1）"]

    def test_the_issuer_in_a_full_title_is_the_specs_issuer(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("正文。", title="青禾区人民政府关于做好汛期值班工作的通知")) == [
            "spec.yml:3:8: 警告：标题中的发文机关“青禾区人民政府”与 issuer“青禾区人民政府办公室”不一致：请核对，"
            "或省去机关名称写成“关于……的通知”"]

    @pytest.mark.parametrize("named", ["区政府办公室", "青禾区政府办公室"])
    def test_a_standard_short_name_of_the_issuer_is_correct(self, spec_file: Spec, named: str) -> None:
        assert check(spec_file, spec("正文。", title=f"{named}关于做好汛期值班工作的通知")) == []

    def test_a_forwarding_title_names_another_office(self, spec_file: Spec) -> None:
        title = "青禾区人民政府办公室转发市财政局关于加强预算管理的通知"
        assert check(spec_file, spec("正文。", title=title)) == []


class TestDates:
    def test_the_weekday_in_brackets_matches_the_date(self, spec_file: Spec) -> None:
        text = spec("定于2025年4月22日（星期三）召开会议，4月23日（周三）报到。")
        assert check(spec_file, text) == ["spec.yml:5:15: 2025年4月22日是星期二，不是“（星期三）”：请核对日期和星期"]

    def test_a_date_without_a_year_is_read_near_the_document_date(self, spec_file: Spec) -> None:
        text = spec("春节值班表请于1月10日前报送，2026年1月5日（星期一）起恢复正常值班，1月6日（星期三）召开总结会。",
                    date="2025-12-19")
        assert check(spec_file, text) == ["spec.yml:5:45: 1月6日（2026年）是星期二，不是“（星期三）”：请核对日期和星期"]

    def test_a_deadline_is_not_before_the_document_date(self, spec_file: Spec) -> None:
        text = spec("请各单位于4月15日前将值班表报区政府总值班室。\n\n汛期值班表4月30日前报送，4月10日前已完成排查。")
        assert check(spec_file, text) == [
            "spec.yml:5:8: 期限“4月15日前”早于成文日期 2025-04-18：发文时期限已过，请核对期限或成文日期"]

    def test_recurring_and_next_year_deadlines_are_not_past(self, spec_file: Spec) -> None:
        text = spec("各单位每年3月10日前报送上年度总结，次年1月10日前报送值班表。")
        assert check(spec_file, text) == []

    def test_what_the_text_says_happened_is_not_after_the_document_date(self, spec_file: Spec) -> None:
        text = spec("2025年4月23日上午，区长林振华主持召开区政府第13次常务会议。现纪要如下。\n\n"
                    "会议要求于5月10日前完成整改。", kind="minutes", title="区政府第13次常务会议纪要")
        assert check(spec_file, text) == [
            "spec.yml:5:3: 正文说“2025年4月23日”的事已经发生，成文日期 2025-04-18 却在它之前：成文日期应在所述事项之后，请核对"]

    def test_minutes_are_dated_after_the_meeting(self, spec_file: Spec) -> None:
        extra = "meeting:\n  time: 2025年4月21日上午\n  place: 第二会议室\n  attendees: 顾国平、方卫东\n"
        text = spec("会议研究了防汛工作。", kind="minutes", title="区政府第5次专题会议纪要", extra=extra)
        assert check(spec_file, text) == ["spec.yml:7:9: 纪要的成文日期 2025-04-18 早于会议日期“2025年4月21日”：请核对"]

    def test_a_date_written_the_computer_way_is_named_by_its_field(self, spec_file: Spec) -> None:
        extra = "meeting:\n  time: 2025-04-22 14:30\n  place: 第二会议室\n  attendees: 各部门负责同志\n"
        text = spec("请准时参会。", kind="meeting_notice", title="关于召开防汛工作会议的通知", extra=extra)
        assert check(spec_file, text) == [
            "spec.yml:7:9: 警告：“time”（时间）中的日期“2025-04-22”应写成“×年×月×日”，例如 2025年4月1日"]

    def test_impossible_dates_without_a_year(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("自查阶段为9月1日至9月31日。")) == ["spec.yml:5:13: 日期“9月31日”不存在：请核对月份和日子"]


class TestAttachments:
    TWO = "attachments:\n  - 值班表\n  - 值班人员名单\n"
    ONE = "attachments:\n  - 值班表\n"

    def test_every_numbered_attachment_exists(self, spec_file: Spec) -> None:
        text = spec("值班安排见附件1，人员名单见附件3。", extra=self.TWO)
        assert check(spec_file, text) == ["spec.yml:5:17: 正文提到“附件3”，但附件只有 2 个：请核对附件顺序号"]

    def test_a_reference_needs_an_attachment(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("具体安排详见附件。")) == [
            "spec.yml:5:7: 正文提到附件（“详见附件”），但 attachments 中没有附件：请补上附件或改正文"]

    def test_several_attachments_are_referred_to_by_number(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("具体安排详见附件。", extra=self.TWO)) == [
            "spec.yml:5:7: 警告：附件有 2 个，“详见附件”没有说明是哪一个：写成“附件1”“附件2”等（GB/T 9704-2012 §7.3.4）"]

    def test_a_single_attachment_has_no_number(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("具体安排见附件1。", extra=self.ONE)) == [
            "spec.yml:5:8: 警告：只有一个附件时不编顺序号：“附件1”应写成“附件”（GB/T 9704-2012 §7.3.4）"]

    def test_attachment_numbers_are_arabic(self, spec_file: Spec) -> None:
        assert check(spec_file, spec("值班安排见附件一，人员名单见附件2。", extra=self.TWO)) == [
            "spec.yml:5:8: 警告：附件顺序号用阿拉伯数字：“附件一”应写成“附件1”（GB/T 9704-2012 §7.3.4）"]


class TestUpwardDocuments:
    def test_a_report_goes_to_one_office_as_a_rule(self, spec_file: Spec) -> None:
        text = report("现将有关情况报告如下。\n\n特此报告。", to="  - 青禾区人民政府\n  - 南屿市应急管理局\n")
        assert check(spec_file, text) == [
            "spec.yml:11:5: 警告：报告原则上只主送一个上级机关（现有 2 个）：其余机关请改为抄送（cc）（《党政机关公文处理工作条例》第十五条）"]

    def test_a_report_carries_no_request(self, spec_file: Spec) -> None:
        text = report("现将有关情况报告如下。\n\n下一步拟增设值班岗位2个，请予批准。\n\n妥否，请批示。")
        assert check(spec_file, text) == [
            "spec.yml:7:16: 报告中不得夹带请示事项（这里写了“请予批准”）：需要上级批准的事项请另行请示（《党政机关公文处理工作条例》第十五条）",
            "spec.yml:9:3: 报告中不得夹带请示事项（这里写了“妥否”）：需要上级批准的事项请另行请示（《党政机关公文处理工作条例》第十五条）",
        ]

    def test_a_request_ends_by_asking(self, spec_file: Spec) -> None:
        assert check(spec_file, request("现有值班人员4名，需增加2名。\n\n特此报告。")) == [
            "spec.yml:7:3: 警告：请示的结尾应写明请求，如“妥否，请批示。”或“以上请示，请予审批。”（《党政机关公文处理工作条例》第八条）"]

    def test_a_request_treats_one_matter(self, spec_file: Spec) -> None:
        text = request("现有值班人员4名，需增加2名。\n\n同时请示增加公务用车1台。\n\n妥否，请批示。")
        assert check(spec_file, text) == [
            "spec.yml:7:3: 警告：“同时请示”说明这份请示写了不止一件事：其他事项另行请示（《党政机关公文处理工作条例》第十五条：请示应当一文一事）"]

    def test_a_request_asks_once(self, spec_file: Spec) -> None:
        text = request("需增加值班人员2名。妥否，请批示。\n\n另需增加公务用车1台。\n\n妥否，请批示。")
        assert check(spec_file, text) == [
            "spec.yml:9:3: 警告：请示中有不止一处请求批示：一份请示只写一件事，其他事项另行请示（《党政机关公文处理工作条例》第十五条：请示应当一文一事）"]


class TestPunctuation:
    def test_half_width_marks_between_chinese_characters(self, spec_file: Spec) -> None:
        text = spec("各单位要高度重视,认真落实;值班人员须在岗:不得脱岗!是否落实?请报区政府.")
        assert check(spec_file, text) == [
            f"spec.yml:5:{column}: 中文里用了半角{name}“{half}”：应改为全角“{full}”（GB/T 15834-2011）"
            for column, name, half, full in [(11, "逗号", ",", "，"), (16, "分号", ";", "；"), (24, "冒号", ":", "："),
                                             (29, "叹号", "!", "！"), (34, "问号", "?", "？"), (40, "句号", ".", "。")]]

    def test_numbers_times_addresses_and_abbreviations_are_not_slips(self, spec_file: Spec) -> None:
        text = spec("沙袋3.5万只、救生衣2,600件，工作日8:30—17:30，比例尺1:500。\n\n"
                    "网址 https://www.qinghe.gov.cn/zwgk 或 www.qinghe.gov.cn，邮箱 jiedai@qinghe.gov.cn。\n\n"
                    "电话0591-86012345，PM2.5、GDP、APP、U.S.、e.g.均为英文缩写，课件用PPT,Excel等格式。")
        assert check(spec_file, text) == []

    def test_half_width_brackets_and_quotes_around_chinese(self, spec_file: Spec) -> None:
        text = spec('请假:方卫东(出差)。台风"海葵"影响期间实行双岗值班。')
        assert check(spec_file, text) == [
            "spec.yml:5:5: 中文里用了半角冒号“:”：应改为全角“：”（GB/T 15834-2011）",
            "spec.yml:5:9: 中文里用了半角括号“(出差)”：应改为全角“（出差）”（GB/T 15834-2011）",
            "spec.yml:5:16: 中文里用了半角引号：\"海葵\"应写成“海葵”（GB/T 15834-2011）",
        ]

    def test_brackets_quotes_and_book_marks_come_in_pairs(self, spec_file: Spec) -> None:
        text = spec("按照《青禾区会务工作规范要求，做到“事前有方案。\n\n会议（第二会议室召开。\n\n多了一个）括号，括号一半全角（一半半角)。")
        assert check(spec_file, text) == [
            "spec.yml:5:5: “《”没有与它配对的“》”：请补上或删去（GB/T 15834-2011）",
            "spec.yml:5:20: ““”没有与它配对的“””：请补上或删去（GB/T 15834-2011）",
            "spec.yml:7:5: “（”没有与它配对的“）”：请补上或删去（GB/T 15834-2011）",
            "spec.yml:9:7: 多了一个“）”，前面没有与它配对的“（”：请补上或删去（GB/T 15834-2011）",
            "spec.yml:9:17: 括号一半全角一半半角“（一半半角)”：应写成“（一半半角）”（GB/T 15834-2011）",
        ]

    def test_nested_quotes_and_marks_across_lines_of_a_paragraph(self, spec_file: Spec) -> None:
        text = spec("讲话稿须注明“已征求‘分管领导’意见”，按照《青禾区\n会务工作规范》执行。")
        assert check(spec_file, text) == []


class TestCitedDocuments:
    def test_title_first_then_number_in_brackets(self, spec_file: Spec) -> None:
        text = spec("根据青政办发〔2024〕7号《青禾区防汛应急预案》，按照《青禾区值班规定》青政办发〔2023〕5号执行。")
        assert check(spec_file, text) == [
            "spec.yml:5:5: 警告：引用公文先引标题，后引发文字号：写成“《标题》（青政办发〔2024〕7号）”"
            "（《国家行政机关公文处理办法》第二十三条：引用公文应当先引标题，后引发文字号）",
            "spec.yml:5:40: 警告：引用公文时发文字号加圆括号：写成“》（青政办发〔2023〕5号）”"
            "（《国家行政机关公文处理办法》第二十三条：引用公文应当先引标题，后引发文字号）",
        ]

    def test_one_document_is_cited_one_way(self, spec_file: Spec) -> None:
        text = spec("根据《青禾区防汛应急预案》（青政办发〔2024〕7号），现通知如下。\n\n"
                    "《青禾区防汛应急预案》（青政办发〔2024〕9号）规定的物资按期储备。\n\n"
                    "《青禾区值班规定》（青政办发〔2024〕7号）同时废止。")
        assert check(spec_file, text) == [
            "spec.yml:7:15: 同一文件《青禾区防汛应急预案》前后引了两个发文字号：第5行是“青政办发〔2024〕7号”，"
            "这里是“青政办发〔2024〕9号”，请核对后统一",
            "spec.yml:9:13: 同一发文字号“青政办发〔2024〕7号”前后对应两个标题：第5行是《青禾区防汛应急预案》，"
            "这里是《青禾区值班规定》，请核对后统一",
        ]

    def test_an_issuers_code_is_written_one_way(self, spec_file: Spec) -> None:
        text = spec("根据《青禾区防汛应急预案》（青政办发〔2024〕7号）和《青禾区值班规定》（青办政发〔2023〕5号），"
                    "落实青政发〔2024〕7号文件要求。")
        assert check(spec_file, text) == [
            "spec.yml:5:41: 警告：发文机关代字“青办政发”与第5行的“青政办发”用字相同、次序不同：请核对后统一",
            "spec.yml:5:57: 警告：“青政发〔2024〕7号”与第5行的“青政办发〔2024〕7号”年份、序号相同，代字只差一个字：若是同一文件，请统一代字",
        ]


class TestNamesAndNumbers:
    def test_a_name_in_the_text_differs_from_the_attendance_list(self, spec_file: Spec) -> None:
        text = spec("2025年4月16日上午，区长林振化主持召开区政府第13次常务会议。\n\n出席：林振华、沈晓岚、顾国平。",
                    kind="minutes", title="区政府第13次常务会议纪要")
        assert check(spec_file, text) == ["spec.yml:5:18: 警告：人名“林振化”与第7行的“林振华”只差一个字：同一人请统一写法"]

    def test_the_contact_named_in_the_text_is_the_meeting_contact(self, spec_file: Spec) -> None:
        extra = ("meeting:\n  time: 2025年4月22日上午9:00\n  place: 第一会议室\n  attendees: 各部门负责同志\n"
                 "  contact:\n    name: 孙浩\n    phone: 86012210\n")
        text = spec("请准时参会，会议联系人：孙皓。", kind="meeting_notice", title="关于召开防汛工作会议的通知", extra=extra)
        assert check(spec_file, text) == ["spec.yml:5:15: 警告：人名“孙皓”与第11行的“孙浩”只差一个字：同一人请统一写法"]

    def test_one_quantity_in_arabic_and_chinese_numerals(self, spec_file: Spec) -> None:
        text = spec("尚有缺口160万元。\n\n市级补助一百六十万元到位后专款专用。两个议题、2个方案不算两种写法。")
        assert check(spec_file, text) == [
            "spec.yml:7:7: 警告：同一数字两种写法：“一百六十万元”与第5行的“160万元”，请统一用阿拉伯数字"
            "（GB/T 15835-2011：同一文本中同类数字的写法应一致）"]

    def test_minutes_number_the_meeting_as_the_title_does(self, spec_file: Spec) -> None:
        text = spec("2025年4月16日上午，区长林振华主持召开区政府第12次常务会议。\n\n会议听取了第十三次常务会议议定事项落实情况。",
                    kind="minutes", title="区政府第13次常务会议纪要")
        assert check(spec_file, text) == [
            "spec.yml:5:28: 纪要标题是“第13次常务会议”，正文却写“第12次常务会议”召开：请核对会议届次",
            "spec.yml:7:8: 警告：同一数字两种写法：“第十三次”与第3行的“第13次”，请统一用阿拉伯数字"
            "（GB/T 15835-2011：同一文本中同类数字的写法应一致）",
        ]


def test_a_finding_inside_a_folded_or_quoted_body_points_at_its_line(spec_file: Spec) -> None:
    text = ("type: notice\nissuer: 青禾区人民政府办公室\ntitle: 关于做好汛期值班工作的通知\nbody: >\n"
            "  各单位要高度重视。\n  值班人员须在岗,不得脱岗。\nnote: \"联系人:杨立\"\ndate: 2025-04-18\n")
    assert check(spec_file, text) == [
        "spec.yml:6:10: 中文里用了半角逗号“,”：应改为全角“，”（GB/T 15834-2011）",
        "spec.yml:7:11: 中文里用了半角冒号“:”：应改为全角“：”（GB/T 15834-2011）",
    ]


def test_handbook_check_reports_what_handbook_doc_reports(tmp_path: Path) -> None:
    from tests.conftest import make_root, run_handbook

    text = request("需增加值班人员2名,请予支持。\n\n特此报告。", to="  - 青禾区人民政府\n  - 青禾区委编办\n")
    root = make_root(tmp_path / "handbook", {"content/documents/request.yml": text})
    expected = [
        "content/documents/request.yml:5:12: 中文里用了半角逗号“,”：应改为全角“，”（GB/T 15834-2011）",
        "content/documents/request.yml:7:3: 警告：请示的结尾应写明请求，如“妥否，请批示。”或“以上请示，请予审批。”（《党政机关公文处理工作条例》第八条）",
        "content/documents/request.yml:11:5: 请示只能主送一个机关（现有 2 个）：其余机关请改为抄送（cc）",
    ]
    checked = run_handbook("check", "--root", root)
    assert checked.code == 1
    assert checked.err.splitlines()[:3] == expected
    out = tmp_path / "request.docx"
    rendered = run_handbook("doc", root / "content/documents/request.yml", "-o", out, "--root", root)
    assert rendered.code == 1 and not out.exists()
    assert rendered.err.splitlines()[:3] == expected


ALPHABET = "，。：；！？、,.:;?!()（）《》“”‘’\"〔〕[]【】…0123456789年月日星期一二三十百附件第次号前于已请示报告妥否恳批准关于的通知林振华区长出席：\n #"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=ALPHABET, min_size=1, max_size=80), title=st.text(alphabet=ALPHABET[:60], max_size=20),
       kind=st.sampled_from(["notice", "request", "report", "minutes"]))
def test_any_text_is_proofread_without_a_crash_and_every_finding_is_inside_the_file(
    tmp_path: Path, body: str, title: str, kind: str
) -> None:
    from generator.documents import check_spec
    from generator.errors import Problems
    from generator.load import load_model
    from generator.model.records import Document

    lines = [json.dumps(line, ensure_ascii=False) for line in (body, title or "关于的通知")]
    text = f"type: {kind}\nissuer: 青禾区人民政府办公室\nsigner: 陈德安\ntitle: {lines[1]}\nbody: {lines[0]}\ndate: 2025-04-18\n"
    path = tmp_path / "fuzz.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_model(path, "fuzz.yml", Document, Problems())
    if loaded is None:
        return  # e.g. a body of spaces only: the loader reports it
    file_lines = text.splitlines()
    for finding in check_spec(loaded[0], loaded[1], path, "fuzz.yml"):
        assert 1 <= finding.line <= len(file_lines)
        assert 1 <= finding.column <= len(file_lines[finding.line - 1]) + 1
