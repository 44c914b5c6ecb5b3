"""Smoke test over the sample handbook in content/ (written in parallel; skipped while it does not load)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import load_content
from generator.search import related, search

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "content", root / "content")
    load_content(root)  # the samples must always load
    return root


def test_sample_content_is_searchable(sample_root: Path) -> None:
    content = load_content(sample_root)
    hits = search("席卡", root=sample_root, limit=50)
    assert hits, "the sample reviews talk about name cards"
    visible = {item.id for item in content.for_audience("internal").items}
    assert {hit.id for hit in hits} <= visible
    for hit in hits:
        assert (sample_root / hit.path).is_file()


def test_sample_traditional_records_are_found_in_simplified(sample_root: Path) -> None:
    content = load_content(sample_root)
    traditional = [item for item in content.for_audience("internal").items if "颱風" in item.path.read_text("utf-8")]
    assert traditional, "the samples include a record written in traditional characters"
    found = {hit.id for hit in search("台风", root=sample_root, limit=100)}
    assert {item.id for item in traditional} <= found


def test_sample_habit_notes_stay_out_of_the_internal_edition(sample_root: Path) -> None:
    content = load_content(sample_root)
    for habit in content.of_kind("habit"):
        assert habit.id not in {hit.id for hit in search(habit.title, root=sample_root, limit=100)}
        assert habit.id in {hit.id for hit in search(habit.title, root=sample_root, audience="restricted")}


def test_sample_reviews_have_related_reviews(sample_root: Path) -> None:
    content = load_content(sample_root)
    reviews = [item.id for item in content.for_audience("internal").of_kind("review")]
    with_related = [rid for rid in reviews if related(rid, 3, root=sample_root)]
    assert len(with_related) >= len(reviews) // 2
