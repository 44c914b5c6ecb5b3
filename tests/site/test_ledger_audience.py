"""Nothing above the edition reaches the ledger or 此前发生过: an earlier internal review is not named publicly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.load import load_content
from generator.site.markdown import Renderer
from generator.site.model import gather
from tests.conftest import make_root

FILES = {
    "content/reviews/earlier-internal.yml": "title: INTERNAL-TITLE 内部接待总结\ndate: 2023-03-16\ntype: 接待\n"
    "problems:\n  - what: 替会人员的席卡没有及时更换\n    cause: 替会信息只发在工作群\n    fix: INTERNAL-FIX 当面签收\n"
    "actions:\n  - what: INTERNAL-ACTION 增加签收环节\n    due: 2023-04-15\n",
    "content/reviews/later-public.yml": "title: 公开的接待总结\ndate: 2025-04-18\ntype: 接待\naudience: public\n"
    "problems:\n  - what: 替會人員席卡沒有及時更換\n    cause: 替會信息只在工作群裡說了一句\n",
}


def _pages(root: Path, audience: str) -> dict[str, str]:
    site = gather(load_content(root).for_audience(audience), audience, today=date(2025, 6, 1))
    renderer = Renderer(site, root, {"chapter_summaries": {}})
    records = {entry.src: renderer.record_body(entry).html for entry in renderer.records()}  # HTML
    return {src: text or "" for src, text in renderer.pages(lambda entry: "")} | records


def test_the_public_edition_names_no_internal_review_action_or_fix(tmp_path: Path) -> None:
    root = make_root(tmp_path / "handbook", FILES)
    public = _pages(root, "public")
    assert "此前发生过" not in public["reviews/later-public.md"]
    everything = "".join(public.values())
    for marker in ("INTERNAL-TITLE", "INTERNAL-FIX", "INTERNAL-ACTION"):
        assert marker not in everything
    assert "0 项整改未完成" in public["reviews/ledger.md"]

    internal = _pages(root, "internal")
    block = internal["reviews/later-public.md"]
    assert '<p class="admonition-title">此前发生过</p>' in block and "INTERNAL-FIX 当面签收" in block
    assert "| **逾期 778 天** | INTERNAL-ACTION 增加签收环节 |" in internal["reviews/ledger.md"]
