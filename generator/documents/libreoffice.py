"""Render the very .docx/.dotx files a user gets with LibreOffice, for the tests and the manual's pictures.

Nothing is changed in the files: what LibreOffice shows here is what a clerk who opens them sees.
The machine's own font configuration is used: scripts/ensure-system-packages installs
fonts/fontconfig.conf, which maps the GB fonts the documents name (仿宋_GB2312 …) to Noto CJK faces
of the same kind, as docs/documents.md tells LibreOffice users on Linux to do.

Run ``python -m generator.documents.libreoffice SPEC.yml … OUT_DIR`` to render specs to PDF and PNG.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


def soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdfs(documents: Sequence[Path], out_dir: Path, *, timeout: float = 600) -> list[Path]:
    """Convert documents to PDF in one LibreOffice run, in a private profile so parallel runs do not clash."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handbook-lo-") as profile:
        env = {**os.environ, "HOME": profile}
        subprocess.run(
            [command, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)],
            check=True, capture_output=True, timeout=timeout, env=env,
        )
    pdfs = [out_dir / f"{document.stem}.pdf" for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return pdfs


def render_pdf(document: Path, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert one .docx/.dotx to PDF with LibreOffice."""
    return render_pdfs([document], out_dir, timeout=timeout)[0]


def main(argv: list[str]) -> int:
    """Render each spec to OUT_DIR/<stem>.docx, .pdf and OUT_DIR/<stem>-<page>.png (60 dpi)."""
    from generator.documents import render_document

    if len(argv) < 2:
        print("用法：python -m generator.documents.libreoffice 规格.yml … 输出文件夹", file=sys.stderr)
        return 2
    *specs, out = argv
    out_dir = Path(out)
    documents = [render_document(Path(spec), out_dir / f"{Path(spec).stem}.docx")[0] for spec in specs]
    for pdf in render_pdfs(documents, out_dir):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out_dir / pdf.stem)], check=True)
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
