"""Document numbers: the spec's own 发文字号 and the documents its text cites (GB/T 9704-2012 §7.2.5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.documents.proofread.source import Source, TextField, text_fields
from generator.errors import Problems
from generator.model.records import Document

# A document number cited in running text: 〔2025〕12号 and its usual slips; the 机关代字 is found
# by looking back from the bracket (at most eight characters, without a leading 根据/按照/和…).
NUMBER_IN_TEXT = re.compile(
    r"(?P<open>[〔\[【(（［〈<﹝])\s*(?P<year>\d{4})\s*(?P<close>[〕\]】)）］〉>﹞])\s*(?P<di>第?)\s*(?P<seq>\d+)\s*号"
)
PREFIX_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,8}$")
NOT_PREFIX = re.compile(r"^(?:根据|按照|依据|依照|参照|执行|贯彻|落实|印发|转发|关于|号|和|及|与|或|见|经|对|将|以|在|的)+")
PROCEDURE = "《国家行政机关公文处理办法》第二十三条：引用公文应当先引标题，后引发文字号"


@dataclass(frozen=True)
class CitedNumber:
    """A document number found in running text: as written, as it should be, and where it starts."""

    written: str
    fixed: str
    start: int
    match: re.Match[str]

    @property
    def end(self) -> int:
        return self.match.end()


def cited_numbers(text: str) -> Iterator[CitedNumber]:
    """Yield every document number cited in a text (an issuer's code followed by a bracketed year)."""
    for match in NUMBER_IN_TEXT.finditer(text):
        before = PREFIX_BEFORE.search(text, 0, match.start())
        prefix = NOT_PREFIX.sub("", before.group(0)) if before else ""
        if not prefix:
            continue  # “(2024)12号” without an issuer's code is not a document number
        yield CitedNumber(prefix + match.group(0), f"{prefix}〔{match['year']}〕{int(match['seq'])}号",
                          match.start() - len(prefix), match)


def own_number(doc: Document, source: Source, problems: Problems) -> None:
    """The spec's 发文字号: code only in prefix, no padding, the year of the 成文日期 (GB/T 9704 §7.2.5)."""
    if doc.number is None:
        return
    prefix = doc.number.prefix
    if re.search(r"[〔〕\[\]【】()（）\d]", prefix):
        source.add(problems, source.value(("number", "prefix")),
                   f"发文机关代字“{prefix}”里不应有年份、序号或括号：prefix 只写代字（如 青政办发），年份写在 year，序号写在 seq")
    raw_seq = source.raw_scalar(("number", "seq"))
    if re.fullmatch(r"0\d+", raw_seq):
        source.add(problems, source.value(("number", "seq")),
                   f"发文顺序号“{raw_seq}”不编虚位：应写成 {int(raw_seq, 10)}（1 不编为 01）")
    if doc.number.year != doc.date.year:
        source.add(problems, source.value(("number", "year")),
                   f"发文字号的年份 {doc.number.year} 与成文日期的年份 {doc.date.year} 不一致：请核对", warning=True)


def numbers_in_text(doc: Document, source: Source, problems: Problems) -> None:
    """Document numbers cited in the text: 〔〕 brackets, no 第, no leading zeros (GB/T 9704 §7.2.5)."""
    for text in text_fields(doc):
        for cited in cited_numbers(text.text):
            at = source.locate(text.loc, text.text, cited.start, len(cited.written))
            match = cited.match
            if match["open"] != "〔" or match["close"] != "〕":
                source.add(problems, at, f"发文字号“{cited.written}”的年份应使用六角括号〔〕：应写成“{cited.fixed}”")
            elif match["di"]:
                source.add(problems, at, f"发文字号“{cited.written}”的顺序号前不加“第”字：应写成“{cited.fixed}”")
            elif match["seq"].startswith("0"):
                source.add(problems, at, f"发文字号“{cited.written}”的顺序号不编虚位：应写成“{cited.fixed}”")


def cited_documents(doc: Document, source: Source, problems: Problems) -> None:
    """A cited document reads 《标题》（发文字号）, and one title or number is written one way throughout."""
    number_of_title: dict[str, tuple[str, int]] = {}
    title_of_number: dict[str, tuple[str, int]] = {}
    codes: dict[str, tuple[str, int]] = {}
    by_year_and_seq: dict[tuple[str, int], tuple[str, int]] = {}
    for text in text_fields(doc):
        if text.loc == ("title",):
            continue
        for cited in cited_numbers(text.text):
            at = source.locate(text.loc, text.text, cited.start, len(cited.written))
            _check_order(text, cited, source, problems, at)
            code = cited.written[:cited.match.start() - cited.start]
            _check_code(code, codes, source, problems, at)
            _check_same_number(code, cited, by_year_and_seq, source, problems, at)
            title = _title_before(text.text, cited)
            if title is None:
                continue
            number = cited.fixed
            if title in number_of_title and number_of_title[title][0] != number:
                earlier, line = number_of_title[title]
                source.add(problems, at, f"同一文件《{title}》前后引了两个发文字号：第{line}行是“{earlier}”，"
                           f"这里是“{number}”，请核对后统一")
            elif number in title_of_number and title_of_number[number][0] != title:
                earlier, line = title_of_number[number]
                source.add(problems, at, f"同一发文字号“{number}”前后对应两个标题：第{line}行是《{earlier}》，"
                           f"这里是《{title}》，请核对后统一")
            number_of_title.setdefault(title, (number, at[0]))
            title_of_number.setdefault(number, (title, at[0]))


def _title_before(text: str, cited: CitedNumber) -> str | None:
    """Return the 《title》 written just before a cited number, as in 《…》（青政办发〔2024〕3号）."""
    match = re.search(r"《([^《》\n]+)》\s*[（(]\s*$", text[:cited.start])
    return match.group(1) if match else None


def _check_order(text: TextField, cited: CitedNumber, source: Source, problems: Problems, at: tuple[int, int]) -> None:
    """A number followed by its 《title》 is cited the wrong way round; one right after 》 lacks its brackets."""
    after = text.text[cited.end:cited.end + 1]
    before = text.text[max(0, cited.start - 1):cited.start]
    if after == "《":
        source.add(problems, at, f"引用公文先引标题，后引发文字号：写成“《标题》（{cited.fixed}）”（{PROCEDURE}）",
                   warning=True)
    elif before == "》":
        source.add(problems, at, f"引用公文时发文字号加圆括号：写成“》（{cited.fixed}）”（{PROCEDURE}）", warning=True)


def _check_code(code: str, codes: dict[str, tuple[str, int]], source: Source, problems: Problems,
                at: tuple[int, int]) -> None:
    """The same issuer's 代字 typed with its characters in another order (青政办发 / 青办政发) is a slip."""
    key = "".join(sorted(code))
    if len(code) >= 3 and key in codes and codes[key][0] != code:
        earlier, line = codes[key]
        source.add(problems, at, f"发文机关代字“{code}”与第{line}行的“{earlier}”用字相同、次序不同：请核对后统一",
                   warning=True)
    codes.setdefault(key, (code, at[0]))


def _check_same_number(code: str, cited: CitedNumber, seen: dict[tuple[str, int], tuple[str, int]], source: Source,
                       problems: Problems, at: tuple[int, int]) -> None:
    """〔2024〕3号 cited once as 青政办发 and once as 青政发: one character apart, most likely one document."""
    key = (cited.match["year"], int(cited.match["seq"]))
    if key in seen and seen[key][0] != code and _one_edit_apart(seen[key][0], code):
        earlier, line = seen[key]
        source.add(problems, at, f"“{cited.written}”与第{line}行的“{earlier}{cited.written[len(code):]}”年份、序号相同，"
                   f"代字只差一个字：若是同一文件，请统一代字", warning=True)
    seen.setdefault(key, (code, at[0]))


def _one_edit_apart(first: str, second: str) -> bool:
    """Return True when one character added, removed or replaced turns first into second."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) == 1
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))
