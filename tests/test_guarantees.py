"""What we guarantee, proven end to end through the `handbook` command.

- Nothing above an edition's audience reaches any output byte (site pages, Pagefind chunks after
  decompression, sitemap, downloads, the Whoosh index and its query results).
- A build killed with SIGKILL half-way leaves the previous site, index and documents exactly as they
  were, and the next build succeeds without clean-up.
- Two builds into the same folder at once both succeed and leave one whole site.
- A document that fails proofreading never overwrites the previous file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import HANDBOOK, REPO, make_root, run_handbook

MARK_RESTRICTED = "QXRESTRICTEDMARK"
MARK_INTERNAL = "QXINTERNALMARK"
MARK_HABIT = "QXHABITMARK"

REVIEW = """title: {title}
date: {date}
type: 接待
place: 区政府一号会议室
summary: {summary}
problems:
  - what: 席卡摆放错误 {marker}
    cause: 替会人员名单没有同步
    severity: 高
    fix: 替会名单确定后十分钟内告知摆放人员
tags: [接待, 席卡, {marker}]
audience: {audience}
"""


def fixture_files() -> dict[str, str]:
    return {
        "content/reviews/public-review.yml": REVIEW.format(
            title="公开的接待总结", date="2024-03-01", summary="公开内容", marker="PUBLICOK", audience="public"),
        "content/reviews/internal-review.yml": REVIEW.format(
            title=f"内部的接待总结 {MARK_INTERNAL}", date="2024-04-01", summary=f"内部 {MARK_INTERNAL}",
            marker=MARK_INTERNAL, audience="internal"),
        "content/reviews/restricted-review.yml": REVIEW.format(
            title=f"限定范围的接待总结 {MARK_RESTRICTED}", date="2024-05-01", summary=f"限定 {MARK_RESTRICTED}",
            marker=MARK_RESTRICTED, audience="restricted"),
        "content/habits/leader.yml": f"person: 林振华\nrole: 区长\nupdated: 2024-05-01\ndiet:\n  - 少盐 {MARK_HABIT}\n",
        "content/guidelines/internal-guide.yml": (
            f"title: 内部接待须知 {MARK_INTERNAL}\ncategory: 接待\napplies_to: [接待]\n"
            f"rules:\n  - title: 先定场地 {MARK_INTERNAL}\n    checklist: [踩点]\n"),
        "content/pages/01-intro.md": "---\ntitle: 新人入门\norder: 1\n---\n\n欢迎来到办公室。\n",
        "content/pages/02-internal.md": f"---\ntitle: 内部章节\norder: 2\naudience: internal\n---\n\n内部 {MARK_INTERNAL}\n",
    }


def all_output_bytes(folder: Path) -> bytes:
    """Every byte a reader could receive from a folder, with compressed files opened up."""
    chunks = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        chunks.append(data)
        for opener in (gzip.decompress, zlib.decompress):
            try:
                chunks.append(opener(data))
            except Exception:  # noqa: BLE001,S112 - not compressed with this method
                continue
    return b"\n".join(chunks)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_root(tmp_path_factory.mktemp("leak") / "root", fixture_files())
    built = {}
    for audience in ("public", "internal", "restricted"):
        out = root / "build" / f"site-{audience}"
        result = run_handbook("build", "--root", root, "--audience", audience, "--out", out)
        assert result.code == 0, result.err
        built[audience] = out
    built["root"] = root
    return built


def test_public_edition_holds_nothing_internal_or_restricted(editions: dict[str, Path]) -> None:
    data = all_output_bytes(editions["public"])
    assert b"PUBLICOK" in data  # the check can see what it is looking for
    for marker in (MARK_INTERNAL, MARK_RESTRICTED, MARK_HABIT):
        assert marker.encode() not in data, marker


def test_internal_edition_holds_nothing_restricted(editions: dict[str, Path]) -> None:
    data = all_output_bytes(editions["internal"])
    assert MARK_INTERNAL.encode() in data
    for marker in (MARK_RESTRICTED, MARK_HABIT):
        assert marker.encode() not in data, marker
    assert "林振华".encode() not in data


def test_restricted_edition_has_everything(editions: dict[str, Path]) -> None:
    data = all_output_bytes(editions["restricted"])
    for marker in (MARK_INTERNAL, MARK_RESTRICTED, MARK_HABIT):
        assert marker.encode() in data, marker


def test_search_without_audience_never_returns_restricted(editions: dict[str, Path]) -> None:
    root = editions["root"]
    hidden = run_handbook("search", MARK_RESTRICTED, "--root", root, "--json")
    assert hidden.code == 0, hidden.err
    assert json.loads(hidden.out) == []
    shown = run_handbook("search", MARK_RESTRICTED, "--root", root, "--json", "--audience", "restricted")
    assert [hit["id"] for hit in json.loads(shown.out)] == ["restricted-review"]
    public = run_handbook("search", MARK_INTERNAL, "--root", root, "--json", "--audience", "public")
    assert json.loads(public.out) == []


def test_kept_similar_review_lists_hold_nothing_above_their_edition(editions: dict[str, Path]) -> None:
    """The command-line index holds every record (it never leaves the machine that has them all); the lists
    of similar reviews each edition's build keeps under build/index/related/ hold only that edition's."""
    run_handbook("search", "席卡", "--root", editions["root"])  # the command-line index exists too
    related = editions["root"] / "build" / "index" / "related"
    for edition, forbidden in (("internal", (MARK_RESTRICTED, MARK_HABIT)), ("public", (MARK_INTERNAL, MARK_RESTRICTED))):
        data = all_output_bytes(related / edition)
        assert b"public-review" in data, edition  # the list file is there and readable
        for marker in forbidden:
            assert marker.encode() not in data, (edition, marker)


# ------------------------------------------------------------------ atomic builds
@pytest.fixture
def built_root(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "root", fixture_files())
    result = run_handbook("build", "--root", root)
    assert result.code == 0, result.err
    return root


def assert_whole_new_output(folder: Path, name: str, old_pages: set[str]) -> None:
    """Check that a changed output is a complete new version, not a half-written one."""
    if name == "site":
        assert {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")} >= old_pages
        assert "公开内容已修改" in all_output_bytes(folder).decode("utf-8", "replace")
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"], "the search index of the new site is whole"
    elif name == "index":
        assert json.loads((folder / "related" / "internal" / "related.json").read_bytes())["records"]
    else:
        assert all(p.stat().st_size > 0 for p in folder.rglob("*.docx"))


@pytest.mark.parametrize("kill_after", [0.5, 1.5, 3.0])
def test_a_killed_build_leaves_the_previous_outputs_untouched(built_root: Path, kill_after: float) -> None:
    site = built_root / "build" / "site"
    outputs = [name for name in ("site", "documents", "index") if (built_root / "build" / name).exists()]
    assert "site" in outputs and "index" in outputs
    before = {name: tree_hash(built_root / "build" / name) for name in outputs}
    old_pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    review = built_root / "content/reviews/public-review.yml"
    review.write_text(review.read_text(encoding="utf-8").replace("公开内容", "公开内容已修改"), encoding="utf-8")
    proc = subprocess.Popen([*HANDBOOK, "build", "--root", str(built_root)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = {name: tree_hash(built_root / "build" / name) for name in before}
    assert proc.returncode == -signal.SIGKILL or kill_after > 1, "the build ended before it could be killed"
    if proc.returncode == -signal.SIGKILL:
        # Each output is swapped in whole at its own commit point (two renames). Killed before it, an
        # output is byte-identical; killed after it (say while the old copy is being deleted), it is
        # the complete new version. Never anything in between.
        for name in outputs:
            if after[name] != before[name]:
                assert_whole_new_output(built_root / "build" / name, name, old_pages)
    assert (site / "index.html").is_file()
    again = run_handbook("build", "--root", built_root)
    assert again.code == 0, again.err
    assert "公开内容已修改" in all_output_bytes(site).decode("utf-8", "replace")
    assert not list((built_root / "build").glob(".site.tmp-*")), "leftovers of the killed build remain"


def test_a_failed_build_leaves_the_previous_site_untouched(built_root: Path) -> None:
    site = built_root / "build" / "site"
    before = tree_hash(site)
    (built_root / "content/reviews/broken.yml").write_text("title: 坏记录\ndate: 2024-02-30\ntype: 接待\n", encoding="utf-8")
    result = run_handbook("build", "--root", built_root)
    assert result.code == 1
    assert tree_hash(site) == before


def test_two_builds_at_once_both_succeed_with_a_whole_site(built_root: Path) -> None:
    out = built_root / "build" / "together"
    procs = [subprocess.Popen([*HANDBOOK, "build", "--root", str(built_root), "--out", str(out)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.communicate(timeout=600)[1], p.returncode) for p in procs]
    assert [code for _, code in results] == [0, 0], results
    assert (out / "index.html").is_file()
    assert (out / "pagefind").is_dir()
    assert "公开的接待总结".encode() in all_output_bytes(out)


def test_two_searches_at_once_on_a_fresh_index_both_succeed(built_root: Path) -> None:
    import shutil

    shutil.rmtree(built_root / "build" / "index", ignore_errors=True)
    procs = [subprocess.Popen([*HANDBOOK, "search", "席卡", "--root", str(built_root), "--json"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [(p.communicate(timeout=300)[0], p.returncode) for p in procs]
    assert [code for _, code in outs] == [0, 0]
    assert all({hit["id"] for hit in json.loads(out)} >= {"public-review", "internal-review"} for out, _ in outs)
