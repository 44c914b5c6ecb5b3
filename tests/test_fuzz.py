"""Property tests: no input, however malformed, crashes the loader (ContentError is the only failure)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.load import load_content
from generator.load.reader import parse_yaml, read_text
from generator.session import Session
from tests.conftest import REPO, make_root
from tests.plain_chinese import english_words

SAMPLE = (REPO / "content/reviews/2024-03-provincial-survey-reception.yml").read_text(encoding="utf-8")
CITED = "content/guidelines/reception-ten-rules.yml"  # SAMPLE cites it
GUIDELINE = (REPO / CITED).read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _parse(raw: bytes) -> None:
    try:
        parse_yaml(read_text(raw, "x.yml"), "x.yml")
    except ContentError as exc:
        assert all(str(p).startswith("x.yml:") for p in exc.problems)
        _assert_chinese(exc)


def _assert_chinese(exc: ContentError) -> None:
    """No message a clerk reads carries English (the parser's own words, Python's names)."""
    english = {str(p): english_words(str(p)) for p in exc.problems if english_words(str(p))}
    assert english == {}


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


@pytest.fixture(scope="module")
def one_review_root(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Session]:
    """A content root loaded once, with its session: each example rewrites its one review and loads again."""
    root = make_root(tmp_path_factory.mktemp("mutated"), {"content/reviews/a.yml": SAMPLE, CITED: GUIDELINE})
    session = Session()
    load_content(root, session=session)
    return root, session


@FUZZ
@given(mutated())
def test_mutated_records_load_or_fail_cleanly(one_review_root: tuple[Path, Session], text: str) -> None:
    root, session = one_review_root
    (root / "content/reviews/a.yml").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_content(root, session=session)
    except ContentError as exc:
        assert exc.problems and all(p.line >= 1 and p.column >= 1 for p in exc.problems)
        _assert_chinese(exc)


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
        _assert_chinese(exc)
    else:
        assert out.stat().st_size > 0


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_records_never_crash_a_whole_build(tmp_path: Path, text: str) -> None:
    from generator.build import build_handbook

    root = make_root(Path(tempfile.mkdtemp(dir=tmp_path)), {"content/reviews/a.yml": text.encode("utf-8", "surrogatepass")})
    out = root / "site"
    try:
        build_handbook(root, "internal", out)
    except ContentError as exc:
        assert exc.problems and not out.exists()
    else:
        assert (out / "index.html").is_file()


# ------------------------------------------------------------------ a slip is reported where it is
PAGE = "---\ntitle: 新人入门\norder: 1\naudience: internal\n---\n\n# 第一周\n\n先读[接待须知](../guidelines/reception-ten-rules.yml)。\n"
VALID_RECORDS = {
    "content/reviews/review.yml": SAMPLE,
    "content/documents/spec.yml": DOC_SPEC,
    "content/habits/habit.yml": (REPO / "content/habits/lin-zhenhua.yml").read_text(encoding="utf-8"),
    "content/pages/page.md": PAGE,
}


@st.composite
def one_deletion(draw: st.DrawFn) -> tuple[str, str, int]:
    """A valid record with one character deleted, and the line that character was on."""
    path = draw(st.sampled_from(sorted(VALID_RECORDS)))
    text = VALID_RECORDS[path]
    pos = draw(st.integers(0, len(text) - 1))
    return path, text[:pos] + text[pos + 1:], text.count("\n", 0, pos) + 1


@pytest.fixture(scope="module")
def sample_records_root(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Session]:
    """The valid records, loaded once into a session: an example damages one and loads again, so only
    that file is read afresh (the others are the same bytes, checked once) and every check runs again."""
    root = make_root(tmp_path_factory.mktemp("deletions"), {**VALID_RECORDS, CITED: GUIDELINE})
    session = Session()
    load_content(root, session=session)
    return root, session


@settings(max_examples=120, deadline=None)
@given(one_deletion())
def test_a_deleted_character_is_reported_no_later_than_the_next_line(
    sample_records_root: tuple[Path, Session], damage: tuple[str, str, int]
) -> None:
    root, session = sample_records_root
    path, text, damaged_line = damage
    for name, valid in VALID_RECORDS.items():
        (root / name).write_text(text if name == path else valid, encoding="utf-8")
    try:
        load_content(root, session=session)
    except ContentError as exc:
        assert {p.path for p in exc.problems} == {path}, [str(p) for p in exc.problems]
        assert min(p.line for p in exc.problems) <= damaged_line + 1, [str(p) for p in exc.problems]
        _assert_chinese(exc)


def test_the_sample_records_load_before_any_deletion(sample_records_root: tuple[Path, Session]) -> None:
    root, _ = sample_records_root
    for name, valid in VALID_RECORDS.items():
        (root / name).write_text(valid, encoding="utf-8")
    assert len(load_content(root, session=Session()).items) == len(VALID_RECORDS) + 1
