"""`handbook init` and `handbook new`, run as a clerk runs them: the result passes `handbook check`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, run_handbook

KIND_TYPES = {"review": "接待", "guideline": "会务", "habit": None, "page": None, "document": "通知", "event": "会议"}
KIND_FOLDERS = {"review": "content/reviews", "guideline": "content/guidelines", "habit": "content/habits",
                "page": "content/pages", "document": "content/documents", "event": "examples"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    result = run_handbook("init", tmp_path / "我的手册")
    assert result.code == 0, result.err
    return tmp_path / "我的手册"


def test_init_makes_a_folder_that_passes_check(handbook: Path) -> None:
    files = tree(handbook)
    for name in ("site_config.yml", ".gitignore", ".vscode/settings.json", "examples/example-event.yml"):
        assert name in files
    for kind, folder in KIND_FOLDERS.items():
        assert any(name.startswith(folder + "/") for name in files), kind
    check = run_handbook("check", "--root", handbook)
    assert check.code == 0, check.err
    assert check.out.startswith("检查通过：1 条事后总结，1 条工作规范，1 条领导习惯备忘，1 条手册章节，1 条公文，1 个事件示例")
    assert check.err == ""  # not even a warning in the examples


def test_every_example_says_it_is_one_and_points_at_a_schema_that_exists(handbook: Path) -> None:
    for path in [*handbook.glob("content/*/*.*"), *handbook.glob("examples/*.yml")]:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert "示例" in "\n".join(lines[:3]), path
        if path.suffix == ".yml":
            assert lines[0].startswith("# yaml-language-server: $schema=")
            schema = (path.parent / lines[0].split("$schema=")[1]).resolve()
            assert schema.is_file(), path


def test_init_writes_the_schemas_the_project_ships_and_tells_vs_code_about_them(handbook: Path) -> None:
    for shipped in sorted((REPO / "schemas").glob("*.json")):
        assert (handbook / "schemas" / shipped.name).read_bytes() == shipped.read_bytes()
    settings = json.loads((handbook / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/review.schema.json"][0] == "content/reviews/*.yml"
    assert settings["yaml.schemas"]["./schemas/event.schema.json"][0] == "examples/*.yml"
    for schema in settings["yaml.schemas"]:
        assert (handbook / schema).is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "notes.txt").write_text("留着", encoding="utf-8")
    result = run_handbook("init", tmp_path / "old")
    assert result.code == 1
    assert "已存在且不是空文件夹：不会覆盖" in result.err
    assert tree(tmp_path / "old") == {"notes.txt": "留着".encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]  # no temporary folder left behind


@pytest.mark.parametrize("kind", list(KIND_TYPES))
def test_new_writes_each_kind_into_its_folder_and_the_result_passes_check(handbook: Path, kind: str) -> None:
    type_option = ["--type", KIND_TYPES[kind]] if KIND_TYPES[kind] else []
    result = run_handbook("new", kind, "--title", f"新建{kind}测试", *type_option, "--root", handbook)
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert path.parent == handbook / KIND_FOLDERS[kind]
    text = path.read_text(encoding="utf-8")
    assert f"新建{kind}测试" in text
    if kind in ("review", "document", "event", "habit"):
        assert date.today().isoformat() in text
    check = run_handbook("check", "--root", handbook)
    assert check.code == 0, check.err


def test_new_makes_the_id_from_a_chinese_title_in_pinyin(handbook: Path) -> None:
    result = run_handbook("new", "guideline", "--title", "公务接待须知", "--type", "接待", "--root", handbook)
    assert result.code == 0
    assert Path(result.out.strip()) == handbook / "content/guidelines/gong-wu-jie-dai-xu-zhi.yml"
    review = run_handbook("new", "review", "--title", "市领导调研：接待总结", "--type", "接待", "--root", handbook)
    assert Path(review.out.strip()).name == f"{date.today():%Y-%m}-shi-ling-dao-diao-yan-jie-dai-zong-jie.yml"


def test_new_fills_the_issuer_of_a_document_from_the_site_settings(handbook: Path) -> None:
    result = run_handbook("new", "document", "--title", "关于开展安全检查的通知", "--type", "notice", "--root", handbook)
    assert "issuer: 某某区人民政府办公室" in Path(result.out.strip()).read_text(encoding="utf-8")


def test_new_never_overwrites_a_record(handbook: Path) -> None:
    first = run_handbook("new", "review", "--title", "防汛值班总结", "--type", "应急", "--root", handbook)
    path = Path(first.out.strip())
    path.write_text(path.read_text(encoding="utf-8") + "# 我的修改\n", encoding="utf-8")
    before = path.read_bytes()
    again = run_handbook("new", "review", "--title", "防汛值班总结", "--type", "应急", "--root", handbook)
    assert again.code == 1
    assert again.out == ""
    assert "已被这个文件使用：不会覆盖" in again.err
    assert path.read_bytes() == before


def test_new_refuses_an_id_another_kind_already_uses(handbook: Path) -> None:
    run_handbook("new", "page", "--title", "会务", "--root", handbook)
    clash = run_handbook("new", "guideline", "--title", "会务", "--type", "会务", "--root", handbook)
    assert clash.code == 1
    assert "content/pages/hui-wu.md:1:1: 编号“hui-wu”已被这个文件使用" in clash.err


def test_without_the_required_fields_the_skeleton_names_what_is_missing(handbook: Path) -> None:
    result = run_handbook("new", "review", "--root", handbook)
    assert result.code == 0
    check = run_handbook("check", "--root", handbook)
    assert check.code == 1
    review = f"content/reviews/{date.today():%Y-%m}-review.yml"
    assert f"{review}:4:8: “title”（标题）不能为空" in check.err
    assert f"{review}:6:7: “type”（事件类型）的值“”不在可选范围内：只能是 接待、会议、活动、应急、办文、其他" in check.err


def test_wrong_type_is_a_usage_error(handbook: Path) -> None:
    result = run_handbook("new", "review", "--title", "x", "--type", "开会", "--root", handbook)
    assert result.code == 2
    assert "--type “开会”不适用于 review：可选 接待、会议、活动、应急、办文、其他" in result.err
    assert run_handbook("new", "habit", "--type", "接待", "--root", handbook).code == 2


def test_new_outside_a_handbook_says_where_to_start(tmp_path: Path) -> None:
    result = run_handbook("new", "review", "--title", "x", "--type", "接待", "--root", tmp_path)
    assert result.code == 1
    assert "找不到 site_config.yml" in result.err
    assert list(tmp_path.iterdir()) == []
