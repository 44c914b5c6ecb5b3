"""Helpers for the brief tests: a content root with known past reviews, guidelines and habit notes.

Every text the tests look for carries a marker (FIX-…, CHK-…, HABIT-…) so that an assertion says
exactly which record must, or must not, reach the pack.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

REVIEWS = {
    # same type (接待), shares 接待 and 席卡: the most relevant
    "content/reviews/r1-reception.yml": """\
title: 市督查组来区督查接待总结
date: 2024-08-02
type: 接待
tags: [接待, 席卡]
problems:
  - what: 替会人员的席卡没有及时更换
    cause: 替会信息只发在工作群
    severity: 高
    fix: FIX-R1A 替会名单当面交给摆席卡的同志签收
  - what: 第二辆公务用车晚到10分钟
    severity: 低
    fix: FIX-R1B 驾驶员提前30分钟到达候车点
  - what: 陪同人员名单写成“相关部门负责人”
actions:
  - what: ACT-OVERDUE 修订接待方案模板
    owner: 张三（秘书一科）
    due: 2025-05-01
  - what: ACT-DONE 已经完成的事项
    owner: 张三（秘书一科）
    due: 2024-09-01
    done: true
  - what: ACT-OPEN 建立陪同人员提前一天确认机制
    owner: 李四（秘书一科）
    due: 2025-12-31
""",
    # another type, related only through the tag 席卡
    "content/reviews/r2-meeting.yml": """\
title: 全区经济工作会议会务总结
date: 2023-05-26
type: 会议
tags: [会务, 席卡]
problems:
  - what: 替会人员席卡会前复核时才发现错误
    fix: FIX-R2A 会务交接单包含替会名单和席卡清单
""",
    # traditional characters: 用車 must match the event's 用车
    "content/reviews/r3-traditional.yml": """\
title: 春節走訪慰問活動總結
date: 2025-01-20
type: 活动
tags: [用車]
problems:
  - what: 一組公務用車繞行25分鐘
    fix: FIX-R3A 提前踩點核實路線
""",
    # unrelated: other type, no shared tag
    "content/reviews/r4-emergency.yml": """\
title: 台风防御值班总结
date: 2023-07-01
type: 应急
tags: [值班]
problems:
  - what: 值班电话无人接听
    fix: FIX-UNRELATED 离岗时转接手机
""",
    # related but restricted
    "content/reviews/r5-restricted.yml": """\
title: 市领导调研服务保障总结
date: 2024-10-15
type: 接待
tags: [接待]
audience: restricted
problems:
  - what: RESTRICTED-PROBLEM 拆迁户拦车反映诉求
    fix: FIX-RESTRICTED 踩点时向街道了解信访矛盾
actions:
  - what: RESTRICTED-ACTION 建立信访通报机制
    owner: 陈德安
    due: 2025-12-31
""",
    # same type but after the event: not a past review
    "content/reviews/r6-after.yml": """\
title: 活动之后的接待总结
date: 2025-07-01
type: 接待
tags: [接待, 席卡]
problems:
  - what: 活动之后才发生的问题
    fix: FIX-FUTURE 不应出现
""",
}

GUIDELINES = {
    "content/guidelines/g-reception.yml": """\
title: 公务接待须知
category: 接待
applies_to: [接待]
rules:
  - title: 接任务先做三问
    checklist:
      - CHK-G1A 接待级别和标准已问清
      - CHK-G1B 来宾名单已拿到书面版本
  - title: 有变化立即报告
    text: RULE-TEXT 行程有变第一时间报告科长
""",
    "content/guidelines/g-tag.yml": """\
title: 席卡制作规范
category: 会务
applies_to: [办文]
tags: [席卡]
rules:
  - title: 席卡逐字核对
    checklist: [CHK-G2 席卡姓名逐字核对]
""",
    "content/guidelines/g-unrelated.yml": """\
title: 值班规范
category: 安全
applies_to: [应急]
tags: [值班]
rules:
  - title: 值班不脱岗
    checklist: [CHK-UNRELATED 值班电话转接]
""",
    "content/guidelines/g-restricted.yml": """\
title: 重要接待内部要求
category: 接待
applies_to: [接待]
audience: restricted
rules:
  - title: 内部要求
    checklist: [CHK-RESTRICTED 内部要求已落实]
""",
}

HABITS = {
    "content/habits/h-lin.yml": """\
person: 林振华
role: 区长
updated: 2025-05-20
diet: [HABIT-DIET 饮食清淡，不吃辣]
work: [HABIT-WORK 讲话稿提纲先报审]
audience: restricted
""",
    "content/habits/h-wang.yml": """\
person: 王五
updated: 2025-05-20
diet: [HABIT-OTHER 不出席的人]
audience: restricted
""",
}

RECEPTION_EVENT = """\
title: 市商务局调研组来区调研
type: 接待
date: "2025-06-10 09:30"
place: 区政府机关大楼3楼第一会议室
level: 市级
lead: 沈晓岚（常务副区长）
guests:
  unit: 市商务局调研组
  headcount: 6
  contact: 市商务局办公室 钟雅琴 86112233
attendees:
  - {name: 沈晓岚, title: 常务副区长, rank: 2}
  - {name: 林振华, title: 区长, rank: 1}
  - {name: 陈德安, title: 区政府办公室主任, rank: 3}
tags: [接待, 席卡, 用车]
assigned: 2025-06-01
"""

# Everything optional left out: every essential but the time is missing
BARE_EVENT = """\
title: 专题会议
type: 会议
date: 2025-06-10
assigned: 2025-06-01
"""


def write_event(tmp_path: Path, text: str, name: str = "event.yml") -> Path:
    path = tmp_path / "events" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def docx_text(path: Path) -> str:
    """Everything a reader sees in a .docx: paragraphs, table cells in order, and WordArt names."""
    document = docx.Document(str(path))
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    lines.append(" | ".join(cells))
    lines += wordart_names(path)
    return "\n".join(lines)


def wordart_names(path: Path) -> list[str]:
    """The names drawn as WordArt on the name cards, in document order."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    vml = "urn:schemas-microsoft-com:vml"
    return [str(node.get("string")) for node in root.iter(f"{{{vml}}}textpath") if node.get("string")]
