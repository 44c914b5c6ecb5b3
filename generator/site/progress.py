"""A progress display for builds that take more than a second: stage and count, on stderr, only on a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

DELAY_SECONDS = 1.0


class BuildProgress:
    """Show "stage  ━━━━━  120/2000" once a build has run for a second; stay silent otherwise."""

    def __init__(self, enabled: bool | None = None, delay: float = DELAY_SECONDS) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.delay = delay
        self.started = time.monotonic()
        self.display: Progress | None = None
        self.task: TaskID | None = None
        self.name = ""
        self.total: int | None = None
        self.done = 0

    def stage(self, name: str, total: int | None = None) -> None:
        """Begin a stage; total is the number of steps when known."""
        self.name, self.total, self.done = name, total, 0
        if self.display is not None:
            if self.task is not None:
                self.display.update(self.task, visible=False)
            self.task = self.display.add_task(name, total=total)
        self._maybe_start()

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.display is not None and self.task is not None:
            self.display.update(self.task, completed=self.done)
        else:
            self._maybe_start()

    def _maybe_start(self) -> None:
        if not self.enabled or self.display is not None or time.monotonic() - self.started < self.delay:
            return
        self.display = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self.display.start()
        self.task = self.display.add_task(self.name, total=self.total, completed=self.done)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Stop the display's refresh thread for a moment: a process forks safely only while it has one
        thread (generator/beside.py)."""
        display = self.display
        if display is None:
            yield
            return
        display.stop()
        try:
            yield
        finally:
            display.start()

    def close(self) -> None:
        if self.display is not None:
            self.display.stop()
            self.display = None

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()
