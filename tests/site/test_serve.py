"""`handbook serve`: a live preview on 127.0.0.1 that shows a saved change without a restart."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.build import build_handbook
from generator.site.serve import Preview
from tests.site.conftest import FIXTURE_ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait(condition: object, timeout: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_serve_shows_a_saved_change_and_survives_a_bad_one(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    port = _free_port()
    page = f"http://127.0.0.1:{port}/reviews/public-meeting/"
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: _get(page) is not None)
        assert "livereload" in (_get(page) or "")
        record = root / "content/reviews/public-meeting.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("type: 会议", "type: 开会"), encoding="utf-8")  # an error: site stays
        time.sleep(2)
        assert "季度经济运行分析会会务总结" in (_get(page) or "")
        record.write_text(text.replace("会议通知漏发两个单位", "会议通知漏发九个单位"), encoding="utf-8")
        _wait(lambda: "会议通知漏发九个单位" in (_get(page) or ""))
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "content/reviews/public-meeting.yml:3:7:" in err
    assert "Traceback" not in err


def _built_preview(tmp_path: Path) -> tuple[Preview, Path]:
    """A preview of a copy of the fixture, built once; and the page of the review public-meeting."""
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    preview = Preview(root.resolve(), "internal")
    preview.build()
    return preview, preview.work / "site" / "reviews" / "public-meeting" / "index.html"


def test_an_edited_record_is_shown_at_once_and_the_whole_build_follows(tmp_path: Path) -> None:
    preview, page = _built_preview(tmp_path)
    root = preview.root
    tag_page = preview.work / "site" / "tags" / "xi-ka" / "index.html"
    record = root / "content/reviews/public-meeting.yml"
    text = record.read_text(encoding="utf-8")

    record.write_text(text.replace("会议通知漏发两个单位", "会议通知漏发九个单位"), encoding="utf-8")
    assert preview.edited_pages_first() == ["季度经济运行分析会会务总结"]
    html = page.read_text(encoding="utf-8")
    assert "会议通知漏发九个单位" in html
    assert 'class="md-header' in html and "区行政中心大礼堂" in html  # the whole themed page, not a fragment
    preview.build()
    assert "会议通知漏发九个单位" in page.read_text(encoding="utf-8")

    # A new title reaches the listings only through the whole build, which follows the fast path.
    record.write_text(text.replace("季度经济运行分析会会务总结", "季度经济运行分析会会务复盘"), encoding="utf-8")
    assert preview.edited_pages_first() == ["季度经济运行分析会会务复盘"]
    assert "季度经济运行分析会会务复盘" not in tag_page.read_text(encoding="utf-8")
    preview.build()
    assert "季度经济运行分析会会务复盘" in tag_page.read_text(encoding="utf-8")

    # A record leaving the edition is never re-rendered by the fast path; the whole build removes it.
    restricted = text.replace("audience: public", "audience: restricted").replace("两个单位", "三个涉密单位")
    record.write_text(restricted, encoding="utf-8")
    assert preview.edited_pages_first() == []
    assert "三个涉密单位" not in page.read_text(encoding="utf-8")
    preview.build()
    assert not page.exists()


def test_a_page_shown_at_once_is_made_again_by_the_next_build_even_when_the_edit_was_undone(tmp_path: Path) -> None:
    """The preview is stopped after the fast path and the edit undone: the next build must not trust the page."""
    preview, page = _built_preview(tmp_path)
    root = preview.root
    record = root / "content/reviews/public-meeting.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("会议通知漏发两个单位", "会议通知漏发九个单位"), encoding="utf-8")
    assert preview.edited_pages_first() == ["季度经济运行分析会会务总结"]
    assert "会议通知漏发九个单位" in page.read_text(encoding="utf-8")
    record.write_text(text, encoding="utf-8")
    build_handbook(root, "internal", publish=False)  # another process: nothing kept in memory
    assert "会议通知漏发两个单位" in page.read_text(encoding="utf-8")
