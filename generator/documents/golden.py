"""Golden word/document.xml per document type: what the blank template of each type holds, byte for byte.

tests/documents/test_documents_golden.py compares each template with its golden copy, so any change
to the layout shows up as a diff to review. After an intended change, regenerate them:

    .venv/bin/python -m generator.documents.golden
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

from generator.documents.templates import template_bytes
from generator.model.records import DOCUMENT_TYPE_NAMES

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "tests" / "documents" / "golden"


def document_xml(doc_type: str) -> str:
    """The template's word/document.xml, indented so a diff shows one element a line."""
    with zipfile.ZipFile(io.BytesIO(template_bytes(doc_type))) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    etree.indent(root)
    return etree.tostring(root, encoding="unicode") + "\n"


def golden_path(doc_type: str) -> Path:
    return GOLDEN_DIR / f"{doc_type}.document.xml"


def main() -> int:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for doc_type in DOCUMENT_TYPE_NAMES:
        golden_path(doc_type).write_text(document_xml(doc_type), encoding="utf-8")
        print(golden_path(doc_type))
    return 0


if __name__ == "__main__":
    sys.exit(main())
