"""The bad-input corpus: each case is a content folder with one defect and the exact messages expected.

Every case must give exit code 1, exactly its `path:line:column:` messages, no traceback, and
no output written. Regenerate expected.txt after a deliberate message change with
`UPDATE_GOLDEN=1 pytest tests/test_bad_inputs.py` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from generator.load import load_content
from generator.load.paste import clean_pasted_text, find_paste_slips
from generator.load.syntax import FALLBACK as SYNTAX_FALLBACK
from generator.load.syntax import explain as explain_syntax_error
from tests.conftest import make_root, run_handbook
from tests.plain_chinese import english_words

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def materialise(case: str, target: Path) -> Path:
    """Copy a case onto a minimal valid root; generated files are written from their recipe."""
    source = CORPUS / case
    make_root(target)
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if path.is_dir() or rel.name in ("expected.txt", "GENERATE", "NO_SITE_CONFIG"):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / rel)
    if (source / "NO_SITE_CONFIG").exists():
        (target / "site_config.yml").unlink()
    if (source / "GENERATE").exists():
        recipe = json.loads((source / "GENERATE").read_text())
        line = recipe["line"].encode()
        out = target / recipe["path"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(b"title: x\ndate: 2024-08-02\ntype: \xe6\x8e\xa5\xe5\xbe\x85\n" + line * (recipe["bytes"] // len(line)))
    return target


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exact_messages(case: str, tmp_path: Path) -> None:
    root = materialise(case, tmp_path / "root")
    before = tree(root)
    result = run_handbook("check", "--root", root, timeout=120)  # an alias bomb or deep nesting must not hang
    lines = [line for line in result.err.splitlines() if not line.startswith("发现 ")]
    expected_file = CORPUS / case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert lines == expected_file.read_text(encoding="utf-8").splitlines()
    assert result.err.rstrip().endswith("未写入任何文件。")
    assert tree(root) == before, "check must not write anything"


@pytest.mark.parametrize("case", ["06-missing-required", "26-python-tag", "28-alias-bomb", "44-ids-collide-after-slug"])
def test_build_writes_nothing_on_bad_input(case: str, tmp_path: Path) -> None:
    root = materialise(case, tmp_path / "root")
    before = tree(root)
    result = run_handbook("build", "--root", root, "--out", tmp_path / "site")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "site").exists()
    assert tree(root) == before


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    root = materialise("26-python-tag", tmp_path / "root")
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    run_handbook("check", "--root", root)
    assert not marker.exists()


# ------------------------------------------------------------------ no English reaches a clerk
def test_no_message_of_the_corpus_speaks_english() -> None:
    messages = [line for case in CASES for line in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()]
    assert len(messages) >= len(CASES)
    assert {message: english_words(message) for message in messages if english_words(message)} == {}


@pytest.mark.parametrize("message", [
    "a.yml:1:1: YAML 语法错误（did not find expected key）",
    "a.yml:2:3: 内部错误（ValueError: bad）",
])
def test_the_english_scan_catches_parser_english(message: str) -> None:
    assert english_words(message)


# ------------------------------------------------------------------ pasted text
PASTE_CASES = ["39-fullwidth-space-indent", "40-fullwidth-space-after-dash", "72-nbsp-indent", "73-nbsp-after-dash",
               "74-nbsp-after-colon", "75-zero-width-in-key", "76-fullwidth-space-after-colon"]


@pytest.mark.parametrize("case", PASTE_CASES)
def test_cleaning_pasted_text_fixes_exactly_what_check_reports(case: str, tmp_path: Path) -> None:
    root = materialise(case, tmp_path / "root")
    record = root / "content/reviews/a.yml"
    cleaned = clean_pasted_text(record.read_text(encoding="utf-8"))
    assert find_paste_slips(cleaned) == []
    record.write_text(cleaned, encoding="utf-8")
    assert load_content(root).by_id()["a"].model.title == "接待复盘"


@pytest.mark.parametrize(("pasted", "cleaned"), [
    ("title: 甲\nproblems:\n\u00a0\u00a0- what: 乙\n", "title: 甲\nproblems:\n  - what: 乙\n"),
    ("tags:\n\u3000- 甲\n", "tags:\n  - 甲\n"),
    ("tags:\n  -\u3000甲\n", "tags:\n  - 甲\n"),
    ("title:\u00a0甲\r\n", "title: 甲\r\n"),
    ("ti\u200btle: 甲\u200d乙\ufeff\n", "title: 甲乙\n"),
    ("\u200b\u00a0\u00a0title: 甲\n", "  title: 甲\n"),
])
def test_clean_pasted_text_repairs_syntax_positions(pasted: str, cleaned: str) -> None:
    assert clean_pasted_text(pasted) == cleaned


def test_clean_pasted_text_cleans_a_chapter_without_touching_its_markdown() -> None:
    chapter = "---\ntitle:\u00a0新人入门\n---\n\n\u00a0\u00a0\u00a0\u00a0代码块\n先读保\u200b密规定。\n"
    assert clean_pasted_text(chapter) == "---\ntitle: 新人入门\n---\n\n\u00a0\u00a0\u00a0\u00a0代码块\n先读保密规定。\n"


def test_clean_pasted_text_leaves_free_text_alone() -> None:
    text = "title: 甲\nbody: |\n  \u3000\u3000第一段，首行空两格。\n  地址：A\u00a0座\n"
    assert clean_pasted_text(text) == text
    assert find_paste_slips(text) == []


BROKEN_YAML = [
    'title: "甲\n', "title: '甲\n", "tags: [甲, 乙\n", "guests: {unit: 甲\n", "title: 甲: 乙\n", "title: 甲\n乙\n",
    "tags:\n  - 甲\n - 乙\n", "a:\n  b: 1\n c: 2\n", "title: @甲\n", "title: `甲\n", "title: *甲\n",
    "title: !甲 乙\n", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", 'title: "C:\\甲"\n', "body: |x\n  甲\n", "a: 1\n---\nb: 2\n",
    "a: 1\n...\nb: 2\n", "- a\nb: 1\n", "a: [b: c: d]\n", "a: {b, c: d: e}\n", "a:\n\t- b\n",
    "a: 'b'c\n", "a: [b\n---\n", "{a: 1}}\n", "a: b\n  c: d\n", "- - - a\n  - b\n -c\n",
]


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "python"])
@pytest.mark.parametrize("text", BROKEN_YAML)
def test_every_parser_message_is_told_in_chinese(text: str, pure: bool) -> None:
    with pytest.raises(MarkedYAMLError) as caught:
        YAML(typ="safe", pure=pure).compose(io.StringIO(text))
    line, column, message = explain_syntax_error(text, caught.value)
    assert english_words(message) == [], message
    assert message != SYNTAX_FALLBACK, (caught.value.context, caught.value.problem)
    assert 1 <= line <= text.count("\n") + 1 and column >= 1
