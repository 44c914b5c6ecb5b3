"""generator/site/page_keys.py: a page's key covers what it shows of other records, as the templates say."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import page_keys
from generator.site.page_keys import KeyFile, code_digest, shown_fields


class DescribeShownFields:
    def they_are_read_from_the_templates(self) -> None:
        assert {"date", "type", "place", "category"} <= set(shown_fields())

    def they_leave_out_what_only_the_pages_own_record_shows(self) -> None:
        assert not {"lessons", "problems", "summary", "body"} & set(shown_fields())

    @pytest.mark.parametrize(
        ("template", "expected"),
        [
            ("{% for e in reviews %}{{ e.model.lead }}{% endfor %}", ("lead",)),
            ("{{ entry.model.lessons }}", ()),  # the page's own record: its digest is in the key already
            ("{% for c, items in site.guidelines|groupby('model.category') %}{% endfor %}", ("category",)),
            ("{% for g in entry.cited %}{{ g.model.category }} {{ g.title }}{% endfor %}", ("category",)),
        ],
    )
    def they_follow_a_template_that_prints_a_neighbours_field(
        self, tmp_path: Path, template: str, expected: tuple[str, ...]
    ) -> None:
        (tmp_path / "page.md.j2").write_text(template, encoding="utf-8")
        assert shown_fields(tmp_path) == expected


class DescribeTheKeyFile:
    def it_gives_back_a_pages_values_when_its_key_is_the_same(self, tmp_path: Path) -> None:
        first = KeyFile(tmp_path / "page-keys", "salt")
        first.remember("reviews/a.md", "k1", "v")
        first.save()
        second = KeyFile(tmp_path / "page-keys", "salt")
        assert (second.unchanged("reviews/a.md", "k1"), second.unchanged("reviews/a.md", "k2")) == (["v"], None)

    def it_trusts_nothing_after_a_build_that_did_not_finish(self, tmp_path: Path) -> None:
        first = KeyFile(tmp_path / "page-keys", "salt")
        first.remember("reviews/a.md", "k1")
        first.save()
        KeyFile(tmp_path / "page-keys", "salt")  # a build starts, and is killed before it saves
        assert KeyFile(tmp_path / "page-keys", "salt").old == {}

    def it_forgets_pages_rewritten_between_builds_and_keeps_the_others(self, tmp_path: Path) -> None:
        first = KeyFile(tmp_path / "page-keys", "salt")
        first.remember("reviews/a.md", "k1")
        first.remember("reviews/b.md", "k2")
        first.save()
        KeyFile(tmp_path / "page-keys", "salt").forget({"reviews/a.md"})
        after = KeyFile(tmp_path / "page-keys", "salt")
        assert (after.unchanged("reviews/a.md", "k1"), after.unchanged("reviews/b.md", "k2")) == (None, [])

    def it_trusts_nothing_made_by_other_code(self, tmp_path: Path) -> None:
        first = KeyFile(tmp_path / "page-keys", "old code")
        first.remember("reviews/a.md", "k1")
        first.save()
        assert KeyFile(tmp_path / "page-keys", "new code").unchanged("reviews/a.md", "k1") is None


class DescribeTheSalt:
    def it_covers_a_content_roots_own_template_overrides(self, tmp_path: Path) -> None:
        before = code_digest(tmp_path)
        (tmp_path / "templates" / "site").mkdir(parents=True)
        (tmp_path / "templates" / "site" / "main.html").write_text("{{ page }}", encoding="utf-8")
        with_override = code_digest(tmp_path)
        (tmp_path / "templates" / "site" / "main.html").write_text("{{ page }}!", encoding="utf-8")
        assert len({before, with_override, code_digest(tmp_path)}) == 3

    def it_is_the_site_stages_salt(self) -> None:
        assert code_digest(None) == page_keys.SITE.salt("")
