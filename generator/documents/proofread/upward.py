"""Who a document goes to and who signs it; what a 请示 and a 报告 may say.

《党政机关公文处理工作条例》第十五条（一）：向上级机关行文，原则上主送一个上级机关；
第十五条（四）：请示应当一文一事，不得在报告等非请示性公文中夹带请示事项；
第八条：请示适用于向上级机关请求指示、批准 — so a 请示 ends by asking for it.
"""

from __future__ import annotations

import re

from generator.documents.proofread.source import Source, paragraphs
from generator.documents.wording import type_name
from generator.errors import Problems
from generator.model.records import Document

UPWARD_TYPES = ("request", "report")
ONE_RECIPIENT = "《党政机关公文处理工作条例》第十五条"
NO_REQUEST_IN_REPORT = "《党政机关公文处理工作条例》第十五条"
ONE_MATTER = "《党政机关公文处理工作条例》第十五条：请示应当一文一事"
ASKS = "《党政机关公文处理工作条例》第八条"
REQUEST_WORDS = re.compile(r"妥否|请批准|请予批准|请批示|请予批示|请审批|请予审批|请批复|请予批复|请核准|请予核准|恳请[^。；\n]{0,40}")
CLOSING_ASK = re.compile(r"(?:请|恳请)(?:予以|予|研究|审核)?(?:批示|审批|批准|批复|批转|核准|审定|示复|指示|解决|研究|支持|协调|回复|函复)"
                         r"|特此请示|盼复")
FORMAL_ASK = re.compile(r"妥否|当否|请予?(?:批示|审批|批复)")  # the closing formula itself, written once
SECOND_MATTER = re.compile(r"一并请示|另请示|同时请示|此外，还请|另外，还请|(?:两|二|三|四|几|多)(?:个|项)请示事项|请示以下(?:两|二|三|几)")


def recipients_and_signer(doc: Document, source: Source, problems: Problems) -> None:
    """A 请示 has exactly one main recipient, a 报告 as a rule one; both carry a 签发人."""
    name = type_name(doc.type)
    if doc.type == "request" and not doc.to:
        source.add(problems, source.key(("type",)),
                   "请示必须写主送机关（to），且只能主送一个机关：例如“to: [南屿市人民政府]”")
    elif doc.type == "request" and len(doc.to) > 1:
        source.add(problems, source.value(("to", 1)),
                   f"请示只能主送一个机关（现有 {len(doc.to)} 个）：其余机关请改为抄送（cc）")
    elif doc.type == "report" and len(doc.to) > 1:
        source.add(problems, source.value(("to", 1)),
                   f"报告原则上只主送一个上级机关（现有 {len(doc.to)} 个）：其余机关请改为抄送（cc）（{ONE_RECIPIENT}）",
                   warning=True)
    elif doc.type in UPWARD_TYPES and doc.to and re.search(r"[、，,；;]", doc.to[0]):
        source.add(problems, source.value(("to", 0)),
                   f"主送机关“{doc.to[0]}”像是多个机关：{name}只能主送一个机关，其余请改为抄送（cc）", warning=True)
    if doc.type in UPWARD_TYPES and not doc.signer:
        source.add(problems, source.key(("type",)), f"{name}是上行文，必须写签发人：请加上“signer: 姓名”")
    if doc.signer and doc.type not in UPWARD_TYPES:
        source.add(problems, source.key(("signer",)),
                   f"签发人只在请示、报告等上行文中标注，{name}不印签发人：可删去 signer", warning=True)


def report_without_request(doc: Document, source: Source, problems: Problems) -> None:
    """A 报告 asks for nothing: 请批准、请批示、恳请…、妥否 belong in a separate 请示."""
    if doc.type != "report":
        return
    reported_sentences: set[int] = set()
    for match in REQUEST_WORDS.finditer(doc.body):
        sentence = max(doc.body.rfind(mark, 0, match.start()) for mark in "。；！？\n")
        if sentence in reported_sentences:
            continue  # “妥否，请批示” is one request, reported once
        reported_sentences.add(sentence)
        words = match.group(0) if not match.group(0).startswith("恳请") else "恳请"
        source.add(problems, source.locate(("body",), doc.body, match.start(), len(words)),
                   f"报告中不得夹带请示事项（这里写了“{words}”）：需要上级批准的事项请另行请示（{NO_REQUEST_IN_REPORT}）")


def request_asks_once(doc: Document, source: Source, problems: Problems) -> None:
    """A 请示 ends by asking (妥否，请批示 / 请予审批) and treats one matter."""
    if doc.type != "request":
        return
    blocks = [(offset, text) for offset, text in paragraphs(doc.body) if not text.lstrip().startswith("#")]
    if blocks and not CLOSING_ASK.search(blocks[-1][1]):
        offset, text = blocks[-1]
        at = source.locate(("body",), doc.body, offset + len(text) - len(text.lstrip()), 1)
        source.add(problems, at, f"请示的结尾应写明请求，如“妥否，请批示。”或“以上请示，请予审批。”（{ASKS}）",
                   warning=True)
    asking = [(offset, text) for offset, text in blocks if FORMAL_ASK.search(text)]
    for offset, text in asking[1:]:
        match = FORMAL_ASK.search(text)
        assert match is not None
        at = source.locate(("body",), doc.body, offset + match.start(), len(match.group(0)))
        source.add(problems, at, f"请示中有不止一处请求批示：一份请示只写一件事，其他事项另行请示（{ONE_MATTER}）",
                   warning=True)
    if match := SECOND_MATTER.search(doc.body):
        at = source.locate(("body",), doc.body, match.start(), len(match.group(0)))
        source.add(problems, at, f"“{match.group(0)}”说明这份请示写了不止一件事：其他事项另行请示（{ONE_MATTER}）",
                   warning=True)
