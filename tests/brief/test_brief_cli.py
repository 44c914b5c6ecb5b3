"""`handbook brief` as a user runs it: exit codes, messages, and nothing written on error."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.brief.helpers import RECEPTION_EVENT, docx_text, write_event
from tests.conftest import REPO, run_handbook


def test_brief_writes_the_default_output(brief_root: Path, reception_event: Path) -> None:
    result = run_handbook("brief", reception_event, "--root", brief_root)
    assert result.code == 0, result.err
    out = brief_root / "build" / "brief" / "reception.docx"
    assert out.is_file()
    assert f"已生成事前安排会材料：{out}" in result.out
    assert "FIX-R1A" in docx_text(out)
    assert result.err == ""


def test_brief_with_output_and_restricted_audience(brief_root: Path, reception_event: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "安排会材料.docx"
    result = run_handbook("brief", reception_event, "--root", brief_root, "-o", out, "--audience", "restricted")
    assert result.code == 0, result.err
    assert "HABIT-DIET" in docx_text(out)


def test_a_bad_event_file_is_reported_with_its_position_and_nothing_is_written(
    brief_root: Path, tmp_path: Path
) -> None:
    event = write_event(tmp_path, RECEPTION_EVENT.replace("place:", "plase:"))
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    result = run_handbook("brief", event, "--root", brief_root, "-o", out)
    assert result.code == 1
    assert f"{event}:4:1: " in result.err and "plase" in result.err and "place" in result.err
    assert "Traceback" not in result.err
    assert out.read_bytes() == b"old"


def test_assigned_after_the_event_is_an_error(brief_root: Path, tmp_path: Path) -> None:
    event = write_event(tmp_path, RECEPTION_EVENT.replace("assigned: 2025-06-01", "assigned: 2025-06-12"))
    result = run_handbook("brief", event, "--root", brief_root)
    assert result.code == 1
    assert f"{event}:16:11: 接到任务日期 2025-06-12 晚于活动日期 2025-06-10" in result.err
    assert not (brief_root / "build" / "brief").exists()


def test_content_errors_and_event_errors_are_reported_together(brief_root: Path, tmp_path: Path) -> None:
    (brief_root / "content" / "reviews" / "broken.yml").write_text("title: 坏记录\ntype: 接待\n", encoding="utf-8")
    event = write_event(tmp_path, RECEPTION_EVENT.replace("type: 接待", "type: 招待"))
    result = run_handbook("brief", event, "--root", brief_root)
    assert result.code == 1
    assert "content/reviews/broken.yml:" in result.err
    assert f"{event}:2:7:" in result.err


def test_missing_event_file(brief_root: Path, tmp_path: Path) -> None:
    result = run_handbook("brief", tmp_path / "nope.yml", "--root", brief_root)
    assert result.code == 1
    assert "找不到事件文件" in result.err


def test_a_restricted_event_needs_a_restricted_pack(brief_root: Path, tmp_path: Path) -> None:
    event = write_event(tmp_path, RECEPTION_EVENT + "audience: restricted\n")
    result = run_handbook("brief", event, "--root", brief_root)
    assert result.code == 2
    assert "--audience restricted" in result.err


def test_wrong_usage_exits_2(brief_root: Path, reception_event: Path, tmp_path: Path) -> None:
    assert run_handbook("brief", "--root", brief_root).code == 2
    assert run_handbook("brief", reception_event, "--root", brief_root, "--audience", "secret").code == 2
    result = run_handbook("brief", reception_event, "--root", brief_root, "-o", tmp_path / "pack.pdf")
    assert result.code == 2 and ".docx" in result.err


def test_brief_help_names_every_option() -> None:
    result = run_handbook("brief", "--help")
    assert result.code == 0
    for option in ("EVENT.yml", "-o", "--audience", "--root"):
        assert option in result.out


def test_the_sample_events_brief_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    for part in ("site_config.yml", "content", "examples"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / part)
    for name in ("reception-event", "meeting-event"):
        out = tmp_path / f"{name}.docx"
        result = run_handbook("brief", root / "examples" / f"{name}.yml", "--root", root, "-o", out)
        assert result.code == 0, result.err
        assert "以往问题，这次不再发生" in docx_text(out)
