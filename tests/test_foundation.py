"""The foundation as a user meets it: sample content, schemas, the field tables and the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import opencc
import pytest

from generator import atomic
from generator.cli import main, make_parser
from generator.cli_docs import commands_reference, subcommands
from generator.errors import ContentError, OutputBusy
from generator.load import load_content, slugify
from generator.load.file_kind import detect_kind
from generator.model.docs import field_tables
from generator.model.records import (
    AUDIENCE_SYNONYMS,
    CATEGORY_SYNONYMS,
    DOCUMENT_TYPE_SYNONYMS,
    REVIEW_TYPE_SYNONYMS,
    Action,
    Document,
    Guideline,
    Review,
)
from generator.model.schema import SCHEMA_MODELS, render
from generator.session import Session
from tests.conftest import REPO, make_root, run_handbook

SCHEMA_LINE = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def samples():
    return load_content(REPO)


def test_sample_content_checks_clean() -> None:
    result = run_handbook("check", "--root", REPO)
    assert result.code == 0, result.err
    assert result.out.startswith("检查通过") and "2 个事件示例" in result.out
    # The samples show on purpose a problem that came back after its fix was marked done.
    warnings = result.err.splitlines()
    assert warnings and all("警告：" in line and "整改没有见效" in line for line in warnings), result.err


def test_samples_cover_what_new_staff_need(samples) -> None:
    reviews = samples.of_kind("review")
    assert len(reviews) >= 12
    assert {r.model.type for r in reviews} == {"接待", "会议", "活动", "应急", "办文", "其他"}
    assert len({r.model.date.year for r in reviews}) >= 3
    assert len(samples.of_kind("guideline")) >= 6
    assert len(samples.of_kind("habit")) >= 3
    assert {d.model.type for d in samples.of_kind("document")} == {
        "notice", "meeting_notice", "request", "report", "minutes", "letter"}
    pages = sorted(samples.of_kind("page"), key=lambda p: p.model.order or 0)
    assert [p.title for p in pages][:1] == ["新人入门"]
    assert len(pages) >= 6
    ten_rules = samples.by_id()["reception-ten-rules"].model
    assert len(ten_rules.rules) == 10


def test_at_least_two_records_are_in_traditional_characters(samples) -> None:
    t2s = opencc.OpenCC("t2s")
    traditional = [i.id for i in samples.items if i.path.suffix == ".yml" and
                   _changed_share(i.path.read_text(encoding="utf-8"), t2s) > 0.05]
    assert len(traditional) >= 2, traditional


def _changed_share(text: str, converter: opencc.OpenCC) -> float:
    simplified = converter.convert(text)
    return sum(a != b for a, b in zip(text, simplified, strict=True)) / max(len(text), 1)


def test_every_sample_file_points_editors_at_its_schema() -> None:
    for path in sorted((REPO / "content").rglob("*.yml")) + sorted((REPO / "examples").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE), path
        schema = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        assert schema.is_file(), f"{path}: {schema} missing"


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_committed_schemas_match_the_model(name: str) -> None:
    committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render(name), "run `make schemas` and commit schemas/"
    schema = json.loads(committed)
    assert schema["additionalProperties"] is False


def test_manual_field_tables_are_generated_from_the_model() -> None:
    assert field_tables() in (REPO / "docs" / "content-model.md").read_text(encoding="utf-8"), (
        "run `python -m generator.model.docs` to refresh docs/content-model.md")


def test_slugs_use_pinyin_for_chinese_ids() -> None:
    assert slugify("台风值班") == "tai-feng-zhi-ban"
    assert slugify("2024-05-接待") == "2024-05-jie-dai"
    assert slugify("Reception_Rules") == "reception-rules"


def test_habit_notes_default_to_restricted(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"content/habits/wang.yml": "person: 王明\nupdated: 2024-05-01\n"})
    habit = load_content(root).by_id()["wang"]
    assert habit.audience == "restricted"


def test_problems_are_all_reported_not_just_the_first(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "content/reviews/a.yml": "title: 甲\ndate: 2024-02-30\ntype: 接待\n",
        "content/reviews/b.yml": "title: 乙\ndate: 2024-01-01\ntype: 接待\nheadcount: -1\ntagz: []\n",
    })
    result = run_handbook("check", "--root", root)
    assert result.code == 1
    assert result.err.splitlines()[:3] == [
        "content/reviews/a.yml:2:7: “date”（日期）：日期“2024-02-30”不存在（请核对月份和日子，例如 2 月没有 30 日）",
        "content/reviews/b.yml:4:12: “headcount”（人数）应为不小于 0 的整数，而不是 -1",
        "content/reviews/b.yml:5:1: 不认识的字段“tagz”，是不是想写“tags”？",
    ]
    assert result.err.splitlines()[-1] == "发现 3 个问题，未写入任何文件。"


def test_help_is_in_chinese_and_english() -> None:
    result = run_handbook("--help")
    assert result.code == 0
    assert "生成手册网站" in result.out and "build the handbook site" in result.out
    for command in ("check", "build", "serve", "search", "doc", "templates", "brief"):
        sub = run_handbook(command, "--help")
        assert sub.code == 0, command
        assert "--root" in sub.out


def test_wrong_usage_exits_2_with_a_chinese_message() -> None:
    result = run_handbook("check", "--bogus")
    assert result.code == 2
    assert "用法错误：无法识别的参数: --bogus" in result.err
    assert run_handbook().code == 2
    assert run_handbook("build", "--audience", "secret").code == 2


def test_a_folder_that_is_not_a_handbook_is_explained(tmp_path: Path) -> None:
    result = run_handbook("check", "--root", tmp_path)
    assert result.code == 1
    assert result.err.startswith("site_config.yml:1:1: 找不到 site_config.yml")


def test_check_proofreads_document_specs_too(tmp_path: Path) -> None:
    spec = (REPO / "content/documents/flood-supplies-request.yml").read_text(encoding="utf-8")
    spec = spec.replace("to:\n", "to:\n  - 南屿市财政局\n", 1)
    root = make_root(tmp_path, {"content/documents/request.yml": spec})
    result = run_handbook("check", "--root", root)
    assert result.code == 1
    line = spec.splitlines().index("  - 南屿市人民政府") + 1
    assert result.err.splitlines()[0] == (
        f"content/documents/request.yml:{line}:5: 请示只能主送一个机关（现有 2 个）：其余机关请改为抄送（cc）")


def test_parse_cache_gives_the_same_records_and_notices_edits(tmp_path: Path) -> None:
    review = "title: 甲\ndate: 2024-05-01\ntype: 接待\ntags: [席卡]\n"
    root = make_root(tmp_path, {"content/reviews/a.yml": review, "content/reviews/b.yml": review.replace("甲", "乙")})
    cache = tmp_path / "cache"
    first = load_content(root, cache_dir=cache, session=Session())
    again = load_content(root, cache_dir=cache, session=Session())  # a new process: the records come from the cache on disk
    assert [(i.id, i.model, i.positions.value(("tags", 0))) for i in again.items] == [
        (i.id, i.model, i.positions.value(("tags", 0))) for i in first.items]
    (root / "content/reviews/b.yml").write_text(review.replace("甲", "丙").replace("2024-05-01", "2024-02-30"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root, cache_dir=cache, session=Session())
    assert str(caught.value.problems[0]).startswith("content/reviews/b.yml:2:7:")
    (root / "content/reviews/cache.json").write_text("garbage", encoding="utf-8")
    (cache / "parsed.json").write_text("{not json", encoding="utf-8")
    (root / "content/reviews/b.yml").write_text(review.replace("甲", "丁"), encoding="utf-8")
    assert load_content(root, cache_dir=cache, session=Session()).by_id()["b"].title == "丁"


def test_a_preview_reloads_only_edited_records_and_still_checks_them_all(tmp_path: Path) -> None:
    guideline = "title: 席卡规范\ncategory: 会务\nrules:\n  - title: 核对姓名\n    text: 逐一核对\n"
    review = "title: 甲\ndate: 2024-05-01\ntype: 接待\nguidelines: [seat-cards]\n"
    root = make_root(tmp_path, {
        "content/guidelines/seat-cards.yml": guideline,
        "content/reviews/a.yml": review, "content/reviews/b.yml": review.replace("甲", "乙"),
    })
    preview = Session()
    first = load_content(root, cache_dir=tmp_path / "cache", session=preview).by_id()
    (root / "content/reviews/b.yml").write_text(review.replace("甲", "丙"), encoding="utf-8")
    again = load_content(root, cache_dir=tmp_path / "cache", session=preview).by_id()
    assert again["a"] is first["a"]  # unchanged bytes: taken from memory
    assert again["b"].title == "丙" and again["b"].digest != first["b"].digest
    (root / "content/guidelines/seat-cards.yml").unlink()  # a record kept in memory now cites a missing guideline
    with pytest.raises(ContentError) as caught:
        load_content(root, cache_dir=tmp_path / "cache", session=preview)
    assert [p.path for p in caught.value.problems] == ["content/reviews/a.yml", "content/reviews/b.yml"]


def test_a_missing_root_folder_is_named_as_missing(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    result = run_handbook("check", "--root", missing)
    assert result.code == 2, result.err
    assert f"--root 指定的目录“{missing}”不存在" in result.err
    assert "site_config.yml" not in result.err and "Traceback" not in result.err


# ------------------------------------------------------------------ values in either script
@pytest.mark.parametrize(("field", "written", "stored"), [
    ("type", "應急", "应急"), ("type", "會議", "会议"), ("type", "辦文", "办文"), ("type", "接待", "接待"),
    ("type", "其它", "其他"), ("audience", "內部", "internal"), ("audience", "公开", "public"),
])
def test_review_values_are_accepted_in_traditional_script_and_stored_canonical(field: str, written: str, stored: str) -> None:
    review = Review.model_validate({"title": "甲", "date": "2024-08-02", "type": "接待", field: written})
    assert getattr(review, field) == stored


@pytest.mark.parametrize(("written", "stored"), [
    ("是", True), ("已完成", True), ("true", True), (True, True), ("否", False), ("未完成", False), ("false", False),
])
def test_an_action_may_be_marked_done_in_words(written: object, stored: bool) -> None:
    assert Action.model_validate({"what": "补印席卡", "done": written}).done is stored


def test_other_enumerated_values_accept_their_synonyms() -> None:
    guideline = Guideline.model_validate({"title": "甲", "category": "財務", "applies_to": ["應急", "會議"],
                                          "rules": [{"title": "乙"}]})
    assert (guideline.category, guideline.applies_to) == ("财务", ["应急", "会议"])
    document = Document.model_validate({"type": "請示", "issuer": "甲", "title": "乙", "body": "丙", "date": "2025-01-02"})
    assert document.type == "request"


@pytest.mark.parametrize("table", [REVIEW_TYPE_SYNONYMS, CATEGORY_SYNONYMS, DOCUMENT_TYPE_SYNONYMS, AUDIENCE_SYNONYMS])
def test_every_traditional_spelling_is_the_traditional_form_of_its_value(table: dict[str, str]) -> None:
    t2s = opencc.OpenCC("t2s")
    simplified_of = {written: t2s.convert(written) for written in table}
    for written, simplified in simplified_of.items():
        if simplified != written:  # a traditional spelling: it means what its simplified form means
            assert table.get(simplified, simplified) == table[written], written


# ------------------------------------------------------------------ a file of the wrong kind
def test_doc_given_a_review_says_what_the_file_is_in_one_line(tmp_path: Path) -> None:
    review = "content/reviews/2024-03-provincial-survey-reception.yml"
    out = tmp_path / "out.docx"
    result = run_handbook("doc", review, "-o", out)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{review}:1:1: 这是一条事后总结，不是公文规格：handbook doc 只处理 content/documents/ 里的公文规格；"
        "事后总结请用 handbook check 检查、handbook build 放进手册",
        "发现 1 个问题，未写入任何文件。",
    ]
    assert not out.exists()


def test_brief_given_a_document_spec_names_the_command_that_takes_it(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yml"  # outside any content folder: known by its fields
    spec.write_text((REPO / "content/documents/flood-supplies-request.yml").read_text(encoding="utf-8"), encoding="utf-8")
    root = make_root(tmp_path / "handbook")  # the brief also loads the content (and caches it under its root)
    result = run_handbook("brief", spec, "--root", root, "-o", tmp_path / "brief.docx")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{spec}:1:1: 这是一份公文规格，不是事件文件：handbook brief 只处理事件文件（examples/ 里放的也应是事件文件）；"
        "公文规格请用 handbook doc 生成 Word 文档")
    assert not (tmp_path / "brief.docx").exists()


@pytest.mark.parametrize(("path", "fields", "kind"), [
    ("x/a.yml", {"kind": "review"}, "review"),
    ("content/guidelines/a.yml", {"title": "甲"}, "guideline"),
    ("x/a.yml", {"title": "甲", "issuer": "乙", "body": "丙"}, "document"),
    ("x/a.yml", {"title": "甲", "attendees": [], "guests": {}}, "event"),
    ("examples/a.yml", {"title": "甲", "problems": [], "lessons": []}, "review"),
    ("examples/a.yml", {"title": "甲"}, "event"),
    ("content/pages/a.md", {}, "page"),
    ("x/a.yml", {"title": "甲"}, None),
])
def test_the_kind_of_a_file_is_told_by_its_kind_key_folder_or_fields(path: str, fields: dict, kind: str | None) -> None:
    assert detect_kind(fields, Path(path)) == kind


# ------------------------------------------------------------------ the command reference
def test_the_command_reference_is_generated_from_the_parser() -> None:
    page = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    assert commands_reference() in page, "run `python -m generator.cli_docs` to refresh docs/commands.md"
    for name, parser in subcommands(make_parser()).items():
        assert f"## handbook {name}\n" in page
        for action in parser._actions:
            for option in action.option_strings:
                assert f"`{option}`" in page, (name, option)
    assert "`--strict`" in page and "commands.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_argparse_internals_the_reference_reads_still_exist() -> None:
    parser = make_parser()
    assert isinstance(parser._actions, list)
    assert any(isinstance(action, argparse._SubParsersAction) for action in parser._actions)
    assert issubclass(argparse._HelpAction, argparse.Action)


def test_an_output_another_build_holds_is_a_typed_error_the_command_line_turns_into_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The library raises OutputBusy (no command-line error in atomic.py); `handbook` says it and exits 2."""
    root = make_root(tmp_path / "handbook")
    out = tmp_path / "台账.csv"
    monkeypatch.setattr(atomic, "LOCK_TIMEOUT_SECONDS", 0.2)
    with atomic.output_lock(out):  # another build writing the same sheet
        with pytest.raises(OutputBusy) as raised, atomic.output_lock(out):
            pass
        assert raised.value.target == out
        code = main(["actions", "--root", str(root), "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"handbook actions: 用法错误：{out} 正被另一个生成过程使用，等待 0 秒仍未结束：请稍后再试\n"
    )
    assert not out.exists()
