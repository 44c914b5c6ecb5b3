"""Draw a planned briefing pack (generator/brief/plan.py) as a GB/T 9704 .docx.

The page setup, the body, title, heading and table styles come from the documents stage
(generator/documents/styles.py); the few styles only a briefing pack needs are added here as named
Word styles too, so a clerk who edits the pack keeps its look.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.brief.cards import NAME_FONT, add_name_card, start_card_section
from generator.brief.lessons import MAX_ACTIONS, MAX_FULL, Lessons, PastProblem, RecurringGroup
from generator.brief.plan import Pack, chinese_date_weekday
from generator.brief.seating import Seating
from generator.documents import layout
from generator.documents.ooxml import set_char_indents, set_fonts, set_snap_to_grid
from generator.documents.styles import (
    BODY,
    LABEL,
    TABLE_HEADER,
    TABLE_TEXT,
    add_blank_lines,
    add_body,
    add_heading,
    add_page_break,
    add_table,
    add_title,
    new_document,
)
from generator.documents.wording import chinese_date
from generator.model.records import AUDIENCE_NAMES

# ------------------------------------------------------------------ styles only a briefing pack needs
MARKING = "材料标识"  # 黑体 top-left: 内部资料 / 限定范围
SUBTITLE = "材料副标题"  # 楷体 centred under the title
CHECK_ITEM = "检查项"  # “□ …” with the box hanging in the margin of the text
WARNING = "警示"  # character style: red 黑体 for anything missing or overdue
NAME_CARD = "席卡姓名"

OPEN_BOX = "□"
TICKED_BOX = "☑"
MAX_CHART_SEATS = 11  # more seats than this do not fit across 156 mm legibly
SEVERITY_NAMES = {"高": "严重程度高", "中": "严重程度中", "低": "严重程度低"}
MAX_SOURCES = 5  # lines under one recurring problem; the rest are counted
MAX_EARLIER_FIXES = 2  # fixes of earlier occurrences printed under a recurring problem
MAX_TEXT = 90  # characters of a cause or fix printed in the pack (about three lines)


def _add_styles(document: Document) -> None:
    styles = document.styles
    marking = styles.add_style(MARKING, WD_STYLE_TYPE.PARAGRAPH)
    marking.base_style = styles[BODY]
    set_fonts(marking.element.get_or_add_rPr(), layout.HEITI, layout.LATIN)
    set_char_indents(marking.element.get_or_add_pPr(), char_width=layout.CHAR_WIDTH)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    subtitle = styles.add_style(SUBTITLE, WD_STYLE_TYPE.PARAGRAPH)
    subtitle.base_style = styles[BODY]
    set_fonts(subtitle.element.get_or_add_rPr(), layout.KAITI, layout.LATIN)
    set_char_indents(subtitle.element.get_or_add_pPr(), char_width=layout.CHAR_WIDTH)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    item = styles.add_style(CHECK_ITEM, WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = styles[BODY]
    # the box sits two characters in; wrapped lines align with the text after the box
    set_char_indents(item.element.get_or_add_pPr(), left=layout.BODY_INDENT_CHARS + 1.5, hanging=1.5,
                     char_width=layout.CHAR_WIDTH)

    warning = styles.add_style(WARNING, WD_STYLE_TYPE.CHARACTER)
    set_fonts(warning.element.get_or_add_rPr(), layout.HEITI, layout.LATIN)
    warning.font.color.rgb = layout.RED

    card = styles.add_style(NAME_CARD, WD_STYLE_TYPE.PARAGRAPH)
    card.base_style = styles[BODY]
    set_fonts(card.element.get_or_add_rPr(), NAME_FONT, layout.LATIN)
    set_char_indents(card.element.get_or_add_pPr(), char_width=layout.CHAR_WIDTH)
    set_snap_to_grid(card.element.get_or_add_pPr(), False)
    card.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


# ------------------------------------------------------------------ small writers
def _labelled(document: Document, label: str, text: str, style: str = BODY) -> Paragraph:
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(label, style=LABEL)
    paragraph.add_run(text)
    return paragraph


def _warning(document: Document, text: str, style: str = BODY) -> Paragraph:
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(f"【注意】{text}", style=WARNING)
    return paragraph


def _check(document: Document, text: str, *, done: bool = False, note: str | None = None,
           note_is_warning: bool = False) -> Paragraph:
    paragraph = document.add_paragraph(style=CHECK_ITEM)
    paragraph.add_run(f"{TICKED_BOX if done else OPEN_BOX} {text}")
    if note:
        paragraph.add_run(f"——{note}", style=WARNING if note_is_warning else None)
    return paragraph


def _table(document: Document, rows: Sequence[Sequence[str]], widths_mm: Sequence[float]) -> Table:
    widths = [Length(Mm(w)) for w in widths_mm]
    return add_table(document, rows, widths=widths)


def _mark_cell(table: Table, row: int, column: int, *, warning: bool = False, bold: bool = False) -> None:
    for run in table.cell(row, column).paragraphs[0].runs:
        if warning:
            run.style = WARNING
        if bold:
            run.bold = True


# ------------------------------------------------------------------ sections
def _front(document: Document, pack: Pack) -> None:
    marking = "限定范围　仅限直接服务人员阅知" if pack.restricted else f"{AUDIENCE_NAMES[pack.audience]}资料　注意保管"
    document.add_paragraph(marking, style=MARKING)
    add_title(document, f"{pack.event.title}")
    add_title(document, "事前安排会材料")
    document.add_paragraph(f"{pack.organisation}　{chinese_date(pack.prepared)}", style=SUBTITLE)
    add_blank_lines(document, 1)
    for text in pack.warnings:
        _warning(document, text)


def _essentials(document: Document, pack: Pack) -> None:
    add_heading(document, "三要素和来宾方联系人", 1)
    rows = [["项目", "内容"]] + [[e.label, e.value or f"【缺】{e.warning}"] for e in pack.essentials]
    table = _table(document, rows, (36, 120))
    for index, essential in enumerate(pack.essentials, start=1):
        if essential.value is None:
            _mark_cell(table, index, 1, warning=True)
    for essential in pack.essentials:
        if essential.value is not None and essential.warning:
            _warning(document, f"{essential.label}：{essential.warning}")


def _questions(document: Document, pack: Pack) -> None:
    add_heading(document, "接到任务先“三问”", 1)
    for question in pack.questions:
        text = f"{question.label}（{question.purpose}）"
        if question.answered:
            _check(document, text, done=True, note=f"已明确：{question.answer}")
        else:
            note = f"{question.missing}" + (f"（已知：{question.answer}）" if question.answer else "")
            _check(document, text, note=note, note_is_warning=True)


def _guidelines(document: Document, pack: Pack) -> None:
    add_heading(document, "对照工作规范逐项检查", 1)
    if not pack.guidelines:
        add_body(document, "没有适用于本次事件类型或标签的工作规范。")
        return
    for guideline in pack.guidelines:
        add_heading(document, guideline.title, 2)
        _labelled(document, "适用原因：", guideline.reason)
        for rule in guideline.rules:
            add_heading(document, rule.title, 3)
            for entry in rule.items:
                _check(document, entry)


def _entry(document: Document, entry: RecurringGroup) -> None:
    """One problem in full: the newest wording, its cause and fix, and every review it happened in."""
    lead = entry.lead
    problem = lead.problem
    heading = add_heading(document, f"{problem.what}", 3)
    heading.add_run(f"（{SEVERITY_NAMES[problem.severity]}）", style=WARNING if problem.severity == "高" else None)
    if entry.recurring:
        _warning(document, f"反复出现：在{entry.review_count}份总结中出现{len(entry.members)}次，以往的整改没有管住")
    if problem.cause:
        _labelled(document, "原因：", _shortened(problem.cause))
    if problem.fix:
        _labelled(document, "改进办法：", _shortened(problem.fix))
    else:
        _warning(document, "当时没有写改进办法：请在本次安排会上明确怎么防止")
    earlier_fixes = [m.problem.fix for m in _by_date(entry.members) if m is not lead and m.problem.fix]
    earlier_fixes = [fix for fix in dict.fromkeys(earlier_fixes) if fix != problem.fix]
    if earlier_fixes:
        _labelled(document, "以往的改进办法：", "；".join(map(_shortened, earlier_fixes[:MAX_EARLIER_FIXES])))
    _labelled(document, "出处：", "；".join(_sources(entry.members)))


def _shortened(text: str) -> str:
    """A cause or fix as the pack prints it: at most MAX_TEXT characters, the full text is on the site."""
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT].rstrip("，。；、") + "……（全文见该总结）"


def _sources(members: list[PastProblem]) -> list[str]:
    """Each review once, newest first, with how many times it names the problem when more than once."""
    counts = Counter(member.source for member in members)
    texts = []
    for source in dict.fromkeys(member.source for member in _by_date(members)):
        marker = "（限定范围）" if source.restricted else ""
        times = f"（{counts[source]}处）" if counts[source] > 1 else ""
        texts.append(f"《{source.title}》，{chinese_date(source.date)}{marker}{times}")
    return texts


def _by_date(members: list[PastProblem]) -> list[PastProblem]:
    return sorted(members, key=lambda m: (m.source.date, m.source.id), reverse=True)


def _lessons(document: Document, lessons: Lessons, pack: Pack) -> None:
    add_heading(document, "以往问题，这次不再发生", 1)
    if not lessons.sources:
        add_body(document, f"没有找到本次之前、同为“{pack.event.type}”或有共同标签的事后总结。")
        return
    add_body(document, f"以下来自{len(lessons.sources)}份同类型或有共同标签的事后总结，共{len(lessons.problems)}个问题，"
                       f"同一问题合并为一条，共{len(lessons.entries)}条，按与本次事件的相关程度排列。")
    add_heading(document, "反复出现的问题", 2)
    recurring = lessons.recurring
    if not recurring:
        add_body(document, "这些总结中没有在两次以上出现的同类问题。")
    numbers = {id(entry): number for number, entry in enumerate(lessons.shown, start=1)}
    for group in recurring[:MAX_FULL]:
        days = "、".join(dict.fromkeys(chinese_date(m.source.date) for m in _by_date(group.members)[:MAX_SOURCES]))
        where = f"见下文第{numbers[id(group)]}条" if id(group) in numbers else "相关程度较低，未逐条列出"
        paragraph = document.add_paragraph(style=CHECK_ITEM)
        paragraph.add_run(f"{OPEN_BOX} ")
        paragraph.add_run(f"“{group.label}”", style=LABEL)
        paragraph.add_run(f"：在{group.review_count}份总结中出现{len(group.members)}次", style=WARNING)
        paragraph.add_run(f"（{days}{'等' if len(group.members) > MAX_SOURCES else ''}），{where}。")
    if len(recurring) > MAX_FULL:
        add_body(document, f"另有{len(recurring) - MAX_FULL}类反复出现的问题，相关程度较低，未逐条列出。")
    add_heading(document, "最需要注意的问题和改进办法", 2)
    for entry in lessons.shown:
        _entry(document, entry)
    if lessons.not_shown:
        _more(document, lessons, pack)
    _open_actions(document, lessons)


def _more(document: Document, lessons: Lessons, pack: Pack) -> None:
    """Count the entries not printed and say where they are listed."""
    rest = lessons.not_shown
    reviews = len({m.source.id for entry in rest for m in entry.members})
    add_body(
        document,
        f"其余{len(rest)}条问题（来自{reviews}份总结）相关程度较低，不再逐条列出。查看全文：打开手册网站“事后总结”栏目，"
        f"按类型“{pack.event.type}”或标签查阅；或在手册目录中运行：",
    )
    add_body(document, f"handbook search {lessons.query} --kind review")


def _open_actions(document: Document, lessons: Lessons) -> None:
    add_heading(document, "尚未完成的整改事项", 2)
    if not lessons.open_actions:
        add_body(document, "相关总结中的整改事项都已完成。")
        return
    rows = [["整改事项", "责任人", "期限", "状态", "出处"]]
    shown = lessons.open_actions[:MAX_ACTIONS]
    for open_action in shown:
        action = open_action.action
        rows.append([
            action.what,
            action.owner or "未写明",
            chinese_date(action.due) if action.due else "未写明",
            "已逾期" if open_action.overdue else "未完成",
            f"《{open_action.source.title}》{chinese_date(open_action.source.date)}",
        ])
    table = _table(document, rows, (44, 26, 30, 18, 38))
    for index, open_action in enumerate(shown, start=1):
        if open_action.overdue:
            _mark_cell(table, index, 3, warning=True)
        if not open_action.action.owner:
            _mark_cell(table, index, 1, warning=True)
    rest = len(lessons.open_actions) - len(shown)
    if rest > 0:
        add_body(document, f"另有{rest}项未完成的整改事项，运行 handbook actions --open 列出全部（整改台账）。")


def _deadlines(document: Document, pack: Pack) -> None:
    add_heading(document, "时间节点（三个三分之二）", 1)
    schedule = pack.schedule
    if schedule is None:
        _warning(document, "无法计算时限：活动日期已过，事件文件也没有写接到任务日期（assigned）")
        return
    add_body(
        document,
        f"从接到任务（{chinese_date(schedule.assigned)}）到活动（{chinese_date(schedule.event_day)}）共{schedule.lead_days}天，"
        f"前三分之二为{((schedule.rule_day or schedule.two_thirds) - schedule.assigned).days}天（不足一天的舍去，宁早勿晚）。"
        f"讲话稿送审和筹备就绪都在{chinese_date_weekday(schedule.two_thirds)}下班前完成，余下时间用于审改、踩点和应对变化。",
    )
    for note in schedule.notes:
        _labelled(document, "遇节假日：", f"{note}（宁早勿晚）。")
    rows = [["日期", "事项", "要求"]]
    for reminder in schedule.reminders:
        when = chinese_date_weekday(reminder.day) + (f" {reminder.time}" if reminder.time else "")
        rows.append([when, reminder.label, reminder.detail])
    table = _table(document, rows, (44, 40, 72))
    for index, reminder in enumerate(schedule.reminders, start=1):
        if reminder.key:
            _mark_cell(table, index, 0, bold=True)
            _mark_cell(table, index, 1, bold=True)


def _seating(document: Document, seating: Seating) -> None:
    add_page_break(document)
    add_heading(document, "主席台座次", 1)
    if not seating.seats:
        _warning(document, "事件文件没有列出出席人员，无法排座次和制作席卡")
        return
    add_body(document, "居中为上，以左为上（以就座领导的朝向为准）：1号居中，2号在1号左手，3号在1号右手，依次向两侧排开；"
                       "人数为双数时，1号、2号同在居中的两个座位，2号仍在1号左手。下图是从台下观众席看过去的样子。")
    count = len(seating.seats)
    if count > MAX_CHART_SEATS:
        _seating_list(document, seating)
        return
    first = 18.0
    width = (156 - first) / count
    rows = [
        ["主席台", *[""] * count],
        ["位次", *[f"{seat.order}号" for seat in seating.seats]],
        ["姓名", *[seat.name for seat in seating.seats]],
        ["职务", *[seat.title or "" for seat in seating.seats]],
    ]
    table = _table(document, rows, [first, *[width] * count])
    header = table.cell(0, 0).merge(table.cell(0, count))
    header.paragraphs[0].text = "主席台（就座领导面向台下）"
    for paragraph in header.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    for row in (1, 2, 3):
        table.cell(row, 0).paragraphs[0].style = document.styles[TABLE_HEADER]
        for column in range(1, count + 1):
            paragraph = table.cell(row, column).paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = row == 2
                if count > 5:
                    run.font.size = Pt(12)
    for column, seat in enumerate(seating.seats, start=1):
        if seat.order == 1:
            _mark_cell(table, 1, column, warning=True)
    direction = document.add_paragraph(style=TABLE_TEXT)
    direction.alignment = WD_ALIGN_PARAGRAPH.CENTER
    direction.add_run("↑　台下观众席　↑")
    note = document.add_paragraph(style=TABLE_TEXT)
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.add_run("图左是观众的左手、领导的右手；图右是观众的右手、领导的左手")
    for text in seating.warnings:
        _warning(document, text)
    add_body(document, "位次：" + "；".join(
        f"{a.name}{'（' + a.title + '）' if a.title else ''}" for a in seating.ranked
    ) + "。席卡附后，每页一张，按此顺序排列；沿虚线对折，正面朝向台下。")


def _seating_list(document: Document, seating: Seating) -> None:
    """More seats than fit across the page: one row per seat, from the audience's left."""
    add_body(document, f"共{len(seating.seats)}个座位，一行画不下，按从台下看自左至右的顺序列出：")
    rows = [["座位（台下看自左至右）", "位次", "姓名", "职务"]]
    rows += [[f"第{seat.position}座", f"{seat.order}号", seat.name, seat.title or ""] for seat in seating.seats]
    table = _table(document, rows, (48, 22, 36, 50))
    for index, seat in enumerate(seating.seats, start=1):
        if seat.order == 1:
            _mark_cell(table, index, 1, warning=True)
    for text in seating.warnings:
        _warning(document, text)


def _habits(document: Document, pack: Pack) -> None:
    add_page_break(document)  # on pages of their own, so they can be handed only to those who serve
    add_heading(document, "出席领导习惯备忘（限定范围）", 1)
    _warning(document, "以下是个人信息，仅限直接服务人员知悉，不得复制、转发或外传。")
    if not pack.habits:
        add_body(document, "出席人员中没有记录习惯备忘的领导。")
        return
    for note in pack.habits:
        add_heading(document, f"{note.person}{'（' + note.role + '）' if note.role else ''}", 2)
        for label, entries in note.sections:
            _labelled(document, f"{label}：", "；".join(entries))
        if note.notes:
            _labelled(document, "备注：", note.notes)
        _labelled(document, "核实日期：", chinese_date(note.updated))


def _name_cards(document: Document, pack: Pack) -> None:
    if not pack.seating.ranked:
        return
    start_card_section(document)
    for index, attendee in enumerate(pack.seating.ranked):
        add_name_card(document, attendee, NAME_CARD, shape_id=1000 + index, first=index == 0)


# ------------------------------------------------------------------ the pack
def brief_document(pack: Pack) -> Document:
    """Lay out the whole pack: front, seven parts in the order of the issue, then the name cards."""
    document = new_document()
    _add_styles(document)
    _front(document, pack)
    _essentials(document, pack)
    _questions(document, pack)
    _guidelines(document, pack)
    _lessons(document, pack.lessons, pack)
    _deadlines(document, pack)
    if pack.restricted:
        _habits(document, pack)
    _seating(document, pack.seating)
    _name_cards(document, pack)
    document.core_properties.title = f"{pack.event.title}事前安排会材料"
    document.core_properties.author = pack.organisation
    return document


def render_pack(pack: Pack) -> bytes:
    """Return the .docx file of a briefing pack as bytes (written atomically by the command)."""
    buffer = io.BytesIO()
    brief_document(pack).save(buffer)
    return buffer.getvalue()
