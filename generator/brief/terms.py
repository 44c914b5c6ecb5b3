"""Normalise Chinese text and pull out its key terms, so that recurring problems can be grouped.

Reviews arrive in simplified and traditional characters (seed 003); every comparison first
folds the text exactly as the search stage does (OpenCC 繁→简, full-width letters, case). Key terms come from jieba with our own tokenizer instance
(so the shared default one is left alone), taught the office's vocabulary: every tag used in the
content plus a few words jieba would otherwise split (席卡, 替会, 踩点 ...).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

import jieba

from generator.search.text import normalise as fold  # 繁→简, full-width → ASCII, lower case: as search does

DOMAIN_WORDS = (
    "席卡", "席次", "替会", "替会人员", "踩点", "三要素", "三问", "三看", "八项规定", "公务用车", "用车",
    "会议通知", "变更通知", "汇报材料", "讲话稿", "签到表", "接待方案", "值班", "值班表", "值班日志",
    "礼盒", "礼品", "话筒", "音响", "茶歇", "饮食", "联系人", "驾驶员", "候车", "议题", "答复函",
    "文号", "发文字号", "成文日期", "姓名", "名单", "讲解", "首问", "首问责任制", "信访",
)

# Words that say nothing about *what* went wrong: negations, time words, generic office nouns.
_STOPWORD_TEXT = """
    没有 没 未 不 无 只 只能 只有 才 就 也 都 又 还 再 被 把 将 对 向 在 从 给 和 与 及 或 等 的 了 着 过 是 有
    这 那 其 该 本 各 每 一 一个 一位 一名 一组 两 两个 两份 三 几 多 少 个 件 名 位 份 次 时 后 前 中 内 外
    及时 临时 当天 当场 提前 事前 事后 开始 结束 出现 发现 造成 导致 存在 进行 使用 没能 不能 未能 仍 仍然
    问题 情况 工作 相关 有关 部分 人员 同志 单位 部门 领导 我方 对方 原 原定 实际 现场 会议 活动 接待
    时间 分钟 小时 上午 下午 当日 次日 准备 自行 增加 重新 最后 方面 代表 一致 超过 之后 之前
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TERM = re.compile(r"^[\u3400-\u9fffA-Za-z]{2,}$")
# "两分钟", "一个多", "三组", "半小时": amounts, not subjects
_AMOUNT = re.compile(r"^[一二两三四五六七八九十百千半几多每第]+[个多]?(?:分钟|小时|天|次|组|名|位|份|件|辆|个|项|多)?$")


def normalise(text: str) -> str:
    """Simplified characters, no spaces or punctuation, lower case: the form every comparison uses."""
    return re.sub(r"[\s\W_]+", "", fold(text))


@lru_cache(maxsize=8)
def _tokenizer(extra_words: tuple[str, ...]) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in (*DOMAIN_WORDS, *extra_words):
        tokenizer.add_word(word, freq=20000)
    return tokenizer


def key_terms(text: str, vocabulary: Iterable[str] = ()) -> frozenset[str]:
    """Return the distinct key terms of a text: simplified, two characters or more, no stopwords."""
    words = tuple(sorted({normalise(w) for w in vocabulary if len(normalise(w)) >= 2}))
    tokenizer = _tokenizer(words)
    simple = fold(text)
    return frozenset(
        token for token in tokenizer.lcut(simple, HMM=False) if _TERM.match(token) and token not in STOPWORDS and not _AMOUNT.match(token)
    )
