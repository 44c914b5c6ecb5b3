"""`handbook build` as a user runs it: exit codes, atomic swaps, incremental rebuilds, navigation, git dates."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

import generator.session
from generator.build import build_handbook
from generator.errors import ContentError
from generator.session import Session
from generator.site import edition as site_edition
from generator.site.gitdates import last_updated
from tests.conftest import run_handbook
from tests.site.conftest import FIXTURE_ROOT

REVIEW = "content/reviews/public-meeting.yml"


def tree_digest(folder: Path, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.relative_to(folder).as_posix().startswith(skip):
            continue
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_ROOT, tmp_path / "root")
    return tmp_path / "root"


def test_cli_builds_the_default_edition_quietly_when_not_a_terminal(root: Path) -> None:
    done = run_handbook("build", "--root", root)
    assert done.code == 0, done.err
    assert "已生成内部版" in done.out and str(root / "build" / "site") in done.out
    assert "━" not in done.err  # no progress bar without a terminal
    assert (root / "build/site/reviews/zqinternal-typhoon/index.html").is_file()
    assert not (root / "build/site/habits").exists()


def test_cli_refuses_bad_content_and_leaves_the_previous_site(root: Path) -> None:
    build_handbook(root, "public")
    before = tree_digest(root / "build/site")
    path = root / REVIEW
    path.write_text(path.read_text(encoding="utf-8").replace("type: 会议", "type: 开会"), encoding="utf-8")
    done = run_handbook("build", "--root", root, "--audience", "public")
    assert done.code == 1
    assert "content/reviews/public-meeting.yml:3:7:" in done.err and "Traceback" not in done.err
    assert tree_digest(root / "build/site") == before


def test_a_build_keeps_what_it_learned_in_the_session_it_was_given(root: Path) -> None:
    """Records, similar-review lists, mkdocs' last build and compiled templates, the Pagefind run: all in
    the session passed in (there is no process-wide default: a second preview starts clean)."""
    session = Session()
    build_handbook(root, "internal", root / "out", session=session)
    work = root / "build" / ".site-work" / "internal"
    assert {name for name in KEPT if getattr(session, name)} == set(KEPT)
    assert list(session.mkdocs_sessions) == [work / "mkdocs.yml"]
    assert list(session.pending_search) == [work]
    assert not hasattr(generator.session, "process_session")


KEPT = ("loaded", "loaded_roots", "related_reviews", "related_stats", "mkdocs_sessions", "compiled_templates",
        "pending_search")


def test_a_failing_site_build_leaves_the_previous_site_and_the_next_build_recovers(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = root / "out"
    build_handbook(root, "public", out)
    before, pages_before = tree_digest(out), tree_digest(out, ("downloads/", "pagefind/"))

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("mkdocs failed half-way")

    monkeypatch.setattr(site_edition, "run_mkdocs", broken)
    with pytest.raises(RuntimeError):
        build_handbook(root, "public", out)
    assert tree_digest(out) == before
    assert not (root / "build/.site-work/public/mkdocs.stamp").exists()  # the next build starts clean
    monkeypatch.undo()
    report = build_handbook(root, "public", out)
    # .docx files and Pagefind's filter chunks are not byte-for-byte reproducible; every page is
    skip = ("downloads/", "pagefind/")
    assert not report.site.dirty and tree_digest(out, skip) == pages_before


def test_rebuilds_write_only_what_changed(root: Path) -> None:
    out = root / "out"
    first = build_handbook(root, "internal", out).site
    assert not first.dirty and first.indexed
    work_site = root / "build/.site-work/internal/site"
    untouched = work_site / "reviews/zqinternal-typhoon/index.html"
    stamp = untouched.stat().st_mtime_ns

    again = build_handbook(root, "internal", out).site
    assert again.dirty and not again.indexed
    assert again.changed == []  # not even the .docx downloads: documents are reused while their specs stay the same
    assert untouched.stat().st_mtime_ns == stamp

    path = root / REVIEW
    path.write_text(path.read_text(encoding="utf-8").replace("会议通知漏发两个单位", "会议通知漏发三个单位"), encoding="utf-8")
    changed = build_handbook(root, "internal", out).site
    pages = sorted(name for name in changed.changed if name.endswith((".md", ".html")))
    assert changed.dirty and changed.indexed
    assert pages == ["site/reviews/public-meeting/index.html"]  # the record page alone, made without mkdocs
    assert "会议通知漏发三个单位" in (out / "reviews/public-meeting/index.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp  # mkdocs did not re-render an unrelated page

    (root / REVIEW).unlink()
    removed = build_handbook(root, "internal", out).site
    assert removed.removed >= 1 and not (out / "reviews/public-meeting").exists()


def test_records_stay_out_of_the_navigation(root: Path) -> None:
    out = root / "out"
    build_handbook(root, "restricted", out)
    html = (out / "index.html").read_text(encoding="utf-8")
    tabs = html[html.index('class="md-tabs"'):html.index("</nav>", html.index('class="md-tabs"'))]
    for section in ("首页", "手册章节", "工作规范", "事后总结", "公文范本", "标签", "领导习惯备忘", "检索"):
        assert section in tabs
    for record in ("reviews/public-meeting", "guidelines/reception-rules", "habits/zqrestricted-leader", "chapters/01"):
        assert record not in tabs


def test_config_errors_are_content_errors(root: Path) -> None:
    (root / "site_config.yml").write_text("organisation: 测试\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_handbook(root, "public")


def test_last_updated_dates_come_from_one_git_call(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def git(*args: str, when: str | None = None) -> None:
        extra = {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {}
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env={**env, **extra})

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "all", when="2024-08-02T10:00:00")
    path = root / REVIEW
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git("commit", "-qam", "one", when="2025-01-09T10:00:00")

    calls: list[list[str]] = []
    real = subprocess.run

    def counting(command: list[str], *args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return real(command, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", counting)
    dates = last_updated(root)
    assert len(calls) == 1
    assert dates[(root / REVIEW).resolve()] == date(2025, 1, 9)
    assert dates[(root / "content/reviews/zqinternal-typhoon.yml").resolve()] == date(2024, 8, 2)
    monkeypatch.undo()
    build_handbook(root, "public", root / "out")
    assert "最后更新：2025年1月9日" in (root / "out/reviews/public-meeting/index.html").read_text(encoding="utf-8")


def test_two_builds_into_one_folder_both_finish_whole(root: Path) -> None:
    out = root / "out"
    build_handbook(root, "public", out)  # warm: documents and index exist
    first = subprocess.Popen(_cli("build", "--root", str(root), "--audience", "public", "--out", str(out)))
    second = subprocess.Popen(_cli("build", "--root", str(root), "--audience", "internal", "--out", str(out)))
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert ("公开版" in html) != ("内部版" in html)  # one whole edition, never a mixture
    assert (out / "pagefind/pagefind-entry.json").is_file()


def _cli(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "generator.cli", *args]


def test_a_changed_title_reaches_every_page_that_shows_it(root: Path) -> None:
    out = root / "out"
    build_handbook(root, "internal", out)
    guideline = root / "content/guidelines/reception-rules.yml"
    guideline.write_text(guideline.read_text(encoding="utf-8").replace("title: 公务接待须知", "title: 公务接待新须知"),
                         encoding="utf-8")
    report = build_handbook(root, "internal", out).site
    assert report.dirty
    for page in ("guidelines/reception-rules", "reviews/public-meeting", "reviews/public-escaping"):
        assert "公务接待新须知" in (out / page / "index.html").read_text(encoding="utf-8"), page
    assert "reviews/zqinternal-typhoon/" not in " ".join(report.changed)  # it does not cite that guideline


def test_documents_are_rendered_again_only_when_a_spec_changed(root: Path) -> None:
    build_handbook(root, "internal")
    docx = root / "build" / "documents" / "public-notice.docx"
    first = docx.stat().st_mtime_ns
    (root / REVIEW).write_text((root / REVIEW).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_handbook(root, "internal")
    assert docx.stat().st_mtime_ns == first  # an edited review does not touch the documents
    spec = root / "content/documents/public-notice.yml"
    spec.write_text(spec.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build_handbook(root, "internal")
    assert docx.stat().st_mtime_ns != first
    (root / "build" / "documents" / "public-notice.docx").unlink()  # a deleted output is made again
    build_handbook(root, "internal")
    assert docx.is_file()
    assert (root / "build" / "site" / "downloads" / "public-notice.docx").read_bytes() == docx.read_bytes()
