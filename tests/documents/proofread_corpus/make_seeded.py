"""Write seeded/: clean specs with one planted slip each, headed by where the slip is and what to expect.

Run from the repository root after changing a clean spec or a seed below:

    .venv/bin/python tests/documents/proofread_corpus/make_seeded.py

The expected line is where the planted text lands in the seeded file (the line holding `mark`), worked
out here from the edit itself — never from what the proofreader reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent
SAMPLES = CORPUS.parents[2] / "content" / "documents"


@dataclass(frozen=True)
class Seed:
    """One planted slip: the clean spec it starts from, the edit, and the finding it must produce."""

    name: str
    rule: str
    base: str
    old: str
    new: str
    expect: str  # a fragment of the expected message
    mark: str = ""  # text on the expected line, when it is not the start of `new`


SEEDS = (
    # 标题
    Seed("title-kind-request-as-report", "标题文种与类型不符", "request-short-title", "编制的请示", "编制的报告", "标题的文种是“报告”"),
    Seed("title-kind-letter-as-notice", "标题文种与类型不符", "letter-full-title", "丰收节的函", "丰收节的通知", "标题的文种是“通知”"),
    Seed("title-kind-report-as-bulletin", "标题文种与类型不符", "report-past-event", "工作情况的报告", "工作情况的通报", "标题的文种是“通报”"),
    Seed("title-request-report-mixed", "请示报告混用", "request-full-title", "加固工程的请示", "加固工程的请示报告", "请示报告"),
    Seed("title-report-request-mixed", "请示报告混用", "report-with-copies", "工作情况的报告", "工作情况的请示报告", "请示报告"),
    Seed("title-sample-request-report", "请示报告混用", "sample:flood-supplies-request", "补助资金的请示", "补助资金的请示报告",
         "请示报告"),
    Seed("title-no-kind-notice", "标题缺少文种", "notice-figures", "关于开展2025年度节能降耗专项检查的通知", "2025年度节能降耗专项检查安排",
         "标题缺少文种“通知”"),
    Seed("title-no-kind-minutes", "标题缺少文种", "minutes-special-meeting", "第5次专题会议纪要", "第5次专题会议", "标题缺少文种“纪要”"),
    Seed("title-no-kind-meeting", "标题缺少文种", "meeting-notice-reply", "关于召开全区政务公开工作推进会的通知", "全区政务公开工作推进会安排",
         "标题缺少文种“通知”"),
    Seed("title-no-de-notice", "标题缺少“的”", "notice-full-title-supplies", "储备管理的通知", "储备管理通知", "缺少“的”"),
    Seed("title-no-de-letter", "标题缺少“的”", "letter-request-info", "审计整改情况的函", "审计整改情况函", "缺少“的”"),
    Seed("title-no-de-report", "标题缺少“的”", "report-short-title", "提案办理情况的报告", "提案办理情况报告", "缺少“的”"),
    Seed("title-issuer-parent", "标题中的发文机关与 issuer 不符", "notice-full-title-supplies", "title: 青禾区人民政府办公室关于",
         "title: 青禾区人民政府关于", "标题中的发文机关“青禾区人民政府”"),
    Seed("title-issuer-office", "标题中的发文机关与 issuer 不符", "request-full-title", "title: 青禾区人民政府关于",
         "title: 青禾区人民政府办公室关于", "标题中的发文机关“青禾区人民政府办公室”"),
    Seed("title-issuer-county", "标题中的发文机关与 issuer 不符", "letter-full-title", "title: 青禾区人民政府办公室关于",
         "title: 青禾县人民政府办公室关于", "标题中的发文机关“青禾县人民政府办公室”"),
    # 日期
    Seed("date-weekday-meeting-time", "星期与日期不符", "meeting-notice-full-title", "6月12日（星期四）", "6月12日（星期三）", "不是“（星期三）”"),
    Seed("date-weekday-next-year", "星期与日期不符", "notice-december-deadline", "1月5日（星期一）", "1月5日（星期二）", "不是“（星期二）”"),
    Seed("date-weekday-no-year", "星期与日期不符", "meeting-notice-reply", "7月3日（星期四）", "7月3日（星期五）", "不是“（星期五）”"),
    Seed("date-impossible-no-year", "日期不存在", "notice-figures", "9月1日至9月15日", "9月1日至9月31日", "“9月31日”不存在"),
    Seed("date-impossible-leap", "日期不存在", "report-short-title", "截至2025年8月20日", "截至2025年2月29日", "“2025年2月29日”不存在"),
    Seed("date-impossible-deadline", "日期不存在", "minutes-full-title", "于6月30日前完成", "于6月31日前完成", "“6月31日”不存在"),
    Seed("date-deadline-full", "期限早于成文日期", "notice-full-title-supplies", "于2025年5月30日前", "于2025年4月30日前", "期限“2025年4月30日前”"),
    Seed("date-deadline-no-year", "期限早于成文日期", "letter-request-info", "于10月31日前提供", "于9月30日前提供", "期限“9月30日前”"),
    Seed("date-deadline-sample", "期限早于成文日期", "sample:flood-season-duty-notice", "于4月30日前将", "于4月15日前将", "期限“4月15日前”"),
    Seed("date-deadline-hour", "期限早于成文日期", "meeting-notice-reply", "于7月1日下午5:00前", "于6月20日下午5:00前", "期限“6月20日前”"),
    Seed("date-happened-report", "成文日期早于已发生事项", "report-past-event", "date: 2025-05-28", "date: 2025-05-20",
         "正文说“2025年5月22日”的事已经发生", "2025年5月22日，省农业"),
    Seed("date-happened-minutes", "成文日期早于已发生事项", "minutes-full-title", "2025年4月23日上午", "2025年4月28日上午",
         "正文说“2025年4月28日”的事已经发生"),
    Seed("date-happened-special", "成文日期早于已发生事项", "minutes-special-meeting", "2025年6月3日上午，", "2025年6月8日上午，",
         "正文说“2025年6月8日”的事已经发生"),
    Seed("date-happened-meeting-time", "成文日期早于已发生事项", "minutes-special-meeting", "time: 2025年6月3日上午",
         "time: 2025年6月9日上午", "早于会议日期“2025年6月9日”"),
    # 附件
    Seed("attachment-missing-third", "引用的附件不存在", "notice-full-title-supplies", "填写附件2", "填写附件3", "正文提到“附件3”"),
    Seed("attachment-missing-meeting", "引用的附件不存在", "meeting-notice-attachments", "详见附件1", "详见附件3", "正文提到“附件3”"),
    Seed("attachment-missing-none", "引用的附件不存在", "notice-forwarding", "转发给你们，", "转发给你们（见附件1），", "正文提到“附件1”"),
    Seed("attachment-unnumbered-notice", "多个附件未写顺序号", "notice-full-title-supplies", "数量见附件1", "数量见附件", "没有说明是哪一个"),
    Seed("attachment-unnumbered-meeting", "多个附件未写顺序号", "meeting-notice-attachments", "详见附件1", "详见附件", "没有说明是哪一个"),
    Seed("attachment-unnumbered-sample", "多个附件未写顺序号", "sample:flood-season-duty-notice", "于4月30日前将汛期值班表",
         "于4月30日前按照附件将汛期值班表", "没有说明是哪一个"),
    Seed("attachment-single-numbered-notice", "单个附件编了顺序号", "notice-short-title-regulation", "全文见附件。", "全文见附件1。",
         "只有一个附件"),
    Seed("attachment-single-numbered-request", "单个附件编了顺序号", "request-one-attachment", "自评情况见附件。", "自评情况见附件1。",
         "只有一个附件"),
    Seed("attachment-single-numbered-letter", "单个附件编了顺序号", "letter-one-attachment", "组织方案见附件。", "组织方案见附件1。",
         "只有一个附件"),
    Seed("attachment-chinese-number-notice", "附件顺序号用汉字", "notice-full-title-supplies", "填写附件2", "填写附件二", "阿拉伯数字"),
    Seed("attachment-chinese-number-meeting", "附件顺序号用汉字", "meeting-notice-attachments", "详见附件1", "详见附件一", "阿拉伯数字"),
    Seed("attachment-chinese-number-reply", "附件顺序号用汉字", "meeting-notice-attachments", "填写附件2", "填写附件二", "阿拉伯数字"),
    # 上行文
    Seed("upward-request-two-recipients", "请示主送多个机关", "request-full-title", "  - 南屿市人民政府\n",
         "  - 南屿市人民政府\n  - 南屿市水利局\n", "请示只能主送一个机关", "  - 南屿市水利局"),
    Seed("upward-request-two-recipients-office", "请示主送多个机关", "request-short-title", "  - 青禾区人民政府\n",
         "  - 青禾区人民政府\n  - 青禾区委编办\n", "请示只能主送一个机关", "  - 青禾区委编办"),
    Seed("upward-request-two-recipients-reply", "请示主送多个机关", "request-reply-asked", "  - 青禾区人民政府\n",
         "  - 青禾区人民政府\n  - 青禾区机关事务中心\n", "请示只能主送一个机关", "  - 青禾区机关事务中心"),
    Seed("upward-report-two-recipients", "报告主送多个机关", "report-full-title", "  - 南屿市人民政府\n",
         "  - 南屿市人民政府\n  - 南屿市安全生产委员会办公室\n", "报告原则上只主送一个上级机关", "  - 南屿市安全生产委员会办公室"),
    Seed("upward-report-two-recipients-short", "报告主送多个机关", "report-short-title", "  - 南屿市人民政府办公室\n",
         "  - 南屿市人民政府办公室\n  - 南屿市政协办公室\n", "报告原则上只主送一个上级机关", "  - 南屿市政协办公室"),
    Seed("upward-report-two-recipients-copies", "报告主送多个机关", "report-with-copies", "  - 南屿市人民政府办公室\n",
         "  - 南屿市人民政府办公室\n  - 青禾区人民政府\n", "报告原则上只主送一个上级机关", "  - 青禾区人民政府"),
    Seed("upward-report-asks-approval", "报告夹带请示事项", "report-full-title", "特此报告。", "妥否，请批示。", "“妥否”"),
    Seed("upward-report-begs", "报告夹带请示事项", "report-short-title", "特此报告。", "恳请市政府办公室在年度考核中予以加分。", "“恳请”"),
    Seed("upward-report-asks-funds", "报告夹带请示事项", "report-with-copies", "特此报告。", "下一步拟增设值班岗位2个，请予批准。", "“请予批准”"),
    Seed("upward-request-no-ask", "请示结尾没有请求", "request-full-title", "\n\n  以上请示，请予审批。", "", "请示的结尾应写明请求",
         "  为彻底消除隐患"),
    Seed("upward-request-ends-as-report", "请示结尾没有请求", "request-short-title", "妥否，请批示。", "特此报告。", "请示的结尾应写明请求"),
    Seed("upward-request-ends-for-reference", "请示结尾没有请求", "request-reply-asked", "当否，请批复。", "以上意见供领导参考。",
         "请示的结尾应写明请求"),
    Seed("upward-request-two-matters", "请示一文多事", "request-full-title", "以上请示，请予审批。",
         "另外，还请市政府支持禾丰镇排涝站改造项目。\n\n  以上请示，请予审批。", "不止一件事"),
    Seed("upward-request-also-asks", "请示一文多事", "request-short-title", "妥否，请批示。",
         "同时请示增加总值班室公务用车1台。\n\n  妥否，请批示。", "不止一件事"),
    Seed("upward-request-besides", "请示一文多事", "request-reply-asked", "各部门意见。", "各部门意见。此外，还请同意为常务会议室更换音响设备。",
         "不止一件事"),
    # 标点
    Seed("punctuation-comma", "半角标点", "notice-figures", "共86家，", "共86家,", "半角逗号“,”"),
    Seed("punctuation-semicolon", "半角标点", "report-past-event", "完成踩点，", "完成踩点;", "半角分号“;”"),
    Seed("punctuation-colon-sample", "半角标点", "sample:open-government-report", "工作情况报告如下。", "工作情况报告如下:", "半角冒号“:”"),
    Seed("punctuation-full-stop", "半角标点", "letter-reply", "收悉。经研究", "收悉.经研究", "半角句号“.”"),
    Seed("punctuation-straight-quotes", "半角括号和引号", "report-with-copies", "台风“海葵”影响", '台风"海葵"影响', "半角引号"),
    Seed("punctuation-half-brackets", "半角括号和引号", "minutes-absent-members", "方卫东（出差）", "方卫东(出差)", "半角括号“(出差)”"),
    Seed("punctuation-half-brackets-figures", "半角括号和引号", "notice-figures", "（夏季不低于26℃、冬季不高于20℃）",
         "(夏季不低于26℃、冬季不高于20℃)", "半角括号"),
    Seed("punctuation-unclosed-quote", "括号、引号、书名号不成对", "notice-short-title-regulation", "“意见征集”栏目", "“意见征集栏目",
         "““”没有与它配对"),
    Seed("punctuation-unclosed-bracket", "括号、引号、书名号不成对", "notice-forwarding", "8号）转发", "8号转发", "“（”没有与它配对"),
    Seed("punctuation-unclosed-book", "括号、引号、书名号不成对", "letter-reply", "管理的提案》收悉", "管理的提案收悉", "“《”没有与它配对"),
    Seed("punctuation-unclosed-heading", "括号、引号、书名号不成对", "minutes-full-title", "项目管理办法》\n", "项目管理办法\n",
         "“《”没有与它配对"),
    # 引用公文
    Seed("cited-square-brackets", "发文字号括号、“第”、虚位", "notice-full-title-supplies", "青政办发〔2024〕7号", "青政办发[2024]7号",
         "六角括号"),
    Seed("cited-di", "发文字号括号、“第”、虚位", "report-short-title", "南政办发〔2025〕4号", "南政办发〔2025〕第4号", "不加“第”字"),
    Seed("cited-padding", "发文字号括号、“第”、虚位", "letter-request-info", "青政办发〔2023〕15号", "青政办发〔2023〕015号", "不编虚位"),
    Seed("cited-number-first", "引用公文先标题后字号", "notice-forwarding", "现将《南屿市人民政府办公室关于进一步加强校园周边安全管理工作的通知》"
         "（南政办发〔2025〕8号）", "现将南政办发〔2025〕8号《南屿市人民政府办公室关于进一步加强校园周边安全管理工作的通知》", "先引标题"),
    Seed("cited-no-brackets", "引用公文先标题后字号", "request-one-attachment", "创建工作方案》（南政办〔2025〕12号）",
         "创建工作方案》南政办〔2025〕12号", "发文字号加圆括号"),
    Seed("cited-number-first-letter", "引用公文先标题后字号", "letter-request-info", "根据《青禾区审计整改工作办法》（青政办发〔2023〕15号）",
         "根据青政办发〔2023〕15号《青禾区审计整改工作办法》", "先引标题"),
    Seed("cited-title-two-numbers", "同一文件引了两种字号或标题", "notice-full-title-supplies", "物资仓库实行专人管理",
         "按照《青禾区防汛防台应急预案》（青政办发〔2024〕9号）规定，物资仓库实行专人管理", "前后引了两个发文字号"),
    Seed("cited-title-two-numbers-report", "同一文件引了两种字号或标题", "report-short-title", "\n\n  特此报告。",
         "\n\n  办理时限按照《南屿市人民政府办公室关于做好2025年人大代表建议和政协提案办理工作的通知》（南政办发〔2025〕5号）执行。"
         "\n\n  特此报告。", "前后引了两个发文字号", "  办理时限按照"),
    Seed("cited-number-two-titles", "同一文件引了两种字号或标题", "letter-request-info", "请贵局于10月31日前提供",
         "按照《青禾区审计整改工作规程》（青政办发〔2023〕15号），请贵局于10月31日前提供", "对应两个标题"),
    Seed("cited-code-swapped", "代字前后写法不一", "notice-full-title-supplies", "现将有关事项通知如下。",
         "结合《青禾区防汛物资管理规定》（青办政发〔2023〕11号），现将有关事项通知如下。", "次序不同"),
    Seed("cited-code-swapped-report", "代字前后写法不一", "report-short-title", "\n\n  特此报告。",
         "\n\n  办理程序按照《南屿市建议提案办理办法》（南办政发〔2024〕3号）执行。\n\n  特此报告。", "次序不同", "  办理程序按照"),
    Seed("cited-code-swapped-letter", "代字前后写法不一", "letter-request-info", "整改工作办法》（青政办发〔2023〕15号）规定",
         "整改工作办法》（青政办发〔2023〕15号）和《青禾区审计结果公告办法》（青政发办〔2024〕2号）规定", "次序不同",
         "根据《青禾区审计整改工作办法》"),
    Seed("cited-code-one-char", "代字前后写法不一", "notice-forwarding", "请一并贯彻落实。",
         "请一并贯彻落实。南政发〔2025〕8号文件提出的各项措施，各单位要逐条对照。", "代字只差一个字", "转发给你们"),
    # 人名、数字
    Seed("name-chair", "人名前后写法不一", "minutes-full-title", "区长林振华主持", "区长林振化主持", "人名“林振化”"),
    Seed("name-deputy", "人名前后写法不一", "minutes-special-meeting", "副区长顾国平主持", "副区长顾国萍主持", "人名“顾国萍”"),
    Seed("name-director", "人名前后写法不一", "minutes-office-meeting", "主任陈德安主持", "主任陈得安主持", "人名“陈得安”"),
    Seed("name-contact", "人名前后写法不一", "meeting-notice-full-title", "到场签到。", "到场签到，会议联系人：孙皓。", "人名“孙皓”"),
    Seed("number-money", "同一数字两种写法", "request-full-title", "以上请示，请予审批。",
         "市级补助一千五百万元到位后，我区将专款专用。\n\n  以上请示，请予审批。", "“一千五百万元”"),
    Seed("number-hours", "同一数字两种写法", "notice-december-deadline", "起恢复正常值班。", "起恢复正常值班，节日期间值班人员须二十四小时保持通讯畅通。",
         "“二十四小时”"),
    Seed("number-money-minutes", "同一数字两种写法", "minutes-absent-members", "于7月10日前下达。", "于7月10日前下达一千二百万元。",
         "“一千二百万元”"),
    Seed("number-session-written", "同一数字两种写法", "sample:executive-meeting-12-minutes", "林振华主持召开区政府第12次常务会议",
         "林振华主持召开区政府第十二次常务会议", "两种写法"),
    Seed("session-minutes-13", "纪要会次与标题不符", "minutes-full-title", "主持召开区政府第13次", "主持召开区政府第12次", "请核对会议届次"),
    Seed("session-minutes-16", "纪要会次与标题不符", "minutes-absent-members", "主持召开区政府第16次", "主持召开区政府第15次", "请核对会议届次"),
    Seed("session-minutes-special", "纪要会次与标题不符", "minutes-special-meeting", "主持召开区政府第5次", "主持召开区政府第6次", "请核对会议届次"),
)


def base_text(base: str) -> str:
    """Return a clean spec's text: a corpus file, or `sample:NAME` for content/documents/NAME.yml."""
    path = SAMPLES / f"{base[7:]}.yml" if base.startswith("sample:") else CORPUS / "clean" / f"{base}.yml"
    return path.read_text(encoding="utf-8")


def seeded_text(seed: Seed) -> str:
    """Return the seeded spec with its two header lines (rule and expectation)."""
    text = base_text(seed.base)
    if text.count(seed.old) != 1:
        raise SystemExit(f"{seed.name}: “{seed.old}” must occur exactly once in {seed.base}")
    planted = text.replace(seed.old, seed.new)
    mark = seed.mark or seed.new.strip("\n").split("\n")[0].strip()
    header = 2
    lines = planted.splitlines()
    at = next(n for n, line in enumerate(lines, start=1 + header) if mark in line)
    return f"# 埋入的错误：{seed.rule}（{seed.base}）\n# 预期：第{at}行：{seed.expect}\n{planted}"


def main() -> None:
    folder = CORPUS / "seeded"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yml"):
        old.unlink()
    for seed in SEEDS:
        (folder / f"{seed.name}.yml").write_text(seeded_text(seed), encoding="utf-8")
    print(f"{len(SEEDS)} seeded specs in {folder}")


if __name__ == "__main__":
    main()
