"""Titles and the minutes mark.

GB/T 9704-2012 §7.3.1: 标题由发文机关名称、事由和文种组成. Both the full form
(某县人民政府办公室关于……的通知) and the usual short form without the issuer (关于……的通知) are
correct; what must hold is that the title ends in the 文种 of the document's type.
"""

from __future__ import annotations

import re

from generator.documents.proofread.source import Source
from generator.documents.wording import FINAL_PUNCTUATION, mark_text, type_name
from generator.errors import Problems
from generator.model.records import Document

TITLE_RULE = "GB/T 9704 §7.3.1"
# The 文种 a title ends in, longest first so 请示报告 is seen before 报告; 复函 and 函 are both 函.
KINDS_IN_TITLES = ("请示报告", "通知", "请示", "报告", "纪要", "复函", "函", "通报", "意见", "决定", "批复", "通告", "公告",
                   "方案", "办法", "规定")
KIND_OF_TYPE = {"notice": "通知", "meeting_notice": "通知", "request": "请示", "report": "报告", "minutes": "纪要",
                "letter": "函"}
ISSUER_ENDINGS = ("街道办事处", "人民政府", "办公室", "办公厅", "委员会", "管委会", "政府", "中心", "大队", "支队", "委", "局",
                  "厅", "部", "办", "院")  # longest first: the kind of office a name ends with
FORWARDING = re.compile(r"转发|印发|批转|颁布|发布")


def title(doc: Document, source: Source, problems: Problems) -> None:
    """The title ends without punctuation, in the 文种 of its type, and names the right issuer."""
    text = "".join(doc.title.split())
    at = source.value(("title",))
    if text and text[-1] in FINAL_PUNCTUATION:
        source.add(problems, at, f"标题末尾不加标点：删去“{text[-1]}”")
        text = text[:-1]
    expected = KIND_OF_TYPE[doc.type]
    written = next((kind for kind in KINDS_IN_TITLES if text.endswith(kind)), None)
    if written == "复函":
        written = "函"
    if written == "请示报告":
        source.add(problems, at, "请示和报告是两个文种，标题不能写“请示报告”：要求批准的写“……的请示”，"
                   "汇报工作的写“……的报告”（《党政机关公文处理工作条例》第八条）")
    elif written is not None and written != expected:
        source.add(problems, at, f"标题的文种是“{written}”，而 type 是 {doc.type}（{type_name(doc.type)}）："
                   f"标题应以“{expected}”结尾，或把 type 改成对应文种（{TITLE_RULE}）")
    elif written is None:
        example = "区政府第12次常务会议纪要" if doc.type == "minutes" else f"（发文机关）关于……的{expected}"
        source.add(problems, at, f"标题缺少文种“{expected}”：标题由发文机关、事由和文种组成，例如“{example}”（{TITLE_RULE}）",
                   warning=True)
    elif doc.type != "minutes":
        _issuer_and_de(doc, text, expected, source, problems)


def _issuer_and_de(doc: Document, text: str, kind: str, source: Source, problems: Problems) -> None:
    """With 关于, the 事由 ends in 的 before the 文种; an issuer written before 关于 is the spec's issuer."""
    at = source.value(("title",))
    position = text.find("关于")
    if position < 0:
        return
    if not re.search(rf"的.{{0,4}}{kind}$", text[position:]) and not re.search(r"的复函$", text):
        source.add(problems, at, f"标题的事由和文种之间缺少“的”：写成“关于……的{kind}”（{TITLE_RULE}）", warning=True)
    named = text[:position]
    if (named and named.endswith(ISSUER_ENDINGS) and not FORWARDING.search(named) and "《" not in named
            and not _names_the_issuer(named, doc.issuer)):
        source.add(problems, at, f"标题中的发文机关“{named}”与 issuer“{doc.issuer}”不一致：请核对，"
                   f"或省去机关名称写成“关于……的{kind}”", warning=True)


def minutes_mark(doc: Document, source: Source, problems: Problems) -> None:
    """The minutes mark is “XXXXX纪要” (GB/T 9704-2012 §9.3)."""
    if doc.type == "minutes" and doc.mark and not doc.mark.endswith("纪要"):
        source.add(problems, source.value(("mark",)),
                   f"纪要标志应由“XXXXX纪要”组成（GB/T 9704 §9.3），而不是“{mark_text(doc)}”", warning=True)


def _names_the_issuer(named: str, issuer: str) -> bool:
    """The full name, or a 规范化简称 of it: its characters in order, with the same kind of office at the end
    (区政府办公室 for 青禾区人民政府办公室, but not 青禾区人民政府, which is another office)."""
    if named == issuer:
        return True
    ending = next((e for e in ISSUER_ENDINGS if named.endswith(e)), "")
    remaining = iter(issuer)
    return bool(ending) and issuer.endswith(ending) and all(char in remaining for char in named)
