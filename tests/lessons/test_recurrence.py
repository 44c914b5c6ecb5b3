"""The same problem in different reviews: measured on a labelled set, found in the samples, warned by check."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from generator.lessons.recurrence import MAX_EARLIER, find_recurrences
from generator.lessons.terms import IDF_TABLE, term_weight
from generator.load import load_content
from tests.conftest import REPO, make_root, run_handbook
from tests.lessons.labelled import load_pairs, measure

# docs/actions.md reports the numbers this set gives; the test keeps them from getting worse
MIN_PRECISION = 0.85
MIN_RECALL = 0.85


def test_the_labelled_set_is_large_and_balanced() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 60
    assert 0.4 <= sum(p.same for p in pairs) / len(pairs) <= 0.6


def test_precision_and_recall_on_the_labelled_set() -> None:
    result = measure(load_pairs())
    assert result.precision >= MIN_PRECISION, result.wrong
    assert result.recall >= MIN_RECALL, result.missed


def test_the_samples_repeat_the_substitutes_name_card_in_both_scripts() -> None:
    found = find_recurrences(load_content(REPO).of_kind("review"))
    later = found[("2025-04-hong-kong-chamber-reception", 1)]  # written in traditional characters
    assert [o.item.id for o in later.earlier] == ["2024-12-economic-work-conference", "2023-03-city-supervision-reception"]
    assert [o.action.what for o in later.fixed_before if o.action] == [
        "制定会务交接单，包含替会名单、座次图和席卡清单", "在会务工作规程中增加“替会人员名单签收”环节"]
    # the first review of the three has no earlier occurrence; problems of one review are never paired
    assert ("2023-03-city-supervision-reception", 0) not in found


def test_a_review_names_at_most_a_few_earlier_reviews_newest_first(tmp_path: Path) -> None:
    files = {
        f"content/reviews/r{year}.yml": f"title: 第{year}年接待\ndate: {year}-05-01\ntype: 接待\nproblems:\n"
        "  - what: 替会人员的席卡没有及时更换\n    cause: 替会信息只发在工作群\n"
        for year in range(2018, 2026)
    }
    found = find_recurrences(load_content(make_root(tmp_path, files)).of_kind("review"))
    latest = found[("r2025", 0)]
    assert [o.item.id for o in latest.earlier] == ["r2024", "r2023", "r2022"][:MAX_EARLIER]


def test_check_warns_when_a_fixed_problem_recurs_and_still_passes(tmp_path: Path) -> None:
    from tests.lessons.conftest import REVIEWS

    root = make_root(tmp_path / "handbook", REVIEWS)
    result = run_handbook("check", "--root", root)
    assert result.code == 0, result.err
    assert result.out.startswith("检查通过")
    assert result.err.splitlines() == [
        "content/reviews/b-internal.yml:5:11: 警告：问题“我方替會人員席卡沒有及時更換，只能手寫”此前发生过："
        "《督查组接待总结》（2023年3月16日，content/reviews/d-earlier.yml）的整改事项“在会务工作规程中增加替会人员名单签收环节”"
        "已标为完成，但问题再次发生，整改没有见效。请复查当时的改进办法，并在本总结的整改事项中写明新的措施"
    ]
    strict = run_handbook("check", "--root", root, "--strict")
    assert strict.code == 1


def test_jiebas_idf_table_is_where_we_read_it() -> None:
    """The weights come from a data file inside jieba (not a public API): make sure it is still there."""
    table = resources.files("jieba").joinpath(*IDF_TABLE)
    assert table.is_file()
    assert term_weight("没有") < 5 < term_weight("话筒")
