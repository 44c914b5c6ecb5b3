"""A content root whose actions and problems the ledger and recurrence tests know by heart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_root

TODAY = "2025-07-01"  # every test fixes "today" to this day

REVIEWS = {
    "content/reviews/a-public.yml": """\
title: 政府开放日活动总结
date: 2025-05-15
type: 活动
audience: public
problems:
  - what: 7名代表到错集合地点
actions:
  - what: PUB-OVERDUE 修改报名表
    owner: 政务公开科
    due: 2025-06-30
  - what: PUB-DONE 制定工作手册
    owner: 许文杰（办公室副主任）
    due: 2025-05-31
    done: true
""",
    "content/reviews/b-internal.yml": """\
title: 香港商會考察團接待總結
date: 2025-04-18
type: 接待
problems:
  - what: 我方替會人員席卡沒有及時更換，只能手寫
    cause: 替會信息只在工作群裡說了一句
actions:
  - what: INT-OVERDUE 與區商務局建立陪同人員提前一天確認機制
    owner: 劉暢（秘書一科）
    due: 2025-06-01
  - what: INT-TODAY 期限就是今天的事项
    owner: 周敏（秘书一科科长）
    due: 2025-07-01
  - what: INT-NODUE 没有期限的事项
""",
    "content/reviews/c-restricted.yml": """\
title: 市领导调研服务保障总结
date: 2024-10-15
type: 接待
audience: restricted
actions:
  - what: RES-OVERDUE 建立信访通报机制
    owner: 陈德安（办公室主任）
    due: 2024-12-31
""",
    "content/reviews/d-earlier.yml": """\
title: 督查组接待总结
date: 2023-03-16
type: 接待
problems:
  - what: 替会人员的席卡没有及时更换，会议开始时仍摆着原参会人员的名字
    cause: 替会信息只发在工作群，没有当面送给负责席卡的同志
    fix: 替会名单当面交给负责席卡的同志签收
actions:
  - what: 在会务工作规程中增加替会人员名单签收环节
    owner: 周敏（秘书一科科长）
    due: 2023-04-15
    done: true
""",
}


@pytest.fixture
def ledger_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "handbook", REVIEWS)
