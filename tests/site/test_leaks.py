"""Audience editions: nothing above the edition reaches any output byte.

Internal and restricted fixture records carry marker strings — in text, titles, tags, ids (and so
URLs) — and we read every file of each lower edition, gunzipping Pagefind's chunks and the sitemap,
looking for each marker as UTF-8, as JSON escapes, as its pinyin slug and as Pagefind index tokens.
The same markers are then searched for in the browser. The higher editions must contain them
(otherwise the test would prove nothing).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.load import slugify
from generator.site.search_tokens import normalise, tokens
from tests.site.conftest import every_file, served

MARKERS = {
    "internal": ["zqinternalmarker7301", "内哨鸮鹦", "zqinternal"],
    "restricted": ["zqrestrictedmarker4402", "限哨鹈鹕", "zqrestricted", "限定标签鹈鹕"],
}
LOWER = {"public": ["internal", "restricted"], "internal": ["restricted"], "restricted": []}


def forms(marker: str) -> set[bytes]:
    """Every way a marker could be written into an output file."""
    found = {marker.encode(), json.dumps(marker).strip('"').encode(), slugify(marker).encode()}
    found |= {token.encode() for token in tokens(normalise(marker)) if token.startswith("hz")}
    return {f for f in found if len(f) >= 6}


def leaks(site: Path, level: str) -> list[str]:
    found = []
    for path, data in every_file(site):
        for marker in MARKERS[level]:
            for form in forms(marker):
                if form in data:
                    found.append(f"{path.relative_to(site)}: {form.decode()!r} (from {marker})")
    return found


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_no_output_file_holds_anything_above_the_edition(fixture_sites: dict[str, Path], edition: str) -> None:
    site = fixture_sites[edition]
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "sitemap.xml.gz").is_file()
    for level in LOWER[edition]:
        assert leaks(site, level) == []


@pytest.mark.parametrize(("edition", "level"), [("internal", "internal"), ("restricted", "restricted"), ("restricted", "internal")])
def test_the_markers_are_found_where_they_belong(fixture_sites: dict[str, Path], edition: str, level: str) -> None:
    assert leaks(fixture_sites[edition], level), "the markers must show up in their own edition"


def test_no_builtin_search_index_and_no_habits_below_restricted(fixture_sites: dict[str, Path]) -> None:
    for edition in ("public", "internal", "restricted"):
        assert not list(fixture_sites[edition].rglob("search_index.json"))
    assert not (fixture_sites["internal"] / "habits").exists()
    assert (fixture_sites["restricted"] / "habits" / "zqrestricted-leader" / "index.html").is_file()


def test_public_review_drops_the_internal_guideline_it_cites(fixture_sites: dict[str, Path]) -> None:
    public = (fixture_sites["public"] / "reviews/public-escaping/index.html").read_text(encoding="utf-8")
    internal = (fixture_sites["internal"] / "reviews/public-escaping/index.html").read_text(encoding="utf-8")
    assert "公务接待须知" in public and "内部值班规范" not in public
    assert "内部值班规范" in internal


def test_downloads_are_the_editions_documents_only(fixture_sites: dict[str, Path]) -> None:
    public = {p.name for p in (fixture_sites["public"] / "downloads").iterdir() if p.is_file()}
    internal = {p.name for p in (fixture_sites["internal"] / "downloads").iterdir() if p.is_file()}
    assert public == {"public-notice.docx", "public-notice.yml"}
    assert internal == public | {"zqinternal-letter.docx", "zqinternal-letter.yml"}


@pytest.mark.browser
def test_searching_a_lower_edition_finds_nothing_above_it(fixture_sites: dict[str, Path], browser: object) -> None:
    for edition, hidden, shown in (("public", ["内哨鸮鹦", "限哨鹈鹕", "zqinternalmarker7301"], ["踩点"]),
                                   ("internal", ["限哨鹈鹕", "zqrestrictedmarker4402"], ["内哨鸮鹦"])):
        with served(fixture_sites[edition]) as url:
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(url + "search/")
            page.wait_for_function("window.handbookSearch !== undefined")
            for term in hidden:
                assert page.evaluate("q => window.handbookSearch.urls(q, {})", term) == [], (edition, term)
            for term in shown:
                assert page.evaluate("q => window.handbookSearch.urls(q, {})", term), (edition, term)
            page.close()
