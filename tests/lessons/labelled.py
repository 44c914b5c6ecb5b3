"""The labelled pairs of tests/lessons/recurrence_pairs.yml and the detector's precision and recall on them.

    .venv/bin/python -m tests.lessons.labelled     # prints the numbers docs/actions.md reports
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from generator.lessons.recurrence import SAME_PROBLEM, Signature, signature_similarity
from generator.lessons.terms import concept_terms

PAIRS = Path(__file__).with_name("recurrence_pairs.yml")


@dataclass(frozen=True)
class Pair:
    note: str
    same: bool
    a: Signature
    b: Signature


def _signature(side: dict[str, str]) -> Signature:
    what = concept_terms(side["what"])
    return what, what | concept_terms(side.get("cause") or "")


def load_pairs() -> list[Pair]:
    data = YAML(typ="safe").load(PAIRS.read_text(encoding="utf-8"))
    return [Pair(p["note"], bool(p["same"]), _signature(p["a"]), _signature(p["b"])) for p in data["pairs"]]


@dataclass(frozen=True)
class Measured:
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int
    missed: list[str]
    wrong: list[str]

    @property
    def precision(self) -> float:
        return self.true_positive / max(self.true_positive + self.false_positive, 1)

    @property
    def recall(self) -> float:
        return self.true_positive / max(self.true_positive + self.false_negative, 1)


def measure(pairs: list[Pair]) -> Measured:
    found = [(p, signature_similarity(p.a, p.b) >= SAME_PROBLEM) for p in pairs]
    return Measured(
        sum(1 for p, said in found if said and p.same),
        sum(1 for p, said in found if said and not p.same),
        sum(1 for p, said in found if not said and p.same),
        sum(1 for p, said in found if not said and not p.same),
        [p.note for p, said in found if not said and p.same],
        [p.note for p, said in found if said and not p.same],
    )


if __name__ == "__main__":
    pairs = load_pairs()
    result = measure(pairs)
    print(f"{len(pairs)} pairs ({sum(p.same for p in pairs)} same, {sum(not p.same for p in pairs)} not the same)")
    print(f"precision {result.precision:.2f} ({result.true_positive}/{result.true_positive + result.false_positive}), "
          f"recall {result.recall:.2f} ({result.true_positive}/{result.true_positive + result.false_negative})")
    for note in result.missed:
        print("missed:", note)
    for note in result.wrong:
        print("wrongly the same:", note)
