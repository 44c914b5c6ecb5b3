"""Documents stage: YAML specs → GB/T 9704-2012 Word documents, plus blank templates per type.

render_document          one spec → one .docx (the `handbook doc` command)
proofread_samples        every spec in content/documents/ proofread (the site build's first phase)
render_sample_documents  every spec in content/documents/ + the templates → build/documents/ (the site build)
write_templates          one .dotx per document type (the `handbook templates` command)

Every spec is loaded, validated and proofread before anything is written; output is written
atomically, so a failed run leaves an existing file or folder exactly as it was.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import atomic_directory, atomic_write_bytes
from generator.errors import ContentError, Problem, Problems, UsageError
from generator.load import Content, display_path, load_model
from generator.load.reader import Positions, read_text
from generator.model.records import DOCUMENT_TYPE_NAMES, Document

DOCUMENT_TYPES = tuple(DOCUMENT_TYPE_NAMES)
TEMPLATES_SUBDIR = "templates"  # render_sample_documents writes the blank templates into out_dir/templates/


@dataclass
class BuiltDocument:
    """One sample document written by `render_sample_documents`, for the site to list and link."""

    id: str
    title: str
    type: str
    audience: str
    docx: Path
    spec: Path
    warnings: list[Problem] = field(default_factory=list)


def render_bytes(doc: Document) -> bytes:
    """Return the .docx bytes of one validated, proofread spec."""
    from generator.documents.compose import compose  # python-docx: imported only when a document is made

    buffer = io.BytesIO()
    compose(doc).save(buffer)
    return buffer.getvalue()


def check_spec(doc: Document, positions: Positions, path: Path, display: str) -> list[Problem]:
    """Proofread one loaded spec; return errors and warnings together, in file order."""
    from generator.documents.proofread import Source, proofread

    text = read_text(path.read_bytes(), display)
    return proofread(doc, Source(display, text, positions))


def render_document(
    spec_path: Path, out: Path | None, *, root: Path | None = None, strict: bool = False
) -> tuple[Path, list[Problem]]:
    """Render one spec to .docx; return the output path and the warnings.

    Raises ContentError listing every problem (warnings too when strict) before anything is written.
    """
    root = (root or Path(".")).resolve()
    spec_path = spec_path.absolute()
    display = display_path(spec_path, root)
    target = (out if out is not None else root / "build" / "documents" / f"{spec_path.stem}.docx").absolute()
    _check_output(target, spec_path)
    if not spec_path.is_file():
        raise ContentError.single(display, 1, 1, "找不到公文规格文件：请检查路径和文件名")
    problems = Problems()
    loaded = load_model(spec_path, display, Document, problems)
    if loaded is None:
        raise ContentError(problems.sorted())
    doc, positions = loaded
    findings = check_spec(doc, positions, spec_path, display)
    errors = [p for p in findings if not p.warning]
    warnings = [p for p in findings if p.warning]
    if errors or (strict and warnings):
        raise ContentError(findings if not strict else [Problem(p.path, p.line, p.column, p.message) for p in findings])
    atomic_write_bytes(target, render_bytes(doc))
    return target, warnings


def _check_output(target: Path, spec_path: Path) -> None:
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件“{target.name}”应以 .docx 结尾")
    if target.is_dir():
        raise UsageError(f"输出路径“{target}”是一个文件夹：请写出文件名，例如 {target / (spec_path.stem + '.docx')}")
    if target.resolve() == spec_path.resolve():
        raise UsageError("输出文件不能与规格文件相同")


def write_templates(out_dir: Path) -> list[Path]:
    """Write one blank .dotx per document type into out_dir (other files there are left alone)."""
    from generator.documents.templates import blank_templates

    written: list[Path] = []
    payloads = blank_templates(DOCUMENT_TYPES)  # all made (or read from the cache), then written
    for name, data in payloads.items():
        target = out_dir.absolute() / name
        atomic_write_bytes(target, data)
        written.append(target)
    return written


def proofread_samples(content: Content) -> dict[str, list[Problem]]:
    """Proofread every document spec; return each spec's warnings by record id.

    Raises ContentError listing every problem when any spec has an error, so the build can do this in its
    first phase, before any tool runs or anything is written.
    """
    findings = {item.id: check_spec(item.model, item.positions, item.path, item.display)
                for item in content.of_kind("document")}
    problems = [p for found in findings.values() for p in found]
    if any(not p.warning for p in problems):
        raise ContentError(sorted(problems))
    return findings


def render_sample_documents(
    content: Content, out_dir: Path, proofread_warnings: dict[str, list[Problem]] | None = None
) -> list[BuiltDocument]:
    """Render every document spec and the blank templates into out_dir, replacing it whole.

    proofread_warnings: what proofread_samples returned for this content (else the specs are proofread
    here). Raises ContentError (nothing written) when any spec has a proofreading error.
    """
    warnings = proofread_samples(content) if proofread_warnings is None else proofread_warnings
    rendered: list[tuple[BuiltDocument, bytes]] = []
    for item in content.of_kind("document"):
        name = f"{item.slug}.docx"
        built = BuiltDocument(item.id, item.title, item.model.type, item.audience, out_dir.absolute() / name,
                              item.path, list(warnings.get(item.id, [])))
        rendered.append((built, render_bytes(item.model)))
    from generator.documents.templates import blank_templates

    templates = blank_templates(DOCUMENT_TYPES)
    with atomic_directory(out_dir) as temporary:
        for built, data in rendered:
            (temporary / built.docx.name).write_bytes(data)
        (temporary / TEMPLATES_SUBDIR).mkdir()
        for name, data in templates.items():
            (temporary / TEMPLATES_SUBDIR / name).write_bytes(data)
    return [built for built, _ in rendered]


__all__ = [
    "DOCUMENT_TYPES",
    "TEMPLATES_SUBDIR",
    "BuiltDocument",
    "proofread_samples",
    "render_bytes",
    "render_sample_documents",
    "render_document",
    "write_templates",
]
