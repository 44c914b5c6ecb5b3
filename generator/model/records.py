"""The one description of every record kind: validation, messages, JSON Schema and the manual's field tables.

Each field's ``title`` is its Chinese name (shown in messages and accepted as a did-you-mean hint);
its ``description`` says what to write. Models are strict: YAML's ``12`` is not a title and
``"12"`` is not a head count, so a clerk learns of a slip instead of getting a surprise.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Audience = Literal["public", "internal", "restricted"]
AUDIENCE_RANK: dict[str, int] = {"public": 0, "internal": 1, "restricted": 2}
AUDIENCE_NAMES: dict[str, str] = {"public": "公开", "internal": "内部", "restricted": "限定范围"}

ReviewType = Literal["接待", "会议", "活动", "应急", "办文", "其他"]
GuidelineCategory = Literal["接待", "会务", "办文", "办事", "财务", "保密", "安全", "其他"]
Severity = Literal["高", "中", "低"]
DocumentType = Literal["notice", "meeting_notice", "request", "report", "minutes", "letter"]
DOCUMENT_TYPE_NAMES: dict[str, str] = {
    "notice": "通知",
    "meeting_notice": "会议通知",
    "request": "请示",
    "report": "报告",
    "minutes": "纪要",
    "letter": "函",
}
Urgency = Literal["特急", "加急"]

# Enumerated values are also accepted in traditional characters and under common synonyms, and stored
# as the canonical value: the whole project treats both scripts as the same text. Only spellings that
# cannot mean anything else are listed (嚴重 is not 高, so it stays an error).
REVIEW_TYPE_SYNONYMS = {"會議": "会议", "活動": "活动", "應急": "应急", "辦文": "办文", "其它": "其他"}
CATEGORY_SYNONYMS = {"會務": "会务", "辦文": "办文", "辦事": "办事", "財務": "财务", "其它": "其他"}
DOCUMENT_TYPE_SYNONYMS = {
    "通知": "notice", "会议通知": "meeting_notice", "會議通知": "meeting_notice", "请示": "request",
    "請示": "request", "报告": "report", "報告": "report", "纪要": "minutes", "紀要": "minutes",
    "会议纪要": "minutes", "會議紀要": "minutes", "函": "letter",
}
AUDIENCE_SYNONYMS = {"公开": "public", "公開": "public", "内部": "internal", "內部": "internal",
                     "限定范围": "restricted", "限定範圍": "restricted"}
DONE_SYNONYMS = {"是": True, "已完成": True, "完成": True, "true": True, "True": True, "TRUE": True,
                 "否": False, "未完成": False, "false": False, "False": False, "FALSE": False}


def _canonical(values: Any, synonyms: dict[str, Any]) -> Any:
    """Return a validator that replaces a listed spelling by its canonical value before checking.

    The JSON Schema lists the other spellings too, so an editor does not flag what `check` accepts.
    """

    def canonical(value: Any) -> Any:
        return synonyms.get(value.strip(), value) if isinstance(value, str) else value

    accepted = Literal[tuple(synonyms)]  # type: ignore[valid-type]
    return BeforeValidator(canonical, json_schema_input_type=values | accepted)

_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$")


def _parse_day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("day_type", "日期应写成“年-月-日”，例如 2024-08-02")
    match = _DATE_TEXT.match(value.strip())
    if not match:
        raise PydanticCustomError("day_format", "日期“{value}”格式不对：应写成“年-月-日”，例如 2024-08-02", {"value": value})
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise PydanticCustomError(
            "day_impossible", "日期“{value}”不存在（请核对月份和日子，例如 2 月没有 30 日）", {"value": value}
        ) from None


def _parse_moment(value: Any) -> Any:
    """Accept a date, or a date with time ``YYYY-MM-DD HH:MM``; return the normalised text."""
    if isinstance(value, str) and (match := _DATETIME_TEXT.match(value.strip())):
        try:
            year, month, day, hour, minute = (int(part) for part in match.groups())
            moment = datetime(year, month, day, hour, minute)
        except ValueError:
            raise PydanticCustomError(
                "moment_impossible", "时间“{value}”不存在：请核对日期和钟点（0:00–23:59）", {"value": value}
            ) from None
        return moment.strftime("%Y-%m-%d %H:%M")
    try:
        return _parse_day(value).isoformat()
    except PydanticCustomError:
        raise PydanticCustomError(
            "moment_format", "时间“{value}”格式不对：应写成 2025-06-10 或 2025-06-10 09:30", {"value": value}
        ) from None


def _number_as_text(value: Any) -> Any:
    """Phone numbers typed without quotes arrive as integers; they are still text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Day = Annotated[date, BeforeValidator(_parse_day), Field(json_schema_extra={"type": "string", "format": "date"})]
Moment = Annotated[
    str,
    BeforeValidator(_parse_moment),
    Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"}),
]
Phone = Annotated[str, BeforeValidator(_number_as_text)]
AudienceValue = Annotated[Audience, _canonical(Audience, AUDIENCE_SYNONYMS)]
ReviewTypeValue = Annotated[ReviewType, _canonical(ReviewType, REVIEW_TYPE_SYNONYMS)]
CategoryValue = Annotated[GuidelineCategory, _canonical(GuidelineCategory, CATEGORY_SYNONYMS)]
DocumentTypeValue = Annotated[DocumentType, _canonical(DocumentType, DOCUMENT_TYPE_SYNONYMS)]
Done = Annotated[bool, _canonical(bool, DONE_SYNONYMS)]
Count = Annotated[int, Field(ge=0)]
Id = Annotated[str, Field(pattern=r"^[0-9A-Za-z\u3400-\u9fff][0-9A-Za-z\u3400-\u9fff_-]{0,79}$")]


def text_list(title: str, description: str) -> Any:
    return Field(default_factory=list, title=title, description=description)


class Strict(BaseModel):
    """Base for every record part: unknown keys are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


class Record(Strict):
    """Fields every record kind shares."""

    id: Id | None = Field(None, title="编号", description="唯一编号；默认取文件名（不含 .yml）。只用字母、数字、汉字、- 和 _")
    audience: AudienceValue = Field(
        "internal", title="读者范围", description="public 公开、internal 内部（默认）、restricted 限定范围"
    )


# ---------------------------------------------------------------- review
class ReviewProblem(Strict):
    """One problem a review records (not generator.errors.Problem, a problem found in a file)."""

    what: Text = Field(title="问题", description="出了什么问题，写具体")
    cause: Text | None = Field(None, title="原因", description="为什么会发生")
    severity: Severity = Field("中", title="严重程度", description="高、中、低（默认中）")
    fix: Text | None = Field(None, title="改进办法", description="下次具体怎么做才不再发生")


class Action(Strict):
    what: Text = Field(title="整改事项", description="要做的事")
    owner: Text | None = Field(None, title="责任人", description="谁负责")
    due: Day | None = Field(None, title="期限", description="完成期限，年-月-日")
    done: Done = Field(False, title="已完成", description="true 或 false（默认 false）；也可写 是/否、已完成/未完成")


class Review(Record):
    """事后总结（经验教训）：一次接待、会议或活动之后，每个问题、原因和改进办法。"""

    kind: Literal["review"] | None = Field(None, title="类型标识", description="可省略；在 reviews/ 中即为 review")
    title: Text = Field(title="标题", description="事件名称")
    date: Day = Field(title="日期", description="事件日期，年-月-日")
    type: ReviewTypeValue = Field(title="事件类型", description="接待、会议、活动、应急、办文、其他")
    place: Text | None = Field(None, title="地点", description="事件地点")
    level: Text | None = Field(None, title="规格", description="接待或会议规格")
    lead: Text | None = Field(None, title="牵头人", description="我方牵头人或牵头单位")
    guests: Text | None = Field(None, title="来宾", description="来宾单位或人员")
    headcount: Count | None = Field(None, title="人数", description="参加人数（不小于 0 的整数）")
    summary: Text | None = Field(None, title="概要", description="一两句话说清这件事")
    planned: Text | None = Field(None, title="原定安排", description="事前计划怎样做")
    happened: Text | None = Field(None, title="实际情况", description="实际发生了什么")
    went_well: list[Text] = text_list("做得好的", "值得保持的做法，每条一行")
    problems: list[ReviewProblem] = Field(default_factory=list, title="问题", description="每个问题：what、cause、severity、fix")
    lessons: list[Text] = text_list("经验教训", "每条一行")
    actions: list[Action] = Field(default_factory=list, title="整改事项", description="每项：what、owner、due、done")
    tags: list[Text] = text_list("标签", "便于检索的关键词")
    guidelines: list[Text] = text_list("相关规范", "引用的工作规范编号，必须存在")


# ---------------------------------------------------------------- guideline
class Rule(Strict):
    title: Text = Field(title="条目", description="一句话规则")
    text: Text | None = Field(None, title="说明", description="解释与做法")
    checklist: list[Text] = text_list("检查清单", "可逐项打勾的检查点")


class Guideline(Record):
    """工作规范（接待须知等）：从历次总结中提炼、可逐条检查的规则。"""

    kind: Literal["guideline"] | None = Field(None, title="类型标识", description="可省略；在 guidelines/ 中即为 guideline")
    title: Text = Field(title="标题", description="规范名称")
    category: CategoryValue = Field(title="类别", description="接待、会务、办文、办事、财务、保密、安全、其他")
    applies_to: list[ReviewTypeValue] = Field(default_factory=list, title="适用事件", description="适用的事件类型")
    summary: Text | None = Field(None, title="概要", description="这份规范管什么")
    rules: Annotated[list[Rule], Field(min_length=1)] = Field(title="条目", description="每条：title、text、checklist")
    source: Text | None = Field(None, title="来源", description="出处（会议、文件或总结）")
    tags: list[Text] = text_list("标签", "便于检索的关键词")


# ---------------------------------------------------------------- habit
class Habit(Record):
    """领导习惯备忘：个人信息，只给服务这位领导的同志看，读者范围必须是 restricted。"""

    kind: Literal["habit"] | None = Field(None, title="类型标识", description="可省略；在 habits/ 中即为 habit")
    audience: AudienceValue = Field("restricted", title="读者范围", description="必须是 restricted（个人信息）")
    person: Text = Field(title="姓名", description="领导姓名")
    role: Text | None = Field(None, title="职务", description="职务")
    updated: Day = Field(title="更新日期", description="最近核实日期，年-月-日")
    diet: list[Text] = text_list("饮食", "饮食习惯与禁忌")
    routine: list[Text] = text_list("作息", "日常作息")
    work: list[Text] = text_list("工作要求", "对材料、会议、汇报的要求")
    travel: list[Text] = text_list("出行", "乘车、住宿等")
    other: list[Text] = text_list("其他", "其他注意事项")
    notes: Text | None = Field(None, title="备注", description="补充说明")


# ---------------------------------------------------------------- page
class Page(Record):
    """手册章节：content/pages/*.md 的 front matter，正文是 Markdown。"""

    kind: Literal["page"] | None = Field(None, title="类型标识", description="可省略")
    title: Text = Field(title="标题", description="章节标题")
    order: Count | None = Field(None, title="顺序", description="在目录中的顺序（整数，小的在前）")


# ---------------------------------------------------------------- document
class DocumentNumber(Strict):
    prefix: Text = Field(title="发文机关代字", description="如 青政办发")
    year: Annotated[int, Field(ge=1949, le=2100)] = Field(title="年份", description="四位年份，如 2025")
    seq: Annotated[int, Field(ge=1)] = Field(title="序号", description="发文顺序号，正整数，不编虚位")


class Contact(Strict):
    name: Text | None = Field(None, title="联系人", description="联系人姓名")
    phone: Phone | None = Field(None, title="电话", description="联系电话")


class Meeting(Strict):
    time: Text = Field(title="时间", description="会议时间，如 2025年3月18日（星期二）上午9:00")
    place: Text = Field(title="地点", description="会议地点")
    attendees: Text | list[Text] = Field(title="参会人员", description="参会范围或名单")
    agenda: list[Text] = text_list("议程", "每项一行")
    contact: Contact | None = Field(None, title="联系人", description="name、phone")
    reply_by: Day | None = Field(None, title="回执截止", description="填写后附回执表")


class Document(Record):
    """公文：按 GB/T 9704-2012 生成 Word 文档。"""

    kind: Literal["document"] | None = Field(None, title="类型标识", description="可省略；在 documents/ 中即为 document")
    type: DocumentTypeValue = Field(
        title="文种", description="notice 通知、meeting_notice 会议通知、request 请示、report 报告、minutes 纪要、letter 函"
    )
    issuer: Text = Field(title="发文机关", description="发文机关全称")
    mark: Text | None = Field(None, title="版头", description="发文机关标志，默认“{发文机关}文件”")
    number: DocumentNumber | None = Field(None, title="发文字号", description="prefix、year、seq → 青政办发〔2025〕12号")
    signer: Text | None = Field(None, title="签发人", description="请示、报告必填")
    urgency: Urgency | None = Field(None, title="紧急程度", description="特急或加急")
    title: Text = Field(title="标题", description="关于……的通知")
    to: list[Text] = text_list("主送机关", "请示只能主送一个机关")
    body: Text = Field(title="正文", description="段落之间空一行；# ## ### #### 标题对应 一、（一）1.（1）")
    meeting: Meeting | None = Field(None, title="会议", description="会议通知必填：time、place、attendees 等")
    attachments: list[Text] = text_list("附件", "附件名称，不加书名号和句末标点")
    signature: Text | None = Field(None, title="署名", description="默认为发文机关")
    date: Day = Field(title="成文日期", description="年-月-日")
    note: Text | None = Field(None, title="附注", description="如“联系人：…；电话：…”")
    cc: list[Text] = text_list("抄送", "抄送机关")
    printed_by: Text | None = Field(None, title="印发机关", description="默认为发文机关")
    printed_date: Day | None = Field(None, title="印发日期", description="默认为成文日期")


# ---------------------------------------------------------------- event (input of `handbook brief`)
class Guests(Strict):
    unit: Text | None = Field(None, title="来宾单位", description="来宾单位")
    headcount: Count | None = Field(None, title="来宾人数", description="最终人数")
    contact: Text | None = Field(None, title="对方联系人", description="姓名、职务、电话")


class Attendee(Strict):
    name: Text = Field(title="姓名", description="姓名（印在席卡上）")
    title: Text | None = Field(None, title="职务", description="职务")
    rank: Annotated[int, Field(ge=1)] | None = Field(None, title="位次", description="1 为最高")


class Event(Strict):
    """即将举办的事件：`handbook brief` 的输入，生成事前安排会材料。"""

    kind: Literal["event"] | None = Field(None, title="类型标识", description="可省略")
    title: Text = Field(title="标题", description="事件名称")
    type: ReviewTypeValue = Field(title="事件类型", description="接待、会议、活动、应急、办文、其他")
    date: Moment = Field(title="时间", description="2025-06-10 或 2025-06-10 09:30")
    place: Text | None = Field(None, title="地点", description="地点")
    level: Text | None = Field(None, title="规格", description="接待规格与标准")
    lead: Text | None = Field(None, title="我方牵头人", description="我方牵头领导")
    guests: Guests | None = Field(None, title="来宾", description="unit、headcount、contact")
    attendees: list[Attendee] = Field(default_factory=list, title="出席人员", description="每人：name、title、rank")
    tags: list[Text] = text_list("标签", "用于找到相关经验")
    assigned: Day | None = Field(None, title="接到任务日期", description="默认今天")
    audience: AudienceValue = Field("internal", title="读者范围", description="public、internal、restricted")


# ---------------------------------------------------------------- site configuration
class Theme(Strict):
    primary: Text = Field("red", title="主色", description="mkdocs-material 主色，如 red")
    accent: Text = Field("red", title="强调色", description="mkdocs-material 强调色")


def _default_editions() -> dict[Audience, str]:
    return {"public": "公开版", "internal": "内部版", "restricted": "限定版"}


class SiteConfig(Strict):
    """site_config.yml：单位名称、网站标题等。"""

    organisation: Text = Field(title="单位名称", description="如 青禾区人民政府办公室")
    site_title: Text = Field(title="网站标题", description="显示在页眉")
    site_description: Text | None = Field(None, title="网站简介", description="一句话")
    site_url: Text | None = Field(None, title="网址", description="内网地址，用于站点地图")
    language: Literal["zh"] = Field("zh", title="语言", description="zh")
    copyright: Text | None = Field(None, title="版权说明", description="页脚文字")
    theme: Theme = Field(default_factory=lambda: Theme.model_validate({}), title="主题", description="primary、accent")
    editions: dict[Audience, Text] = Field(
        default_factory=_default_editions,
        title="版本名称",
        description="各读者范围版本的名称",
    )
    defaults: dict[str, Any] = Field(default_factory=dict, title="默认值", description="保留")
