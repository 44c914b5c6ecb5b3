"""However large the past reviews, the pack stays short: the same problem once, eight in full, the rest counted.

The huge review below has 80 problems (sixteen things that went wrong, each written down five times)
and 30 open actions; printed in full it ran to over forty pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.brief.lessons import MAX_FULL
from generator.brief.pack import make_pack
from generator.brief.render import render_pack
from generator.documents.libreoffice import render_pdf
from tests.brief.helpers import RECEPTION_EVENT, docx_text, write_event
from tests.conftest import REPO, make_root

# sixteen different problems; the huge review writes each one down five times, at five venues
PROBLEMS = [
    ("替会人员的席卡没有及时更换", "替会信息只发在工作群"),
    ("第二辆公务用车晚到，来宾在大厅等候", "驾驶员临时换人，不熟悉路线"),
    ("致辞时主席台话筒不响", "布置调整后没有再试音"),
    ("会议通知缺少会议地点", "发文前没有核对三要素"),
    ("工作餐超过接待标准，上了酒水", "经办人没有审核菜单"),
    ("临时增加的点位没有讲解人员", "备选点位没有准备讲解词"),
    ("签到表漏印两个单位", "名单没有与通知核对"),
    ("汇报材料超过3000字，汇报超时", "收材料时没有统计字数"),
    ("来宾名单中的姓名写错字", "名单是电话里听写的"),
    ("值班电话无人接听", "离岗时没有转接手机"),
    ("投影仪无法连接笔记本电脑", "会前没有联机测试"),
    ("引导牌方向指错，参会人员走错楼层", "引导牌沿用旧楼层图"),
    ("茶歇有来宾忌口的食品", "没有问清饮食禁忌"),
    ("来宾赠送的纪念品三天后才登记", "经办人不清楚登记时限"),
    ("接待方案的陪同人员没有写具体姓名", "起草时名单未定，后来没有补"),
    ("行程提前半小时没有通知各点位", "经办人不了解有变化立即报告的要求"),
]
VENUES = ["主会场", "分会场", "开发区点位", "宾馆", "返程途中"]
LONG = "经办人员对要求理解不到位，交接环节没有书面记录，会前检查只看了大概，没有逐项对照清单核实。" * 2


def huge_review() -> str:
    lines = ["title: 大型招商推介会接待总结", "date: 2024-11-20", "type: 接待", "tags: [接待, 席卡, 用车]", "problems:"]
    for venue in VENUES:
        for what, cause in PROBLEMS:
            lines += [f"  - what: {venue}：{what}", f"    cause: {cause}", f"    fix: 专人负责，会前一天逐项核实并签字。{LONG}"]
    lines.append("actions:")
    for number in range(30):
        lines += [f"  - what: 整改第{number + 1}项：修订{PROBLEMS[number % len(PROBLEMS)][0]}的工作规程",
                  "    owner: 周敏（秘书一科科长）", f"    due: 2025-0{1 + number % 5}-15"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def huge_pack(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "handbook", {"content/reviews/huge.yml": huge_review()})
    event = write_event(tmp_path, RECEPTION_EVENT)
    out = tmp_path / "pack.docx"
    out.write_bytes(render_pack(make_pack(event, root, today=date(2025, 6, 1))))
    return out


def test_a_huge_review_is_cut_to_the_most_relevant_problems_with_a_pointer_to_the_rest(huge_pack: Path) -> None:
    text = docx_text(huge_pack)
    printed = re.findall(r"^(?:主会场|分会场|开发区点位|宾馆|返程途中)：.*（严重程度", text, flags=re.MULTILINE)
    assert len(printed) == MAX_FULL  # each problem once, though written down five times
    rest = re.search(r"其余(\d+)条问题（来自1份总结）相关程度较低，不再逐条列出", text)
    assert rest is not None and int(rest.group(1)) > 0
    assert "handbook search 接待 席卡 用车 --kind review" in text
    assert re.search(r"另有22项未完成的整改事项，运行 handbook actions --open 列出全部", text)


@pytest.mark.libreoffice
def test_a_huge_review_prints_on_at_most_twelve_pages(huge_pack: Path, tmp_path: Path) -> None:
    pdf = render_pdf(huge_pack, tmp_path / "pdf")  # LibreOffice renders the real file
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert pages <= 12, f"{pages} pages"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "不再逐条列出" in re.sub(r"\s+", "", text)


@pytest.mark.libreoffice
def test_the_sample_packs_text_fits_on_twelve_pages_before_its_name_cards(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    pack = make_pack(root / "examples" / "reception-event.yml", root, today=date(2025, 6, 1))
    docx = tmp_path / "pack.docx"
    docx.write_bytes(render_pack(pack))
    pdf = render_pdf(docx, tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))  # type: ignore[union-attr]
    cards = len(pack.seating.ranked)  # one name card a page, printed on card stock after the text
    text_pages = pages - cards
    seating = subprocess.run(["pdftotext", "-f", str(text_pages), "-l", str(text_pages), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "主席台座次" in re.sub(r"\s+", "", seating)  # the last page of text is the seating chart
    assert text_pages <= 12, f"{text_pages} pages of text"
