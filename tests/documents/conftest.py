"""Fixtures for the documents stage: a content root with one spec of each type, rendered on demand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument

from generator.documents import render_document
from tests.documents.documents_helpers import SPECS, write_root

SITE_CONFIG = "organisation: 青禾区人民政府办公室\nsite_title: 青禾区政府办公室工作手册\n"


@pytest.fixture
def doc_root(tmp_path: Path) -> Path:
    """A content root holding site_config.yml and content/documents/<type>.yml for the six types."""
    root = tmp_path / "handbook"
    root.mkdir()
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    return write_root(root, SPECS)


@pytest.fixture
def spec_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write one spec text to tmp_path/<name>.yml and return its path."""

    def write(text: str, name: str = "spec") -> Path:
        path = tmp_path / f"{name}.yml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, WordDocument]:
    """Every type rendered once per module and reopened with python-docx, as a reader would."""
    root = tmp_path_factory.mktemp("rendered")
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    write_root(root, SPECS)
    opened: dict[str, WordDocument] = {}
    for name in SPECS:
        path, warnings = render_document(root / "content" / "documents" / f"{name}.yml", None, root=root)
        assert warnings == [], warnings
        opened[name] = docx.Document(str(path))
    return opened
