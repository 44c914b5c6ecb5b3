"""Confidentiality: one index holds every record (on the machine that holds them all anyway, never in a
site); no question finds, counts or shows a record above the reader's audience."""

from __future__ import annotations

import contextlib
import zlib
from pathlib import Path

import pytest
from searchkit import INTERNAL_MARKERS, RESTRICTED_MARKERS

from generator.load import load_content
from generator.search import Query, find, related, related_many, search

EDITION_MARKERS = {
    "public": INTERNAL_MARKERS + RESTRICTED_MARKERS,
    "internal": RESTRICTED_MARKERS,
    "restricted": (),
}


def _inflated(raw: bytes) -> list[bytes]:
    """Every zlib stream inside raw, decompressed (Whoosh compresses stored fields and posting blocks)."""
    found = []
    start = raw.find(b"\x78")
    while start >= 0:
        if raw[start + 1 : start + 2] in (b"\x01", b"\x5e", b"\x9c", b"\xda"):
            with contextlib.suppress(zlib.error):
                found.append(zlib.decompressobj().decompress(raw[start:]))
        start = raw.find(b"\x78", start + 1)
    return found


def _raw_bytes(folder: Path) -> bytes:
    """All bytes of the files in folder, plus the decompressed content of every zlib stream in them."""
    raw = b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())
    return b"\0".join([raw, *_inflated(raw)])


def _forms(marker: str) -> list[bytes]:
    """The marker as stored (original) and as indexed (lower case; a CJK marker's last bigram)."""
    forms = [marker.encode(), marker.lower().encode()]
    return forms if marker.isascii() else [*forms, marker[-2:].encode()]


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_no_record_above_the_audience_is_found_or_even_counted(indexed_root: Path, edition: str) -> None:
    for marker in EDITION_MARKERS[edition]:
        found = find(Query(marker, limit=100), root=indexed_root, audience=edition)
        assert (found.hits, found.total) == ([], 0), f"{marker!r} reached a {edition} reader"
        assert find(Query(marker, limit=100), root=indexed_root, audience="restricted").total > 0, marker


def test_the_markers_are_really_in_the_index(indexed_root: Path) -> None:
    """Guard for the test above: the index holds every marker, so only the audience filter keeps them out."""
    raw = _raw_bytes(indexed_root / "build" / "index" / "records")
    for marker in INTERNAL_MARKERS + RESTRICTED_MARKERS:
        assert all(form in raw for form in _forms(marker)), marker


def test_files_beside_the_index_name_no_record(indexed_root: Path) -> None:
    index_dir = indexed_root / "build" / "index"
    beside = b"".join(p.read_bytes() for p in index_dir.iterdir() if p.is_file())
    for record in ("restricted-visit", "leader-wang", "internal-secret-recipe"):
        assert record.encode() not in beside


def test_no_result_above_the_audience(indexed_root: Path) -> None:
    content = load_content(indexed_root)
    for audience in ("public", "internal", "restricted"):
        visible = {item.id for item in content.for_audience(audience).items}
        for query in ("暗记", "接待", "领导", "车辆", "值班", "的"):
            hits = search(query, root=indexed_root, audience=audience, limit=100)
            assert {hit.id for hit in hits} <= visible


def test_related_records_stay_within_the_audience_and_never_include_the_record(indexed_root: Path) -> None:
    content = load_content(indexed_root)
    for audience in ("public", "internal", "restricted"):
        visible = {item.id for item in content.for_audience(audience).items}
        for record_id in sorted(visible):
            found = related(record_id, 10, root=indexed_root, audience=audience, kind="any")
            assert record_id not in {hit.id for hit in found}
            assert {hit.id for hit in found} <= visible


def test_a_record_above_the_audience_has_no_related_records(indexed_root: Path) -> None:
    assert related("restricted-visit", root=indexed_root) == []
    assert related("restricted-visit", root=indexed_root, audience="restricted", kind="any")


def test_related_many_answers_every_id(indexed_root: Path) -> None:
    content = load_content(indexed_root)
    ids = [item.id for item in content.of_kind("review")]
    found = related_many(content, ids, 3, "internal", indexed_root / "build" / "index")
    assert set(found) == set(ids)
    assert found["restricted-visit"] == []
    assert all(len(hits) <= 3 for hits in found.values())
    assert all(hit.kind == "review" for hits in found.values() for hit in hits)


def test_related_reviews_share_the_subject(indexed_root: Path) -> None:
    found = related("name-cards", 3, root=indexed_root)
    assert "meeting-notice-checks" in {hit.id for hit in found}  # 替会人员、三看
    assert all(hit.kind == "review" for hit in found)
