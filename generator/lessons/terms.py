"""Normalise Chinese text and pull out its key terms, so that the same problem is recognised in two reviews.

Reviews arrive in simplified and traditional characters (seed 003); every comparison first
folds the text exactly as the search stage does (OpenCC 繁→简, full-width letters, case). Key terms come from jieba with our own tokenizer instance
(so the shared default one is left alone), taught the office's vocabulary: every tag used in the
content plus a few words jieba would otherwise split (席卡, 替会, 踩点 ...).

Two reviews seldom use the same words for the same thing (晚到 and 绕行, 话筒 and 麦克风, 姓名 and
名字). CONCEPTS names a few families of office words that say the same thing; a term of a family
also counts as the family's name, so those two texts share a term. Each term weighs its inverse
document frequency from jieba's own table (a word every text uses, like 没有, weighs little).
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import LESSONS, CacheFile, digest
from generator.search.text import analyzer_version
from generator.search.text import normalise as fold  # 繁→简, full-width → ASCII, lower case: as search does

if TYPE_CHECKING:
    import jieba

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


# Families of words that name the same thing in a problem's text: {family: its words}.
CONCEPTS = {
    "车辆": "公务用车 用车 大巴 车辆 考斯特 等车 候车 车队 驾驶员 司机",
    "迟到": "晚到 迟到 等候 等车 绕行 晚出发 超时",
    "席卡": "席卡 桌签 台签",
    "替会": "替会 替会人员 代会 替会名单",
    "姓名": "姓名 名字 人名",
    "话筒": "话筒 麦克风 音响 声音 不响",
    "试音": "试音 测试 联调 调试 试用",
    "漏接": "无人接听 没人接 未接",
    "错字": "错字 写错 错误 转换错误",
    "超标": "超标准 超过标准 超标 酒水 加菜",
    "饮食": "饮食 忌口 饮食习惯 清真 禁忌 饮食禁忌",
    "变更": "变更 调整 变化 提前",
    "送审": "送审 审阅 审改",
    "人数": "人数 最终人数",
    "礼品": "礼品 礼盒 土特产 慰问品 纪念品",
    "讲解": "讲解 讲解人员 讲解词",
}
_FAMILY = {word: family for family, words in CONCEPTS.items() for word in words.split()}
CONCEPT_WORDS = tuple(sorted(word for word in _FAMILY if len(word) >= 2))


def normalise(text: str) -> str:
    """Simplified characters, no spaces or punctuation, lower case: the form every comparison uses."""
    return re.sub(r"[\s\W_]+", "", fold(text))


@lru_cache(maxsize=8)
def _tokenizer(extra_words: tuple[str, ...]) -> jieba.Tokenizer:
    import jieba  # only when a text's terms are not kept yet (build/cache/lessons.cache): it takes a while to import

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in (*DOMAIN_WORDS, *CONCEPT_WORDS, *extra_words):
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


@lru_cache(maxsize=65536)
def concept_terms(text: str) -> frozenset[str]:
    """Key terms of a text plus the family name (CONCEPTS) of each term that belongs to one."""
    terms = key_terms(text)
    return terms | frozenset(_FAMILY[t] for t in terms if t in _FAMILY)


IDF_TABLE = ("analyse", "idf.txt")  # jieba's inverse document frequencies, "word idf" per line


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table, read directly: importing jieba.analyse would also load its part-of-speech models."""
    text = resources.files("jieba").joinpath(*IDF_TABLE).read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.rpartition(" ")
        if word:
            table[word] = float(value)
    return table, statistics.median(table.values())


def term_weight(term: str) -> float:
    """How much a shared term says: its inverse document frequency in jieba's table (unknown words: the median)."""
    idf, median = _idf()
    return float(idf.get(term, median))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Weighted Jaccard similarity of two term sets: 0 nothing shared, 1 the same terms."""
    return JIEBA_TERMS.overlap(a, b)


@dataclass(frozen=True)
class Terms:
    """Where the comparisons get a text's concept terms and a term's weight: from jieba and its IDF table."""

    def concept(self, text: str) -> frozenset[str]:
        return concept_terms(text)

    def weight(self, term: str) -> float:
        return term_weight(term)

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard similarity of two term sets (fsum: the same value whatever order a set iterates)."""
        if not a or not b:
            return 0.0
        return math.fsum(map(self.weight, a & b)) / math.fsum(map(self.weight, a | b))


JIEBA_TERMS = Terms()


class KeptTerms(Terms):
    """Terms and weights as jieba gave them last time, kept in build/cache/lessons.cache between builds.

    Loading jieba's dictionary and IDF table costs about a second; a rebuild whose reviews' problems and
    actions were all seen before needs neither. An entry is a text's hash and its terms, or a term and its
    weight; the file's salt names the lessons code, the text folding and the versions of jieba and OpenCC,
    so a cached answer is the one jieba would give now. Entries no build asked for are dropped on save.
    """

    def __init__(self, folder: Path) -> None:
        self.file = CacheFile(LESSONS.cache_file(folder), LESSONS.salt(analyzer_version()))
        self.terms: dict[str, frozenset[str]] = {}
        self.weights: dict[str, float] = {}

    def concept(self, text: str) -> frozenset[str]:
        found = self.terms.get(text)
        if found is None:
            stored = self.file.get_or_make("t" + digest([text]), lambda: " ".join(sorted(concept_terms(text))))
            found = self.terms[text] = frozenset(stored.split())
        return found

    def weight(self, term: str) -> float:
        found = self.weights.get(term)
        if found is None:  # a term is letters only: never a tab, a newline or a space
            stored = self.file.get_or_make("w" + term, lambda: repr(term_weight(term)))
            found = self.weights[term] = float(stored)
        return found

    def save(self) -> None:
        self.file.save()
