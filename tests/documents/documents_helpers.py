"""Small valid specs for every document type, and readers for what a .docx holds."""

from __future__ import annotations

import re
from pathlib import Path

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

NOTICE = """\
type: notice
issuer: 青禾区人民政府办公室
number:
  prefix: 青政办发
  year: 2025
  seq: 12
title: 关于做好汛期值班工作的通知
to:
  - 各街道办事处
  - 区政府各部门
body: |
  为做好汛期值班工作，现将有关事项通知如下。

  # 总体要求

  各单位要高度重视汛期值班工作。

  ## 值班安排

  实行24小时值班和领导带班制度。

  ### 值班人员

  值班人员须熟悉业务。

  #### 带班领导

  带班领导须在岗在位。
attachments:
  - 汛期值班表
date: 2025-04-18
note: 联系人：杨立，电话：86012345
cc:
  - 区委办公室
  - 区人大常委会办公室
"""

REQUEST = """\
type: request
issuer: 青禾区人民政府
number:
  prefix: 青政
  year: 2025
  seq: 9
signer: 林振华
urgency: 加急
title: 关于申请防汛物资补助资金的请示
to:
  - 南屿市人民政府
body: |
  我区防汛物资消耗较大，现将有关情况请示如下。

  # 资金需求

  尚有缺口160万元。

  妥否，请批示。
date: 2025-03-12
note: 联系人：郑慧，电话：86012168
"""

REPORT = """\
type: report
issuer: 青禾区人民政府办公室
number:
  prefix: 青政办
  year: 2025
  seq: 3
signer: 沈晓岚
title: 关于2024年政务公开工作情况的报告
to:
  - 南屿市人民政府办公室
body: |
  现将我区2024年政务公开工作情况报告如下。

  # 主要工作

  全年主动公开信息1200条。
date: 2025-01-20
"""

MEETING_NOTICE = """\
type: meeting_notice
issuer: 青禾区人民政府办公室
number:
  prefix: 青政办函
  year: 2025
  seq: 15
title: 关于召开全区安全生产工作会议的通知
to:
  - 各街道办事处
body: |
  经区政府同意，定于近期召开全区安全生产工作会议。现将有关事项通知如下。
meeting:
  time: 2025年4月8日（星期二）上午9:00
  place: 区政府5楼常务会议室
  attendees: 各街道分管负责同志
  agenda:
    - 通报一季度安全生产情况
    - 部署二季度工作
  contact:
    name: 孙浩
    phone: 86012210
  reply_by: 2025-04-03
date: 2025-04-01
cc:
  - 区委办公室
"""

MINUTES = """\
type: minutes
issuer: 青禾区人民政府办公室
mark: 青禾区人民政府常务会议纪要
number:
  prefix: 青政办纪
  year: 2025
  seq: 12
title: 区政府第12次常务会议纪要
body: |
  2025年3月26日下午，区长林振华主持召开区政府第12次常务会议。现纪要如下。

  列席：区发改局主要负责同志。

  # 审议通过老旧小区改造实施方案

  会议原则同意该实施方案。

  请假：区审计局局长（出差）。
meeting:
  time: 2025年3月26日下午
  place: 区政府常务会议室
  attendees:
    - 林振华、沈晓岚、顾国平
date: 2025-03-28
cc:
  - 区委办公室
"""

LETTER = """\
type: letter
issuer: 青禾区人民政府办公室
number:
  prefix: 青政办函
  year: 2025
  seq: 21
title: 关于商请协助做好调研交通保障工作的函
to:
  - 南屿市公安局交通警察支队青禾大队
body: |
  省农业农村厅调研组一行8人定于2025年5月22日来我区调研。请予支持为盼。
date: 2025-05-16
cc:
  - 区农业农村局
"""

SPECS = {
    "notice": NOTICE,
    "request": REQUEST,
    "report": REPORT,
    "meeting_notice": MEETING_NOTICE,
    "minutes": MINUTES,
    "letter": LETTER,
}


def long_notice(paragraphs: int = 40) -> str:
    """A notice whose body runs over several full pages of plain paragraphs."""
    sentence = "各单位要严格执行值班制度，确保信息报送及时准确，发现问题立即处置并报告。"
    body = "\n\n".join(f"  {sentence * 3}" for _ in range(paragraphs))
    return NOTICE.split("body: |")[0] + "body: |\n" + body + "\ndate: 2025-04-18\n"


def paragraph_by_style(word: WordDocument, style: str) -> list[Paragraph]:
    """Return the body paragraphs in a named style."""
    return [p for p in word.paragraphs if p.style is not None and p.style.name == style]


def east_asia_font(element: object) -> str | None:
    """Return w:rFonts/@w:eastAsia of a style or run element."""
    rpr = element.find(qn("w:rPr")) if element.tag != qn("w:rPr") else element  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def border_of(paragraph: Paragraph, edge: str) -> dict[str, str] | None:
    """Return a paragraph border edge as {val, sz, space, color}, or None."""
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    found = borders.find(qn(f"w:{edge}")) if borders is not None else None
    if found is None:
        return None
    return {key: found.get(qn(f"w:{key}")) for key in ("val", "sz", "space", "color")}


def field_codes(paragraph: Paragraph) -> list[str]:
    """Return the instructions of the fields (e.g. PAGE) in a paragraph."""
    return [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))]


def write_root(root: Path, specs: dict[str, str]) -> Path:
    """Write specs into root/content/documents/<name>.yml."""
    folder = root / "content" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in specs.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


def words_on_page(bbox_xhtml: str, page: int) -> list[tuple[float, float, float, float, str]]:
    """Parse `pdftotext -bbox` output: (xMin, yMin, xMax, yMax, word) of one page (1-based)."""
    pages = re.split(r"<page ", bbox_xhtml)[1:]
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pages[page - 1]
    )
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in words]
