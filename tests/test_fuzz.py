"""Property tests: no input, however malformed, crashes the loader (ContentError is the only failure)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.load import load_content
from generator.load.reader import parse_yaml, read_text
from tests.conftest import REPO, make_root

SAMPLE = (REPO / "content/reviews/2024-03-provincial-survey-reception.yml").read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _parse(raw: bytes) -> None:
    try:
        parse_yaml(read_text(raw, "x.yml"), "x.yml")
    except ContentError as exc:
        assert all(str(p).startswith("x.yml:") for p in exc.problems)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_reader(raw: bytes) -> None:
    _parse(raw)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`,?\n\t \u3000：a1中")), max_size=120))
def test_yaml_punctuation_soup_never_crashes(text: str) -> None:
    _parse(text.encode("utf-8"))


@st.composite
def mutated(draw: st.DrawFn, source: str = SAMPLE) -> str:
    text = source
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "control"]))
        if action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif action == "insert":
            text = text[:pos] + draw(st.text(max_size=8)) + text[pos:]
        else:
            text = text[:pos] + chr(draw(st.integers(0, 31))) + text[pos:]
    return text


@FUZZ
@given(mutated())
def test_mutated_records_load_or_fail_cleanly(tmp_path: Path, text: str) -> None:
    root = make_root(Path(tempfile.mkdtemp(dir=tmp_path)), {"content/reviews/a.yml": text.encode("utf-8", "surrogatepass")})
    try:
        load_content(root)
    except ContentError as exc:
        assert exc.problems and all(p.line >= 1 and p.column >= 1 for p in exc.problems)


DOC_SPEC = (REPO / "content/documents/flood-supplies-request.yml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated(DOC_SPEC))
def test_mutated_document_specs_render_or_fail_cleanly(tmp_path: Path, text: str) -> None:
    from generator.documents import render_document

    root = make_root(Path(tempfile.mkdtemp(dir=tmp_path)), {"content/documents/spec.yml": text.encode("utf-8", "surrogatepass")})
    out = root / "out.docx"  # a fresh folder per example: hypothesis reuses tmp_path
    try:
        render_document(root / "content/documents/spec.yml", out, root=root)
    except ContentError as exc:
        assert exc.problems and not out.exists()
    else:
        assert out.stat().st_size > 0


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_records_never_crash_a_whole_build(tmp_path: Path, text: str) -> None:
    from generator.build import build

    root = make_root(Path(tempfile.mkdtemp(dir=tmp_path)), {"content/reviews/a.yml": text.encode("utf-8", "surrogatepass")})
    out = root / "site"
    try:
        build(root, "internal", out)
    except ContentError as exc:
        assert exc.problems and not out.exists()
    else:
        assert (out / "index.html").is_file()
