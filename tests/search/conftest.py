"""Fixtures for the search tests: a small content root with traditional records, filters and audiences."""

from __future__ import annotations

from pathlib import Path

import pytest
from searchkit import copy_root

from generator.load import load_content
from generator.search import refresh_index


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh, writable copy of the fixture content root, not yet indexed."""
    return copy_root(tmp_path / "root")


@pytest.fixture(scope="session")
def indexed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One indexed copy of the fixture root shared by read-only tests."""
    target = copy_root(tmp_path_factory.mktemp("search") / "root")
    refresh_index(load_content(target), target / "build" / "index")
    return target
