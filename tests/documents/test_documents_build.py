"""The library side: render_sample_documents for the site, templates, new_document() for other stages, the samples."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from generator.build import build_handbook
from generator.cache import DOCUMENTS, user_cache_folder
from generator.documents import (
    DOCUMENT_TYPES,
    TEMPLATES_SUBDIR,
    render_document,
    render_sample_documents,
    styles,
    write_templates,
)
from generator.documents.templates import (
    DOCUMENT_CONTENT_TYPE,
    TEMPLATE_CONTENT_TYPE,
    blank_templates,
    template_bytes,
    template_name,
)
from generator.errors import ContentError
from generator.load import load_content
from tests.conftest import REPO
from tests.documents.documents_helpers import NOTICE, paragraph_by_style


def open_template(data: bytes) -> docx.document.Document:
    """python-docx opens only documents: read a .dotx by switching its content type back."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_CONTENT_TYPE.encode(), DOCUMENT_CONTENT_TYPE.encode())
            target.writestr(info, content)
    return docx.Document(io.BytesIO(buffer.getvalue()))


class TestBuildSamples:
    def test_it_renders_every_spec_and_the_templates(self, doc_root: Path, tmp_path: Path) -> None:
        out = tmp_path / "build" / "documents"
        built = render_sample_documents(load_content(doc_root), out)
        assert sorted(b.type for b in built) == sorted(DOCUMENT_TYPES)
        notice = next(b for b in built if b.type == "notice")
        assert (notice.id, notice.title, notice.audience) == ("notice", "关于做好汛期值班工作的通知", "internal")
        assert notice.docx == out / "notice.docx" and notice.docx.is_file()
        assert notice.spec == doc_root / "content" / "documents" / "notice.yml"
        assert notice.warnings == []
        assert sorted(p.name for p in (out / TEMPLATES_SUBDIR).iterdir()) == sorted(f"{t}.dotx" for t in DOCUMENT_TYPES)

    def test_it_replaces_the_folder_whole(self, doc_root: Path, tmp_path: Path) -> None:
        out = tmp_path / "documents"
        out.mkdir()
        (out / "stale.docx").write_bytes(b"old")
        render_sample_documents(load_content(doc_root), out)
        assert not (out / "stale.docx").exists()

    def test_a_proofreading_error_leaves_the_previous_folder_untouched(self, doc_root: Path, tmp_path: Path) -> None:
        out = tmp_path / "documents"
        out.mkdir()
        (out / "previous.docx").write_bytes(b"old")
        bad = doc_root / "content" / "documents" / "notice.yml"
        bad.write_text(NOTICE.replace("  seq: 12", "  seq: 012"), encoding="utf-8")
        with pytest.raises(ContentError) as raised:
            render_sample_documents(load_content(doc_root), out)
        assert [str(p) for p in raised.value.problems] == [
            "content/documents/notice.yml:6:8: 发文顺序号“012”不编虚位：应写成 12（1 不编为 01）"]
        assert [p.name for p in out.iterdir()] == ["previous.docx"]

    def test_a_build_with_a_proofreading_error_runs_nothing_and_writes_nothing(
        self, doc_root: Path, tmp_path: Path
    ) -> None:
        """Proofreading is part of the build's first phase: it fails before Pagefind or any writer starts."""
        out = tmp_path / "site"
        out.mkdir()
        (out / "index.html").write_text("上次的网站", encoding="utf-8")
        bad = doc_root / "content" / "documents" / "notice.yml"
        bad.write_text(NOTICE.replace("  seq: 12", "  seq: 012"), encoding="utf-8")
        with pytest.raises(ContentError) as raised:
            build_handbook(doc_root, out=out)
        assert [str(p) for p in raised.value.problems] == [
            "content/documents/notice.yml:6:8: 发文顺序号“012”不编虚位：应写成 12（1 不编为 01）"]
        assert [(p.name, p.read_text(encoding="utf-8")) for p in out.iterdir()] == [("index.html", "上次的网站")]
        # no edition work folder (where Pagefind runs), no documents, no search index: only the parse cache
        assert sorted(p.name for p in (doc_root / "build").iterdir()) == ["cache"]
        assert sorted(p.name for p in (doc_root / "build" / "cache").iterdir()) == ["parse.cache"]


class TestTemplates:
    @pytest.mark.parametrize("kind", DOCUMENT_TYPES)
    def test_each_template_carries_the_named_styles_and_placeholders(self, kind: str) -> None:
        word = open_template(template_bytes(kind))
        for name in (styles.BODY, styles.TITLE, *styles.HEADINGS, styles.CLOSING):
            assert name in [s.name for s in word.styles]
        texts = "\n".join(p.text for p in word.paragraphs)
        assert "××××年×月×日" in texts
        assert "2000" not in texts
        assert word.settings.element.find(qn("w:evenAndOddHeaders")) is not None

    def test_write_templates_returns_the_written_paths(self, tmp_path: Path) -> None:
        written = write_templates(tmp_path / "t")
        assert [p.name for p in written] == [f"{t}.dotx" for t in DOCUMENT_TYPES]

    def test_templates_kept_in_the_user_cache_are_the_ones_composed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        kept = DOCUMENTS.cache_file(user_cache_folder() / "templates")
        assert kept.is_relative_to(tmp_path)
        made, read_back = blank_templates(DOCUMENT_TYPES), blank_templates(DOCUMENT_TYPES)
        assert kept.is_file()
        for doc_type in DOCUMENT_TYPES:
            composed = _parts(template_bytes(doc_type))
            assert _parts(made[template_name(doc_type)]) == composed == _parts(read_back[template_name(doc_type)])
        # a damaged cache costs only time: each damaged entry is composed again
        lines = kept.read_text(encoding="utf-8").splitlines()
        kept.write_text("\n".join([lines[0], lines[1][:-40], lines[2].replace(":", ":!", 1), *lines[3:]]) + "\n",
                        encoding="utf-8")
        assert {name: _parts(data) for name, data in blank_templates(DOCUMENT_TYPES).items()} == \
            {name: _parts(data) for name, data in made.items()}


def _parts(package: bytes) -> dict[str, bytes]:
    """Every part of a Word package (the zip's own timestamps say only when it was written)."""
    with zipfile.ZipFile(io.BytesIO(package)) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


class TestNewDocument:
    def test_it_offers_the_page_styles_and_helpers_to_other_stages(self) -> None:
        word = styles.new_document()
        assert word.paragraphs == []
        styles.add_title(word, "事前安排会材料")
        for level in range(1, 5):
            styles.add_heading(word, f"第{level}级", level)
        styles.add_body(word, "正文")
        table = styles.add_table(word, [["姓名", "职务"], ["林振华", "区长"]])
        with pytest.raises(ValueError):
            styles.add_heading(word, "太深", 5)
        reopened = docx.Document(io.BytesIO(_saved(word)))
        assert [p.style.name for p in reopened.paragraphs] == [styles.TITLE, *styles.HEADINGS, styles.BODY]
        assert reopened.styles[styles.TITLE].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        (reopened_table,) = reopened.tables
        assert reopened_table.rows[0].cells[0].paragraphs[0].style.name == styles.TABLE_HEADER
        assert reopened_table.rows[1].cells[0].paragraphs[0].style.name == styles.TABLE_TEXT
        width = int(reopened_table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        assert abs(width * 635 - Mm(156)) < Mm(0.5)
        assert table is not None
        assert reopened.sections[0].footer.paragraphs[0].text == "— 1 —"


def _saved(word: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_every_sample_in_the_repository_renders(tmp_path: Path) -> None:
    """Smoke test over content/documents/ (written by others): each sample proofreads clean and renders."""
    samples = sorted((REPO / "content" / "documents").glob("*.yml"))
    assert len(samples) >= 6, "one sample per document type"
    for sample in samples:
        out, warnings = render_document(sample, tmp_path / f"{sample.stem}.docx", root=REPO)
        assert [str(w) for w in warnings] == []
        word = docx.Document(str(out))
        (title,) = paragraph_by_style(word, styles.TITLE)
        assert title.text
