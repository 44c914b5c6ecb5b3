"""Problems found in content, each tied to a file position, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file."""

    path: str
    line: int
    column: int
    message: str
    warning: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        prefix = "警告：" if self.warning else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class Problems:
    """Collect every problem first, then fail once (so a clerk sees every problem at once)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str | Path, line: int, column: int, message: str, *, warning: bool = False) -> None:
        self.items.append(Problem(str(path), line, column, message, warning))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def __bool__(self) -> bool:
        return bool(self.errors)

    def sorted(self) -> list[Problem]:
        return sorted(self.items)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentError(self.sorted())


class ContentError(Exception):
    """Content or input is wrong; carries every problem found. Exit code 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def single(cls, path: str | Path, line: int, column: int, message: str) -> ContentError:
        return cls([Problem(str(path), line, column, message)])


class UsageError(Exception):
    """The command was called wrongly. Exit code 2."""


class OutputBusy(Exception):
    """An output folder or file stayed locked by another build for the whole wait (the CLI exits 2)."""

    def __init__(self, target: Path, waited: float) -> None:
        super().__init__(f"{target} 正被另一个生成过程使用，等待 {waited:.0f} 秒仍未结束：请稍后再试")
        self.target, self.waited = target, waited
