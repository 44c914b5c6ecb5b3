"""`handbook doc` and `handbook templates` as a user runs them: exit codes, messages, nothing written on error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from generator.documents.templates import TEMPLATE_CONTENT_TYPE
from tests.conftest import run_handbook
from tests.documents.documents_helpers import NOTICE, SPECS


def spec_path(root: Path, kind: str) -> Path:
    return root / "content" / "documents" / f"{kind}.yml"


def test_doc_writes_the_default_output_under_build_documents(doc_root: Path) -> None:
    result = run_handbook("doc", spec_path(doc_root, "notice"), "--root", doc_root)
    out = doc_root / "build" / "documents" / "notice.docx"
    assert result.code == 0, result.err
    assert result.out == f"已生成公文：{out}\n"
    assert result.err == ""
    assert docx.Document(str(out)).paragraphs[0].text == "青禾区人民政府办公室文件"


@pytest.mark.parametrize("kind", list(SPECS))
def test_doc_renders_every_type_to_the_given_output(doc_root: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "输出" / f"{kind}.docx"
    result = run_handbook("doc", spec_path(doc_root, kind), "-o", out, "--root", doc_root)
    assert result.code == 0, result.err
    assert zipfile.is_zipfile(out)


def test_doc_prints_warnings_and_still_writes(doc_root: Path, tmp_path: Path) -> None:
    spec = tmp_path / "warn.yml"
    spec.write_text(NOTICE.replace("title: 关于做好汛期值班工作的通知", "title: 汛期值班工作安排"), encoding="utf-8")
    out = tmp_path / "warn.docx"
    result = run_handbook("doc", spec, "-o", out, "--root", tmp_path)
    assert result.code == 0
    assert result.err == "warn.yml:7:8: 警告：标题缺少文种“通知”：标题由发文机关、事由和文种组成，例如“（发文机关）关于……的通知”（GB/T 9704 §7.3.1）\n"
    assert out.is_file()


def test_strict_makes_a_warning_fatal_and_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "warn.yml"
    spec.write_text(NOTICE.replace("title: 关于做好汛期值班工作的通知", "title: 汛期值班工作安排"), encoding="utf-8")
    out = tmp_path / "warn.docx"
    result = run_handbook("doc", spec, "-o", out, "--root", tmp_path, "--strict")
    assert result.code == 1
    assert result.err == ("warn.yml:7:8: 标题缺少文种“通知”：标题由发文机关、事由和文种组成，例如“（发文机关）关于……的通知”（GB/T 9704 §7.3.1）\n"
                          "发现 1 个问题，未写入任何文件。\n")
    assert not out.exists()


def test_an_error_exits_1_and_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yml"
    spec.write_text(NOTICE.replace("  seq: 12", "  seq: 012"), encoding="utf-8")
    out = tmp_path / "bad.docx"
    out.write_bytes(b"previous version")
    result = run_handbook("doc", spec, "-o", out, "--root", tmp_path)
    assert result.code == 1
    assert result.err == ("bad.yml:6:8: 发文顺序号“012”不编虚位：应写成 12（1 不编为 01）\n"
                          "发现 1 个问题，未写入任何文件。\n")
    assert result.out == ""
    assert out.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "bad.yml"]  # no temporary leftovers


def test_a_broken_yaml_file_is_an_input_error(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yml"
    spec.write_text("type: notice\ntitle: [未闭合\n", encoding="utf-8")
    result = run_handbook("doc", spec, "--root", tmp_path)
    assert result.code == 1
    assert result.err.startswith("broken.yml:")
    assert "Traceback" not in result.err
    assert not (tmp_path / "build").exists()


def test_a_missing_spec_is_an_input_error(tmp_path: Path) -> None:
    result = run_handbook("doc", tmp_path / "nope.yml", "--root", tmp_path)
    assert result.code == 1
    assert result.err.startswith("nope.yml:1:1: 找不到公文规格文件：请检查路径和文件名\n")


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "out.pdf"], "handbook doc: 用法错误：输出文件“out.pdf”应以 .docx 结尾\n"),
    (["--root", "no-such-dir"], "handbook doc: 用法错误：--root 指定的目录“no-such-dir”不存在\n"),
])
def test_wrong_usage_exits_2(doc_root: Path, args: list[str], message: str) -> None:
    result = run_handbook("doc", spec_path(doc_root, "notice"), *args, cwd=doc_root)
    assert result.code == 2
    assert result.err == message
    assert not (doc_root / "build").exists()


def test_a_missing_argument_exits_2() -> None:
    result = run_handbook("doc")
    assert result.code == 2
    assert "缺少必需的参数" in result.err


def test_templates_writes_one_dotx_per_type_that_opens_as_a_new_document(tmp_path: Path) -> None:
    out = tmp_path / "模板"
    result = run_handbook("templates", "--root", tmp_path, "--out", out)
    assert result.code == 0, result.err
    assert result.out == f"已生成 6 个空白公文模板（.dotx）：{out}\n"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{kind}.dotx" for kind in SPECS)
    for path in out.iterdir():
        with zipfile.ZipFile(path) as package:
            content_types = package.read("[Content_Types].xml").decode()
        assert TEMPLATE_CONTENT_TYPE in content_types
        assert "wordprocessingml.document.main+xml" not in content_types


def test_templates_default_to_build_templates_and_keep_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "build" / "templates"
    folder.mkdir(parents=True)
    (folder / "我的模板.dotx").write_bytes(b"keep me")
    result = run_handbook("templates", "--root", tmp_path)
    assert result.code == 0, result.err
    assert (folder / "notice.dotx").is_file()
    assert (folder / "我的模板.dotx").read_bytes() == b"keep me"


@pytest.mark.parametrize("command", ["doc", "templates"])
def test_help_is_available(command: str) -> None:
    result = run_handbook(command, "--help")
    assert result.code == 0
    assert "--root" in result.out
