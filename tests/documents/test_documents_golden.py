"""Each type's blank template matches its golden word/document.xml (regenerate: python -m generator.documents.golden)."""

from __future__ import annotations

import pytest

from generator.documents.golden import document_xml, golden_path
from generator.model.records import DOCUMENT_TYPE_NAMES


@pytest.mark.parametrize("doc_type", list(DOCUMENT_TYPE_NAMES))
def test_the_template_matches_its_golden_document_xml(doc_type: str) -> None:
    expected = golden_path(doc_type).read_text(encoding="utf-8")
    assert document_xml(doc_type) == expected, "layout changed: review, then python -m generator.documents.golden"
