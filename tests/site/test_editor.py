"""The editor of `handbook serve`, used in chromium against a running preview of a copy of the fixture content.

A clerk edits a record, adds one, makes mistakes (an impossible date, a broken file saved from a text
editor) and sees each message where it belongs; other web pages cannot save through the preview.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build_handbook
from tests.conftest import REPO, run_handbook
from tests.site.conftest import FIXTURE_ROOT
from tests.site.test_serve import _free_port, _get, _wait

pytestmark = pytest.mark.browser

HEADER = "# yaml-language-server: $schema=../../schemas/review.schema.json\n# 由秘书一科整理，会后第二天写\n"
ROUND_TRIP_SAMPLES = ("documents/safety-meeting-notice.yml", "guidelines/confidentiality.yml",
                      "pages/05-reception.md")
OUTSIDE_RECORD = "title: 放在手册外面的记录\ndate: 2024-01-05\ntype: 会议\naudience: internal\n"


@dataclass
class Preview:
    root: Path
    url: str
    port: int
    log: Path

    def record(self, name: str) -> Path:
        return self.root / "content" / name


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """`handbook serve` on a free port, over a copy of the fixture content with comments and a link out."""
    base = tmp_path_factory.mktemp("editor")
    root = base / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    meeting = root / "content/reviews/public-meeting.yml"
    text = meeting.read_text(encoding="utf-8").replace("type: 会议\n", "type: 会议  # 季度例会\n")
    meeting.write_text(HEADER + text, encoding="utf-8")
    for sample in ROUND_TRIP_SAMPLES:  # records written in ways the fixtures are not (a phone number, one-line lists)
        shutil.copy(REPO / "content" / sample, root / "content" / sample)
    (base / "outside.yml").write_text(OUTSIDE_RECORD, encoding="utf-8")
    (root / "content/reviews/linked-out.yml").symlink_to(base / "outside.yml")
    port = _free_port()
    log = base / "serve.log"
    with log.open("w") as output:
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--port", str(port)],
                                stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        def started() -> bool:
            assert proc.poll() is None, log.read_text(encoding="utf-8")  # the preview refused to start
            return _get(url + "/reviews/public-meeting/") is not None

        _wait(started, timeout=180)
        yield Preview(root, url, port, log)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.fixture
def page(browser: object, preview: Preview) -> Iterator[object]:
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


@pytest.fixture
def screenshots(shared_tmp: Path) -> Path:
    """The session's temporary screenshots/ folder (never the checkout), as the browser tests use."""
    folder = shared_tmp / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_edit_a_title_and_add_a_problem_keeps_the_comments_and_updates_the_page(page: object, preview: Preview, screenshots: Path) -> None:
    record = preview.record("reviews/public-meeting.yml")
    page.goto(preview.url + "/reviews/public-meeting/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="编辑", exact=True).click()  # type: ignore[attr-defined]
    page.wait_for_url("**/_editor/edit/public-meeting")  # type: ignore[attr-defined]
    assert page.locator("#f-title").input_value() == "季度经济运行分析会会务总结"  # type: ignore[attr-defined]
    assert page.locator("#f-type").input_value() == "会议"  # type: ignore[attr-defined]
    page.fill("#f-title", "\u200b季度经济运行分析会\u00a0会务复盘")  # pasted from Word: invisible characters and all
    page.get_by_role("button", name="添加一项问题").click()  # type: ignore[attr-defined]
    page.fill("[name='problems.1.what']", "会场空调温度过低，部分参会人员感冒")  # type: ignore[attr-defined]
    page.fill("[name='problems.1.fix']", "会前一小时把空调调到 26 度")  # type: ignore[attr-defined]
    page.screenshot(path=str(screenshots / "editor.png"))  # type: ignore[attr-defined]
    page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]

    page.wait_for_url("**/reviews/public-meeting/")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('h1').textContent.includes('分析会 会务复盘')")  # type: ignore[attr-defined]
    assert page.get_by_text("会场空调温度过低，部分参会人员感冒").count() >= 1  # type: ignore[attr-defined]

    text = record.read_text(encoding="utf-8")
    assert text.startswith(HEADER)  # the $schema line and the comment
    assert "type: 会议  # 季度例会\n" in text
    assert "title: 季度经济运行分析会 会务复盘\n" in text  # cleaned of what the paste brought along
    assert "  - what: 会场空调温度过低，部分参会人员感冒\n    fix: 会前一小时把空调调到 26 度\n" in text
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == ["title", "date", "type", "place", "lead", "headcount", "summary", "problems", "tags",
                    "guidelines", "audience"]
    assert run_handbook("check", "--root", preview.root).code == 0


def test_an_impossible_date_is_named_beside_the_field_and_nothing_is_written(page: object, preview: Preview, screenshots: Path) -> None:
    record = preview.record("reviews/zqinternal-typhoon.yml")
    before = record.read_bytes()
    page.goto(preview.url + "/_editor/edit/zqinternal-typhoon")  # type: ignore[attr-defined]
    page.fill("#f-date", "2024-02-30")  # type: ignore[attr-defined]
    page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]
    message = page.locator("[data-field=date] .hb-error")  # type: ignore[attr-defined]
    message.wait_for()
    # The very message `handbook check` prints for this mistake (tests/bad_inputs/09-impossible-date).
    assert message.inner_text() == "“date”（日期）：日期“2024-02-30”不存在（请核对月份和日子，例如 2 月没有 30 日）"
    assert page.locator(".hb-summary h2").inner_text() == "有 1 处需要修改，尚未保存"  # type: ignore[attr-defined]
    assert page.locator("#f-date").input_value() == "2024-02-30"  # what was typed stays, to be corrected
    assert page.evaluate("document.activeElement.id") == "f-date"  # type: ignore[attr-defined]
    page.screenshot(path=str(screenshots / "editor-error.png"))  # type: ignore[attr-defined]
    assert record.read_bytes() == before


def test_widening_the_audience_needs_a_confirmation(page: object, preview: Preview) -> None:
    record = preview.record("reviews/zqinternal-typhoon.yml")
    before = record.read_bytes()
    page.goto(preview.url + "/_editor/edit/zqinternal-typhoon")  # type: ignore[attr-defined]
    assert page.locator("#f-audience").input_value() == "internal"  # type: ignore[attr-defined]
    page.select_option("#f-audience", "public")  # type: ignore[attr-defined]
    page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]
    message = page.locator("[data-field=audience] .hb-error")  # type: ignore[attr-defined]
    message.wait_for()
    assert "读者范围将从“内部”放宽为“公开”，会让更多人看到这条记录" in message.inner_text()
    assert record.read_bytes() == before

    page.get_by_label("确认修改读者范围").check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/reviews/zqinternal-typhoon/")  # type: ignore[attr-defined]
    assert "audience: public\n" in record.read_text(encoding="utf-8")


def test_saving_a_record_unchanged_leaves_its_file_byte_identical(page: object, preview: Preview) -> None:
    for name in ("reviews/public-escaping.yml", "pages/01-welcome.md", "documents/public-notice.yml",
                 *ROUND_TRIP_SAMPLES):
        record = preview.record(name)
        before = record.read_bytes()
        page.goto(f"{preview.url}/_editor/edit/{record.stem}")  # type: ignore[attr-defined]
        page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]
        page.wait_for_url(lambda url: "/_editor/" not in url)  # type: ignore[attr-defined]
        assert record.read_bytes() == before, name


def _post(preview: Preview, fields: dict[str, str], origin: str | None, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(preview.url + "/_editor/save", data=urllib.parse.urlencode(fields).encode(),
                                     method="POST")
    if origin:
        request.add_header("Origin", origin)
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_other_origins_posts_without_the_token_and_links_out_of_content_are_refused(preview: Preview) -> None:
    record = preview.record("reviews/public-escaping.yml")
    before = record.read_bytes()
    form = _get(preview.url + "/_editor/edit/public-escaping") or ""
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    digest = re.search(r'name="digest" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    fields = {"token": token, "digest": digest, "kind": "review", "record": "public-escaping", "title": "被改了"}
    own = f"http://127.0.0.1:{preview.port}"

    status, body = _post(preview, fields, "http://evil.example")
    assert (status, "拒绝保存：请求不是从本机预览页面发出的" in body) == (403, True)
    status, body = _post(preview, fields, None)
    assert status == 403
    status, body = _post(preview, {**fields, "token": "guessed"}, own)
    assert (status, "页面已过期或不是本次预览打开的" in body) == (403, True)
    status, body = _post(preview, fields, own, host=f"evil.example:{preview.port}")  # a rebound name
    assert (status, "只接受本机地址" in body) == (403, True)
    assert record.read_bytes() == before

    outside = preview.root.parent / "outside.yml"
    status, body = _post(preview, {**fields, "record": "linked-out"}, own)
    assert (status, "只能修改 content/ 中的记录文件" in body) == (403, True)
    assert outside.read_text(encoding="utf-8") == OUTSIDE_RECORD
    assert _get(preview.url + "/_editor/edit/..%2F..%2Fsite_config") is None  # 404: ids are not paths

    status, _ = _post(preview, {**fields, "title": "接待总结（已核对）"}, own)  # the same post, from the page itself
    assert status == 200 and "title: 接待总结（已核对）" in record.read_text(encoding="utf-8")


def test_a_new_record_from_the_browser_appears_in_the_preview(page: object, preview: Preview) -> None:
    page.goto(preview.url + "/")  # type: ignore[attr-defined]
    toolbar = page.get_by_role("navigation", name="编辑")  # type: ignore[attr-defined]
    toolbar.get_by_text("新建", exact=True).click()
    toolbar.get_by_role("link", name="事后总结").click()
    page.fill("#f-title", "区长接待日来访群众接待总结")  # type: ignore[attr-defined]
    page.select_option("#f-type", "接待")  # type: ignore[attr-defined]
    page.fill("#f-date", "2024-06-03")  # type: ignore[attr-defined]
    page.get_by_role("button", name="添加一项问题").click()  # type: ignore[attr-defined]
    page.fill("[name='problems.0.what']", "来访登记表缺联系电话")  # type: ignore[attr-defined]
    page.get_by_role("button", name="保存").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/reviews/*/")  # type: ignore[attr-defined]
    assert page.locator("h1").first.inner_text().startswith("区长接待日来访群众接待总结")  # type: ignore[attr-defined]
    path = preview.record(f"reviews/{time.strftime('%Y-%m')}-qu-zhang-jie-dai-ri-lai-fang-qun-zhong-jie-dai-zong-jie.yml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/review.schema.json\n")
    assert "date: 2024-06-03" in text and "  - what: 来访登记表缺联系电话" in text


def test_a_broken_save_from_a_text_editor_is_shown_over_the_page_until_a_good_one(page: object, preview: Preview, screenshots: Path) -> None:
    record = preview.record("guidelines/reception-rules.yml")
    good = record.read_text(encoding="utf-8")
    page.goto(preview.url + "/guidelines/reception-rules/")  # type: ignore[attr-defined]
    record.write_text(good.replace("category: 接待", "category: 招待"), encoding="utf-8")
    overlay = page.locator(".hb-overlay")  # type: ignore[attr-defined]
    overlay.wait_for(timeout=60_000)  # the page reloads by itself after the failed rebuild
    assert "刚保存的内容有误，预览仍是上一次的结果" in overlay.inner_text()
    assert "content/guidelines/reception-rules.yml:2:11: “category”（类别）的值“招待”不在可选范围内" in overlay.inner_text()
    page.screenshot(path=str(screenshots / "editor-overlay.png"))  # type: ignore[attr-defined]
    record.write_text(good, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=60_000)
    assert page.locator("h1").first.inner_text().startswith("公务接待须知")  # type: ignore[attr-defined]


def test_a_built_site_has_no_edit_control(tmp_path: Path, preview: Preview) -> None:
    served = _get(preview.url + "/reviews/public-meeting/") or ""
    assert "/_editor/edit/public-meeting" in served  # the preview offers it …
    root = tmp_path / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    site = tmp_path / "site"
    build_handbook(root, "internal", site)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for html in pages:  # … a built site never
        text = html.read_text(encoding="utf-8")
        assert "_editor" not in text and "hb-editor-bar" not in text and "hb-overlay" not in text, html
