"""Record pages made the fast way (HTML template in the theme's frame) are the pages mkdocs makes the ordinary way.

The ordinary way is how every record page was made before: the record's Markdown (Renderer.record_markdown,
from templates/site/markdown/) in the docs folder, Python-Markdown and a material render per page. Both
sites are built from the same model in the restricted edition, which has every record kind, a record in
traditional characters (颱風) and one whose text holds <script>, *, {{ }} and [x](y). Every page is compared
byte for byte with no normalisation — record pages, the listings that link to them, sitemap.xml — once
without and once with a site_url (canonical addresses).
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.build import build_handbook
from generator.site.markdown import Renderer
from generator.site.mkdocs_site import HandbookPlugin, _quiet_mkdocs
from generator.site.model import SiteModel
from tests.site.conftest import FIXTURE_ROOT


def _ordinary_site(work: Path, model: SiteModel, root: Path, folder: Path) -> Path:
    """Build the edition's site the ordinary way: every record's Markdown in docs, rendered by mkdocs."""
    shutil.copytree(work / "docs", folder / "docs")
    shutil.copy(work / "mkdocs.yml", folder / "mkdocs.yml")
    renderer = Renderer(model, root)
    for entry in renderer.records():
        (folder / "docs" / entry.src).write_text(renderer.record_markdown(entry), encoding="utf-8")
    with _quiet_mkdocs():
        config = load_config(config_file=str(folder / "mkdocs.yml"))
        config.plugins["handbook"] = HandbookPlugin({})  # no record pages: each record is a page of its own
        mkdocs_build(config)
    return folder / "site"


@pytest.fixture(scope="module", params=[None, "https://intranet.example/handbook/"], ids=["relative", "site_url"])
def both_ways(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    folder = tmp_path_factory.mktemp("record-pages")
    root = folder / "root"
    shutil.copytree(FIXTURE_ROOT, root)
    if request.param:
        config = root / "site_config.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"site_url: {request.param}\n", encoding="utf-8")
    report = build_handbook(root, "restricted", folder / "fast")
    assert report.site.model is not None
    ordinary = _ordinary_site(root / "build" / ".site-work" / "restricted", report.site.model, root, folder / "ordinary")
    records = [entry.url for entry in Renderer(report.site.model).records()]
    return folder / "fast", ordinary, records


def test_every_kind_hostile_and_traditional_text_are_among_the_records(both_ways: tuple[Path, Path, list[str]]) -> None:
    _, _, records = both_ways
    assert {url.split("/")[0] for url in records} == {"reviews", "guidelines", "documents", "habits"}
    assert {"reviews/public-escaping/", "reviews/zqinternal-typhoon/"} <= set(records)


def test_a_record_page_is_the_page_mkdocs_makes_byte_for_byte(both_ways: tuple[Path, Path, list[str]]) -> None:
    fast, ordinary, records = both_ways
    for url in records:
        made = (fast / url / "index.html").read_bytes()
        assert made == (ordinary / url / "index.html").read_bytes(), url
    hostile = (fast / "reviews/public-escaping/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in hostile and "<script>alert" not in hostile
    assert "颱風" in (fast / "reviews/zqinternal-typhoon/index.html").read_text(encoding="utf-8")


def test_every_other_page_and_the_sitemap_are_the_same_too(both_ways: tuple[Path, Path, list[str]]) -> None:
    fast, ordinary, _ = both_ways
    compared = 0
    for path in sorted(ordinary.rglob("*.html")) + [ordinary / "sitemap.xml"]:
        name = path.relative_to(ordinary).as_posix()
        assert (fast / name).read_bytes() == path.read_bytes(), name
        compared += 1
    assert compared > 30
    unzipped = [gzip.decompress((site / "sitemap.xml.gz").read_bytes()) for site in (fast, ordinary)]
    assert unzipped[0] == unzipped[1]
    assert not any("_frame" in path.as_posix() for path in fast.rglob("*"))  # the frames are never written
    assert b"_frame" not in (fast / "sitemap.xml").read_bytes()


def test_a_documents_download_line_is_a_paragraph_of_its_own(fixture_sites: dict[str, Path]) -> None:
    page = (fixture_sites["public"] / "documents" / "public-notice" / "index.html").read_text(encoding="utf-8")
    line = next(part for part in page.split("<p>") if part.startswith("下载："))
    assert line.endswith("规格文件（.yml）</a></p>\n")  # 主送 and the body follow in paragraphs of their own
    assert "<p><strong>主送</strong>：" in page
