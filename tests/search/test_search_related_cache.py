"""Similar reviews for the site are kept between builds: a few edits update only the lists they touch.

The fixture root grows by thirty reviews on five subjects, so its internal edition holds 41 records:
two changed records are the most an update may carry (5 %) before everything is computed again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from searchkit import INTERNAL_MARKERS, RESTRICTED_MARKERS

from generator.load import load_content
from generator.search import Hit, related, related_dir, related_many, similar_ids
from generator.search.related_cache import CACHE_FILE, RelatedStats, _load, _save, forget, last_stats
from generator.session import Session

ASKED = 3
SUBJECTS = [  # type, title, what went wrong, why, fix, tag
    ("会议", "视频会议", "视频会议画面卡顿，分会场听不清", "专线带宽不足，没有提前联调", "会前一天与各分会场联调", "视频会议"),
    ("接待", "来宾住宿安排", "宾馆房间不够，来宾在大堂等候", "报名人数变化没有告知宾馆", "入住前两天与宾馆逐间核对房间", "住宿"),
    ("活动", "文艺汇演", "演出节目超时，散场时出口拥堵", "节目单没有限定时长", "每个节目彩排计时，设专人掐表", "演出"),
    ("办文", "文件印发", "文件页码错乱，装订后返工", "排版后没有通读全文", "印发前逐页核对页码和附件", "印发"),
    ("其他", "档案整理", "档案盒标签不统一，查找困难", "没有统一的编号规则", "按年度和类别统一编号上架", "档案"),
]
PLACES = ["东区", "西区", "南湖街道", "北山镇", "开发区", "城关镇"]


# What one process (a preview, or builds run one after another in it) keeps between calls.
SESSION = Session()


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    forget(SESSION)
    yield
    forget(SESSION)


@pytest.fixture
def root(root: Path) -> Path:
    """The fixture root with thirty more internal reviews, six on each of five subjects."""
    for number in range(30):
        kind, title, what, cause, fix, tag = SUBJECTS[number % len(SUBJECTS)]
        place = PLACES[number // len(SUBJECTS)]
        _review(root, f"event-{number:02d}").write_text(
            f"title: {place}{title}工作总结\ndate: 2024-{1 + number % 12:02d}-{1 + number:02d}\ntype: {kind}\n"
            f"place: {place}\nsummary: {place}{title}中{what}。\n"
            f"problems:\n  - what: {what}\n    cause: {cause}\n    fix: {fix}\ntags: [{tag}]\n",
            encoding="utf-8",
        )
    return root


def _hits(root: Path, audience: str = "internal") -> dict[str, list[Hit]]:
    """Ask for every review's similar reviews as the site build does."""
    content = load_content(root)
    reviews = [item.id for item in content.for_audience(audience).of_kind("review")]
    return related_many(content, reviews, ASKED, audience, root / "build" / "index", session=SESSION)


def _lists(root: Path, audience: str = "internal") -> dict[str, list[str]]:
    """The lists as ids, as the site build asks for them (no cards made)."""
    content = load_content(root)
    reviews = [item.id for item in content.for_audience(audience).of_kind("review")]
    return similar_ids(content, reviews, ASKED, audience, root / "build" / "index", session=SESSION)


@pytest.mark.parametrize("same_process", [True, False], ids=["handbook serve", "handbook build again"])
def test_the_ids_the_build_asks_for_are_those_of_the_hits(root: Path, same_process: bool) -> None:
    lists = _lists(root)
    assert {record_id: [hit.id for hit in hits] for record_id, hits in _hits(root).items()} == lists
    _edit(root, "event-01", "宾馆房间不够", "宾馆房间不够，视频会议画面卡顿")
    _new_process(same_process)
    edited = _lists(root)
    assert edited != lists and _done(root).mode == "incremental"
    assert {record_id: [hit.id for hit in hits] for record_id, hits in _hits(root).items()} == edited


def _done(root: Path, audience: str = "internal") -> RelatedStats:
    stats = last_stats(related_dir(root / "build" / "index", audience), SESSION)
    assert stats is not None
    return stats


def _review(root: Path, name: str) -> Path:
    return root / "content" / "reviews" / f"{name}.yml"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = _review(root, name)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _new_process(same_process: bool) -> None:
    if not same_process:
        forget(SESSION)  # the next call starts from the cache file, as `handbook build` run again would


def _everywhere(lists: dict[str, list[str]]) -> set[str]:
    return set(lists) | {other for found in lists.values() for other in found}


@pytest.mark.parametrize("same_process", [True, False], ids=["handbook serve", "handbook build again"])
def test_a_review_edited_to_resemble_another_is_listed_with_it_both_ways(root: Path, same_process: bool) -> None:
    before = _lists(root)
    assert _done(root).mode == "full"
    assert "microphone" not in before["food-safety"] and "food-safety" not in before["microphone"]
    microphone = _review(root, "microphone").read_text(encoding="utf-8")
    _review(root, "food-safety").write_text(
        microphone.replace("全区安全生产大会会务总结", "全区防汛工作大会会务总结").replace("2025-01-15", "2025-04-02"),
        encoding="utf-8",
    )
    _new_process(same_process)
    after = _lists(root)
    done = _done(root)
    assert (done.mode, done.source, done.changed, done.drift) == (
        "incremental", "memory" if same_process else "file", 1, 1)
    assert after["food-safety"][0] == "microphone"
    assert after["microphone"][0] == "food-safety"


def test_a_new_process_rewrites_only_the_entries_it_changed_and_the_file_is_as_if_written_whole(
    root: Path, tmp_path: Path
) -> None:
    _lists(root)
    path = related_dir(root / "build" / "index", "internal") / CACHE_FILE
    before = path.read_text(encoding="utf-8").splitlines()
    _edit(root, "event-01", "宾馆房间不够", "宾馆房间不够，视频会议画面卡顿")
    forget(SESSION)
    _lists(root)
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) > 40 and 0 < sum(a != b for a, b in zip(before, after, strict=True)) < 20
    kept = _load(path)
    assert kept is not None and kept.encoded  # each line read back as it was written
    kept.encoded.clear()
    _save(tmp_path / CACHE_FILE, kept)  # every entry encoded afresh
    assert (tmp_path / CACHE_FILE).read_bytes() == path.read_bytes()


def test_a_review_rewritten_on_another_subject_enters_that_subjects_lists(root: Path) -> None:
    before = _lists(root)
    assert "event-00" not in before["event-01"]  # video conferencing, then lodging
    _review(root, "event-00").write_text(_review(root, "event-01").read_text(encoding="utf-8"), encoding="utf-8")
    after = _lists(root)
    done = _done(root)
    # incremental: the edited record, and only the few holding a word that became shared or unshared
    assert done.mode == "incremental" and 1 <= done.reweighed <= 3
    assert after["event-01"][0] == "event-00" and after["event-00"][0] == "event-01"


def test_a_new_review_finds_the_one_that_alone_had_its_words(root: Path) -> None:
    before = _lists(root)
    (root / "content" / "reviews" / "second-move.yml").write_text(
        "title: 档案室搬迁小结\ndate: 2025-06-01\ntype: 其他\n"
        "summary: 通信公司移机时间没有对好，原址没有张贴新电话，电话转接中断。\ntags: [档案]\n",
        encoding="utf-8",
    )
    after = _lists(root)
    assert (_done(root).mode, _done(root).added) == ("incremental", 1)
    assert "office-move" in after["second-move"]
    assert "second-move" in after["office-move"] and "second-move" not in before["office-move"]


def test_a_deleted_review_disappears_from_every_list(root: Path) -> None:
    before = _lists(root)
    listed = [other for found in before.values() for other in found]
    gone = max(sorted(set(listed)), key=listed.count)  # the review shown most often
    _review(root, gone).unlink()
    after = _lists(root)
    assert (_done(root).mode, _done(root).removed) == ("incremental", 1)
    assert gone not in _everywhere(after)
    assert all(len(after[record_id]) == ASKED for record_id, found in before.items() if gone in found)


@pytest.mark.parametrize("same_process", [True, False], ids=["handbook serve", "handbook build again"])
def test_a_review_raised_above_the_audience_leaves_the_lower_editions_lists(root: Path, same_process: bool) -> None:
    internal, restricted = _lists(root, "internal"), _lists(root, "restricted")
    assert "office-move" in _everywhere({k: v for k, v in internal.items() if k != "office-move"})
    path = _review(root, "office-move")
    path.write_text(path.read_text(encoding="utf-8") + "audience: restricted\n", encoding="utf-8")
    _new_process(same_process)
    internal = _lists(root, "internal")
    assert (_done(root, "internal").mode, _done(root, "internal").removed) == ("incremental", 1)
    assert "office-move" not in _everywhere(internal)
    restricted = _lists(root, "restricted")
    assert (_done(root, "restricted").mode, _done(root, "restricted").changed) == ("incremental", 1)
    assert "office-move" in _everywhere(restricted)


def test_no_list_and_no_cache_file_holds_a_record_above_its_edition(root: Path) -> None:
    content = load_content(root)
    for audience, markers in (("public", INTERNAL_MARKERS + RESTRICTED_MARKERS), ("internal", RESTRICTED_MARKERS)):
        visible = {item.id for item in content.for_audience(audience).items}
        assert _everywhere(_lists(root, audience)) <= visible
        raw = (related_dir(root / "build" / "index", audience) / CACHE_FILE).read_bytes()
        for record_id in {item.id for item in content.items} - visible:
            assert f'"{record_id}"'.encode() not in raw
        for marker in markers:
            assert marker.lower().encode() not in raw.lower()


@pytest.mark.parametrize("damage", ["truncated", "not json", "wrong shape", "empty"])
def test_a_damaged_cache_file_is_ignored_and_written_again(root: Path, damage: str) -> None:
    before = _hits(root)
    path = related_dir(root / "build" / "index", "internal") / CACHE_FILE
    raw = path.read_bytes()
    path.write_bytes({
        "truncated": raw[: len(raw) // 2],
        "not json": b"\x00\xff garbage",
        "wrong shape": json.dumps({"version": 1, "records": [1, 2], "frequency": "x"}).encode(),
        "empty": b"",
    }[damage])
    forget(SESSION)
    assert _hits(root) == before
    assert (_done(root).mode, _done(root).source) == ("full", "none")
    assert json.loads(path.read_bytes())["records"]


@pytest.mark.parametrize("at_once", [True, False], ids=["three edits at once", "one edit after another"])
def test_more_than_five_percent_changed_means_a_full_computation(root: Path, at_once: bool) -> None:
    _lists(root)
    _edit(root, "microphone", "话筒", "麦克风")
    if not at_once:
        _lists(root)
        assert (_done(root).mode, _done(root).drift) == ("incremental", 1)
    _edit(root, "office-move", "搬迁", "迁移")
    if not at_once:
        _lists(root)
        assert (_done(root).mode, _done(root).drift) == ("incremental", 2)
    _edit(root, "food-safety", "花生", "坚果")
    _lists(root)
    assert (_done(root).mode, _done(root).drift) == ("full", 0)
    _edit(root, "typhoon-traditional", "颱風", "台风")
    _lists(root)
    assert (_done(root).mode, _done(root).drift) == ("incremental", 1)  # counted afresh from the full one


def test_with_nothing_changed_the_kept_lists_equal_a_full_computation(root: Path) -> None:
    full = _hits(root)
    assert (_done(root).mode, _done(root).computed) == ("full", len(full))
    assert _hits(root) == full
    assert (_done(root).mode, _done(root).source, _done(root).computed) == ("unchanged", "memory", 0)
    forget(SESSION)
    assert _hits(root) == full
    assert (_done(root).mode, _done(root).source, _done(root).computed) == ("unchanged", "file", 0)
    for record_id, hits in full.items():  # the same answers as asking for one record at a time
        assert related(record_id, ASKED, root=root, refresh=False) == hits
