"""The proofreader over whole specs: clean ones stay silent, seeded ones are caught at the planted line.

clean/   specs written the standard way (both title forms, every document type), plus content/documents/
seeded/  one planted slip each; the header line “# 预期：第N行：片段” says where and what (make_seeded.py)

The measured recall and false-finding count are the figures docs/proofreading.md states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.documents import check_spec
from generator.errors import Problem, Problems
from generator.load import load_model
from generator.model.records import Document
from tests.conftest import REPO
from tests.documents.proofread_corpus.make_seeded import SEEDS, seeded_text

CORPUS = Path(__file__).parent / "proofread_corpus"
CLEAN = sorted((CORPUS / "clean").glob("*.yml")) + sorted((REPO / "content" / "documents").glob("*.yml"))
SEEDED = sorted((CORPUS / "seeded").glob("*.yml"))
EXPECTED = re.compile(r"^# 预期：第(?P<line>\d+)行：(?P<fragment>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    """What the proofreader made of one seeded spec."""

    caught: bool
    false_findings: list[Problem]


def proofread_file(path: Path) -> list[Problem]:
    """Load and proofread one spec as `handbook doc` does; a spec that does not load fails the test."""
    problems = Problems()
    loaded = load_model(path, path.name, Document, problems)
    assert loaded is not None, [str(p) for p in problems.items]
    return check_spec(loaded[0], loaded[1], path, path.name)


def outcome(path: Path) -> Outcome:
    expected = EXPECTED.search(path.read_text(encoding="utf-8"))
    assert expected is not None, f"{path.name} has no “# 预期：第N行：…” line"
    line, fragment = int(expected["line"]), expected["fragment"]
    findings = proofread_file(path)
    hits = [f for f in findings if f.line == line and fragment in f.message]
    return Outcome(bool(hits), [f for f in findings if f not in hits])


def test_the_corpora_are_big_enough_and_cover_every_type_and_both_title_forms() -> None:
    assert len(CLEAN) >= 30
    types = {re.search(r"^type: (\w+)", p.read_text(encoding="utf-8"), re.MULTILINE)[1] for p in CLEAN}  # type: ignore[index]
    assert types == {"notice", "meeting_notice", "request", "report", "minutes", "letter"}
    titles = [re.search(r"^title: (.+)$", p.read_text(encoding="utf-8"), re.MULTILINE)[1] for p in CLEAN]  # type: ignore[index]
    assert sum(t.startswith("关于") for t in titles) >= 10
    assert sum(t.startswith("青禾区人民政府") and "关于" in t for t in titles) >= 6  # the full form with the issuer
    per_rule: dict[str, int] = {}
    for seed in SEEDS:
        per_rule[seed.rule] = per_rule.get(seed.rule, 0) + 1
    assert min(per_rule.values()) >= 3, per_rule


def test_the_seeded_files_are_up_to_date_with_their_seeds() -> None:
    """seeded/ is what make_seeded.py writes from clean/ today; regenerate it after changing either."""
    assert sorted(p.stem for p in SEEDED) == sorted(seed.name for seed in SEEDS)
    for seed in SEEDS:
        assert (CORPUS / "seeded" / f"{seed.name}.yml").read_text(encoding="utf-8") == seeded_text(seed), seed.name


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_a_clean_spec_has_no_finding_at_all(path: Path) -> None:
    assert [str(f) for f in proofread_file(path)] == []


@pytest.mark.parametrize("path", SEEDED, ids=lambda p: p.stem)
def test_a_seeded_slip_is_reported_at_its_line_and_nothing_else(path: Path) -> None:
    result = outcome(path)
    assert result.caught, [str(f) for f in proofread_file(path)]
    assert [str(f) for f in result.false_findings] == []


def test_the_manual_states_the_measured_recall_and_false_findings() -> None:
    results = [outcome(path) for path in SEEDED]
    caught = sum(r.caught for r in results)
    false_findings = sum(len(r.false_findings) for r in results) + sum(len(proofread_file(p)) for p in CLEAN)
    manual = (REPO / "docs" / "proofreading.md").read_text(encoding="utf-8")
    assert f"查出 {caught} / {len(SEEDED)} 处" in manual
    assert f"误报 {false_findings} 条" in manual
    assert f"{len(CLEAN)} 份规范写法的公文" in manual
