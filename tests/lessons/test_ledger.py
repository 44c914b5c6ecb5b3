"""`handbook actions`: the 整改台账 as a clerk uses it — overdue against a fixed day, owners, audiences, sheets."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.lessons.ledger import content_ledger
from generator.load import load_content
from tests.conftest import run_handbook
from tests.lessons.conftest import TODAY


def _json(root: Path, *options: str) -> list[dict[str, object]]:
    result = run_handbook("actions", "--root", root, "--today", TODAY, "--json", *options)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def _marks(items: list[dict[str, object]]) -> list[str]:
    return [str(item["what"]).split()[0] for item in items]


def test_json_lists_every_visible_action_overdue_first(ledger_root: Path) -> None:
    items = _json(ledger_root)
    assert _marks(items) == ["INT-OVERDUE", "PUB-OVERDUE", "INT-TODAY", "INT-NODUE", "在会务工作规程中增加替会人员名单签收环节",
                             "PUB-DONE"]
    first = items[0]
    assert first == {
        "what": "INT-OVERDUE 與區商務局建立陪同人員提前一天確認機制", "owner": "劉暢（秘書一科）", "due": "2025-06-01",
        "done": False, "overdue": True, "review": "b-internal", "review_title": "香港商會考察團接待總結",
        "review_date": "2025-04-18", "days_overdue": 30, "path": "content/reviews/b-internal.yml",
    }


def test_overdue_means_due_before_today_and_not_done(ledger_root: Path) -> None:
    by_mark = {str(i["what"]).split()[0]: i for i in _json(ledger_root)}
    assert by_mark["PUB-OVERDUE"]["overdue"] is True and by_mark["PUB-OVERDUE"]["days_overdue"] == 1
    assert by_mark["INT-TODAY"]["overdue"] is False  # due today is not late yet
    assert by_mark["INT-NODUE"]["overdue"] is False and by_mark["INT-NODUE"]["due"] is None
    assert by_mark["PUB-DONE"]["overdue"] is False  # done before its due date passed
    assert _marks(_json(ledger_root, "--overdue")) == ["INT-OVERDUE", "PUB-OVERDUE"]
    # a month earlier, nothing was overdue yet
    result = run_handbook("actions", "--root", ledger_root, "--today", "2025-05-31", "--json", "--overdue")
    assert json.loads(result.out) == []


def test_owner_filter_finds_part_of_the_name_in_either_script(ledger_root: Path) -> None:
    assert _marks(_json(ledger_root, "--owner", "刘畅")) == ["INT-OVERDUE"]  # 劉暢 written in traditional
    assert _marks(_json(ledger_root, "--owner", "周敏", "--open")) == ["INT-TODAY"]
    assert _json(ledger_root, "--owner", "没有这个人") == []


def test_an_action_is_as_visible_as_its_review(ledger_root: Path) -> None:
    assert _marks(_json(ledger_root, "--audience", "public")) == ["PUB-OVERDUE", "PUB-DONE"]
    assert "RES-OVERDUE" not in _marks(_json(ledger_root))  # internal by default
    assert _marks(_json(ledger_root, "--audience", "restricted"))[0] == "RES-OVERDUE"


def test_the_table_marks_overdue_days_and_counts(ledger_root: Path) -> None:
    result = run_handbook("actions", "--root", ledger_root, "--today", TODAY, "--overdue")
    assert result.code == 0, result.err
    assert "逾期 30 天" in result.out and "逾期 1 天" in result.out
    assert "共 2 项：逾期 2 项，未完成 0 项，已完成 0 项（按 2025-07-01 计算）。" in result.out


def test_xlsx_opens_with_dates_as_dates_a_frozen_header_and_readable_widths(ledger_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    result = run_handbook("actions", "--root", ledger_root, "--today", TODAY, "--open", "--out", out)
    assert result.code == 0, result.err
    assert result.out.strip() == f"已写入整改台账：{out}（4 项，其中逾期 2 项；按 2025-07-01 计算）"
    sheet = load_workbook(out).active
    assert sheet.title == "整改台账"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("状态", "逾期天数", "整改事项", "责任人", "期限", "出处总结", "总结日期", "总结编号")
    assert rows[1][:5] == ("逾期", 30, "INT-OVERDUE 與區商務局建立陪同人員提前一天確認機制", "劉暢（秘書一科）",
                           datetime(2025, 6, 1))
    assert sheet["E2"].is_date and sheet["E2"].number_format == 'yyyy"年"m"月"d"日"'
    assert sheet["G2"].is_date
    assert rows[4][0] == "未完成" and rows[4][4] is None  # no due date: an empty cell, not "None"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    widths = {column: sheet.column_dimensions[column].width for column in "ABCDEFGH"}
    assert widths["C"] >= 2 * len("INT-OVERDUE 與區商務局建立陪同人員提前一天確認機制") - 20  # Chinese counts double
    assert widths["A"] < widths["C"] and all(8 <= width <= 62 for width in widths.values())


def test_csv_is_utf8_with_bom_and_chinese_headers(ledger_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.csv"
    assert run_handbook("actions", "--root", ledger_root, "--today", TODAY, "--out", out).code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on a Chinese Windows needs it to read UTF-8
    assert b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["状态", "逾期天数", "整改事项", "责任人", "期限"]
    assert rows[1][:2] == ["逾期", "30"] and rows[1][4] == "2025-06-01"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--out", "台账.txt"], "--out 的文件应以 .xlsx 或 .csv 结尾，而不是“台账.txt”"),
        (["--today", "2025-13-01"], "--today 的日期“2025-13-01”不对：应写成 年-月-日"),
    ],
)
def test_wrong_usage_exits_2_and_writes_nothing(ledger_root: Path, tmp_path: Path, options: list[str],
                                                message: str) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run_handbook("actions", "--root", ledger_root, *options, cwd=tmp_path)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_broken_content_exits_1_and_writes_no_sheet(ledger_root: Path, tmp_path: Path) -> None:
    (ledger_root / "content/reviews/e-bad.yml").write_text("title: 坏的\ndate: 2025-02-30\ntype: 接待\n", encoding="utf-8")
    out = tmp_path / "台账.xlsx"
    result = run_handbook("actions", "--root", ledger_root, "--out", out)
    assert result.code == 1
    assert "content/reviews/e-bad.yml:2:7:" in result.err
    assert not out.exists()


def test_the_library_counts_against_the_day_it_is_given(ledger_root: Path) -> None:
    content = load_content(ledger_root)
    entries = content_ledger(content, "internal", date(2025, 6, 2))
    overdue = [e for e in entries if e.overdue]
    assert [(e.action.what.split()[0], e.days_overdue) for e in overdue] == [("INT-OVERDUE", 1)]
