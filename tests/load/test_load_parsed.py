"""Records taken from the parse cache or from a session's memory pass the same gate as records read fresh."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache
from generator.cache import PARSE
from generator.errors import ContentError
from generator.load import load_content
from generator.load.parsed import ParsedRecords
from generator.model import classified
from generator.session import Session
from tests.conftest import make_root

# "工作秘密" (a work secret) is not a classification marker under today's rule; the tests widen the rule to it.
RECORD = "title: 春节走访\ndate: 2025-01-20\ntype: 活动\nsummary: 本材料属工作秘密，注意保管\n"
WIDER = re.compile(classified.CLASSIFIED_MARK.pattern + "|工作秘密")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "handbook", {"content/reviews/visit.yml": RECORD})


@pytest.fixture
def cache_dir(root: Path) -> Path:
    return root / "build" / "cache"


@pytest.fixture
def cache_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Each lookup in the parse cache, True when it found the record."""
    reads: list[bool] = []
    original = ParsedRecords.get

    def get(self: ParsedRecords, raw: bytes) -> object:
        found = original(self, raw)
        reads.append(found is not None)
        return found

    monkeypatch.setattr(ParsedRecords, "get", get)
    yield reads


def refusal(root: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root, **kwargs)  # type: ignore[arg-type]
    return [str(problem) for problem in caught.value.problems]


EXPECTED = [
    "content/reviews/visit.yml:4:10: " + classified.CLASSIFIED_MESSAGE.format(mark="工作秘密"),
]


class DescribeTheParseCache:
    def it_serves_an_unchanged_record_to_a_new_session(self, root: Path, cache_dir: Path, cache_reads: list[bool]) -> None:
        load_content(root, cache_dir=cache_dir, session=Session())
        load_content(root, cache_dir=cache_dir, session=Session())
        assert cache_reads == [False, True]
        assert PARSE.cache_file(cache_dir).is_file()

    def it_refuses_a_cached_record_that_a_widened_marker_rule_now_matches(
        self, root: Path, cache_dir: Path, cache_reads: list[bool], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert load_content(root, cache_dir=cache_dir, session=Session()).items[0].id == "visit"
        monkeypatch.setattr(classified, "CLASSIFIED_MARK", WIDER)
        assert refusal(root, cache_dir=cache_dir, session=Session()) == EXPECTED
        assert cache_reads == [False, True]  # the record did come from the cache, and was refused all the same

    def it_refuses_it_exactly_as_a_fresh_read_does(self, root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        load_content(root, cache_dir=cache_dir, session=Session())
        monkeypatch.setattr(classified, "CLASSIFIED_MARK", WIDER)
        assert refusal(root, cache_dir=cache_dir, session=Session()) == refusal(root, session=Session())

    def it_is_dropped_whole_when_the_rule_set_changes(
        self, root: Path, cache_dir: Path, cache_reads: list[bool], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        load_content(root, cache_dir=cache_dir, session=Session())
        monkeypatch.setattr(cache, "rules_version", lambda: "a widened rule set")
        load_content(root, cache_dir=cache_dir, session=Session())
        assert cache_reads == [False, False]  # parsed again under the new rules

    def it_is_dropped_whole_when_the_parse_code_changes(
        self, root: Path, cache_dir: Path, cache_reads: list[bool], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        load_content(root, cache_dir=cache_dir, session=Session())
        monkeypatch.setattr(cache.Stage, "fingerprint", lambda self: "changed reader")
        load_content(root, cache_dir=cache_dir, session=Session())
        assert cache_reads == [False, False]

    def it_checks_what_the_cache_holds_not_what_it_was_told(self, root: Path, cache_dir: Path) -> None:
        """A cache entry altered on disk is checked like a file: a marker in it is refused."""
        load_content(root, cache_dir=cache_dir, session=Session())
        path = PARSE.cache_file(cache_dir)
        header, line = path.read_text(encoding="utf-8").splitlines()
        name, _, value = line.partition("\t")
        entry = json.loads(value)
        entry["data"]["summary"] = "机密★1年"
        path.write_text(f"{header}\n{name}\t{json.dumps(entry, ensure_ascii=False)}\n", encoding="utf-8")
        assert refusal(root, cache_dir=cache_dir, session=Session()) == [
            "content/reviews/visit.yml:4:10: " + classified.CLASSIFIED_MESSAGE.format(mark="机密★1年"),
        ]

    @pytest.mark.parametrize("damage", ["{not json", '{"data": [1, 2], "values": [], "keys": []}', '{"values": []}'])
    def it_parses_the_file_again_when_an_entry_is_damaged(self, root: Path, cache_dir: Path, damage: str) -> None:
        load_content(root, cache_dir=cache_dir, session=Session())
        path = PARSE.cache_file(cache_dir)
        header, line = path.read_text(encoding="utf-8").splitlines()
        path.write_text(f"{header}\n{line.partition(chr(9))[0]}\t{damage}\n", encoding="utf-8")
        item = load_content(root, cache_dir=cache_dir, session=Session()).items[0]
        assert item.model.summary == "本材料属工作秘密，注意保管"


    def it_decodes_positions_only_when_a_message_needs_them(self, root: Path, cache_dir: Path) -> None:
        """A record's positions are the larger part of its entry; a damaged table costs the message its place,
        never the load."""
        load_content(root, cache_dir=cache_dir, session=Session())
        path = PARSE.cache_file(cache_dir)
        header, line = path.read_text(encoding="utf-8").splitlines()
        name, _, value = line.partition("\t")
        entry = json.loads(value)
        item = load_content(root, cache_dir=cache_dir, session=Session()).items[0]
        assert item.positions.value(("summary",)) == (4, 10)  # decoded when asked, as a fresh read gives it
        entry["at"] = "[not json"
        path.write_text(f"{header}\n{name}\t{json.dumps(entry, ensure_ascii=False)}\n", encoding="utf-8")
        item = load_content(root, cache_dir=cache_dir, session=Session()).items[0]
        assert item.model.summary == "本材料属工作秘密，注意保管"
        assert item.positions.value(("summary",)) == (1, 1)


class DescribeTheSessionMemory:
    def it_keeps_each_record_between_loads(self, root: Path) -> None:
        session = Session()
        first = load_content(root, session=session).items[0]
        assert load_content(root, session=session).items[0] is first

    def it_reads_an_edited_record_again(self, root: Path) -> None:
        session = Session()
        load_content(root, session=session)
        (root / "content" / "reviews" / "visit.yml").write_text(RECORD.replace("春节走访", "元旦走访"), encoding="utf-8")
        assert load_content(root, session=session).items[0].title == "元旦走访"

    def it_refuses_a_kept_record_that_a_widened_marker_rule_now_matches(
        self, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        session = Session()
        load_content(root, session=session)
        monkeypatch.setattr(classified, "CLASSIFIED_MARK", WIDER)
        assert refusal(root, session=session) == EXPECTED

    def it_is_separate_for_each_session(self, root: Path) -> None:
        one, other = Session(), Session()
        load_content(root, session=one)
        assert other.loaded == {} and len(one.loaded) == 1

    def it_forgets_on_request(self, root: Path) -> None:
        session = Session()
        load_content(root, session=session)
        session.forget_loaded()
        assert session.loaded == {} and session.loaded_roots == set()


class DescribeTheCollectorsPace:
    def it_is_as_before_after_a_load_that_succeeds_or_fails(self, root: Path) -> None:
        import gc

        before = gc.get_threshold()
        load_content(root, session=Session())
        assert gc.get_threshold() == before
        (root / "content" / "reviews" / "broken.yml").write_text("title: 坏记录\ndate: 2024-02-30\n", encoding="utf-8")
        refusal(root, session=Session())
        assert gc.get_threshold() == before

    def it_is_slower_only_while_records_are_read(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import gc

        from generator import load

        seen = []
        reader = load._load_yaml_record
        monkeypatch.setattr(load, "_load_yaml_record", lambda *args: seen.append(gc.get_threshold()[0]) or reader(*args))
        load_content(root, session=Session())
        assert seen == [load.YOUNG]
