"""The whole pipeline in one screen: load → validate → documents → search index → site.

Phase one gathers and validates every record; nothing is written unless all of it is sound.
Phase two writes each output into a temporary place and swaps it in whole (generator/atomic.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.load import Content, load_content


@dataclass
class BuildPaths:
    """Where one build writes: all under the content root's build/ unless --out says otherwise."""

    root: Path
    site: Path

    @property
    def documents(self) -> Path:
        return self.root / "build" / "documents"

    @property
    def templates(self) -> Path:
        return self.root / "build" / "templates"

    @property
    def index(self) -> Path:
        return self.root / "build" / "index"

    @classmethod
    def for_root(cls, root: Path, out: Path | None = None) -> BuildPaths:
        root = root.resolve()
        return cls(root, (out.absolute() if out else root / "build" / "site"))


def build(root: Path, audience: str = "internal", out: Path | None = None) -> Content:
    """Build documents, search index and the handbook site for readers up to `audience`."""
    paths = BuildPaths.for_root(root, out)
    content = load_content(paths.root)  # 1. load and validate everything (raises before any write)
    # 2. documents, 3. search index, 4. site: filled in by their stages (issues 3, 4, 5)
    return content
