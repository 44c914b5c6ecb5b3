"""Render generated documents with LibreOffice (tests, README pictures) and work around its grid quirk.

LibreOffice 7.x lays out Word's character grid differently from Word and WPS: a 16 pt character in a
15.79 pt grid cell (28 per line, GB/T 9704 §5.2.3) is given two cells, so lines carry 14 characters.
Word and WPS fit it into one. `libreoffice_preview` narrows the glyphs to 98 % in a copy so that
LibreOffice shows the same 28-character lines Word shows; the documents we deliver are not touched.

Run ``python -m generator.documents.preview SPEC.yml … OUT_DIR`` to render specs to PDF and PNG.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

from generator.documents.ooxml import rewrite_part

FONTCONFIG = Path(__file__).with_name("fonts") / "fontconfig.conf"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PREVIEW_GLYPH_WIDTH_PERCENT = 98


def libreoffice_preview(data: bytes) -> bytes:
    """Return a copy of a .docx whose East Asian glyphs fit one grid cell in LibreOffice."""
    return rewrite_part(data, "word/styles.xml", _narrow_default_glyphs)


def _narrow_default_glyphs(styles_xml: bytes) -> bytes:
    root = etree.fromstring(styles_xml)
    rpr = root.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
    if rpr is None:
        return styles_xml
    scale = rpr.find(f"{{{W}}}w")
    if scale is None:
        scale = etree.Element(f"{{{W}}}w")
        anchor = rpr.find(f"{{{W}}}sz")
        if anchor is not None:
            anchor.addprevious(scale)
        else:
            rpr.append(scale)
    scale.set(f"{{{W}}}val", str(PREVIEW_GLYPH_WIDTH_PERCENT))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(docx: Path, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert a .docx to PDF with LibreOffice, in a private profile so parallel runs do not clash."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handbook-lo-") as profile:
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG), "HOME": profile}
        subprocess.run(
            [command, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True, timeout=timeout, env=env,
        )
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice did not write {pdf}")
    return pdf


def main(argv: list[str]) -> int:
    """Render each spec's preview to OUT_DIR/<stem>.pdf and OUT_DIR/<stem>-<page>.png (60 dpi)."""
    from generator.documents import render_document

    *specs, out = argv
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for spec in map(Path, specs):
            docx, _ = render_document(spec, Path(scratch) / f"{spec.stem}.docx")
            preview = Path(scratch) / "preview" / f"{spec.stem}.docx"
            preview.parent.mkdir(exist_ok=True)
            preview.write_bytes(libreoffice_preview(docx.read_bytes()))
            pdf = render_pdf(preview, out_dir)
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out_dir / spec.stem)], check=True)
            print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
