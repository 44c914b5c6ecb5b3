"""generator/load: a content folder becomes validated records, or every problem in it is reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.load import content_files, load_content, slugify
from generator.session import Session
from tests.conftest import make_root

REVIEW = "title: 来访接待\ndate: 2025-03-04\ntype: 接待\n"
GUIDELINE = "title: 接待须知\ncategory: 接待\nrules:\n  - title: 先定场地\n"
HABIT = "person: 王主任\nupdated: 2025-01-02\n"
PAGE = "---\ntitle: 新人入门\norder: 1\n---\n# 第一天\n"


def load(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str]]:
    content = load_content(make_root(tmp_path / "root", files), session=Session())
    return [(item.kind, item.id, item.display) for item in content.items]


def problems(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, int]]:
    with pytest.raises(ContentError) as caught:
        load_content(make_root(tmp_path / "root", files), session=Session())
    return [(p.path, p.line, p.column) for p in caught.value.problems]


class DescribeSlugify:
    @pytest.mark.parametrize(
        ("text", "slug"),
        [
            ("2024-typhoon", "2024-typhoon"),
            ("接待须知", "jie-dai-xu-zhi"),
            ("Reception_Rules", "reception-rules"),
            ("台风 值守", "tai-feng-zhi-shou"),
            ("——", "record"),
        ],
    )
    def it_makes_a_url_slug(self, text: str, slug: str) -> None:
        assert slugify(text) == slug


class DescribeLoadContent:
    def it_takes_each_kind_from_its_folder_with_the_file_name_as_id(self, tmp_path: Path) -> None:
        assert load(tmp_path, {
            "content/reviews/visit.yml": REVIEW,
            "content/guidelines/rules.yml": GUIDELINE,
            "content/habits/wang.yml": HABIT,
            "content/pages/intro.md": PAGE,
        }) == [
            ("review", "visit", "content/reviews/visit.yml"),
            ("guideline", "rules", "content/guidelines/rules.yml"),
            ("habit", "wang", "content/habits/wang.yml"),
            ("page", "intro", "content/pages/intro.md"),
        ]

    def it_lists_record_files_in_a_stable_order(self, tmp_path: Path) -> None:
        root = make_root(tmp_path / "root", {
            "content/reviews/b.yml": REVIEW, "content/reviews/a.yaml": REVIEW, "content/reviews/notes.txt": "x",
        })
        assert [(kind, path.name) for kind, path in content_files(root)] == [("review", "a.yaml"), ("review", "b.yml")]

    def it_uses_the_id_a_record_gives(self, tmp_path: Path) -> None:
        assert load(tmp_path, {"content/reviews/x.yml": "id: 来访\n" + REVIEW})[0][1] == "来访"

    def it_shows_each_edition_only_what_its_readers_may_see(self, tmp_path: Path) -> None:
        root = make_root(tmp_path / "root", {
            "content/reviews/open.yml": REVIEW + "audience: public\n",
            "content/reviews/inside.yml": REVIEW,
            "content/habits/wang.yml": HABIT,
        })
        content = load_content(root, session=Session())
        assert {a: sorted(i.id for i in content.for_audience(a).items) for a in ("public", "internal", "restricted")} == {
            "public": ["open"], "internal": ["inside", "open"], "restricted": ["inside", "open", "wang"],
        }

    @pytest.mark.parametrize(
        ("files", "expected"),
        [
            ({"content/reviews/a.yml": "kind: guideline\n" + REVIEW}, [("content/reviews/a.yml", 1, 7)]),
            (
                {"content/reviews/same.yml": REVIEW, "content/guidelines/same.yml": GUIDELINE},
                [("content/reviews/same.yml", 1, 1)],
            ),
            ({"content/reviews/a.yml": REVIEW + "guidelines: [nowhere]\n"}, [("content/reviews/a.yml", 4, 14)]),
            ({"content/habits/wang.yml": HABIT + "audience: internal\n"}, [("content/habits/wang.yml", 3, 11)]),
            ({"content/reviews/a.yml": REVIEW + "summary: 机密★1年\n"}, [("content/reviews/a.yml", 4, 10)]),
            ({"content/pages/p.md": PAGE + "\n正文 绝密★\n"}, [("content/pages/p.md", 7, 4)]),
        ],
        ids=["kind-mismatch", "duplicate-id", "missing-guideline", "habit-not-restricted", "marker", "marker-in-page"],
    )
    def it_reports_each_problem_at_its_place(
        self, tmp_path: Path, files: dict[str, str], expected: list[tuple[str, int, int]]
    ) -> None:
        assert problems(tmp_path, files) == expected

    def it_reports_every_problem_of_every_file_at_once(self, tmp_path: Path) -> None:
        found = problems(tmp_path, {
            "content/reviews/a.yml": "title: x\n",  # date and type missing
            "content/reviews/b.yml": REVIEW + "headcount: -1\n",
        })
        assert [path for path, _, _ in found] == ["content/reviews/a.yml", "content/reviews/a.yml", "content/reviews/b.yml"]

    def it_needs_a_site_config(self, tmp_path: Path) -> None:
        (tmp_path / "empty").mkdir()
        with pytest.raises(ContentError) as caught:
            load_content(tmp_path / "empty", session=Session())
        assert caught.value.problems[0].path == "site_config.yml"
