"""generator/cache.py: one key of inputs, the stage's own code and the rule set; one file layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cache
from generator.cache import FORMAT, PARSE, SITE, CacheFile, Stage


@pytest.fixture
def fresh_fingerprints() -> Iterator[None]:
    """Fingerprints are computed once per process; these tests change code on purpose."""
    cache._fingerprint.cache_clear()
    cache.rules_version.cache_clear()
    yield
    cache._fingerprint.cache_clear()
    cache.rules_version.cache_clear()


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_fingerprints: None) -> Path:
    """A stand-in generator/ folder holding one stage's code and the rule sources."""
    root = tmp_path / "code"
    (root / "generator" / "stage").mkdir(parents=True)
    (root / "generator" / "stage" / "run.py").write_text("STEP = 1\n")
    for rule in cache.RULE_SOURCES:  # a module, or a package given by its folder (as the real ones are)
        source = root / "generator" / rule
        if (cache.PACKAGE / rule).is_dir():
            source.mkdir(parents=True, exist_ok=True)
            source = source / "classified.py"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text("RULE = 1\n")
    (root / "templates" / "stage").mkdir(parents=True)
    (root / "templates" / "stage" / "page.j2").write_text("{{ x }}\n")
    monkeypatch.setattr(cache, "PACKAGE", root / "generator")
    monkeypatch.setattr(cache, "TEMPLATES", root / "templates")
    return root


STAGE = Stage("stage", ("stage",), ("stage",))


class DescribeStageKey:
    def it_is_the_same_for_the_same_inputs(self) -> None:
        assert PARSE.key(b"title: a\n") == PARSE.key(b"title: a\n")

    @pytest.mark.parametrize(("one", "other"), [((b"a",), (b"b",)), (("ab", "c"), ("a", "bc")), ((b"a\0", b"b"), (b"a", b"\0b")), (("a",), ("a", ""))])
    def it_differs_when_the_inputs_differ(self, one: tuple[str | bytes, ...], other: tuple[str | bytes, ...]) -> None:
        assert PARSE.key(*one) != PARSE.key(*other)

    def it_differs_between_stages_for_the_same_inputs(self) -> None:
        assert PARSE.key("x") != SITE.key("x")

    def it_changes_when_the_stage_code_changes(self, package: Path) -> None:
        before = STAGE.key("record")
        (package / "generator" / "stage" / "run.py").write_text("STEP = 2\n")
        cache._fingerprint.cache_clear()  # as a new process would
        assert STAGE.key("record") != before

    def it_changes_when_a_template_changes(self, package: Path) -> None:
        before = STAGE.fingerprint()
        (package / "templates" / "stage" / "page.j2").write_text("{{ x }} {{ y }}\n")
        cache._fingerprint.cache_clear()
        assert STAGE.fingerprint() != before

    def it_changes_when_the_rules_change(self, package: Path) -> None:
        before = STAGE.key("record")
        (package / "generator" / "model" / "classified.py").write_text("RULE = 2\n")
        cache.rules_version.cache_clear()
        assert STAGE.key("record") != before

    def it_ignores_compiled_files(self, package: Path) -> None:
        before = STAGE.fingerprint()
        (package / "generator" / "stage" / "__pycache__").mkdir()
        (package / "generator" / "stage" / "__pycache__" / "run.cpython-311.pyc").write_bytes(b"\0")
        cache._fingerprint.cache_clear()
        assert STAGE.fingerprint() == before

    def it_is_computed_once_per_process(self, package: Path) -> None:
        before = STAGE.fingerprint()
        (package / "generator" / "stage" / "run.py").write_text("STEP = 3\n")
        assert STAGE.fingerprint() == before  # the code a process runs does not change under it


class DescribeCacheFile:
    def it_gives_back_what_the_last_run_stored(self, tmp_path: Path) -> None:
        first = CacheFile(tmp_path / "s.cache", "salt")
        first.put("a", '{"x": 1}')
        first.save()
        assert CacheFile(tmp_path / "s.cache", "salt").get("a") == '{"x": 1}'

    def it_gives_back_values_holding_other_line_breaks_whole(self, tmp_path: Path) -> None:
        """Only a newline ends an entry: a record may hold U+2028 (pasted from Word) or a form feed."""
        value = '{"summary": "甲\u2028乙\x0c丙\x1e丁\x85戊\r己"}'
        first = CacheFile(tmp_path / "s.cache", "salt")
        first.put("a", value)
        first.put("b", "2")
        first.save()
        again = CacheFile(tmp_path / "s.cache", "salt")
        assert (again.get("a"), again.get("b")) == (value, "2")

    def it_starts_with_the_format_and_the_salt(self, tmp_path: Path) -> None:
        first = CacheFile(tmp_path / "s.cache", "salt")
        first.put("a", "1")
        first.save()
        assert (tmp_path / "s.cache").read_text(encoding="utf-8") == f"{FORMAT} salt\na\t1\n"

    def it_ignores_a_file_made_with_another_salt(self, tmp_path: Path) -> None:
        first = CacheFile(tmp_path / "s.cache", "old code")
        first.put("a", "1")
        first.save()
        assert CacheFile(tmp_path / "s.cache", "new code").get("a") is None

    def it_keeps_only_what_this_run_used_or_stored(self, tmp_path: Path) -> None:
        first = CacheFile(tmp_path / "s.cache", "salt")
        for name in ("kept", "dropped"):
            first.put(name, name)
        first.save()
        second = CacheFile(tmp_path / "s.cache", "salt")
        second.get("kept")
        second.save()
        third = CacheFile(tmp_path / "s.cache", "salt")
        assert (third.get("kept"), third.get("dropped")) == ("kept", None)

    @pytest.mark.parametrize("damage", [b"\xff\xfe not text", b"", b"handbook-cache 3 salt\nno tab here\n"])
    def it_treats_a_damaged_file_as_empty(self, tmp_path: Path, damage: bytes) -> None:
        (tmp_path / "s.cache").write_bytes(damage)
        assert CacheFile(tmp_path / "s.cache", "salt").stored == {}

    def it_removes_the_file_on_opening_when_fresh(self, tmp_path: Path) -> None:
        first = CacheFile(tmp_path / "s.cache", "salt")
        first.put("a", "1")
        first.save()
        opened = CacheFile(tmp_path / "s.cache", "salt", fresh=True)
        assert opened.previous("a") == "1" and not (tmp_path / "s.cache").exists()

    def it_refuses_values_that_would_break_the_layout(self, tmp_path: Path) -> None:
        with pytest.raises(ValueError):
            CacheFile(tmp_path / "s.cache", "salt").put("a", "two\nlines")

    def it_costs_only_time_when_it_cannot_be_written(self, tmp_path: Path) -> None:
        (tmp_path / "build").write_text("a file where the cache folder should be\n")  # unwritable even for root
        unwritable = CacheFile(tmp_path / "build" / "cache" / "s.cache", "salt")
        unwritable.put("a", "1")
        unwritable.save()  # no exception
        assert (tmp_path / "build").read_text() == "a file where the cache folder should be\n"
