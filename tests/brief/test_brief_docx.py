"""The pack as a reader opens it: save, reopen with python-docx, check what is written where."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.brief.pack import make_pack
from generator.brief.plan import plan_brief
from generator.brief.render import render_pack
from generator.documents import layout
from generator.load import load_content
from generator.model.records import Attendee, Event
from tests.brief.helpers import BARE_EVENT, docx_text, wordart_names, write_event


def _write(root: Path, event: Path, out: Path, audience: str = "internal") -> Path:
    out.write_bytes(render_pack(make_pack(event, root, audience, today=date(2025, 6, 1))))
    return out


@pytest.fixture
def internal_pack(brief_root: Path, reception_event: Path, tmp_path: Path) -> Path:
    return _write(brief_root, reception_event, tmp_path / "internal.docx")


@pytest.fixture
def restricted_pack(brief_root: Path, reception_event: Path, tmp_path: Path) -> Path:
    return _write(brief_root, reception_event, tmp_path / "restricted.docx", "restricted")


def test_the_pack_has_the_parts_in_order(internal_pack: Path) -> None:
    document = docx.Document(str(internal_pack))
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["三要素和来宾方联系人", "接到任务先“三问”", "对照工作规范逐项检查", "以往问题，这次不再发生",
                        "时间节点（三个三分之二）", "主席台座次"]
    titles = [p.text for p in document.paragraphs if p.style.name == "公文标题"]
    assert titles == ["市商务局调研组来区调研", "事前安排会材料"]
    assert document.paragraphs[0].text.startswith("内部资料")


def test_the_page_is_gb_t_9704(internal_pack: Path) -> None:
    section = docx.Document(str(internal_pack)).sections[0]
    stored = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    wanted = [layout.PAGE_WIDTH, layout.PAGE_HEIGHT, layout.TOP_MARGIN, layout.LEFT_MARGIN]
    assert [layout.twips(length or 0) for length in stored] == [layout.twips(length) for length in wanted]


def test_past_fixes_with_review_title_and_date(internal_pack: Path) -> None:
    text = docx_text(internal_pack)
    for marker in ("FIX-R1A", "FIX-R1B", "FIX-R2A", "FIX-R3A"):
        assert marker in text
    assert "出处：《市督查组来区督查接待总结》，2024年8月2日" in text
    # the same problem in two reviews is one entry naming both, the newer fix first, the older one after
    assert "出处：《市督查组来区督查接待总结》，2024年8月2日；《全区经济工作会议会务总结》，2023年5月26日" in text
    assert "以往的改进办法：FIX-R2A 会务交接单包含替会名单和席卡清单" in text
    assert "当时没有写改进办法" in text  # the problem without a fix is flagged
    for absent in ("FIX-UNRELATED", "FIX-FUTURE", "FIX-RESTRICTED", "RESTRICTED-", "HABIT-", "CHK-UNRELATED",
                   "CHK-RESTRICTED", "限定范围"):
        assert absent not in text


def test_recurring_groups_and_open_actions(internal_pack: Path) -> None:
    text = docx_text(internal_pack)
    assert re.search(r"□ “[^”]+”：在2份总结中出现2次（2024年8月2日、2023年5月26日），见下文第\d条。", text)
    assert "反复出现：在2份总结中出现2次，以往的整改没有管住" in text
    assert "ACT-OVERDUE 修订接待方案模板 | 张三（秘书一科） | 2025年5月1日 | 已逾期 |" in text
    assert "ACT-OPEN 建立陪同人员提前一天确认机制 | 李四（秘书一科） | 2025年12月31日 | 未完成 |" in text
    assert "ACT-DONE" not in text


def test_checklists_and_three_questions(internal_pack: Path) -> None:
    text = docx_text(internal_pack)
    assert "□ CHK-G1A 接待级别和标准已问清" in text
    assert "□ CHK-G2 席卡姓名逐字核对" in text
    assert "☑ 一问：接待规格和标准（决定场地和经费）——已明确：市级" in text


def test_deadlines_in_the_table(internal_pack: Path) -> None:
    text = docx_text(internal_pack)
    assert "共9天，前三分之二为6天" in text
    assert "遇节假日：6月7日是星期六，提前到此前最后一个工作日6月6日（星期五）（宁早勿晚）。" in text
    assert "2025年6月6日（星期五） | 讲话稿送审截止 |" in text
    assert "2025年6月6日（星期五） | 筹备就绪截止 |" in text
    assert "2025年6月6日（星期五） | 一看：收到没有 |" in text
    assert "星期六 |" not in text and "星期日 |" not in text
    assert "2025年6月10日（星期二） 9:00 | 会前复核席卡 |" in text


def test_seating_table_and_one_name_card_per_attendee(internal_pack: Path) -> None:
    document = docx.Document(str(internal_pack))
    seating = document.tables[-4]  # the seating chart, then one table per name card
    assert seating.rows[0].cells[0].text == "主席台（就座领导面向台下）"
    assert [c.text for c in seating.rows[1].cells] == ["位次", "3号", "1号", "2号"]
    assert [c.text for c in seating.rows[2].cells] == ["姓名", "陈德安", "林振华", "沈晓岚"]
    # each card: the name twice, the upper one upside down
    assert wordart_names(internal_pack) == ["林振华"] * 2 + ["沈晓岚"] * 2 + ["陈德安"] * 2
    cards = document.sections[-1]
    assert cards.orientation == WD_ORIENT.LANDSCAPE
    xml = document.element.xml
    assert xml.count("rotation:180") == 3


def test_missing_essentials_are_flagged_in_red(brief_root: Path, tmp_path: Path) -> None:
    out = _write(brief_root, write_event(tmp_path, BARE_EVENT), tmp_path / "bare.docx")
    text = docx_text(out)
    assert "地点 | 【缺】没有写地点" in text
    assert "出席人员 | 【缺】没有列出出席人员" in text
    assert "【注意】时间：只写了日期，没有写具体时刻" in text
    assert "□ 一问：接待规格和标准（决定场地和经费）——接待规格和标准待问清" in text
    assert "事件文件没有列出出席人员，无法排座次和制作席卡" in text
    document = docx.Document(str(out))
    warnings = [r for p in document.paragraphs for r in p.runs if r.style.name == "警示"]
    assert warnings and all(r.style.font.color.rgb == layout.RED for r in warnings)
    assert wordart_names(out) == []


def test_restricted_pack_adds_habits_and_restricted_reviews(restricted_pack: Path) -> None:
    text = docx_text(restricted_pack)
    assert text.startswith("限定范围")
    assert "出席领导习惯备忘（限定范围）" in text
    assert "HABIT-DIET 饮食清淡，不吃辣" in text and "HABIT-WORK" in text
    assert "HABIT-OTHER" not in text  # 王五 does not attend
    assert "RESTRICTED-PROBLEM" in text and "FIX-RESTRICTED" in text
    assert "《市领导调研服务保障总结》，2024年10月15日（限定范围）" in text
    assert "CHK-RESTRICTED" in text


def test_a_long_head_table_becomes_a_list_and_odd_names_survive(brief_root: Path, tmp_path: Path) -> None:
    names = ["A&B <甲>", '乙"引号"', "阿不都热合曼·买买提艾力", *[f"人员{i}" for i in range(4, 16)]]
    attendees = "".join(f"  - name: '{name}'\n    rank: {rank}\n" for rank, name in enumerate(names, start=1))
    event = write_event(tmp_path, BARE_EVENT + "attendees:\n" + attendees)
    out = _write(brief_root, event, tmp_path / "long.docx")
    text = docx_text(out)
    assert "共15个座位，一行画不下" in text
    assert "第8座 | 1号 | A&B <甲> |" in text  # 15 seats: No. 1 in the eighth, the centre one
    assert wordart_names(out) == [name for name in names for _ in range(2)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=12)
                      .map(str.strip).filter(bool), min_size=1, max_size=4))
def test_any_attendee_names_give_a_document_that_opens(brief_root: Path, tmp_path: Path, names: list[str]) -> None:
    attendees = [Attendee(name=name, rank=rank) for rank, name in enumerate(names, start=1)]
    event = Event(title="测试", type="会议", date="2025-06-10", assigned=date(2025, 6, 1), attendees=attendees)
    pack = plan_brief(event, load_content(brief_root), today=date(2025, 6, 1))
    out = tmp_path / "fuzz.docx"
    out.write_bytes(render_pack(pack))
    assert wordart_names(out) == [name for name in names for _ in range(2)]
