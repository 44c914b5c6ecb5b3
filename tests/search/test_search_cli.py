"""`handbook search` as a user runs it: output, JSON shape, exit codes and messages."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest
from searchkit import HANDBOOK, RESTRICTED_MARKERS, copy_root, handbook

FIELDS = {"id", "kind", "title", "date", "score", "snippet", "path", "match"}


def test_human_output_shows_title_date_type_marked_snippet_and_path(indexed_root: Path) -> None:
    run = handbook("search", "台风", "--root", indexed_root)
    assert run.code == 0, run.err
    assert run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == "检索“台风”：共 1 条（检索范围：内部版）"
    assert lines[2] == "1. 第9號颱風防禦值班總結  2024-09-16  应急"
    assert "【颱風】" in lines[3]
    assert lines[4] == "   content/reviews/typhoon-traditional.yml"
    assert "\x1b[" not in run.out  # no colour codes when stdout is not a terminal


def test_colour_only_on_a_terminal(indexed_root: Path) -> None:
    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"} | {"TERM": "xterm"}
    proc = subprocess.run([str(HANDBOOK), "search", "台风", "--root", str(indexed_root)], stdout=follower,
                          stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(follower)
    out = b""
    try:
        while chunk := os.read(leader, 65536):
            out += chunk
    except OSError:
        pass  # the terminal closed
    os.close(leader)
    assert proc.returncode == 0
    text = out.decode()
    assert "\x1b[1;33m颱風\x1b[0m" in text and "【" not in text


def test_json_is_a_list_of_hits(indexed_root: Path) -> None:
    run = handbook("search", "席卡", "--root", indexed_root, "--json")
    assert run.code == 0, run.err
    hits = json.loads(run.out)
    assert [hit["id"] for hit in hits] == ["name-cards", "reception-rules"]
    for hit in hits:
        assert set(hit) >= FIELDS
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert "席卡" in hit["snippet"]
    assert hits[0] | {"score": 0, "snippet": "", "highlights": []} == {
        "id": "name-cards", "kind": "review", "title": "省调研组来区调研接待总结", "date": "2024-03-12",
        "score": 0, "snippet": "", "path": "content/reviews/name-cards.yml", "type": "接待", "highlights": [],
        "match": "exact",
    }
    assert hits[1]["date"] is None  # guidelines have no date


def test_filters_and_limit_on_the_command_line(indexed_root: Path) -> None:
    run = handbook("search", "值班", "--root", indexed_root, "--json", "--kind", "review", "--since", "2024",
                   "--limit", "5")
    assert [hit["id"] for hit in json.loads(run.out)] == ["typhoon-traditional"]
    run = handbook("search", "接待", "--root", indexed_root, "--json", "--type", "接待", "--tag", "食品安全")
    assert [hit["id"] for hit in json.loads(run.out)] == ["food-safety"]
    run = handbook("search", "办公室", "--root", indexed_root, "--limit", "2")
    assert run.out.startswith("检索“办公室”：共 4 条，显示前 2 条")


def test_no_result_is_a_friendly_line_and_success(indexed_root: Path) -> None:
    run = handbook("search", "潜水艇", "--root", indexed_root)
    assert (run.code, run.err) == (0, "")
    assert run.out.startswith("没有找到与“潜水艇”相关的记录")
    run = handbook("search", "潜水艇", "--root", indexed_root, "--json")
    assert (run.code, json.loads(run.out)) == (0, [])


def test_default_audience_prints_nothing_restricted(indexed_root: Path) -> None:
    for query in ("暗记", "车辆", "领导", "副区长"):
        run = handbook("search", query, "--root", indexed_root, "--json", "--limit", "50")
        assert run.code == 0
        for marker in RESTRICTED_MARKERS:
            assert marker not in run.out + run.err
    run = handbook("search", "香菜", "--root", indexed_root, "--audience", "restricted", "--json")
    assert [hit["id"] for hit in json.loads(run.out)] == ["leader-wang"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-13-01"], "--since 的日期“2024-13-01”不存在"),
        (["--since", "昨天"], "--since 的日期“昨天”格式不对"),
        (["--until", "2024/01/01"], "--until 的日期“2024/01/01”格式不对"),
        (["--since", "2025-01-01", "--until", "2024-01-01"], "起始日期应早于截止日期"),
        (["--limit", "0"], "--limit 应为正整数"),
        (["--type", "吃饭"], "事件类型“吃饭”无效"),
    ],
)
def test_wrong_usage_exits_2_with_a_chinese_message(indexed_root: Path, args: list[str], message: str) -> None:
    run = handbook("search", "值班", "--root", indexed_root, *args)
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("handbook search: 用法错误：") and message in run.err
    assert "Traceback" not in run.err


def test_an_empty_query_and_a_bad_audience_are_usage_errors(indexed_root: Path) -> None:
    assert handbook("search", "  ", "--root", indexed_root).code == 2
    run = handbook("search", "值班", "--root", indexed_root, "--audience", "secret")
    assert run.code == 2 and "用法错误" in run.err


def test_a_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    run = handbook("search", "值班", "--root", tmp_path / "nowhere")
    assert run.code == 2 and "不存在" in run.err and "site_config.yml" not in run.err


def test_broken_content_is_reported_with_its_position_and_exit_1(tmp_path: Path) -> None:
    root = copy_root(tmp_path / "root")
    (root / "content" / "reviews" / "broken.yml").write_text("title: 少了日期\ntype: 接待\n", encoding="utf-8")
    run = handbook("search", "值班", "--root", root)
    assert run.code == 1
    assert run.err.startswith("content/reviews/broken.yml:")
    assert "Traceback" not in run.err
    assert not (root / "build" / "index").exists()  # nothing written


def test_a_folder_that_is_not_a_handbook_is_reported(tmp_path: Path) -> None:
    run = handbook("search", "值班", "--root", tmp_path)
    assert run.code == 1 and "site_config.yml" in run.err


def test_first_use_creates_the_index(tmp_path: Path) -> None:
    root = copy_root(tmp_path / "root")
    run = handbook("search", "席卡", "--root", root, "--json")
    assert run.code == 0 and len(json.loads(run.out)) == 2
    assert (root / "build" / "index" / "records" / "manifest.json").is_file()


def test_an_unwritable_index_folder_is_reported_plainly(tmp_path: Path) -> None:
    root = copy_root(tmp_path / "root")
    (root / "build").write_text("a file where the build folder should be\n")  # unwritable even for root
    run = handbook("search", "值班", "--root", root)
    assert run.code == 1, run.err
    assert run.err.startswith("handbook search: 无法写入检索索引") and "Traceback" not in run.err
    assert (root / "build").read_text() == "a file where the build folder should be\n"
