"""Write a synthetic content root of N event reviews for benchmarks: `generate(root, n, seed)`.

The reviews are made from the word lists below (our own, not the seed speeches), so they read like the
office's reviews: a reception, meeting or event, two to four problems with cause and fix, lessons,
actions and tags. About one review in ten is in traditional characters, one in ten public and one in
twenty restricted, so the search editions and the 繁/简 folding are exercised too.

    python bench/synthetic.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

TYPES = ["接待", "会议", "活动", "应急", "办文", "其他"]
SUBJECTS = {
    "接待": ["省调研组来区调研", "市督查组督查重点项目", "兄弟区县考察团来访", "外商投资考察团座谈", "上级巡视组进驻", "对口支援地区代表团来访"],
    "会议": ["区政府常务会议", "全区经济工作会议", "季度经济运行分析会", "安全生产工作会议", "民生实事推进会", "防汛工作部署会"],
    "活动": ["招商推介会", "政府开放日", "重点项目集中开工仪式", "春节走访慰问", "志愿服务集中活动", "科技创新大赛颁奖"],
    "应急": ["台风防御值班", "暴雨内涝处置", "高温天气保供电", "节假日值班值守", "突发停水应急处置", "森林防火值守"],
    "办文": ["建议提案办理", "年度工作报告起草", "请示件报送", "会议纪要印发", "发文字号清理", "政务公开信息报送"],
    "其他": ["办公用房调整", "公务用车改革", "档案整理移交", "值班室搬迁", "视频会议系统升级", "信息系统切换"],
}
PLACES = ["区政府三楼会议室", "区行政中心大礼堂", "青禾宾馆", "区会展中心", "区政府总值班室", "桥东街道", "禾丰镇", "经济开发区管委会"]
LEADS = ["常务副区长", "分管副区长", "办公室主任", "秘书科科长", "文书科科长", "总值班室主任"]
PROBLEMS = [
    ("替会人员的席卡没有及时更换", "请假和替会信息没有传到会场布置人员", "会前一小时按最终名单逐一核对席卡和座次图"),
    ("主席台话筒没有声音", "会前没有按实际布置踩点试音", "会前两小时逐个试音，备用话筒和电池放在主席台下"),
    ("会议通知漏发两个单位", "通知只发到工作群，没有逐一电话确认", "通知发出后做三看，逐一电话确认并登记接听人"),
    ("来宾饮食禁忌没有提前掌握", "三问时没有问到过敏和忌口", "来宾名单一并收集饮食禁忌，菜单请对方联系人确认"),
    ("车辆调度迟缓，领导等车二十分钟", "假期只安排一名驾驶员值班", "加强值班期间至少两台车、两名驾驶员在机关待命"),
    ("发文字号的括号用错", "拟稿人从旧模板复制，校对只看正文", "校对清单加上发文字号一项，括号一律用六角括号"),
    ("讲话稿送审太晚，领导来不及修改", "没有按三个三分之二倒排时间", "讲话稿在会前三分之二时间内送审"),
    ("值班人员私下调换班次", "调班没有报批和报备的规定", "调班须经总值班室主任同意，并当即更新值班表"),
    ("各街道报送数字口径不一", "报送模板没有写明统计口径", "统一报送模板，分列各项口径"),
    ("接待费用超出标准", "临时增加人数没有重新报批", "人数变化当天重新报批，日结算、周汇总、月对账"),
    ("现场引导人员不熟悉路线", "没有提前踩点和演练", "活动前一天带引导人员实地走一遍路线"),
    ("会场空调温度过低", "会场管理方没有按通知调温", "会前一小时派专人检查会场温度和照明"),
    ("签到表名单与实际不符", "参会名单更新后没有同步到签到处", "名单定稿后统一版本号，签到处只用最新版"),
    ("视频会议分会场掉线", "没有提前联调备用线路", "会前一天联调主备线路并指定分会场联络员"),
    ("材料印制份数不够", "参会人数临时增加没有通知文印室", "按报名人数加一成印制，变化及时通知文印室"),
]
LESSONS = [
    "不怕有问题，就怕同样的问题再次发生",
    "发了通知不等于通知到了，三看一项都不能少",
    "不踩点，话筒就会不响",
    "交通和食品安全是接待底线",
    "接待标准一分都不能超",
    "变更要发变更通知，不能只在群里说一句",
    "数字口径不统一，报上去的信息就经不起核对",
    "事前安排会要把每个环节落实到人",
    "零差错要落实到每一个符号",
    "整改要回头看，看有没有真正落实",
]
WENT_WELL = ["分工明确，每个环节都有责任人", "事前安排会开得细", "应急预案准备充分", "信息报送及时准确", "现场秩序良好"]
TAGS = ["席卡", "座次", "踩点", "音响", "会议通知", "三看", "食品安全", "用车", "值班", "校对", "文号", "接待标准", "报送", "材料", "视频会议"]
OWNERS = ["秘书科", "文书科", "总值班室", "行政科", "信息科", "机关事务中心"]


def _q(text: str) -> str:
    """A YAML scalar that is always a string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def review_yaml(rng: random.Random, number: int, traditional: bool) -> str:
    """One review as YAML text."""
    review_type = rng.choice(TYPES)
    subject = rng.choice(SUBJECTS[review_type])
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))
    place = rng.choice(PLACES)
    problems = rng.sample(PROBLEMS, rng.randint(2, 4))
    headcount = rng.randint(8, 400)
    lines = [
        f"title: {_q(f'{day.year}年{subject}工作总结（{number}）')}",
        f"date: {day.isoformat()}",
        f"type: {review_type}",
        f"place: {_q(place)}",
        f"lead: {_q(rng.choice(LEADS))}",
        f"headcount: {headcount}",
        f"summary: {_q(f'{day.month}月{day.day}日在{place}举行{subject}，共{headcount}人参加。' + problems[0][0] + '，' + rng.choice(LESSONS) + '。')}",
        f"planned: {_q(f'按照事前安排会分工，{rng.choice(OWNERS)}负责会场和材料，{rng.choice(OWNERS)}负责人员通知和车辆。')}",
        f"happened: {_q('；'.join(p[0] for p in problems) + '。')}",
        "went_well:",
        *(f"  - {_q(text)}" for text in rng.sample(WENT_WELL, 2)),
        "problems:",
    ]
    for what, cause, fix in problems:
        lines += [f"  - what: {_q(what)}", f"    cause: {_q(cause)}", f"    severity: {rng.choice('高中低')}",
                  f"    fix: {_q(fix)}"]
    lines += ["lessons:", *(f"  - {_q(text)}" for text in rng.sample(LESSONS, 2)), "actions:"]
    for _, _, fix in problems[:2]:
        due = day + timedelta(days=rng.randint(7, 90))
        lines += [f"  - what: {_q(fix)}", f"    owner: {_q(rng.choice(OWNERS))}", f"    due: {due.isoformat()}",
                  f"    done: {rng.choice(['true', 'false'])}"]
    lines.append(f"tags: [{', '.join(_q(t) for t in rng.sample(TAGS, 3))}]")
    roll = rng.random()
    if roll < 0.1:
        lines.append("audience: public")
    elif roll > 0.95:
        lines.append("audience: restricted")
    text = "\n".join(lines) + "\n"
    if traditional:
        import opencc

        text = opencc.OpenCC("s2t").convert(text).replace("type: 應急", "type: 应急").replace("type: 會議", "type: 会议")
        text = text.replace("type: 辦文", "type: 办文").replace("type: 活動", "type: 活动")
    return text


def generate(root: Path, n: int, seed: int = 0) -> Path:
    """Write site_config.yml and content/reviews/*.yml with n synthetic reviews under root."""
    rng = random.Random(seed)
    reviews = root / "content" / "reviews"
    reviews.mkdir(parents=True, exist_ok=True)
    (root / "site_config.yml").write_text(
        "organisation: 青禾区人民政府办公室\nsite_title: 合成基准手册\n", encoding="utf-8"
    )
    for number in range(1, n + 1):
        traditional = rng.random() < 0.1
        (reviews / f"synthetic-{number:05d}.yml").write_text(review_yaml(rng, number, traditional), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成合成的事后总结，用于基准测试 / write synthetic reviews")
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate(args.out, args.n, args.seed)
    print(f"{args.n} reviews written under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
